/**
 * What went wrong in a sync cycle, as the agent reads it: a code whose Spanish text lives in the
 * catalogue (syncErrorMessages), and the raw technical detail kept apart for support
 * ("Detalle técnico"), never shown as the message itself.
 */
import type { SyncErrorCode } from '../../shared/contract';
import { CentralError, errorText } from './central-client';
import { isSlowAnswer } from './reachability';

/** A sync failure the engine itself detects (not an HTTP answer). */
export class SyncProblem extends Error {
  constructor(
    readonly code: Extract<SyncErrorCode, 'resync_loop' | 'missing_action'>,
    message: string,
  ) {
    super(message);
  }
}

export type SyncErrorView = {
  code: SyncErrorCode;
  /** The raw error, for support; null when there is nothing more to say. */
  detail: string | null;
  minVersion: string | null;
};

/** Classifies any error a sync cycle can end with. Pure: no I/O, no clock. */
export function describeSyncError(error: unknown): SyncErrorView {
  if (error instanceof SyncProblem) {
    return { code: error.code, detail: error.message, minVersion: null };
  }
  if (error instanceof CentralError) {
    const detail = error.message || null;
    switch (error.kind) {
      case 'network':
        // Asked and not answered in time: the server is there but busy (reachability.ts).
        return {
          code: isSlowAnswer(error) ? 'unavailable' : 'network',
          detail,
          minVersion: null,
        };
      case 'unavailable':
        return { code: 'unavailable', detail, minVersion: null };
      case 'unauthorized':
      case 'invalid_credentials':
      case 'agent_disabled':
        return { code: 'session_expired', detail, minVersion: null };
      case 'upgrade_required':
        return { code: 'upgrade_required', detail, minVersion: error.minVersion };
      case 'device_fork':
        return { code: 'device_fork', detail, minVersion: null };
      case 'resync_required':
        return { code: 'resync_loop', detail, minVersion: null };
      case 'bad_response':
        return { code: 'bad_response', detail, minVersion: null };
      // Issue 11.
      case 'device_revoked':
        return { code: 'device_revoked', detail, minVersion: null };
      case 'device_untrusted':
        return { code: 'session_expired', detail, minVersion: null };
      case 'rate_limited':
        return { code: 'unavailable', detail, minVersion: null };
    }
  }
  return { code: 'unexpected', detail: errorText(error), minVersion: null };
}
