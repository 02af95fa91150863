/**
 * The company half of the seeds, one test per sentence (seeds/002 Portal Empresas; seeds/000
 * "Rol administrador empresa").
 */
import { describe, expect, it } from 'vitest';
import {
  checkAccessRequester,
  companyProfileAssigned,
  firstAccessAdvice,
  firstAccessKey,
  mayBeAdmin,
  mayChangeProfiles,
  mayDecide,
  mayManageCompanyUsers,
  needsAgreement,
  type CompanyAuthority,
} from '../../src/shared/rules/company-access';

const REP = 10_203_040;
const TRF = 11_222_333;
const ADMIN = 12_333_444;
const OTHER = 13_444_555;
const company: CompanyAuthority = {
  signatories: [
    { personRut: REP, kind: 'legal_representative' },
    { personRut: TRF, kind: 'trf' },
  ],
  admins: [{ personRut: ADMIN, kind: 'commercial_contact' }],
};
const adherent = { adherent: true };

describe('«El acceso solo puede ser solicitado por el Representante Legal o personas habilitadas en la TRF»', () => {
  it('approves the legal representative', () => {
    expect(checkAccessRequester(REP, adherent, company.signatories)).toEqual({
      ok: true,
      as: 'legal_representative',
    });
  });

  it('approves a person enabled in the TRF', () => {
    expect(checkAccessRequester(TRF, adherent, company.signatories)).toEqual({
      ok: true,
      as: 'trf',
    });
  });

  it('«Si otra persona diferente a las dos anteriores hace la solicitud, será rechazada»', () => {
    expect(checkAccessRequester(OTHER, adherent, company.signatories)).toEqual({
      ok: false,
      reason: 'not_signatory',
    });
    // An access administrator is not a requester either: the register decides, not the title.
    expect(checkAccessRequester(ADMIN, adherent, company.signatories)).toMatchObject({ ok: false });
  });

  it('a company no longer adherent gives nobody access (rule 6)', () => {
    expect(checkAccessRequester(REP, { adherent: false }, company.signatories)).toEqual({
      ok: false,
      reason: 'company_not_adherent',
    });
  });

  it('decides a request once', () => {
    expect(mayDecide('pending')).toBe(true);
    expect(mayDecide('approved')).toBe(false);
    expect(mayDecide('rejected')).toBe(false);
  });
});

describe('«Sin este paso (la firma del Acuerdo de Acceso Remoto), el perfil empresa no será asignado»', () => {
  it('assigns the company profile only once the agreement is signed', () => {
    const admin = { role: 'access_admin' as const, state: 'active' as const };
    expect(companyProfileAssigned({ ...admin, agreementSigned: false })).toBe(false);
    expect(companyProfileAssigned({ ...admin, agreementSigned: true })).toBe(true);
    expect(companyProfileAssigned({ ...admin, state: 'paused', agreementSigned: true })).toBe(
      false,
    );
  });

  it('«Los nuevos administradores deberán firmar el Contrato de Acceso Remoto»', () => {
    expect(needsAgreement('access_admin')).toBe(true);
    expect(needsAgreement('company_user')).toBe(true);
    expect(needsAgreement('worker')).toBe(false);
  });
});

describe('«La clave de los últimos 4 dígitos del RUT se utiliza únicamente para el primer ingreso»', () => {
  it('is the 4 digits before the check digit', () => {
    expect(firstAccessKey(10_203_040)).toBe('3040');
    expect(firstAccessKey(76_540_007)).toBe('0007');
    expect(firstAccessKey(1_234)).toBe('1234');
  });

  it('«Si eres Administrador y ya estabas registrado como afiliado, ingresa con tu contraseña habitual»', () => {
    expect(firstAccessAdvice({ passwordSet: true, firstAccessUsed: false })).toBe('usual_password');
    expect(firstAccessAdvice({ passwordSet: true, firstAccessUsed: true })).toBe('usual_password');
  });

  it('a first entry uses the key; once used, «Olvidé mi contraseña»', () => {
    expect(firstAccessAdvice({ passwordSet: false, firstAccessUsed: false })).toBe(
      'first_access_key',
    );
    expect(firstAccessAdvice({ passwordSet: false, firstAccessUsed: true })).toBe('reset_password');
  });
});

describe('«Se pueden modificar los perfiles, pero solo el administrador de accesos de la empresa o el call de ACHS»', () => {
  it('lets the call center and a verified access administrator of that company', () => {
    expect(mayChangeProfiles({ kind: 'call_center' }, company)).toBe(true);
    expect(mayChangeProfiles({ kind: 'person', personRut: ADMIN, verified: true }, company)).toBe(
      true,
    );
  });

  it('refuses anyone else, and an administrator whose identity was not checked', () => {
    expect(mayChangeProfiles({ kind: 'person', personRut: OTHER, verified: true }, company)).toBe(
      false,
    );
    expect(mayChangeProfiles({ kind: 'person', personRut: ADMIN, verified: false }, company)).toBe(
      false,
    );
  });

  it('models the three kinds of access administrator', () => {
    expect(mayBeAdmin('legal_representative', REP, null, company)).toBe(true);
    expect(mayBeAdmin('legal_representative', OTHER, null, company)).toBe(false);
    expect(mayBeAdmin('commercial_contact', OTHER, null, company)).toBe(true);
    // «una persona designada por el representante legal»
    expect(mayBeAdmin('appointed', OTHER, REP, company)).toBe(true);
    expect(mayBeAdmin('appointed', OTHER, TRF, company)).toBe(false);
    expect(mayBeAdmin('appointed', OTHER, null, company)).toBe(false);
  });
});

describe('«El representante puede otorgar acceso a trabajadores y personas externas; pausar o eliminar accesos»', () => {
  it('on the call of a verified legal representative or access administrator of that company', () => {
    expect(mayManageCompanyUsers({ kind: 'person', personRut: REP, verified: true }, company)).toBe(
      true,
    );
    expect(
      mayManageCompanyUsers({ kind: 'person', personRut: ADMIN, verified: true }, company),
    ).toBe(true);
  });

  it('nobody else may ask: not a TRF signatory, not an unverified caller, not the desk alone', () => {
    expect(mayManageCompanyUsers({ kind: 'person', personRut: TRF, verified: true }, company)).toBe(
      false,
    );
    expect(
      mayManageCompanyUsers({ kind: 'person', personRut: REP, verified: false }, company),
    ).toBe(false);
    expect(mayManageCompanyUsers({ kind: 'call_center' }, company)).toBe(false);
  });
});
