/**
 * Ley 21.719 deadlines (art. 11 of the amended Ley 19.628) as pure date arithmetic on Santiago
 * calendar dates (`aaaa-mm-dd`), with Chile's public holidays from the date-holidays package
 * ('CL', maintained upstream, every year computed by its rules: movable feasts, the extra
 * Fiestas Patrias days, Holy week) rather than a hand-typed list that expires.
 *
 * The rules applied:
 * - an answer is due 30 calendar days ("días corridos") after the day the request was received
 *   (the day of receipt does not count);
 * - it may be extended once by 30 calendar days, counted from the end of the first term;
 * - a temporary blocking request is answered within the 2 business days following its receipt;
 * - business days ("días hábiles") are Monday to Friday except Chile's public holidays (type
 *   'public'; bank-only holidays such as 31 December are business days);
 * - a term whose last day is not a business day ends on the next business day (the rule of Ley
 *   19.880 art. 25 for administrative terms, applied here in the titular's favour).
 */
import Holidays from 'date-holidays';

/** A Santiago calendar date, `aaaa-mm-dd`. */
export type CalendarDate = string;

export const RESPONSE_DAYS = 30;
export const EXTENSION_DAYS = 30;
export const BLOCKING_BUSINESS_DAYS = 2;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date to UTC noon (no daylight-saving edge can move it to another day). */
function toNoon(date: CalendarDate): Date {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  if (value.toISOString().slice(0, 10) !== date) throw new Error(`not a calendar date: ${date}`);
  return value;
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const value = toNoon(date);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

const holidaysByYear = new Map<number, ReadonlyMap<CalendarDate, string>>();
let calendar: Holidays | null = null;

/** Chile's public holidays of a year, date → name (cached per year). */
export function chileanHolidays(year: number): ReadonlyMap<CalendarDate, string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    calendar ??= new Holidays('CL', { types: ['public'] });
    const map = new Map<CalendarDate, string>();
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // `date` is the local date of the holiday in Chile ("2026-09-18 00:00:00").
      map.set(holiday.date.slice(0, 10), holiday.name);
    }
    days = map;
    holidaysByYear.set(year, days);
  }
  return days;
}

/** The holiday's name, or null when the date is not a Chilean public holiday. */
export function holidayName(date: CalendarDate): string | null {
  return chileanHolidays(Number(date.slice(0, 4))).get(date) ?? null;
}

export function isWeekend(date: CalendarDate): boolean {
  const day = toNoon(date).getUTCDay();
  return day === 0 || day === 6;
}

export function isBusinessDay(date: CalendarDate): boolean {
  return !isWeekend(date) && holidayName(date) === null;
}

/** The `count`-th business day after `date` (`date` itself never counts). */
export function addBusinessDays(date: CalendarDate, count: number): CalendarDate {
  let day = date;
  let left = count;
  while (left > 0) {
    day = addCalendarDays(day, 1);
    if (isBusinessDay(day)) left -= 1;
  }
  return day;
}

/** Calendar days from `from` to `to` ("días corridos"; negative when `to` is before `from`). */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toNoon(to).getTime() - toNoon(from).getTime()) / 86_400_000);
}

/**
 * Business days after `from` up to and including `to`; when `to` is before `from`, minus the
 * business days after `to` up to and including `from`.
 */
export function businessDaysBetween(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return -businessDaysBetween(to, from);
  let day = from;
  let count = 0;
  while (day < to) {
    day = addCalendarDays(day, 1);
    if (isBusinessDay(day)) count += 1;
  }
  return count;
}

/** Moves a term's last day to a business day, saying whether (and over what) it moved. */
export type Deadline = {
  /** The last day of the term, after moving it off a non-business day. */
  due: CalendarDate;
  /** The day the count alone gives. */
  counted: CalendarDate;
  /** The non-business days the term was moved over (holiday names; weekends as 'sábado'/'domingo'). */
  movedOver: string[];
};

function settle(counted: CalendarDate): Deadline {
  const movedOver: string[] = [];
  let day = counted;
  while (!isBusinessDay(day)) {
    const weekday = toNoon(day).getUTCDay();
    movedOver.push(holidayName(day) ?? (weekday === 6 ? 'sábado' : 'domingo'));
    day = addCalendarDays(day, 1);
  }
  return { due: day, counted, movedOver };
}

/** Access, rectification, deletion, objection, portability: 30 calendar days. */
export function responseDeadline(received: CalendarDate): Deadline {
  return settle(addCalendarDays(received, RESPONSE_DAYS));
}

/** The one extension: 30 more calendar days from the end of the first term. */
export function extendedDeadline(firstDue: CalendarDate): Deadline {
  return settle(addCalendarDays(firstDue, EXTENSION_DAYS));
}

/** Temporary blocking: the 2nd business day after receipt (already a business day). */
export function blockingDeadline(received: CalendarDate): Deadline {
  const due = addBusinessDays(received, BLOCKING_BUSINESS_DAYS);
  return { due, counted: due, movedOver: [] };
}

export type DeadlineStatus = 'overdue' | 'due_soon' | 'later';

/**
 * Where a deadline stands on `today`: overdue once its day has passed; due soon when at most
 * `soonBusinessDays` business days remain (the due day itself included: due today is soon).
 */
export function deadlineStatus(
  due: CalendarDate,
  today: CalendarDate,
  soonBusinessDays: number,
): DeadlineStatus {
  if (today > due) return 'overdue';
  return businessDaysBetween(today, due) <= soonBusinessDays ? 'due_soon' : 'later';
}
