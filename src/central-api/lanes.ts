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
  // Each lane's last processed id (device_lanes, migration 0017), moved once per batch.
  const laneLast = sqlite
    .prepare('SELECT last_processed FROM device_lanes WHERE device_id = ? AND agent_id = ?')
    .pluck();
  const ofDevice = sqlite.prepare(
    `SELECT agent_id AS agentId, last_processed AS lastProcessed FROM device_lanes
     WHERE device_id = ? ORDER BY agent_id`,
  );
  const saveLane = sqlite.prepare(
    `INSERT INTO device_lanes (device_id, agent_id, last_processed) VALUES (?, ?, ?)
     ON CONFLICT (device_id, agent_id)
     DO UPDATE SET last_processed = max(last_processed, excluded.last_processed)`,
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
      /** The lanes this batch moved: written back by `save`. */
      const moved = new Set<string>();
      const lastOf = (lane: string): number => {
        let value = last.get(lane);
        if (value === undefined) {
          value = (laneLast.get(deviceId, lane) as number | undefined) ?? 0;
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
          moved.add(lane);
        },
        /** When the batch ends, however it ends: what it processed moves its lanes. */
        save(): void {
          for (const lane of moved) saveLane.run(deviceId, lane, last.get(lane)!);
          moved.clear();
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
