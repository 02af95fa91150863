import { describe, expect, it } from 'vitest';
import { nextLockEnd } from '../../src/renderer/src/person/next-lock-end';

const lock = (until: string) => ({ code: 'temporarily_locked' as const, until, attempts: 6 });
const NOW = Date.parse('2026-12-07T20:30:00.000Z');

describe('when the record and results on screen are read again', () => {
  it('is at the earliest lock end still to come', () => {
    expect(
      nextLockEnd(
        [
          [{ code: 'active' }],
          [lock('2026-12-07T20:45:00.000Z'), { code: 'no_email' }],
          [lock('2026-12-07T20:31:00.000Z')],
          // Already over: the screen was read after it, nothing to wait for.
          [lock('2026-12-07T20:29:00.000Z')],
        ],
        NOW,
      ),
    ).toBe(Date.parse('2026-12-07T20:31:00.000Z'));
  });

  it('is never when no lock is running', () => {
    expect(nextLockEnd([], NOW)).toBeNull();
    expect(nextLockEnd([[{ code: 'disabled' }], [lock('2026-12-07T20:30:00.000Z')]], NOW)).toBe(
      null,
    );
    expect(nextLockEnd([[lock('not a date')]], NOW)).toBeNull();
  });
});
