/**
 * The idle-lock policy (pure) and the screen lock through the core: a locked desk answers
 * nothing about any person, the same agent's password unlocks it (offline too), a wrong one
 * counts down to the end of the session, another agent signing in ends it; all audited.
 */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core';
import {
  DEFAULT_IDLE_LOCK_SECONDS,
  idleLockSeconds,
  MAX_UNLOCK_ATTEMPTS,
  shouldLock,
  unlockAttemptsLeft,
} from '../../src/shared/idle-lock';
import { call, coreWithCentralOutOfReach, seededCore, signInAs, tempDir } from '../support/context';

describe('idle-lock policy', () => {
  it('is 10 minutes unless IT or a test says otherwise', () => {
    expect(DEFAULT_IDLE_LOCK_SECONDS).toBe(600);
    expect(idleLockSeconds({})).toBe(600);
    expect(idleLockSeconds({ configMinutes: 5 })).toBe(300);
    expect(idleLockSeconds({ envSeconds: '3', configMinutes: 5 })).toBe(3);
  });

  it('ignores values that are not a sensible number', () => {
    for (const envSeconds of ['0', '-5', 'abc', '1.5', '999999']) {
      expect(idleLockSeconds({ envSeconds }), envSeconds).toBe(600);
    }
    for (const configMinutes of [0, -1, '10', null, 100_000, Number.NaN]) {
      expect(idleLockSeconds({ configMinutes }), String(configMinutes)).toBe(600);
    }
  });

  it('locks once the whole idle time has passed, not before', () => {
    const last = 1_000_000;
    expect(shouldLock(last, last + 599_999, 600)).toBe(false);
    expect(shouldLock(last, last + 600_000, 600)).toBe(true);
    // A clock set back never locks by itself.
    expect(shouldLock(last, last - 10_000, 600)).toBe(false);
  });

  it('gives five attempts', () => {
    expect(MAX_UNLOCK_ATTEMPTS).toBe(5);
    expect(unlockAttemptsLeft(0)).toBe(5);
    expect(unlockAttemptsLeft(4)).toBe(1);
    expect(unlockAttemptsLeft(7)).toBe(0);
  });
});

const auditActions = (core: ReturnType<typeof seededCore>) =>
  (
    core.db.$client
      .prepare(
        "SELECT action, agent_id AS agentId, person_rut AS personRut, after FROM audit_events WHERE action LIKE 'session.%' ORDER BY seq",
      )
      .all() as { action: string; agentId: string; personRut: number | null; after: string }[]
  ).map((row) => ({ ...row, after: JSON.parse(row.after) as unknown }));

