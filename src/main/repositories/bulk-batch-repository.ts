/**
 * Bulk-load batches and their rows (issue 8). Synchronous; the service calls these inside its
 * transactions. A row's report status joins the outbox: what the central API answered for the
 * actions the row became.
 */
import type Database from 'better-sqlite3';
import type { KeptByUndo, PlannedChange, RowWarnings } from '../../shared/rules/bulk-load';

export type BatchState = 'preparing' | 'applying' | 'interrupted' | 'cancelled' | 'done' | 'closed';

export type BatchRow = {
  id: string;
  kind: 'load' | 'undo';
  undoOf: string | null;
  companyRut: number;
  agentId: string;
  reason: string;
  fileName: string;
  header: string[];
  state: BatchState;
  total: number;
  planned: number;
  applied: number;
  refused: number;
  skipped: number;
  createdAt: string;
  finishedAt: string | null;
  undoneBy: string | null;
};

/**
 * A change row's plan as stored: what to change, and what the preview warned of it (warnRows), so
 * the load's result still says so once it is applied; an undo's, what it could not take back
 * (`kept`, its report's words once applied: reversePlan).
 */
export type Plan = Omit<PlannedChange, 'personRut'> & {
  warnings?: RowWarnings;
  kept?: KeptByUndo | null;
};

export type NewBatchRow = {
  seq: number;
  line: number;
  personRut: number | null;
  cells: string[];
  plan: Plan | null;
  state: 'pending' | 'refused' | 'skipped';
  code: string | null;
  /** The file's other row named with the code (a repeated RUT's); null for the others. */
  otherLine: number | null;
};

export type PendingRow = { seq: number; personRut: number; plan: Plan };

export type ReportRow = {
  seq: number;
  line: number;
  personRut: number | null;
  cells: string[];
  status: string;
  code: string | null;
  otherLine: number | null;
  serverResult: string | null;
  /** What the preview warned of the row (its plan's), when the row's change took effect. */
  warnings: RowWarnings | null;
};

/**
 * A batch's rows in order, read from the primary key (batch_id, seq): a batch is applied in seq
 * order, so the rows after the last one done are the pending ones (migration 0022).
 */
export const BATCH_ROWS_SQL = {
  pending: `SELECT seq, person_rut, plan FROM bulk_batch_rows
     WHERE batch_id = ? AND state = 'pending' AND seq > ? ORDER BY seq LIMIT +?`,
  applied: `SELECT seq, line, person_rut, cells, after, email_action_id FROM bulk_batch_rows
     WHERE batch_id = ? AND state = 'applied' ORDER BY seq`,
};

/**
 * A row's status in the report, in SQL so it can be filtered and paged over 100,000 rows. An
 * action whose outbox row is gone was confirmed: only confirmed actions leave the outbox
 * (sync/outbox-retention.ts).
 */
const EMAIL_ACTION = `CASE WHEN r.email_action_id IS NULL THEN '' ELSE coalesce(oe.state, 'applied') END`;
const STATE_ACTION = `CASE WHEN r.state_action_id IS NULL THEN '' ELSE coalesce(os.state, 'applied') END`;
const STATUS = `CASE
    WHEN r.state != 'applied' THEN r.state
    WHEN 'rejected' IN (${EMAIL_ACTION}, ${STATE_ACTION}) THEN 'rejected'
    WHEN 'conflict' IN (${EMAIL_ACTION}, ${STATE_ACTION}) THEN 'conflict'
    WHEN 'pending' IN (${EMAIL_ACTION}, ${STATE_ACTION}) THEN 'applied'
    WHEN 'resolved' IN (${EMAIL_ACTION}, ${STATE_ACTION}) THEN 'resolved'
    WHEN r.email_action_id IS NULL AND r.state_action_id IS NULL THEN 'applied'
    ELSE 'confirmed' END`;
const JOINED = `FROM bulk_batch_rows r
  LEFT JOIN outbox oe ON oe.action_id = r.email_action_id
  LEFT JOIN outbox os ON os.action_id = r.state_action_id`;

const FILTERS: Record<string, string> = {
  applied: `status IN ('applied', 'confirmed', 'resolved')`,
  refused: `status = 'refused'`,
  skipped: `status = 'skipped'`,
  pending: `status = 'pending'`,
  conflict: `status IN ('conflict', 'rejected')`,
  warned: `warnings IS NOT NULL`,
};

type RawBatch = {
  id: string;
  kind: 'load' | 'undo';
  undo_of: string | null;
  company_rut: number;
  agent_id: string;
  reason: string;
  file_name: string;
  header: string;
  state: BatchState;
  total: number;
  planned: number;
  applied: number;
  refused: number;
  skipped: number;
  created_at: string;
  finished_at: string | null;
  undone_by: string | null;
};

