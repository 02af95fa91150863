/**
 * A shared desk (issue 11, item 2): each agent's actions on a device form a lane, ordered and
 * checked apart. A mutation names the previous id of its lane (`after`); the server applies it
 * only when that is the lane's last processed id, so one agent's actions still arrive in order
 * and none is skipped, while another agent's lane on the same device moves on its own. A
 * mutation without `after` (an older desk) keeps the device-wide order it always had.
 *
 * A supervisor may send the actions of an agent who will not come back: the token is the
 * supervisor's (and so is the authority the rules check), the lane stays the deciding agent's,
 * and both are recorded with the reason. Runs inside the caller's transaction.
 */
import type Database from 'better-sqlite3';
import type { Mutation } from '../shared/sync-protocol';
import type { Authenticated } from './auth';

export type LaneCheck = { kind: 'next' } | { kind: 'gap'; expectedNext: number } | { kind: 'fork' };

export function createLanes(sqlite: Database.Database) {
  const laneLast = sqlite.prepare(
    `SELECT coalesce(max(mutation_id), 0) AS last FROM mutation_results
     WHERE device_id = ? AND lane_agent_id = ?`,
  );
  const ofDevice = sqlite.prepare(
    `SELECT lane_agent_id AS agentId, max(mutation_id) AS lastProcessed FROM mutation_results
     WHERE device_id = ? GROUP BY lane_agent_id ORDER BY lane_agent_id`,
  );

  /** Whose lane a mutation is in: the agent who decided it. */
  const laneOf = (mutation: Mutation) => mutation.decidedBy ?? mutation.agentId;

  return {
    laneOf,

    /**
     * Whether the sender may send this mutation: their own, or (a supervisor) another agent's
     * re-assigned to them, with a reason.
     */
    senderAllowed(mutation: Mutation, who: Authenticated): boolean {
      if (mutation.agentId !== who.agent.agentId) return false;
      if (mutation.decidedBy === undefined || mutation.decidedBy === mutation.agentId) return true;
      return who.agent.role === 'supervisor' && (mutation.reassignReason ?? '').trim() !== '';
    },

    /**
     * A push batch's view of a device's lanes: each lane's last processed id is read once, then
     * kept in step with what the batch processes (its transaction holds the device, so nothing
     * else moves them meanwhile).
     */
    ofBatch(deviceId: string) {
      const last = new Map<string, number>();
      const lastOf = (lane: string): number => {
        let value = last.get(lane);
        if (value === undefined) {
          value = (laneLast.get(deviceId, lane) as { last: number }).last;
          last.set(lane, value);
        }
        return value;
      };
      return {
        /** Whether a mutation not yet processed is its lane's next one (lane mutations only). */
        check(mutation: Mutation): LaneCheck {
          const lastId = lastOf(laneOf(mutation));
          const after = mutation.after ?? 0;
          if (after === lastId) return { kind: 'next' };
          // Something before it in the lane never arrived: nothing of this lane past its last.
          if (after > lastId) return { kind: 'gap', expectedNext: lastId + 1 };
          // The lane moved past `after` with another mutation: a cloned device.
          return { kind: 'fork' };
        },
        /** Once its savepoint is released: the mutation is its lane's last. */
        processed(mutation: Mutation): void {
          const lane = laneOf(mutation);
          last.set(lane, Math.max(lastOf(lane), mutation.id));
        },
      };
    },

    /**
     * What a processed mutation's stored result says of its lane (mutation_results, migration
     * 0016): the lane, and who sent it for that agent and why when it was re-assigned.
     */
    columns(mutation: Mutation): { lane: string; sentBy: string | null; reason: string | null } {
      const lane = laneOf(mutation);
      const reassigned = lane !== mutation.agentId;
      return {
        lane,
        sentBy: reassigned ? mutation.agentId : null,
        reason: reassigned ? (mutation.reassignReason ?? null) : null,
      };
    },

    /** Every lane of a device and its last processed id (for a pull's answer). */
    of(deviceId: string): Array<{ agentId: string; lastProcessed: number }> {
      return ofDevice.all(deviceId) as Array<{ agentId: string; lastProcessed: number }>;
    },
  };
}

export type Lanes = ReturnType<typeof createLanes>;
