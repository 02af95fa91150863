/**
 * The query plans of the hot search statements, pinned: a schema or SQL change that turns an
 * index search into a table scan fails here before it shows in the benchmark.
 */
import { describe, expect, it } from 'vitest';
import {
  AUDIT_CALLER_JOIN,
  AUDIT_COMPANY_JOIN,
  AUDIT_OF_CALL_SQL,
} from '../../src/main/repositories/audit-repository';
import { BATCH_ROWS_SQL } from '../../src/main/repositories/bulk-batch-repository';
import { COMPANY_COUNTS_SQL } from '../../src/storage/repositories/company-counts';
import { COMPANY_SQL } from '../../src/main/repositories/company-record-repository';
import {
  OPEN_CALL_SQL,
  interactionListSql,
} from '../../src/main/repositories/interaction-repository';
import { OUTBOX_SQL } from '../../src/main/repositories/outbox-repository';
import { SEARCH_SQL } from '../../src/main/repositories/search-sql';
import { pendingActionsSql, syncIssuesSql } from '../../src/main/services/sync-issues';
import { OUTBOX_LANES_SQL } from '../../src/main/sync/outbox-lanes';
import { RETENTION_SQL } from '../../src/main/sync/outbox-retention';
import { PREVIEW_SQL } from '../../src/main/bulk/company-members';
import { seededCore } from '../support/context';

/** A statement's query plan on a small seeded replica, one detail per step. */
const planOf = (sql: string, ...params: unknown[]) =>
  (
    seededCore(50)
      .db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params) as Array<{ detail: string }>
  ).map((row) => row.detail);

const EXPECTED: Record<keyof typeof SEARCH_SQL, string[]> = {
  rutExists: ['SEARCH persons USING INTEGER PRIMARY KEY (rowid=?)'],
  rutRange: ['SEARCH persons USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)'],
  phone: ['SEARCH persons_by_phone USING PRIMARY KEY (phone=?)'],
  emailPrefix: ['SEARCH persons_by_email USING PRIMARY KEY (email>? AND email<?)'],
  names: [
    'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
    'LIST SUBQUERY 1',
    'SCAN person_fts VIRTUAL TABLE INDEX 0:M3',
  ],
  namesInCompany: [
    'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
    'LIST SUBQUERY 1',
    'SCAN f VIRTUAL TABLE INDEX 0:M3',
    'SEARCH m USING COVERING INDEX memberships_person_company (person_rut=? AND company_rut=?)',
  ],
  companyMembers: ['SEARCH memberships_by_company USING PRIMARY KEY (company_rut=?)'],
  company: ['SEARCH companies USING INTEGER PRIMARY KEY (rowid=?)'],
  companyNames: [
    'SEARCH companies USING INTEGER PRIMARY KEY (rowid=?)',
    'LIST SUBQUERY 1',
    'SCAN company_fts VIRTUAL TABLE INDEX 0:M1',
    'USE TEMP B-TREE FOR ORDER BY',
  ],
  // Issue 11: a prefix's terms are a seek in a term list (for persons a table of their own).
  personTerm: ['SEARCH person_terms USING PRIMARY KEY (term>? AND term<?)'],
  companyTerm: ['SCAN company_fts_terms VIRTUAL TABLE INDEX 1537:'],
  // A name written as heard: the terms of a sound key, then of the keys it starts.
  soundTerms: ['SEARCH person_sounds USING COVERING INDEX person_sounds_by_sound (sound=?)'],
  soundRangeTerms: [
    'SEARCH person_sounds USING COVERING INDEX person_sounds_by_sound (sound>? AND sound<?)',
  ],
  // The same for a company's name (walk 57).
  companySoundTerms: [
    'SEARCH company_sounds USING COVERING INDEX company_sounds_by_sound (sound=?)',
  ],
  companySoundRangeTerms: [
    'SEARCH company_sounds USING COVERING INDEX company_sounds_by_sound (sound>? AND sound<?)',
  ],
  // A dismissed membership counts while its baja waits on this desk: a covering seek in the
  // outbox, for removed memberships only.
  namesInCompanies: [
    'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
    'LIST SUBQUERY 3',
    'SCAN f VIRTUAL TABLE INDEX 0:M3',
    'SEARCH m USING INDEX memberships_person_company (person_rut=? AND company_rut=?)',
    'LIST SUBQUERY 2',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
    'CORRELATED SCALAR SUBQUERY 1',
    'SEARCH o USING COVERING INDEX outbox_person_state (person_rut=? AND state=?)',
  ],
  inCompanies: [
    'SEARCH memberships USING INDEX memberships_person_company (person_rut=? AND company_rut=?)',
    'LIST SUBQUERY 1',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
    'LIST SUBQUERY 2',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
    'CORRELATED SCALAR SUBQUERY 3',
    'SEARCH o USING COVERING INDEX outbox_person_state (person_rut=? AND state=?)',
  ],
  hitPersons: [
    'SEARCH persons USING INTEGER PRIMARY KEY (rowid=?)',
    'LIST SUBQUERY 1',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
  ],
  hitMemberships: [
    'SEARCH m USING INDEX memberships_person_company (person_rut=?)',
    'LIST SUBQUERY 1',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
    'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
    'USE TEMP B-TREE FOR ORDER BY',
  ],
  hitAccounts: [
    'SEARCH accounts USING INDEX accounts_person_portal (person_rut=?)',
    'LIST SUBQUERY 1',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
  ],
  // The waiting actions' rows are read for their kind (holdsAccess): a few per person at most.
  hitHeld: [
    'SEARCH outbox USING INDEX outbox_person_state (person_rut=? AND state=?)',
    'LIST SUBQUERY 1',
    'SCAN json_each VIRTUAL TABLE INDEX 1:',
  ],
};

