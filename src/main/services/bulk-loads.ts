/**
 * Bulk loads (issue 8): a company's file of e-mails and states, previewed before anything
 * changes, applied as one batch of ordinary actions, reported per row, and undone.
 *
 * - Preview: the file is parsed and every row decided by the shared rules
 *   (shared/rules/bulk-load.ts) against the replica; nothing is written. The preview is kept in
 *   memory for the agent who made it.
 * - Apply: one transaction records the batch and every row (planned, refused or nothing to do),
 *   then chunks of planned rows run, each chunk ONE synchronous transaction (no await inside),
 *   with a yield to the event loop between chunks so the desk stays usable. Each changed field
 *   becomes an ordinary action: the write, its outbox intent (with the batch id) and its audit
 *   event, and the row's result, all in the chunk's transaction. A crash loses at most the chunk
 *   in flight, as a whole: the rows it held stay pending and run once on resume.
 * - Cancel stops between rows; the chunk so far commits; the rest stays pending and is reported
 *   as not applied.
 * - Undo is a batch of its own that restores, row by row, what the load wrote, refusing rows
 *   that changed again since.
 */
import type { BulkBatch, BulkPreview, BulkPreviewRow, BulkReportRow } from '../../shared/contract';
import { csvFile } from '../../shared/csv-cell';
import { formatDateTime } from '../../shared/format';
import { bulkRefusalText } from '../../shared/bulk-refusal';
import { bulkMessages } from '../../shared/messages';
import { mayBulkLoad, MIN_REASON_LENGTH } from '../../shared/policy';
import {
  outcomeFilters,
  readRows,
  columnsRead,
  decideRows,
  emailsAsked,
  warnRows,
  type FileReading,
  irreversibleBecause,
  type MembershipState,
  reversePlan,
  otherCellsReader,
  type OutcomeFilter,
  type PersonFacts,
  type RowOutcome,
  type RowWarnings,
  type Totals,
  rutReader,
} from '../../shared/rules/bulk-load';
import type { AdminKind } from '../../shared/rules/company-access';
import { formatRut, loginRut, parseRut, rutFromBody } from '../../shared/rut';
import { createBatchApplier } from '../bulk/apply-batch';
import { inApplyOrder, type UnorderedRow } from '../bulk/apply-order';
import { startApplyThread, type ApplyThread, type ApplyThreadConfig } from '../bulk/apply-thread';
import {
  memberFacts,
  PREVIEW_SQL,
  readCompanyMembers,
  type CompanyMembers,
} from '../bulk/company-members';
import { defaultMembersEntry, readMembersOnWorker } from '../bulk/members-thread';
import { BulkFileError, parseBulkFile, type ParsedFile } from '../bulk/parse-file';
import { openReader } from '../../storage/db/database';
import {
  createBulkBatchRepository,
  type BatchRow,
  type NewBatchRow,
} from '../repositories/bulk-batch-repository';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError, RuleError } from './errors';
import { newId } from '../../shared/ids';

/** A chunk's transaction ends after this long, so the event loop is never held much longer. */
const CHUNK_MS = 40;
/** Rows recorded per transaction when a batch starts (a small file: all at once). */
const PREPARE_ROWS = 5000;
/**
 * Batches with at least this many planned rows run on the bulk worker (apply-worker.ts): its
 * commits, fsyncs and checkpoints then never hold this thread. Smaller ones take well under a
 * second here, less than starting a worker.
 */
const WORKER_MIN_ROWS = 1000;
/** On the worker: row work per transaction, before its commit (the desk may wait this long). */
const WORKER_CHUNK_MS = 250;
const WORKER_CHUNK_ROWS = 5000;
/** The worker's page cache (KiB): it reads each row's pages about once. */
const WORKER_CACHE_KB = 16384;
/**
 * The worker checkpoints the WAL only past this many pages (1 GiB; a 100,000-row load stays near
 * it) and once at the end; the desk's connection does not meanwhile. Each checkpoint rewrites,
 * decrypting and encrypting again, every page the WAL holds: one at the end writes each page the
 * batch touched once, where one every few chunks wrote the same index pages again and again.
 */
const WORKER_AUTOCHECKPOINT = 262144;
/** SQLite's default, given back to the desk's connection when no worker runs. */
const AUTOCHECKPOINT = 1000;
/** The page cache (KiB) of the connection a preview reads on (see withPreviewReads). */
const PREVIEW_CACHE_KB = 8192;
/**
 * From this size (about 5,000 rows) a preview reads the company's members on a worker thread
 * while this one parses the file; below it, starting a thread costs more than it hides.
 */
