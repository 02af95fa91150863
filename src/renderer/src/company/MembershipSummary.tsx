/** One company user's line in a company's list: role, outsider or not, state, and since/until. */
import type { CompanyUsersPage } from '../../../shared/contract';
import { formatDate } from '../../../shared/format';
import { companyMessages as t, profileStandingLabels, roleLabels } from '../../../shared/messages';

/** Pending signature is a step still to take (a warning), not a refusal (danger). */
export const standingClass = (standing: keyof typeof profileStandingLabels) =>
  standing === 'active' ? '' : standing === 'pending_signature' ? 'warn-text' : 'danger-text';

export function MembershipSummary({ user }: { user: CompanyUsersPage['users'][number] }) {
  return (
    <span className="muted">
      {roleLabels[user.role]}
      {user.external ? ` · ${t.external}` : ''} ·{' '}
      <span className={standingClass(user.standing)}>{profileStandingLabels[user.standing]}</span>
      {user.endedAt
        ? ` · hasta ${formatDate(user.endedAt)}`
        : ` · desde ${formatDate(user.startedAt)}`}
    </span>
  );
}
