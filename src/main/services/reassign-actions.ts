// placeholder, implemented with the shared desk's queues
import type { ServiceContext, Session } from './context';
export function reassignPendingActions(
  _ctx: ServiceContext,
  _session: Session,
  _fromAgentId: string,
  _reason: string,
): number {
  return 0;
}
