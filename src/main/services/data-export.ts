/**
 * Ley 21.719 access and portability (issue 10): everything this desk holds on one person, as a
 * readable HTML report (Spanish, printable to PDF from the browser) and a machine-readable JSON
 * bundle, written side by side under <dataDir>/exports/, sealed there with the replica's key
 * (db/sealed-files.ts): they leave the desk only as a copy the agent asks for (the download).
 *
 * It STREAMS: each section is read in keyset pages of `pageSize` rows and each page is written
 * to both files before the next is read (waiting for the disk when the stream asks), so memory
 * holds one page, never the file; the database is free between pages. Audit events are read up
 * to the last one that existed when the export started, so the export's own event is not in it.
 * Files are written as `.part` and renamed when complete: a failed export leaves no file that
 * looks finished. The export is audited (who, when, which request) once its files exist.
 */
import { mayExportPersonData } from '../../shared/rules/data-requests';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline, type Transform, type Writable } from 'node:stream';
import type { ExportView } from '../../shared/contract';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatReceived,
  fullName,
  type NameParts,
} from '../../shared/format';
import {
  actionLabels,
  dataExportTexts,
  dataRequestLabels,
  dataRequestMessages,
  interactionOutcomeLabels,
  interactionReasonLabels,
  mailKindLabels,
  mailOutcomeLabels,
  profileStandingLabels,
  moduleLabels,
  loginLabels,
  portalLabels,
  registrationStateLabels,
  requestCapacityLabels,
  requestStateLabels,
  roleLabels,
  systemAgentName,
} from '../../shared/messages';
import { auditDetailLine, describeAuditChange } from '../../shared/audit-details';
import { formatPhone } from '../../shared/phone';
import { maskSerial } from '../../shared/identity-facts';
import { formatRut, loginRut, readRut, rutFromBody } from '../../shared/rut';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';
import { authorizeTitular } from './run-action';
import { newId } from '../../shared/ids';
import { sealStream } from '../db/sealed-files';
import { EXPORTS_FOLDER } from './export-files';
import { santiagoStamp } from '../domain/audit-csv';
import { exportRemovalAt, SYSTEM_AGENT_ID } from '../../shared/rules/export-retention';
import { AUDIT_COMPANY_JOIN, eventKindSql } from '../repositories/audit-repository';

export const DEFAULT_PAGE_SIZE = 500;

type Value = string | number | null;
type Row = Record<string, Value>;

/**
 * One column: its JSON key (the row's alias) and Spanish heading. The JSON bundle keeps the value
 * as stored (codes, instants: machine-readable); the report shows it as the desk does (`kind`, or
 * `show`: catalogue labels, names), since the titular reads it.
 */
type Column = {
  key: string;
  label: string;
  /**
   * `date`: an instant, with its time; `since`: an instant of which only the day means something
   * (when a tie with a company began or ended); `day`: a calendar date.
   */
  kind?: 'date' | 'since' | 'day' | 'bool' | 'rut';
  /** Kept as JSON text: written into the JSON file as the list or object it is. */
  json?: 'parsed';
  show?: (value: Value, row: Row) => string;
  /** Only in one of the two files (default: both). */
  only?: 'json' | 'html';
};

/** One section of the export: its rows, paged by `_k` (a rowid or sequence). */
type Section = {
  key: string;
  title: string;
  /** Columns, in order. */
  columns: Column[];
  sql: string;
};

const t = dataExportTexts;

/** A code shown by its label in a catalogue (as it is when the catalogue lacks it). */
const labelled =
  (labels: Record<string, string>) =>
  (value: Value): string =>
    value === null || value === ''
      ? '—'
      : typeof value === 'string'
        ? (labels[value] ?? value)
        : String(value);

/** A list kept as JSON text (a membership's modules), by its labels. */
const labelledList =
  (labels: Record<string, string>) =>
  (value: Value): string => {
    if (value === null || value === '') return '—';
    try {
      const list: unknown = JSON.parse(String(value));
      if (!Array.isArray(list)) return String(value);
      return list.length === 0 ? '—' : list.map((item) => labels[String(item)] ?? item).join(', ');
    } catch {
      return String(value);
    }
  };

