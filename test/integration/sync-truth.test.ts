/**
 * What the desk says about its own sync must be true (issue 12, items 2 and 8): a replica that
 * may be missing data says so (status, record), the header's count follows the replica, the
 * desk notices within seconds that the central API is back, errors read in Spanish, and the
 * waiting actions are listed from the same rows the counts come from.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { PendingAction, SyncStatus } from '../../src/shared/contract';
import { syncErrorMessages } from '../../src/shared/messages';
import { seededCore } from '../support/context';
import {
  act,
  editPhone,
  openDesk,
  record,
  signIn,
  startCentral,
  startProxy,
  syncNow,
} from '../support/sync-setup';

const PEDRO = '12345678-5';

const status = (desk: Core): SyncStatus => act(desk, 'sync.status', {});
const personsIn = (desk: Core) =>
  (desk.db.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;

describe('a replica that may be missing data says so', () => {
  it('during a first sync: status, progress, the count so far and the record all say it', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { syncOptions: { pageSize: 50 } });
    // Signed in, nothing pulled yet.
    expect(status(desk)).toMatchObject({ replicaIncomplete: true, persons: 0 });

    let pulls = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      proxy.setFaults((request) => {
        if (!request.path.startsWith('/sync/pull')) return { kind: 'pass' };
        pulls++;
        if (pulls !== 4) return { kind: 'pass' };
        return {
          kind: 'hold',
          onHeld: (go) => {
            release = go;
            resolve();
          },
        };
      });
    });
    const done = syncNow(desk);
    await held;

    const midway = status(desk);
    expect(midway.replicaIncomplete).toBe(true);
    expect(midway.initialSync).not.toBeNull();
    expect(midway.initialSync!.done).toBeGreaterThan(0);
    expect(midway.initialSync!.done).toBeLessThan(midway.initialSync!.total);
    // The header's count is the replica's, as it grows.
    expect(midway.persons).toBe(personsIn(desk));
    expect(midway.persons).toBeGreaterThan(0);
    expect(act(desk, 'app.info', {}).persons).toBe(midway.persons);

    // A person already pulled, whose accounts have not arrived yet: the record must say so.
    const { rut, dv } = desk.db.$client.prepare('SELECT rut, dv FROM persons LIMIT 1').get() as {
      rut: number;
      dv: string;
    };
    const partial = record(desk, `${rut}-${dv}`);
    expect(partial.accounts).toEqual([]);
    expect(partial.replicaIncomplete).toBe(true);

    release();
    await done;
    const after = status(desk);
    expect(after).toMatchObject({ replicaIncomplete: false, initialSync: null });
    expect(after.persons).toBe(personsIn(desk));
    expect(after.persons).toBeGreaterThan(midway.persons);
    expect(record(desk, `${rut}-${dv}`).replicaIncomplete).toBe(false);
  });

  it('after another agent with another scope signs in, until their pull is in', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'prevencion' });
    await syncNow(desk);
    const scoped = status(desk);
    expect(scoped.replicaIncomplete).toBe(false);

    await signIn(desk, 'agente');
    // The replica still holds only the officer's companies: not everyone the agent may see.
    expect(status(desk)).toMatchObject({ replicaIncomplete: true, persons: scoped.persons });
    const full = await syncNow(desk);
    expect(full.replicaIncomplete).toBe(false);
    expect(full.persons).toBeGreaterThan(scoped.persons);
    expect(full.persons).toBe(personsIn(desk));

    // Same scope again (an agent and a supervisor see everyone): nothing is missing.
    await signIn(desk, 'supervisora');
    expect(status(desk).replicaIncomplete).toBe(false);
  });

  it('never without a central API (demo data)', () => {
    const demo = seededCore(50);
    expect(act(demo, 'sync.status', {})).toMatchObject({
      configured: false,
      replicaIncomplete: false,
      persons: 50,
    });
    expect(record(demo, PEDRO).replicaIncomplete).toBe(false);
  });
});

describe('offline and back', () => {
  it('notices the central API is back within seconds, however long it was unreachable', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    // The production backoff: up to five minutes between attempts.
    const desk = await openDesk(proxy.url, { syncOptions: { maxDelayMs: 5 * 60_000 } });
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    let last: SyncStatus | null = null;
    for (let i = 0; i < 12; i++) last = await syncNow(desk);
    expect(last).toMatchObject({ state: 'offline', online: false });
    // No answer at all costs nothing to retry: the next attempt is seconds away, not minutes.
    expect(last!.nextAttemptInMs).toBeLessThanOrEqual(5000);

    // A server that answers "busy" still gets the long, growing backoff.
    proxy.setFaults(() => ({ kind: 'respond', status: 503 }));
    let busy: SyncStatus | null = null;
    for (let i = 0; i < 4; i++) busy = await syncNow(desk);
    expect(busy!.nextAttemptInMs).toBeGreaterThan(5000);

    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', online: true, lastError: null });
  });

  it('"Sincronizar ahora" during a cycle answers with a cycle that started after it', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      let first = true;
      proxy.setFaults((request) => {
        if (!first || !request.path.startsWith('/sync/pull')) return { kind: 'pass' };
        first = false;
        return {
          kind: 'hold',
          onHeld: (go) => {
            release = go;
            resolve();
          },
        };
      });
    });
    const running = desk.sync()!.syncNow();
    await held;
    const pullsBefore = proxy.seen.filter((seen) => seen.path.startsWith('/sync/pull')).length;
    const asked = syncNow(desk);
    release();
    await running;
    await asked;
    const pullsAfter = proxy.seen.filter((seen) => seen.path.startsWith('/sync/pull')).length;
    expect(pullsAfter).toBeGreaterThan(pullsBefore);
  });

  it('says what failed in Spanish, keeping the raw error apart', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    await central.close();
    const offline = await syncNow(desk);
    expect(offline.lastErrorCode).toBe('network');
    expect(offline.lastError).toBe(syncErrorMessages.network({ minVersion: null }));
    expect(offline.lastError).not.toMatch(/TypeError|fetch|failed|HTTP/i);
    expect(offline.lastErrorDetail).toMatch(/\S/);

    proxy.setFaults(() => ({ kind: 'respond', status: 502 }));
    const busy = await syncNow(desk);
    expect(busy.lastErrorCode).toBe('unavailable');
    expect(busy.lastError).not.toMatch(/HTTP 502/);
    expect(busy.lastErrorDetail).toMatch(/502/);
  });
});

describe('the waiting actions', () => {
  it('lists who, what, on whom and since when, from the rows the counts come from', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    // Each agent has signed in here before: they may sign in again while offline.
    await signIn(desk, 'prevencion');
    await signIn(desk, 'supervisora');
    await signIn(desk, 'agente');
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, PEDRO, '+56 9 2323 2323');

    const pending: PendingAction[] = act(desk, 'sync.pending', {});
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      kind: 'person.update_contact',
      agentName: expect.stringMatching(/\S/),
      personRut: PEDRO,
      personName: expect.stringMatching(/Pedro/),
    });
    expect(pending[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // One truth: the status, the record and the list count the same rows.
    expect(status(desk).pending).toBe(1);
    expect(record(desk, PEDRO).pendingActions.map((a) => a.actionId)).toEqual([
      pending[0]!.actionId,
    ]);
    // The open record asks again as the queue moves, without another «Vio la ficha».
    const views = () =>
      desk.db.$client
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'person.view'")
        .pluck()
        .get();
    const shown = record(desk, PEDRO).pendingActions;
    const viewsBefore = views();
    expect(act(desk, 'persons.pending', { rut: PEDRO })).toEqual(shown);
    expect(views()).toBe(viewsBefore);

    // Another agent's waiting action is theirs to see (and a supervisor's), not this agent's.
    await signIn(desk, 'prevencion');
    expect(act(desk, 'sync.pending', {})).toEqual([]);
    expect(status(desk)).toMatchObject({ pending: 1, waitingForOtherAgent: 1 });
    await signIn(desk, 'supervisora');
    expect(act(desk, 'sync.pending', {})).toHaveLength(1);

    proxy.setFaults(() => ({ kind: 'pass' }));
    await signIn(desk, 'agente');
    expect(await syncNow(desk)).toMatchObject({ pending: 0 });
    expect(act(desk, 'sync.pending', {})).toEqual([]);
    expect(record(desk, PEDRO).pendingActions).toEqual([]);
    expect(act(desk, 'persons.pending', { rut: PEDRO })).toEqual([]);
    // Only for who may see the person: to an officer, someone outside his companies and a RUT
    // that exists nowhere get the same answer. The desk asks it by itself, for the record it
    // shows: no attempt of his to look outside his companies is audited.
    await signIn(desk, 'prevencion');
    const denials = () =>
      desk.db.$client
        .prepare("SELECT count(*) FROM audit_events WHERE action = 'person.view_denied'")
        .pluck()
        .get() as number;
    const before = denials();
    const outside = desk.dispatchNow('persons.pending', { rut: '6543210-2' });
    const nowhere = desk.dispatchNow('persons.pending', { rut: '1-9' });
    expect(outside).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(nowhere).toEqual(outside);
    expect(denials()).toBe(before);
  });
});
