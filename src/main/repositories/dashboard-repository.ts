/**
 * The Panel's queries (issue 10): one statement per chart over a range of instants, each
 * answered from an index of migration 0012 without reading the tables (the plans are pinned in
 * test/integration/dashboard-plans.test.ts). `DASHBOARD_SQL` is exported so the benchmark can
 * time the very same statements raw.
 */
import type Database from 'better-sqlite3';
import { SYSTEM_AGENT_ID } from '../../shared/rules/export-retention';
import { isVisitSql } from './interaction-repository';
import { NOT_ACTIONS, NOT_BULK_LOAD_SQL, quoted, SUPERVISION_ACTIONS } from './audit-action-kinds';

// Kept word for word as the partial index's condition: SQLite uses the index only then. The
// other terms narrow it further from the index's own `action` column.
const notActions = quoted(NOT_ACTIONS);
const supervision = quoted(SUPERVISION_ACTIONS);
/** What the desk did by itself (an export's files removed on time) is no agent's action. */
const byAgents = `agent_id <> '${SYSTEM_AGENT_ID}'`;

/** Every statement takes the range as `from` (inclusive) and `to` (exclusive) ISO instants. */
export const DASHBOARD_SQL = {
  callsByReason: `SELECT reason, count(*) AS n FROM interactions
    WHERE opened_at >= @from AND opened_at < @to GROUP BY reason`,
  /** Per UTC hour (`aaaa-mm-ddTHH`): folded into Santiago's hours in domain/dashboard-range. */
  callsByHour: `SELECT substr(opened_at, 1, 13) AS hour, count(*) AS n FROM interactions
    WHERE opened_at >= @from AND opened_at < @to GROUP BY hour`,
  outcomes: `SELECT outcome, count(*) AS n FROM interactions
    WHERE opened_at >= @from AND opened_at < @to GROUP BY outcome`,
  /**
   * How many of the range's interactions were a prevention officer's visits (DOMAIN: «one call
   * or visit»): on a desk an officer also signs in to, the Panel names them apart from calls.
   * By the kind each row stored when it opened (`isVisitSql`), as every list of interactions
   * says it: an officer made supervisor since still made those visits.
   */
  visits: `SELECT count(*) FROM interactions
    WHERE ${isVisitSql('interactions')}
      AND opened_at >= @from AND opened_at < @to`,
  actionsByKind: `SELECT action, count(*) AS n FROM audit_events
    WHERE action NOT IN (${notActions}) AND ${NOT_BULK_LOAD_SQL} AND action NOT IN (${supervision})
      AND at >= @from AND at < @to AND ${byAgents}
    GROUP BY action`,
  actionsByAgent: `SELECT agent_id, count(*) AS n FROM audit_events
    WHERE action NOT IN (${notActions}) AND ${NOT_BULK_LOAD_SQL} AND action NOT IN (${supervision})
      AND at >= @from AND at < @to AND ${byAgents}
    GROUP BY agent_id`,
  supervisionByKind: `SELECT action, count(*) AS n FROM audit_events
    WHERE action NOT IN (${notActions}) AND ${NOT_BULK_LOAD_SQL} AND action IN (${supervision})
      AND at >= @from AND at < @to
    GROUP BY action`,
  /**
   * Bulk loads and their undoing started in the range that changed something, with the rows they
   * changed: counted here, not as the agents' actions above (walk 58b).
   */
  bulkLoads: `SELECT kind, count(*) AS batches, sum(applied) AS n FROM bulk_batches
    WHERE created_at >= @from AND created_at < @to AND applied > 0
    GROUP BY kind`,
  /**
   * The causes each record view showed (its `after`: `{"causes":[…]}`), counted as distinct
   * persons, so a record opened three times in one call counts once. Every cause (a few
   * dozen codes at most): the Panel shows the first DASHBOARD_TOP_CAUSES and says how many.
   */
  diagnosisCauses: `SELECT c.value AS code, count(DISTINCT a.person_rut) AS n
    FROM audit_events a, json_each(a.after, '$.causes') c
    WHERE a.action = 'person.view' AND a.after IS NOT NULL AND a.at >= @from AND a.at < @to
    GROUP BY c.value ORDER BY n DESC, code`,
  /**
   * The outbox as it is now: what waits, since when, and what a person must look at — with the
   * actions applied without their mails (mail_withheld), from their partial index.
   */
  syncQueue: `SELECT state, count(*) AS n, min(created_at) AS oldest FROM outbox
    WHERE state IN ('pending', 'conflict', 'rejected') GROUP BY state
    UNION ALL SELECT 'mail_withheld', count(*), NULL FROM outbox INDEXED BY outbox_mails_withheld
    WHERE state = 'applied' AND result IS NOT NULL`,
} as const;

export type DashboardQuery = keyof typeof DASHBOARD_SQL;

type Range = { from: string; to: string };
const byCount = <T extends { n: number }>(rows: T[]) => rows.sort((a, b) => b.n - a.n);

export function createDashboardRepository(sqlite: Database.Database) {
  const statements = Object.fromEntries(
    Object.entries(DASHBOARD_SQL).map(([name, sql]) => [name, sqlite.prepare(sql)]),
  ) as Record<DashboardQuery, Database.Statement>;
  return {
    callsByReason(range: Range) {
      return byCount(statements.callsByReason.all(range) as Array<{ reason: string; n: number }>);
    },
    callsByUtcHour(range: Range) {
      return statements.callsByHour.all(range) as Array<{ hour: string; n: number }>;
    },
    outcomes(range: Range) {
      return byCount(
        statements.outcomes.all(range) as Array<{ outcome: string | null; n: number }>,
      );
    },
    visits(range: Range): number {
      return statements.visits.pluck().get(range) as number;
    },
    actionsByKind(range: Range) {
      return byCount(statements.actionsByKind.all(range) as Array<{ action: string; n: number }>);
    },
    supervisionByKind(range: Range) {
      return byCount(
        statements.supervisionByKind.all(range) as Array<{ action: string; n: number }>,
      );
    },
    actionsByAgent(range: Range) {
      return byCount(
        statements.actionsByAgent.all(range) as Array<{ agent_id: string; n: number }>,
      );
    },
    bulkLoads(range: Range) {
      const rows = statements.bulkLoads.all(range) as Array<{
        kind: 'load' | 'undo';
        batches: number;
        n: number;
      }>;
      const of = (kind: string) => rows.find((row) => row.kind === kind);
      return {
        loads: of('load')?.batches ?? 0,
        rowsApplied: of('load')?.n ?? 0,
        undos: of('undo')?.batches ?? 0,
        rowsUndone: of('undo')?.n ?? 0,
      };
    },
    diagnosisCauses(range: Range) {
      return statements.diagnosisCauses.all(range) as Array<{ code: string; n: number }>;
    },
    syncQueue() {
      const rows = statements.syncQueue.all() as Array<{
        state: 'pending' | 'conflict' | 'rejected' | 'mail_withheld';
        n: number;
        oldest: string | null;
      }>;
      const of = (state: string) => rows.find((row) => row.state === state);
      return {
        pending: of('pending')?.n ?? 0,
        oldestPendingAt: of('pending')?.oldest ?? null,
        conflicts: of('conflict')?.n ?? 0,
        rejected: of('rejected')?.n ?? 0,
        mailsWithheld: of('mail_withheld')?.n ?? 0,
      };
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
