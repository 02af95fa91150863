/**
 * Sign-in attempts, rate-limited per user and per device: a sliding window over failed attempts.
 * The decision is the shared rule's (shared/rules/sign-in-limit.ts, tested in
 * test/unit/sign-in-limit.test.ts); the limiter around it only keeps those instants in memory.
 * A refused attempt is not counted (waiting is never prolonged), and the password is not even
 * checked, so guessing costs the server nothing while refused.
 */

import {
  combine,
  decideAttempt,
  DEFAULT_DEVICE_LIMIT,
  DEFAULT_USER_LIMIT,
  type LimitDecision,
  type LimitPolicy,
} from '../shared/rules/sign-in-limit';

export type { LimitPolicy };

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
