import { describe, expect, it } from 'vitest';
import { dialogMessages } from '../../src/shared/messages/actions';
import { companyMessages } from '../../src/shared/messages/company';

describe('action dialog messages', () => {
  it("says how an access administrator is named in the company's own portal only (rules 9, 12)", () => {
    const empresas = dialogMessages.roleAdminHint(true);
    expect(empresas).toMatch(/Portal Empresas lo solicita el representante legal o un firmante/);
    expect(empresas).toMatch(/Acuerdo de Acceso Remoto/);
    // Rule 12: administrators the company adds sign it too.
    expect(empresas).toMatch(/«Agregar usuario»/);
    expect(empresas).not.toMatch(/ACHS/);
    const achs = dialogMessages.roleAdminHint(false);
    expect(achs).toMatch(/en ACHS lo nombra el representante legal/);
    expect(achs).not.toMatch(/Portal Empresas|Registrar solicitud/);
  });
});

describe('company request messages', () => {
  it('says why «Aprobar» is off in the words of what the register check found (rules 6, 12)', () => {
    expect(companyMessages.cannotApprove.company_not_adherent).toMatch(/no está adherida/);
    expect(companyMessages.cannotApprove.company_not_adherent).not.toMatch(/registro/);
    expect(companyMessages.cannotApprove.not_signatory).toMatch(/registro de la empresa/);
  });
});
