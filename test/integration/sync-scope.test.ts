/**
 * An officer's scope follows his assignments (issue 11, item 1), against the real central API:
 * a company given to him arrives with the next pull (a back-fill, with progress, resumable);
 * a company taken from him leaves the laptop after his pending actions on its people were
 * pushed (and applied: he decided them while responsible); a person joining or leaving one of
 * his companies arrives or leaves the same way. None of it starts the replica over.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CentralApi } from '../../src/central-api/server';
import type { Core } from '../../src/main/core';
import { CAST_AGENTS } from '../../src/storage/seed/cast';
import { loginRut, rutFromBody } from '../../src/shared/rut';
import { companyCountsDrift } from '../support/company-counts';
import { act, editPhone, openDesk, startCentral, startProxy, syncNow } from '../support/sync-setup';

const ANDES = 76543210;
const LLANQUIHUE = 76000042; // 134 people in the 300-person demo dataset
const TARAPACA = 76000231;

const rutText = (body: number) => loginRut(rutFromBody(body));

/** The desk's kept company counts equal counting its memberships (issue 11). */
function expectCountsRight(desk: { db: Core['db'] }) {
  const { kept, counted } = companyCountsDrift(desk.db.$client);
  expect(kept).toEqual(counted);
}

/**
 * A call to the central API's admin route by `username`, as any supervisor tool would make it:
 * from a device of its own, enrolled with its own secret at sign-in and proving it on each call.
 */