const PREVIEW_WORKER_MIN_BYTES = 256 * 1024;
/** Previews kept in memory at once, one per agent (a 100,000-row preview is some tens of MB). */
const PREVIEWS_KEPT = 3;

type Preview = {
  id: string;
  agentId: string;
  companyRut: number;
  companyName: string;
  adherent: boolean;
  fileName: string;
  file: ParsedFile;
  outcomes: RowOutcome[];
  totals: Totals;
};

/**
 * A file read: its rows, what they ask, and who holds each address they ask for (emailsAsked,
 * looked up as soon as the file is read: while a large file's members are still read elsewhere).
 */
type ReadFile = {
  file: ParsedFile;
  reading: FileReading;
  emailHolders: ReadonlyMap<string, readonly number[]>;
};

type Runner = { cancel: boolean; session: Session; lastSeq: number; thread: ApplyThread | null };

export type BulkLoadOptions = {
  /** Most rows in one chunk (tests use a small number to have many chunks). */
  chunkRows?: number;
  /** Something was queued: let the sync engine push it. */
  kick?: () => void;
  log?: (message: string, error?: unknown) => void;
  /** The bulk worker: the replica it opens, and how the desk's writes take turns with it. */
  worker?: Omit<
    ApplyThreadConfig,
    'deviceId' | 'chunkRows' | 'budgetMs' | 'cacheKb' | 'walAutocheckpointPages'
  > & {
    /** Planned rows from which a batch runs on the worker (tests: 1). */
    minRows?: number;
    /**
     * The script that reads a large preview's members (members-thread.ts); by default, the one
     * beside this module.
     */
    membersEntry?: string;
    /** File size from which a preview reads the members there (tests: 1). */
    previewMinBytes?: number;
  };
};

/** A row's warnings as the preview and the result show them (the person by RUT). */
function warningsShown(warnings: RowWarnings | null | undefined): {
  lastAdmin: boolean;
  sharedEmail: { rut: string; line: number | null } | null;
  otherAccess: { company: string } | null;
} {
  return {
    lastAdmin: warnings?.lastAdmin === true,
    otherAccess: warnings?.otherAccess ?? null,
    sharedEmail: warnings?.sharedEmail
      ? {
          rut: formatRut(rutFromBody(warnings.sharedEmail.personRut)),
          line: warnings.sharedEmail.line,
        }
      : null,
  };
}

