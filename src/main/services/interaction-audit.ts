/**
 * A call's or visit's own audit row (opened, closed, its reason, person or caller changed):
 * bound to it, about its person, with nothing of an action's reason or identity check.
 */
import { newId } from '../../shared/ids';
import type { InteractionRow } from '../repositories/interaction-repository';
import type { ServiceContext, Session } from './context';

export function auditInteraction(
  ctx: ServiceContext,
  session: Session,
  row: InteractionRow,
  action: string,
  after: unknown,
  before: unknown = null,
) {
  ctx.repos.audit.append({
    id: newId(),
    at: ctx.now().toISOString(),
    agentId: session.agentId,
    deviceId: ctx.deviceId,
    personRut: row.personRut,
    action,
    before: before === null ? null : JSON.stringify(before),
    after: JSON.stringify(after),
    reason: null,
    identityCheck: null,
    interactionId: row.id,
  });
}
