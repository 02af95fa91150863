/**
 * What an interaction is — a call, or a prevention officer's visit — decided by one rule
 * (shared/rules/interaction-kind.ts) when it opens and stored on its row, which the Panel's SQL
 * and the lists' read alike, and the words a list and each of its rows say with it, whoever is
 * signed in.
 */
import { describe, expect, it } from 'vitest';
import { interactionKindOf, VISITING_ROLES } from '../../src/shared/rules/interaction-kind';
import {
  actionLabels,
  callMessages,
  interactionKindWords,
  interactionListWords,
  interactionNoun,
  interactionWords,
  listNoun,
  notFoundMessage,
  onBehalfText,
  privacyMessages,
  ruleMessages,
  viewViaLabelsOf,
  visitMessages,
} from '../../src/shared/messages';
import { auditDetailLine, describeAuditChange } from '../../src/shared/audit-details';
import { DASHBOARD_SQL } from '../../src/main/repositories/dashboard-repository';
import { interactionListSql, isVisitSql } from '../../src/main/repositories/interaction-repository';

describe('the kind of an interaction', () => {
  it("is a visit when a prevention officer opened it, a call for anyone else's or an unknown agent's", () => {
    expect(interactionKindOf('prevention')).toBe('visit');
    expect(interactionKindOf('agent')).toBe('call');
    expect(interactionKindOf('supervisor')).toBe('call');
    expect(interactionKindOf(undefined)).toBe('call');
    expect(interactionKindOf(null)).toBe('call');
    expect(VISITING_ROLES).toEqual(['prevention']);
  });

  it('is read from the kind each row stored, the same for the Panel, the Llamadas list and each row', () => {
    expect(isVisitSql('i')).toBe("i.kind = 'visit'");
    expect(DASHBOARD_SQL.visits).toContain(isVisitSql('interactions'));
    expect(DASHBOARD_SQL.visits).not.toContain('agents');
    const list = interactionListSql({ personRut: 1 });
    expect(list.visits).toContain(`AND ${isVisitSql('i')}`);
    expect(interactionListSql({}).visits).toContain(`WHERE ${isVisitSql('i')}`);
    // Each row's kind is its own column, not its agent's role.
    expect(list.page).toContain('SELECT i.*');
    expect(list.page).not.toContain('role');
    expect(list.visits).not.toContain('agents');
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
    expect(both.list.recentEmpty).toBe(
      'No hay llamadas ni visitas con esta persona registradas en este equipo.',
    );
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

/**
 * Every text a set of words says, its functions called with sample values: a visit's words
 * are checked whole, so one inherited from the call's is caught.
 */
function everyText(words: unknown, key = ''): string[] {
  if (typeof words === 'string') return [words];
  if (typeof words === 'function') {
    const juana = { name: 'Juana González', relation: 'family' as const };
    const sample: Record<string, unknown[]> = {
      listed: [{ onBehalf: juana, earlierOnBehalf: [juana] }],
      actions: [2],
      listCaption: [true],
      open: ['Pedro (12.345.678-5)'],
      signOutOpen: ['Pedro (12.345.678-5)'],
    };
    return [String((words as (...args: unknown[]) => unknown)(...(sample[key] ?? ['Pedro'])))];
  }
  if (words && typeof words === 'object') {
    return Object.entries(words).flatMap(([name, value]) => everyText(value, name));
  }
  return [];
}

describe("a visit's own words", () => {
  it('never speak of a call or of calling', () => {
    const texts = everyText(visitMessages);
    expect(texts.filter((text) => /llam/i.test(text))).toEqual([]);
    // …while a call's do (the walk reads them).
    expect(everyText(callMessages).some((text) => /llamó/.test(text))).toBe(true);
  });

  it("say that someone speaks in the person's name at the visit", () => {
    const juana = { name: 'Juana González', relation: 'family' as const };
    const v = visitMessages.onBehalf;
    expect(v.mark).toBe('Habla otra persona…');
    expect(v.shown('Juana González (Familiar)')).toBe(
      'Habla Juana González (Familiar) en su nombre',
    );
    expect(v.listed({ onBehalf: juana, earlierOnBehalf: [] })).toBe(
      'habló Juana González (Familiar) en su nombre',
    );
    expect(v.listed({ onBehalf: null, earlierOnBehalf: [juana] })).toBe(
      'antes habló Juana González (Familiar) en su nombre',
    );
    expect(v.listed({ onBehalf: null, earlierOnBehalf: [] })).toBe('');
    // «Otra persona» is no relation to say; a call that names nobody yet is of whoever consults.
    expect(onBehalfText({ name: 'Rosa Pérez', relation: 'other' })).toBe('Rosa Pérez');
    expect(interactionKindWords.call.onBehalf.shown('Rosa Pérez', false)).toBe(
      'Llama Rosa Pérez en nombre de quien consulta',
    );
    expect(
      interactionKindWords.call.onBehalf.listed({ onBehalf: juana, earlierOnBehalf: [] }),
    ).toBe('llamó Juana González (Familiar) en su nombre');
    expect(actionLabels['interaction.set_caller']).toBe(
      'Cambió quién habla en la llamada o visita',
    );
  });
});

describe("main's refusals about one's own call or visit", () => {
  const codes = [
    'interaction_open',
    'interaction_notes_required',
    'interaction_closed',
    'interaction_has_actions',
    'on_behalf_personal',
    'on_behalf_at_visit',
    'admin_needs_representative',
  ];
  const said = (code: string, params: Record<string, string | number>) =>
    ruleMessages[code]!({ outcome: 'Derivado', name: 'Juana González', ...params });

  it('say «visita» when main says the interaction is a visit, and never «llama»', () => {
    for (const code of codes) {
      expect(said(code, { kind: 'visit' }), code).not.toMatch(/llam/i);
    }
    expect(said('interaction_open', { kind: 'visit' })).toBe(
      'Ya tiene una visita en curso: ciérrela antes de abrir otra.',
    );
    expect(said('interaction_closed', { kind: 'visit', change: 'reason' })).toBe(
      'Esa visita ya está cerrada: su motivo ya no se puede cambiar.',
    );
    expect(said('interaction_notes_required', { kind: 'visit' })).toMatch(
      /^Una visita que se cierra como «Derivado»/,
    );
    expect(notFoundMessage('interaction', 'visit')).toBe(
      'No se encontró la visita (o es de otro agente).',
    );
  });

  it("say a call's words otherwise, as before", () => {
    expect(said('interaction_open', {})).toBe(
      'Ya tiene una llamada en curso: ciérrela antes de abrir otra.',
    );
    expect(said('interaction_closed', { kind: 'call' })).toBe('Esa llamada ya está cerrada.');
    expect(said('on_behalf_personal', {})).toMatch(
      /^El acceso es personal: con Juana González llamando/,
    );
    expect(notFoundMessage('interaction')).toBe('No se encontró la llamada (o es de otro agente).');
    expect(notFoundMessage('company')).toBe(
      'No se encontró la empresa. Búsquela de nuevo por RUT o razón social.',
    );
  });
});

describe("the audit's details of an officer's events", () => {
  it('say he opened a record from his list of visits, and who spoke at his visit', () => {
    const view = JSON.stringify({ via: 'call' });
    const lines = (kind?: 'call' | 'visit') => [
      ...describeAuditChange(null, view, { kind }, 'person.view').map(auditDetailLine),
      ...describeAuditChange(
        JSON.stringify({ onBehalf: null }),
        JSON.stringify({ onBehalf: { name: 'Juana González', relation: 'family' } }),
        { kind },
        'interaction.set_caller',
      ).map(auditDetailLine),
    ];
    expect(lines('visit')).toEqual([
      'Abierta desde: Visita (lista de visitas)',
      'Quién habla: La propia persona → Juana González (Familiar)',
    ]);
    const call = [
      'Abierta desde: Llamada (lista de llamadas)',
      'Quién llama: La propia persona → Juana González (Familiar)',
    ];
    expect(lines('call')).toEqual(call);
    // An agent the reader does not know: a call's, as the lists say.
    expect(lines()).toEqual(call);
  });
});
