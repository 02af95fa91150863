/**
 * The outbox: one row per action, written in the action's transaction, drained in order by the
 * sync engine. A row carries the intent and the version it was decided on, not a copy of rows.
 */
import type Database from 'better-sqlite3';
import { queuedActionName } from '../../shared/action-names';
import { isPortal } from '../../shared/portals';

export type OutboxEntry = {
  actionId: string;
  kind: string;
  agentId: string;
  personRut: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
};

/**
 * Reads of the outbox that run on every status poll or screen. The outbox keeps every action a
 * desk ever took (applied ones too), so each reads only the rows still in play, from the
 * (state, seq) index — never a walk of the desk's whole history.
 */
export const OUTBOX_SQL = {
  /** The sync status's counts (for the agent given): what waits, and what needs a person. */
  statusCounts: `SELECT
       sum(state = 'pending') AS pending,
       sum(state = 'pending' AND coalesce(sent_by, agent_id) IS NOT ?) AS others,
       sum(state = 'conflict') AS conflicts,
       sum(state = 'rejected') AS rejected,
       min(CASE WHEN state = 'pending' THEN created_at END) AS oldest
     FROM outbox WHERE state IN ('pending', 'conflict', 'rejected')`,
  /**
   * Actions the central applied without the mails they asked, not yet taken note of: from their
   * partial index (a few rows), never a walk of the applied ones (which SQLite would pick).
   */
  mailsWithheld: `SELECT count(*) AS n FROM outbox INDEXED BY outbox_mails_withheld
     WHERE state = 'applied' AND result IS NOT NULL`,
  /**
   * One agent's pending actions, in order. `+agent_id` keeps SQLite off the (agent_id, seq)
   * index, which would walk all of that agent's actions ever taken to find the pending ones.
   */
  pendingOfAgent: `SELECT action_id FROM outbox WHERE state = 'pending' AND +agent_id = ? ORDER BY seq`,
} as const;

export type ActionSync = 'pending' | 'conflict' | 'rejected' | 'resolved';

