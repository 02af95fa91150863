import { describe, expect, it } from 'vitest';
import {
  EXPORT_KEPT_DAYS,
  exportRemovalAt,
  exportRemovalDue,
} from '../../src/shared/rules/export-retention';

const made = '2026-11-21T15:00:00.000Z';

describe('export retention rules', () => {
  it('keeps nothing on time while the request is open', () => {
    expect(exportRemovalAt({ closedAt: null }, made)).toBeNull();
    expect(exportRemovalDue({ closedAt: null }, made, new Date('2030-01-01T00:00:00Z'))).toBe(
      false,
    );
  });

  it('removes EXPORT_KEPT_DAYS after the request closed, to the millisecond', () => {
    expect(EXPORT_KEPT_DAYS).toBe(30);
    const closed = { closedAt: '2026-11-25T12:30:00.000Z' };
    expect(exportRemovalAt(closed, made)).toBe('2026-12-25T12:30:00.000Z');
    expect(exportRemovalDue(closed, made, new Date('2026-12-25T12:29:59.999Z'))).toBe(false);
    expect(exportRemovalDue(closed, made, new Date('2026-12-25T12:30:00.000Z'))).toBe(true);
    // Days of 24 hours across Chile's change to summer time (first Sunday of September).
    const august = { closedAt: '2026-08-20T12:00:00.000Z' };
    expect(exportRemovalAt(august, '2026-08-01T09:00:00.000Z')).toBe('2026-09-19T12:00:00.000Z');
  });

  it('gives an export made after its request closed its own days', () => {
    const closed = { closedAt: '2026-11-01T10:00:00.000Z' };
    expect(exportRemovalAt(closed, made)).toBe('2026-12-21T15:00:00.000Z');
    expect(exportRemovalAt(closed, made, 1)).toBe('2026-11-22T15:00:00.000Z');
  });

  it('never removes on an instant it cannot read', () => {
    expect(exportRemovalAt({ closedAt: 'ayer' }, 'hoy')).toBeNull();
    expect(exportRemovalDue({ closedAt: 'ayer' }, 'hoy', new Date())).toBe(false);
  });
});
