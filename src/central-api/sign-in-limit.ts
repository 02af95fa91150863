/**
 * Sign-in attempts, rate-limited per user and per device: a sliding window over failed attempts.
 * The decision is a pure function of the failures' instants and the clock (tested in
 * test/unit/sign-in-limit.test.ts); the limiter around it only keeps those instants in memory.
 * A refused attempt is not counted (waiting is never prolonged), and the password is not even
 * checked, so guessing costs the server nothing while refused.
 */

export type LimitPolicy = {
  /** Failed attempts allowed within the window; the next one waits. */
  max: number;
  windowMs: number;
};

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

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

/** Keys kept at most; past that the stalest are forgotten (memory stays bounded). */
const MAX_KEYS = 50_000;

export function createSignInLimiter(options: {
  now: () => Date;
  perUser?: LimitPolicy;
  perDevice?: LimitPolicy;
}) {
  const perUser = options.perUser ?? DEFAULT_USER_LIMIT;
  const perDevice = options.perDevice ?? DEFAULT_DEVICE_LIMIT;
  const failures = new Map<string, number[]>();
  const keys = (username: string, deviceId: string) => ({
    user: `user:${username.trim().toLowerCase()}`,
    device: `device:${deviceId.toLowerCase()}`,
  });
  const windowOf = (key: string) => (key.startsWith('user:') ? perUser : perDevice);

  return {
    check(username: string, deviceId: string): LimitDecision {
      const now = options.now().getTime();
      const { user, device } = keys(username, deviceId);
      return combine(
        decideAttempt(failures.get(user) ?? [], now, perUser),
        decideAttempt(failures.get(device) ?? [], now, perDevice),
      );
    },
    failed(username: string, deviceId: string): void {
      const now = options.now().getTime();
      for (const key of Object.values(keys(username, deviceId))) {
        const kept = (failures.get(key) ?? []).filter((at) => at > now - windowOf(key).windowMs);
        kept.push(now);
        // Re-inserted at the end: the Map's order is least recently failed first.
        failures.delete(key);
        failures.set(key, kept);
      }
      while (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
    },
    succeeded(username: string, deviceId: string): void {
      for (const key of Object.values(keys(username, deviceId))) failures.delete(key);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
