/**
 * The Panel's time arithmetic, in Santiago's calendar and clock: which instants a range covers
 * ("today", the last 7 or 30 days, up to the end of today) and which hour of Santiago's day a
 * UTC hour falls in. Chile moves its clocks at whole UTC hours (first Saturday of April at 24:00
 * back to 23:00, first Saturday of September at 24:00 forward to 01:00), so every UTC hour lies
 * in exactly one Santiago hour. Pure: the clock is an input.
 */
import type { DashboardRange } from '../../shared/contract';
import { santiagoDayEnd, santiagoDayStart, TIME_ZONE } from '../../shared/format';
import { addCalendarDays } from '../../shared/rules/legal-deadlines';
import { santiagoDate } from '../../shared/format';

const DAYS: Record<DashboardRange, number> = { today: 1, '7d': 7, '30d': 30 };

const hourParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});

export type RangeBounds = {
  firstDay: string;
  lastDay: string;
  /** ISO instants: inclusive `from`, exclusive `to`. */
  from: string;
  to: string;
};

/** The days a range covers, ending with today in Santiago, and the instants between them. */
export function rangeBounds(range: DashboardRange, now: Date): RangeBounds {
  const lastDay = santiagoDate(now);
  const firstDay = addCalendarDays(lastDay, 1 - DAYS[range]);
  return {
    firstDay,
    lastDay,
    from: santiagoDayStart(firstDay).toISOString(),
    to: santiagoDayEnd(lastDay).toISOString(),
  };
}

/** The hour (0–23) Santiago's clock shows at an instant. */
export function santiagoHour(instant: Date): number {
  return Number(hourParts.format(instant)) % 24;
}

/** Hours between Santiago's clock and UTC at an instant (−3 or −4). */
function offsetHours(instant: Date): number {
  const utcHour = instant.getUTCHours();
  return (((santiagoHour(instant) - utcHour) % 24) + 24) % 24;
}

/**
 * Counts per UTC hour (`aaaa-mm-ddTHH`, the first 13 characters of an ISO instant) folded into
 * the 24 hours of Santiago's clock. One conversion per bucket only when the range crosses a
 * clock change; otherwise the offset at its start holds for every bucket.
 */
export function foldIntoSantiagoHours(
  buckets: ReadonlyArray<{ hour: string; n: number }>,
  bounds: { from: string; to: string },
): number[] {
  const hours = Array.from({ length: 24 }, () => 0);
  const start = new Date(bounds.from);
  const end = new Date(Date.parse(bounds.to) - 1);
  const offset = offsetHours(start);
  // Two clock changes are five months apart: a shorter range with the same offset at both ends
  // crossed none.
  const short = end.getTime() - start.getTime() < 100 * 86_400_000;
  const steady = short && offset === offsetHours(end);
  for (const bucket of buckets) {
    const instant = new Date(`${bucket.hour}:00:00Z`);
    if (Number.isNaN(instant.getTime())) continue;
    const hour = steady ? (instant.getUTCHours() + offset) % 24 : santiagoHour(instant);
    hours[hour]! += bucket.n;
  }
  return hours;
}