describe('the screen lock in the core', () => {
  it('answers nothing about any person while locked', () => {
    const core = seededCore(200);
    const hit = call(core, 'persons.search', { text: 'a' }).persons[0];
    expect(hit).toBeDefined();
    expect(call(core, 'auth.lock', { reason: 'idle' })).toEqual({
      idleSeconds: DEFAULT_IDLE_LOCK_SECONDS,
      // Locked, the desk holds nobody's session.
      agentId: null,
      locked: { username: 'agente', displayName: expect.any(String), reason: 'idle' },
    });
    expect(call(core, 'auth.session', {})).toBeNull();
    for (const [channel, input] of [
      ['persons.search', { text: 'a' }],
      ['interactions.current', {}],
      ['audit.list', {}],
      ['agents.list', {}],
      ['auth.lock', { reason: 'manual' }],
    ] as const) {
      expect(core.dispatchNow(channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    }
    // The lock screen's own question reveals no person.
    expect(JSON.stringify(call(core, 'auth.lockState', {}))).not.toMatch(/rut|\d{6,}/i);
  });

  it('unlocks with the same agent’s password; a wrong one says how many attempts are left', () => {
    const core = seededCore(50);
    call(core, 'auth.lock', { reason: 'idle' });
    expect(core.dispatchNow('auth.unlock', { password: 'nope' })).toMatchObject({
      ok: false,
      error: {
        code: 'rule',
        message:
          'Contraseña incorrecta. Le quedan 4 intentos; después, la sesión se cierra y habrá que ingresar de nuevo.',
      },
    });
    // Another agent's password is not this agent's.
    expect(core.dispatchNow('auth.unlock', { password: 'super600' })).toMatchObject({
      ok: false,
      error: {
        message:
          'Contraseña incorrecta. Le quedan 3 intentos; después, la sesión se cierra y habrá que ingresar de nuevo.',
      },
    });
    expect(call(core, 'auth.unlock', { password: 'agente600' })).toMatchObject({
      username: 'agente',
    });
    expect(call(core, 'auth.lockState', {}).locked).toBeNull();
    expect(call(core, 'persons.search', { text: 'a' }).persons.length).toBeGreaterThan(0);
    expect(auditActions(core)).toEqual([
      {
        action: 'session.sign_in',
        agentId: expect.any(String),
        personRut: null,
        after: { check: 'desk' },
      },
      {
        action: 'session.lock',
        agentId: expect.any(String),
        personRut: null,
        after: { reason: 'idle' },
      },
      // Each wrong password, audited as such (another agent's too).
      ...[1, 2].map(() => ({
        action: 'session.sign_in_refused',
        agentId: expect.any(String),
        personRut: null,
        after: { cause: 'unlock_password' },
      })),
      { action: 'session.unlock', agentId: expect.any(String), personRut: null, after: {} },
    ]);
  });

  it('ends the locked session after five wrong passwords', () => {
    const core = seededCore(50);
    call(core, 'auth.lock', { reason: 'idle' });
    for (let i = 0; i < 4; i += 1) core.dispatchNow('auth.unlock', { password: 'wrong' });
    expect(core.dispatchNow('auth.unlock', { password: 'wrong' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('la sesión se cerró') },
    });
    expect(call(core, 'auth.lockState', {}).locked).toBeNull();
    // Even the right password no longer unlocks: the agent signs in again.
    expect(core.dispatchNow('auth.unlock', { password: 'agente600' })).toMatchObject({
      ok: false,
      error: { message: 'La pantalla no está bloqueada.' },
    });
    expect(auditActions(core).map((event) => [event.action, event.after])).toEqual([
      ['session.sign_in', { check: 'desk' }],
      ['session.lock', { reason: 'idle' }],
      ...Array.from({ length: 5 }, () => ['session.sign_in_refused', { cause: 'unlock_password' }]),
      ['session.end', { cause: 'attempts' }],
    ]);
  });

  it('another agent signing in ends the locked session', () => {
    const core = seededCore(50);
    call(core, 'auth.lock', { reason: 'idle' });
    signInAs(core, 'supervisora');
    expect(call(core, 'auth.session', {})).toMatchObject({ username: 'supervisora' });
    expect(call(core, 'auth.lockState', {}).locked).toBeNull();
    expect(core.dispatchNow('auth.unlock', { password: 'agente600' })).toMatchObject({
      ok: false,
    });
    // The locked session ends (not a sign-out: nobody was signed in while it was locked).
    expect(auditActions(core).map((event) => [event.action, event.after])).toEqual([
      ['session.sign_in', { check: 'desk' }],
      ['session.lock', { reason: 'idle' }],
      ['session.end', { cause: 'sign_in' }],
      ['session.sign_in', { check: 'desk' }],
    ]);
  });

  it('unlocks offline, with the central API out of reach', async () => {
    // An agent who signed in online earlier has a local verifier; the central API is now gone.
    const core = coreWithCentralOutOfReach();
    const signedIn = await core.dispatch('auth.signIn', {
      username: 'agente',
      password: 'agente600',
    });
    expect(signedIn).toMatchObject({ ok: true });
    call(core, 'auth.lock', { reason: 'idle' });
    expect(call(core, 'auth.unlock', { password: 'agente600' })).toMatchObject({
      username: 'agente',
    });
  });

  it('takes its policy from the core options', () => {
    const core = createCore({
      dataDir: tempDir(),
      door: 'web',
      version: 'test',
      demoPersons: 0,
      log: () => {},
      idleLockSeconds: 90,
    });
    try {
      expect(call(core, 'auth.lockState', {})).toEqual({
        idleSeconds: 90,
        agentId: null,
        locked: null,
      });
    } finally {
      core.close();
    }
  });
});
