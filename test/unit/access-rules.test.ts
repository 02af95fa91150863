/**
 * The shared rules of access and mails: what the record offers, what the diagnosis proposes and
 * what the desk's and the central API's resend accept all come from these.
 */
import { describe, expect, it } from 'vitest';
import {
  accessBlockBadge,
  approvalAwaitsAt,
  approvedAwaitingSignature,
  awaitsSignature,
  affiliateProfile,
  fittingMailKinds,
  hasAccess,
  mailWaitMs,
  hasAccessAt,
  isMailKind,
  loginBlockBadge,
  loginClosed,
  loginClosedAt,
  mailFits,
  signatureWaitsForAccess,
  unsignedAgreement,
  type AccessFacts,
  type MailFacts,
} from '../../src/shared/rules/access';

const active = { state: 'active' as const, companyAdherent: true };
const base: MailFacts = {
  portal: 'achs_gestion',
  hasEmail: true,
  registrationState: 'active',
  emailVerified: true,
  hasAccess: true,
  loginClosed: false,
  hasApprovedRequest: false,
  hasUnsignedAgreement: false,
};

describe('access', () => {
  it('needs an active membership at an adherent company (rules 6, 7)', () => {
    expect(hasAccess({ isPensioner: false, memberships: [active] })).toBe(true);
    expect(
      hasAccess({ isPensioner: false, memberships: [{ ...active, companyAdherent: false }] }),
    ).toBe(false);
    expect(hasAccess({ isPensioner: false, memberships: [{ ...active, state: 'removed' }] })).toBe(
      false,
    );
  });

  it('keeps access through another member company after one dismissal (rule 7)', () => {
    expect(
      hasAccess({ isPensioner: false, memberships: [{ ...active, state: 'removed' }, active] }),
    ).toBe(true);
  });

  it('a company profile on Portal Empresas opens nothing until the agreement is signed (rule 12)', () => {
    const profile = {
      ...active,
      role: 'access_admin' as const,
      agreementSigned: false,
      companyOnEmpresas: true,
    };
    expect(hasAccess({ isPensioner: false, memberships: [profile] })).toBe(false);
    expect(
      hasAccess({ isPensioner: false, memberships: [{ ...profile, agreementSigned: true }] }),
    ).toBe(true);
    // At an ACHS company there is no agreement to wait for.
    expect(
      hasAccess({ isPensioner: false, memberships: [{ ...profile, companyOnEmpresas: false }] }),
    ).toBe(true);
    // Not «Inhabilitado» nor «no adherida», and not «Activo» either: «Pendiente de firma» (the
    // diagnosis names the missing step).
    expect(accessBlockBadge({ isPensioner: false, memberships: [profile] })).toBe(
      'pending_signature',
    );
    expect(
      accessBlockBadge({
        isPensioner: false,
        memberships: [{ ...profile, agreementSigned: true }],
      }),
    ).toBeNull();
    // A worker of the same company beside it gets in as an affiliate: no badge of a block.
    expect(
      accessBlockBadge({ isPensioner: false, isWorker: true, memberships: [profile] }),
    ).toBeNull();
    expect(
      unsignedAgreement([
        { state: 'active', role: 'access_admin', agreementSigned: false, companyOnEmpresas: false },
      ]),
    ).toBe(false);
  });

  it('says on each login’s row what blocks that login, by its own companies', () => {
    const achsDisabled = { ...active, state: 'disabled' as const, role: 'worker' as const };
    const unsigned = {
      ...active,
      role: 'access_admin' as const,
      agreementSigned: false,
      companyOnEmpresas: true,
    };
    const signed = { ...unsigned, agreementSigned: true };
    // ACHS disabled, Los Héroes open: the person gets in (no block of theirs), but the ACHS
    // Gestión row says its access is gone, and the Los Héroes row nothing.
    const open = { isPensioner: false, memberships: [achsDisabled, signed] };
    expect(accessBlockBadge(open)).toBeNull();
    expect(loginBlockBadge('achs', open)).toBe('disabled');
    expect(loginBlockBadge('los_heroes', open)).toBeNull();
    // ACHS disabled, Los Héroes waiting for the signature: each row its own word.
    const waiting = { isPensioner: false, memberships: [achsDisabled, unsigned] };
    expect(loginBlockBadge('achs', waiting)).toBe('disabled');
    expect(loginBlockBadge('los_heroes', waiting)).toBe('pending_signature');
    // A pensioner enters Portal Héroes whatever his companies; ACHS Gestión is another login.
    const pensioner = { isPensioner: true, memberships: [achsDisabled] };
    expect(loginBlockBadge('los_heroes', pensioner)).toBeNull();
    expect(loginBlockBadge('achs', pensioner)).toBe('disabled');
  });

  it('lets a pensioner with no company in, and nobody else without one', () => {
    expect(hasAccess({ isPensioner: true, memberships: [] })).toBe(true);
    expect(hasAccess({ isPensioner: false, memberships: [] })).toBe(false);
  });

  it('keeps a pensioner in Portal Héroes whatever becomes of his companies, not in ACHS Gestión (rule 14)', () => {
    const dismissed = { ...active, state: 'removed' as const, role: 'worker' as const };
    const facts = { isPensioner: true, memberships: [dismissed] };
    expect(hasAccess(facts)).toBe(true);
    expect(affiliateProfile(facts)).toBe('pensioner');
    expect(hasAccessAt('portal_heroes', facts)).toBe(true);
    // His ACHS company closed: that login opens nothing, and no new password for it is offered.
    expect(hasAccessAt('achs_gestion', facts)).toBe(false);
    expect(accessBlockBadge(facts)).toBeNull();
    expect(accessBlockBadge({ ...facts, isPensioner: false })).toBe('disabled');
  });

  it('keeps an affiliated worker’s affiliate profile open beside a closed company profile (rule 14)', () => {
    const paused = {
      ...active,
      state: 'paused' as const,
      role: 'company_user' as const,
      agreementSigned: true,
      companyOnEmpresas: true,
    };
    const worker = { isPensioner: false, isWorker: true, memberships: [paused] };
    expect(affiliateProfile(worker)).toBe('affiliate');
    expect(hasAccessAt('portal_heroes', worker)).toBe(true);
    expect(hasAccessAt('portal_empresas', worker)).toBe(true);
    expect(accessBlockBadge(worker)).toBeNull();
    // Deleted, or still waiting for the agreement: the company profile, not the affiliate one.
    for (const membership of [
      { ...paused, state: 'removed' as const },
      { ...paused, state: 'active' as const, agreementSigned: false },
    ]) {
      expect(hasAccess({ ...worker, memberships: [membership] }), membership.state).toBe(true);
    }
    // A company user who is no affiliate has only her company profile on that login.
    expect(hasAccess({ ...worker, isWorker: false })).toBe(false);
    // Nor does the company's profile keep anyone in once the company is no longer adherent.
    expect(hasAccess({ ...worker, memberships: [{ ...paused, companyAdherent: false }] })).toBe(
      false,
    );
    // An affiliated worker at an ACHS company has no Los Héroes login to keep.
    expect(hasAccess({ ...worker, memberships: [{ ...paused, companyOnEmpresas: false }] })).toBe(
      false,
    );
  });

  it('names why someone with memberships has no access, as a badge', () => {
    expect(accessBlockBadge({ isPensioner: false, memberships: [active] })).toBeNull();
    expect(accessBlockBadge({ isPensioner: false, memberships: [] })).toBeNull();
    expect(
      accessBlockBadge({ isPensioner: false, memberships: [{ ...active, state: 'removed' }] }),
    ).toBe('disabled');
    expect(
      accessBlockBadge({ isPensioner: false, memberships: [{ ...active, state: 'paused' }] }),
    ).toBe('disabled');
    expect(
      accessBlockBadge({
        isPensioner: false,
        memberships: [{ ...active, companyAdherent: false }],
      }),
    ).toBe('company_not_adherent');
  });
});