describe('query plans of the search path', () => {
  it.each(Object.keys(SEARCH_SQL) as Array<keyof typeof SEARCH_SQL>)('%s', (name) => {
    const sqlite = seededCore(500).db.$client;
    const sql = SEARCH_SQL[name];
    // Positional parameters, or named ones (@name), all null.
    const named = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!);
    const params =
      named.length > 0
        ? [Object.fromEntries(named.map((name) => [name, null]))]
        : Array((sql.match(/\?/g) ?? []).length).fill(null);
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
    ).map((row) => row.detail);
    expect(plan).toEqual(EXPECTED[name]);
  });
});

// Every record view and every action read the agent's call in progress and the agent's last
// calls with the person: each from its own index range, not by walking all of the agent's calls
// (12.5 ms a record for an agent with 12,500 calls; migration 0025).
describe("query plans of the agent's calls on a record", () => {
  const joins = [
    'SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
    'SEARCH a USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
    // Who said it was attended to (migration 0043).
    'SEARCH f USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
  ];

  it('reads the call in progress from the partial index of open calls', () => {
    expect(planOf(OPEN_CALL_SQL, 'agent')).toEqual([
      'SEARCH i USING INDEX interactions_open (agent_id=?)',
      ...joins,
    ]);
  });

  it("reads an agent's calls with the person, and a supervisor's, by person", () => {
    // Their own, and those of others in which they were acted on (walk 58): by the person, never
    // through all of an agent's calls.
    const byPerson = [
      'MULTI-INDEX OR',
      'INDEX 1',
      'SEARCH i USING INDEX interactions_person (person_rut=?)',
      'INDEX 2',
      'LIST SUBQUERY 1',
      'SEARCH audit_events USING INDEX audit_person (person_rut=?)',
      'SEARCH i USING INDEX sqlite_autoindex_interactions_1 (id=?)',
      'REUSE LIST SUBQUERY 1',
      ...joins,
      'USE TEMP B-TREE FOR ORDER BY',
    ];
    const mine = interactionListSql({ personRut: 1, agentId: 'agent' });
    expect(planOf(mine.page, ...mine.params, 10, 0)).toEqual(byPerson);
    const everyone = interactionListSql({ personRut: 1, agentId: null });
    expect(planOf(everyone.page, ...everyone.params, 10, 0)).toEqual(byPerson);
  });
});

