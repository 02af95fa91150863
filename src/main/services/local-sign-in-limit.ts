/**
 * Sign-ins this desk decides itself — offline, from the verifier kept at the agent's last online
 * sign-in, or on a desk with no central API — limited as the central API limits its own (the
 * shared rule: 5 wrong passwords per user in 15 minutes, shared/rules/sign-in-limit.ts): a
 * laptop away from the network is where a lost one gets guessed at. The failures are kept in
 * the replica, so quitting and reopening the app does not reset them. A refused attempt checks
 * no password and counts nothing; a right password clears that user's count.
 */
import { formatTime } from '../../shared/format';
import {
  decideAttempt,
  DEFAULT_USER_LIMIT,
  type LimitPolicy,
} from '../../shared/rules/sign-in-limit';
import type { ServiceContext } from './context';
import { RuleError } from './errors';

/** Runs `verify` (true: the password is right) unless this user must wait; counts a failure. */
export function limitLocalSignIn(
  ctx: ServiceContext,
  username: string,
  verify: () => boolean,
  policy: LimitPolicy = DEFAULT_USER_LIMIT,
): boolean {
  const sqlite = ctx.db.$client;
  const now = ctx.now().getTime();
  const since = new Date(now - policy.windowMs).toISOString();
  sqlite.prepare('DELETE FROM sign_in_failures WHERE at <= ?').run(since);
  const failures = (
    sqlite
      .prepare('SELECT at FROM sign_in_failures WHERE username = ? AND at > ?')
      .pluck()
      .all(username, since) as string[]
  ).map((at) => Date.parse(at));
  const decision = decideAttempt(failures, now, policy);
  if (!decision.allowed) {
    throw new RuleError('sign_in_rate_limited', {
      minutes: Math.max(1, Math.ceil(decision.retryAfterMs / 60_000)),
      at: formatTime(new Date(now + decision.retryAfterMs).toISOString()),
      // Counted here only: the words do not speak of other computers.
      where: 'desk',
    });
  }
  const right = verify();
  if (right) sqlite.prepare('DELETE FROM sign_in_failures WHERE username = ?').run(username);
  else {
    sqlite
      .prepare('INSERT INTO sign_in_failures (username, at) VALUES (?, ?)')
      .run(username, new Date(now).toISOString());
  }
  return right;
}