describe('a login closed for good (rules 6, 7; rule 14 keeps Los Héroes open)', () => {
  const achs = (state: 'active' | 'removed' | 'paused' | 'disabled', companyAdherent = true) => ({
    state,
    companyAdherent,
  });
  const empresas = (state: 'active' | 'removed', role: 'worker' | 'company_user' = 'worker') => ({
    state,
    companyAdherent: true,
    companyOnEmpresas: true,
    role,
  });
  const facts = (memberships: AccessFacts['memberships'], isPensioner = false): AccessFacts => ({
    isPensioner,
    memberships,
  });

  it('every company of the login dismissed or no longer adherent: closed', () => {
    // Agustín: his only ACHS company stopped being adherent.
    expect(loginClosed('achs', facts([achs('active', false)]))).toBe(true);
    // Dismissed from his only ACHS company, still at a Caja company on the other login.
    const twoLogins = facts([achs('removed'), empresas('active')]);
    expect(loginClosed('achs', twoLogins)).toBe(true);
    expect(loginClosed('los_heroes', twoLogins)).toBe(false);
    expect(loginClosedAt('achs_gestion', twoLogins)).toBe(true);
    expect(loginClosedAt('portal_empresas', twoLogins)).toBe(false);
  });

  it('an access that may be given back, or one company still open, keeps it open', () => {
    expect(loginClosed('achs', facts([achs('paused')]))).toBe(false);
    expect(loginClosed('achs', facts([achs('disabled')]))).toBe(false);
    expect(loginClosed('achs', facts([achs('removed'), achs('active')]))).toBe(false);
  });

  it('a pensioner keeps Los Héroes’ login whatever became of the companies; none on it: not judged', () => {
    expect(loginClosed('los_heroes', facts([empresas('removed')], true))).toBe(false);
    expect(loginClosed('los_heroes', facts([empresas('removed')]))).toBe(true);
    expect(loginClosed('los_heroes', facts([achs('active')]))).toBe(false);
    expect(loginClosed('achs', facts([]))).toBe(false);
  });
});

