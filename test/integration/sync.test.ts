/**
 * The sync guarantees, proved against the real central API on 127.0.0.1 with faults injected
 * between it and the desk (see test/support/fault-proxy.ts). Numbers refer to research/sync.md §5.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { RETENTION_SQL } from '../../src/main/sync/outbox-retention';
import { changeAtAndes, tempDir } from '../support/context';
import { excelCsv1252, largestCompanyMembers } from '../support/bulk-files';
import {
  act,
  actAsync,
  clockAt,
  editPhone,
  openDesk,
  record,
  restoreCentral,
  signIn,
  snapshotOf,
  startCentral,
  startProxy,
  syncNow,
} from '../support/sync-setup';

const PEDRO = '12345678-5';
const PEDRO_BODY = 12345678;
const FRANCISCA = '18765432-7';
const CHECKED = ['serial_number', 'registered_phone'];

/** A new e-mail for Pedro, his identity checked, as an officer types it in the field. */
const editPedrosEmail = (desk: Core, email: string) =>
  act(desk, 'contact.edit', {
    rut: PEDRO,
    email,
    reason: 'Actualización en terreno',
    identityCheck: CHECKED,
    expectedVersion: record(desk, PEDRO).version,
  });

const count = (db: Core['db'], sql: string, ...params: unknown[]) =>
  (db.$client.prepare(sql).get(...params) as { n: number }).n;

