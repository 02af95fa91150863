/** One company user's line in a company's list: role, outsider or not, state, and since/until. */
import type { CompanyUsersPage } from '../../../shared/contract';
import { formatDate } from '../../../shared/format';
import { companyMessages as t, membershipStateLabels, roleLabels } from '../../../shared/messages';

export function MembershipSummary({ user }: { user: CompanyUsersPage['users'][number] }) {
  return (
    <span className="muted">
      {roleLabels[user.role]}
      {user.external ? ` · ${t.external}` : ''} ·{' '}
      <span className={user.state === 'active' ? '' : 'danger-text'}>
        {membershipStateLabels[user.state]}
      </span>
      {user.endedAt
        ? ` · hasta ${formatDate(user.endedAt)}`
        : ` · desde ${formatDate(user.startedAt)}`}
    </span>
  );
}
