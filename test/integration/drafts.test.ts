/**
 * Drafts (draft-handlers.ts): what an agent is typing, kept in main's memory for that agent only,
 * through a lock, and gone when their session ends with no call of theirs left open.
 */
import { describe, expect, it } from 'vitest';
import { call, refused, seededCore, signInAs } from '../support/context';

const KEY = 'call-notes:llamada-1';

describe('drafts', () => {
  it('are the agent’s own, kept through a lock, and forgotten when the session ends', () => {
    const core = seededCore(50);
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: null });
    call(core, 'drafts.put', { key: KEY, value: 'Llamó bloqueado.' });
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: 'Llamó bloqueado.' });
    // Emptied, it is gone.
    call(core, 'drafts.put', { key: KEY, value: '' });
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: null });

    call(core, 'drafts.put', { key: KEY, value: 'Llamó bloqueado.' });
    // Locked: nobody reads it; the same agent unlocking finds it again.
    call(core, 'auth.lock', { reason: 'manual' });
    expect(refused(core, 'drafts.get', { key: KEY }).code).toBe('unauthorized');
    call(core, 'auth.unlock', { password: 'agente600' });
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: 'Llamó bloqueado.' });

    // Another agent signing in ends the session: neither she nor the agent, back, finds it.
    signInAs(core, 'supervisora');
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: null });
    signInAs(core, 'agente');
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: null });

    // Signing out forgets too.
    call(core, 'drafts.put', { key: KEY, value: 'Otra nota' });
    call(core, 'auth.signOut', {});
    signInAs(core, 'agente');
    expect(call(core, 'drafts.get', { key: KEY })).toEqual({ value: null });
  });

  it('of a call left open, wait for its agent through a sign-out and another agent’s session', () => {
    const core = seededCore(50);
    const opened = call(core, 'interactions.open', { rut: '12345678-5', reason: 'other' });
    const key = `call-notes:${opened.id}`;
    call(core, 'drafts.put', { key, value: 'Queda pendiente el correo' });
    call(core, 'auth.signOut', {});
    signInAs(core, 'supervisora');
    expect(call(core, 'drafts.get', { key })).toEqual({ value: null });
    signInAs(core, 'agente');
    expect(call(core, 'drafts.get', { key })).toEqual({ value: 'Queda pendiente el correo' });
    // Closed, and signed out: nothing of it is kept any more.
    call(core, 'interactions.close', {
      id: opened.id,
      outcome: 'resolved',
      notes: 'Se le explicó cómo entrar',
    });
    call(core, 'auth.signOut', {});
    signInAs(core, 'agente');
    expect(call(core, 'drafts.get', { key })).toEqual({ value: null });
  });

  it('keep a bounded handful per agent, the newest', () => {
    const core = seededCore(50);
    for (let i = 0; i < 25; i++) call(core, 'drafts.put', { key: `k${i}`, value: `v${i}` });
    expect(call(core, 'drafts.get', { key: 'k0' })).toEqual({ value: null });
    expect(call(core, 'drafts.get', { key: 'k24' })).toEqual({ value: 'v24' });
    expect(call(core, 'drafts.get', { key: 'k5' })).toEqual({ value: 'v5' });
  });
});
