/** One company user's line in a company's list: role, outsider or not, state, and since/until. */
import type { CompanyUsersPage } from '../../../shared/contract';
import { formatDate } from '../../../shared/format';
import {
  companyMessages as t,
  profileStandingLabels,
  roleLabels,
  standingText,
} from '../../../shared/messages';

/**
 * Pending signature is a step still to take (a warning), not a refusal (danger); an access active
 * at a company no longer adherent opens nothing (rule 6: danger too).
 */
export const standingClass = (
  standing: keyof typeof profileStandingLabels,
  companyAdherent: boolean,
) =>
  standing === 'active'
    ? companyAdherent
      ? ''
      : 'danger-text'
    : standing === 'pending_signature'
      ? 'warn-text'
      : 'danger-text';

export function MembershipSummary({
  user,
  companyAdherent,
}: {
  user: CompanyUsersPage['users'][number];
  companyAdherent: boolean;
}) {
  return (
    <span className="membership-summary muted">
      {/* Its standing follows at once («· Pendiente de firma»): the bare profile name here. */}
      {roleLabels[user.role]}
      {user.external ? ` · ${t.external}` : ''} ·{' '}
      <span className={standingClass(user.standing, companyAdherent)}>
        {standingText(user.standing, companyAdherent)}
      </span>
      {/* The tie's dates, not the state's: «Pausada · desde …» read as paused since then. */}
      {user.endedAt
        ? ` · ${t.tieUntil(formatDate(user.endedAt))}`
        : ` · ${t.tieSince(formatDate(user.startedAt))}`}
    </span>
  );
}
