/**
 * A company nobody may ask for yet: who of its register has asked for Portal Empresas and waits
 * on its page is named, and what follows once approved is said (walk 58b).
 */
import { describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../src/shared/contract';
import { companyMessages } from '../../src/shared/messages';
import { waitingSignatory } from '../../src/renderer/src/company/waiting-signatory';

type Request = CompanyRecord['requests'][number];
const request = (overrides: Partial<Request>): Request => ({
  requester: { rut: '15111222-3', name: 'Nicolás Riquelme Soto' },
  companyRut: '76111222-3',
  companyName: 'Comercial Cordillera S.A.',
  capacity: 'authorized_signatory',
  state: 'pending',
  reason: null,
  requestedAt: '2026-12-01T12:00:00.000Z',
  decidedAt: null,
  agreementSigned: false,
  check: { ok: true, as: 'trf' },
  ...overrides,
});
const company = (requests: Request[]) => ({ requests }) as unknown as CompanyRecord;

describe('waitingSignatory', () => {
  it('names a pending request of someone of the register, and nobody else', () => {
    expect(waitingSignatory(company([request({})]))).toBe('Nicolás Riquelme Soto');
    expect(waitingSignatory(company([request({ state: 'approved' })]))).toBeNull();
    expect(
      waitingSignatory(company([request({ check: { ok: false, reason: 'not_signatory' } })])),
    ).toBeNull();
    expect(waitingSignatory(company([]))).toBeNull();
  });

  it('is said where the page says nobody may ask', () => {
    expect(companyMessages.dialog.noCallers(true, 'Nicolás Riquelme Soto')).toBe(
      'La empresa no tiene representantes legales ni administradores de accesos registrados: nadie puede pedir este cambio. Nicolás Riquelme Soto figura en su registro y pidió acceso a Portal Empresas (su solicitud espera en esta página): aprobada, y firmado su Acuerdo de Acceso Remoto, podrá pedirlo. Dígaselo así a quien llama.',
    );
    expect(companyMessages.dialog.noCallers(true)).toMatch(
      /debe registrar primero a su representante legal/,
    );
  });
});