async function adminCall(central: CentralApi, username: string, body: Record<string, unknown>) {
  const deviceId = randomUUID();
  const deviceSecret = randomBytes(32).toString('base64url');
  const headers = {
    'Content-Type': 'application/json',
    'X-Client-Version': '0.1.0',
    'X-Device-Id': deviceId,
    'X-Device-Secret': deviceSecret,
  };
  const password = CAST_AGENTS.find((agent) => agent.username === username)!.password;
  const signIn = await fetch(`${central.url}/auth/sign-in`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username, password, deviceId, deviceSecret }),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const response = await fetch(`${central.url}/admin/agent-scope`, {
    method: 'POST',
    headers: { ...headers, Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A supervisor gives the officer a company, or takes it from him. */
async function assign(central: CentralApi, companyRut: number, assigned: boolean) {
  const { status, body } = await adminCall(central, 'supervisora', {
    username: 'prevencion',
    companyRut,
    assigned,
    reason: assigned ? 'Nueva cartera de empresas' : 'Cambio de zona',
  });
  expect(status).toBe(200);
  return body as { companyRuts: number[]; changed: boolean };
}

/** The people the central API says are in the officer's scope now. */
function centralScope(central: CentralApi): number[] {
  const sqlite = central.db.$client;
  const { company_ruts } = sqlite
    .prepare("SELECT company_ruts FROM agents WHERE username = 'prevencion'")
    .get() as { company_ruts: string };
  return (
    sqlite
      .prepare(
        `SELECT DISTINCT person_rut AS rut FROM memberships
         WHERE company_rut IN (SELECT value FROM json_each(?)) AND state != 'removed' ORDER BY 1`,
      )
      .all(company_ruts) as Array<{ rut: number }>
  ).map((row) => row.rut);
}

const deskPersons = (desk: Core) =>
  (
    desk.db.$client.prepare('SELECT rut FROM persons ORDER BY rut').all() as Array<{
      rut: number;
    }>
  ).map((row) => row.rut);

const deskCompanies = (desk: Core) =>
  (
    desk.db.$client.prepare('SELECT rut FROM companies ORDER BY rut').all() as Array<{
      rut: number;
    }>
  ).map((row) => row.rut);

/** Person, memberships and accounts of some people, as the desk and as the central API hold them. */
function rowsOf(db: { $client: Core['db']['$client'] }, ruts: number[]) {
  const list = JSON.stringify(ruts);
  const read = (sql: string) => db.$client.prepare(sql).all(list);
  return {
    persons: read(
      'SELECT rut, email, phone, version FROM persons WHERE rut IN (SELECT value FROM json_each(?)) ORDER BY rut',
    ),
    memberships: read(
      'SELECT id, person_rut, company_rut, state, version FROM memberships WHERE id >= 0 AND person_rut IN (SELECT value FROM json_each(?)) ORDER BY id',
    ),
    accounts: read(
      'SELECT id, person_rut, portal, version FROM accounts WHERE id >= 0 AND person_rut IN (SELECT value FROM json_each(?)) ORDER BY id',
    ),
  };
}

/** A write on the central API as its own writers make it: the row and its change-log entry. */
function centralWrite(central: CentralApi, sql: string, params: unknown[], membershipId: number) {
  const sqlite = central.db.$client;
  sqlite.transaction(() => {
    sqlite.prepare(sql).run(...params);
    const row = sqlite
      .prepare('SELECT person_rut, company_rut FROM memberships WHERE id = ?')
      .get(membershipId) as { person_rut: number; company_rut: number };
    sqlite
      .prepare(
        `INSERT INTO change_log (entity, key, op, person_rut, company_rut, at)
         VALUES ('membership', ?, 'upsert', ?, ?, ?)`,
      )
      .run(membershipId, row.person_rut, row.company_rut, new Date().toISOString());
  })();
}

const snapshotRestarts = (paths: string[]) =>
  paths.filter((path) => path.startsWith('/sync/pull?cursor=&')).length;

describe("an officer's scope follows his assignments", () => {
  it('a company given to him arrives with the next pull, without starting over', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'prevencion' });
    await syncNow(desk);
    expect(deskPersons(desk)).toEqual(centralScope(central));
    expectCountsRight(desk);
    const before = deskPersons(desk).length;

    // Before: the officer has none of Llanquihue's people (but those also in his companies).
    const held = new Set(centralScope(central));
    const worker = (
      central.db.$client
        .prepare(
          "SELECT person_rut FROM memberships WHERE company_rut = ? AND state != 'removed' ORDER BY person_rut",
        )
        .all(LLANQUIHUE) as Array<{ person_rut: number }>
    ).find((row) => !held.has(row.person_rut))!.person_rut;
    expect(deskPersons(desk)).not.toContain(worker);
    expect(act(desk, 'persons.search', { text: rutText(worker) }).persons).toHaveLength(0);

    const given = await assign(central, LLANQUIHUE, true);
    expect(given).toMatchObject({ changed: true });
    const pullsBefore = proxy.seen.length;
    const after = await syncNow(desk);
    expect(after).toMatchObject({ state: 'idle', scopeChange: null, replicaIncomplete: false });
    expect(deskPersons(desk)).toEqual(centralScope(central));
    expectCountsRight(desk);
    expect(deskPersons(desk).length).toBeGreaterThan(before + 100);
    expect(deskCompanies(desk)).toContain(LLANQUIHUE);
    // He is told, by the company's name, until he says he read it.
    const llanquihue = central.db.$client
      .prepare('SELECT legal_name FROM companies WHERE rut = ?')
      .pluck()
      .get(LLANQUIHUE) as string;
    expect(act(desk, 'sync.status', {}).scopeNotice).toMatchObject({
      added: [{ rut: rutText(LLANQUIHUE), name: llanquihue }],
      removed: [],
    });
    expect(act(desk, 'sync.dismissScopeNotice', {}).scopeNotice).toBeNull();
    const status = act(desk, 'sync.status', {});
    expect(status.scopeNotice).toBeNull();
    // Read, the notice goes; his companies stay listed, each by its name.
    expect(status.officerCompanies).toContainEqual({ rut: rutText(LLANQUIHUE), name: llanquihue });
    expect(status.officerCompanies.map((c: { rut: string }) => c.rut).sort()).toEqual(
      given.companyRuts.map(rutText).sort(),
    );
    expect(rowsOf(desk.db, [worker])).toEqual(rowsOf(central.db, [worker]));
    expect(act(desk, 'persons.search', { text: rutText(worker) }).persons).toHaveLength(1);
    // A back-fill, not a new initial sync: no pull started from an empty cursor.
    expect(snapshotRestarts(proxy.seen.slice(pullsBefore).map((r) => r.path))).toBe(0);
    // His session follows: he may now act on the newcomer, and the central API applies it.
    editPhone(desk, rutText(worker), '+56 9 7000 1111');
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 0 });
    expect(
      central.db.$client.prepare('SELECT phone FROM persons WHERE rut = ?').get(worker),
    ).toEqual({ phone: '+56970001111' });
  });

  it('a company taken from him leaves the laptop after his pending actions on it were pushed', async () => {
    const central = await startCentral();
    await assign(central, TARAPACA, true);
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'prevencion' });
    await syncNow(desk);
    const only = (
      central.db.$client
        .prepare(
          `SELECT person_rut FROM memberships WHERE company_rut = ? AND state != 'removed'
             AND person_rut NOT IN (SELECT person_rut FROM memberships WHERE company_rut != ? AND state != 'removed')
           ORDER BY person_rut LIMIT 1`,
        )
        .get(TARAPACA, TARAPACA) as { person_rut: number }
    ).person_rut;
    expect(deskPersons(desk)).toContain(only);

    // Offline at the worksite, he corrects a worker's phone; ten minutes later the company is
    // taken from him at the office.
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, rutText(only), '+56 9 7000 2222');
    expect(await syncNow(desk)).toMatchObject({ state: 'offline', pending: 1 });
    desk.clock.now = new Date(desk.clock.now.getTime() + 10 * 60_000);
    expect((await assign(central, TARAPACA, false)).companyRuts).not.toContain(TARAPACA);

    proxy.setFaults(() => ({ kind: 'pass' }));
    const back = proxy.seen.length;
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
    const calls = proxy.seen.slice(back).map((r) => `${r.method} ${r.path.split('?')[0]}`);
    // Pushed first, then the pull that takes the company's people away.
    expect(calls.indexOf('POST /sync/push')).toBeLessThan(calls.indexOf('GET /sync/pull'));
    expect(central.db.$client.prepare('SELECT phone FROM persons WHERE rut = ?').get(only)).toEqual(
      { phone: '+56970002222' },
    );
    expect(
      desk.db.$client.prepare('SELECT state FROM outbox WHERE person_rut = ?').all(only),
    ).toEqual([{ state: 'applied' }]);
    expect(deskPersons(desk)).not.toContain(only);
    expect(deskPersons(desk)).toEqual(centralScope(central));
    expectCountsRight(desk);
    expect(deskCompanies(desk)).not.toContain(TARAPACA);
    // He is told it left, by its name, though its row left the laptop with its people. Given
    // to him and taken back before he read it, it would have been no change at all.
    const tarapaca = central.db.$client
      .prepare('SELECT legal_name FROM companies WHERE rut = ?')
      .pluck()
      .get(TARAPACA) as string;
    expect(act(desk, 'sync.status', {}).scopeNotice).toMatchObject({
      added: [],
      removed: [{ rut: rutText(TARAPACA), name: tarapaca }],
    });
    for (const table of ['memberships', 'accounts', 'mails', 'access_requests']) {
      expect(
        desk.db.$client
          .prepare(`SELECT count(*) AS n FROM ${table} WHERE person_rut = ?`)
          .get(only),
        table,
      ).toEqual({ n: 0 });
    }
    expect(snapshotRestarts(proxy.seen.slice(back).map((r) => r.path))).toBe(0);
    // Search forgets them too.
    expect(act(desk, 'persons.search', { text: rutText(only) }).persons).toHaveLength(0);
  });

  it('a person joining or leaving one of his companies arrives or leaves', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'prevencion' });
    await syncNow(desk);
    const sqlite = central.db.$client;
    // Someone of another company, not his: joins Los Andes.
    const held = new Set(centralScope(central));
    const outsiders = (
      sqlite.prepare('SELECT DISTINCT person_rut AS rut FROM accounts ORDER BY 1').all() as Array<{
        rut: number;
      }>
    )
      .map((row) => row.rut)
      .filter((rut) => !held.has(rut));
    /** A worker's active membership of Los Andes, written and logged on the central. */
    const joinAndes = (rut: number): number => {
      const id = Number(
        sqlite
          .prepare(
            `INSERT INTO memberships (person_rut, company_rut, role, state, modules, agreement_signed, started_at, external, version)
             VALUES (?, ?, 'worker', 'active', '[]', 0, '2026-11-21', 0, 1)`,
          )
          .run(rut, ANDES).lastInsertRowid,
      );
      centralWrite(central, 'SELECT 1 WHERE ? = ?', [1, 1], id);
      return id;
    };
    const outsider = outsiders[0]!;
    expect(deskPersons(desk)).not.toContain(outsider);
    const joined = joinAndes(outsider);
    expect(await syncNow(desk)).toMatchObject({ state: 'idle' });
    expect(deskPersons(desk)).toContain(outsider);
    // Whole: the person, every membership and account, as the central API has them.
    expect(rowsOf(desk.db, [outsider])).toEqual(rowsOf(central.db, [outsider]));

    // Dismissed from Los Andes, with no other company of his: leaves the laptop — and in the
    // same pull another outsider joins: as many people as before, yet people moved, and the
    // status says so (the open record follows it, not the count).
    const before = await syncNow(desk);
    const second = outsiders[1]!;
    centralWrite(
      central,
      "UPDATE memberships SET state = 'removed', version = version + 1 WHERE id = ?",
      [joined],
      joined,
    );
    joinAndes(second);
    const after = await syncNow(desk);
    expect(after).toMatchObject({ state: 'idle', persons: before.persons });
    expect(after.personsMoved).toBe(before.personsMoved + 2);
    expect(deskPersons(desk)).toContain(second);
    expect(deskPersons(desk)).not.toContain(outsider);
    expect(rowsOf(desk.db, [outsider])).toEqual({ persons: [], memberships: [], accounts: [] });
    expect(deskPersons(desk)).toEqual(centralScope(central));
    expectCountsRight(desk);
  });

  it('a back-fill cut half-way resumes where it stopped, with progress', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'prevencion', syncOptions: { pageSize: 40 } });
    await syncNow(desk);
    await assign(central, LLANQUIHUE, true);

    // Three pages of the back-fill get through, then the network goes.
    let pulls = 0;
    const cursors: string[] = [];
    proxy.setFaults((request) => {
      if (!request.path.startsWith('/sync/pull')) return { kind: 'pass' };
      cursors.push(new URL(request.path, 'http://x').searchParams.get('cursor') ?? '');
      return ++pulls <= 3 ? { kind: 'pass' } : { kind: 'drop_request' };
    });
    const cut = await syncNow(desk);
    expect(cut).toMatchObject({ state: 'offline', replicaIncomplete: true });
    expect(cut.scopeChange).not.toBeNull();
    expect(cut.scopeChange!.done).toBeGreaterThan(0);
    expect(cut.scopeChange!.done).toBeLessThan(cut.scopeChange!.total);
    const stored = desk.db.$client
      .prepare("SELECT value FROM sync_state WHERE key = 'pull_cursor'")
      .get() as { value: string };
    const partial = deskPersons(desk).length;

    // Back: the next pull carries the stored cursor, not the first one, and the fill completes.
    proxy.setFaults((request) => {
      if (request.path.startsWith('/sync/pull')) {
        cursors.push(new URL(request.path, 'http://x').searchParams.get('cursor') ?? '');
      }
      return { kind: 'pass' };
    });
    const resumedAt = cursors.length;
    const done = await syncNow(desk);
    expect(done).toMatchObject({ state: 'idle', scopeChange: null, replicaIncomplete: false });
    expect(cursors[resumedAt]).toBe(stored.value);
    expect(cursors.slice(resumedAt)).not.toContain('');
    expect(deskPersons(desk).length).toBeGreaterThan(partial);
    expect(deskPersons(desk)).toEqual(centralScope(central));
    expectCountsRight(desk);
  });
});

