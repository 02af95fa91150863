import type { Badge } from '../../../shared/contract';
import { badgeLabel, heldActiveLabel } from '../../../shared/messages';

const TONE: Record<Badge['code'], 'ok' | 'warn' | 'danger'> = {
  active: 'ok',
  temporarily_locked: 'danger',
  registration_blocked: 'danger',
  disabled: 'danger',
  company_not_adherent: 'danger',
  pending_signature: 'warn',
  no_email: 'warn',
  pending_activation: 'warn',
  not_registered: 'warn',
};

/**
 * A person's states. In a result row (compact) the list is not named: a named list inside an
 * option gives the option its name («Estado») in place of the states themselves, and a screen
 * reader scanning results would hear «Estado» where the row says why the person cannot get in.
 */
/**
 * `held`: actions taken here have not reached the central API yet, so «Activo» is this desk's
 * state only: said so, and never green (README: never "done" before it is).
 */
export function Badges({
  badges,
  compact = false,
  held = false,
}: {
  badges: Badge[];
  compact?: boolean;
  held?: boolean;
}) {
  return (
    <ul
      className={compact ? 'badges badges-compact' : 'badges'}
      aria-label={compact ? undefined : 'Estado'}
    >
      {badges.map((badge) =>
        held && badge.code === 'active' ? (
          <li key={badge.code} className="badge badge-warn">
            {heldActiveLabel}
          </li>
        ) : (
          <li key={badge.code} className={`badge badge-${TONE[badge.code]}`}>
            {badgeLabel(badge)}
          </li>
        ),
      )}
    </ul>
  );
}
