/** Numbers, dates and times as Chilean users read them; dates in Santiago's time zone. */
export const TIME_ZONE = 'America/Santiago';

const dateFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  // Not `hour12: false`: es-CL then counts hours 1–24, and half past midnight reads «24:30».
  hourCycle: 'h23',
});

const numberFormat = new Intl.NumberFormat('es-CL');

/** The parts of a person's name, as records and rows hold them (a part may be missing). */
export type NameParts = {
  givenNames?: string | null;
  lastName1?: string | null;
  lastName2?: string | null;
};

/** «Pedro Soto Pérez»: the given names and both surnames that are there, one space apart. */
export function fullName(person: NameParts): string {
  return [person.givenNames, person.lastName1, person.lastName2]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' ');
}

/** «a», «a y b», «a, b y c»: a list as said in Spanish. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat('es', { style: 'long', type: 'conjunction' }).format(items);
}

/** `12.345` (one formatter for the whole app: `toLocaleString` builds one on every call). */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** `dd-mm-aaaa` */
/** How long something has waited or lasted: `12 min`, `3 h 5 min`, `2 días`. */
export function formatDuration(minutes: number): string {
  if (minutes < 1) return 'menos de 1 min';
  if (minutes < 60) return `${Math.floor(minutes)} min`;
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = Math.floor(minutes % 60);
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(minutes / (24 * 60));
  return `${formatNumber(days)} ${days === 1 ? 'día' : 'días'}`;
}

/**
 * How long ago something waiting began, as one says it: «hoy», «hace 3 días», «hace 5 meses»,
 * «hace 2 años» (a request pending for years reads as old at a glance).
 */
export function formatAge(sinceIso: string, now: number = Date.now()): string {
  const days = Math.floor((now - Date.parse(sinceIso)) / 86_400_000);
  if (days < 1) return 'hoy';
  if (days < 60) return `hace ${days} ${days === 1 ? 'día' : 'días'}`;
  const months = Math.floor(days / 30.44);
  if (months < 24) return `hace ${months} meses`;
  const years = Math.floor(days / 365.25);
  return `hace ${years} años`;
}

/** How long a call or visit lasted, from its opening to its closing; null while it is open. */
export function formatLasted(openedAt: string, closedAt: string | null): string | null {
  if (closedAt === null) return null;
  return formatDuration(Math.max(0, Date.parse(closedAt) - Date.parse(openedAt)) / 60_000);
}

export function formatDate(iso: string): string {
  const parts = Object.fromEntries(
    dateFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.day}-${parts.month}-${parts.year}`;
}

/** A calendar day as kept (`aaaa-mm-dd`, a legal deadline, a Panel day) as `dd-mm-aaaa`. */
export function formatDay(date: string): string {
  return formatDate(`${date}T12:00:00Z`);
}

/** `14:35` */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** `dd-mm-aaaa 14:35` */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

const calendarDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Santiago calendar date (`aaaa-mm-dd`) of an instant. */
export function santiagoDate(instant: Date): string {
  const parts = Object.fromEntries(
    calendarDayFormat.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instant a Santiago calendar day (`aaaa-mm-dd`) begins. Chile is UTC−3 or UTC−4 depending
 * on the date, and on the day clocks go forward midnight does not exist: the day then begins at
 * 00:00 UTC−4, which Santiago reads as 01:00.
 */
export function santiagoDayStart(date: string): Date {
  for (const offset of ['-03:00', '-04:00']) {
    const candidate = new Date(`${date}T00:00:00${offset}`);
    const parts = Object.fromEntries(
      dayFormat.formatToParts(candidate).map((part) => [part.type, part.value]),
    );
    if (`${parts.year}-${parts.month}-${parts.day}` === date && parts.hour === '00')
      return candidate;
  }
  return new Date(`${date}T00:00:00-04:00`);
}

/** The instant the Santiago day after `date` begins (the end, exclusive, of `date`). */
export function santiagoDayEnd(date: string): Date {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return santiagoDayStart(next.toISOString().slice(0, 10));
}

/**
 * When a request was received: its date and time, or the day alone for one recorded later with
 * the day it arrived (kept as that day's start, data-requests.ts): no made-up time.
 */
export function formatReceived(iso: string): string {
  const instant = new Date(iso);
  return santiagoDayStart(santiagoDate(instant)).getTime() === instant.getTime()
    ? formatDate(iso)
    : formatDateTime(iso);
}
