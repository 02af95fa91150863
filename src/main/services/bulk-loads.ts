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
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BulkBatch, BulkPreview, BulkPreviewRow, BulkReportRow } from '../../shared/contract';
import { csvFile } from '../../shared/csv-cell';
import { formatDateTime } from '../../shared/format';
import { bulkMessages } from '../../shared/messages';
import { mayBulkLoad } from '../../shared/policy';
import {
  checkPlannedRow,
  outcomeFilters,
  previewRows,
  reversePlan,
  type MembershipState,
  type OutcomeFilter,
  type PersonFacts,
  type RowOutcome,
  type Totals,
} from '../../shared/rules/bulk-load';
import { formatRut, loginRut, parseRut, rutFromBody } from '../../shared/rut';
import { BulkFileError, parseBulkFile, type ParsedFile } from '../bulk/parse-file';
import { decide } from '../domain/permissions';
import {
  createBulkBatchRepository,
  type BatchRow,
  type NewBatchRow,
  type Plan,
} from '../repositories/bulk-batch-repository';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError, RuleError } from './errors';

/** A chunk's transaction ends after this long, so the event loop is never held much longer. */
const CHUNK_MS = 40;
/** Rows recorded per transaction when a batch starts (a small file: all at once). */
const PREPARE_ROWS = 5000;
/** Previews kept in memory at once, one per agent (a 100,000-row preview is some tens of MB). */
const PREVIEWS_KEPT = 3;
const MIN_REASON = 3;

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

type Runner = { cancel: boolean; session: Session; lastSeq: number };

export type BulkLoadOptions = {
  /** Most rows in one chunk (tests use a small number to have many chunks). */
  chunkRows?: number;
  /** Something was queued: let the sync engine push it. */
  kick?: () => void;
  log?: (message: string, error?: unknown) => void;
};

