/**
 * Sync tests: a real central API on 127.0.0.1 (its own SQLite file), desks (desktop cores with
 * their own replicas) that sign in through it, and a fault proxy between them when wanted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startCentralApi, type CentralApi } from '../../src/central-api/server';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import type { SyncEngineOptions } from '../../src/main/sync/sync-engine';
import { CAST_AGENTS } from '../../src/storage/seed/cast';
import type { PersonRecord, SyncStatus } from '../../src/shared/contract';
import { tempDir, type DemoUser, FIXED_NOW } from './context';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

export type Clock = { now: Date };
export const clockAt = (date: Date = FIXED_NOW): Clock => ({ now: new Date(date) });

export async function startCentral(
  options: {
    persons?: number;
    clock?: Clock;
    accessTtlMs?: number;
    dataDir?: string;
    resetEpoch?: boolean;
  } = {},
): Promise<CentralApi> {
  const clock = options.clock ?? clockAt();
  const central = await startCentralApi({
    dataDir: options.dataDir ?? tempDir(),
    port: 0,
    demoPersons: options.persons ?? 300,
    now: () => clock.now,
    accessTtlMs: options.accessTtlMs,
    resetEpoch: options.resetEpoch,
    log: () => {},
  });
  closers.push(() => central.close());
  return central;
}

export async function startProxy(target: string): Promise<FaultProxy> {
  const proxy = await startFaultProxy(target);
  closers.push(() => proxy.close());
  return proxy;
}

export type Desk = Core & { clock: Clock };

/** A desktop core over an empty replica, syncing with `url`, signed in through the central API. */
export async function openDesk(
  url: string,
  options: {
    user?: DemoUser | null;
    clock?: Clock;
    dataDir?: string;
    syncOptions?: Partial<SyncEngineOptions>;
    version?: string;
    /** Anything else createCore takes (a log to read, another index worker). */
    core?: Partial<CoreOptions>;
  } = {},
): Promise<Desk> {
  const clock = options.clock ?? clockAt();
  const core = createCore({
    dataDir: options.dataDir ?? tempDir(),
    door: 'web',
    version: options.version ?? '0.1.0',
    demoPersons: 0,
    centralUrl: url,
    autoSync: false,
    now: () => clock.now,
    log: () => {},
    syncOptions: {
      random: () => 1,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      pageSize: 500,
      ...options.syncOptions,
    },
    ...options.core,
  });
  closers.push(() => core.close());
  const desk = Object.assign(core, { clock });
  const user = options.user === undefined ? 'agente' : options.user;
  if (user) await signIn(desk, user);
  return desk;
}

export async function signIn(desk: Core, user: DemoUser): Promise<void> {
  const password = CAST_AGENTS.find((agent) => agent.username === user)!.password;
  const envelope = await desk.dispatch('auth.signIn', { username: user, password });
  if (!envelope.ok) throw new Error(`sign-in failed: ${envelope.error.message}`);
}

/**
 * A shared desk behind a fault proxy: the call-centre agent and the prevention officer have both
 * signed in online on it (so either may sign in again offline), the officer last, caught up.
 */
export async function openSharedDesk(): Promise<{
  central: CentralApi;
  proxy: FaultProxy;
  desk: Desk;
}> {
  const central = await startCentral();
  const proxy = await startProxy(central.url);
  const desk = await openDesk(proxy.url, { user: 'agente' });
  await syncNow(desk);
  await signIn(desk, 'prevencion');
  await syncNow(desk);
  return { central, proxy, desk };
}

/** Runs one sync cycle and answers the status after it. */
export async function syncNow(desk: Core): Promise<SyncStatus> {
  const envelope = await desk.dispatch('sync.now', {});
  if (!envelope.ok) throw new Error(`sync.now failed: ${envelope.error.message}`);
  return envelope.value as SyncStatus;
}

/** Rows of the entity tables, for comparing a replica with the server. */
export function snapshotOf(core: { db: Core['db'] }, personRuts?: number[]) {
  const filter = personRuts ? ` WHERE ${'%s'} IN (${personRuts.join(',')})` : '';
  const read = (sql: string, column: string) =>
    core.db.$client.prepare(sql + filter.replace('%s', column) + ' ORDER BY 1').all();
  return {
    persons: read('SELECT rut, email, phone, version FROM persons', 'rut'),
    accounts: read(
      'SELECT id, person_rut, locked_until, failed_attempts, registration_blocked, email_verified, version FROM accounts',
      'person_rut',
    ),
    memberships: read('SELECT id, person_rut, role, state, version FROM memberships', 'person_rut'),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read values as the contract shapes them
export function act(core: Core, channel: string, input: unknown): any {
  const envelope = core.dispatchNow(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

/** `act` for a channel that answers asynchronously (one that asks the network first). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as act
export async function actAsync(core: Core, channel: string, input: unknown): Promise<any> {
  const envelope = await core.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value;
}

export const record = (core: Core, rut: string): PersonRecord => act(core, 'persons.get', { rut });

/** A person's phone as the central API holds it. */
export const phoneOn = (central: CentralApi, rut: number): string =>
  (
    central.db.$client.prepare('SELECT phone FROM persons WHERE rut = ?').get(rut) as {
      phone: string;
    }
  ).phone;

export function editPhone(core: Core, rut: string, phone: string) {
  return act(core, 'contact.edit', {
    rut,
    phone,
    reason: 'Actualización en terreno',
    identityCheck: [],
    expectedVersion: record(core, rut).version,
  });
}

/** What an operator does after a disaster: put yesterday's backup in place, with a new epoch. */
export async function restoreCentral(
  dataDir: string,
  backup: string,
  clock?: Clock,
): Promise<CentralApi> {
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(path.join(dataDir, `central.db${suffix}`), { force: true });
  }
  fs.copyFileSync(backup, path.join(dataDir, 'central.db'));
  return startCentral({ dataDir, resetEpoch: true, clock });
}
