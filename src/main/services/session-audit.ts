/**
 * Who came into this desk and who left it, in the audit: a sign-in (and how it was checked), a
 * refused one for an agent this desk knows, a sign-out, beside the screen lock's events
 * (screen-lock.ts). The data-protection officer reads from them who could see personal data, when.
 * Never a password, nor a username nobody has (it may be a password typed in the wrong field).
 */
import { newId } from '../../shared/ids';
import type { ServiceContext } from './context';

/** How a sign-in was checked: by the central API, by this desk alone, or here while offline. */
export type SignInCheck = 'central' | 'desk' | 'offline';
/** Why a session ended without a lock: the agent signed out, or another signed in here. */
export type SignOutCause = 'sign_out' | 'sign_in';
/**
 * Why a sign-in was refused: a wrong password, an agent disabled, too many attempts; or a wrong
 * password at the lock screen (screen-lock.ts), each one, not only the last that ends it.
 */
export type SignInRefusal = 'password' | 'disabled' | 'rate_limited' | 'unlock_password';

export function auditSession(
  ctx: ServiceContext,
  agentId: string,
  action: string,
  after: Record<string, unknown>,
): void {
  ctx.repos.audit.append({
    id: newId(),
    at: ctx.now().toISOString(),
    agentId,
    deviceId: ctx.deviceId,
    personRut: null,
    action,
    before: null,
    after: JSON.stringify(after),
    reason: null,
    identityCheck: null,
    interactionId: null,
  });
}

export function auditSignIn(ctx: ServiceContext, agentId: string, check: SignInCheck): void {
  auditSession(ctx, agentId, 'session.sign_in', { check });
}

export function auditSignOut(ctx: ServiceContext, agentId: string, cause: SignOutCause): void {
  auditSession(ctx, agentId, 'session.sign_out', { cause });
}

/**
 * A refused sign-in, under the agent the username names on this desk; nothing when it names
 * nobody here (what was typed is not kept).
 */
export function auditSignInRefused(
  ctx: ServiceContext,
  username: string,
  cause: SignInRefusal,
): void {
  const agent = ctx.repos.agents.byUsername(username.trim().toLowerCase());
  if (!agent) return;
  // A wrong password is one, disabled agent or not: what the screen said, and someone guessing
  // at a disabled account shows as such.
  auditSession(ctx, agent.id, 'session.sign_in_refused', { cause });
}