// The outbox keeps every action a desk ever took. The status (on every poll) and the pending
// lists read only the rows still in play, from the (state, seq) index: not the whole outbox, nor
// all of an agent's actions ever taken.
describe('query plans of the outbox reads on every poll', () => {
  it('counts the status from the states in play', () => {
    expect(planOf(OUTBOX_SQL.statusCounts, 'agent')).toEqual([
      'SEARCH outbox USING INDEX outbox_state (state=?)',
    ]);
  });

  it('counts the actions applied without their mails from their partial index', () => {
    // A walk of the partial index: its rows are exactly those, a few.
    expect(planOf(OUTBOX_SQL.mailsWithheld)).toEqual([
      'SCAN outbox USING INDEX outbox_mails_withheld',
    ]);
  });

  it("lists an agent's pending actions, and everyone's, from the pending range", () => {
    expect(planOf(OUTBOX_SQL.pendingOfAgent, 'agent')).toEqual([
      'SEARCH outbox USING INDEX outbox_state (state=?)',
    ]);
    const joins = [
      'SEARCH a USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
      'SEARCH s USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
      'SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
      // The mail each one asks for, by the mails' index of actions.
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH m USING INDEX mails_action (action_id=?)',
    ];
    expect(planOf(pendingActionsSql(true), 'agent')).toEqual([
      'SEARCH o USING INDEX outbox_state (state=?)',
      ...joins,
    ]);
    expect(planOf(pendingActionsSql(false))).toEqual([
      'SEARCH o USING INDEX outbox_state (state=?)',
      ...joins,
    ]);
  });

  it('finds what holds a lane back among the pending rows up to the batch, not all of them', () => {
    expect(planOf(OUTBOX_LANES_SQL.blockers, 100, 'agent')).toEqual([
      'SEARCH outbox USING INDEX outbox_state (state=? AND seq<?)',
      'USE TEMP B-TREE FOR GROUP BY',
    ]);
  });

  it('lists the lanes of the outbox by index seeks, not a pass over its rows', () => {
    expect(planOf(OUTBOX_LANES_SQL.lanes)).toEqual([
      'CO-ROUTINE lanes',
      'SETUP',
      'SCAN CONSTANT ROW',
      'SCALAR SUBQUERY 1',
      'SEARCH outbox USING COVERING INDEX outbox_agent_seq (agent_id>?)',
      'RECURSIVE STEP',
      'SCAN lanes',
      'CORRELATED SCALAR SUBQUERY 3',
      'SEARCH outbox USING COVERING INDEX outbox_agent_seq (agent_id>?)',
      'SCAN lanes',
    ]);
  });

  it("prunes from the confirmed range, oldest first, each lane's next action from its index", () => {
    expect(planOf(RETENTION_SQL.old, { after: 0, cutoff: '2026-01-01', limit: 10 })).toEqual([
      'SEARCH o USING INDEX outbox_state (state=? AND seq>?)',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH n USING INDEX outbox_agent_seq (agent_id=? AND seq>?)',
    ]);
  });

  it("lists an agent's sync issues from the conflicts and rejections, and the few applied without their mails", () => {
    const joins = (n: number) => [
      'SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
      // Whose action it was, and whether the person still has one waiting (centralSideNow).
      'SEARCH a USING INDEX sqlite_autoindex_agents_1 (id=?) LEFT-JOIN',
      `CORRELATED SCALAR SUBQUERY ${n}`,
      'SEARCH q USING COVERING INDEX outbox_person_state (person_rut=? AND state=?)',
    ];
    for (const mine of [true, false]) {
      expect(planOf(syncIssuesSql(mine), ...(mine ? ['agent', 'agent'] : []))).toEqual([
        'MERGE (UNION ALL)',
        'LEFT',
        'SEARCH o USING INDEX outbox_state (state=?)',
        ...joins(1),
        'USE TEMP B-TREE FOR ORDER BY',
        'RIGHT',
        // In seq order already: the partial index's key.
        'SCAN o USING INDEX outbox_mails_withheld',
        ...joins(3),
      ]);
    }
  });
});

// Issue 8: a bulk preview reads a company's members' state and version from one range of their
// key table (migration 0027), not with a table look-up per member scattered over the replica.
describe('query plan of a bulk preview', () => {
  it("reads the company's members from their key table, their persons by RUT", () => {
    const sqlite = seededCore(500).db.$client;
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${PREVIEW_SQL.members}`).all(1) as Array<{
        detail: string;
      }>
    ).map((row) => row.detail);
    expect(plan).toEqual([
      'SEARCH m USING PRIMARY KEY (company_rut=?)',
      'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
  });

  // Its warnings (warnRows): the company's administrators from the index of its staff, and the
  // holders of the file's e-mails with a seek per address in their key table, in one statement.
  it.each([
    [
      'admins',
      [1],
      ['SEARCH memberships USING INDEX memberships_company_staff (company_rut=? AND role=?)'],
    ],
    [
      // The persons whose e-mail changes: a seek each on their memberships, in RUT order.
      'accessElsewhere',
      ['[1,2]', 1],
      [
        'SEARCH m USING INDEX memberships_person_company (person_rut=?)',
        'LIST SUBQUERY 1',
        'SCAN json_each VIRTUAL TABLE INDEX 1:',
        'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      ],
    ],
    [
      'emailHolders',
      ['["a@x.cl","b@x.cl"]'],
      [
        'SEARCH persons_by_email USING PRIMARY KEY (email=?)',
        'LIST SUBQUERY 1',
        'SCAN json_each VIRTUAL TABLE INDEX 1:',
      ],
    ],
  ] as const)('%s: no scan of a large table', (name, params, expected) => {
    expect(planOf(PREVIEW_SQL[name], ...params)).toEqual(expected);
  });
});

// Issue 11: a rebuild of the company counts (after a snapshot) takes companies in RUT order from
// the memberships' key table, one group at a time, so a step can stop early.
describe('query plan of a company counts rebuild step', () => {
  it('streams groups from the key table, with no sort', () => {
    const sqlite = seededCore(50).db.$client;
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${COMPANY_COUNTS_SQL.chunk}`).all(0, 10) as Array<{
        detail: string;
      }>
    ).map((row) => row.detail);
    expect(plan).toEqual(['SEARCH memberships_by_company USING PRIMARY KEY (company_rut>?)']);
  });
});