describe('mails that fit', () => {
  it('never fit without an address (rule 2: no e-mail, no registration)', () => {
    for (const kind of fittingMailKinds({ ...base, hasEmail: true, emailVerified: false })) {
      expect(mailFits(kind, { ...base, hasEmail: false, emailVerified: false })).toBe(false);
    }
  });

  it('a password link only after a registration that passed the serial check (rule 2)', () => {
    expect(fittingMailKinds({ ...base, registrationState: 'pending_activation' })).toEqual([
      'password_creation',
    ]);
    expect(fittingMailKinds({ ...base, registrationState: 'not_registered' })).toEqual([]);
  });

  it('a password reset for a registered person with access (rule 4), not after a dismissal', () => {
    expect(mailFits('password_reset', base)).toBe(true);
    expect(mailFits('password_reset', { ...base, hasAccess: false })).toBe(false);
  });

  it('an e-mail confirmation only while the address is unverified (rule 10)', () => {
    expect(mailFits('email_confirmation', base)).toBe(false);
    expect(mailFits('email_confirmation', { ...base, emailVerified: false })).toBe(true);
  });

  it('no step of a login whose every company closed for good: no password link, no confirmation (rules 6, 7)', () => {
    const closed = { ...base, hasAccess: false, loginClosed: true };
    expect(
      mailFits('password_creation', { ...closed, registrationState: 'pending_activation' }),
    ).toBe(false);
    expect(mailFits('email_confirmation', { ...closed, emailVerified: false })).toBe(false);
    expect(fittingMailKinds({ ...closed, emailVerified: false })).toEqual([]);
  });

  it('the approval mail only on Portal Empresas after an approved request (rule 12)', () => {
    const empresas = { ...base, portal: 'portal_empresas' as const };
    expect(mailFits('access_approval', empresas)).toBe(false);
    expect(mailFits('access_approval', { ...empresas, hasApprovedRequest: true })).toBe(true);
    expect(mailFits('access_approval', { ...base, hasApprovedRequest: true })).toBe(false);
    // One Los Héroes login: its account carries the Portal Empresas mails too.
    const losHeroes = { ...base, portal: 'portal_heroes' as const, hasApprovedRequest: true };
    expect(mailFits('access_approval', losHeroes)).toBe(true);
  });

  it('the agreement mail only while a company profile waits for its signature (rule 12)', () => {
    const empresas = { ...base, portal: 'portal_empresas' as const };
    expect(mailFits('agreement_signature', empresas)).toBe(false);
    expect(mailFits('agreement_signature', { ...empresas, hasUnsignedAgreement: true })).toBe(true);
    const onEmpresas = { companyOnEmpresas: true, agreementSigned: false };
    expect(unsignedAgreement([{ ...onEmpresas, state: 'active', role: 'access_admin' }])).toBe(
      true,
    );
    expect(unsignedAgreement([{ ...onEmpresas, state: 'active', role: 'worker' }])).toBe(false);
    expect(unsignedAgreement([{ ...onEmpresas, state: 'removed', role: 'access_admin' }])).toBe(
      false,
    );
  });

  it('asks a requester to sign with the approval’s mail, which carries the link, not a second one', () => {
    const profile = {
      companyOnEmpresas: true,
      agreementSigned: false,
      state: 'active',
      role: 'access_admin',
    };
    expect(unsignedAgreement([{ ...profile, approvalAwaits: true }])).toBe(false);
    // An administrator added at another company signs from the agreement's own mail.
    expect(
      unsignedAgreement([
        { ...profile, approvalAwaits: true },
        { ...profile, approvalAwaits: false },
      ]),
    ).toBe(true);
    const requests = [
      { companyRut: 'A', state: 'approved', agreementSigned: false },
      { companyRut: 'B', state: 'approved', agreementSigned: true },
      { companyRut: 'C', state: 'pending' },
    ];
    expect(['A', 'B', 'C', 'D'].map((rut) => approvalAwaitsAt(requests, rut))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('knows its mail kinds', () => {
    expect(isMailKind('password_reset')).toBe(true);
    expect(isMailKind('birthday')).toBe(false);
  });
});

describe('the approval mail serves the agreement step', () => {
  const approved = {
    companyOnEmpresas: true,
    agreementSigned: false,
    state: 'active',
    role: 'access_admin',
    approvalAwaits: true,
  };
  it('is wanted while the profile an approved request gave waits for its signature, not once signed', () => {
    expect(approvedAwaitingSignature([approved])).toBe(true);
    expect(approvedAwaitingSignature([{ ...approved, agreementSigned: true }])).toBe(false);
    // No approved request waits there (pending, or its agreement signed): none to send again.
    expect(approvedAwaitingSignature([{ ...approved, approvalAwaits: false }])).toBe(false);
    expect(approvedAwaitingSignature([{ ...approved, agreementSigned: true }, approved])).toBe(
      true,
    );
  });
  it('is not sent again while that access is paused, disabled or deleted: signing would open nothing (rules 11, 12, 13)', () => {
    for (const state of ['paused', 'disabled', 'removed']) {
      expect(approvedAwaitingSignature([{ ...approved, state }]), state).toBe(false);
    }
    // Nor for a request approved over a profile already signed (its request row still unsigned).
    expect(approvedAwaitingSignature([{ ...approved, agreementSigned: true }])).toBe(false);
    // Another company's profile that waits keeps its own mail.
    expect(approvedAwaitingSignature([{ ...approved, state: 'paused' }, approved])).toBe(true);
  });
  it('says which profiles wait for the access back before any signature is asked', () => {
    expect(awaitsSignature(approved)).toBe(true);
    expect(signatureWaitsForAccess(approved)).toBe(false);
    for (const state of ['paused', 'disabled']) {
      expect(awaitsSignature({ ...approved, state }), state).toBe(false);
      expect(signatureWaitsForAccess({ ...approved, state }), state).toBe(true);
      expect(signatureWaitsForAccess({ ...approved, state, agreementSigned: true })).toBe(false);
      expect(signatureWaitsForAccess({ ...approved, state, role: 'worker' })).toBe(false);
      expect(signatureWaitsForAccess({ ...approved, state, companyOnEmpresas: false })).toBe(false);
    }
    expect(signatureWaitsForAccess({ ...approved, state: 'removed' })).toBe(false);
    // The agreement's own mail follows the same profiles (an administrator someone added).
    expect(unsignedAgreement([{ ...approved, approvalAwaits: false, state: 'paused' }])).toBe(
      false,
    );
  });
  it('invites no signature at a company no longer adherent: signed, it would open nothing (rule 6)', () => {
    const gone = { ...approved, companyAdherent: false };
    expect(awaitsSignature(gone)).toBe(false);
    expect(approvedAwaitingSignature([gone])).toBe(false);
    expect(unsignedAgreement([{ ...gone, approvalAwaits: false }])).toBe(false);
    expect(signatureWaitsForAccess({ ...gone, state: 'paused' })).toBe(false);
    // Still adherent, as said: the same profile waits.
    expect(awaitsSignature({ ...approved, companyAdherent: true })).toBe(true);
  });
});

describe('how long a mail waits before it may go again', () => {
  const now = Date.parse('2026-11-21T15:00:00.000Z');
  const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();

  it('goes at once when none went before, and after the cool-down', () => {
    expect(mailWaitMs(null, 'p@x.cl', now)).toBe(0);
    expect(mailWaitMs({ sentAt: minutesAgo(11), to: 'p@x.cl' }, 'p@x.cl', now)).toBe(0);
  });

  it('waits out the cool-down when the last went to the same address', () => {
    expect(mailWaitMs({ sentAt: minutesAgo(4), to: 'p@x.cl' }, 'p@x.cl', now)).toBe(6 * 60_000);
    // The same address whatever its case or spaces.
    expect(mailWaitMs({ sentAt: minutesAgo(4), to: 'P@X.cl ' }, 'p@x.cl', now)).toBe(6 * 60_000);
  });

  it('does not wait when the last went to an address the person no longer has', () => {
    expect(mailWaitMs({ sentAt: minutesAgo(1), to: 'antes@x.cl' }, 'ahora@x.cl', now)).toBe(0);
  });
});
