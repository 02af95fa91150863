import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatLasted,
  formatTime,
  formatNumber,
  fullName,
  santiagoDayEnd,
  santiagoDayStart,
} from '../../src/shared/format';

describe('Santiago calendar days', () => {
  it('starts a summer day at 03:00 UTC and a winter day at 04:00 UTC', () => {
    expect(santiagoDayStart('2026-11-21').toISOString()).toBe('2026-11-21T03:00:00.000Z');
    expect(santiagoDayStart('2026-06-10').toISOString()).toBe('2026-06-10T04:00:00.000Z');
  });

  it('ends a day where the next begins, across the change of offset', () => {
    expect(santiagoDayEnd('2026-06-10').toISOString()).toBe('2026-06-11T04:00:00.000Z');
    expect(santiagoDayEnd('2026-11-21').toISOString()).toBe('2026-11-22T03:00:00.000Z');
    for (const day of ['2026-04-04', '2026-04-05', '2026-09-05', '2026-09-06']) {
      const start = santiagoDayStart(day).getTime();
      const end = santiagoDayEnd(day).getTime();
      const hours = (end - start) / 3_600_000;
      expect([23, 24, 25], day).toContain(hours);
      expect(formatDate(new Date(start).toISOString()), day).toBe(
        day.split('-').reverse().join('-'),
      );
      expect(formatDate(new Date(end - 1).toISOString()), day).toBe(
        day.split('-').reverse().join('-'),
      );
    }
  });
});

describe('a time of day', () => {
  it('reads 00:00 to 23:59 in Santiago: half past midnight is 00:30, never 24:30', () => {
    expect(formatTime('2026-12-05T03:30:00Z')).toBe('00:30');
    expect(formatTime('2026-12-05T02:59:00Z')).toBe('23:59');
    expect(formatDateTime('2026-12-05T03:00:00Z')).toBe('05-12-2026 00:00');
    // Winter (UTC−4).
    expect(formatTime('2026-06-10T04:05:00Z')).toBe('00:05');
  });
});

describe('a calendar day', () => {
  it('reads as dd-mm-aaaa, the same day whatever the summer time', () => {
    expect(formatDay('2027-01-04')).toBe('04-01-2027');
    expect(formatDay('2026-09-06')).toBe('06-09-2026');
    expect(formatDay('2026-04-05')).toBe('05-04-2026');
  });
});

describe('a number', () => {
  it('groups thousands with a dot and writes decimals with a comma, as in Chile', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(12345)).toBe('12.345');
    expect(formatNumber(10_000_000)).toBe('10.000.000');
    expect(formatNumber(1.5)).toBe('1,5');
    expect(formatNumber(-2500)).toBe('-2.500');
  });
});

describe("a person's full name", () => {
  it('joins the parts that are there, one space apart, whatever a row left empty', () => {
    expect(fullName({ givenNames: 'Pedro', lastName1: 'Soto', lastName2: 'Pérez' })).toBe(
      'Pedro Soto Pérez',
    );
    // No second surname (the record's '' or a row's null), and no first one either.
    expect(fullName({ givenNames: 'Rosa', lastName1: 'Vidal', lastName2: '' })).toBe('Rosa Vidal');
    expect(fullName({ givenNames: 'Ana', lastName1: null, lastName2: 'Rojas' })).toBe('Ana Rojas');
    expect(fullName({ givenNames: ' María José ', lastName1: 'Díaz ' })).toBe('María José Díaz');
    expect(fullName({ givenNames: null, lastName1: null, lastName2: null })).toBe('');
  });
});

describe('durations', () => {
  it('says how long something waited or lasted, in minutes, hours and days', () => {
    expect(formatDuration(0.4)).toBe('menos de 1 min');
    expect(formatDuration(12.9)).toBe('12 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(185)).toBe('3 h 5 min');
    expect(formatDuration(24 * 60)).toBe('1 día');
    expect(formatDuration(1_500 * 24 * 60)).toBe('1.500 días');
  });

  it('says how long ago something waiting began, in days, months or years', () => {
    const now = Date.parse('2026-12-07T12:00:00.000Z');
    expect(formatAge('2026-12-07T08:00:00.000Z', now)).toBe('hoy');
    expect(formatAge('2026-12-06T11:00:00.000Z', now)).toBe('hace 1 día');
    expect(formatAge('2026-10-15T12:00:00.000Z', now)).toBe('hace 53 días');
    expect(formatAge('2026-06-07T12:00:00.000Z', now)).toBe('hace 6 meses');
    expect(formatAge('2021-03-01T12:00:00.000Z', now)).toBe('hace 5 años');
  });

  it("gives a call's length from its opening to its closing, and none while it is open", () => {
    expect(formatLasted('2026-12-07T12:00:00.000Z', '2026-12-07T12:04:30.000Z')).toBe('4 min');
    expect(formatLasted('2026-12-07T12:00:00.000Z', null)).toBeNull();
  });
});
