import { describe, expect, it } from 'vitest';
import { CentralError } from '../../src/main/sync/central-client';
import { isSlowAnswer, isUnreachable, probeDelay } from '../../src/main/sync/reachability';
import { describeSyncError } from '../../src/main/sync/sync-errors';

describe('the reachability probe', () => {
  it('waits the interval ± the jitter, whatever the random draw', () => {
    for (const jitter of [0, 0.25, 0.5, 1]) {
      for (let i = 0; i <= 100; i++) {
        const draw = i / 100;
        const delay = probeDelay(() => draw, 3000, jitter);
        expect(delay).toBeGreaterThanOrEqual(Math.round(3000 * (1 - jitter)) || 1);
        expect(delay).toBeLessThanOrEqual(Math.round(3000 * (1 + jitter)));
      }
    }
    expect(probeDelay(() => 0, 3000, 0.5)).toBe(1500);
    expect(probeDelay(() => 0.5, 3000, 0.5)).toBe(3000);
    expect(probeDelay(() => 1, 3000, 0.5)).toBe(4500);
  });

  it('spreads a fleet over the whole window instead of one instant', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = Array.from({ length: 1000 }, () => probeDelay(random, 3000, 0.5));
    const buckets = [0, 0, 0, 0];
    for (const delay of delays) buckets[Math.min(3, Math.floor((delay - 1500) / 750))]!++;
    // Each quarter of the window gets a fair share: no stampede at one moment.
    for (const count of buckets) expect(count).toBeGreaterThan(150);
  });

  it('keeps out-of-range draws and jitters inside the window, never zero', () => {
    expect(probeDelay(() => 5, 3000, 0.5)).toBe(4500);
    expect(probeDelay(() => -1, 3000, 0.5)).toBe(1500);
    expect(probeDelay(() => 0, 3000, 7)).toBe(1);
  });

  it('calls only "no answer" unreachable; an answer with an error is not', () => {
    expect(isUnreachable(new CentralError('network', 'ECONNREFUSED'))).toBe(true);
    expect(isUnreachable(new CentralError('unavailable', 'HTTP 503', 1000))).toBe(false);
    expect(isUnreachable(new CentralError('unauthorized', 'HTTP 401'))).toBe(false);
    expect(isUnreachable(new Error('other'))).toBe(false);
  });

  it('tells a request left unanswered in time from no connection at all', () => {
    const timedOut = new CentralError('network', 'TimeoutError', null, null, 'timeout');
    expect(isUnreachable(timedOut)).toBe(true);
    expect(isSlowAnswer(timedOut)).toBe(true);
    expect(isSlowAnswer(new CentralError('network', 'ECONNREFUSED'))).toBe(false);
    expect(isSlowAnswer(new CentralError('unavailable', 'HTTP 503', 1000))).toBe(false);
    // The agent reads «no responde por ahora», not «no hay conexión».
    expect(describeSyncError(timedOut).code).toBe('unavailable');
    expect(describeSyncError(new CentralError('network', 'ECONNREFUSED')).code).toBe('network');
  });
});