describe("a supervisor changes an officer's companies from her desk", () => {
  it('an assignment whose answer was lost is asked again as the same decision: done, and audited once', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const boss = await openDesk(proxy.url, { user: 'supervisora' });
    await syncNow(boss);
    let dropped = 0;
    proxy.setFaults((request) =>
      request.path === '/admin/agent-scope' && dropped++ === 0
        ? { kind: 'drop_response' }
        : { kind: 'pass' },
    );
    const decisionId = randomUUID();
    const assign = (reason: string) =>
      boss.dispatch('officers.assign', {
        companyRut: rutText(LLANQUIHUE),
        username: 'prevencion',
        assigned: true,
        reason,
        decisionId,
      });
    expect(await assign('Nueva cartera de empresas')).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(dropped).toBe(2);
    const audited = () =>
      (
        boss.db.$client
          .prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'scope.assign'")
          .get() as { n: number }
      ).n;
    expect(audited()).toBe(1);
    // The same dialog asking again, its reason reworded: the same decision, audited once.
    expect(await assign('Nueva cartera de empresas (jefatura)')).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(audited()).toBe(1);
    const events = central.db.$client
      .prepare('SELECT count(*) AS n FROM agent_scope_events WHERE company_rut = ?')
      .get(LLANQUIHUE) as { n: number };
    expect(events.n).toBe(1);
  });
  it('an assignment the central made but never answered in time says it may be done; asked again, it is audited once', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const boss = await openDesk(proxy.url, {
      user: 'supervisora',
      core: { centralTimeoutMs: 1_000 },
    });
    await syncNow(boss);
    const held: Array<() => void> = [];
    let holding = true;
    proxy.setFaults((request) =>
      request.path === '/admin/agent-scope' && holding
        ? { kind: 'hold_response', onHeld: (release) => held.push(release) }
        : { kind: 'pass' },
    );
    const decisionId = randomUUID();
    const assign = () =>
      boss.dispatch('officers.assign', {
        companyRut: rutText(LLANQUIHUE),
        username: 'prevencion',
        assigned: true,
        reason: 'Nueva cartera de empresas',
        decisionId,
      });
    const unanswered = await assign();
    expect(unanswered).toMatchObject({ ok: false });
    expect(!unanswered.ok && unanswered.error.message).toMatch(
      /no respondió a tiempo, y puede que ya lo haya aplicado/,
    );
    const events = () =>
      central.db.$client
        .prepare('SELECT count(*) FROM agent_scope_events WHERE company_rut = ?')
        .pluck()
        .get(LLANQUIHUE);
    // The central did it; the desk has not audited what it was never told.
    expect(events()).toBe(1);
    const audited = () =>
      boss.db.$client
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'scope.assign'")
        .pluck()
        .get();
    expect(audited()).toBe(0);
    holding = false;
    for (const release of held) release();
    // Confirmed again in the same dialog: the first decision's answer, audited now, once.
    expect(await assign()).toEqual({ ok: true, value: { changed: true } });
    expect(audited()).toBe(1);
    expect(events()).toBe(1);
  });

  it('lists who holds the company, assigns and takes it with a reason, audited, and the laptop follows', async () => {
    const central = await startCentral();
    const field = await openDesk(central.url, { user: 'prevencion' });
    await syncNow(field);
    const boss = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(boss);
    type Listed = {
      officers: Array<{ username: string; displayName: string; assigned: boolean }>;
    };
    const call = async (channel: string, input: unknown) => {
      const answer = await boss.dispatch(channel, input);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as Listed;
    };
    const hector = (listed: Listed) => listed.officers.find((o) => o.username === 'prevencion');

    const before = await call('officers.list', { companyRut: rutText(LLANQUIHUE) });
    expect(hector(before)).toMatchObject({
      displayName: 'Héctor Contreras (prevención)',
      assigned: false,
    });
    // Only prevention officers are listed.
    expect(before.officers.every((o) => o.username !== 'agente')).toBe(true);

    const assigned = await boss.dispatch('officers.assign', {
      companyRut: rutText(LLANQUIHUE),
      username: 'prevencion',
      assigned: true,
      reason: 'Nueva cartera de empresas',
    });
    expect(assigned).toEqual({ ok: true, value: { changed: true } });
    expect(hector(await call('officers.list', { companyRut: rutText(LLANQUIHUE) }))).toMatchObject({
      assigned: true,
    });
    expect(centralScope(central).length).toBeGreaterThan(deskPersons(field).length);
    // His laptop follows at its next sync.
    await syncNow(field);
    expect(deskCompanies(field)).toContain(LLANQUIHUE);
    expect(deskPersons(field)).toEqual(centralScope(central));

    // The same change again (another supervisor was first): nothing happened, nothing audited.
    const again = await boss.dispatch('officers.assign', {
      companyRut: rutText(LLANQUIHUE),
      username: 'prevencion',
      assigned: true,
      reason: 'Nueva cartera de empresas',
    });
    expect(again).toEqual({ ok: true, value: { changed: false } });
    // No reason, no change; a company the central does not know, refused in Spanish.
    const noReason = await boss.dispatch('officers.assign', {
      companyRut: rutText(LLANQUIHUE),
      username: 'prevencion',
      assigned: false,
      reason: ' ',
    });
    expect(!noReason.ok && noReason.error.message).toMatch(/motivo/);
    const unknown = await boss.dispatch('officers.assign', {
      companyRut: rutText(99999999),
      username: 'prevencion',
      assigned: true,
      reason: 'Empresa nueva',
    });
    expect(!unknown.ok && unknown.error.message).toMatch(/aún no conoce esta empresa/);
    const notOfficer = await boss.dispatch('officers.assign', {
      companyRut: rutText(LLANQUIHUE),
      username: 'agente',
      assigned: true,
      reason: 'Por error',
    });
    expect(!notOfficer.ok && notOfficer.error.message).toMatch(/ya no figura como prevencionista/);

    const taken = await boss.dispatch('officers.assign', {
      companyRut: rutText(LLANQUIHUE),
      username: 'prevencion',
      assigned: false,
      reason: 'Cambio de zona',
    });
    expect(taken).toEqual({ ok: true, value: { changed: true } });
    expect(hector(await call('officers.list', { companyRut: rutText(LLANQUIHUE) }))).toMatchObject({
      assigned: false,
    });
    await syncNow(field);
    expect(deskCompanies(field)).not.toContain(LLANQUIHUE);
    expect(deskPersons(field)).toEqual(centralScope(central));

    // Both changes in the supervisor's audit chain, with their reasons; on the central too.
    const events = boss.db.$client
      .prepare(
        "SELECT action, after, reason FROM audit_events WHERE action LIKE 'scope.%' ORDER BY seq",
      )
      .all() as Array<{ action: string; after: string; reason: string }>;
    expect(events.map((e) => [e.action, JSON.parse(e.after), e.reason])).toEqual([
      [
        'scope.assign',
        {
          officer: 'Héctor Contreras (prevención)',
          username: 'prevencion',
          companyRut: LLANQUIHUE,
          decisionId: expect.any(String),
        },
        'Nueva cartera de empresas',
      ],
      [
        'scope.unassign',
        {
          officer: 'Héctor Contreras (prevención)',
          username: 'prevencion',
          companyRut: LLANQUIHUE,
          decisionId: expect.any(String),
        },
        'Cambio de zona',
      ],
    ]);
    expect(
      central.db.$client
        .prepare(
          'SELECT assigned, reason FROM agent_scope_events WHERE company_rut = ? ORDER BY at, rowid',
        )
        .all(LLANQUIHUE),
    ).toEqual([
      { assigned: 1, reason: 'Nueva cartera de empresas' },
      { assigned: 0, reason: 'Cambio de zona' },
    ]);
    // An agent's desk is refused before anything is asked of the central API.
    const agentDesk = await openDesk(central.url, { user: 'agente' });
    expect(
      await agentDesk.dispatch('officers.list', { companyRut: rutText(LLANQUIHUE) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('the admin route that assigns companies', () => {
  it('answers only supervisors, and says in Spanish what is wrong', async () => {
    const central = await startCentral();
    const as = (username: string, body: Record<string, unknown>) =>
      adminCall(central, username, body);
    const valid = { username: 'prevencion', companyRut: TARAPACA, assigned: true, reason: 'Zona' };
    expect(await as('agente', valid)).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Solo un supervisor puede hacer esto.' } },
    });
    expect(await as('supervisora', { ...valid, username: 'nadie' })).toMatchObject({
      status: 404,
      body: { error: { code: 'agent_not_found' } },
    });
    expect(await as('supervisora', { ...valid, username: 'agente' })).toMatchObject({
      status: 409,
      body: { error: { code: 'agent_not_prevention' } },
    });
    expect(await as('supervisora', { ...valid, companyRut: 99999999 })).toMatchObject({
      status: 404,
      body: { error: { code: 'company_not_found' } },
    });
    expect(await as('supervisora', { ...valid, reason: '' })).toMatchObject({ status: 400 });
    // Nothing of that changed anything; the valid call does, once, with its record.
    expect(await as('supervisora', valid)).toMatchObject({ status: 200, body: { changed: true } });
    expect(await as('supervisora', valid)).toMatchObject({ status: 200, body: { changed: false } });
    expect(
      central.db.$client
        .prepare(
          'SELECT agent_id, company_rut, assigned, by_agent_id, reason FROM agent_scope_events',
        )
        .all(),
    ).toEqual([
      {
        agent_id: 'prevention-demo',
        company_rut: TARAPACA,
        assigned: 1,
        by_agent_id: 'supervisor-demo',
        reason: 'Zona',
      },
    ]);
  });
});