export function createOutboxRepository(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    `INSERT INTO outbox (action_id, kind, agent_id, person_rut, payload, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const pending = sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
  const statusCounts = sqlite.prepare(OUTBOX_SQL.statusCounts);
  // Whose session it leaves with: a re-assigned action's supervisor (sent_by), else its agent's.
  const pendingForPerson = sqlite.prepare(
    `SELECT o.action_id, o.kind, json_extract(o.payload, '$.change') AS change,
       json_extract(o.payload, '$.decision') AS decision, o.created_at,
       coalesce(o.sent_by, o.agent_id) AS agent_id, a.display_name AS agent_name,
       a.active AS agent_active, json_extract(o.payload, '$.portal') AS portal,
       json_extract(o.payload, '$.lockedUntil') AS locked_until
     FROM outbox o LEFT JOIN agents a ON a.id = coalesce(o.sent_by, o.agent_id)
     WHERE o.person_rut = ? AND o.state = 'pending' ORDER BY o.seq`,
  );
  // An e-mail change of this person still to be sent from another agent's lane (theirs, or one a
  // supervisor took over): the central API has the old address until it arrives.
  const emailChangeOfOthers = sqlite.prepare(
    `SELECT a.display_name AS agent_name
     FROM outbox o LEFT JOIN agents a ON a.id = coalesce(o.sent_by, o.agent_id)
     WHERE o.person_rut = ? AND o.state = 'pending' AND o.kind = 'person.update_contact'
       AND json_extract(o.payload, '$.changes.email.to') = ?
       AND coalesce(o.sent_by, o.agent_id) IS NOT ?
     ORDER BY o.seq DESC LIMIT 1`,
  );
  // A person's actions the central did not apply (in conflict, rejected) and nobody settled yet.
  const unsettledForPerson = sqlite.prepare(
    `SELECT o.action_id, o.kind, o.state, json_extract(o.payload, '$.change') AS change,
       json_extract(o.payload, '$.decision') AS decision, o.agent_id, a.display_name AS agent_name
     FROM outbox o LEFT JOIN agents a ON a.id = o.agent_id
     WHERE o.person_rut = ? AND o.state IN ('conflict', 'rejected') ORDER BY o.seq`,
  );
  // This desk's waiting contact changes of a person, every lane's, in order (contactValuesPending).
  const contactChanges = sqlite
    .prepare(
      `SELECT json_extract(payload, '$.changes') FROM outbox
       WHERE person_rut = ? AND state = 'pending' AND kind = 'person.update_contact'
       ORDER BY seq`,
    )
    .pluck();
  const statesOf = sqlite.prepare(
    `SELECT action_id, state FROM outbox
     WHERE action_id IN (SELECT value FROM json_each(?)) AND state != 'applied'`,
  );
  return {
    /**
     * Of these actions, those the central API has not simply applied: still waiting, in
     * conflict, rejected, or resolved (not applied: someone chose the central's value, or read
     * the refusal). An applied one is absent (and its row leaves after a while anyway).
     */
    unsettled(actionIds: readonly string[]): Map<string, ActionSync> {
      if (actionIds.length === 0) return new Map();
      const rows = statesOf.all(JSON.stringify(actionIds)) as Array<{
        action_id: string;
        state: ActionSync;
      }>;
      return new Map(rows.map((row) => [row.action_id, row.state]));
    },
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
    /** Pending actions, and how many of them are not `agentId`'s (they leave with another's). */
    pendingOf(agentId: string | null): { pending: number; others: number } {
      const row = statusCounts.get(agentId) as { pending: number | null; others: number | null };
      return { pending: row.pending ?? 0, others: row.others ?? 0 };
    },
    /**
     * Another agent's e-mail change of this person to the address `shown` that waits in that
     * agent's lane (who made it, by name when this desk knows them), or null: this agent's own
     * changes go first in its own, and an address changed since (by this agent, or pulled) is not
     * that change's (walk 59b: the supervisor's own new address, already at the central, was
     * said to be another agent's).
     */
    emailChangeHeldByOthers(
      personRut: number,
      agentId: string,
      shown: string,
    ): { agentName: string | null } | null {
      const row = emailChangeOfOthers.get(personRut, shown, agentId) as
        { agent_name: string | null } | undefined;
      return row ? { agentName: row.agent_name } : null;
    },
    /**
     * The values a person's e-mail or mobile took in this desk's waiting contact changes, any
     * agent's (each one's `from` and `to`): what an agent may have seen of it here that the
     * central API may still hold, because another lane's change has not arrived there yet.
     * Only while the field `shown` is where those changes lead (the last one's `to`): once a
     * pull put another value there (a change of that chain no longer applies here), the chain
     * is not what the agent saw, and none of it is offered as seen.
     */
    contactValuesPending(
      personRut: number,
      field: 'email' | 'phone',
      shown: string | null,
    ): Array<string | null> {
      const values = new Set<string | null>();
      let last: unknown;
      for (const text of contactChanges.all(personRut) as Array<string | null>) {
        const changes = text
          ? (JSON.parse(text) as Record<string, { from?: unknown; to?: unknown } | undefined>)
          : undefined;
        const change = changes?.[field];
        if (!change) continue;
        for (const value of [change.from, change.to]) {
          if (value === null || typeof value === 'string') values.add(value);
        }
        last = change.to;
      }
      return last === shown ? [...values] : [];
    },
    /** A person's actions in conflict or rejected, still to be settled in Sincronización. */
    unsettledForPerson(personRut: number) {
      return (
        unsettledForPerson.all(personRut) as Array<{
          action_id: string;
          kind: string;
          state: 'conflict' | 'rejected';
          change: unknown;
          decision: unknown;
          agent_id: string | null;
          agent_name: string | null;
        }>
      ).map((row) => ({
        actionId: row.action_id,
        kind: queuedActionName(row.kind, row),
        state: row.state,
        agentId: row.agent_id,
        agentName: row.agent_name,
      }));
    },
    /**
     * `now`: an unlock waiting here says until when the portal keeps the lock it lifts
     * (`portalLock`), while that lock lasts.
     */
    pendingForPerson(personRut: number, now: Date) {
      return (
        pendingForPerson.all(personRut) as Array<{
          action_id: string;
          kind: string;
          change: unknown;
          decision: unknown;
          created_at: string;
          agent_id: string | null;
          agent_name: string | null;
          agent_active: number | null;
          portal: unknown;
          locked_until: unknown;
        }>
      ).map((row) => {
        const lock =
          row.kind === 'account.unlock' &&
          typeof row.locked_until === 'string' &&
          typeof row.portal === 'string' &&
          isPortal(row.portal) &&
          Date.parse(row.locked_until) > now.getTime()
            ? { portalLock: { portal: row.portal, until: row.locked_until } }
            : {};
        return {
          actionId: row.action_id,
          kind: queuedActionName(row.kind, row),
          createdAt: row.created_at,
          agentId: row.agent_id,
          agentName: row.agent_name,
          agentDisabled: row.agent_active === 0,
          ...lock,
        };
      });
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
