/**
 * Sign-in attempts limited over a sliding window of failed attempts, as a pure rule: the central
 * API applies it per user and per device (central-api/sign-in-limit.ts, in memory), and a desk to
 * its offline and local sign-ins (main/services/local-sign-in-limit.ts, kept in its replica, so a
 * restart does not reset it). A refused attempt is not counted (waiting is never prolonged).
 */

export type LimitPolicy = {
  /** Failed attempts allowed within the window; the next one waits. */
  max: number;
  windowMs: number;
};

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * From this wrong password in a row with one username on a desk, the refusal says the limit
 * (DEFAULT_USER_LIMIT) before it stops the agent.
 */
export const SIGN_IN_WARN_FROM = 3;

/** 5 wrong passwords per username, 20 per device, within 15 minutes. */
export const DEFAULT_USER_LIMIT: LimitPolicy = { max: 5, windowMs: 15 * 60_000 };
export const DEFAULT_DEVICE_LIMIT: LimitPolicy = { max: 20, windowMs: 15 * 60_000 };

/**
 * May one more attempt be made now? `failures` are the instants (ms) of earlier failed attempts,
 * in any order. When not, `retryAfterMs` is when enough of them leave the window (at least 1 ms).
 */
export function decideAttempt(
  failures: readonly number[],
  now: number,
  policy: LimitPolicy,
): LimitDecision {
  const recent = failures
    .filter((at) => at > now - policy.windowMs && at <= now)
    .sort((a, b) => a - b);
  if (recent.length < policy.max) return { allowed: true };
  // Once the failure at this index leaves the window, fewer than `max` remain in it.
  const unlocking = recent[recent.length - policy.max]!;
  return { allowed: false, retryAfterMs: Math.max(1, unlocking + policy.windowMs - now) };
}

/** Both keys must allow the attempt; the longer wait is the one to tell. */
export function combine(...decisions: LimitDecision[]): LimitDecision {
  let wait = 0;
  for (const decision of decisions) {
    if (!decision.allowed) wait = Math.max(wait, decision.retryAfterMs);
  }
  return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
}
