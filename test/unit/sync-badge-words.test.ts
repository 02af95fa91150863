/**
 * The sync badge's last sync: an officer may work offline for days, so a time alone is said
 * only of today (Santiago's day), «ayer» of yesterday, and a date before that.
 */
import { describe, expect, it } from 'vitest';
import { syncMessages } from '../../src/shared/messages';

describe('the badge says when the last sync was', () => {
  // 5 Dec 2026, 20:00 in Santiago (UTC−3 in summer).
  const now = new Date('2026-12-05T23:00:00Z');

  it('by its time alone when it was today (half past midnight is 00:30, never 24:30)', () => {
    expect(syncMessages.badgeLast('2026-12-05T20:00:00Z', now)).toBe('sincronizado 17:00');
    // 00:30 in Santiago, the first minutes of today.
    expect(syncMessages.badgeLast('2026-12-05T03:30:00Z', now)).toBe('sincronizado 00:30');
  });

  it('with «ayer» when it was yesterday in Santiago, whatever the UTC date says', () => {
    // 23:30 on the 4th in Santiago is already the 5th in UTC.
    expect(syncMessages.badgeLast('2026-12-05T02:30:00Z', now)).toBe('sincronizado ayer 23:30');
    expect(syncMessages.badgeLast('2026-12-04T03:00:00Z', now)).toBe('sincronizado ayer 00:00');
  });

  it('with its date when it was before yesterday', () => {
    expect(syncMessages.badgeLast('2026-12-02T20:00:00Z', now)).toBe(
      'sincronizado 02-12-2026 17:00',
    );
  });

  it('takes the day the clocks change as one day (winter time begins in April)', () => {
    // 5 Apr 2026: Santiago goes from UTC−3 to UTC−4 at 00:00; 12:00 on the 6th is UTC−4.
    const monday = new Date('2026-04-06T16:00:00Z');
    expect(syncMessages.badgeLast('2026-04-05T15:00:00Z', monday)).toBe('sincronizado ayer 11:00');
    expect(syncMessages.badgeLast('2026-04-04T15:00:00Z', monday)).toBe(
      'sincronizado 04-04-2026 12:00',
    );
  });
});

describe('«Sincronizar ahora» that did not get through', () => {
  it('says what to do where the page has no error to read: sign in again with a connection', () => {
    expect(syncMessages.syncNowNot('signed_out')).toBe(
      'No se pudo sincronizar: este equipo no tiene una sesión suya con el sistema central. Salga e ingrese de nuevo con conexión; las acciones quedan guardadas en este equipo.',
    );
    expect(syncMessages.syncNowNot('offline')).toMatch(
      /^No se pudo sincronizar: sigue sin conexión/,
    );
  });
});

describe('«Detalle técnico»', () => {
  it('says in Spanish the network failures its raw detail names most', () => {
    expect(
      syncMessages.technicalGloss(
        'TypeError: fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5421)',
      ),
    ).toBe('Conexión rechazada: en esa dirección no hay un servidor escuchando.');
    expect(syncMessages.technicalGloss('getaddrinfo ENOTFOUND central.ejemplo.cl')).toMatch(
      /^No se encontró la dirección/,
    );
    expect(syncMessages.technicalGloss('HTTP 500 Internal Server Error')).toBeNull();
  });
});
