/** Dates and times as Chilean users read them, always in Santiago's time zone. */
const TIME_ZONE = 'America/Santiago';

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
  hour12: false,
});

/** `dd-mm-aaaa` */
export function formatDate(iso: string): string {
  const parts = Object.fromEntries(
    dateFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.day}-${parts.month}-${parts.year}`;
}

/** `14:35` */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** `dd-mm-aaaa 14:35` */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)} ${formatTime(iso)}`;
}
