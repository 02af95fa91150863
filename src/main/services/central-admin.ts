/**
 * What a supervisor asks of the central API from the desk (issue 11): the devices enrolled with
 * it and their revocation (devices.ts), the prevention officers and their companies
 * (officer-scope.ts). Asked with the supervisor's own session, so the central API checks the
 * role again and keeps who did what; online only — a revocation or an assignment that waited in
 * a queue for the network would protect or give nothing in time, so they are never queued.
 * A change is audited on the desk as soon as the central API confirms it, before anything else
 * is asked of it: a list that then fails to load loses no audit event.
 */
import { newId } from '../../shared/ids';
import { MIN_ADMIN_REASON } from '../../shared/policy';
import { CentralError, type CentralClient } from '../sync/central-client';
import { isSlowAnswer } from '../sync/reachability';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, RuleError, type RuleCode } from './errors';

/** What these services need of the sync engine: a call with the agent's central session. */
export type CentralSession = {
  asAgent<T>(
    agentId: string,
    call: (central: CentralClient, token: string) => Promise<T>,
  ): Promise<T>;
  /** The central API said this very device is revoked: the sync learns it at once. */
  kick(): void;
};

/** Which screen asks: the refusals name what cannot be done (shared/messages/sync.ts). */
export type AdminTopic = 'devices' | 'officers';

/** A supervisor, on a desk with a central API; nothing is asked of it otherwise. */
export function supervisorOnline(
  session: Session,
  central: CentralSession | null,
  topic: AdminTopic,
): CentralSession {
  if (session.role !== 'supervisor') throw new ForbiddenError('role');
  if (!central) throw new RuleError('central_admin_unconfigured', { topic });
  return central;
}

/** The reason given, trimmed; refused when too short to say anything. */
export function adminReason(reason: string): string {
  const why = reason.trim();
  if (why.length < MIN_ADMIN_REASON) {
    throw new RuleError('admin_reason_required', { min: MIN_ADMIN_REASON });
  }
  return why;
}

/** The central API's error codes these screens tell apart, in the desk's rule codes. */
const CENTRAL_CODES: Record<string, RuleCode> = {
  device_not_found: 'device_not_found',
  agent_not_found: 'officer_not_found',
  agent_not_prevention: 'officer_not_found',
  company_not_found: 'officer_company_unknown',
};

/** The central API's refusal or silence, in the words the supervisor reads. */
function refusal(error: unknown, central: CentralSession, topic: AdminTopic): never {
  if (!(error instanceof CentralError)) throw error;
  switch (error.kind) {
    case 'unauthorized':
    case 'invalid_credentials':
    case 'agent_disabled':
      throw new RuleError('central_admin_no_session', { topic });
    case 'device_revoked':
      central.kick();
      throw new RuleError('device_revoked');
    case 'upgrade_required':
      throw new RuleError('central_admin_upgrade');
    case 'device_untrusted':
    case 'device_fork':
      central.kick();
      throw new RuleError('central_admin_reenrol');
    case 'bad_response': {
      if (error.code === 'forbidden') throw new ForbiddenError('role');
      const known = error.code === null ? undefined : CENTRAL_CODES[error.code];
      throw new RuleError(known ?? 'central_admin_refused');
    }
    case 'network':
      // Asked, and no answer in time (or the connection cut mid-answer): it may have been done.
      // The dialog's decisionId makes asking again safe.
      if (mayHaveArrived(error)) throw new RuleError('central_admin_unanswered', { topic });
      throw new RuleError('central_admin_offline', { topic });
    case 'unavailable':
    case 'rate_limited':
    case 'resync_required':
      // A server that asks for patience: nothing was changed.
      throw new RuleError('central_admin_offline', { topic });
  }
}

/** A request that went out and got no whole answer: unlike a refused connection, it may have acted. */
function mayHaveArrived(error: CentralError): boolean {
  return isSlowAnswer(error) || /ECONNRESET|socket hang up|other side closed/i.test(error.message);
}

/** Asks the central API as this supervisor: its answer, or its refusal in her words. */
export async function askCentral<T>(
  online: CentralSession,
  session: Session,
  topic: AdminTopic,
  call: (central: CentralClient, token: string) => Promise<T>,
): Promise<T> {
  try {
    return await online.asAgent(session.agentId, call);
  } catch (error) {
    refusal(error, online, topic);
  }
}

/** A supervisor's decision about this desk or the central API (no person), in the audit chain. */
export function auditSupervisorDecision(
  ctx: ServiceContext,
  session: Session,
  decision: { action: string; before: unknown; after: unknown; reason: string },
): void {
  ctx.repos.audit.append({
    id: newId(),
    at: ctx.now().toISOString(),
    agentId: session.agentId,
    deviceId: ctx.deviceId,
    personRut: null,
    action: decision.action,
    before: decision.before === null ? null : JSON.stringify(decision.before),
    after: JSON.stringify(decision.after),
    reason: decision.reason,
    identityCheck: null,
    interactionId: null,
  });
}

/**
 * A decision the central API confirmed, in the supervisor's audit chain — once per decision: the
 * same dialog's decision answered again (its `decisionId`) is not audited twice.
 */
export function auditAdminDecision(
  ctx: ServiceContext,
  session: Session,
  decision: {
    action: string;
    decisionId: string;
    before: unknown;
    after: Record<string, unknown>;
    reason: string;
  },
): void {
  if (ctx.repos.audit.hasDecision(decision.action, session.agentId, decision.decisionId)) return;
  const { decisionId, after, ...rest } = decision;
  auditSupervisorDecision(ctx, session, { ...rest, after: { ...after, decisionId } });
}
