import { describe, expect, it } from 'vitest';
import { dialogMessages } from '../../src/shared/messages/actions';

describe('action dialog messages', () => {
  it("says how an access administrator is named in the company's own portal only (rules 9, 12)", () => {
    const empresas = dialogMessages.roleAdminHint(true);
    expect(empresas).toMatch(/Portal Empresas lo solicita el representante legal o un firmante/);
    expect(empresas).toMatch(/Acuerdo de Acceso Remoto/);
    expect(empresas).not.toMatch(/ACHS/);
    const achs = dialogMessages.roleAdminHint(false);
    expect(achs).toMatch(/en ACHS lo nombra el representante legal/);
    expect(achs).not.toMatch(/Portal Empresas|Registrar solicitud/);
  });
});