// Issue 11: opening a company reads its counts as one maintained row (migration 0020) and its
// administrators from one index range, not from a table lookup per user scattered over the
// replica (3.7 s at 10M persons).
describe('query plans of opening a company', () => {
  it.each([
    [
      'counts',
      [
        'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
        'CORRELATED SCALAR SUBQUERY 1',
        'SEARCH sync_state USING INDEX sqlite_autoindex_sync_state_1 (key=?)',
      ],
    ],
    [
      'profiles',
      [
        'SEARCH m USING INDEX memberships_company_staff (company_rut=? AND role=?)',
        'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
        'USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
      ],
    ],
    [
      'usersPage',
      [
        'SEARCH k USING PRIMARY KEY (company_rut=? AND person_rut>?)',
        'SEARCH m USING INDEX memberships_person_company (person_rut=? AND company_rut=?)',
        'SEARCH p USING INTEGER PRIMARY KEY (rowid=?)',
      ],
    ],
  ] as const)('%s', (name, expected) => {
    const sqlite = seededCore(500).db.$client;
    const params = name === 'usersPage' ? [null, 0, 50] : [null];
    const plan = (
      sqlite.prepare(`EXPLAIN QUERY PLAN ${COMPANY_SQL[name]}`).all(...params) as Array<{
        detail: string;
      }>
    ).map((row) => row.detail);
    expect(plan).toEqual(expected);
  });
});

// Issue 11: a company's requests come from its own index range, newest first, stopping at the
// page — not from every request of the replica read in date order (the general list's
// `@company IS NULL OR …` cannot use the index), nor from all of a big company's, sorted.
describe("query plan of a company's requests", () => {
  it('reads the company’s range of access_requests_company_time, in date order', () => {
    const sqlite = seededCore(500).db.$client;
    const plan = (
      sqlite
        .prepare(`EXPLAIN QUERY PLAN ${COMPANY_SQL.companyRequests}`)
        .all({ state: null, company: null, limit: 1, offset: 0 }) as Array<{ detail: string }>
    ).map((row) => row.detail);
    expect(plan).toEqual([
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH r USING INDEX access_requests_company_time (company_rut=?)',
      'SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
    ]);
  });
});

// Issue 8: a batch's report rows carry no secondary index (each was one more page written per
// applied row), so their reads take the primary key (batch_id, seq) in order; and only the
// audit events taken during a call are indexed by it (migration 0022).
describe('query plans of batch rows and of a call’s audit events', () => {
  it('reads a batch’s pending and applied rows from its primary key, in order', () => {
    expect(planOf(BATCH_ROWS_SQL.pending, 'b', 0, 10)).toEqual([
      'SEARCH bulk_batch_rows USING INDEX sqlite_autoindex_bulk_batch_rows_1 (batch_id=? AND seq>?)',
    ]);
    expect(planOf(BATCH_ROWS_SQL.applied, 'b')).toEqual([
      'SEARCH bulk_batch_rows USING INDEX sqlite_autoindex_bulk_batch_rows_1 (batch_id=?)',
    ]);
    const indexes = seededCore(50)
      .db.$client.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bulk_batch_rows'",
      )
      .pluck()
      .all();
    expect(indexes).toEqual(['sqlite_autoindex_bulk_batch_rows_1']);
  });

  it('names an event’s company and caller by their primary keys, one lookup each', () => {
    const plan = planOf(
      `SELECT c.legal_name, q.given_names FROM audit_events a ${AUDIT_COMPANY_JOIN} ${AUDIT_CALLER_JOIN}
       WHERE a.seq = ?`,
      1,
    );
    expect(plan).toEqual([
      'SEARCH a USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
      'SEARCH q USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
    ]);
  });

  it('finds a call’s events through the partial index of events with a call', () => {
    expect(planOf(AUDIT_OF_CALL_SQL, 'i')).toEqual([
      'SEARCH audit_events USING INDEX audit_interaction (interaction_id=?)',
    ]);
  });
});
