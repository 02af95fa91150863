/**
 * Calls and visits: one open at a time per agent; actions link to it through the audit log.
 */
import type Database from 'better-sqlite3';

export type InteractionRow = {
  id: string;
  agentId: string;
  personRut: number | null;
  reason: string;
  outcome: string | null;
  notes: string | null;
  openedAt: string;
  closedAt: string | null;
};

type Raw = {
  id: string;
  agent_id: string;
  person_rut: number | null;
  reason: string;
  outcome: string | null;
  notes: string | null;
  opened_at: string;
  closed_at: string | null;
};

const toRow = (row: Raw): InteractionRow => ({
  id: row.id,
  agentId: row.agent_id,
  personRut: row.person_rut,
  reason: row.reason,
  outcome: row.outcome,
  notes: row.notes,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
});

export type InteractionFilter = { agentId?: string | null; personRut?: number | null };

export function createInteractionRepository(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    `INSERT INTO interactions (id, agent_id, person_rut, reason, opened_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const openOf = sqlite.prepare(
    `SELECT * FROM interactions WHERE agent_id = ? AND closed_at IS NULL
     ORDER BY opened_at DESC LIMIT 1`,
  );
  const byId = sqlite.prepare('SELECT * FROM interactions WHERE id = ?');
  const close = sqlite.prepare(
    'UPDATE interactions SET outcome = ?, notes = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL',
  );
  return {
    open(row: {
      id: string;
      agentId: string;
      personRut: number | null;
      reason: string;
      openedAt: string;
    }) {
      insert.run(row.id, row.agentId, row.personRut, row.reason, row.openedAt);
    },
    openOf(agentId: string): InteractionRow | null {
      const row = openOf.get(agentId) as Raw | undefined;
      return row ? toRow(row) : null;
    },
    byId(id: string): InteractionRow | null {
      const row = byId.get(id) as Raw | undefined;
      return row ? toRow(row) : null;
    },
    close(id: string, outcome: string, notes: string | null, closedAt: string): boolean {
      return close.run(outcome, notes, closedAt, id).changes === 1;
    },
    list(filter: InteractionFilter, limit: number, offset: number): InteractionRow[] {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (filter.agentId) {
        clauses.push('agent_id = ?');
        params.push(filter.agentId);
      }
      if (filter.personRut !== undefined && filter.personRut !== null) {
        clauses.push('person_rut = ?');
        params.push(filter.personRut);
      }
      const sql = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      return (
        sqlite
          .prepare(`SELECT * FROM interactions ${sql} ORDER BY opened_at DESC LIMIT ? OFFSET ?`)
          .all(...params, limit, offset) as Raw[]
      ).map(toRow);
    },
  };
}

export type InteractionRepository = ReturnType<typeof createInteractionRepository>;
