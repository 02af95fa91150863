/**
 * The outbox: one row per action, written in the action's transaction, drained in order by the
 * sync engine. A row carries the intent and the version it was decided on, not a copy of rows.
 */
import type Database from 'better-sqlite3';

export type OutboxEntry = {
  actionId: string;
  kind: string;
  agentId: string;
  personRut: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
};

export function createOutboxRepository(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    `INSERT INTO outbox (action_id, kind, agent_id, person_rut, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const pending = sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
  const pendingForPerson = sqlite.prepare(
    `SELECT action_id, kind, created_at FROM outbox
     WHERE person_rut = ? AND state = 'pending' ORDER BY seq`,
  );
  return {
    enqueue(entry: OutboxEntry): void {
      insert.run(
        entry.actionId,
        entry.kind,
        entry.agentId,
        entry.personRut,
        JSON.stringify(entry.payload),
        entry.createdAt,
      );
    },
    pendingCount(): number {
      return (pending.get() as { n: number }).n;
    },
    pendingForPerson(personRut: number) {
      return (
        pendingForPerson.all(personRut) as Array<{
          action_id: string;
          kind: string;
          created_at: string;
        }>
      ).map((row) => ({ actionId: row.action_id, kind: row.kind, createdAt: row.created_at }));
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
