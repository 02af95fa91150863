/**
 * The query plans of the Panel's charts and of the Llamadas list (a page, its total and how many
 * are visits), pinned: each chart reads only its index of migration 0012 or 0033 (a range search, no
 * table rows), so a year of calls and audit events costs what the chosen range holds, not what
 * the replica holds.
 */
import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_SQL,
  type DashboardQuery,
} from '../../src/main/repositories/dashboard-repository';
import {
  interactionListSql,
  type InteractionFilter,
} from '../../src/main/repositories/interaction-repository';
import { seededCore } from '../support/context';

const CALLS_BY_OPENING = [
  'SEARCH interactions USING COVERING INDEX interactions_opened (opened_at>? AND opened_at<?)',
  'USE TEMP B-TREE FOR GROUP BY',
];
const ACTIONS = [
  'SEARCH audit_events USING COVERING INDEX audit_actions_at (at>? AND at<?)',
  'USE TEMP B-TREE FOR GROUP BY',
];

const EXPECTED: Record<DashboardQuery, string[]> = {
  callsByReason: CALLS_BY_OPENING,
  callsByHour: CALLS_BY_OPENING,
  outcomes: CALLS_BY_OPENING,
  // The kind each row stored: the range of the partial index of visits (migration 0033).
  visits: [
    'SEARCH interactions USING COVERING INDEX interactions_visits (opened_at>? AND opened_at<?)',
  ],
  actionsByKind: ACTIONS,
  actionsByAgent: ACTIONS,
  supervisionByKind: ACTIONS,
  // A few batches a day: their index's range, then each batch's row.
  bulkLoads: [
    'SEARCH bulk_batches USING INDEX bulk_batches_created (created_at>? AND created_at<?)',
    'USE TEMP B-TREE FOR GROUP BY',
  ],
  diagnosisCauses: [
    'SEARCH a USING COVERING INDEX audit_diagnosis_at (at>? AND at<?)',
    'SCAN c VIRTUAL TABLE INDEX 3:',
    'USE TEMP B-TREE FOR GROUP BY',
    'USE TEMP B-TREE FOR count(DISTINCT)',
    'USE TEMP B-TREE FOR ORDER BY',
  ],
  syncQueue: [
    'COMPOUND QUERY',
    'LEFT-MOST SUBQUERY',
    'SEARCH outbox USING INDEX outbox_state (state=?)',
    'UNION ALL',
    // The actions applied without their mails: their partial index, a few rows.
    'SCAN outbox USING INDEX outbox_mails_withheld',
  ],
};

function planOf(sql: string, params: unknown[] | Record<string, unknown>): string[] {
  const sqlite = seededCore(300).db.$client;
  const statement = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = Array.isArray(params) ? statement.all(...params) : statement.all(params);
  return (rows as Array<{ detail: string }>).map((row) => row.detail);
}

describe('query plans of the Panel', () => {
  it.each(Object.keys(DASHBOARD_SQL) as DashboardQuery[])('%s', (name) => {
    const sql = DASHBOARD_SQL[name];
    const params = sql.includes('@from') ? { from: '2026-01-01', to: '2026-02-01' } : {};
    expect(planOf(sql, params)).toEqual(EXPECTED[name]);
  });
});

const JOINS = [
  'SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
  'SEARCH a USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
  // Who said it was attended to (migration 0043).
  'SEARCH f USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
];
const RANGE = { from: '2026-01-01', to: '2026-02-01' };

// How many of them are visits: by the kind each row stored, as the Panel counts them, from the
// partial index of visits, or from the filter's own index, which carries the kind (0033).

const LIST_CASES: Array<[string, InteractionFilter, string[], string[], string[]]> = [
  [
    'every agent, newest first',
    {},
    ['SCAN i USING INDEX interactions_opened', ...JOINS],
    // A count of everything reads the index SQLite estimates smallest.
    ['SCAN interactions USING COVERING INDEX sqlite_autoindex_interactions_1'],
    ['SCAN i USING COVERING INDEX interactions_visits'],
  ],
  [
    'every agent, a range of days',
    RANGE,
    ['SEARCH i USING INDEX interactions_opened (opened_at>? AND opened_at<?)', ...JOINS],
    ['SEARCH i USING COVERING INDEX interactions_opened (opened_at>? AND opened_at<?)'],
    ['SEARCH i USING COVERING INDEX interactions_visits (opened_at>? AND opened_at<?)'],
  ],
  [
    'one agent, a range of days',
    { agentId: 'agent-demo', ...RANGE },
    [
      'SEARCH i USING INDEX interactions_agent (agent_id=? AND opened_at>? AND opened_at<?)',
      ...JOINS,
    ],
    [
      'SEARCH i USING COVERING INDEX interactions_agent (agent_id=? AND opened_at>? AND opened_at<?)',
    ],
    [
      'SEARCH i USING COVERING INDEX interactions_agent (agent_id=? AND opened_at>? AND opened_at<?)',
    ],
  ],
  // «Resultado» (migration 0043): one agent's, from his index, which carries the outcome.
  [
    'one agent, one outcome',
    { agentId: 'agent-demo', outcome: 'escalated' },
    ['SEARCH i USING INDEX interactions_agent (agent_id=?)', ...JOINS],
    ['SEARCH i USING COVERING INDEX interactions_agent (agent_id=?)'],
    ['SEARCH i USING COVERING INDEX interactions_agent (agent_id=?)'],
  ],
  [
    'every agent, one outcome',
    { outcome: 'escalated' },
    ['SCAN i USING INDEX interactions_opened', ...JOINS],
    ['SCAN i USING COVERING INDEX interactions_agent'],
    ['SCAN i USING COVERING INDEX interactions_agent'],
  ],
  // «Por atender» (migration 0043): from the partial index of those waiting, however many calls
  // the desk holds.
  [
    'every agent, waiting to be attended to',
    { awaiting: true },
    ['SCAN i USING INDEX interactions_awaiting', ...JOINS],
    // They are few: each row is read to test its term, not worth a wider index.
    ['SCAN i USING INDEX interactions_awaiting'],
    ['SCAN i USING INDEX interactions_awaiting'],
  ],
  [
    'one agent, waiting to be attended to',
    { agentId: 'agent-demo', awaiting: true },
    ['SCAN i USING INDEX interactions_awaiting', ...JOINS],
    // They are few: each row is read to test its term, not worth a wider index.
    ['SCAN i USING INDEX interactions_awaiting'],
    ['SCAN i USING INDEX interactions_awaiting'],
  ],
];

describe('query plans of the Llamadas list', () => {
  it.each(LIST_CASES)('%s', (_name, filter, page, count, visits) => {
    const sql = interactionListSql(filter);
    expect(planOf(sql.page, [...sql.params, 50, 0])).toEqual(page);
    expect(planOf(sql.count, sql.params)).toEqual(count);
    expect(planOf(sql.visits, sql.params)).toEqual(visits);
  });
});
