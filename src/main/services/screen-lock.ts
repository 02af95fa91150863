/**
 * The screen lock: locking sets the agent's session aside (audited); the same agent's password,
 * checked against this device's verifier of it (so it works offline too), brings it back.
 * Core keeps the locked session and counts the wrong passwords (src/shared/idle-lock.ts).
 */
import { verifyPassword } from '../../storage/password';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';
import { sessionFor } from './sign-in';
import { auditSession as audit } from './session-audit';

export type LockReason = 'idle' | 'manual' | 'system';
export type SessionEndCause = 'sign_in' | 'attempts' | 'sign_out';

export function lockScreen(ctx: ServiceContext, session: Session, reason: LockReason): void {
  audit(ctx, session.agentId, 'session.lock', { reason });
}

/** The locked agent's session again, refreshed from the replica; RuleError when refused. */
export function unlockScreen(
  ctx: ServiceContext,
  locked: Session,
  password: string,
  attemptsLeft: number,
): Session {
  const agent = ctx.repos.agents.byUsername(locked.username);
  const matches = agent !== null && verifyPassword(password, agent.passwordHash);
  if (!agent || !agent.active || agent.id !== locked.agentId || !matches) {
    // The right password of an agent disabled meanwhile is no wrong password.
    const cause = agent && matches && !agent.active ? 'disabled' : 'unlock_password';
    audit(ctx, locked.agentId, 'session.sign_in_refused', { cause });
    throw new RuleError(attemptsLeft > 0 ? 'screen_unlock_failed' : 'screen_unlock_exhausted', {
      left: attemptsLeft,
    });
  }
  audit(ctx, locked.agentId, 'session.unlock', {});
  return sessionFor(ctx, agent);
}

/** The locked session ends without being unlocked: another agent signed in, or attempts ran out. */
export function endLockedSession(ctx: ServiceContext, locked: Session, cause: SessionEndCause) {
  audit(ctx, locked.agentId, 'session.end', { cause });
}
