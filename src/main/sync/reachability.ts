/**
 * Telling "the central API cannot be reached" apart from "the central API answers, but badly".
 *
 * No answer at all (refused, reset, timed out) costs the server nothing, so while it lasts the
 * desk probes `GET /health` (no token, no body, no database) every few seconds, jittered so a
 * fleet of laptops coming back together does not arrive in step, and syncs the moment a probe
 * answers. A server that answers with 5xx or 429 asked for patience: that keeps the long,
 * growing backoff of the sync engine. An OS or browser "online" signal is only a hint: it makes
 * the next probe happen now, never a full sync against a server that asked to be left alone.
 * The other way round, while the desk believes it is online, an "offline" signal or an action's
 * dialog opening makes it probe once (a recheck): a central API gone while the desk sat idle is
 * noticed then, not at the next pull.
 */
import { CentralError } from './central-client';

/** Default wait between probes while offline, and the share of it that is jittered. */
export const PROBE_INTERVAL_MS = 3000;
export const PROBE_JITTER = 0.5;
/** A probe that waits longer than this is as good as no answer. */
export const PROBE_TIMEOUT_MS = 3000;
/**
 * While online, an agent about to act (or the OS saying the network is gone) asks whether the
 * central API is still there: answered this recently, it is not asked again.
 */
export const RECHECK_AFTER_MS = 2000;

/**
 * The wait before the next probe: `intervalMs` ± `jitter`·`intervalMs`, uniformly spread by
 * `random()` (in [0, 1)). It does not grow with the outage's length: a desk that has been
 * offline for hours notices the server as soon as one that has been offline for seconds.
 */
export function probeDelay(random: () => number, intervalMs: number, jitter: number): number {
  const spread = Math.min(1, Math.max(0, jitter));
  const factor = 1 - spread + 2 * spread * Math.min(1, Math.max(0, random()));
  return Math.max(1, Math.round(intervalMs * factor));
}

/** Whether a failure means "no answer from the server" (probe) rather than an answer (backoff). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof CentralError && error.kind === 'network';
}

/**
 * A request of a sync cycle that went out and got no answer in time: the server answered the
 * probe that started the cycle but not its work, so it is busy, not gone. The desk still probes
 * before the next cycle (a network that is really gone is noticed at the probe's pace), but waits
 * longer each time before that probe, as for a server that answers with errors — a busy server
 * is not sent a full push every few seconds.
 */
export function isSlowAnswer(error: unknown): boolean {
  return isUnreachable(error) && (error as CentralError).code === 'timeout';
}
