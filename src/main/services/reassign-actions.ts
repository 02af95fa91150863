/**
 * A shared desk (issue 11, item 2): a supervisor takes over the pending actions of an agent
 * who will not come back to this desk. Honestly: the actions are then sent with the
 * supervisor's token and under the supervisor's authority (the central API checks the
 * supervisor's permissions and records both who decided each action and who sent it, with the
 * reason); they keep their place in the deciding agent's lane, so their order is kept. Nothing
 * about the actions themselves changes. One transaction, audited with the reason.
 */
import type { ServiceContext, Session } from './context';
import { ForbiddenError, RuleError } from './errors';
import { newId } from '../../shared/ids';
import { OUTBOX_SQL } from '../repositories/outbox-repository';
import { MIN_REASON_LENGTH } from '../../shared/policy';

export function reassignPendingActions(
  ctx: ServiceContext,
  session: Session,
  fromAgentId: string,
  reason: string,
): number {
  if (session.role !== 'supervisor') throw new ForbiddenError('role');
  const why = reason.trim();
  if (why.length < MIN_REASON_LENGTH) throw new RuleError('reason_required');
  if (fromAgentId === session.agentId) throw new RuleError('no_change');
  const sqlite = ctx.db.$client;
  return sqlite.transaction(() => {
    const actions = (
      sqlite.prepare(OUTBOX_SQL.pendingOfAgent).all(fromAgentId) as Array<{ action_id: string }>
    ).map((row) => row.action_id);
    if (actions.length === 0) return 0;
    const at = ctx.now().toISOString();
    sqlite
      .prepare(
        `UPDATE outbox SET sent_by = ?, reassign_reason = ?, reassigned_at = ?
         WHERE state = 'pending' AND agent_id = ?`,
      )
      .run(session.agentId, why, at, fromAgentId);
    ctx.repos.audit.append({
      id: newId(),
      at,
      agentId: session.agentId,
      deviceId: ctx.deviceId,
      personRut: null,
      action: 'sync.reassign',
      before: JSON.stringify({ agentId: fromAgentId, actions }),
      after: JSON.stringify({ sentBy: session.agentId, count: actions.length }),
      reason: why,
      identityCheck: null,
      interactionId: null,
    });
    return actions.length;
  })();
}
