import { describe, expect, it } from 'vitest';
import { CentralError, errorText } from '../../src/main/sync/central-client';
import { describeSyncError, SyncProblem } from '../../src/main/sync/sync-errors';
import { SyncErrorCode } from '../../src/shared/contract';
import { syncErrorMessages } from '../../src/shared/messages';

describe('sync errors as the agent reads them', () => {
  it('classifies every failure a cycle can end with', () => {
    const fetchFailed = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), {
        code: 'ECONNREFUSED',
      }),
    });
    expect(describeSyncError(new CentralError('network', errorText(fetchFailed)!))).toEqual({
      code: 'network',
      detail: 'TypeError: fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4000)',
      minVersion: null,
    });
    expect(describeSyncError(new CentralError('unavailable', 'HTTP 503', 7000)).code).toBe(
      'unavailable',
    );
    expect(describeSyncError(new CentralError('unauthorized', 'HTTP 401')).code).toBe(
      'session_expired',
    );
    expect(
      describeSyncError(new CentralError('upgrade_required', 'HTTP 426', null, '2.0.0')),
    ).toMatchObject({ code: 'upgrade_required', minVersion: '2.0.0' });
    expect(describeSyncError(new CentralError('device_fork', 'HTTP 409')).code).toBe('device_fork');
    expect(describeSyncError(new CentralError('bad_response', 'HTTP 400')).code).toBe(
      'bad_response',
    );
    expect(describeSyncError(new SyncProblem('resync_loop', '3 resyncs')).code).toBe('resync_loop');
    expect(describeSyncError(new SyncProblem('missing_action', 'expectedNext 4'))).toEqual({
      code: 'missing_action',
      detail: 'expectedNext 4',
      minVersion: null,
    });
    expect(describeSyncError(new RangeError('boom'))).toEqual({
      code: 'unexpected',
      detail: 'RangeError: boom',
      minVersion: null,
    });
    expect(describeSyncError('odd')).toMatchObject({ code: 'unexpected', detail: 'odd' });
  });

  it('has a Spanish message for every code, with no technical words in it', () => {
    for (const code of SyncErrorCode.options) {
      const text = syncErrorMessages[code]({ minVersion: null });
      expect(text, code).toMatch(/^[A-ZÁÉÍÓÚÑ]/);
      expect(text, code).not.toMatch(/TypeError|fetch|HTTP|\b[45]\d\d\b|error:|undefined|null/i);
    }
    expect(syncErrorMessages.upgrade_required({ minVersion: '2.0.0' })).toMatch(/mínimo 2\.0\.0/);
  });
});
