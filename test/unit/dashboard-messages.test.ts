/** The Panel's Ley 21.719 deadline chart says, in one line, how many requests are due when. */
import { describe, expect, it } from 'vitest';
import { dashboardMessages } from '../../src/shared/messages';

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
