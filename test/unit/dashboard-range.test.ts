/**
 * The Panel's time arithmetic in Santiago's calendar and clock, on the days Chile changes time.
 */
import { describe, expect, it } from 'vitest';
import { foldIntoSantiagoHours, rangeBounds } from '../../src/main/domain/dashboard-range';
import { addCalendarDays } from '../../src/shared/rules/legal-deadlines';
import { santiagoDate } from '../../src/shared/format';

describe('rangeBounds', () => {
  it('ends with today in Santiago, even when UTC is already tomorrow', () => {
    // 22:30 on 20 November in Santiago (UTC−3).
    expect(rangeBounds('today', new Date('2026-11-21T01:30:00Z'))).toEqual({
      firstDay: '2026-11-20',
      lastDay: '2026-11-20',
      from: '2026-11-20T03:00:00.000Z',
      to: '2026-11-21T03:00:00.000Z',
    });
  });

  it('has 25 hours on the April change and 23 on the September one', () => {
    const april = rangeBounds('today', new Date('2026-04-04T15:00:00Z'));
    expect(Date.parse(april.to) - Date.parse(april.from)).toBe(25 * 3_600_000);
    const september = rangeBounds('today', new Date('2026-09-06T15:00:00Z'));
    // Midnight does not exist that night: the day begins at 01:00 (04:00 UTC).
    expect(september.from).toBe('2026-09-06T04:00:00.000Z');
    expect(Date.parse(september.to) - Date.parse(september.from)).toBe(23 * 3_600_000);
  });

  it('counts 7 and 30 calendar days back across a month and a year', () => {
    const now = new Date('2027-01-03T15:00:00Z');
    expect(rangeBounds('7d', now)).toMatchObject({ firstDay: '2026-12-28', lastDay: '2027-01-03' });
    expect(rangeBounds('30d', now).firstDay).toBe('2026-12-05');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(santiagoDate(new Date('2027-01-01T02:59:00Z'))).toBe('2026-12-31');
  });
});

describe('foldIntoSantiagoHours', () => {
  it('folds UTC hours into Santiago hours with the offset of each one', () => {
    const bounds = rangeBounds('7d', new Date('2026-04-07T15:00:00Z'));
    const hours = foldIntoSantiagoHours(
      [
        { hour: '2026-04-05T02', n: 2 }, // 23:00 (UTC−3)
        { hour: '2026-04-05T03', n: 3 }, // 23:00 again (UTC−4)
        { hour: '2026-04-05T04', n: 1 }, // 00:00 (UTC−4)
        { hour: '2026-04-03T15', n: 4 }, // 12:00 (UTC−3)
        { hour: '2026-04-07T15', n: 5 }, // 11:00 (UTC−4)
      ],
      bounds,
    );
    expect(hours).toHaveLength(24);
    expect(hours[23]).toBe(5);
    expect(hours[0]).toBe(1);
    expect(hours[12]).toBe(4);
    expect(hours[11]).toBe(5);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(15);
  });

  it('uses one offset for a range without a change, and ignores a malformed bucket', () => {
    const bounds = rangeBounds('30d', new Date('2026-11-21T15:00:00Z'));
    const hours = foldIntoSantiagoHours(
      [
        { hour: '2026-11-21T15', n: 1 },
        { hour: 'nonsense', n: 9 },
      ],
      bounds,
    );
    expect(hours[12]).toBe(1);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