export function createBulkLoads(ctx: ServiceContext, options: BulkLoadOptions = {}) {
  const sqlite = ctx.db.$client;
  const batches = createBulkBatchRepository(sqlite);
  const { writes, outbox, audit } = ctx.repos;
  const chunkRows = options.chunkRows ?? 1000;
  const previews = new Map<string, Preview>();
  const runners = new Map<string, Runner>();
  let stopped = false;

  // Whatever was applying when the process died is interrupted: resumed or closed by a person;
  // a batch still being recorded had changed nothing and is removed.
  batches.removePreparing();
  batches.interruptAll();

  const companyRow = sqlite.prepare(
    'SELECT rut, legal_name, adherent FROM companies WHERE rut = ?',
  );
  const members = sqlite.prepare(
    `SELECT m.person_rut AS rut, m.state, m.version AS mv, p.email, p.version AS pv
     FROM memberships m JOIN persons p ON p.rut = m.person_rut WHERE m.company_rut = ?`,
  );
  const personRow = sqlite.prepare('SELECT email, version FROM persons WHERE rut = ?');
  const elsewhere = sqlite.prepare(
    'SELECT 1 FROM memberships WHERE person_rut = ? AND company_rut != ? LIMIT 1',
  );
  const membershipOf = sqlite.prepare(
    'SELECT id, state, version FROM memberships WHERE person_rut = ? AND company_rut = ?',
  );

  const company = (rut: number) => {
    const row = companyRow.get(rut) as
      { rut: number; legal_name: string; adherent: number } | undefined;
    if (!row) throw new RuleError('bulk_company_unknown');
    return { rut: row.rut, name: row.legal_name, adherent: row.adherent === 1 };
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

  /** A CSV answers synchronously; an `.xlsx` once unzipped. */
  function preview(
    session: Session,
    input: { companyRut: number; fileName: string; bytes: Uint8Array },
  ): BulkPreview | Promise<BulkPreview> {
    supervisor(session);
    const target = company(input.companyRut);
    let parsed: ParsedFile | Promise<ParsedFile>;
    try {
      parsed = parseBulkFile(input.bytes);
    } catch (error) {
      return fileError(error);
    }
    return parsed instanceof Promise
      ? parsed.then((file) => decideFile(session, target, input.fileName, file), fileError)
      : decideFile(session, target, input.fileName, parsed);
  }

  function decideFile(
    session: Session,
    target: { rut: number; name: string; adherent: boolean },
    fileName: string,
    file: ParsedFile,
  ): BulkPreview {
    // Everything the rows may ask about, in one pass over the company's memberships.
    const known = new Map<number, PersonFacts>();
    for (const row of members.iterate(target.rut) as Iterable<{
      rut: number;
      state: MembershipState;
      mv: number;
      email: string | null;
      pv: number;
    }>) {
      known.set(row.rut, {
        email: row.email,
        version: row.pv,
        membership: { state: row.state, version: row.mv },
        otherCompany: false,
      });
    }
    const lookup = (rut: number): PersonFacts | null => {
      const member = known.get(rut);
      if (member) return member;
      const person = personRow.get(rut) as { email: string | null; version: number } | undefined;
      if (!person) return null;
      return {
        email: person.email,
        version: person.version,
        membership: null,
        otherCompany: elsewhere.get(rut, target.rut) !== undefined,
      };
    };
    const { outcomes, totals } = previewRows(file.rows, target.adherent, lookup);
    const id = randomUUID();
    // One preview per agent: a new file replaces the one before (memory stays bounded).
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
        emailChange: outcome.kind === 'change' ? outcome.email : null,
        stateTo: outcome.kind === 'change' && outcome.state ? outcome.state.to : null,
      };
    });
    return { rows, total: indexes.length };
  }

  /** The refused rows with the file's own columns and a reason, to fix and load again. */
  function failedRows(session: Session, id: string) {
    const found = previewOf(session, id);
    const lines: string[][] = [[...found.file.header, bulkMessages.failedReasonHeader]];
    found.outcomes.forEach((outcome, index) => {
      if (outcome.kind !== 'refused') return;
      const cells = [...found.file.rows[index]!.cells];
      while (cells.length < found.file.header.length) cells.push('');
      lines.push([...cells, bulkMessages.refusals[outcome.reason] ?? outcome.reason]);
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
   * after a crash is removed at the next start, and the file is loaded again.
   */
  function startBatch(
    session: Session,
    batch: Omit<BatchRow, 'state' | 'applied' | 'finishedAt' | 'undoneBy' | 'refused' | 'skipped'>,
    rows: NewBatchRow[],
    also: () => void = () => {},
  ): BulkBatch {
    busy(batch.companyRut);
    const refused = rows.filter((row) => row.state === 'refused').length;
    const skipped = rows.filter((row) => row.state === 'skipped').length;
    const oneGo = rows.length <= PREPARE_ROWS;
    const finish = () => {
      also();
      audit.append({
        id: randomUUID(),
        at: batch.createdAt,
        agentId: session.agentId,
        deviceId: ctx.deviceId,
        personRut: null,
        action: batch.kind === 'load' ? 'bulk.load' : 'bulk.undo',
        before: null,
        after: JSON.stringify({
          batchId: batch.id,
          companyRut: batch.companyRut,
          fileName: batch.fileName,
          planned: batch.planned,
        }),
        reason: batch.reason,
        identityCheck: null,
        interactionId: null,
      });
      batches.setState(batch.id, 'applying', null);
    };
    const slice = (from: number) => {
      const to = Math.min(rows.length, from + PREPARE_ROWS);
      for (let i = from; i < to; i++) batches.insertRow(batch.id, rows[i]!);
      if (to === rows.length) finish();
      return to;
    };
    let next = 0;
    try {
      sqlite.transaction(() => {
        batches.insertBatch({ ...batch, refused, skipped, state: 'preparing' });
        next = slice(0);
      })();
    } catch (error) {
      // Another batch for the same company started between the check and the insert.
      if (String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) {
        busy(batch.companyRut);
      }
      throw error;
    }
    const runner: Runner = { cancel: false, session, lastSeq: 0 };
    runners.set(batch.id, runner);
    if (oneGo) {
      run(batch.id, runner);
    } else {
      const prepare = () => {
        if (stopped) return;
        try {
          next = sqlite.transaction(() => slice(next))();
        } catch (error) {
          options.log?.(`bulk batch ${batch.id} not prepared`, error);
          sqlite.transaction(() => batches.remove(batch.id))();
          runners.delete(batch.id);
          return;
        }
        if (next < rows.length) setImmediate(prepare);
        else run(batch.id, runner);
      };
      setImmediate(prepare);
    }
    return view(batches.batch(batch.id)!);
  }

  function apply(session: Session, previewId: string, reasonText: string): BulkBatch {
    const found = previewOf(session, previewId);
    const reason = reasonText.trim();
    if (reason.length < MIN_REASON) throw new RuleError('reason_required');
    if (found.totals.changes === 0) throw new RuleError('bulk_nothing_to_apply');
    const rows = found.outcomes.map((outcome, index): NewBatchRow => {
      const row = found.file.rows[index]!;
      const base = { seq: index + 1, line: row.line, cells: row.cells };
      switch (outcome.kind) {
        case 'change':
          return {
            ...base,
            personRut: outcome.personRut,
            plan: { email: outcome.email, state: outcome.state },
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
          };
        case 'duplicate':
          return {
            ...base,
            personRut: outcome.personRut,
            plan: null,
            state: 'skipped',
            code: 'duplicate',
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
        id: randomUUID(),
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
    if (reason.length < MIN_REASON) throw new RuleError('reason_required');
    if (original.kind === 'undo') throw new RuleError('bulk_not_undoable', { why: 'is_undo' });
    if (original.undoneBy) throw new RuleError('bulk_not_undoable', { why: 'already_undone' });
    if (['preparing', 'applying', 'interrupted'].includes(original.state)) {
      throw new RuleError('bulk_not_undoable', { why: 'running' });
    }
    const applied = batches.appliedRows(batchId);
    if (applied.length === 0) throw new RuleError('bulk_not_undoable', { why: 'nothing' });
    const rows = applied.map((row, index): NewBatchRow => {
      const reverse = reversePlan(row.applied.applied);
      const base = { seq: index + 1, line: row.line, cells: row.cells, personRut: row.personRut };
      return reverse
        ? { ...base, plan: reverse, state: 'pending', code: null }
        : { ...base, plan: null, state: 'refused', code: 'cannot_restore' };
    });
    const id = randomUUID();
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
      () => batches.markUndone(batchId, id),
    );
  }

  // ---- Running a batch ----

  /** One planned row against the replica as it is now: the writes, intents and audit events. */
  function applyRow(
    batch: BatchRow,
    session: Session,
    row: { seq: number; personRut: number; plan: Plan },
    adherent: boolean,
    at: string,
  ) {
    const rut = row.personRut;
    const person = writes.person(rut);
    const membership = membershipOf.get(rut, batch.companyRut) as
      { id: number; state: MembershipState; version: number } | undefined;
    const check = checkPlannedRow(
      row.plan,
      person ? { email: person.email, membershipState: membership?.state ?? null } : null,
      adherent,
    );
    const before = { email: person?.email ?? null, state: membership?.state ?? null };
    if (check.kind === 'refused') {
      return {
        state: 'refused' as const,
        code: check.reason,
        before,
        after: null,
        ids: [null, null],
      };
    }
    if (check.kind === 'already') {
      return { state: 'skipped' as const, code: 'already', before, after: null, ids: [null, null] };
    }
    const scope = { ...session, adminOfCompanyRuts: [] };
    const target = { personCompanyRuts: [batch.companyRut], companyRut: batch.companyRut };
    const record = (
      actionId: string,
      kind: string,
      payload: Record<string, unknown>,
      beforeFields: unknown,
      afterFields: unknown,
    ) => {
      outbox.enqueue({
        actionId,
        kind,
        agentId: session.agentId,
        personRut: rut,
        payload: { ...payload, batchId: batch.id, personRut: rut, decidedAt: at },
        createdAt: at,
      });
      audit.append({
        id: actionId,
        at,
        agentId: session.agentId,
        deviceId: ctx.deviceId,
        personRut: rut,
        action: kind,
        before: JSON.stringify(beforeFields),
        after: JSON.stringify({ ...(afterFields as object), batchId: batch.id }),
        reason: batch.reason,
        identityCheck: null,
        interactionId: null,
      });
    };
    const applied: Plan = { email: null, state: null };
    let emailActionId: string | null = null;
    let stateActionId: string | null = null;
    if (check.email && row.plan.email && person) {
      if (!decide(scope, 'contact.edit', target).allowed) {
        return {
          state: 'refused' as const,
          code: 'forbidden',
          before,
          after: null,
          ids: [null, null],
        };
      }
      const to = row.plan.email.to;
      const phone = person.phone;
      emailActionId = randomUUID();
      writes.updateContact(rut, to, phone, null);
      // Rule 10: a new address is confirmed by mail, and the accounts wait for it.
      for (const portal of writes.activePortals(rut)) {
        writes.queueMail(rut, portal, 'email_confirmation', at, to, emailActionId);
      }
      writes.unverifyAccounts(rut);
      record(
        emailActionId,
        'person.update_contact',
        { seenVersion: person.version, changes: { email: { from: person.email, to } } },
        { email: person.email, phone },
        { email: to, phone },
      );
      applied.email = { from: person.email, to };
    }
    if (check.state && row.plan.state && membership) {
      const to = row.plan.state.to;
      const kind = to === 'active' ? 'membership.enable' : 'membership.disable';
      if (!decide(scope, kind, target).allowed) {
        throw new ForbiddenError('role');
      }
      stateActionId = randomUUID();
      writes.setMembershipState(membership.id, to, null, null);
      record(
        stateActionId,
        kind,
        {
          companyRut: batch.companyRut,
          fromState: membership.state,
          state: to,
          seenVersion: membership.version,
        },
        { companyRut: batch.companyRut, state: membership.state },
        { companyRut: batch.companyRut, state: to },
      );
      applied.state = { from: membership.state, to };
    }
    return {
      state: 'applied' as const,
      code: null,
      before,
      after: {
        applied,
        email: applied.email?.to ?? before.email,
        state: applied.state?.to ?? before.state,
      },
      ids: [emailActionId, stateActionId],
    };
  }

  /** One chunk, one synchronous transaction: rows until the time budget, a cancel, or the end. */
  function runChunk(batchId: string, runner: Runner): 'more' | 'finished' {
    return sqlite.transaction((): 'more' | 'finished' => {
      const batch = batches.batch(batchId)!;
      const started = performance.now();
      const at = ctx.now().toISOString();
      const adherent = company(batch.companyRut).adherent;
      let applied = 0;
      let refused = 0;
      let skipped = 0;
      let end: 'more' | 'done' | 'cancelled' = 'more';
      let count = 0;
      outer: for (;;) {
        const rows = batches.pending(batchId, runner.lastSeq, 256);
        if (rows.length === 0) {
          end = 'done';
          break;
        }
        for (const row of rows) {
          if (runner.cancel) {
            end = 'cancelled';
            break outer;
          }
          const result = applyRow(batch, runner.session, row, adherent, at);
          batches.finishRow(batchId, row.seq, {
            state: result.state,
            code: result.code,
            before: result.before,
            after: result.after,
            emailActionId: result.ids[0] ?? null,
            stateActionId: result.ids[1] ?? null,
          });
          if (result.state === 'applied') applied += 1;
          else if (result.state === 'refused') refused += 1;
          else skipped += 1;
          runner.lastSeq = row.seq;
          count += 1;
          if (count >= chunkRows || performance.now() - started > CHUNK_MS) break outer;
        }
      }
      batches.count(batchId, applied, refused, skipped);
      if (end === 'more') return 'more';
      batches.setState(batchId, end, ctx.now().toISOString());
      return 'finished';
    })();
  }

  /** The first chunk runs at once (a small file is done when apply answers); the rest yield. */
  function run(batchId: string, runner: Runner) {
    runners.set(batchId, runner);
    const step = () => {
      if (stopped) return;
      try {
        if (runChunk(batchId, runner) === 'more') {
          options.kick?.();
          setImmediate(step);
          return;
        }
      } catch (error) {
        // An unexpected failure rolled back its chunk: the batch waits, interrupted, for a person.
        options.log?.(`bulk batch ${batchId} stopped`, error);
        batches.setState(batchId, 'interrupted', null);
      }
      runners.delete(batchId);
      options.kick?.();
    };
    step();
  }

  function cancel(session: Session, batchId: string): BulkBatch {
    const batch = batchOf(session, batchId);
    const runner = runners.get(batchId);
    if (runner) runner.cancel = true;
    return view(batch);
  }

  function resume(session: Session, batchId: string): BulkBatch {
    const batch = batchOf(session, batchId);
    if (batch.state !== 'interrupted') throw new RuleError('bulk_not_interrupted');
    batches.setState(batchId, 'applying', null);
    run(batchId, { cancel: false, session, lastSeq: 0 });
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
    batchOf(session, batchId);
    const page = batches.report(batchId, filter, offset, limit);
    return {
      total: page.total,
      rows: page.rows.map((row) => ({
        seq: row.seq,
        line: row.line,
        rut: row.personRut === null ? (row.cells[0] ?? '') : formatRut(rutFromBody(row.personRut)),
        cells: row.cells,
        status: row.status as BulkReportRow['status'],
        code: row.code,
        serverMessage: row.serverResult
          ? ((JSON.parse(row.serverResult) as { message?: string }).message ?? null)
          : null,
      })),
    };
  }

  function exportReport(session: Session, batchId: string) {
    const batch = batchOf(session, batchId);
    const lines: string[][] = [
      [...batch.header, bulkMessages.resultHeader, bulkMessages.failedReasonHeader],
    ];
    const page = batches.report(batchId, null, 0, Number.MAX_SAFE_INTEGER);
    for (const row of page.rows) {
      const cells = [...row.cells];
      while (cells.length < batch.header.length) cells.push('');
      const server = row.serverResult
        ? ((JSON.parse(row.serverResult) as { message?: string }).message ?? '')
        : '';
      const why = row.code ? (bulkMessages.refusals[row.code] ?? row.code) : server;
      const status = batch.kind === 'undo' && row.status === 'applied' ? 'restored' : row.status;
      lines.push([...cells, bulkMessages.report[status] ?? row.status, why]);
    }
    return {
      filename: bulkMessages.reportFilename(batch.fileName, batch.kind),
      csv: csvFile(lines),
      rows: page.rows.length,
    };
  }

  return {
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
    },
  };
}

export type BulkLoads = ReturnType<typeof createBulkLoads>;
