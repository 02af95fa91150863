/**
 * The company half of the seeds, one test per sentence (seeds/002 Portal Empresas; seeds/000
 * "Rol administrador empresa").
 */
import { describe, expect, it } from 'vitest';
import {
  addsProfile,
  agentActor,
  changeWaitReason,
  checkAccessRequester,
  companyChangeWaits,
  companyProfileAssigned,
  firstAccessAdvice,
  companyRequester,
  grantsToSelf,
  mayBeAdmin,
  mayRequestCompanyChange,
  needsAgreement,
  othersMayAsk,
  profileStanding,
  shieldsRepresentative,
  stateWithProfile,
  takesAuthority,
  type CompanyAuthority,
  profileChangeBlocked,
  profileChangeRefusal,
  profileChangesFrom,
  representativeWaitOf,
} from '../../src/shared/rules/company-access';

const REP = 10_203_040;
const TRF = 11_222_333;
const ADMIN = 12_333_444;
const OTHER = 13_444_555;
const company: CompanyAuthority = {
  onEmpresas: false,
  signatories: [
    { personRut: REP, kind: 'legal_representative' },
    { personRut: TRF, kind: 'trf' },
  ],
  admins: [
    { personRut: ADMIN, kind: 'commercial_contact', state: 'active', agreementSigned: false },
  ],
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
  it('lets a verified access administrator of that company ask, and its legal representative (one of them)', () => {
    expect(mayRequestCompanyChange({ personRut: ADMIN, verified: true }, company)).toBe(true);
    expect(mayRequestCompanyChange({ personRut: REP, verified: true }, company)).toBe(true);
  });

  it('refuses anyone else, a TRF signatory, and an administrator whose identity was not checked', () => {
    expect(mayRequestCompanyChange({ personRut: OTHER, verified: true }, company)).toBe(false);
    expect(mayRequestCompanyChange({ personRut: TRF, verified: true }, company)).toBe(false);
    expect(mayRequestCompanyChange({ personRut: ADMIN, verified: false }, company)).toBe(false);
    expect(companyRequester(OTHER, company)).toBeNull();
    expect(companyRequester(TRF, company)).toBeNull();
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

describe('Portal Empresas: «Sin esta firma, no se asignará el perfil empresa» — nor its authority', () => {
  const empresas = (
    admins: CompanyAuthority['admins'],
    signatories: CompanyAuthority['signatories'] = [
      { personRut: REP, kind: 'legal_representative' },
    ],
  ): CompanyAuthority => ({ onEmpresas: true, signatories, admins });
  const profile = (personRut: number, agreementSigned: boolean, state = 'active' as const) => ({
    personRut,
    kind: 'commercial_contact' as const,
    state,
    agreementSigned,
  });

  it('a legal representative whose agreement is unsigned cannot ask yet, and the rule says why', () => {
    // Héctor at Comercial Araucanía: representative, approved, agreement sent and unsigned.
    expect(companyRequester(REP, empresas([profile(REP, false)]))).toEqual({
      ok: false,
      as: 'legal_representative',
      reason: 'agreement_unsigned',
    });
  });

  it('a legal representative without any company profile cannot ask yet', () => {
    // Gloria at La Espiga: representative, her request still pending.
    expect(companyRequester(REP, empresas([]))).toEqual({
      ok: false,
      as: 'legal_representative',
      reason: 'no_company_profile',
    });
  });

  it('once signed, the representative and the administrators ask — for every change alike', () => {
    const signed = empresas([profile(REP, true), profile(ADMIN, true)]);
    expect(companyRequester(REP, signed)).toEqual({ ok: true, as: 'legal_representative' });
    expect(companyRequester(ADMIN, signed)).toEqual({ ok: true, as: 'access_admin' });
    expect(mayRequestCompanyChange({ personRut: ADMIN, verified: true }, signed)).toBe(true);
  });

  it('an administrator still unsigned, or paused, holds no authority; a deleted one is not listed', () => {
    expect(companyRequester(ADMIN, empresas([profile(ADMIN, false)]))).toMatchObject({
      ok: false,
      reason: 'agreement_unsigned',
    });
    expect(
      companyRequester(ADMIN, empresas([profile(ADMIN, true, 'paused' as 'active')])),
    ).toMatchObject({
      ok: false,
      reason: 'profile_not_active',
    });
    expect(
      companyRequester(ADMIN, empresas([profile(ADMIN, true, 'removed' as 'active')])),
    ).toBeNull();
  });

  it('a closed access nobody else may ask back: the others all wait, or there are none', () => {
    // Marcela, La Espiga's only signed administrator, disabled; Gloria (representative) unsigned.
    const marcela = profile(ADMIN, true, 'disabled' as 'active');
    expect(othersMayAsk(ADMIN, empresas([marcela, profile(REP, false)]))).toBe(false);
    expect(othersMayAsk(ADMIN, empresas([marcela], []))).toBe(false);
    // Once Gloria signs, she may ask; another signed administrator may too.
    expect(othersMayAsk(ADMIN, empresas([marcela, profile(REP, true)]))).toBe(true);
    expect(othersMayAsk(ADMIN, empresas([marcela, profile(OTHER, true)], []))).toBe(true);
    // On ACHS the representative asks on the register's word, with no profile of his.
    expect(othersMayAsk(ADMIN, { ...company, admins: [marcela] })).toBe(true);
    // The person himself does not count, whatever he may do.
    expect(othersMayAsk(REP, empresas([profile(REP, true)]))).toBe(false);
  });
});

describe('what a company profile is shown as, and counted as', () => {
  it('an active, unsigned Portal Empresas profile is pending signature; anything else its state', () => {
    const unsigned = {
      role: 'access_admin' as const,
      state: 'active' as const,
      agreementSigned: false,
      external: false,
    };
    expect(profileStanding(unsigned, true)).toBe('pending_signature');
    expect(profileStanding(unsigned, false)).toBe('active');
    expect(profileStanding({ ...unsigned, agreementSigned: true }, true)).toBe('active');
    expect(profileStanding({ ...unsigned, state: 'paused' }, true)).toBe('paused');
    expect(profileStanding({ ...unsigned, role: 'worker' }, true)).toBe('active');
  });
  it('an outsider whose tie ended had his access deleted (rule 13); a worker is «de baja» (rule 7)', () => {
    const ended = {
      role: 'company_user' as const,
      state: 'removed' as const,
      agreementSigned: true,
    };
    expect(profileStanding({ ...ended, external: true }, true)).toBe('access_removed');
    expect(profileStanding({ ...ended, external: true }, false)).toBe('access_removed');
    expect(profileStanding({ ...ended, external: false }, true)).toBe('removed');
    expect(profileStanding({ ...ended, state: 'paused', external: true }, true)).toBe('paused');
  });
});

describe('an access administrator does not widen their own access; a legal representative may', () => {
  const admin = { personRut: ADMIN, as: 'access_admin' as const };
  it('refuses an administrator adding, re-enabling or granting a module to themselves', () => {
    expect(grantsToSelf(admin, ADMIN, true)).toBe(true);
  });
  it('lets them give their own access up, and act for anyone else', () => {
    expect(grantsToSelf(admin, ADMIN, false)).toBe(false);
    expect(grantsToSelf(admin, OTHER, true)).toBe(false);
  });
  it('lets the legal representative ask for themselves: the register is their authority (rule 12)', () => {
    expect(grantsToSelf({ personRut: REP, as: 'legal_representative' }, REP, true)).toBe(false);
  });
});

describe('ACHS: «Responsable nombrado por el representante legal» — appointed by «Agregar usuario», again too', () => {
  const achs = { onEmpresas: false };
  const empresas = { onEmpresas: true };
  it('gives a profile to someone without one, a deleted user or a worker, as always', () => {
    expect(addsProfile(null, 'company_user', achs)).toBe(true);
    expect(addsProfile({ role: 'company_user', state: 'removed' }, 'company_user', achs)).toBe(
      true,
    );
    expect(addsProfile({ role: 'worker', state: 'active' }, 'access_admin', empresas)).toBe(true);
  });
  it('appoints a company user — an administrator demoted included — administrator at ACHS only', () => {
    for (const state of ['active', 'disabled', 'paused'] as const) {
      expect(addsProfile({ role: 'company_user', state }, 'access_admin', achs)).toBe(true);
    }
    expect(addsProfile({ role: 'company_user', state: 'active' }, 'company_user', achs)).toBe(
      false,
    );
    expect(addsProfile({ role: 'access_admin', state: 'active' }, 'access_admin', achs)).toBe(
      false,
    );
    // Portal Empresas: an administrator comes by a request and the agreement (rule 12).
    expect(addsProfile({ role: 'company_user', state: 'active' }, 'access_admin', empresas)).toBe(
      false,
    );
  });
});

describe('«Inhabilitar un usuario» is its own request: a profile given leaves the access as it was (rule 11)', () => {
  it('opens a new or deleted membership active', () => {
    expect(stateWithProfile(null)).toBe('active');
    expect(stateWithProfile({ state: 'removed' })).toBe('active');
    expect(stateWithProfile({ state: 'active' })).toBe('active');
  });
  it('leaves a disabled or paused access so: giving it back is «Habilitar» or «Reanudar»', () => {
    expect(stateWithProfile({ state: 'disabled' })).toBe('disabled');
    expect(stateWithProfile({ state: 'paused' })).toBe('paused');
  });
});

describe('the legal representative’s authority is the register’s, not a peer’s to switch off', () => {
  const representative = { personRut: REP, legalRepresentative: true };
  const administrator = { personRut: ADMIN, administersCompany: true };
  const callCentre = { personRut: null, administersCompany: false };
  it('says which changes take authority away: a state other than active', () => {
    for (const toState of ['disabled', 'paused', 'removed'] as const) {
      expect(takesAuthority({ toState })).toBe(true);
    }
    expect(takesAuthority({ toState: 'active' })).toBe(false);
  });
  it('refuses another administrator (or another representative) disabling, pausing or dismissing him', () => {
    for (const toState of ['disabled', 'paused', 'removed'] as const) {
      expect(shieldsRepresentative(representative, administrator, { toState })).toBe(true);
    }
    // Demoting him is refused to anyone, not only to a peer (profileChangeRefusal, below).
    expect(
      profileChangeRefusal(
        { role: 'access_admin', external: false, legalRepresentative: true },
        'company_user',
        { onEmpresas: false, adherent: true },
      ),
    ).toBe('representative_register');
    expect(
      shieldsRepresentative(
        representative,
        { personRut: OTHER, administersCompany: true },
        { toState: 'disabled' },
      ),
    ).toBe(true);
  });
  it('lets him ask for his own, the call centre act, anyone give access back, and leaves others alone', () => {
    const disable = { toState: 'disabled' } as const;
    expect(
      shieldsRepresentative(representative, { personRut: REP, administersCompany: true }, disable),
    ).toBe(false);
    expect(shieldsRepresentative(representative, callCentre, disable)).toBe(false);
    expect(shieldsRepresentative(representative, administrator, { toState: 'active' })).toBe(false);
    expect(
      shieldsRepresentative(
        { personRut: OTHER, legalRepresentative: false },
        administrator,
        disable,
      ),
    ).toBe(false);
  });
  it('says which module changes take authority away: any module held taken away', () => {
    const held = ['usuarios', 'reportes'];
    expect(takesAuthority({ modulesFrom: held, modulesTo: [] })).toBe(true);
    expect(takesAuthority({ modulesFrom: held, modulesTo: ['usuarios'] })).toBe(true);
    expect(takesAuthority({ modulesFrom: held, modulesTo: ['reportes', 'usuarios'] })).toBe(false);
    expect(takesAuthority({ modulesFrom: held, modulesTo: [...held, 'siniestros'] })).toBe(false);
    expect(takesAuthority({ modulesFrom: [], modulesTo: [] })).toBe(false);
  });
  it('refuses another administrator taking his modules away — one or all — but not giving him one', () => {
    const held = ['usuarios', 'siniestros', 'reportes'];
    expect(
      shieldsRepresentative(representative, administrator, { modulesFrom: held, modulesTo: [] }),
    ).toBe(true);
    expect(
      shieldsRepresentative(representative, administrator, {
        modulesFrom: held,
        modulesTo: ['usuarios', 'reportes'],
      }),
    ).toBe(true);
    expect(
      shieldsRepresentative(representative, administrator, {
        modulesFrom: held,
        modulesTo: [...held, 'documentos'],
      }),
    ).toBe(false);
    // He drops his own; another user's modules are another administrator's to change.
    const drop = { modulesFrom: held, modulesTo: [] };
    expect(
      shieldsRepresentative(representative, { personRut: REP, administersCompany: true }, drop),
    ).toBe(false);
    expect(
      shieldsRepresentative({ personRut: OTHER, legalRepresentative: false }, administrator, drop),
    ).toBe(false);
  });
  it('an agent is an actor of the companies they administer', () => {
    expect(agentActor({ personRut: ADMIN, adminOfCompanyRuts: [76_543_210] }, 76_543_210)).toEqual(
      administrator,
    );
    expect(agentActor({ adminOfCompanyRuts: [1] }, 76_543_210)).toEqual(callCentre);
  });
});

describe('what «Cambiar perfil» may do (rules 5, 6, 9, 12, 13)', () => {
  const achs = { onEmpresas: false, adherent: true };
  const empresas = { onEmpresas: true, adherent: true };
  const gone = { onEmpresas: false, adherent: false };
  const from = (
    role: string,
    more: Partial<{ external: boolean; legalRepresentative: boolean }> = {},
  ) => ({
    role,
    external: false,
    legalRepresentative: false,
    ...more,
  });
  it('never names an administrator, on either portal', () => {
    expect(profileChangeRefusal(from('company_user'), 'access_admin', achs)).toBe(
      'admin_not_by_profile_change',
    );
    expect(profileChangeRefusal(from('worker'), 'access_admin', empresas)).toBe(
      'admin_not_by_profile_change',
    );
  });
  it('gives a company profile from a worker only at an adherent ACHS company', () => {
    expect(profileChangeRefusal(from('worker'), 'company_user', empresas)).toBe(
      'profile_not_by_change',
    );
    expect(profileChangeRefusal(from('worker'), 'company_user', gone)).toBe('company_not_adherent');
    expect(profileChangeRefusal(from('worker'), 'company_user', achs)).toBeNull();
    expect(profileChangesFrom(from('worker'), empresas)).toEqual([]);
    expect(profileChangeBlocked(from('worker'), empresas)).toBe('profile_not_by_change');
    expect(profileChangesFrom(from('worker'), achs)).toEqual(['company_user']);
    expect(profileChangeBlocked(from('worker'), achs)).toBeNull();
  });
  it('never lowers a registered legal representative, nor makes an outsider a worker', () => {
    const representative = from('access_admin', { legalRepresentative: true });
    expect(profileChangesFrom(representative, achs)).toEqual([]);
    expect(profileChangeBlocked(representative, achs)).toBe('representative_register');
    const outsider = from('company_user', { external: true });
    expect(profileChangeRefusal(outsider, 'worker', empresas)).toBe('outsider_not_worker');
    expect(profileChangeBlocked(outsider, empresas)).toBe('outsider_not_worker');
  });
  it('lets a profile be given up or lowered on either portal', () => {
    expect(profileChangesFrom(from('access_admin'), empresas)).toEqual(['worker', 'company_user']);
    expect(profileChangesFrom(from('company_user'), empresas)).toEqual(['worker']);
    expect(profileChangesFrom(from('company_user'), gone)).toEqual(['worker']);
  });
});

describe('a change nobody can ask for now waits on the company’s page, and says why (rules 6, 9, 12, 13)', () => {
  const representative = { personRut: REP, legalRepresentative: true };
  const user = { personRut: OTHER, legalRepresentative: false };
  const adherent = { adherent: true };
  const unsigned = { personRut: REP, cannotAsk: 'agreement_unsigned' as const };
  const signedAdmin = { personRut: ADMIN, cannotAsk: null };
  it('an unsigned representative’s access and modules: only he may ask, and he cannot until he signs', () => {
    const wait = { why: 'representative_himself', reason: 'agreement_unsigned' };
    expect(companyChangeWaits(representative, 'takes', adherent, [unsigned])).toEqual(wait);
    expect(companyChangeWaits(representative, 'modules', adherent, [unsigned])).toEqual(wait);
    // Another administrator cannot take his access away either: it still waits for him.
    expect(companyChangeWaits(representative, 'takes', adherent, [unsigned, signedAdmin])).toEqual(
      wait,
    );
  });
  it('his modules wait only while nobody else may ask: another may give him one', () => {
    expect(
      companyChangeWaits(representative, 'modules', adherent, [unsigned, signedAdmin]),
    ).toBeNull();
  });
  it('a representative who may ask, or one the page cannot verify', () => {
    const signed = { personRut: REP, cannotAsk: null };
    expect(companyChangeWaits(representative, 'takes', adherent, [signed])).toBeNull();
    expect(companyChangeWaits(representative, 'modules', adherent, [signed])).toBeNull();
    expect(companyChangeWaits(representative, 'takes', adherent, [signedAdmin])).toEqual({
      why: 'representative_himself',
      reason: 'not_listed',
    });
  });
  it('anyone else’s changes are the dialog’s to decide with the caller', () => {
    expect(companyChangeWaits(user, 'takes', adherent, [])).toBeNull();
    expect(companyChangeWaits(user, 'modules', adherent, [unsigned])).toBeNull();
  });
  it('an access is not given back at a company no longer adherent (rule 6); taking stays possible', () => {
    expect(companyChangeWaits(user, 'gives_back', { adherent: false }, [signedAdmin])).toEqual({
      why: 'company_not_adherent',
    });
    expect(companyChangeWaits(user, 'gives_back', adherent, [signedAdmin])).toBeNull();
    expect(companyChangeWaits(user, 'takes', { adherent: false }, [signedAdmin])).toBeNull();
  });
});

describe('a change that waits is the same reason on a person’s record (rules 6, 9, 12, 13)', () => {
  it('says rule 6, or why the representative himself cannot ask, as a button’s reason', () => {
    expect(changeWaitReason({ why: 'company_not_adherent' })).toBe('company_not_adherent');
    expect(changeWaitReason({ why: 'representative_himself', reason: 'agreement_unsigned' })).toBe(
      'representative_unsigned',
    );
    expect(changeWaitReason({ why: 'representative_himself', reason: 'no_company_profile' })).toBe(
      'representative_no_profile',
    );
    expect(changeWaitReason({ why: 'representative_himself', reason: 'profile_not_active' })).toBe(
      'representative_inactive',
    );
    expect(changeWaitReason({ why: 'representative_himself', reason: 'not_listed' })).toBe(
      'representative_unlisted',
    );
  });
  it('reads the representative’s cause back from each reason, and none from any other', () => {
    for (const reason of [
      'agreement_unsigned',
      'no_company_profile',
      'profile_not_active',
      'not_listed',
    ] as const) {
      expect(
        representativeWaitOf(changeWaitReason({ why: 'representative_himself', reason })),
      ).toBe(reason);
    }
    for (const other of [
      'company_not_adherent',
      'representative_register',
      'role',
      'agreement_unsigned',
    ]) {
      expect(representativeWaitOf(other)).toBeNull();
    }
  });
  it('his own standing decides: an unsigned representative waits; signed, he may ask', () => {
    const empresas: CompanyAuthority = {
      onEmpresas: true,
      signatories: [{ personRut: REP, kind: 'legal_representative' }],
      admins: [
        { personRut: REP, kind: 'legal_representative', state: 'active', agreementSigned: false },
      ],
    };
    const himself = (authority: CompanyAuthority) => {
      const standing = companyRequester(REP, authority)!;
      return [{ personRut: REP, cannotAsk: standing.ok ? null : standing.reason }];
    };
    const representative = { personRut: REP, legalRepresentative: true };
    const wait = companyChangeWaits(representative, 'takes', { adherent: true }, himself(empresas));
    expect(wait && changeWaitReason(wait)).toBe('representative_unsigned');
    const signed = {
      ...empresas,
      admins: [{ ...empresas.admins[0]!, agreementSigned: true }],
    };
    expect(
      companyChangeWaits(representative, 'takes', { adherent: true }, himself(signed)),
    ).toBeNull();
    const paused = { ...signed, admins: [{ ...signed.admins[0]!, state: 'paused' as const }] };
    const pausedWait = companyChangeWaits(
      representative,
      'takes',
      { adherent: true },
      himself(paused),
    );
    expect(pausedWait && changeWaitReason(pausedWait)).toBe('representative_inactive');
  });
});