export function createBulkLoads(ctx: ServiceContext, options: BulkLoadOptions = {}) {
  const sqlite = ctx.db.$client;
  const batches = createBulkBatchRepository(sqlite);
  const { writes, outbox, audit } = ctx.repos;
  const chunkRows = options.chunkRows ?? 1000;
  const previews = new Map<string, Preview>();
  const runners = new Map<string, Runner>();
  let stopped = false;
  /** Workers running now (the desk's connection leaves checkpoints to them meanwhile). */
  let threads = 0;
  const applier = createBatchApplier({
    sqlite,
    writes,
    outbox,
    audit,
    deviceId: ctx.deviceId,
    now: ctx.now,
  });
  const onWorker = (planned: number) =>
    options.worker !== undefined && planned >= (options.worker.minRows ?? WORKER_MIN_ROWS);

  // Whatever was applying when the process died is interrupted: resumed or closed by a person;
  // a batch still being recorded had changed nothing and is removed.
  batches.removePreparing();
  batches.interruptAll();

  const companyRow = sqlite.prepare(
    'SELECT rut, legal_name, adherent, portals FROM companies WHERE rut = ?',
  );
  const ownReads = {
    members: sqlite.prepare(PREVIEW_SQL.members).raw(),
    person: sqlite.prepare(PREVIEW_SQL.person),
    elsewhere: sqlite.prepare(PREVIEW_SQL.elsewhere),
    accessElsewhere: sqlite.prepare(PREVIEW_SQL.accessElsewhere).raw(),
    blocked: sqlite.prepare(PREVIEW_SQL.blocked),
    representatives: sqlite.prepare(PREVIEW_SQL.representatives),
    admins: sqlite.prepare(PREVIEW_SQL.admins),
    emailHolders: sqlite.prepare(PREVIEW_SQL.emailHolders).raw(),
  };

  /**
   * A preview reads every member of the company and their person rows: tens of thousands of
   * scattered pages, read once. Where the replica's file is known (the desk), it reads them on a
   * short-lived read-only connection with a small cache of its own, so they neither push the
   * agent's working set out of the desk's cache nor stay in its memory afterwards.
   */
  function withPreviewReads<T>(work: (reads: typeof ownReads) => T): T {
    const source = options.worker;
    if (!source) return work(ownReads);
    const reader = openReader(source.file, {
      key: source.key,
      nativeBinding: source.nativeBinding,
      cacheKb: PREVIEW_CACHE_KB,
    });
    try {
      return work({
        members: reader.prepare(PREVIEW_SQL.members).raw(),
        person: reader.prepare(PREVIEW_SQL.person),
        elsewhere: reader.prepare(PREVIEW_SQL.elsewhere),
        accessElsewhere: reader.prepare(PREVIEW_SQL.accessElsewhere).raw(),
        blocked: reader.prepare(PREVIEW_SQL.blocked),
        representatives: reader.prepare(PREVIEW_SQL.representatives),
        admins: reader.prepare(PREVIEW_SQL.admins),
        emailHolders: reader.prepare(PREVIEW_SQL.emailHolders).raw(),
      });
    } finally {
      reader.close();
    }
  }

  /** Who holds each of these addresses in the replica now, by RUT: one statement for them all. */
  function emailHoldersOf(emails: readonly string[]): Map<string, number[]> {
    const holders = new Map<string, number[]>();
    if (emails.length === 0) return holders;
    const found = withPreviewReads(
      (reads) => reads.emailHolders.all(JSON.stringify(emails)) as Array<[string, number]>,
    );
    for (const [email, rut] of found) {
      const list = holders.get(email);
      if (list) list.push(rut);
      else holders.set(email, [rut]);
    }
    return holders;
  }

  const company = (rut: number) => {
    const row = companyRow.get(rut) as
      { rut: number; legal_name: string; adherent: number; portals: string } | undefined;
    if (!row) throw new RuleError('bulk_company_unknown');
    return {
      rut: row.rut,
      name: row.legal_name,
      adherent: row.adherent === 1,
      onEmpresas: row.portals.includes('portal_empresas'),
    };
  };
  const supervisor = (session: Session) => {
    if (!mayBulkLoad(session.role)) throw new ForbiddenError('role');
  };
  const agentNames = () => new Map(ctx.repos.agents.list().map((a) => [a.id, a.displayName]));

  // ---- Preview ----

  const fileError = (error: unknown): never => {
    if (error instanceof BulkFileError) {
      throw new RuleError('bulk_file', { problem: error.code, ...error.params });
    }
    throw error;
  };

  /**
   * A small CSV answers synchronously; an `.xlsx` once unzipped, and a large file once its
   * members, read on a worker thread while this one parses it, have arrived.
   */
  function preview(
    session: Session,
    input: { companyRut: number; fileName: string; bytes: Uint8Array },
  ): BulkPreview | Promise<BulkPreview> {
    supervisor(session);
    const target = company(input.companyRut);
    // One preview per agent: the one before goes now, not after the new file is read, so two
    // large files are never held at once.
    for (const [key, kept] of previews) if (kept.agentId === session.agentId) previews.delete(key);
    const source = options.worker;
    // Where the worker cannot read them, they are read here as for a small file.
    const members =
      source && input.bytes.byteLength >= (source.previewMinBytes ?? PREVIEW_WORKER_MIN_BYTES)
        ? readMembersOnWorker(source.membersEntry ?? defaultMembersEntry(), {
            file: source.file,
            key: source.key ? new Uint8Array(source.key) : null,
            nativeBinding: source.nativeBinding,
            companyRut: target.rut,
            cacheKb: PREVIEW_CACHE_KB,
          }).catch((error: unknown) => {
            options.log?.('bulk preview: members read on this thread', error);
            return null;
          })
        : null;
    let parsed: ParsedFile | Promise<ParsedFile>;
    try {
      parsed = parseBulkFile(input.bytes);
    } catch (error) {
      return fileError(error);
    }
    // The file's own checks (RUTs, cells, duplicates), and who holds the addresses it asks for,
    // while the members are still read.
    const read = (file: ParsedFile): ReadFile => {
      const reading = readRows(file.rows);
      return { file, reading, emailHolders: emailHoldersOf(emailsAsked(reading)) };
    };
    const decide = (file: ReadFile, known: CompanyMembers | null) =>
      decideFile(session, target, input.fileName, file, known);
    if (members) {
      const file = parsed instanceof Promise ? parsed.then(read) : read(parsed);
      return Promise.all([file, members]).then(([done, known]) => decide(done, known), fileError);
    }
    return parsed instanceof Promise
      ? parsed.then((file) => decide(read(file), null), fileError)
      : decide(read(parsed), null);
  }

  function decideFile(
    session: Session,
    target: { rut: number; name: string; adherent: boolean; onEmpresas: boolean },
    fileName: string,
    { file, reading, emailHolders }: ReadFile,
    members: CompanyMembers | null,
  ): BulkPreview {
    const { outcomes, totals } = withPreviewReads((reads) => {
      // Everything the rows may ask about, in one pass over the company's memberships.
      const member = memberFacts(members ?? readCompanyMembers(reads.members, target.rut));
      const blocked = new Set(reads.blocked.pluck().all() as number[]);
      const representatives = new Set(reads.representatives.pluck().all(target.rut) as number[]);
      const lookup = (rut: number): PersonFacts | null => {
        const found = member(rut);
        // Almost every row: a member neither blocked nor the representative, as read.
        if (found && !blocked.has(rut) && !representatives.has(rut)) return found;
        if (found) {
          return {
            ...found,
            ...(blocked.has(rut) ? { blocked: true } : {}),
            ...(representatives.has(rut) ? { legalRepresentative: true } : {}),
          };
        }
        const person = reads.person.get(rut) as
          { email: string | null; version: number } | undefined;
        if (!person) return null;
        return {
          email: person.email,
          version: person.version,
          membership: null,
          otherCompany: reads.elsewhere.get(rut, target.rut) !== undefined,
          ...(representatives.has(rut) ? { legalRepresentative: true } : {}),
        };
      };
      const decided = decideRows(reading, target.adherent, lookup);
      // What the changes do beyond their rows: the company's administrators, the e-mails given.
      const admins = reads.admins.all(target.rut) as Array<{
        personRut: number;
        kind: AdminKind;
        state: MembershipState;
        agreementSigned: number;
      }>;
      // Of the persons whose e-mail a change row gives anew, who also gets in elsewhere.
      const changing = decided.outcomes.flatMap((outcome) =>
        outcome.kind === 'change' && outcome.email ? [outcome.personRut] : [],
      );
      const elsewhere = new Map(
        changing.length === 0
          ? []
          : (reads.accessElsewhere.all(JSON.stringify(changing), target.rut) as Array<
              [number, string]
            >),
      );
      return warnRows(decided, file.rows, {
        authority: {
          onEmpresas: target.onEmpresas,
          signatories: [...representatives].map((personRut) => ({
            personRut,
            kind: 'legal_representative' as const,
          })),
          admins: admins.map((admin) => ({
            ...admin,
            agreementSigned: admin.agreementSigned === 1,
          })),
        },
        emailHolders,
        accessElsewhere: (rut) => elsewhere.get(rut) ?? null,
      });
    });
    const id = newId();
    // An .xlsx is unzipped meanwhile: a preview made then by the same agent goes too.
    for (const [key, kept] of previews) if (kept.agentId === session.agentId) previews.delete(key);
    previews.set(id, {
      id,
      agentId: session.agentId,
      companyRut: target.rut,
      companyName: target.name,
      adherent: target.adherent,
      fileName,
      file,
      outcomes,
      totals,
    });
    while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value!);
    return {
      previewId: id,
      companyRut: loginRut(rutFromBody(target.rut)),
      companyName: target.name,
      adherent: target.adherent,
      fileName,
      format: file.format,
      encoding: file.encoding,
      columns: columnsRead(file.header, file.columns),
      totals,
    };
  }

  const previewOf = (session: Session, id: string): Preview => {
    supervisor(session);
    const found = previews.get(id);
    if (!found || found.agentId !== session.agentId) throw new RuleError('bulk_preview_gone');
    return found;
  };

  const rutText = (text: string) => {
    const rut = parseRut(text);
    return rut ? formatRut(rut) : text;
  };

  function previewRowsPage(
    session: Session,
    id: string,
    filter: OutcomeFilter | null,
    offset: number,
    limit: number,
  ): { rows: BulkPreviewRow[]; total: number } {
    const found = previewOf(session, id);
    const indexes: number[] = [];
    found.outcomes.forEach((outcome, index) => {
      if (filter === null || outcomeFilters(outcome).includes(filter)) indexes.push(index);
    });
    const rows = indexes.slice(offset, offset + limit).map((index): BulkPreviewRow => {
      const row = found.file.rows[index]!;
      const outcome = found.outcomes[index]!;
      return {
        index,
        line: row.line,
        rut: rutText(row.rut),
        email: row.email,
        state: row.state,
        kind: outcome.kind,
        reason: outcome.kind === 'refused' ? outcome.reason : null,
        firstLine: outcome.kind === 'duplicate' ? outcome.firstLine : null,
        otherLine: outcome.kind === 'refused' ? (outcome.otherLine ?? null) : null,
        emailChange: outcome.kind === 'change' ? outcome.email : null,
        stateTo: outcome.kind === 'change' && outcome.state ? outcome.state.to : null,
        irreversible: outcome.kind === 'change' ? irreversibleBecause(outcome) : null,
        ...warningsShown(outcome.kind === 'change' ? outcome.warnings : undefined),
      };
    });
    return { rows, total: indexes.length };
  }

  /** The refused rows with the file's own columns and a reason, to fix and load again. */
  function failedRows(session: Session, id: string) {
    const found = previewOf(session, id);
    // The file's own columns first, so it loads again once mended; its row last, to find it.
    const lines: string[][] = [
      [...found.file.header, bulkMessages.failedReasonHeader, bulkMessages.columns.line],
    ];
    found.outcomes.forEach((outcome, index) => {
      if (outcome.kind !== 'refused') return;
      const row = found.file.rows[index]!;
      const cells = [...row.cells];
      while (cells.length < found.file.header.length) cells.push('');
      lines.push([
        ...cells,
        bulkRefusalText(outcome.reason, row.rut, outcome.otherLine),
        String(row.line),
      ]);
    });
    return {
      filename: bulkMessages.failedFilename(found.fileName),
      csv: csvFile(lines),
      rows: lines.length - 1,
    };
  }

  // ---- Batches ----

  function view(batch: BatchRow, names = agentNames()): BulkBatch {
    const target = companyRow.get(batch.companyRut) as { legal_name: string } | undefined;
    const settled = !['preparing', 'applying', 'interrupted'].includes(batch.state);
    // Counted over every applied row: only once the batch has settled (a poll stays cheap).
    const sync = settled ? batches.syncCounts(batch.id) : { applied: batch.applied };
    return {
      batchId: batch.id,
      kind: batch.kind,
      undoOf: batch.undoOf,
      undoneBy: batch.undoneBy,
      companyRut: loginRut(rutFromBody(batch.companyRut)),
      companyName: target?.legal_name ?? '',
      fileName: batch.fileName,
      agentName: names.get(batch.agentId) ?? batch.agentId,
      reason: batch.reason,
      state: batch.state,
      total: batch.total,
      planned: batch.planned,
      applied: batch.applied,
      refused: batch.refused,
      skipped: batch.skipped,
      done: batch.applied + batch.refused + batch.skipped - (batch.total - batch.planned),
      createdAt: batch.createdAt,
      finishedAt: batch.finishedAt,
      sync: {
        pending: sync['applied'] ?? 0,
        confirmed: sync['confirmed'] ?? 0,
        conflict: sync['conflict'] ?? 0,
        rejected: sync['rejected'] ?? 0,
      },
      canUndo: settled && batch.kind === 'load' && batch.undoneBy === null && batch.applied > 0,
    };
  }

  const batchOf = (session: Session, id: string): BatchRow => {
    supervisor(session);
    const batch = batches.batch(id);
    if (!batch) throw new NotFoundError('bulk_batch');
    return batch;
  };

  const busy = (companyRut: number) => {
    const running = batches.running(companyRut);
    if (!running) return;
    throw new RuleError('bulk_busy', {
      agent: agentNames().get(running.agentId) ?? running.agentId,
      since: formatDateTime(running.createdAt),
    });
  };

  /**
   * Records a batch and its rows, with its own audit event, and starts it. A small file is
   * recorded in one transaction and its first chunk runs at once; a large one is recorded in
   * slices that yield to the event loop (state `preparing`), the last slice flipping it to
   * `applying` with its audit event. Until then nothing has changed: a batch found `preparing`
   * after a crash is removed at the next start, and the file is loaded again. A batch with many
   * planned rows is recorded and applied by the bulk worker instead (the same slices there).
   */
  function startBatch(
    session: Session,
    batch: Omit<BatchRow, 'state' | 'applied' | 'finishedAt' | 'undoneBy' | 'refused' | 'skipped'>,
    unordered: UnorderedRow[],
  ): BulkBatch {
    busy(batch.companyRut);
    const rows = inApplyOrder(unordered);
    const refused = rows.filter((row) => row.state === 'refused').length;
    const skipped = rows.filter((row) => row.state === 'skipped').length;
    const worker = onWorker(batch.planned);
    let next = 0;
    try {
      sqlite.transaction(() => {
        batches.insertBatch({ ...batch, refused, skipped, state: 'preparing' });
        if (!worker) next = slice(batch.id, rows, 0);
      })();
    } catch (error) {
      // Another batch for the same company started between the check and the insert.
      if (String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) {
        busy(batch.companyRut);
      }
      throw error;
    }
    const runner: Runner = { cancel: false, session, lastSeq: 0, thread: null };
    runners.set(batch.id, runner);
    if (worker) runOnWorker(batch.id, runner, rows);
    else if (next === rows.length) run(batch.id, runner);
    else setImmediate(() => prepareHere(batch.id, runner, rows, next));
    return view(batches.batch(batch.id)!);
  }

  /**
   * After a failure: a batch still being recorded goes (it changed nothing), one applying waits,
   * interrupted, for a person. This write can fail for the same reason as the work (a full disk):
   * it runs in an event-loop callback, so it is logged, never thrown; the next start then
   * settles the batch the same way (removePreparing, interruptAll).
   */
  function settle(batchId: string, how: 'remove' | 'interrupt') {
    try {
      if (how === 'remove') sqlite.transaction(() => batches.remove(batchId))();
      else batches.setState(batchId, 'interrupted', null);
    } catch (error) {
      options.log?.(`bulk batch ${batchId} left as it was until the next start`, error);
    }
  }

  /** Records rows [from, from + PREPARE_ROWS); the last slice also starts the batch. */
  function slice(batchId: string, rows: NewBatchRow[], from: number): number {
    const to = Math.min(rows.length, from + PREPARE_ROWS);
    applier.recordRows(batches.batch(batchId)!, rows.slice(from, to), to === rows.length);
    return to;
  }

  /** The rest of a batch's rows, a slice per turn of the event loop, then its chunks. */
  function prepareHere(batchId: string, runner: Runner, rows: NewBatchRow[], from: number) {
    if (stopped) return;
    let next: number;
    try {
      next = sqlite.transaction(() => slice(batchId, rows, from))();
    } catch (error) {
      options.log?.(`bulk batch ${batchId} not prepared`, error);
      settle(batchId, 'remove');
      runners.delete(batchId);
      return;
    }
    if (next < rows.length) setImmediate(() => prepareHere(batchId, runner, rows, next));
    else run(batchId, runner);
  }

  function apply(session: Session, previewId: string, reasonText: string): BulkBatch {
    const found = previewOf(session, previewId);
    const reason = reasonText.trim();
    if (reason.length < MIN_REASON_LENGTH) throw new RuleError('reason_required');
    if (found.totals.changes === 0) throw new RuleError('bulk_nothing_to_apply');
    const rows = found.outcomes.map((outcome, index): UnorderedRow => {
      const row = found.file.rows[index]!;
      const base = { line: row.line, cells: row.cells, otherLine: null };
      switch (outcome.kind) {
        case 'change':
          return {
            ...base,
            personRut: outcome.personRut,
            plan: {
              email: outcome.email,
              state: outcome.state,
              ...(outcome.warnings ? { warnings: outcome.warnings } : {}),
            },
            state: 'pending',
            code: null,
          };
        case 'refused':
          return {
            ...base,
            personRut: outcome.personRut,
            plan: null,
            state: 'refused',
            code: outcome.reason,
            otherLine: outcome.otherLine ?? null,
          };
        case 'duplicate':
          return {
            ...base,
            personRut: outcome.personRut,
            plan: null,
            state: 'skipped',
            code: 'duplicate',
            otherLine: outcome.firstLine,
          };
        default:
          return {
            ...base,
            personRut: outcome.personRut,
            plan: null,
            state: 'skipped',
            code: 'nothing',
          };
      }
    });
    const result = startBatch(
      session,
      {
        id: newId(),
        kind: 'load',
        undoOf: null,
        companyRut: found.companyRut,
        agentId: session.agentId,
        reason,
        fileName: found.fileName,
        header: found.file.header,
        total: rows.length,
        planned: found.totals.changes,
        createdAt: ctx.now().toISOString(),
      },
      rows,
    );
    previews.delete(previewId);
    return result;
  }

  function undo(session: Session, batchId: string, reasonText: string): BulkBatch {
    const original = batchOf(session, batchId);
    const reason = reasonText.trim();
    if (reason.length < MIN_REASON_LENGTH) throw new RuleError('reason_required');
    if (original.kind === 'undo') throw new RuleError('bulk_not_undoable', { why: 'is_undo' });
    if (original.undoneBy) throw new RuleError('bulk_not_undoable', { why: 'already_undone' });
    if (['preparing', 'applying', 'interrupted'].includes(original.state)) {
      throw new RuleError('bulk_not_undoable', { why: 'running' });
    }
    const applied = batches.appliedRows(batchId);
    if (applied.length === 0) throw new RuleError('bulk_not_undoable', { why: 'nothing' });
    const rows = applied.map((row): UnorderedRow => {
      const reverse = reversePlan(row.applied.applied);
      // The confirmation it gives back is vouched for by the central against the change undone.
      if (reverse?.email?.reverify && row.emailActionId) {
        reverse.email = { ...reverse.email, undoOf: row.emailActionId };
      }
      const base = { line: row.line, cells: row.cells, personRut: row.personRut, otherLine: null };
      return reverse
        ? { ...base, plan: reverse, state: 'pending', code: null }
        : {
            ...base,
            plan: null,
            state: 'refused',
            code: irreversibleBecause(row.applied.applied) ?? 'cannot_restore',
          };
    });
    const id = newId();
    return startBatch(
      session,
      {
        id,
        kind: 'undo',
        undoOf: batchId,
        companyRut: original.companyRut,
        agentId: session.agentId,
        reason,
        fileName: original.fileName,
        header: original.header,
        total: rows.length,
        planned: rows.filter((row) => row.state === 'pending').length,
        createdAt: ctx.now().toISOString(),
      },
      rows,
    );
  }

  // ---- Running a batch ----

  /** The first chunk runs at once (a small file is done when apply answers); the rest yield. */
  function run(batchId: string, runner: Runner) {
    runners.set(batchId, runner);
    const limits = {
      maxRows: chunkRows,
      budgetMs: CHUNK_MS,
      interrupt: () => (runner.cancel ? ('cancel' as const) : null),
    };
    const step = () => {
      if (stopped) return;
      try {
        const chunk = sqlite.transaction(() =>
          applier.runChunk(batchId, runner.session, runner.lastSeq, limits),
        )();
        runner.lastSeq = chunk.lastSeq;
        if (chunk.end === 'more') {
          options.kick?.();
          setImmediate(step);
          return;
        }
      } catch (error) {
        // An unexpected failure rolled back its chunk: the batch waits, interrupted, for a person.
        options.log?.(`bulk batch ${batchId} stopped`, error);
        settle(batchId, 'interrupt');
      }
      runners.delete(batchId);
      options.kick?.();
    };
    step();
  }

  /**
   * A large batch on the bulk worker: it records the rows (when given) and applies them; this
   * thread only relays. Where no worker can start, the same work runs here instead.
   */
  function runOnWorker(batchId: string, runner: Runner, rows: NewBatchRow[] | null) {
    // The rows go to the worker and are not kept here (a 100,000-row batch is some tens of MB):
    // if the worker cannot start, they come back with `unavailable`.
    const worker = options.worker!;
    runners.set(batchId, runner);
    if (threads++ === 0) sqlite.pragma('wal_autocheckpoint = 0');
    // The desk's connection checkpoints again only once no worker is left: the worker runs the
    // batch's checkpoint after reporting it ended (apply-worker.ts).
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      if (--threads === 0 && !stopped) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT}`);
    };
    const done = () => {
      runners.delete(batchId);
      options.kick?.();
    };
    runner.thread = startApplyThread(
      {
        ...worker,
        deviceId: ctx.deviceId,
        chunkRows: options.chunkRows ?? WORKER_CHUNK_ROWS,
        budgetMs: WORKER_CHUNK_MS,
        cacheKb: WORKER_CACHE_KB,
        walAutocheckpointPages: WORKER_AUTOCHECKPOINT,
      },
      {
        batchId,
        session: runner.session,
        clockOffsetMs: ctx.now().getTime() - Date.now(),
        rows,
      },
      {
        progress: () => options.kick?.(),
        ended: () => done(),
        failed: (phase, message) => {
          options.log?.(`bulk batch ${batchId} stopped on its worker (${phase}): ${message}`);
          if (!stopped) {
            // Still being recorded: it changed nothing and goes; applying: a person resumes it.
            settle(batchId, phase === 'prepare' ? 'remove' : 'interrupt');
          }
          done();
        },
        unavailable: (message, unsent) => {
          options.log?.(
            `bulk worker unavailable, batch ${batchId} runs in this thread: ${message}`,
          );
          runner.thread = null;
          release();
          if (stopped) return;
          if (unsent) prepareHere(batchId, runner, unsent, 0);
          else run(batchId, runner);
        },
        released: release,
      },
    );
    if (runner.cancel) runner.thread.cancel();
  }

  function cancel(session: Session, batchId: string): BulkBatch {
    const batch = batchOf(session, batchId);
    const runner = runners.get(batchId);
    if (runner) {
      runner.cancel = true;
      runner.thread?.cancel();
    }
    return view(batch);
  }

  function resume(session: Session, batchId: string): BulkBatch {
    const batch = batchOf(session, batchId);
    if (batch.state !== 'interrupted') throw new RuleError('bulk_not_interrupted');
    batches.setState(batchId, 'applying', null);
    const runner: Runner = { cancel: false, session, lastSeq: 0, thread: null };
    if (onWorker(batch.planned)) {
      runOnWorker(batchId, runner, null);
    } else {
      run(batchId, runner);
    }
    return view(batches.batch(batchId)!);
  }

  function close(session: Session, batchId: string): BulkBatch {
    const batch = batchOf(session, batchId);
    if (batch.state !== 'interrupted') throw new RuleError('bulk_not_interrupted');
    batches.setState(batchId, 'closed', ctx.now().toISOString());
    return view(batches.batch(batchId)!);
  }

  // ---- Reports ----

  function report(
    session: Session,
    batchId: string,
    filter: string | null,
    offset: number,
    limit: number,
  ): { rows: BulkReportRow[]; total: number } {
    const batch = batchOf(session, batchId);
    const page = batches.report(batchId, filter, offset, limit);
    const rutOf = rutReader(batch.header);
    const othersOf = otherCellsReader(batch.header);
    return {
      total: page.total,
      rows: page.rows.map((row) => ({
        seq: row.seq,
        line: row.line,
        // Not a person's: the RUT as the file wrote it (its own column, with a DV column if any).
        rut: row.personRut === null ? rutOf(row.cells) : formatRut(rutFromBody(row.personRut)),
        cells: othersOf(row.cells),
        status: row.status as BulkReportRow['status'],
        code: row.code,
        otherLine: row.otherLine,
        serverMessage: row.serverResult
          ? ((JSON.parse(row.serverResult) as { message?: string }).message ?? null)
          : null,
        ...warningsShown(row.warnings),
      })),
    };
  }

  function exportReport(session: Session, batchId: string) {
    const batch = batchOf(session, batchId);
    const lines: string[][] = [
      [
        bulkMessages.columns.line,
        ...batch.header,
        bulkMessages.resultHeader,
        bulkMessages.failedReasonHeader,
        bulkMessages.warningsHeader,
      ],
    ];
    const page = batches.report(batchId, null, 0, Number.MAX_SAFE_INTEGER);
    const rutOf = rutReader(batch.header);
    for (const row of page.rows) {
      const cells = [...row.cells];
      while (cells.length < batch.header.length) cells.push('');
      const server = row.serverResult
        ? ((JSON.parse(row.serverResult) as { message?: string }).message ?? '')
        : '';
      const rut = rutOf(row.cells);
      const why = row.code ? bulkRefusalText(row.code, rut, row.otherLine) : server;
      const shown = warningsShown(row.warnings);
      lines.push([
        String(row.line),
        ...cells,
        bulkMessages.reportStatus(row.status, batch.kind),
        why,
        bulkMessages.rowWarnings(shown).join('; '),
      ]);
    }
    return {
      filename: bulkMessages.reportFilename(batch.fileName, batch.kind),
      csv: csvFile(lines),
      rows: page.rows.length,
    };
  }

  return {
    /** The company's name as its RUT is typed, before any file is read (null: not here). */
    companyName: (session: Session, companyRut: number) => {
      supervisor(session);
      const row = companyRow.get(companyRut) as { rut: number; legal_name: string } | undefined;
      return row
        ? { companyRut: loginRut(rutFromBody(row.rut)), companyName: row.legal_name }
        : null;
    },
    preview,
    previewRows: previewRowsPage,
    failedRows,
    apply,
    undo,
    cancel,
    resume,
    close,
    status: (session: Session, batchId: string) => view(batchOf(session, batchId)),
    list: (session: Session, companyRut: number | null) => {
      supervisor(session);
      const names = agentNames();
      return batches.list(companyRut).map((batch) => view(batch, names));
    },
    report,
    exportReport,
    /** Stops running batches between chunks (the core is closing): they resume as interrupted. */
    stop: () => {
      stopped = true;
      for (const runner of runners.values()) runner.thread?.stop();
    },
  };
}

export type BulkLoads = ReturnType<typeof createBulkLoads>;
