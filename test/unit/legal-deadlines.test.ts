import { describe, expect, it } from 'vitest';
import {
  calendarDaysBetween,
  addBusinessDays,
  blockingDeadline,
  businessDaysBetween,
  deadlineStatus,
  extendedDeadline,
  holidayName,
  isBusinessDay,
  responseDeadline,
} from '../../src/shared/rules/legal-deadlines';
import { santiagoDate } from '../../src/shared/format';

describe('the Chilean calendar (date-holidays, CL)', () => {
  it('knows the public holidays of any year, computed by rule', () => {
    expect(holidayName('2026-09-18')).not.toBeNull();
    expect(holidayName('2026-09-19')).not.toBeNull();
    expect(holidayName('2026-04-03')).toMatch(/Viernes Santo/);
    expect(holidayName('2027-03-26')).toMatch(/Viernes Santo/);
    // The extra Fiestas Patrias days exist only in some years.
    expect(holidayName('2024-09-20')).not.toBeNull();
    expect(holidayName('2026-09-20')).toBeNull();
    expect(holidayName('2027-09-17')).not.toBeNull();
    expect(holidayName('2035-09-18')).not.toBeNull();
    // 31 December is a bank holiday only: a business day for these terms.
    expect(holidayName('2026-12-31')).toBeNull();
    expect(isBusinessDay('2026-12-31')).toBe(true);
    expect(isBusinessDay('2027-01-01')).toBe(false);
    expect(isBusinessDay('2026-12-05')).toBe(false); // Saturday
  });

  it('reads an instant as a Santiago date', () => {
    // 23:30 in Santiago (UTC−3 in summer) is already the next day in UTC.
    expect(santiagoDate(new Date('2026-12-01T02:30:00Z'))).toBe('2026-11-30');
    // Winter: UTC−4.
    expect(santiagoDate(new Date('2026-07-01T03:30:00Z'))).toBe('2026-06-30');
    expect(santiagoDate(new Date('2026-07-01T04:30:00Z'))).toBe('2026-07-01');
  });
});

describe('30 calendar days to answer, moved off non-business days', () => {
  it('a term ending on Fiestas Patrias (Friday 18, Saturday 19) ends on Monday 21', () => {
    const deadline = responseDeadline('2026-08-19');
    expect(deadline.counted).toBe('2026-09-18');
    expect(deadline.due).toBe('2026-09-21');
    expect(deadline.movedOver).toHaveLength(3);
    expect(deadline.movedOver[2]).toBe('domingo');
  });

  it('a long weekend with 20 September added (2024) moves to Monday 23', () => {
    const deadline = responseDeadline('2024-08-20');
    expect(deadline.counted).toBe('2024-09-19');
    expect(deadline.due).toBe('2024-09-23');
  });

  it('crosses the year boundary: 1 January is a holiday', () => {
    const deadline = responseDeadline('2026-12-02');
    expect(deadline.counted).toBe('2027-01-01');
    expect(deadline.due).toBe('2027-01-04');
  });

  it('Holy week: Good Friday moves the term to Monday', () => {
    expect(responseDeadline('2026-03-04')).toMatchObject({
      counted: '2026-04-03',
      due: '2026-04-06',
    });
  });

  it('a business day is kept as it is', () => {
    expect(responseDeadline('2026-12-01')).toEqual({
      due: '2026-12-31',
      counted: '2026-12-31',
      movedOver: [],
    });
  });

  it('the one extension adds 30 calendar days to the first term, then settles', () => {
    expect(extendedDeadline('2026-09-21').due).toBe('2026-10-21');
    // 1 November 2026 is a Sunday and a holiday.
    expect(extendedDeadline('2026-10-02')).toMatchObject({
      counted: '2026-11-01',
      due: '2026-11-02',
    });
  });
});

describe('temporary blocking: 2 business days', () => {
  it('across Fiestas Patrias', () => {
    expect(blockingDeadline('2026-09-17').due).toBe('2026-09-22');
    // 2027: Friday 17 is added to the long weekend.
    expect(blockingDeadline('2027-09-15').due).toBe('2027-09-20');
  });

  it('across Christmas and the new year', () => {
    expect(blockingDeadline('2026-12-24').due).toBe('2026-12-29');
    expect(blockingDeadline('2026-12-30').due).toBe('2027-01-04');
  });

  it('across Holy week', () => {
    expect(blockingDeadline('2026-04-01').due).toBe('2026-04-06');
  });

  it('received on a weekend: counted from the next business days', () => {
    expect(blockingDeadline('2026-12-05').due).toBe('2026-12-09'); // Tuesday 8 is a holiday;
  });
});

describe('counting business days and the status of a deadline', () => {
  it('counts business days after the first date up to the second', () => {
    expect(businessDaysBetween('2026-09-17', '2026-09-22')).toBe(2);
    expect(businessDaysBetween('2026-09-22', '2026-09-17')).toBe(-2);
    expect(businessDaysBetween('2026-12-30', '2027-01-04')).toBe(2);
    expect(addBusinessDays('2026-12-30', 1)).toBe('2026-12-31');
  });

  it('flags a deadline due within N business days and marks one overdue', () => {
    expect(deadlineStatus('2026-09-22', '2026-09-17', 2)).toBe('due_soon');
    expect(deadlineStatus('2026-09-23', '2026-09-17', 2)).toBe('later');
    expect(deadlineStatus('2026-09-17', '2026-09-17', 2)).toBe('due_soon');
    expect(deadlineStatus('2026-09-16', '2026-09-17', 2)).toBe('overdue');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => responseDeadline('2026-02-30')).toThrow();
    expect(() => responseDeadline('30-01-2026')).toThrow();
  });
});

describe('calendarDaysBetween', () => {
  it('counts calendar days either way, across months and years', () => {
    expect(calendarDaysBetween('2026-12-14', '2027-01-13')).toBe(30);
    expect(calendarDaysBetween('2026-12-14', '2026-12-10')).toBe(-4);
    expect(calendarDaysBetween('2026-12-14', '2026-12-14')).toBe(0);
    // A change of daylight saving time in between moves nothing (noon to noon).
    expect(calendarDaysBetween('2026-04-01', '2026-04-08')).toBe(7);
  });
});
