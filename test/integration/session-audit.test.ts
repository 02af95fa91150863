/**
 * Who came into the desk and who left it is audited (services/session-audit.ts): a sign-in and how
 * it was checked, a refused one under the agent it names (never a username nobody has), a
 * sign-out and why; the Panel does not count them as work on anyone's account, and the audit
 * chain holds them.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { CAST_AGENTS } from '../../src/storage/seed/cast';
import { call, coreWithCentralOutOfReach, seededCore } from '../support/context';

/** The desk's sign-in and sign-out events, in order, as [action, agent's username, fields]. */
function sessionEvents(core: Core) {
  const rows = core.db.$client
    .prepare(
      "SELECT action, agent_id AS agentId, after FROM audit_events WHERE action IN ('session.sign_in', 'session.sign_out', 'session.sign_in_refused') ORDER BY seq",
    )
    .all() as Array<{ action: string; agentId: string; after: string }>;
  const names = new Map(CAST_AGENTS.map((agent) => [agent.id, agent.username]));
  return rows.map((row) => [
    row.action,
    names.get(row.agentId) ?? row.agentId,
    JSON.parse(row.after) as unknown,
  ]);
}

const signIn = (core: Core, username: string, password: string) =>
  core.dispatchNow('auth.signIn', { username, password });

describe('sign-ins and sign-outs in the audit', () => {
  it('records each sign-in, each refusal of a known agent, and each sign-out with its cause', () => {
    const core = seededCore(200, { as: null });
    expect(signIn(core, 'agente', 'agente600')).toMatchObject({ ok: true });
    // Another agent at the same desk ends the first one's session.
    expect(signIn(core, 'supervisora', 'equivocada')).toMatchObject({ ok: false });
    // Nobody has these usernames (the second is a password typed in the wrong field): nothing.
    expect(signIn(core, 'nadie', 'x')).toMatchObject({ ok: false });
    expect(signIn(core, 'super600', 'supervisora')).toMatchObject({ ok: false });
    expect(signIn(core, ' Supervisora ', 'super600')).toMatchObject({ ok: true });
    call(core, 'auth.signOut', {});
    core.db.$client.prepare('UPDATE agents SET active = 0 WHERE username = ?').run('prevencion');
    // Disabled: said so to whoever knows the password; a wrong one reads as any wrong one.
    expect(signIn(core, 'prevencion', 'preven600')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Su usuario está inhabilitado/) },
    });
    expect(signIn(core, 'prevencion', 'preven601')).toMatchObject({
      ok: false,
      error: { message: 'Usuario o contraseña incorrectos.' },
    });

    expect(sessionEvents(core)).toEqual([
      ['session.sign_in', 'agente', { check: 'desk' }],
      ['session.sign_out', 'agente', { cause: 'sign_in' }],
      ['session.sign_in_refused', 'supervisora', { cause: 'password' }],
      ['session.sign_in', 'supervisora', { check: 'desk' }],
      ['session.sign_out', 'supervisora', { cause: 'sign_out' }],
      ['session.sign_in_refused', 'prevencion', { cause: 'disabled' }],
      // The wrong password is said as one, as the screen said it.
      ['session.sign_in_refused', 'prevencion', { cause: 'password' }],
    ]);
    // Nothing typed is kept: no password, no unknown username.
    const stored = JSON.stringify(
      core.db.$client.prepare('SELECT * FROM audit_events').all(),
    ).toLowerCase();
    for (const typed of ['equivocada', 'nadie', 'super600', 'preven600']) {
      expect(stored).not.toContain(typed);
    }
    expect(
      call(core, 'auth.signIn', { username: 'supervisora', password: 'super600' }),
    ).toMatchObject({ username: 'supervisora' });
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    // The Panel counts them as no one's work, and reads its index as before.
    const panel = call(core, 'dashboard.panel', { range: 'today' });
    const counted = [...panel.actionsByKind, ...panel.supervisionByKind].map(
      (row: { action: string }) => row.action,
    );
    expect(counted.filter((action: string) => action.startsWith('session.'))).toEqual([]);
  });

  it('records each wrong password at the lock screen, not only the last that ends the session', () => {
    const core = seededCore(200, { as: 'supervisora' });
    call(core, 'auth.lock', { reason: 'manual' });
    expect(core.dispatchNow('auth.unlock', { password: 'equivocada' })).toMatchObject({
      ok: false,
    });
    expect(core.dispatchNow('auth.unlock', { password: 'tampoco' })).toMatchObject({ ok: false });
    call(core, 'auth.unlock', { password: 'super600' });
    const rows = core.db.$client
      .prepare(
        "SELECT action, after FROM audit_events WHERE action LIKE 'session.%' AND action != 'session.sign_in' ORDER BY seq",
      )
      .all() as Array<{ action: string; after: string }>;
    expect(rows.map((row) => [row.action, JSON.parse(row.after)])).toEqual([
      ['session.lock', { reason: 'manual' }],
      ['session.sign_in_refused', { cause: 'unlock_password' }],
      ['session.sign_in_refused', { cause: 'unlock_password' }],
      ['session.unlock', {}],
    ]);
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  });

  it('says how a sign-in was checked while the central API is out of reach', async () => {
    // «agente» signed in online here within the last 72 hours.
    const core = coreWithCentralOutOfReach();
    expect(
      await core.dispatch('auth.signIn', { username: 'agente', password: 'otra' }),
    ).toMatchObject({ ok: false });
    expect(
      await core.dispatch('auth.signIn', { username: 'agente', password: 'agente600' }),
    ).toMatchObject({ ok: true });
    expect(sessionEvents(core)).toEqual([
      ['session.sign_in_refused', 'agente', { cause: 'password' }],
      ['session.sign_in', 'agente', { check: 'offline' }],
    ]);
  });
});
