/**
 * Test context: real SQLite files in a fresh temporary data directory, a fixed clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { CAST_AGENTS } from '../../src/storage/seed/cast';

export const FIXED_NOW = new Date('2026-11-21T15:00:00.000Z');

const cleanups: Array<() => void> = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export type DemoUser = 'agente' | 'supervisora' | 'prevencion';

/**
 * A core over a fresh data directory seeded with `persons` demo persons, signed in as a demo
 * agent (`as: null` for none). `clock` lets a test move time forward; `core` sets other options
 * (the Electron door and its injected calls).
 */
export function seededCore(
  persons = 3000,
  options: { as?: DemoUser | null; clock?: { now: Date }; core?: Partial<CoreOptions> } = {},
): Core {
  const clock = options.clock ?? { now: FIXED_NOW };
  const core = createCore({
    dataDir: tempDir(),
    door: 'web',
    version: 'test',
    demoPersons: persons,
    now: () => clock.now,
    log: () => {},
    ...options.core,
  });
  cleanups.unshift(() => core.close());
  const as = options.as === undefined ? 'agente' : options.as;
  if (as !== null) signInAs(core, as);
  return core;
}

/**
 * A core syncing with a central API out of reach, where «agente» signed in online within the last
 * hour (this desk keeps a verifier of the password): he may sign in offline. Closed after the test.
 */
export function coreWithCentralOutOfReach(persons = 30): Core {
  const core = createCore({
    dataDir: tempDir(),
    door: 'web',
    version: 'test',
    demoPersons: persons,
    now: () => FIXED_NOW,
    log: () => {},
    centralUrl: 'http://127.0.0.1:9',
    autoSync: false,
  });
  cleanups.unshift(() => core.close());
  core.db.$client
    .prepare('UPDATE agents SET offline_until = ? WHERE username = ?')
    .run(new Date(FIXED_NOW.getTime() + 3_600_000).toISOString(), 'agente');
  return core;
}

export function signInAs(core: Core, user: DemoUser): void {
  const agent = CAST_AGENTS.find((candidate) => candidate.username === user)!;
  const envelope = core.dispatchNow('auth.signIn', { username: user, password: agent.password });
  if (!envelope.ok) throw new Error(`sign-in failed: ${envelope.error.message}`);
}

/** A call the desk must refuse: its error (code and Spanish message); throws if it was taken. */
export function refused(core: Core, channel: string, input: unknown) {
  const envelope = core.dispatchNow(channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope.error;
}

/** Calls a channel and returns its value, failing the test with the envelope's message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read values as the contract shapes them
export function call(core: Core, channel: string, input: unknown): any {
  const envelope = core.dispatchNow(channel, input);
  if (!envelope.ok)
    throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}

/**
 * Takes an action on a person and reads the record it left, as the screen does: the action's
 * receipt, with the record (`persons.afterAction`) beside it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read values as the contract shapes them
export function acted(core: Core, channel: string, input: unknown): any {
  const receipt = call(core, channel, input);
  return { ...receipt, record: call(core, 'persons.afterAction', { actionId: receipt.actionId }) };
}

/**
 * Takes a company page's action and reads the company it left, as the page does: the action's
 * receipt, with the company (`companies.get`) beside it.
 */
export function companyActed(
  core: Core,
  channel: string,
  input: { companyRut: string; [field: string]: unknown },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read values as the contract shapes them
): any {
  const receipt = call(core, channel, input);
  return { ...receipt, company: call(core, 'companies.get', { rut: input.companyRut }) };
}

/** Marcela, La Espiga's access administrator, on the line: serial number and mobile matched. */
export const ESPIGA_CALLER = {
  callerRut: '13579246-2',
  callerIdentityCheck: ['serial_number', 'registered_phone'],
};

/** Paula, Los Andes' access administrator, on the line: serial number and e-mail matched. */
export const ANDES_CALLER = {
  callerRut: '15161718-2',
  callerIdentityCheck: ['serial_number', 'registered_email'],
};

/**
 * `companyUsers.add` input: Panadería La Espiga (Portal Empresas) adds `rut`, a person the desk
 * knows, as an outside company user with «certificados», on the call of Marcela, its access
 * administrator (serial number and mobile matched).
 */
export const addAtEspiga = (rut: string) => ({
  companyRut: '78901234-2',
  userRut: rut,
  role: 'company_user',
  modules: ['certificados'],
  external: true,
  newPerson: null,
  ...ESPIGA_CALLER,
});

/**
 * `companyUsers.change` input: Constructora Los Andes (ACHS) changes `rut`'s access on the call
 * of Paula, its access administrator (serial number and e-mail matched). On a call, every change
 * of an access is the company's decision (rules 7, 11, 13; membership-actions.ts).
 */
export const changeAtAndes = (
  rut: string,
  change: 'enable' | 'disable' | 'dismiss' | 'resume',
) => ({
  companyRut: '76543210-3',
  userRut: rut,
  change,
  reason: 'Lo pidió la administradora de accesos',
  ...ANDES_CALLER,
});
