/**
 * The Llamadas list's filters and paging (issue 10): days in Santiago's calendar, one agent for
 * a supervisor (an agent may name only themselves), a total that matches what the pages hold,
 * and the same pages for older callers that send none of the new fields.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { call, seededCore, signInAs } from '../support/context';

/** `count` calls by `agentId`, one an hour from `start` (ISO), straight into the replica. */
function insertCalls(core: Core, agentId: string, start: string, count: number, prefix: string) {
  const insert = core.db.$client.prepare(
    `INSERT INTO interactions (id, agent_id, person_rut, reason, outcome, opened_at, closed_at)
     VALUES (?, ?, NULL, 'other', 'resolved', ?, ?)`,
  );
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.parse(start) + i * 3_600_000).toISOString();
    insert.run(`${prefix}-${String(i).padStart(3, '0')}`, agentId, at, at);
  }
}

const ids = (list: Array<{ id: string }>) => list.map((item) => item.id);

describe('the Llamadas list', () => {
  it('pages newest first with a total, through every call exactly once', () => {
    const core = seededCore(300, { as: 'supervisora' });
    insertCalls(core, 'agent-demo', '2026-11-01T12:00:00.000Z', 70, 'a');
    insertCalls(core, 'supervisor-demo', '2026-11-10T12:00:00.000Z', 55, 's');
    expect(call(core, 'interactions.count', {})).toEqual({ total: 125, visits: 0 });
    const seen: string[] = [];
    for (let offset = 0; offset < 125; offset += 50) {
      seen.push(...ids(call(core, 'interactions.list', { offset, limit: 50 })));
    }
    expect(seen).toHaveLength(125);
    expect(new Set(seen).size).toBe(125);
    expect(seen[0]).toBe('s-054');
    expect(seen[124]).toBe('a-000');
  });

  it('filters by Santiago days, inclusive at both ends, summer and winter alike', () => {
    const core = seededCore(300, { as: 'supervisora' });
    // 20 November 2026 23:30 in Santiago (UTC−3) is 02:30 UTC on the 21st.
    insertCalls(core, 'agent-demo', '2026-11-21T02:30:00.000Z', 1, 'late');
    insertCalls(core, 'agent-demo', '2026-11-21T03:30:00.000Z', 1, 'early'); // 00:30 on the 21st
    // 9 June 23:30 in Santiago (UTC−4) is 03:30 UTC on the 10th.
    insertCalls(core, 'agent-demo', '2026-06-10T03:30:00.000Z', 1, 'winter');
    const list = (filter: object) => ids(call(core, 'interactions.list', filter));
    expect(list({ from: '2026-11-20', to: '2026-11-20' })).toEqual(['late-000']);
    expect(list({ from: '2026-11-21' })).toEqual(['early-000']);
    expect(list({ to: '2026-06-09' })).toEqual(['winter-000']);
    expect(list({ from: '2026-06-10', to: '2026-11-19' })).toEqual([]);
    expect(call(core, 'interactions.count', { from: '2026-11-20' })).toEqual({
      total: 2,
      visits: 0,
    });
    // Not a date: refused as bad input, nothing answered.
    expect(core.dispatchNow('interactions.list', { from: '31-02-2026' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('lets a supervisor pick one agent, and an agent only themselves', () => {
    const core = seededCore(300, { as: 'supervisora' });
    insertCalls(core, 'agent-demo', '2026-11-01T12:00:00.000Z', 3, 'a');
    insertCalls(core, 'supervisor-demo', '2026-11-02T12:00:00.000Z', 2, 's');
    expect(ids(call(core, 'interactions.list', { agentId: 'agent-demo' }))).toEqual([
      'a-002',
      'a-001',
      'a-000',
    ]);
    expect(call(core, 'interactions.count', { agentId: 'supervisor-demo' })).toEqual({
      total: 2,
      visits: 0,
    });

    signInAs(core, 'agente');
    expect(call(core, 'interactions.count', {})).toEqual({ total: 3, visits: 0 });
    expect(ids(call(core, 'interactions.list', { agentId: 'agent-demo', limit: 1 }))).toEqual([
      'a-002',
    ]);
    for (const channel of ['interactions.list', 'interactions.count']) {
      expect(core.dispatchNow(channel, { agentId: 'supervisor-demo' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
  });
});
