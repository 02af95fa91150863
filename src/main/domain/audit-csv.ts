/**
 * The audit CSV a supervisor opens in a Chilean spreadsheet: Spanish headers, `;` between
 * fields (the decimal separator there is the comma), a UTF-8 BOM so accents survive, times in
 * Santiago, catalogue labels instead of codes, agent names and formatted RUTs. The
 * machine-readable export (hashes included, for checking the chain elsewhere) is another thing.
 */
import {
  actionText,
  describeAuditChange,
  type AuditCompany,
  type AuditPerson,
  deviceCsvText,
  identityColumnText,
} from '../../shared/audit-details';
import { auditMessages } from '../../shared/messages';
import { formatRut, rutFromBody } from '../../shared/rut';
import type { AuditFields } from './audit-chain';
import { csvFile } from '../../shared/csv-cell';
import type { InteractionKind } from '../../shared/vocabulary';

/** An event as the export reads it: the stored fields and the names joined to them. */
export type AuditCsvEvent = Omit<AuditFields, 'interactionId'> & {
  seq: number;
  personName: string | null;
  company?: AuditCompany | null;
  caller?: AuditPerson | null;
  /** Whether its agent takes calls or makes visits (not known: calls). */
  agentKind?: InteractionKind;
};

const stampFormat = new Intl.DateTimeFormat('es-CL', {
  timeZone: 'America/Santiago',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `dd-mm-aaaa HH:mm:ss` on Santiago's clock, whatever the offset that day (UTC−3 or UTC−4). */
export function santiagoStamp(iso: string): string {
  const parts = Object.fromEntries(
    stampFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts['day']}-${parts['month']}-${parts['year']} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

const HEADERS = auditMessages.csvHeaders;

/** Several recorded fields in one cell (no line breaks: every spreadsheet import keeps rows whole). */
const joinLines = (lines: string[]) => lines.join(' | ');

/** What a row needs besides the event: agents' names, and which device made the file. */
export type AuditCsvNames = {
  agentName: (agentId: string) => string;
  /** The exporting desk's own device id: its events read «Este equipo», as on screen. */
  thisDeviceId: string | null;
};

function row(event: AuditCsvEvent, { agentName, thisDeviceId }: AuditCsvNames): string[] {
  const details = describeAuditChange(
    event.before,
    event.after,
    {
      agent: agentName,
      company: event.company,
      caller: event.caller,
      kind: event.agentKind,
      reason: event.reason,
    },
    event.action,
  );
  const side = (which: 'before' | 'after') =>
    joinLines(
      details
        .filter((detail) => detail[which] !== undefined)
        .map((detail) => `${detail.label}: ${detail[which]}`),
    );
  return [
    String(event.seq),
    santiagoStamp(event.at),
    agentName(event.agentId),
    event.personRut === null ? '' : formatRut(rutFromBody(event.personRut)),
    event.personName ?? '',
    actionText(event.action, event.agentKind),
    side('before'),
    side('after'),
    event.reason ?? '',
    identityColumnText(event.identityCheck, event.after),
    deviceCsvText(event.deviceId, thisDeviceId),
    event.id,
  ];
}

/** The whole file: BOM, header line, one line per event, CRLF line ends. */
export function auditCsv(
  events: Iterable<AuditCsvEvent>,
  names: AuditCsvNames,
): { csv: string; rows: number } {
  const rows: string[][] = [Object.values(HEADERS)];
  for (const event of events) rows.push(row(event, names));
  return { csv: csvFile(rows), rows: rows.length - 1 };
}

/** `auditoria-21-11-2026.csv`, by Santiago's date. */
export function auditCsvFilename(now: Date): string {
  return `auditoria-${santiagoStamp(now.toISOString()).slice(0, 10)}.csv`;
}
