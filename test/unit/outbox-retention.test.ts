import { describe, expect, it } from 'vitest';
import { APPLIED_KEPT_DAYS, pruneDue, retentionCutoff } from '../../src/main/sync/outbox-retention';

const at = (iso: string) => new Date(iso);

describe('outbox retention rules', () => {
  it('keeps a confirmed action APPLIED_KEPT_DAYS after its confirmation, to the millisecond', () => {
    expect(APPLIED_KEPT_DAYS).toBe(30);
    expect(retentionCutoff(at('2026-12-31T15:00:00.000Z'))).toBe('2026-12-01T15:00:00.000Z');
    // Across the change to summer time in Chile (first Sunday of September): days of 24 hours.
    expect(retentionCutoff(at('2026-09-20T12:00:00.000Z'))).toBe('2026-08-21T12:00:00.000Z');
    expect(retentionCutoff(at('2026-03-01T00:00:00.000Z'), 1)).toBe('2026-02-28T00:00:00.000Z');
  });

  it('prunes once a day: never pruned, a day since, or a clock set back', () => {
    const now = at('2026-12-02T10:00:00.000Z');
    expect(pruneDue(undefined, now)).toBe(true);
    expect(pruneDue('2026-12-02T09:00:00.000Z', now)).toBe(false);
    expect(pruneDue('2026-12-01T10:00:00.001Z', now)).toBe(false);
    expect(pruneDue('2026-12-01T10:00:00.000Z', now)).toBe(true);
    expect(pruneDue('2026-12-05T10:00:00.000Z', now)).toBe(true);
  });
});
