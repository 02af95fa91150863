/**
 * Issue 11: the sign-in rate limit (a sliding window over failed attempts) and the change-log
 * pruning target, as pure functions of their facts and the clock.
 */
import { describe, expect, it } from 'vitest';
import { createSignInLimiter } from '../../src/central-api/sign-in-limit';
import { combine, decideAttempt, type LimitPolicy } from '../../src/shared/rules/sign-in-limit';
import { pruneTarget } from '../../src/central-api/change-log-pruning';
import { deviceTrustMessages } from '../../src/shared/messages';
import { createWrongPasswords } from '../../src/main/services/wrong-passwords';

const MIN = 60_000;
const POLICY: LimitPolicy = { max: 5, windowMs: 15 * MIN };

describe('decideAttempt (sliding window)', () => {
  it('allows up to max failures within the window, then says how long to wait', () => {
    const t0 = 1_000_000;
    const four = [t0, t0 + MIN, t0 + 2 * MIN, t0 + 3 * MIN];
    expect(decideAttempt(four, t0 + 4 * MIN, POLICY)).toEqual({ allowed: true });
    const five = [...four, t0 + 4 * MIN];
    // The oldest failure leaves the window 15 minutes after it happened.
    expect(decideAttempt(five, t0 + 4 * MIN, POLICY)).toEqual({
      allowed: false,
      retryAfterMs: 11 * MIN,
    });
    expect(decideAttempt(five, t0 + 11 * MIN, POLICY)).toEqual({
      allowed: false,
      retryAfterMs: 4 * MIN,
    });
    expect(decideAttempt(five, t0 + 15 * MIN, POLICY)).toEqual({ allowed: true });
  });

  it('counts only the failures inside the window, in any order, and never answers 0 ms', () => {
    const now = 100 * MIN;
    const old = [now - 40 * MIN, now - 30 * MIN, now - 16 * MIN];
    const recent = [now - MIN, now - 2 * MIN, now - 3 * MIN, now - 4 * MIN];
    expect(decideAttempt([...old, ...recent], now, POLICY)).toEqual({ allowed: true });
    const seven = [now - 5 * MIN, ...recent, now - 10 * MIN, now];
    // Seven in the window: three must leave; the third oldest (now - 4 min) frees the slot.
    expect(decideAttempt(seven, now, POLICY)).toEqual({ allowed: false, retryAfterMs: 11 * MIN });
    const atEdge = [now - 15 * MIN + 1, now, now, now, now];
    expect(decideAttempt(atEdge, now, POLICY)).toEqual({ allowed: false, retryAfterMs: 1 });
  });

  it('combines per-user and per-device decisions by the longer wait', () => {
    expect(combine({ allowed: true }, { allowed: true })).toEqual({ allowed: true });
    expect(
      combine(
        { allowed: false, retryAfterMs: 3 },
        { allowed: true },
        { allowed: false, retryAfterMs: 9 },
      ),
    ).toEqual({ allowed: false, retryAfterMs: 9 });
  });
});

describe('the limiter', () => {
  it('limits per user across devices and per device across users, on an injected clock', () => {
    const clock = { now: new Date('2026-11-21T15:00:00Z') };
    const limiter = createSignInLimiter({
      now: () => clock.now,
      perUser: { max: 3, windowMs: 10 * MIN },
      perDevice: { max: 5, windowMs: 10 * MIN },
    });
    for (const device of ['d1', 'd2', 'd3']) limiter.failed('Agente', device);
    // The same user from a fourth device: refused (case and spaces do not matter).
    expect(limiter.check(' agente ', 'd4')).toEqual({ allowed: false, retryAfterMs: 10 * MIN });
    expect(limiter.check('otro', 'd4')).toEqual({ allowed: true });
    for (const user of ['a', 'b', 'c', 'd', 'e']) limiter.failed(user, 'd9');
    expect(limiter.check('f', 'd9')).toMatchObject({ allowed: false });
    clock.now = new Date(clock.now.getTime() + 10 * MIN);
    expect(limiter.check('agente', 'd4')).toEqual({ allowed: true });
    expect(limiter.check('f', 'd9')).toEqual({ allowed: true });
  });

  it('forgets a user’s failures once they sign in', () => {
    const limiter = createSignInLimiter({
      now: () => new Date(0),
      perUser: { max: 2, windowMs: MIN },
    });
    limiter.failed('agente', 'd1');
    limiter.failed('agente', 'd1');
    expect(limiter.check('agente', 'd1').allowed).toBe(false);
    limiter.succeeded('agente', 'd1');
    expect(limiter.check('agente', 'd1')).toEqual({ allowed: true });
  });

  it('tells the agent when to try again, in minutes, in Spanish', () => {
    expect(deviceTrustMessages.tryAgainIn(4, '10:45')).toBe(
      'Demasiados intentos fallidos con este usuario o en este equipo (cuentan también los hechos en otros equipos). Intente de nuevo a las 10:45 (en 4 minutos); si no recuerda su contraseña, avise a su supervisor.',
    );
    expect(deviceTrustMessages.tryAgainIn(1)).toContain('Intente de nuevo en 1 minuto;');
    expect(deviceTrustMessages.tryAgainIn(0.2)).toContain('Intente de nuevo en 1 minuto;');
    // Decided by a desk alone (offline), counted there alone.
    expect(deviceTrustMessages.tryAgainIn(4, '10:45', true)).toBe(
      'Demasiados intentos fallidos con este usuario en este equipo (5 contraseñas incorrectas en 15 minutos). Intente de nuevo a las 10:45 (en 4 minutos); si no recuerda su contraseña, avise a su supervisor.',
    );
  });
});

describe('wrong passwords in a row on a desk', () => {
  it('say the limit from the third for one username, whatever its case; a sign-in starts over', () => {
    const wrong = createWrongPasswords();
    expect([wrong.failed('agente'), wrong.failed(' Agente '), wrong.failed('AGENTE')]).toEqual([
      false,
      false,
      true,
    ]);
    // Another username has a count of its own.
    expect(wrong.failed('supervisora')).toBe(false);
    wrong.signedIn('agente');
    expect(wrong.failed('agente')).toBe(false);
  });

  it('forget the stalest usernames past a hundred', () => {
    const wrong = createWrongPasswords();
    wrong.failed('primero');
    wrong.failed('primero');
    for (let i = 0; i < 100; i++) wrong.failed(`otro${i}`);
    // «primero» was forgotten: its third wrong password counts as its first.
    expect(wrong.failed('primero')).toBe(false);
  });
});

describe('pruneTarget', () => {
  it('keeps what an active device lacks and what is younger than the minimum retention', () => {
    expect(pruneTarget({ oldestActiveAck: 40, oldEnough: 100, expired: null })).toBe(40);
    expect(pruneTarget({ oldestActiveAck: 400, oldEnough: 100, expired: null })).toBe(100);
    expect(pruneTarget({ oldestActiveAck: null, oldEnough: 100, expired: null })).toBe(100);
    expect(pruneTarget({ oldestActiveAck: 40, oldEnough: null, expired: null })).toBe(0);
  });

  it('drops what is older than the maximum retention, whoever still lacks it', () => {
    expect(pruneTarget({ oldestActiveAck: 10, oldEnough: 100, expired: 60 })).toBe(60);
    expect(pruneTarget({ oldestActiveAck: 80, oldEnough: 100, expired: 60 })).toBe(80);
  });
});
