import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/db/connection';
import { createOutboxLanes } from '../../src/main/sync/outbox-lanes';

function outbox(rows: Array<[agent: string, state?: string, sentBy?: string]>) {
  const sqlite = openSqlite(':memory:');
  sqlite.exec(`CREATE TABLE outbox (seq INTEGER PRIMARY KEY, action_id TEXT, kind TEXT,
    agent_id TEXT, person_rut INTEGER, payload TEXT, created_at TEXT, state TEXT,
    sent_by TEXT, reassign_reason TEXT)`);
  const insert = sqlite.prepare(
    `INSERT INTO outbox (action_id, kind, agent_id, person_rut, payload, created_at, state, sent_by)
     VALUES (?, 'k', ?, NULL, '{}', '', ?, ?)`,
  );
  rows.forEach(([agent, state, sentBy], index) =>
    insert.run(`a${index + 1}`, agent, state ?? 'pending', sentBy ?? null),
  );
  return { sqlite, lanes: createOutboxLanes(sqlite) };
}

const seqs = (batch: { rows: Array<{ seq: number }>; after: number[] } | null) =>
  batch ? batch.rows.map((row, i) => [row.seq, batch.after[i]]) : null;

describe("a shared desk's lanes", () => {
  it("sends only the agent's own lane, each action naming the previous of its lane", () => {
    const { lanes } = outbox([['A'], ['B'], ['A', 'applied'], ['B'], ['A']]);
    // A's 1 and 5 (3 is already applied: still the previous of 5); B's wait for B.
    expect(seqs(lanes.nextBatch('A', 10))).toEqual([
      [1, 0],
      [5, 3],
    ]);
    expect(seqs(lanes.nextBatch('B', 10))).toEqual([
      [2, 0],
      [4, 2],
    ]);
    expect(lanes.nextBatch('C', 10)).toBeNull();
  });

  it('never sends past an earlier action of the lane that someone else must send', () => {
    // A's first two were re-assigned to supervisor S; A came back and queued a third.
    const { lanes } = outbox([['A', 'pending', 'S'], ['A', 'pending', 'S'], ['A'], ['S']]);
    expect(seqs(lanes.nextBatch('A', 10))).toBeNull();
    // S sends A's re-assigned lane first (one lane per batch), then S's own.
    expect(seqs(lanes.nextBatch('S', 10))).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('gives the batch that follows one still in flight: the same lane, after its last row', () => {
    const { lanes } = outbox([['A'], ['B'], ['A'], ['A'], ['B'], ['A']]);
    const first = lanes.nextBatch('A', 2);
    expect(seqs(first)).toEqual([
      [1, 0],
      [3, 1],
    ]);
    // Rows 1 and 3 are not answered yet (still pending): the next batch starts after them.
    expect(seqs(lanes.nextBatch('A', 2, { lane: 'A', afterSeq: 3 }))).toEqual([
      [4, 3],
      [6, 4],
    ]);
    expect(lanes.nextBatch('A', 2, { lane: 'A', afterSeq: 6 })).toBeNull();
    // Another lane is never taken for a following batch.
    const shared = outbox([['S'], ['A', 'pending', 'S'], ['A', 'pending', 'S']]);
    expect(seqs(shared.lanes.nextBatch('S', 5, { lane: 'S', afterSeq: 1 }))).toBeNull();
  });

  it('fills a batch past a long run of other agents, one lane at a time, up to the limit', () => {
    const rows: Array<[string]> = [];
    for (let i = 0; i < 1200; i++) rows.push(['B']);
    for (let i = 0; i < 5; i++) rows.push(['A']);
    const { lanes } = outbox(rows);
    const batch = lanes.nextBatch('A', 3);
    expect(seqs(batch)).toEqual([
      [1201, 0],
      [1202, 1201],
      [1203, 1202],
    ]);
  });

  it('re-queues per lane what a restored server forgot, and nothing of a lane it knows', () => {
    const { sqlite, lanes } = outbox([
      ['A', 'applied'],
      ['B', 'applied'],
      ['A', 'applied'],
      ['B', 'rejected'],
      ['C', 'pending'],
    ]);
    // Before any lane had an agent (an older desk's rows): not a lane, never re-queued.
    sqlite.exec("INSERT INTO outbox (action_id, state) VALUES ('a6', 'applied')");
    expect(lanes.requeueForgotten([{ agentId: 'A', lastProcessed: 1 }])).toBe(2);
    expect(sqlite.prepare('SELECT seq, state FROM outbox ORDER BY seq').all()).toEqual([
      { seq: 1, state: 'applied' },
      { seq: 2, state: 'pending' },
      { seq: 3, state: 'pending' },
      { seq: 4, state: 'rejected' },
      { seq: 5, state: 'pending' },
      { seq: 6, state: 'applied' },
    ]);
  });
});
