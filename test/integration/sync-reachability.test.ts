/**
 * Back online means syncing now (issue 11, item 4): while the central API does not answer at
 * all, the desk probes GET /health (cheap, jittered, never growing) and drains its queue on the
 * first probe that answers, however long the outage; a server that answers with errors (503)
 * keeps the long backoff; the OS/browser "online" signal makes the probe happen now.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { SyncStatus } from '../../src/shared/contract';
import type { Seen } from '../support/fault-proxy';
import { hashPassword } from '../../src/storage/password';
import {
  act,
  editPhone,
  openDesk,
  openSharedDesk,
  signIn,
  startCentral,
  startProxy,
  syncNow,
  phoneOn,
} from '../support/sync-setup';

const PEDRO = '12345678-5';
const RICARDO = '12131415-0'; // Los Andes: in the prevention officer's companies
const status = (desk: Core): SyncStatus => act(desk, 'sync.status', {});
const isHealth = (request: Seen) => request.method === 'GET' && request.path === '/health';
const isPush = (request: Seen) => request.method === 'POST' && request.path === '/sync/push';

/** A promise and its resolver, to await what the desk does instead of sleeping. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('back online means syncing now', () => {
  it('after a long outage, drains the queue on the first probe that answers', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const pushed = signal();
    const desk = await openDesk(proxy.url, {
      syncOptions: {
        // The production backoff for busy servers, and a probe interval short enough for a test.
        baseDelayMs: 60_000,
        maxDelayMs: 5 * 60_000,
        probeIntervalMs: 20,
        probeJitter: 0.5,
        onPushAnswered: () => pushed.resolve(),
      },
    });
    await syncNow(desk);

    // The central API vanishes: no answer at all, for (simulated) hours.
    const probes = signal();
    let failedProbes = 0;
    proxy.setFaults((request) => {
      if (isHealth(request) && ++failedProbes === 40) probes.resolve();
      if (isHealth(request)) desk.clock.now = new Date(desk.clock.now.getTime() + 15 * 60_000);
      return { kind: 'drop_request' };
    });
    const outageStarts = proxy.seen.length;
    editPhone(desk, PEDRO, '+56 9 1111 2222');
    desk.sync()!.start();
    await probes.promise;

    // Ten hours without an answer: still probing every few (here: tens of) milliseconds.
    const during = status(desk);
    expect(during).toMatchObject({ state: 'offline', online: false, pending: 1 });
    expect(during.nextAttemptInMs).toBeLessThanOrEqual(30);
    // While nobody answers, only the cheap probe goes out: one failed cycle, then /health.
    const outage = proxy.seen.slice(outageStarts);
    const firstProbe = outage.findIndex(isHealth);
    expect(firstProbe).toBeGreaterThan(0);
    expect(outage.slice(firstProbe).every(isHealth)).toBe(true);

    // Back: the next probe answers and the queue drains at once, with no backoff in between.
    const back = proxy.seen.length;
    proxy.setFaults(() => ({ kind: 'pass' }));
    await pushed.promise;
    const after = proxy.seen.slice(back);
    const answered = after.findIndex(isHealth);
    expect(answered).toBeGreaterThanOrEqual(0);
    expect(isPush(after[answered + 1]!)).toBe(true);
    // The cycle that started after this call ends with the queue empty.
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', online: true, pending: 0 });
    desk.sync()!.stop();
  });

  it('a server answering 503 still backs off, and is not probed', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, {
      syncOptions: { baseDelayMs: 1000, maxDelayMs: 5 * 60_000, probeIntervalMs: 20 },
    });
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'respond', status: 503 }));
    editPhone(desk, PEDRO, '+56 9 1111 3333');
    let busy: SyncStatus | null = null;
    for (let i = 0; i < 6; i++) busy = await syncNow(desk);
    // random() = 1 in these tests: the sixth failure waits the full 32 s cap of its step.
    expect(busy).toMatchObject({ state: 'offline', pending: 1 });
    expect(busy!.nextAttemptInMs).toBe(32_000);
    // The "online" hint does not override a server that asked for patience.
    act(desk, 'sync.hint', { online: true });
    expect(status(desk).nextAttemptInMs).toBe(32_000);
    expect(proxy.seen.some(isHealth)).toBe(false);

    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('a server that answers the probe but not the work in time is asked less and less often', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, {
      syncOptions: { baseDelayMs: 1000, maxDelayMs: 5 * 60_000, probeIntervalMs: 20 },
      // Long enough for a sign-in on a busy machine (scrypt), short enough for a test.
      core: { centralTimeoutMs: 1500 },
    });
    await syncNow(desk);
    // /health answers at once; the push is taken and never answered.
    proxy.setFaults((request) =>
      isPush(request) ? { kind: 'hold', onHeld: () => {} } : { kind: 'pass' },
    );
    editPhone(desk, PEDRO, '+56 9 1111 5555');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const slow = await syncNow(desk);
      expect(slow).toMatchObject({ state: 'offline', pending: 1, lastErrorCode: 'unavailable' });
      waits.push(slow.nextAttemptInMs!);
    }
    // random() = 1 in these tests: 1, 2, 4, 8 s — where a probe would come every 30 ms.
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(status(desk).lastError).toMatch(/no responde por ahora/);

    // It answers again: the queue goes, and the next slow spell starts from the shortest wait.
    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0 });
    expect(phoneOn(central, 12345678)).toBe('+56911115555');
    proxy.setFaults((request) =>
      isPush(request) ? { kind: 'hold', onHeld: () => {} } : { kind: 'pass' },
    );
    editPhone(desk, PEDRO, '+56 9 1111 6666');
    expect((await syncNow(desk)).nextAttemptInMs).toBe(1000);
  });

  it('the online hint probes now instead of at the next probe', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const pushed = signal();
    const desk = await openDesk(proxy.url, {
      syncOptions: {
        // A probe interval no test would wait for: only the hint can bring the desk back.
        probeIntervalMs: 10 * 60_000,
        onPushAnswered: () => pushed.resolve(),
      },
    });
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, PEDRO, '+56 9 1111 4444');
    desk.sync()!.start();
    const offline = await syncNow(desk);
    expect(offline).toMatchObject({ state: 'offline', online: false, pending: 1 });
    expect(offline.nextAttemptInMs).toBeGreaterThan(60_000);

    proxy.setFaults(() => ({ kind: 'pass' }));
    const before = proxy.seen.length;
    act(desk, 'sync.hint', { online: true });
    await pushed.promise;
    const after = proxy.seen.slice(before);
    expect(isHealth(after[0]!)).toBe(true);
    expect(isPush(after[1]!)).toBe(true);
    desk.sync()!.stop();
  });
});

describe('a central API gone while the desk sat idle', () => {
  it('is noticed when an agent is about to act, or the OS says the network is gone', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    let probed = signal<boolean>();
    const desk = await openDesk(proxy.url, {
      syncOptions: {
        // Neither the next pull nor the next probe comes during the test: only a recheck can
        // tell the desk that the central API is gone, or back.
        intervalMs: 10 * 60_000,
        probeIntervalMs: 10 * 60_000,
        onProbe: (answered) => probed.resolve(answered),
      },
    });
    desk.sync()!.start();
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', online: true });
    const healthSince = (from: number) => proxy.seen.slice(from).filter(isHealth).length;
    const check = async (): Promise<SyncStatus> => {
      const envelope = await desk.dispatch('sync.check', {});
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value as SyncStatus;
    };

    // Just answered: an action's dialog opening asks nothing of the central API.
    let from = proxy.seen.length;
    expect(await check()).toMatchObject({ state: 'idle', online: true });
    expect(healthSince(from)).toBe(0);

    // Some seconds later, still there: one probe, and the desk stays online.
    desk.clock.now = new Date(desk.clock.now.getTime() + 6000);
    from = proxy.seen.length;
    expect(await check()).toMatchObject({ state: 'idle', online: true });
    expect(proxy.seen.slice(from).map((r) => r.path)).toEqual(['/health']);
    // …and answered, the next check within seconds asks nothing again.
    expect(await check()).toMatchObject({ state: 'idle', online: true });
    expect(healthSince(from)).toBe(1);

    // Gone while idle: the next check says so at once, with the cheap probe only.
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    desk.clock.now = new Date(desk.clock.now.getTime() + 6000);
    from = proxy.seen.length;
    const gone = await check();
    expect(gone).toMatchObject({ state: 'offline', online: false, pending: 0 });
    expect(proxy.seen.slice(from).map((r) => r.path)).toEqual(['/health']);
    // Known offline: a check adds nothing (the desk probes on its own pace).
    expect(await check()).toMatchObject({ state: 'offline' });
    expect(healthSince(from)).toBe(1);

    // Back (the "online" hint), then gone again: the OS's "offline" makes the desk probe once.
    proxy.setFaults(() => ({ kind: 'pass' }));
    probed = signal<boolean>();
    act(desk, 'sync.hint', { online: true });
    expect(await probed.promise).toBe(true);
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', online: true });
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    desk.clock.now = new Date(desk.clock.now.getTime() + 6000);
    probed = signal<boolean>();
    act(desk, 'sync.hint', { online: false });
    expect(await probed.promise).toBe(false);
    expect(status(desk)).toMatchObject({ state: 'offline', online: false });
    desk.sync()!.stop();
  });

  it('an answer with an error is an answer: the desk stays online and keeps its pace', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { syncOptions: { intervalMs: 10 * 60_000 } });
    desk.sync()!.start();
    await syncNow(desk);
    proxy.setFaults((request) =>
      isHealth(request) ? { kind: 'respond', status: 503 } : { kind: 'pass' },
    );
    desk.clock.now = new Date(desk.clock.now.getTime() + 6000);
    const from = proxy.seen.length;
    const envelope = await desk.dispatch('sync.check', {});
    expect(envelope).toMatchObject({ ok: true, value: { state: 'idle', online: true } });
    expect(proxy.seen.slice(from).filter(isHealth)).toHaveLength(1);
    desk.sync()!.stop();
  });
});

describe("an action's toast waits for its push", () => {
  it('sync.settled answers once the sync the action started has ended, and starts none itself', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { core: { autoSync: true } });
    await syncNow(desk);
    const settled = async (): Promise<SyncStatus> => {
      const answer = await desk.dispatch('sync.settled', {});
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as SyncStatus;
    };
    // Nothing running: it answers at once and sends nothing.
    const idle = proxy.seen.length;
    expect(await settled()).toMatchObject({ state: 'idle', pending: 0 });
    expect(proxy.seen.length).toBe(idle);
    // An action kicks its own sync; the answer comes once that sync has pushed it.
    const before = proxy.seen.length;
    editPhone(desk, PEDRO, '+56 9 4141 4141');
    expect(await settled()).toMatchObject({ state: 'idle', pending: 0 });
    expect(phoneOn(central, 12_345_678)).toBe('+56941414141');
    // One cycle, the action's: one push, and no second cycle started to answer.
    const sent = proxy.seen.slice(before);
    expect(sent.filter(isPush)).toHaveLength(1);
    expect(sent.filter((request) => request.path.startsWith('/sync/pull'))).toHaveLength(1);
  });
});

describe('an agent who signed in offline', () => {
  it('is signed in on the central API as soon as it answers, and the queue goes without asking again', async () => {
    // The officer has signed in online on this desk before: he may sign in offline.
    const { central, proxy, desk } = await openSharedDesk();

    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'agente');
    editPhone(desk, PEDRO, '+56 9 1000 0003');
    await signIn(desk, 'prevencion');
    // Signed in with the desk's copy of his password: the window says so.
    expect(act(desk, 'auth.session', {})).toMatchObject({ signedInOffline: true });
    editPhone(desk, RICARDO, '+56 9 2000 0003');
    // Offline, his own action is his, and the agent's waits for the agent.
    const offline = await syncNow(desk);
    expect(offline).toMatchObject({ state: 'offline', pending: 2, waitingForOtherAgent: 1 });
    expect(offline.lastError).toMatch(/Las suyas se enviarán solas cuando vuelva la conexión/);

    // The central API is back: his action goes with no new sign-in.
    proxy.setFaults(() => ({ kind: 'pass' }));
    const back = await syncNow(desk);
    expect(back).toMatchObject({ state: 'idle', lastError: null, waitingForOtherAgent: 1 });
    expect(phoneOn(central, 12131415)).toBe('+56920000003');
    expect(phoneOn(central, 12345678)).not.toBe('+56910000003');
    // He is the one signed in, in both places: the sign-in went once, as him.
    expect(act(desk, 'auth.session', {})).toMatchObject({
      username: 'prevencion',
      signedInOffline: false,
    });
    const signIns = proxy.seen.filter((r) => r.path === '/auth/sign-in');
    expect(JSON.parse(signIns.at(-1)!.body)).toMatchObject({ username: 'prevencion' });
  });

  it('whose password changed on the central API meanwhile waits for a new sign-in, asking once', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'prevencion' });
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'prevencion');
    editPhone(desk, RICARDO, '+56 9 2000 0004');
    expect((await syncNow(desk)).state).toBe('offline');

    central.db.$client
      .prepare("UPDATE agents SET password_hash = ? WHERE username = 'prevencion'")
      .run(hashPassword('una-clave-nueva'));
    proxy.setFaults(() => ({ kind: 'pass' }));
    const signInsBefore = proxy.seen.filter((r) => r.path === '/auth/sign-in').length;
    for (let cycle = 0; cycle < 3; cycle++) {
      expect(await syncNow(desk)).toMatchObject({ state: 'signed_out', pending: 1 });
    }
    expect(status(desk).lastError).toMatch(/ingrese de nuevo/);
    expect(proxy.seen.filter((r) => r.path === '/auth/sign-in').length - signInsBefore).toBe(1);
    expect(phoneOn(central, 12131415)).not.toBe('+56920000004');
  });
});

describe('a supervisor who signed in offline', () => {
  it('is told the central API cannot be reached, not to sign in again, and is answered once it can', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'supervisora' });
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'supervisora');
    expect((await syncNow(desk)).state).toBe('offline');
    const offline = await desk.dispatch('devices.list', {});
    expect(offline).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^No hay conexión con el sistema central/) },
    });

    proxy.setFaults(() => ({ kind: 'pass' }));
    await syncNow(desk);
    const back = await desk.dispatch('devices.list', {});
    expect(back.ok).toBe(true);
  });
});

describe('an offline session ended at the lock screen', () => {
  it('is not signed in on the central API when it answers again', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'prevencion' });
    await syncNow(desk);
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'prevencion');
    editPhone(desk, RICARDO, '+56 9 2000 0005');
    act(desk, 'auth.lock', { reason: 'manual' });
    // Someone guesses at the lock screen until the session ends.
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(desk.dispatchNow('auth.unlock', { password: 'no-es-la-clave' }).ok).toBe(false);
    }
    proxy.setFaults(() => ({ kind: 'pass' }));
    const signInsBefore = proxy.seen.filter((r) => r.path === '/auth/sign-in').length;
    // Nobody is signed in on the desk: its engine is asked directly.
    await desk.sync()!.syncNow();
    expect(desk.sync()!.status()).toMatchObject({ state: 'signed_out', pending: 1 });
    expect(proxy.seen.filter((r) => r.path === '/auth/sign-in').length).toBe(signInsBefore);
    expect(phoneOn(central, 12131415)).not.toBe('+56920000005');
  });
});
