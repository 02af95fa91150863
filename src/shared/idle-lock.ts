/**
 * The idle-lock policy: after this long without keyboard or pointer input the screen locks,
 * showing nothing of any person, until the same agent types their password again.
 */

/** Default policy: 10 minutes. */
export const DEFAULT_IDLE_LOCK_SECONDS = 10 * 60;
/** Wrong passwords on the lock screen before the locked session is ended. */
export const MAX_UNLOCK_ATTEMPTS = 5;

const MIN_SECONDS = 1;
const MAX_SECONDS = 8 * 60 * 60;

/**
 * The policy in force: `MESA_IDLE_LOCK_SECONDS` (tests, demos) over `idleLockMinutes` in the
 * installation's config.json (IT), over the default. Values out of range are ignored.
 */
export function idleLockSeconds(sources: {
  envSeconds?: string | undefined;
  configMinutes?: unknown;
}): number {
  const fromEnv = Number(sources.envSeconds);
  if (sources.envSeconds && Number.isInteger(fromEnv) && inRange(fromEnv)) return fromEnv;
  const minutes = sources.configMinutes;
  if (typeof minutes === 'number' && Number.isFinite(minutes) && inRange(minutes * 60)) {
    return Math.round(minutes * 60);
  }
  return DEFAULT_IDLE_LOCK_SECONDS;
}

function inRange(seconds: number): boolean {
  return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
}

/** True once `idleSeconds` have passed since the last input (a clock set back never locks). */
export function shouldLock(lastInputAt: number, now: number, idleSeconds: number): boolean {
  return now - lastInputAt >= idleSeconds * 1000;
}

/** Attempts left after `failures` wrong passwords; 0 ends the locked session. */
export function unlockAttemptsLeft(failures: number): number {
  return Math.max(0, MAX_UNLOCK_ATTEMPTS - failures);
}
