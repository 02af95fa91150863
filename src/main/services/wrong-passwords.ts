/**
 * Wrong passwords in a row per username on this desk, in memory: from SIGN_IN_WARN_FROM on, the
 * refusal says the sign-in limit (shared/rules/sign-in-limit.ts) before the limit stops the
 * agent, rather than a sixth try finding a 15-minute wait unannounced. A sign-in clears the
 * username; the count is only for the words, the limit itself is the central API's and
 * local-sign-in-limit.ts's.
 */
import { SIGN_IN_WARN_FROM } from '../../shared/rules/sign-in-limit';

/** Usernames kept at most (anything may be typed): past that the stalest are forgotten. */
const MAX_USERNAMES = 100;

export function createWrongPasswords() {
  const inARow = new Map<string, number>();
  const key = (username: string) => username.trim().toLowerCase();
  return {
    /** One more wrong password for `username`: true once the limit is to be said. */
    failed(username: string): boolean {
      const name = key(username);
      const count = (inARow.get(name) ?? 0) + 1;
      // Re-inserted: the map's order is the staleness order.
      inARow.delete(name);
      inARow.set(name, count);
      while (inARow.size > MAX_USERNAMES) inARow.delete(inARow.keys().next().value!);
      return count >= SIGN_IN_WARN_FROM;
    },
    signedIn(username: string): void {
      inARow.delete(key(username));
    },
  };
}
