/**
 * A shared desk's outbox (issue 11, item 2): each agent's actions are a lane, sent in order
 * and only with that agent's token, so agent A's waiting actions (A's session expired, A left)
 * never hold back agent B's. A supervisor may take over the lane of an agent who will not come
 * back (`sent_by`): from then on those actions go with the supervisor's token, still in the
 * lane's order, and never past an earlier action of that lane someone else must send.
 */
import type Database from 'better-sqlite3';

export type LaneRow = {
  seq: number;
  action_id: string;
  kind: string;
  agent_id: string | null;
  person_rut: number | null;
  payload: string;
  created_at: string;
  sent_by: string | null;
  reassign_reason: string | null;
};

/**
 * How many of this agent's rows are read per look, while looking for a sendable lane: a batch's
 * worth (one agent's desk sends every row it reads), never more than this.
 */
const WINDOW = 500;

export const OUTBOX_LANES_SQL = {
  /**
   * Per lane, the first pending action before `seq` that someone other than `me` must send.
   * Bounded by `seq`, it reads the pending rows up to the window being sent (those in flight and
   * the window itself when the desk is one agent's), not every pending row for every batch.
   */
  blockers: `SELECT agent_id, min(seq) AS first FROM outbox
     WHERE state = 'pending' AND seq < ? AND coalesce(sent_by, agent_id) IS NOT ?
     GROUP BY agent_id`,
  /**
   * Every lane of the outbox, one index seek each (outbox_agent_seq), not a pass over its rows:
   * it runs after every pull, and a desk keeps its confirmed actions a while (a bulk load's
   * 100,000 of them). SELECT DISTINCT over the confirmed ones took 145–500 ms of the event loop
   * with 310,000 of them; this takes well under a millisecond.
   */
  lanes: `WITH RECURSIVE lanes(agent) AS (
       SELECT (SELECT min(agent_id) FROM outbox WHERE agent_id IS NOT NULL)
       UNION ALL
       SELECT (SELECT min(agent_id) FROM outbox WHERE agent_id > agent)
       FROM lanes WHERE agent IS NOT NULL
     )
     SELECT agent FROM lanes WHERE agent IS NOT NULL`,
} as const;

export function createOutboxLanes(sqlite: Database.Database) {
  const blockers = sqlite.prepare(OUTBOX_LANES_SQL.blockers);
  const mine = sqlite.prepare(
    `SELECT seq, action_id, kind, agent_id, person_rut, payload, created_at, sent_by, reassign_reason
     FROM outbox WHERE state = 'pending' AND coalesce(sent_by, agent_id) = ? AND seq > ?
     ORDER BY seq LIMIT +?`,
  );
  const previousInLane = sqlite
    .prepare('SELECT max(seq) FROM outbox WHERE agent_id = ? AND seq < ?')
    .pluck();
  const laneBetween = sqlite
    .prepare('SELECT seq FROM outbox WHERE agent_id = ? AND seq >= ? AND seq < ? ORDER BY seq')
    .pluck();
  const requeueLane = sqlite.prepare(
    "UPDATE outbox SET state = 'pending' WHERE agent_id = ? AND seq > ? AND state = 'applied'",
  );
  const laneAgents = sqlite.prepare(OUTBOX_LANES_SQL.lanes).pluck();

  return {
    /**
     * The next batch `me` may send: rows of one lane, in order, each with the id of the
     * previous action of its lane (`after`); null when there is nothing `me` can send.
     */
    nextBatch(
      me: string,
      limit: number,
      /** The batch that follows one already sent: that lane's rows after its last one. */
      following?: { lane: string; afterSeq: number },
    ): { rows: LaneRow[]; after: number[] } | null {
      let lane: string | null | undefined = following?.lane;
      const rows: LaneRow[] = [];
      let from = following?.afterSeq ?? 0;
      const size = Math.min(WINDOW, Math.max(1, limit));
      for (;;) {
        const window = mine.all(me, from, size) as LaneRow[];
        if (window.length === 0) break;
        // Only an action before a row can hold it back: the pending rows up to this window's
        // last, not the whole backlog on every batch.
        const upTo = window[window.length - 1]!.seq;
        const blocked = new Map(
          (blockers.all(upTo, me) as Array<{ agent_id: string | null; first: number }>).map(
            (row) => [row.agent_id, row.first],
          ),
        );
        for (const row of window) {
          const stop = blocked.get(row.agent_id);
          if (stop !== undefined && stop < row.seq) continue;
          if (row.agent_id === null) continue;
          if (lane === undefined) lane = row.agent_id;
          if (row.agent_id !== lane) continue;
          rows.push(row);
          if (rows.length === limit) break;
        }
        if (rows.length === limit || window.length < size) break;
        from = window[window.length - 1]!.seq;
      }
      if (rows.length === 0) return null;
      // Each row's previous action in its lane, whatever its state: the first row's looked up,
      // the others' read in one range of the lane (usually the batch's own rows before them).
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      const between = laneBetween.all(first.agent_id, first.seq, last.seq) as number[];
      let previous = (previousInLane.get(first.agent_id, first.seq) as number | null) ?? 0;
      let next = 0;
      const after = rows.map((row) => {
        while (next < between.length && between[next]! < row.seq) previous = between[next++]!;
        return previous;
      });
      return { rows, after };
    },

    /** The server processed nothing of this lane past `last`: send the lane's rest again. */
    requeueLane(agentId: string, last: number): number {
      return requeueLane.run(agentId, last).changes;
    },

    /**
     * A restored server forgot actions it had confirmed: per lane, those above what it says it
     * processed go back in the queue (a lane it does not know at all: every one of them).
     */
    requeueForgotten(lanes: Array<{ agentId: string; lastProcessed: number }>): number {
      const known = new Map(lanes.map((lane) => [lane.agentId, lane.lastProcessed]));
      let changes = 0;
      // A lane with nothing confirmed above the server's mark changes nothing.
      for (const agentId of laneAgents.all() as string[]) {
        changes += requeueLane.run(agentId, known.get(agentId) ?? 0).changes;
      }
      return changes;
    },
  };
}

export type OutboxLanes = ReturnType<typeof createOutboxLanes>;