describe('who may point a desk at a central API', () => {
  it('only a signed-in supervisor, and only to https or this machine', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: null });
    expect(await desk.dispatch('sync.configure', { centralUrl: null })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    await signIn(desk, 'agente');
    expect(await desk.dispatch('sync.configure', { centralUrl: null })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await signIn(desk, 'supervisora');
    const refused = await desk.dispatch('sync.configure', {
      centralUrl: 'http://central.ejemplo.cl',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rule' } });
    // The address in use: nothing changes, nothing is audited, no reason asked.
    expect(await actAsync(desk, 'sync.configure', { centralUrl: central.url })).toMatchObject({
      configured: true,
      centralUrl: central.url,
    });
    const audited = () =>
      desk.db.$client
        .prepare(
          "SELECT before, after, reason FROM audit_events WHERE action = 'central.configure' ORDER BY rowid",
        )
        .all() as Array<{ before: string; after: string; reason: string }>;
    expect(audited()).toEqual([]);
    await syncNow(desk);
    const lastSyncAt = act(desk, 'sync.status', {}).lastSyncAt as string;
    expect(lastSyncAt).not.toBeNull();
    // Removing it is a change: a reason first, then audited, and the last sync stays true.
    const noReason = await desk.dispatch('sync.configure', { centralUrl: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'rule' } });
    expect(act(desk, 'sync.status', {}).configured).toBe(true);
    expect(
      await actAsync(desk, 'sync.configure', { centralUrl: ' ', reason: 'Equipo de demostración' }),
    ).toMatchObject({ configured: false, state: 'not_configured', lastSyncAt });
    expect(
      await actAsync(desk, 'sync.configure', {
        centralUrl: central.url,
        reason: 'Vuelve a la red',
      }),
    ).toMatchObject({ configured: true, centralUrl: central.url });
    expect(audited()).toEqual([
      {
        before: JSON.stringify({ centralUrl: central.url }),
        after: JSON.stringify({ centralUrl: null }),
        reason: 'Equipo de demostración',
      },
      {
        before: JSON.stringify({ centralUrl: null }),
        after: JSON.stringify({ centralUrl: central.url }),
        reason: 'Vuelve a la red',
      },
    ]);
    // An address where no central API answers (a typo, a server down) is not kept: once kept,
    // every sign-in here would go there, and nobody could sign in to correct it.
    const silent = await startCentral();
    const silentUrl = silent.url;
    await silent.close();
    const nobody = await desk.dispatch('sync.configure', {
      centralUrl: silentUrl,
      reason: 'Servidor nuevo',
    });
    expect(nobody).toMatchObject({
      ok: false,
      error: {
        code: 'rule',
        message: expect.stringMatching(/^En esa dirección no responde el sistema central/),
      },
    });
    expect(audited()).toHaveLength(2);
    expect(act(desk, 'sync.status', {})).toMatchObject({ centralUrl: central.url });
    // Each refused attempt to point the desk elsewhere left its trace, and changed nothing.
    const refusals = desk.db.$client
      .prepare(
        `SELECT a.display_name AS who, e.before, e.after, e.reason FROM audit_events e
         JOIN agents a ON a.id = e.agent_id
         WHERE e.action = 'central.configure_refused' ORDER BY e.rowid`,
      )
      .all();
    expect(refusals).toEqual([
      {
        who: 'Alicia Agente',
        before: JSON.stringify({ centralUrl: central.url }),
        after: JSON.stringify({ askedUrl: null, refused: 'role' }),
        reason: '',
      },
      {
        who: 'Sara Supervisora',
        before: JSON.stringify({ centralUrl: central.url }),
        after: JSON.stringify({ askedUrl: 'http://central.ejemplo.cl', refused: 'invalid_url' }),
        reason: '',
      },
      {
        who: 'Sara Supervisora',
        before: JSON.stringify({ centralUrl: central.url }),
        after: JSON.stringify({ askedUrl: silentUrl, refused: 'not_answering' }),
        reason: 'Servidor nuevo',
      },
    ]);
    // The address cannot be kept (a full disk): nothing is audited, and the desk stays as it was.
    const other = await startCentral();
    desk.db.$client.exec(
      `CREATE TEMP TRIGGER full_disk BEFORE UPDATE ON sync_state WHEN NEW.key = 'central_url'
       BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    const unkept = await desk.dispatch('sync.configure', {
      centralUrl: other.url,
      reason: 'Servidor nuevo',
    });
    expect(unkept.ok).toBe(false);
    expect(audited()).toHaveLength(2);
    expect(act(desk, 'sync.status', {})).toMatchObject({
      configured: true,
      centralUrl: central.url,
    });
  });

  it("counts the signed-in supervisor's own actions as hers after the address changed", async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(desk);
    const before = act(desk, 'sync.status', {});
    // A new address: the old central's tokens are dropped (never sent to another host), so this
    // desk has none there yet, and her actions wait.
    const next = await startCentral();
    await actAsync(desk, 'sync.configure', { centralUrl: next.url, reason: 'Servidor nuevo' });
    expect(act(desk, 'sync.status', {})).toMatchObject({ state: 'signed_out' });
    editPhone(desk, PEDRO, '+56 9 1414 1414');
    const after = await syncNow(desk);
    expect(after).toMatchObject({
      state: 'signed_out',
      pending: before.pending + 1,
      waitingForOtherAgent: 0,
    });
  });

  it('keeps each agent to their own conflicts and rejections', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url);
    await syncNow(desk);
    editPhone(desk, PEDRO, '+56 9 1313 1313');
    central.db.$client.prepare('DELETE FROM persons WHERE rut = ?').run(PEDRO_BODY);
    await syncNow(desk);
    const [issue] = act(desk, 'sync.issues', {});
    expect(issue).toMatchObject({ state: 'rejected', code: 'entity_gone' });
    await signIn(desk, 'prevencion');
    expect(act(desk, 'sync.issues', {})).toEqual([]);
    expect(
      desk.dispatchNow('sync.resolve', { actionId: issue.actionId, choice: 'dismiss' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn(desk, 'supervisora');
    expect(act(desk, 'sync.issues', {})).toHaveLength(1);
    expect(act(desk, 'sync.resolve', { actionId: issue.actionId, choice: 'dismiss' })).toEqual([]);
  });
});

describe('initial sync', () => {
  it('brings an empty replica level with the server, page by page, with progress', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    // What the benchmark watches to tell the snapshot's index build from its load.
    const indexing: boolean[] = [];
    const desk = await openDesk(proxy.url, {
      syncOptions: { onSnapshotIndexing: (building) => indexing.push(building) },
    });
    const engine = desk.sync()!;
    expect(engine.status().initialSync).toBeNull();
    const status = await syncNow(desk);
    expect(indexing).toEqual([true, false]);
    // Done: no progress bar left behind.
    expect(status).toMatchObject({ state: 'idle', online: true, pending: 0, initialSync: null });
    for (const table of [
      'persons',
      'companies',
      'memberships',
      'accounts',
      'mails',
      'access_requests',
    ]) {
      expect(count(desk.db, `SELECT count(*) AS n FROM ${table}`), table).toBe(
        count(central.db, `SELECT count(*) AS n FROM ${table}`),
      );
    }
    const pulls = proxy.seen.filter((r) => r.path.startsWith('/sync/pull'));
    expect(pulls.length).toBeGreaterThan(2);
    // The replica answers searches at once, names included (indexed after the snapshot).
    expect(act(desk, 'persons.search', { text: '12.345.678-5' }).persons[0].rut).toBe(PEDRO);
    expect(act(desk, 'persons.search', { text: 'munoz sepulveda maria' }).persons[0].rut).toBe(
      '11111111-1',
    );
    // As heard too: the terms' sound keys followed the terms the snapshot's steps filled.
    expect(act(desk, 'persons.search', { text: 'munos sepulbeda maria' }).persons[0]).toMatchObject(
      { rut: '11111111-1', matchedBy: 'sounds_like' },
    );
    expect(act(desk, 'persons.search', { text: 'constructora andes' }).companies[0].legalName).toBe(
      'Constructora Los Andes SpA',
    );
    // And the search triggers are back (the persons' terms' among them: migration 0024): a
    // renamed person is found under the new name.
    expect(
      count(
        desk.db,
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'",
      ),
    ).toBe(10);
    // The person count, kept by triggers through the snapshot (migration 0023), is the central's.
    expect(act(desk, 'app.info', {}).persons).toBe(
      count(central.db, 'SELECT count(*) AS n FROM persons'),
    );
    expect(
      count(
        desk.db,
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'person_count_%'",
      ),
    ).toBe(2);
    // A later cycle has no snapshot to index.
    await syncNow(desk);
    expect(indexing).toEqual([true, false]);
  });
});

describe('offline work', () => {
  it('keeps an action made offline, shows it pending, and applies it once back online', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    const account = record(desk, PEDRO).accounts[0]!;
    act(desk, 'accounts.unlock', {
      rut: PEDRO,
      portal: 'achs_gestion',
      identityCheck: CHECKED,
      expectedVersion: account.version,
    });
    const offline = await syncNow(desk);
    expect(offline).toMatchObject({ state: 'offline', online: false, pending: 1 });
    expect(record(desk, PEDRO).pendingActions).toHaveLength(1);
    expect(record(desk, PEDRO).badges).toEqual([{ code: 'active' }]);

    proxy.setFaults(() => ({ kind: 'pass' }));
    const online = await syncNow(desk);
    expect(online).toMatchObject({ state: 'idle', pending: 0 });
    const server = central.db.$client
      .prepare('SELECT locked_until, failed_attempts, version FROM accounts WHERE person_rut = ?')
      .get(PEDRO_BODY) as { locked_until: string | null; failed_attempts: number; version: number };
    expect(server).toMatchObject({
      locked_until: null,
      failed_attempts: 0,
      version: account.version + 1,
    });
    expect(record(desk, PEDRO).accounts[0]!.version).toBe(account.version + 1);
    expect(record(desk, PEDRO).pendingActions).toEqual([]);
  });
});

describe('exactly once (G2)', () => {
  it.each([
    ['a lost response', 'drop_response'],
    ['a replayed request', 'duplicate'],
  ] as const)('%s applies once: one version bump, one mail', async (_what, fault) => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    const version = record(desk, PEDRO).version;
    editPhone(desk, PEDRO, '+56 9 4444 3333');
    const { actionId } = act(desk, 'mails.resend', {
      rut: FRANCISCA,
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    let injected = false;
    proxy.setFaults((request) => {
      if (request.path === '/sync/push' && !injected) {
        injected = true;
        return { kind: fault };
      }
      return { kind: 'pass' };
    });
    await syncNow(desk);
    await syncNow(desk);
    expect(desk.sync()!.status().pending).toBe(0);
    expect(count(central.db, 'SELECT count(*) AS n FROM mails WHERE action_id = ?', actionId)).toBe(
      1,
    );
    const person = central.db.$client
      .prepare('SELECT phone, version FROM persons WHERE rut = ?')
      .get(PEDRO_BODY) as { phone: string; version: number };
    expect(person).toEqual({ phone: '+56944443333', version: version + 1 });
    // The desk's own queued mail was replaced by the server's row for the same action.
    expect(count(desk.db, 'SELECT count(*) AS n FROM mails WHERE action_id = ?', actionId)).toBe(1);
    expect(count(desk.db, 'SELECT count(*) AS n FROM mails WHERE id < 0')).toBe(0);
  });
});

describe('order and rejections (G3, G4)', () => {
  it('fifty actions keep their order; one the server rejects blocks none', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url);
    await syncNow(desk);
    const ruts = (
      desk.db.$client.prepare('SELECT rut FROM persons ORDER BY rut LIMIT 50').all() as Array<{
        rut: number;
      }>
    ).map((row) => row.rut);
    const rutText = (body: number) =>
      act(desk, 'persons.search', { text: String(body) }).persons[0].rut as string;
    const texts = ruts.map(rutText);
    texts.forEach((rut, i) => editPhone(desk, rut, `+56 9 7000 ${String(1000 + i)}`));
    // The 25th person is gone from the system of record before the desk syncs.
    central.db.$client.prepare('DELETE FROM persons WHERE rut = ?').run(ruts[24]);
    const status = await syncNow(desk);
    expect(status).toMatchObject({ pending: 0, rejected: 1 });
    const issues = act(desk, 'sync.issues', {});
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      state: 'rejected',
      code: 'entity_gone',
      personRut: texts[24],
    });
    expect(issues[0].message).toMatch(/\S/);
    const applied = central.db.$client
      .prepare(`SELECT rut, phone FROM persons WHERE rut IN (${ruts.join(',')}) ORDER BY rut`)
      .all() as Array<{ rut: number; phone: string }>;
    expect(applied).toHaveLength(49);
    // Applied in the order taken: the change log follows the outbox.
    const logged = (
      central.db.$client
        .prepare(
          `SELECT key FROM change_log WHERE entity = 'person' AND key IN (${ruts.join(',')}) ORDER BY seq`,
        )
        .all() as Array<{ key: number }>
    ).map((row) => row.key);
    expect(logged).toEqual(ruts.filter((_, i) => i !== 24));
  });
});

describe('transient errors (G5)', () => {
  it('retries with growing delays and honours Retry-After, applying once', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    editPhone(desk, PEDRO, '+56 9 1212 3434');
    proxy.setFaults((request) =>
      request.path === '/sync/push' ? { kind: 'respond', status: 503 } : { kind: 'pass' },
    );
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) delays.push((await syncNow(desk)).nextAttemptInMs!);
    // random() = 1 here: the full-jitter cap itself, doubling from 100 ms.
    expect(delays).toEqual([100, 200, 400, 800]);
    proxy.setFaults((request) =>
      request.path === '/sync/push'
        ? { kind: 'respond', status: 503, headers: { 'Retry-After': '7' } }
        : { kind: 'pass' },
    );
    expect((await syncNow(desk)).nextAttemptInMs).toBeGreaterThanOrEqual(7000);
    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ pending: 0, nextAttemptInMs: null });
    expect(
      count(
        central.db,
        "SELECT count(*) AS n FROM change_log WHERE entity = 'person' AND key = ?",
        PEDRO_BODY,
      ),
    ).toBe(1);
  });
});

describe('a client too old (G16)', () => {
  it('stops syncing, keeps its queue, and says an update is needed', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    editPhone(desk, PEDRO, '+56 9 4545 4545');
    proxy.setFaults(() => ({
      kind: 'respond',
      status: 426,
      body: { error: { code: 'upgrade_required', message: 'x', minVersion: '2.0.0' } },
    }));
    const status = await syncNow(desk);
    expect(status).toMatchObject({ state: 'upgrade_required', pending: 1 });
    expect(status.lastError).toMatch(/actualice la aplicación \(mínimo 2\.0\.0\)/);
    const before = proxy.seen.length;
    await syncNow(desk);
    expect(proxy.seen.length).toBe(before);
    expect(desk.sync()!.status().pending).toBe(1);
  });
});

describe('a stuck queue', () => {
  /** A desk synced once through a fault proxy, on a clock the test moves. */
  async function syncedThroughProxy() {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const clock = clockAt();
    const desk = await openDesk(proxy.url, { clock });
    await syncNow(desk);
    return { proxy, clock, desk };
  }

  it('raises the alarm when pending actions have not reached a server that answers for too long', async () => {
    const { proxy, clock, desk } = await syncedThroughProxy();
    // The server answers, but refuses every push.
    proxy.setFaults((request) =>
      request.path.includes('/push') ? { kind: 'respond', status: 503 } : { kind: 'pass' },
    );
    editPhone(desk, PEDRO, '+56 9 4646 4646');
    expect((await syncNow(desk)).stuck).toBe(false);
    clock.now = new Date(clock.now.getTime() + 11 * 60_000);
    expect(await syncNow(desk)).toMatchObject({ stuck: true, state: 'offline', pending: 1 });
    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ stuck: false, pending: 0 });
  });

  it('is no alarm behind a captive portal: what answers is not the central API', async () => {
    const { proxy, clock, desk } = await syncedThroughProxy();
    proxy.setFaults(() => ({
      kind: 'respond',
      status: 200,
      body: '<html><body>Ingrese al Wi-Fi del hotel</body></html>',
      headers: { 'Content-Type': 'text/html' },
    }));
    editPhone(desk, PEDRO, '+56 9 4646 4646');
    clock.now = new Date(clock.now.getTime() + 3 * 60 * 60_000);
    expect(await syncNow(desk)).toMatchObject({ stuck: false, pending: 1 });
    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ stuck: false, pending: 0 });
  });

  it('is no alarm while the server cannot be reached at all: an officer works offline for hours', async () => {
    const { proxy, clock, desk } = await syncedThroughProxy();
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, PEDRO, '+56 9 4646 4646');
    clock.now = new Date(clock.now.getTime() + 3 * 60 * 60_000);
    expect(await syncNow(desk)).toMatchObject({
      stuck: false,
      state: 'offline',
      online: false,
      pending: 1,
    });
    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ stuck: false, pending: 0 });
  });
});

describe('token expiry (G6)', () => {
  it('refreshes an expired token; an expired session pauses without losing or looping', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock, accessTtlMs: 60_000 });
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { clock });
    await syncNow(desk);
    clock.now = new Date(clock.now.getTime() + 2 * 60_000);
    editPhone(desk, PEDRO, '+56 9 5656 7878');
    expect(await syncNow(desk)).toMatchObject({ pending: 0, state: 'idle' });
    expect(proxy.seen.some((r) => r.path === '/auth/refresh')).toBe(true);

    clock.now = new Date(clock.now.getTime() + 4 * 24 * 3_600_000);
    editPhone(desk, PEDRO, '+56 9 9090 8080');
    const before = proxy.seen.length;
    expect(await syncNow(desk)).toMatchObject({ state: 'signed_out', pending: 1 });
    // One push refused, one refresh refused: no hot loop.
    expect(proxy.seen.length - before).toBeLessThanOrEqual(2);
    expect(await syncNow(desk)).toMatchObject({ state: 'signed_out', pending: 1 });
    expect(proxy.seen.length - before).toBeLessThanOrEqual(2);

    await signIn(desk, 'agente');
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0 });
    expect(
      (
        central.db.$client.prepare('SELECT phone FROM persons WHERE rut = ?').get(PEDRO_BODY) as {
          phone: string;
        }
      ).phone,
    ).toBe('+56990908080');
  });
});

describe('conflicts (G11)', () => {
  it('keeps different fields from two desks; the same field becomes a conflict to resolve', async () => {
    const central = await startCentral();
    // A colleague's desk (the supervisor's) and this agent's.
    const a = await openDesk(central.url, { user: 'supervisora' });
    const b = await openDesk(central.url);
    await syncNow(a);
    await syncNow(b);
    editPhone(a, PEDRO, '+56 9 1111 1111');
    act(b, 'contact.edit', {
      rut: PEDRO,
      email: 'pedro.otro@correo.cl',
      reason: 'Corrección',
      identityCheck: CHECKED,
      expectedVersion: record(b, PEDRO).version,
    });
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    for (const core of [a, b, central]) {
      expect(
        core.db.$client.prepare('SELECT email, phone FROM persons WHERE rut = ?').get(PEDRO_BODY),
      ).toEqual({ email: 'pedro.otro@correo.cl', phone: '+56911111111' });
    }

    // Who changed each field, and when, travels with the row: here the central's and b's own.
    const changedOn = (core: { db: Core['db'] }) =>
      core.db.$client
        .prepare(
          `SELECT phone_changed_at, phone_changed_by, email_changed_at, email_changed_by
           FROM persons WHERE rut = ?`,
        )
        .get(PEDRO_BODY);
    expect(changedOn(b)).toEqual({
      phone_changed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      phone_changed_by: 'Sara Supervisora',
      email_changed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      email_changed_by: 'Alicia Agente',
    });
    expect(changedOn(a)).toEqual(changedOn(b));
    expect(changedOn(central)).toEqual(changedOn(b));

    editPhone(a, PEDRO, '+56 9 2222 2222');
    editPhone(b, PEDRO, '+56 9 3333 3333');
    await syncNow(a);
    expect(await syncNow(b)).toMatchObject({ conflicts: 1, pending: 0 });
    const [issue] = act(b, 'sync.issues', {});
    expect(issue).toMatchObject({
      state: 'conflict',
      conflicts: [{ field: 'phone', yours: '+56933333333', theirs: '+56922222222' }],
      // The colleague who set the central's value, and when.
      centralChange: {
        of: 'phone',
        at: (changedOn(central) as { phone_changed_at: string }).phone_changed_at,
        by: 'Sara Supervisora',
      },
    });
    expect(issue).toMatchObject({ agentId: 'agent-demo', agentName: 'Alicia Agente' });
    // The server kept the first value, and the desk shows it.
    expect(record(b, PEDRO).phone).toBe('+56922222222');
    // The colleague changes it once more before this agent decides: the card says the central's
    // value as it is now, not as the refusal found it.
    editPhone(a, PEDRO, '+56 9 4444 4444');
    await syncNow(a);
    await syncNow(b);
    const [again] = act(b, 'sync.issues', {});
    expect(again).toMatchObject({
      actionId: issue.actionId,
      conflicts: [{ field: 'phone', yours: '+56933333333', theirs: '+56944444444' }],
      centralChange: {
        of: 'phone',
        at: (changedOn(central) as { phone_changed_at: string }).phone_changed_at,
        by: 'Sara Supervisora',
      },
    });
    // Settled while a call with someone else is open: neither the settling nor the value sent
    // again is an act of that call (they were of the call the change was decided in).
    const other = act(b, 'interactions.open', { rut: FRANCISCA, reason: 'other' });
    act(b, 'sync.resolve', { actionId: issue.actionId, choice: 'keep_mine' });
    expect(act(b, 'interactions.current', {})).toMatchObject({ id: other.id, actions: [] });
    await syncNow(b);
    await syncNow(a);
    expect(record(a, PEDRO).phone).toBe('+56933333333');
    expect(act(b, 'sync.issues', {})).toEqual([]);
  });
});

describe('clocks (G12)', () => {
  it('a device clock days off changes nothing; age is measured on the device clock', async () => {
    const central = await startCentral();
    const skewed = clockAt(new Date(Date.parse('2026-11-24T09:00:00Z')));
    const desk = await openDesk(central.url, { clock: skewed });
    await syncNow(desk);
    const fresh = act(desk, 'mails.resend', {
      rut: FRANCISCA,
      portal: 'achs_gestion',
      kind: 'password_creation',
    });
    await syncNow(desk);
    expect(
      count(central.db, 'SELECT count(*) AS n FROM mails WHERE action_id = ?', fresh.actionId),
    ).toBe(1);

    // Queued, then the laptop stays offline for three hours (by its own clock).
    const late = act(desk, 'mails.resend', {
      rut: PEDRO,
      portal: 'achs_gestion',
      kind: 'password_reset',
    });
    skewed.now = new Date(skewed.now.getTime() + 3 * 3_600_000);
    expect(await syncNow(desk)).toMatchObject({ rejected: 1, pending: 0 });
    expect(
      count(central.db, 'SELECT count(*) AS n FROM mails WHERE action_id = ?', late.actionId),
    ).toBe(0);
    expect(act(desk, 'sync.issues', {})[0]).toMatchObject({ code: 'stale_command' });
  });
});

describe('mails withheld for lateness', () => {
  it('lists a bulk load pushed late as one row, and «Entendido» on it settles every one of its actions', async () => {
    const central = await startCentral();
    const clock = clockAt(new Date(Date.parse('2026-11-24T09:00:00Z')));
    const desk = await openDesk(central.url, { clock, user: 'supervisora' });
    await syncNow(desk);
    const { company, members } = largestCompanyMembers(desk.db.$client);
    const chosen = members.slice(0, 6);
    const rows = [
      ['RUT', 'Correo electrónico'],
      ...chosen.map((m) => [`${m.rut}-${m.dv}`, `tarde.${m.rut}@carga.cl`]),
    ];
    const shown = act(desk, 'bulkLoads.preview', {
      companyRut: `${company.rut}-${company.dv}`,
      fileName: 'correos-noviembre.csv',
      contentBase64: Buffer.from(excelCsv1252(rows)).toString('base64'),
    });
    expect(shown.totals).toMatchObject({ new_email: 6, refused: 0 });
    const started = act(desk, 'bulkLoads.apply', {
      previewId: shown.previewId,
      reason: 'Archivo de la empresa, por correo',
    });
    for (;;) {
      const batch = act(desk, 'bulkLoads.status', { batchId: started.batchId });
      if (batch.state !== 'applying' && batch.state !== 'preparing') break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    // One single action pushed late too, beside the load.
    const single = editPedrosEmail(desk, 'pedro.tarde@gmail.com');
    clock.now = new Date(clock.now.getTime() + 3 * 3_600_000);
    await syncNow(desk);
    // The load's actions whose people had a portal account asked a confirmation, withheld.
    const withheldOfLoad = () =>
      count(
        desk.db,
        `SELECT count(*) AS n FROM outbox WHERE result IS NOT NULL
         AND json_extract(payload, '$.batchId') = ?`,
        started.batchId,
      );
    const withheld = withheldOfLoad();
    expect(withheld).toBeGreaterThan(1);
    // Two rows: the load (its file, how many) and Pedro's.
    const issues = act(desk, 'sync.issues', {});
    expect(issues).toHaveLength(2);
    const [load, pedro] = issues;
    expect(load).toMatchObject({
      state: 'mail_withheld',
      mailsWithheld: ['email_confirmation'],
      batch: { id: started.batchId, fileName: 'correos-noviembre.csv', count: withheld },
    });
    // Whose mails did not go, by name: where the agent asks them again.
    expect(load.batch.persons).toHaveLength(withheld);
    for (const person of load.batch.persons) {
      expect(chosen.map((m) => `${m.rut}-${m.dv}`)).toContain(person.rut);
      expect(person.name).toEqual(expect.any(String));
    }
    expect(pedro).toMatchObject({ actionId: single.actionId, state: 'mail_withheld' });
    expect(pedro.batch).toBeUndefined();
    // The badge counts rows as the list shows them.
    expect(act(desk, 'sync.status', {})).toMatchObject({ mailsWithheld: 2 });

    act(desk, 'sync.resolve', { actionId: load.actionId, choice: 'dismiss' });
    expect(act(desk, 'sync.issues', {}).map((i: { actionId: string }) => i.actionId)).toEqual([
      single.actionId,
    ]);
    expect(withheldOfLoad()).toBe(0);
    // One decision, audited once, saying which load and how many.
    // About the load, not about one of its people (it is in nobody's data export).
    const audited = desk.db.$client
      .prepare("SELECT person_rut, after FROM audit_events WHERE action = 'sync.resolve'")
      .all() as Array<{ person_rut: number | null; after: string }>;
    expect(audited.map((row) => [row.person_rut, JSON.parse(row.after)])).toEqual([
      [
        null,
        {
          choice: 'dismiss',
          actionId: load.actionId,
          batchId: started.batchId,
          fileName: 'correos-noviembre.csv',
          count: withheld,
        },
      ],
    ]);
  });

  it('lists an e-mail change applied without its confirmation until someone takes note', async () => {
    const central = await startCentral();
    const clock = clockAt(new Date(Date.parse('2026-11-24T09:00:00Z')));
    const desk = await openDesk(central.url, { clock });
    await syncNow(desk);
    const before = count(
      central.db,
      'SELECT count(*) AS n FROM mails WHERE person_rut = ?',
      PEDRO_BODY,
    );
    const changed = editPedrosEmail(desk, 'pedro.nuevo@gmail.com');
    // The laptop stays offline three hours: the address applies there, its mail is not sent.
    clock.now = new Date(clock.now.getTime() + 3 * 3_600_000);
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 0, mailsWithheld: 1 });
    expect(
      central.db.$client.prepare('SELECT email FROM persons WHERE rut = ?').get(PEDRO_BODY),
    ).toEqual({ email: 'pedro.nuevo@gmail.com' });
    expect(
      count(central.db, 'SELECT count(*) AS n FROM mails WHERE person_rut = ?', PEDRO_BODY),
    ).toBe(before);
    const [issue, ...others] = act(desk, 'sync.issues', {});
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      actionId: changed.actionId,
      state: 'mail_withheld',
      mailsWithheld: ['email_confirmation'],
      personName: expect.stringContaining('Pedro'),
    });
    // Kept on the desk past its month while nobody took note (outbox retention), with an
    // action after it in its lane.
    editPhone(desk, PEDRO, '+56 9 5151 5151');
    await syncNow(desk);
    const prunable = () =>
      (
        desk.db.$client
          .prepare(RETENTION_SQL.old)
          .all({ after: 0, cutoff: '9999-01-01', limit: 100 }) as Array<{ seq: number }>
      ).map((row) => row.seq);
    const seqOf = (
      desk.db.$client
        .prepare('SELECT seq FROM outbox WHERE action_id = ?')
        .get(changed.actionId) as {
        seq: number;
      }
    ).seq;
    expect(prunable()).not.toContain(seqOf);
    // Only «Entendido» settles it; the action stays applied (a restored central gets it again).
    const refused = desk.dispatchNow('sync.resolve', {
      actionId: changed.actionId,
      choice: 'keep_theirs',
    });
    expect(refused.ok).toBe(false);
    act(desk, 'sync.resolve', { actionId: changed.actionId, choice: 'dismiss' });
    expect(act(desk, 'sync.issues', {})).toEqual([]);
    expect(act(desk, 'sync.status', {})).toMatchObject({ mailsWithheld: 0 });
    expect(
      desk.db.$client
        .prepare('SELECT state, result FROM outbox WHERE action_id = ?')
        .get(changed.actionId),
    ).toEqual({ state: 'applied', result: null });
    expect(prunable()).toContain(seqOf);
    const audited = desk.db.$client
      .prepare("SELECT before, after FROM audit_events WHERE action = 'sync.resolve'")
      .all() as Array<{ before: string; after: string }>;
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]!.before)).toEqual({ mailsWithheld: ['email_confirmation'] });
  });
});

describe('server restored (G13)', () => {
  it('resyncs on a new epoch and sends again the actions the restored server lost', async () => {
    const dataDir = tempDir();
    const first = await startCentral({ dataDir });
    const desk = await openDesk(first.url);
    await syncNow(desk);
    // The supervisor has signed in here before, so can sign in offline later (72 h window).
    await signIn(desk, 'supervisora');
    await signIn(desk, 'agente');
    const backup = path.join(tempDir(), 'central.db');
    first.db.$client.prepare('VACUUM INTO ?').run(backup);

    editPhone(desk, PEDRO, '+56 9 6060 6060');
    await syncNow(desk);
    expect(desk.sync()!.status().pending).toBe(0);
    await first.close();

    // The operator restores yesterday's backup and gives it a new epoch.
    const restored = await restoreCentral(dataDir, backup);
    expect(restored.epoch).not.toBe(first.epoch);
    // Only a supervisor may point the desk elsewhere; the queue is the agent's, pushed with their token.
    await signIn(desk, 'supervisora');
    await actAsync(desk, 'sync.configure', {
      centralUrl: restored.url,
      reason: 'Servidor restaurado',
    });
    await signIn(desk, 'agente');
    editPhone(desk, '11111111-1', '+56 9 7070 7070');
    const status = await syncNow(desk);
    expect(status).toMatchObject({ state: 'idle', pending: 0 });
    const phones = restored.db.$client
      .prepare('SELECT rut, phone FROM persons WHERE rut IN (12345678, 11111111) ORDER BY rut')
      .all();
    expect(phones).toEqual([
      { rut: 11111111, phone: '+56970707070' },
      { rut: 12345678, phone: '+56960606060' },
    ]);
    expect(snapshotOf(desk, [12345678, 11111111])).toEqual(
      snapshotOf(restored, [12345678, 11111111]),
    );
  });
});

describe('resumable initial sync (G14)', () => {
  it('an initial sync cut half-way resumes from its last page, not from zero', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const dataDir = tempDir();
    const first = await openDesk(proxy.url, { dataDir, syncOptions: { pageSize: 100 } });
    let pulls = 0;
    proxy.setFaults((request) =>
      request.path.startsWith('/sync/pull') && ++pulls > 3
        ? { kind: 'drop_request' }
        : { kind: 'pass' },
    );
    expect(await syncNow(first)).toMatchObject({ state: 'offline' });
    const stored = first.db.$client
      .prepare("SELECT value FROM sync_state WHERE key = 'pull_cursor'")
      .get() as {
      value: string;
    };
    expect(stored.value).not.toBe('');
    const partial =
      count(first.db, 'SELECT count(*) AS n FROM companies') +
      count(first.db, 'SELECT count(*) AS n FROM persons');
    expect(partial).toBeGreaterThan(0);
    first.close();

    proxy.setFaults(() => ({ kind: 'pass' }));
    const before = proxy.seen.length;
    const again = await openDesk(proxy.url, { dataDir, syncOptions: { pageSize: 100 } });
    await syncNow(again);
    const resumed = proxy.seen.slice(before).find((r) => r.path.startsWith('/sync/pull'))!;
    expect(resumed.path).toContain(`cursor=${encodeURIComponent(stored.value)}`);
    for (const table of ['persons', 'companies', 'memberships', 'accounts']) {
      expect(count(again.db, `SELECT count(*) AS n FROM ${table}`), table).toBe(
        count(central.db, `SELECT count(*) AS n FROM ${table}`),
      );
    }
  });
});

describe('convergence', () => {
  it('two desks editing the same people end with the same data as the server', async () => {
    const central = await startCentral();
    const desks = [
      await openDesk(central.url),
      await openDesk(central.url, { user: 'supervisora' }),
    ];
    for (const desk of desks) await syncNow(desk);
    const people = ['12345678-5', '11111111-1', '16789012-1', '18765432-7'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let step = 0; step < 24; step++) {
      const desk = desks[next() % 2]!;
      const rut = people[next() % people.length]!;
      const choice = next() % 3;
      const current = record(desk, rut);
      if (choice === 0)
        editPhone(desk, rut, `+56 9 ${String(1000 + (next() % 9000))} ${String(1000 + step)}`);
      else if (choice === 1) {
        // All four people are Los Andes': its administrator asks (rules 7, 11) to disable an
        // active access or give a disabled one back, or now and then to record a baja.
        const membership = current.memberships.find(
          (m) => m.companyRut === '76543210-3' && (m.state === 'active' || m.state === 'disabled'),
        );
        if (membership) {
          const change =
            next() % 4 === 0 ? 'dismiss' : membership.state === 'active' ? 'disable' : 'enable';
          desk.dispatchNow('companyUsers.change', changeAtAndes(rut, change));
        }
      } else {
        desk.dispatchNow('mails.resend', {
          rut,
          portal: current.accounts[0]!.portal,
          kind: 'password_reset',
        });
      }
      if (next() % 3 === 0) await syncNow(desk);
    }
    for (let round = 0; round < 2; round++) for (const desk of desks) await syncNow(desk);
    const bodies = people.map((rut) => Number(rut.split('-')[0]));
    const server = snapshotOf(central, bodies);
    for (const desk of desks) {
      expect(desk.sync()!.status().pending).toBe(0);
      expect(snapshotOf(desk, bodies)).toEqual(server);
    }
  });
});