const toBatch = (row: RawBatch): BatchRow => ({
  id: row.id,
  kind: row.kind,
  undoOf: row.undo_of,
  companyRut: row.company_rut,
  agentId: row.agent_id,
  reason: row.reason,
  fileName: row.file_name,
  header: JSON.parse(row.header) as string[],
  state: row.state,
  total: row.total,
  planned: row.planned,
  applied: row.applied,
  refused: row.refused,
  skipped: row.skipped,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  undoneBy: row.undone_by,
});

export function createBulkBatchRepository(sqlite: Database.Database) {
  const insertBatch = sqlite.prepare(
    `INSERT INTO bulk_batches (id, kind, undo_of, company_rut, agent_id, reason, file_name, header,
       state, total, planned, applied, refused, skipped, created_at)
     VALUES (@id, @kind, @undoOf, @companyRut, @agentId, @reason, @fileName, @header, @state,
       @total, @planned, 0, @refused, @skipped, @createdAt)`,
  );
  const insertRow = sqlite.prepare(
    `INSERT INTO bulk_batch_rows (batch_id, seq, line, person_rut, cells, plan, state, code,
       other_line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = sqlite.prepare('SELECT * FROM bulk_batches WHERE id = ?');
  const running = sqlite.prepare(
    "SELECT * FROM bulk_batches WHERE company_rut = ? AND state IN ('preparing', 'applying', 'interrupted')",
  );
  const list = sqlite.prepare(
    'SELECT * FROM bulk_batches ORDER BY created_at DESC, rowid DESC LIMIT 200',
  );
  const listOfCompany = sqlite.prepare(
    'SELECT * FROM bulk_batches WHERE company_rut = ? ORDER BY created_at DESC, rowid DESC LIMIT 200',
  );
  const pending = sqlite.prepare(BATCH_ROWS_SQL.pending);
  const finishRow = sqlite.prepare(
    `UPDATE bulk_batch_rows SET state = ?, code = ?, before = ?, after = ?, email_action_id = ?,
       state_action_id = ? WHERE batch_id = ? AND seq = ? AND state = 'pending'`,
  );
  const count = sqlite.prepare(
    `UPDATE bulk_batches SET applied = applied + ?, refused = refused + ?, skipped = skipped + ?
     WHERE id = ?`,
  );
  const setState = sqlite.prepare(
    'UPDATE bulk_batches SET state = ?, finished_at = ? WHERE id = ?',
  );
  const interruptAll = sqlite.prepare(
    "UPDATE bulk_batches SET state = 'interrupted' WHERE state = 'applying'",
  );
  const removeRows = sqlite.prepare('DELETE FROM bulk_batch_rows WHERE batch_id = ?');
  const removeBatch = sqlite.prepare('DELETE FROM bulk_batches WHERE id = ?');
  const preparing = sqlite.prepare("SELECT id FROM bulk_batches WHERE state = 'preparing'").pluck();
  const markUndone = sqlite.prepare('UPDATE bulk_batches SET undone_by = ? WHERE id = ?');
  const appliedRows = sqlite.prepare(BATCH_ROWS_SQL.applied);
  const syncCounts = sqlite.prepare(
    `SELECT status, count(*) AS n FROM (SELECT ${STATUS} AS status ${JOINED}
       WHERE r.batch_id = ? AND r.state = 'applied') GROUP BY status`,
  );

  return {
    insertBatch(batch: Omit<BatchRow, 'applied' | 'finishedAt' | 'undoneBy'>): void {
      insertBatch.run({ ...batch, header: JSON.stringify(batch.header) });
    },
    insertRow(batchId: string, row: NewBatchRow): void {
      insertRow.run(
        batchId,
        row.seq,
        row.line,
        row.personRut,
        JSON.stringify(row.cells),
        row.plan ? JSON.stringify(row.plan) : null,
        row.state,
        row.code,
        row.otherLine,
      );
    },
    batch(id: string): BatchRow | null {
      const row = batch.get(id) as RawBatch | undefined;
      return row ? toBatch(row) : null;
    },
    running(companyRut: number): BatchRow | null {
      const row = running.get(companyRut) as RawBatch | undefined;
      return row ? toBatch(row) : null;
    },
    list(companyRut: number | null): BatchRow[] {
      const rows = (companyRut === null ? list.all() : listOfCompany.all(companyRut)) as RawBatch[];
      return rows.map(toBatch);
    },
    /** The next pending rows after `afterSeq`, in file order. */
    pending(batchId: string, afterSeq: number, limit: number): PendingRow[] {
      return (
        pending.all(batchId, afterSeq, limit) as Array<{
          seq: number;
          person_rut: number;
          plan: string;
        }>
      ).map((row) => ({
        seq: row.seq,
        personRut: row.person_rut,
        plan: JSON.parse(row.plan) as Plan,
      }));
    },
    finishRow(
      batchId: string,
      seq: number,
      result: {
        state: 'applied' | 'refused' | 'skipped';
        code: string | null;
        before: unknown;
        after: unknown;
        emailActionId: string | null;
        stateActionId: string | null;
      },
    ): boolean {
      return (
        finishRow.run(
          result.state,
          result.code,
          result.before === null ? null : JSON.stringify(result.before),
          result.after === null ? null : JSON.stringify(result.after),
          result.emailActionId,
          result.stateActionId,
          batchId,
          seq,
        ).changes === 1
      );
    },
    count(batchId: string, applied: number, refused: number, skipped: number): void {
      count.run(applied, refused, skipped, batchId);
    },
    setState(batchId: string, state: BatchState, finishedAt: string | null): void {
      setState.run(state, finishedAt, batchId);
    },
    /** At start: a batch still `applying` belongs to a process that is gone. */
    interruptAll(): number {
      return interruptAll.run().changes;
    },
    /** A batch that never started changing anything. */
    remove(batchId: string): void {
      removeRows.run(batchId);
      removeBatch.run(batchId);
    },
    /** At start: batches still being recorded when the process died changed nothing. */
    removePreparing(): void {
      sqlite.transaction(() => {
        for (const id of preparing.all() as string[]) {
          removeRows.run(id);
          removeBatch.run(id);
        }
      })();
    },
    markUndone(batchId: string, undoBatchId: string): void {
      markUndone.run(undoBatchId, batchId);
    },
    appliedRows(batchId: string) {
      return (
        appliedRows.all(batchId) as Array<{
          seq: number;
          line: number;
          person_rut: number;
          cells: string;
          after: string;
          email_action_id: string | null;
        }>
      ).map((row) => ({
        seq: row.seq,
        line: row.line,
        personRut: row.person_rut,
        cells: JSON.parse(row.cells) as string[],
        applied: JSON.parse(row.after) as { applied: Plan },
        /** The e-mail change's action: an undo names it (`undoOf`) for the central. */
        emailActionId: row.email_action_id,
      }));
    },
    syncCounts(batchId: string): Record<string, number> {
      return Object.fromEntries(
        (syncCounts.all(batchId) as Array<{ status: string; n: number }>).map((row) => [
          row.status,
          row.n,
        ]),
      );
    },
    report(batchId: string, filter: string | null, offset: number, limit: number) {
      const where = filter && FILTERS[filter] ? `WHERE ${FILTERS[filter]}` : '';
      // A warning stands for what its change did, each of the action it rode on: the last
      // administrator for the state's, the shared address for the e-mail's — none where that
      // action did not take effect (never applied, or refused or conflicting at the central).
      const tookEffect = (alias: string, column: string) =>
        `(r.state = 'applied' AND r.${column} IS NOT NULL
          AND coalesce(${alias}.state, 'applied') NOT IN ('conflict', 'rejected', 'resolved'))`;
      const inner = `SELECT *, CASE WHEN last_admin IS NOT NULL OR shared_email IS NOT NULL
            OR other_access IS NOT NULL
          THEN json_object('lastAdmin', CASE WHEN last_admin THEN json('true') END,
            'sharedEmail', json(shared_email), 'otherAccess', json(other_access)) END
          AS warnings FROM (SELECT r.seq, r.line, r.person_rut, r.cells, r.code, r.other_line, ${STATUS} AS status,
          CASE WHEN oe.state IN ('conflict', 'rejected') THEN oe.result ELSE os.result END AS server_result,
          CASE WHEN ${tookEffect('os', 'state_action_id')}
            THEN json_extract(r.plan, '$.warnings.lastAdmin') END AS last_admin,
          CASE WHEN ${tookEffect('oe', 'email_action_id')}
            THEN json_extract(r.plan, '$.warnings.sharedEmail') END AS shared_email,
          CASE WHEN ${tookEffect('oe', 'email_action_id')}
            THEN json_extract(r.plan, '$.warnings.otherAccess') END AS other_access
        ${JOINED} WHERE r.batch_id = ?)`;
      const total = (
        sqlite.prepare(`SELECT count(*) AS n FROM (${inner}) ${where}`).get(batchId) as {
          n: number;
        }
      ).n;
      const rows = (
        sqlite
          .prepare(`SELECT * FROM (${inner}) ${where} ORDER BY line, seq LIMIT +? OFFSET ?`)
          .all(batchId, limit, offset) as Array<{
          seq: number;
          line: number;
          person_rut: number | null;
          cells: string;
          code: string | null;
          other_line: number | null;
          status: string;
          server_result: string | null;
          warnings: string | null;
        }>
      ).map((row): ReportRow => ({
        seq: row.seq,
        line: row.line,
        personRut: row.person_rut,
        cells: JSON.parse(row.cells) as string[],
        status: row.status,
        code: row.code,
        otherLine: row.other_line,
        serverResult: row.server_result,
        warnings: row.warnings === null ? null : (JSON.parse(row.warnings) as RowWarnings),
      }));
      return { total, rows };
    },
  };
}

export type BulkBatchRepository = ReturnType<typeof createBulkBatchRepository>;
