/**
 * The address of the central API (Sincronización → Ajustes): where this desk syncs and where
 * its agents' passwords go. Only a supervisor changes it, with a reason kept in the audit;
 * removing it (a desk that stops syncing) is a change like any other.
 */
import { isAcceptableCentralUrl } from '../../shared/central-url';
import { adminReason, auditSupervisorDecision } from './central-admin';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, RuleError } from './errors';

/** The address to store (null: none), or null when it is the one already in use. */
export function changeCentralAddress(
  ctx: ServiceContext,
  session: Session,
  current: string | null,
  input: { centralUrl: string | null; reason: string },
): { changed: boolean; url: string | null } {
  if (session.role !== 'supervisor') throw new ForbiddenError('role');
  const url = input.centralUrl?.trim() || null;
  if (url !== null && !isAcceptableCentralUrl(url)) throw new RuleError('invalid_central_url');
  if (url === current) return { changed: false, url };
  const reason = adminReason(input.reason);
  auditSupervisorDecision(ctx, session, {
    action: 'central.configure',
    before: { centralUrl: current },
    after: { centralUrl: url },
    reason,
  });
  return { changed: true, url };
}