/**
 * A value as the JSON file carries it (portability: structured and of common use): yes/no
 * as booleans, a RUT with its check digit, what is kept as JSON text as the list or object it is.
 */
function jsonValue(column: Column, value: Value): unknown {
  if (value === null) return null;
  if (column.kind === 'bool') return value === 1;
  if (column.kind === 'rut' && typeof value === 'number') return loginRut(rutFromBody(value));
  if (column.json === 'parsed' && typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Who did it, by name (the system's own acts, and an agent this desk does not know, too). */
const agentShown = (value: Value, row: Row): string =>
  typeof value === 'string'
    ? value
    : row['agentId'] === SYSTEM_AGENT_ID
      ? systemAgentName
      : dataRequestMessages.unknownAgent;

/** An audit event's fields in words, as the Auditoría screen reads them. */
const changeShown = (_value: Value, row: Row): string =>
  describeAuditChange(
    row['before'] as string | null,
    row['after'] as string | null,
    {
      company:
        typeof row['companyRut'] === 'number' && typeof row['companyName'] === 'string'
          ? { rut: row['companyRut'], name: row['companyName'] }
          : null,
      // An officer's: his list of visits, who spoke at his visit.
      kind: row['agentKind'] === 'visit' ? 'visit' : 'call',
      // Beside its own column: not said twice.
      reason: typeof row['reason'] === 'string' ? row['reason'] : null,
    },
    typeof row['action'] === 'string' ? row['action'] : undefined,
  )
    .map(auditDetailLine)
    .join('; ') || '—';

const SECTIONS: Section[] = [
  {
    key: 'memberships',
    title: t.sections.memberships,
    columns: [
      { key: 'companyRut', label: t.columns.companyRut, kind: 'rut' },
      { key: 'companyName', label: t.columns.companyName },
      { key: 'role', label: t.columns.role, show: labelled(roleLabels) },
      // An outsider's ended tie is his access deleted, not a dismissal (profileStanding).
      { key: 'state', label: t.columns.state, show: labelled(profileStandingLabels) },
      {
        key: 'modules',
        label: t.columns.modules,
        show: labelledList(moduleLabels),
        json: 'parsed',
      },
      { key: 'agreementSigned', label: t.columns.agreementSigned, kind: 'bool' },
      { key: 'agreementSignedAt', label: t.columns.agreementSignedAt, kind: 'date' },
      { key: 'startedAt', label: t.columns.startedAt, kind: 'since' },
      { key: 'endedAt', label: t.columns.endedAt, kind: 'since' },
    ],
    sql: `SELECT m.id AS _k, m.company_rut AS companyRut, c.legal_name AS companyName, m.role,
            CASE WHEN m.state = 'removed' AND m.external = 1 THEN 'access_removed' ELSE m.state END
              AS state, m.modules, m.agreement_signed AS agreementSigned,
            m.agreement_signed_at AS agreementSignedAt, m.started_at AS startedAt,
            m.ended_at AS endedAt
          FROM memberships m LEFT JOIN companies c ON c.rut = m.company_rut
          WHERE m.person_rut = @person AND m.id > @after ORDER BY m.id LIMIT +@limit`,
  },
  {
    key: 'accounts',
    title: t.sections.accounts,
    columns: [
      // An account is a login: a Los Héroes one opens Portal Héroes, Portal Empresas and the
      // APP LH alike (seed 002), as the record says it.
      { key: 'portal', label: t.columns.portal, show: labelled(loginLabels) },
      {
        key: 'registrationState',
        label: t.columns.registrationState,
        show: labelled(registrationStateLabels),
      },
      { key: 'passwordSet', label: t.columns.passwordSet, kind: 'bool' },
      { key: 'emailVerified', label: t.columns.emailVerified, kind: 'bool' },
      { key: 'failedAttempts', label: t.columns.failedAttempts },
      { key: 'lockedUntil', label: t.columns.lockedUntil, kind: 'date' },
      { key: 'registrationBlocked', label: t.columns.registrationBlocked, kind: 'bool' },
      { key: 'lastLoginAt', label: t.columns.lastLoginAt, kind: 'date' },
    ],
    sql: `SELECT id AS _k, portal, registration_state AS registrationState,
            password_set AS passwordSet, email_verified AS emailVerified,
            failed_attempts AS failedAttempts, locked_until AS lockedUntil,
            registration_blocked AS registrationBlocked, last_login_at AS lastLoginAt
          FROM accounts WHERE person_rut = @person AND id > @after ORDER BY id LIMIT +@limit`,
  },
  {
    key: 'mails',
    title: t.sections.mails,
    columns: [
      { key: 'sentAt', label: t.columns.sentAt, kind: 'date' },
      { key: 'portal', label: t.columns.portal, show: labelled(portalLabels) },
      { key: 'kind', label: t.columns.mailKind, show: labelled(mailKindLabels) },
      { key: 'outcome', label: t.columns.outcome, show: labelled(mailOutcomeLabels) },
      { key: 'toAddress', label: t.columns.toAddress },
    ],
    sql: `SELECT id AS _k, sent_at AS sentAt, portal, kind, outcome, to_address AS toAddress
          FROM mails WHERE person_rut = @person AND id > @after ORDER BY id LIMIT +@limit`,
  },
  {
    key: 'accessRequests',
    title: t.sections.accessRequests,
    columns: [
      { key: 'companyRut', label: t.columns.companyRut, kind: 'rut' },
      { key: 'capacity', label: t.columns.capacity, show: labelled(requestCapacityLabels) },
      { key: 'state', label: t.columns.state, show: labelled(requestStateLabels) },
      { key: 'reason', label: t.columns.reason },
      { key: 'requestedAt', label: t.columns.requestedAt, kind: 'date' },
      { key: 'decidedAt', label: t.columns.decidedAt, kind: 'date' },
    ],
    sql: `SELECT id AS _k, company_rut AS companyRut, capacity, state, reason,
            requested_at AS requestedAt, decided_at AS decidedAt
          FROM access_requests WHERE person_rut = @person AND id > @after ORDER BY id LIMIT +@limit`,
  },
  {
    key: 'calls',
    title: t.sections.calls,
    columns: [
      { key: 'openedAt', label: t.columns.openedAt, kind: 'date' },
      { key: 'closedAt', label: t.columns.closedAt, kind: 'date' },
      { key: 'reason', label: t.columns.callReason, show: labelled(interactionReasonLabels) },
      { key: 'outcome', label: t.columns.outcome, show: labelled(interactionOutcomeLabels) },
      { key: 'notes', label: t.columns.notes },
      { key: 'agentId', label: t.columns.agent, only: 'json' },
      { key: 'agentName', label: t.columns.agent, only: 'html', show: agentShown },
      // One handed over or to call back: when it was said attended to, and what was done
      // (migration 0043; review 60 L11). Nobody said so of one closed before: none.
      { key: 'followUpAt', label: t.columns.followUpAt, kind: 'date' },
      { key: 'followUpNote', label: t.columns.followUpNote },
    ],
    sql: `SELECT i.rowid AS _k, i.opened_at AS openedAt, i.closed_at AS closedAt, i.reason,
            i.outcome, i.notes, i.agent_id AS agentId, g.display_name AS agentName,
            CASE WHEN i.follow_up_by IS NULL THEN NULL ELSE i.follow_up_at END AS followUpAt,
            i.follow_up_note AS followUpNote
          FROM interactions i LEFT JOIN agents g ON g.id = i.agent_id
          WHERE i.person_rut = @person AND i.rowid > @after ORDER BY i.rowid LIMIT +@limit`,
  },
  {
    key: 'dataRequests',
    title: t.sections.dataRequests,
    columns: [
      { key: 'number', label: t.columns.number },
      { key: 'right', label: t.columns.right, show: labelled(dataRequestLabels.rights) },
      { key: 'state', label: t.columns.state, show: labelled(dataRequestLabels.states) },
      { key: 'receivedAt', label: t.columns.receivedAt, kind: 'date' },
      { key: 'dueDate', label: t.columns.dueDate, kind: 'day' },
      { key: 'detail', label: t.columns.detail },
    ],
    sql: `SELECT rowid AS _k, number, data_right AS right, state, received_at AS receivedAt,
            due_date AS dueDate, detail
          FROM data_requests WHERE person_rut = @person AND rowid > @after ORDER BY rowid LIMIT +@limit`,
  },
  {
    key: 'auditEvents',
    title: t.sections.auditEvents,
    columns: [
      { key: 'seq', label: t.columns.seq },
      { key: 'at', label: t.columns.at, kind: 'date' },
      { key: 'action', label: t.columns.action, show: labelled(actionLabels) },
      { key: 'agentId', label: t.columns.agent, only: 'json' },
      { key: 'agentName', label: t.columns.agent, only: 'html', show: agentShown },
      { key: 'deviceId', label: t.columns.device, only: 'json' },
      { key: 'before', label: t.columns.before, only: 'json', json: 'parsed' },
      { key: 'after', label: t.columns.after, only: 'json', json: 'parsed' },
      { key: 'changes', label: t.columns.changes, only: 'html', show: changeShown },
      { key: 'reason', label: t.columns.reason },
    ],
    sql: `SELECT a.seq AS _k, a.seq, a.at, a.action, a.agent_id AS agentId,
            g.display_name AS agentName, a.device_id AS deviceId, a.before, a.after, a.reason,
            c.rut AS companyRut, c.legal_name AS companyName,
            ${eventKindSql('a', 'g')} AS agentKind
          FROM audit_events a LEFT JOIN agents g ON g.id = a.agent_id ${AUDIT_COMPANY_JOIN}
          WHERE a.person_rut = @person AND a.seq > @after AND a.seq <= @maxSeq
          ORDER BY a.seq LIMIT +@limit`,
  },
];

export type ExportProgress = {
  section: string;
  /** Rows written so far, all sections. */
  rows: number;
  /** The files being written (still `.part`). */
  partFiles: { html: string; json: string };
  /** Characters of the page just written to each file: what memory held for it. */
  pageChars: number;
};

export type ExportOptions = {
  dataDir: string;
  /** The replica's key: the files are sealed with it at rest (none: an unencrypted replica). */
  sealKey?: Buffer;
  pageSize?: number;
  /** Called after every page is handed to both files (tests watch the files grow). */
  onPage?: (progress: ExportProgress) => void;
  /** Where an unexpected failure is reported (the agent reads a Spanish message). */
  log?: (message: string, error?: unknown) => void;
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

function cell(column: Column, row: Row): string {
  const value = row[column.key] ?? null;
  const kind = column.kind;
  if (column.show) return column.show(value, row);
  if (value === null || value === '') return '—';
  if (kind === 'day' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatDay(value);
  }
  if (kind === 'bool') return value ? t.yes : t.no;
  if (kind === 'rut' && typeof value === 'number') return formatRut(rutFromBody(value));
  if (
    (kind === 'date' || kind === 'since') &&
    typeof value === 'string' &&
    !Number.isNaN(Date.parse(value))
  ) {
    return kind === 'since' ? formatDate(value) : formatDateTime(value);
  }
  return String(value);
}

/**
 * One of the export's files, written in order as it is streamed (waiting for the disk whenever
 * the stream asks to) and flushed to disk before it is renamed into place: sealed with the
 * replica's key when the desk has one (db/sealed-files.ts), under the name it will have. Counts
 * the plaintext bytes: what the agent hands out.
 */
async function openSink(file: string, key: Buffer | undefined, name: string) {
  const stream = fs.createWriteStream(file, { flags: 'wx', flush: true });
  await once(stream, 'open');
  return textSink(stream, key ? sealStream(key, name) : null);
}

/**
 * Text written to a file stream, through the sealer when there is one. A failure of either
 * (the disk full) fails the next write or the end, never leaves one waiting.
 */
export function textSink(stream: Writable, sealer: Transform | null) {
  let failed: Error | null = null;
  const fail = (error: Error | null | undefined) => {
    if (error) failed ??= error;
  };
  stream.on('error', fail);
  // pipeline destroys the sealer when the file fails, so a write waiting on it wakes.
  if (sealer) pipeline(sealer, stream, fail);
  const input = sealer ?? stream;
  let bytes = 0;
  /** Waits for `event` on `on`; rejects if `on` fails or closes first (nothing left waiting). */
  const settled = (event: 'drain' | 'finish', on: Writable) =>
    new Promise<void>((resolve, reject) => {
      const done = (error: Error | null) => {
        on.off(event, reached);
        on.off('close', closed);
        on.off('error', closed);
        if (error) reject(error);
        else resolve();
      };
      const reached = () => done(failed);
      const closed = (error?: Error) =>
        done(failed ?? error ?? new Error('export file closed before it was written'));
      on.once(event, reached);
      on.once('close', closed);
      on.once('error', closed);
    });
  return {
    async write(text: string): Promise<void> {
      if (failed) throw failed;
      bytes += Buffer.byteLength(text);
      if (!input.write(text)) await settled('drain', input);
    },
    async end(): Promise<number> {
      if (failed) throw failed;
      input.end();
      await settled('finish', stream);
      return bytes;
    },
    destroy: () => {
      sealer?.destroy();
      stream.destroy();
    },
  };
}

/** Checks made before any file is written: who may, which request, which right. */
export function exportableRequest(ctx: ServiceContext, session: Session, number: string) {
  const request = ctx.repos.dataRequests.byNumber(number);
  if (!request) throw new RuleError('data_request_not_found', { number });
  authorizeTitular(ctx, session, request.personRut);
  if (!mayExportPersonData(session.role)) throw new RuleError('data_request_export_supervisor');
  if (request.right !== 'access' && request.right !== 'portability') {
    throw new RuleError('data_request_export_right', { number });
  }
  // Someone the system holds nothing of: the answer is in words, not a file of nothing.
  if (!ctx.repos.writes.person(request.personRut)) {
    throw new RuleError('data_request_no_data_export', { number });
  }
  return request;
}

export async function exportDataRequest(
  ctx: ServiceContext,
  session: Session,
  number: string,
  options: ExportOptions,
): Promise<ExportView> {
  const request = exportableRequest(ctx, session, number);
  const sqlite = ctx.db.$client;
  const personRut = request.personRut;
  const person = sqlite
    .prepare(
      `SELECT rut, dv, given_names AS givenNames, last_name1 AS lastName1, last_name2 AS lastName2,
         email, phone, serial_number AS serialNumber, is_worker AS isWorker,
         is_pensioner AS isPensioner, version
       FROM persons WHERE rut = ?`,
    )
    .get(personRut) as (Row & NameParts & { serialNumber: string | null }) | undefined;
  if (!person) throw new RuleError('data_request_not_found', { number });
  const maxSeq =
    (sqlite.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number | null) ?? 0;

  const id = newId();
  const startedAt = ctx.now();
  const folder = path.join(options.dataDir, EXPORTS_FOLDER);
  fs.mkdirSync(folder, { recursive: true });
  // Chile's time, as every screen shows it (aaaammdd-hhmmss): the agent finds the file by it.
  const [day, time] = santiagoStamp(startedAt.toISOString()).split(' ') as [string, string];
  const stamp = `${day.split('-').reverse().join('')}-${time.replace(/:/g, '')}`;
  // The id's random tail, not its head (a UUIDv7's head is its time): two exports in the same
  // second must not share, and overwrite, each other's files.
  const base = `${request.number}-${stamp}-${id.slice(-8)}`;
  const final = {
    html: path.join(folder, `${base}.html`),
    json: path.join(folder, `${base}.json`),
  };
  const part = { html: `${final.html}.part`, json: `${final.json}.part` };
  let html: Awaited<ReturnType<typeof openSink>> | null = null;
  let json: Awaited<ReturnType<typeof openSink>> | null = null;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const counts: Record<string, number> = {};
  let rows = 0;
  let htmlBytes = 0;
  let jsonBytes = 0;

  const personOut = {
    rut: loginRut(rutFromBody(personRut)),
    givenNames: person.givenNames,
    lastName1: person.lastName1,
    lastName2: person.lastName2,
    email: person.email,
    phone: person.phone,
    // The desk never shows the card serial whole (privacy by default); the titular gets it
    // from the issuing portal.
    serialNumberMasked: maskSerial(person.serialNumber),
    isWorker: Boolean(person.isWorker),
    isPensioner: Boolean(person.isPensioner),
  };
  const header = {
    format: 'mesa-de-ayuda/ley-21719-export',
    version: 1,
    request: {
      number: request.number,
      right: request.right,
      receivedAt: request.receivedAt,
      dueDate: request.dueDate,
    },
    generatedAt: startedAt.toISOString(),
    generatedBy: { agentId: session.agentId, displayName: session.displayName },
    deviceId: ctx.deviceId,
    person: personOut,
  };
  const name = fullName(person);

  try {
    html = await openSink(part.html, options.sealKey, path.basename(final.html));
    json = await openSink(part.json, options.sealKey, path.basename(final.json));
    await json.write(JSON.stringify(header).slice(0, -1));
    await html.write(htmlHead(request.number, name, header, personOut));
    for (const section of SECTIONS) {
      const statement = sqlite.prepare(section.sql);
      const jsonColumns = section.columns.filter((column) => column.only !== 'html');
      const htmlColumns = section.columns.filter((column) => column.only !== 'json');
      await json.write(`,${JSON.stringify(section.key)}:[`);
      await html.write(
        `<section><h2>${escapeHtml(section.title)}</h2><table><thead><tr>${htmlColumns
          .map((column) => `<th scope="col">${escapeHtml(column.label)}</th>`)
          .join('')}</tr></thead><tbody>`,
      );
      let after = -Number.MAX_SAFE_INTEGER;
      let count = 0;
      for (;;) {
        const page = statement.all({
          person: personRut,
          after,
          limit: pageSize,
          maxSeq,
        }) as Row[];
        if (page.length === 0) break;
        after = page[page.length - 1]!['_k'] as number;
        let jsonText = '';
        let htmlText = '';
        for (const row of page) {
          const out: Record<string, unknown> = {};
          for (const column of jsonColumns) {
            out[column.key] = jsonValue(column, row[column.key] ?? null);
          }
          jsonText += (count === 0 ? '' : ',') + JSON.stringify(out);
          htmlText += `<tr>${htmlColumns
            .map((column) => `<td>${escapeHtml(cell(column, row))}</td>`)
            .join('')}</tr>`;
          count += 1;
        }
        rows += page.length;
        await json.write(jsonText);
        await html.write(htmlText);
        options.onPage?.({
          section: section.key,
          rows,
          partFiles: part,
          pageChars: Math.max(jsonText.length, htmlText.length),
        });
        if (page.length < pageSize) break;
      }
      counts[section.key] = count;
      await json.write(']');
      await html.write(
        count === 0
          ? `</tbody></table><p class="empty">${escapeHtml(t.emptySection)}</p></section>`
          : `</tbody></table><p class="count">${escapeHtml(t.rowCount(count))}</p></section>`,
      );
    }
    await json.write(`,"counts":${JSON.stringify(counts)}}`);
    await html.write(htmlFoot(counts));
    jsonBytes = await json.end();
    htmlBytes = await html.end();
    fs.renameSync(part.json, final.json);
    fs.renameSync(part.html, final.html);
  } catch (error) {
    html?.destroy();
    json?.destroy();
    for (const file of [part.html, part.json, final.html, final.json]) {
      fs.rmSync(file, { force: true });
    }
    if (error instanceof RuleError) throw error;
    options.log?.('data request export failed', error);
    throw new RuleError('data_request_export_failed');
  }

  const createdAt = ctx.now().toISOString();
  const view: ExportView = {
    id,
    number: request.number,
    createdAt,
    agentId: session.agentId,
    htmlFile: path.basename(final.html),
    jsonFile: path.basename(final.json),
    htmlBytes,
    jsonBytes,
    rows,
    copies: [],
    removed: null,
    removalAt: exportRemovalAt(request, createdAt),
  };
  try {
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `INSERT INTO data_request_exports (id, request_number, person_rut, agent_id, created_at,
             html_file, json_file, html_bytes, json_bytes, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          request.number,
          personRut,
          session.agentId,
          createdAt,
          view.htmlFile,
          view.jsonFile,
          htmlBytes,
          jsonBytes,
          rows,
        );
      ctx.repos.audit.append({
        id,
        at: createdAt,
        agentId: session.agentId,
        deviceId: ctx.deviceId,
        personRut,
        action: 'data_request.export',
        before: null,
        after: JSON.stringify({
          number: request.number,
          right: request.right,
          files: [view.htmlFile, view.jsonFile],
          rows,
          counts,
          auditThroughSeq: maxSeq,
        }),
        reason: null,
        identityCheck: null,
        interactionId: ctx.repos.interactions.openOf(session.agentId)?.id ?? null,
      });
    })();
  } catch (error) {
    // Not audited, not kept: an export nobody can account for must not exist.
    fs.rmSync(final.html, { force: true });
    fs.rmSync(final.json, { force: true });
    throw error;
  }
  return view;
}

function htmlHead(
  number: string,
  fullName: string,
  header: {
    generatedAt: string;
    generatedBy: { displayName: string };
    request: { dueDate: string; receivedAt: string; right: string };
  },
  person: Record<string, unknown>,
): string {
  const field = (label: string, value: unknown) =>
    `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(
      value === null || value === undefined || value === ''
        ? '—'
        : typeof value === 'boolean'
          ? value
            ? t.yes
            : t.no
          : String(value),
    )}</td></tr>`;
  return (
    `<!doctype html><html lang="es-CL"><head><meta charset="utf-8"><title>${escapeHtml(
      t.title(number),
    )}</title><style>${REPORT_CSS}</style></head><body><header><h1>${escapeHtml(
      t.title(number),
    )}</h1><p>${escapeHtml(t.intro)}</p><table class="meta"><tbody>${field(
      t.meta.person,
      fullName,
    )}${field(t.meta.request, number)}${field(t.meta.right, t.rightLabel(header.request.right))}${field(
      t.meta.receivedAt,
      formatReceived(header.request.receivedAt),
    )}${field(t.meta.dueDate, formatDay(header.request.dueDate))}${field(
      t.meta.generatedAt,
      formatDateTime(header.generatedAt),
    )}${field(t.meta.generatedBy, header.generatedBy.displayName)}</tbody></table></header>` +
    `<section><h2>${escapeHtml(t.sections.person)}</h2><table class="meta"><tbody>${field(
      t.columns.rut,
      formatRut(readRut(String(person['rut']))!),
    )}${field(t.columns.givenNames, person['givenNames'])}${field(
      t.columns.lastNames,
      `${String(person['lastName1'])} ${String(person['lastName2'] ?? '')}`.trim(),
    )}${field(t.columns.email, person['email'])}${field(
      t.columns.phone,
      typeof person['phone'] === 'string' ? formatPhone(person['phone']) : null,
    )}${field(
      t.columns.serialNumber,
      person['serialNumberMasked'],
    )}${field(t.columns.isWorker, person['isWorker'])}${field(
      t.columns.isPensioner,
      person['isPensioner'],
    )}</tbody></table></section>`
  );
}

function htmlFoot(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return `<footer><p>${escapeHtml(t.footer(total))}</p><p>${escapeHtml(
    t.retention,
  )}</p></footer></body></html>`;
}

const REPORT_CSS = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}
h2{font-size:1.1rem;margin-top:1.5rem;border-bottom:1px solid #999}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top;word-break:break-word}
thead th{background:#eee}.meta th{width:14rem;background:#f6f6f6}.empty,.count{color:#444;font-size:.85rem}
@media print{body{margin:0}thead{display:table-header-group}tr{break-inside:avoid}}`;
