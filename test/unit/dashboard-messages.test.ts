/** The Panel's Ley 21.719 deadline chart says, in one line, how many requests are due when. */
import { describe, expect, it } from 'vitest';
import {
  causeShortLabels,
  causeTexts,
  dashboardMessages,
  interactionNoun,
} from '../../src/shared/messages';

describe("the Panel's calls and visits", () => {
  const { calls, charts } = dashboardMessages;
  it('names visits only when an officer made some, and calls only when there were some', () => {
    expect(calls(3, 0)).toBe('3 llamadas');
    expect(calls(1, 0)).toBe('1 llamada');
    expect(calls(2, 2)).toBe('2 visitas');
    expect(calls(1_500, 1)).toBe('1.499 llamadas y 1 visita');
  });

  it('titles the charts by what they count', () => {
    expect(charts.byReason(interactionNoun(4, 0)).title).toBe('Llamadas por motivo');
    expect(charts.byHour(interactionNoun(4, 4)).title).toBe('Visitas por hora del día');
    expect(charts.outcomes(interactionNoun(4, 1))).toEqual({
      title: 'Resultado de las llamadas y visitas',
      key: 'Resultado',
      value: 'Llamadas y visitas',
    });
    expect(charts.outcomes(interactionNoun(0, 0)).title).toBe('Resultado de las llamadas');
  });
});

describe("a cause's short label (the Panel's chart, the audit's record views)", () => {
  it('names every case its code counts: a dismissed worker and a removed company user', () => {
    const worker = causeTexts.dismissed({ code: 'dismissed', role: 'worker', fix: null }).title;
    const user = causeTexts.dismissed({ code: 'dismissed', role: 'company_user', fix: null }).title;
    expect(worker).toMatch(/^Ya no trabaja en la empresa/);
    expect(user).toMatch(/^Ya no es usuario de la empresa/);
    expect(causeShortLabels.dismissed).toMatch(/Desvinculación/);
    expect(causeShortLabels.dismissed).toMatch(/sin perfil de usuario/);
  });
});

describe('dashboardMessages.dataRequests.summary', () => {
  const summary = dashboardMessages.dataRequests.summary;
  it('names only the deadlines that have requests', () => {
    expect(summary({ overdue: 0, dueSoon: 0, later: 1, soonBusinessDays: 5 })).toBe(
      '1 solicitud abierta: 1 en plazo.',
    );
    expect(summary({ overdue: 2, dueSoon: 0, later: 0, soonBusinessDays: 5 })).toBe(
      '2 solicitudes abiertas: 2 vencidas.',
    );
    expect(summary({ overdue: 0, dueSoon: 0, later: 0, soonBusinessDays: 5 })).toBe(
      '0 solicitudes abiertas.',
    );
  });

  it('puts the urgent first, with singular and plural right', () => {
    expect(summary({ overdue: 1, dueSoon: 1, later: 1_200, soonBusinessDays: 1 })).toBe(
      '1.202 solicitudes abiertas: 1 vencida; 1 vence en 1 día hábil o menos; 1.200 en plazo.',
    );
    expect(summary({ overdue: 0, dueSoon: 3, later: 0, soonBusinessDays: 5 })).toBe(
      '3 solicitudes abiertas: 3 vencen en 5 días hábiles o menos.',
    );
  });
});

describe("the Panel's sync queue", () => {
  const total = dashboardMessages.sync.total;

  it('says which pending actions leave with another agent, and that the supervisor may re-assign them', () => {
    expect(total(3, 0)).toBe('3 acciones pendientes; nada requiere revisión');
    expect(total(3, 1, 2)).toBe(
      '3 acciones pendientes (2 no son suyas: salen cuando ingrese quien las hizo, o si usted las reasigna en «Acciones pendientes»); 1 requiere revisión',
    );
    expect(total(1, 0, 1)).toBe(
      '1 acción pendiente (1 es de otro agente: sale cuando ese agente ingrese, o si usted la reasigna en «Acciones pendientes»); nada requiere revisión',
    );
  });
});
