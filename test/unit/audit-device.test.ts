/**
 * What the Auditoría screen shows beside before → after (issue 10): the device an event was
 * recorded on, and the diagnosis a record view showed, in words.
 */
import { describe, expect, it } from 'vitest';
import { auditDetailLine, describeAuditChange, deviceText } from '../../src/shared/audit-details';

describe('deviceText', () => {
  const here = '7512663b-3182-4d4b-9004-195c28f3be8e';
  it('names this desk, and another by the start of its identifier', () => {
    expect(deviceText(here, here)).toBe('Este equipo');
    expect(deviceText('0f1e2d3c-aaaa-bbbb-cccc-123456789abc', here)).toBe('Otro equipo (0f1e2d3c)');
    expect(deviceText(here, null)).toBe('Otro equipo (7512663b)');
  });
});

describe('a record view’s diagnosis', () => {
  it('reads as the causes’ short labels, in the order shown', () => {
    const [detail] = describeAuditChange(
      null,
      JSON.stringify({ causes: ['registration_blocked', 'temporarily_locked'] }),
    );
    expect(auditDetailLine(detail!)).toBe(
      'Diagnóstico mostrado: Registro bloqueado, Bloqueo por intentos',
    );
  });

  it('keeps an unknown code as it is rather than dropping it', () => {
    const [detail] = describeAuditChange(null, JSON.stringify({ causes: ['future_cause'] }));
    expect(auditDetailLine(detail!)).toBe('Diagnóstico mostrado: future_cause');
  });
});

describe('what a supervisor asked of the central API (issue 11)', () => {
  it('a revocation names the device as the Sincronización list does, and when', () => {
    const details = describeAuditChange(
      JSON.stringify({ deviceId: '0f1e2d3c-aaaa-4bbb-8ccc-123456789abc' }),
      JSON.stringify({
        deviceId: '0f1e2d3c-aaaa-4bbb-8ccc-123456789abc',
        revokedAt: '2026-12-01T15:00:00.000Z',
      }),
    );
    expect(details.map(auditDetailLine)).toEqual([
      'Equipo revocado: 0f1e2d3c',
      'Revocado el: 01-12-2026 12:00',
    ]);
  });

  it('an assignment names the officer and the company', () => {
    const details = describeAuditChange(
      null,
      JSON.stringify({ officer: 'Héctor Contreras (prevención)', companyRut: 76000042 }),
    );
    expect(details.map(auditDetailLine)).toEqual([
      'Prevencionista: Héctor Contreras (prevención)',
      'Empresa: 76.000.042-6',
    ]);
  });
});

describe('the screen lock’s events', () => {
  const line = (action: string, after: Record<string, string>) =>
    describeAuditChange(null, JSON.stringify(after), {}, action).map(auditDetailLine);

  it('say why the screen was locked, not a call’s reason', () => {
    expect(line('session.lock', { reason: 'manual' })).toEqual([
      'Motivo del bloqueo: a pedido de quien la usaba',
    ]);
    expect(line('session.lock', { reason: 'idle' })).toEqual(['Motivo del bloqueo: inactividad']);
  });

  it('say why a locked session ended, in words', () => {
    expect(line('session.end', { cause: 'sign_in' })).toEqual([
      'Causa: se inició otra sesión en el equipo',
    ]);
    expect(line('session.end', { cause: 'attempts' })).toEqual([
      'Causa: se agotaron los intentos de desbloqueo',
    ]);
  });

  it('say how a sign-in was checked, why one was refused and why a session ended', () => {
    expect(line('session.sign_in', { check: 'offline' })).toEqual([
      'Comprobado: en este equipo, sin conexión con el sistema central',
    ]);
    expect(line('session.sign_in', { check: 'central' })).toEqual([
      'Comprobado: con el sistema central',
    ]);
    expect(line('session.sign_in_refused', { cause: 'rate_limited' })).toEqual([
      'Causa: demasiados intentos: había que esperar',
    ]);
    expect(line('session.sign_in_refused', { cause: 'unlock_password' })).toEqual([
      'Causa: contraseña incorrecta al desbloquear la pantalla',
    ]);
    expect(line('session.sign_out', { cause: 'sign_in' })).toEqual([
      'Causa: un nuevo intento de ingreso en el equipo cerró su sesión',
    ]);
    expect(line('session.sign_out', { cause: 'sign_out' })).toEqual(['Causa: salió con «Salir»']);
  });

  it('leave a call’s reason a call’s reason', () => {
    const [detail] = describeAuditChange(
      null,
      JSON.stringify({ reason: 'other' }),
      {},
      'interaction.open',
    );
    expect(detail!.label).toBe('Motivo de la llamada o visita');
    // Known to be an officer's visit, or a call, the row says which.
    const label = (kind: 'call' | 'visit', key: string) =>
      describeAuditChange(null, JSON.stringify({ [key]: 'other' }), { kind }, 'person.view')[0]!
        .label;
    expect(label('visit', 'reason')).toBe('Motivo de la visita');
    expect(label('call', 'reason')).toBe('Motivo de la llamada');
    expect(label('visit', 'callPerson')).toBe('Durante la visita con');
  });
});
