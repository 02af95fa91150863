/**
 * A supervisor's decision asked again gets its first answer (issue 11). The desk sends each
 * revocation or assignment with a decision id; when the answer is lost on the way, its retry of
 * the same request must not read «it was already so» (and leave the decision out of the desk's
 * audit): it gets what the first request was told.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** How long a decision's answer is kept for a repeat: far beyond any retry. */
export const DECISION_TTL_MS = 7 * 24 * 3_600_000;

export function createAdminDecisions(sqlite: Database.Database, now: () => Date) {
  const find = sqlite.prepare('SELECT answer FROM admin_decisions WHERE decision_key = ?').pluck();
  const store = sqlite.prepare(
    `INSERT INTO admin_decisions (decision_key, agent_id, answer, decided_at)
     VALUES (?, ?, ?, ?)`,
  );
  const expire = sqlite.prepare('DELETE FROM admin_decisions WHERE decided_at < ?');

  return {
    /**
     * Runs `decide` once per decision: the same agent sending the same decision id about the
     * same target (`request`: what the decision is about, not its reason) gets the stored answer. Without an id (an older desk), it simply decides. A
     * refusal (`decide` throws) stores nothing: asking again is asked anew.
     */
    once<T>(decisionId: string | undefined, agentId: string, request: unknown, decide: () => T): T {
      if (decisionId === undefined) return decide();
      const key = createHash('sha256')
        .update(`${agentId}\n${decisionId}\n${JSON.stringify(request)}`)
        .digest('hex');
      return sqlite.transaction((): T => {
        const stored = find.get(key) as string | undefined;
        if (stored !== undefined) return JSON.parse(stored) as T;
        const answer = decide();
        const at = now();
        expire.run(new Date(at.getTime() - DECISION_TTL_MS).toISOString());
        store.run(key, agentId, JSON.stringify(answer), at.toISOString());
        return answer;
      })();
    },
  };
}
