/**
 * What an interaction is — a call, or a prevention officer's visit — decided by one rule
 * (shared/rules/interaction-kind.ts), which the Panel's SQL and the lists' share, and the words a
 * list and each of its rows say with it, whoever is signed in.
 */
import { describe, expect, it } from 'vitest';
import { interactionKindOf, VISITING_ROLES } from '../../src/shared/rules/interaction-kind';
import {
  interactionKindWords,
  interactionListWords,
  interactionNoun,
  interactionWords,
  listNoun,
  privacyMessages,
  viewViaLabelsOf,
} from '../../src/shared/messages';
import { DASHBOARD_SQL } from '../../src/main/repositories/dashboard-repository';
import {
  interactionKindSql,
  interactionListSql,
  isVisitSql,
  visitingRoleSql,
} from '../../src/main/repositories/interaction-repository';

describe('the kind of an interaction', () => {
  it("is a visit when a prevention officer opened it, a call for anyone else's or an unknown agent's", () => {
    expect(interactionKindOf('prevention')).toBe('visit');
    expect(interactionKindOf('agent')).toBe('call');
    expect(interactionKindOf('supervisor')).toBe('call');
    expect(interactionKindOf(undefined)).toBe('call');
    expect(interactionKindOf(null)).toBe('call');
    expect(VISITING_ROLES).toEqual(['prevention']);
  });

  it('is the same SQL for the Panel, the Llamadas list and each row', () => {
    expect(visitingRoleSql('a.role')).toBe("a.role IN ('prevention')");
    expect(isVisitSql('agent_id')).toBe(
      "agent_id IN (SELECT id FROM agents WHERE role IN ('prevention'))",
    );
    expect(interactionKindSql('a.role')).toBe(
      "CASE WHEN a.role IN ('prevention') THEN 'visit' ELSE 'call' END",
    );
    expect(DASHBOARD_SQL.visits).toContain(isVisitSql('agent_id'));
    const list = interactionListSql({ personRut: 1 });
    expect(list.visits).toContain(`AND ${isVisitSql('i.agent_id')}`);
    expect(interactionListSql({}).visits).toContain(`WHERE ${isVisitSql('i.agent_id')}`);
    expect(list.page).toContain(`${interactionKindSql('a.role')} AS kind`);
  });

  it("gives the signed-in agent's own words by the same rule", () => {
    expect(interactionWords('prevention').bar.listTitle).toBe('Visitas');
    expect(interactionWords('supervisor').bar.listTitle).toBe('Llamadas');
    expect(interactionWords('agent').filters.count(2, 0)).toBe('2 llamadas');
  });
});

describe('a list of calls and visits', () => {
  it("is titled by the viewer's own kind, and by both once it holds the other", () => {
    expect(listNoun('call', 0, 0)).toBe('calls');
    expect(listNoun('call', 4, 0)).toBe('calls');
    expect(listNoun('visit', 0, 0)).toBe('visits');
    expect(listNoun('visit', 2, 2)).toBe('visits');
    // A supervisor's desk an officer also uses: his visits beside the calls, or alone.
    expect(listNoun('call', 3, 1)).toBe('both');
    expect(listNoun('call', 1, 1)).toBe('both');
  });

  it('says both when it holds both, as the Panel does', () => {
    const both = interactionListWords('both');
    expect(both.list.listTitle).toBe('Llamadas y visitas');
    expect(both.list.recentTitle).toBe('Llamadas y visitas recientes');
    expect(both.list.listCaption(true)).toMatch(/^Llamadas y visitas de todos los agentes/);
    expect(both.list.recentEmpty).toBe('No hay llamadas ni visitas registradas para esta persona.');
    expect(both.filters.pager).toBe('Páginas de llamadas y visitas');
    expect(both.filters.emptyFiltered).toBe('No hay llamadas ni visitas con estos filtros.');
    expect(interactionListWords('calls').list.recentTitle).toBe('Llamadas recientes');
    expect(interactionListWords('visits').list.recentTitle).toBe('Visitas recientes');
  });

  it('counts what it found by kind, and nothing in its own words', () => {
    const count = (noun: 'calls' | 'visits' | 'both', total: number, visits: number) =>
      interactionListWords(noun).filters.count(total, visits);
    expect(count('both', 3, 1)).toBe('2 llamadas y 1 visita');
    expect(count('both', 1, 1)).toBe('1 visita');
    expect(count('both', 2, 0)).toBe('2 llamadas');
    expect(count('both', 0, 0)).toBe('Ninguna llamada ni visita');
    expect(count('calls', 0, 0)).toBe('0 llamadas');
    expect(count('calls', 1, 0)).toBe('1 llamada');
    expect(count('visits', 0, 0)).toBe('0 visitas');
    expect(count('visits', 2, 2)).toBe('2 visitas');
  });

  it('names each row by its own kind', () => {
    expect(interactionKindWords.visit.kindReason('Bloqueo por intentos')).toBe(
      'Visita: Bloqueo por intentos',
    );
    expect(interactionKindWords.call.kindReason('Olvidó contraseña')).toBe(
      'Llamada: Olvidó contraseña',
    );
    expect(interactionKindWords.visit.region).toBe('Visita');
  });
});

describe('«Quién consultó esta ficha»', () => {
  it("says an officer's view was in a visit, or with none open, and titles the column by what it holds", () => {
    const m = privacyMessages;
    expect(m.viewersNoInteraction.visit).toBe('Sin visita abierta');
    expect(m.viewersNoInteraction.call).toBe('Sin llamada abierta');
    expect(m.viewersReason[interactionNoun(2, 2)]).toBe('Motivo de la visita');
    expect(m.viewersReason[interactionNoun(2, 0)]).toBe('Motivo de la llamada');
    expect(m.viewersReason[interactionNoun(3, 1)]).toBe('Motivo de la llamada o visita');
    expect(m.viewersCaption('visits')).toContain('en la misma visita, o sin visita dentro de');
    expect(m.viewersCaption('calls')).toContain('en la misma llamada, o sin llamada dentro de');
    // Opened from his own list: the officer's is a list of visits.
    expect(viewViaLabelsOf.visit['call']).toBe('Visita (lista de visitas)');
    expect(viewViaLabelsOf.call['call']).toBe('Llamada (lista de llamadas)');
    expect(viewViaLabelsOf.visit['search']).toBe('Búsqueda');
  });
});
