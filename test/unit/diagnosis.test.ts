import { describe, expect, it } from 'vitest';
import {
  CAUSE_ORDER,
  diagnose,
  type Cause,
  type DiagnosisInput,
} from '../../src/main/domain/diagnosis';
import { ADVICE_CAUSES, type Portal } from '../../src/shared/contract';
import { formatTime } from '../../src/shared/format';
import {
  blockedRectifySay,
  blockedSay,
  causeTexts,
  heldLockSay,
  noCauseText,
  onBehalfSay,
  unverifiableSay,
} from '../../src/shared/messages';

const NOW = new Date('2026-11-21T15:00:00Z');
const IN_ONE_HOUR = '2026-11-21T16:00:00.000Z';
const ONE_HOUR_AGO = '2026-11-21T14:00:00.000Z';
const YESTERDAY = '2026-11-20T15:00:00.000Z';
const LAST_WEEK = '2026-11-14T15:00:00.000Z';

type Person = NonNullable<DiagnosisInput['person']>;
type Account = DiagnosisInput['accounts'][number];
type Membership = DiagnosisInput['memberships'][number];
type AccessRequest = DiagnosisInput['accessRequests'][number];
type Mail = DiagnosisInput['mails'][number];

const person = (overrides: Partial<Person> = {}): Person => ({
  email: 'ana.perez@example.cl',
  isPensioner: false,
  ...overrides,
});

/** A registered, verified, unlocked account: blocks nothing. */
const account = (portal: Portal = 'achs_gestion', overrides: Partial<Account> = {}): Account => ({
  portal,
  registrationState: 'active',
  emailVerified: true,
  failedAttempts: 0,
  lockedUntil: null,
  registrationBlocked: false,
  ...overrides,
});

/** An active worker membership at an adherent company: blocks nothing. */
const membership = (overrides: Partial<Membership> = {}): Membership => ({
  companyRut: '76543210-3',
  companyName: 'Constructora Andes SpA',
  companyAdherent: true,
  role: 'worker',
  state: 'active',
  agreementSigned: true,
  ...overrides,
});

const request = (overrides: Partial<AccessRequest> = {}): AccessRequest => ({
  companyRut: '76543210-3',
  companyName: 'Constructora Andes SpA',
  state: 'pending',
  reason: null,
  inRegister: true,
  ...overrides,
});

const mail = (overrides: Partial<Mail> = {}): Mail => ({
  portal: 'achs_gestion',
  kind: 'password_creation',
  sentAt: YESTERDAY,
  outcome: 'delivered',
  ...overrides,
});

/** A fully healthy person; each test breaks one thing. */
const input = (overrides: Partial<DiagnosisInput> = {}): DiagnosisInput => ({
  person: person(),
  accounts: [account()],
  memberships: [membership()],
  accessRequests: [],
  mails: [],
  now: NOW,
  ...overrides,
});

const codes = (causes: Cause[]) => causes.map((c) => c.code);

describe('diagnose', () => {
  it('finds nothing for a fully healthy person', () => {
    expect(diagnose(input())).toStrictEqual([]);
  });

  it('asks no step of a login whose every company closed for good (rules 6, 7): the closing cause says it', () => {
    // Agustín: his only ACHS company is no longer adherent, his password never created.
    const notAdherent = diagnose(
      input({
        accounts: [account('achs_gestion', { registrationState: 'pending_activation' })],
        memberships: [membership({ companyAdherent: false })],
      }),
    );
    expect(codes(notAdherent)).toEqual(['company_not_adherent']);
    // Dismissed from his ACHS company, still open at a Caja company: nothing to confirm at ACHS.
    const dismissed = diagnose(
      input({
        accounts: [
          account('achs_gestion', { emailVerified: false }),
          account('portal_empresas', { emailVerified: false }),
        ],
        memberships: [
          membership({ state: 'removed' }),
          membership({
            companyRut: '96111222-5',
            companyName: 'Minera Sur',
            companyOnEmpresas: true,
            role: 'company_user',
          }),
        ],
      }),
    );
    expect(codes(dismissed.filter((c) => c.portal === 'achs_gestion'))).toEqual([
      'other_companies_open',
    ]);
    expect(dismissed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'email_unverified', portal: 'portal_empresas' }),
      ]),
    );
    // A paused access may be given back: its password still waits to be created.
    expect(
      codes(
        diagnose(
          input({
            accounts: [account('achs_gestion', { registrationState: 'pending_activation' })],
            memberships: [membership({ state: 'paused' })],
          }),
        ),
      ),
    ).toContain('password_link_unused');
  });

  it('someone with no account anywhere (just added by a company) has not registered where their companies open', () => {
    // An ACHS company: its login only.
    expect(diagnose(input({ accounts: [] }))).toStrictEqual([
      { code: 'not_registered', portal: 'achs_gestion', fix: null },
    ]);
    // A Caja company profile on Portal Empresas (agreement signed): Los Héroes' login, by it.
    const empresas = membership({ companyOnEmpresas: true, role: 'company_user' });
    expect(diagnose(input({ accounts: [], memberships: [empresas] }))).toStrictEqual([
      { code: 'not_registered', portal: 'portal_empresas', fix: null },
    ]);
    // Both: each login.
    expect(codes(diagnose(input({ accounts: [], memberships: [membership(), empresas] })))).toEqual(
      ['not_registered', 'not_registered'],
    );
    // No address to register with: that is the cause to tell (no_email), not this one.
    expect(codes(diagnose(input({ accounts: [], person: person({ email: null }) })))).toEqual([
      'no_email',
    ]);
  });

  it('finds nothing for a healthy person with every portal, request and mail in order', () => {
    const causes = diagnose(
      input({
        accounts: [account('achs_gestion'), account('portal_heroes')],
        memberships: [membership({ role: 'company_user', agreementSigned: true })],
        accessRequests: [request({ state: 'approved' })],
        mails: [mail({ outcome: 'delivered' })],
      }),
    );
    expect(causes).toStrictEqual([]);
  });

  describe('not_in_replica', () => {
    it('is the only cause when the person is not in the replica', () => {
      const causes = diagnose(
        input({
          person: null,
          accounts: [account('achs_gestion', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 })],
          memberships: [],
          accessRequests: [request({ state: 'rejected' })],
        }),
      );
      expect(causes).toStrictEqual([{ code: 'not_in_replica', fix: null }]);
    });
  });

  describe('memberships', () => {
    it('no_membership: a non-pensioner with no membership at all', () => {
      expect(diagnose(input({ memberships: [] }))).toStrictEqual([
        { code: 'no_membership', fix: null },
      ]);
    });

    it('an applicant for a company profile is told of the request, not to be added as a worker', () => {
      for (const state of ['pending', 'rejected'] as const) {
        const causes = codes(
          diagnose(input({ memberships: [], accessRequests: [request({ state })] })),
        );
        expect(causes, state).not.toContain('no_membership');
      }
      // Approved, and still no profile: that is what keeps them out.
      expect(
        codes(
          diagnose(input({ memberships: [], accessRequests: [request({ state: 'approved' })] })),
        ),
      ).toContain('no_membership');
      expect(
        codes(
          diagnose(input({ memberships: [], accessRequests: [request({ state: 'pending' })] })),
        ),
      ).toStrictEqual(['access_request_pending']);
    });

    it('at a company no longer adherent, a request opens nothing: that is the cause, said once (rule 6)', () => {
      for (const state of ['pending', 'rejected'] as const) {
        const alone = diagnose(
          input({
            memberships: [],
            accessRequests: [request({ state, companyAdherent: false })],
          }),
        );
        expect(codes(alone), state).toStrictEqual(['company_not_adherent']);
        // Beside an access already held there, once.
        const held = diagnose(
          input({
            memberships: [membership({ companyAdherent: false })],
            accessRequests: [request({ state, companyAdherent: false })],
          }),
        );
        expect(codes(held), state).toStrictEqual(['company_not_adherent']);
      }
    });

    it('tells a pensioner whose company closed that Portal Héroes still opens (rule 14)', () => {
      const causes = diagnose(
        input({
          person: person({ isPensioner: true }),
          accounts: [account('achs_gestion'), account('portal_heroes')],
          memberships: [membership({ state: 'removed' })],
        }),
      );
      expect(codes(causes)).toStrictEqual(['dismissed', 'affiliate_profile_open']);
      expect(causes[1]).toStrictEqual({
        code: 'affiliate_profile_open',
        companyRut: '76543210-3',
        companyName: 'Constructora Andes SpA',
        state: 'removed',
        role: 'worker',
        profile: 'pensioner',
        portal: 'portal_heroes',
        login: 'active',
        fix: null,
      });
      // The dismissal's words do not say his access is gone: his Los Héroes account is not.
      expect(causeTexts.dismissed(causes[0]!).say).toBe(
        'Al terminar su vínculo con la empresa, terminó su acceso a ella, no su cuenta de Los Héroes.',
      );
      expect(causeTexts.affiliate_profile_open(causes[1]!).say).toBe(
        'Su acceso a Constructora Andes SpA terminó, no su cuenta de Los Héroes: con ese usuario y clave sigue entrando a Portal Héroes y a la APP LH.',
      );
      // Never registered, or without a password yet: not «with that user and password» (rule 2).
      for (const [registrationState, say] of [
        [
          'not_registered',
          'Su acceso a Constructora Andes SpA terminó, no su cuenta de Los Héroes: cuando se registre en Portal Héroes (con su RUT, el N° de serie de su cédula y su correo) y cree su contraseña, entra a Portal Héroes y a la APP LH.',
        ],
        [
          'pending_activation',
          'Su acceso a Constructora Andes SpA terminó, no su cuenta de Los Héroes: cuando cree su contraseña con el enlace que se le envió por correo, entra a Portal Héroes y a la APP LH.',
        ],
      ] as const) {
        const advice = diagnose(
          input({
            person: person({ isPensioner: true }),
            accounts: [account('portal_heroes', { registrationState })],
            memberships: [membership({ state: 'removed' })],
          }),
        ).find((c) => c.code === 'affiliate_profile_open')!;
        expect(causeTexts.affiliate_profile_open(advice)).toStrictEqual({
          title: 'Puede entrar a Portal Héroes como persona pensionada',
          say,
        });
      }
      // Not for someone without a pension, nor while a Los Héroes company of theirs is open.
      expect(
        codes(diagnose(input({ memberships: [membership({ state: 'removed' })] }))),
      ).not.toContain('affiliate_profile_open');
    });

    it('tells an affiliated worker whose company profile is paused that her affiliate profile still opens (rule 14)', () => {
      const espiga = membership({
        companyRut: '78901234-2',
        companyName: 'Panadería La Espiga Limitada',
        companyOnEmpresas: true,
        role: 'company_user',
        state: 'paused',
      });
      const causes = diagnose(
        input({
          person: person({ isWorker: true }),
          accounts: [account('portal_heroes')],
          memberships: [espiga],
        }),
      );
      expect(codes(causes)).toStrictEqual(['membership_paused', 'affiliate_profile_open']);
      expect(causeTexts.affiliate_profile_open(causes[1]!)).toStrictEqual({
        title: 'Sigue entrando a Portal Héroes con su Perfil Afiliado',
        say: 'Su Perfil Empresa en Panadería La Espiga Limitada está pausado, no su Perfil Afiliado: con el mismo usuario y clave sigue entrando a Portal Héroes y a la APP LH.',
      });
      // A company user who is no affiliate: only her company profile, closed.
      expect(
        codes(diagnose(input({ accounts: [account('portal_heroes')], memberships: [espiga] }))),
      ).toStrictEqual(['membership_paused']);
    });

    it('a pensioner with no membership is not blocked by it', () => {
      expect(
        diagnose(input({ person: person({ isPensioner: true }), memberships: [] })),
      ).toStrictEqual([]);
    });

    it('membership_disabled: one per disabled membership, with the enable fix', () => {
      const causes = diagnose(
        input({
          memberships: [
            membership({ state: 'disabled' }),
            membership({ companyRut: '96111222-5', companyName: 'Minera Sur', state: 'disabled' }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'membership_disabled',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          role: 'worker',
          fix: { action: 'enable_membership', companyRut: '76543210-3' },
        },
        {
          code: 'membership_disabled',
          companyRut: '96111222-5',
          companyName: 'Minera Sur',
          role: 'worker',
          fix: { action: 'enable_membership', companyRut: '96111222-5' },
        },
      ]);
    });

    it('tells a disabled or paused administrator that someone else of the company asks', () => {
      const say = (state: 'disabled' | 'paused') =>
        causeTexts[state === 'disabled' ? 'membership_disabled' : 'membership_paused'](
          diagnose(input({ memberships: [membership({ role: 'access_admin', state })] }))[0]!,
        ).say;
      expect(say('disabled')).toBe(
        'Su acceso a la empresa está inhabilitado. Mientras siga así no puede pedir cambios para la empresa, tampoco este: que se habilite de nuevo lo pide otra persona con esa facultad (un representante legal u otro administrador de accesos).',
      );
      expect(say('paused')).toBe(
        'Su empresa pausó su acceso. Mientras siga así no puede pedir cambios para la empresa, tampoco este: que se reanude lo pide otra persona con esa facultad (un representante legal u otro administrador de accesos).',
      );
    });

    it('a closed access nobody else may ask back now: says so, not «lo pide otra persona»', () => {
      for (const role of ['access_admin', 'worker'] as const) {
        const [cause] = diagnose(
          input({ memberships: [membership({ role, state: 'disabled', nobodyAsks: true })] }),
        );
        expect(cause).toMatchObject({ code: 'membership_disabled', nobodyAsks: true });
        const say = causeTexts.membership_disabled(cause!).say;
        expect(say).not.toMatch(/otra persona con esa facultad/);
        expect(say).toMatch(
          /Hoy nadie más en la empresa puede pedirlo: su representante legal aún no puede/,
        );
      }
    });

    it('a closed access at a company no longer adherent: nobody to send the caller to (rule 6)', () => {
      for (const state of ['disabled', 'paused'] as const) {
        const [cause, ...rest] = diagnose(
          input({ memberships: [membership({ state, companyAdherent: false })] }),
        );
        expect(rest).toStrictEqual([]);
        expect(cause).toMatchObject({ companyAdherent: false, fix: null });
        const text = causeTexts[cause!.code](cause!);
        expect(text.title).toMatch(/; la empresa ya no está adherida$/);
        expect(text.say).toMatch(
          /^La empresa dejó de estar adherida: mientras no vuelva a adherirse, nadie puede (habilitarlo de nuevo|reanudarlo), ni su representante legal ni la mesa\./,
        );
      }
    });

    it('membership_paused: one per paused membership, with the resume fix', () => {
      expect(diagnose(input({ memberships: [membership({ state: 'paused' })] }))).toStrictEqual([
        {
          code: 'membership_paused',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          role: 'worker',
          fix: { action: 'resume_membership', companyRut: '76543210-3' },
        },
      ]);
    });

    it('dismissed: once, naming the most recent company, when every membership is removed', () => {
      const causes = diagnose(
        input({
          memberships: [
            membership({ state: 'removed' }),
            membership({ companyRut: '96111222-5', companyName: 'Minera Sur', state: 'removed' }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'dismissed',
          companyRut: '96111222-5',
          companyName: 'Minera Sur',
          role: 'worker',
          fix: null,
        },
      ]);
    });

    it('dismissed from every company, the person is inactive: no account step is asked (rule 7)', () => {
      const dismissed = {
        person: person({ email: null }),
        accounts: [
          account('achs_gestion', { registrationState: 'pending_activation' }),
          account('portal_empresas', { registrationState: 'not_registered' }),
          account('portal_heroes', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 }),
        ],
        memberships: [membership({ state: 'removed' })],
      };
      // Neither «cree su contraseña», «regístrese», «desbloquear» nor «indíqueme su correo».
      expect(codes(diagnose(input(dismissed)))).toStrictEqual(['dismissed']);
      // A pensioner keeps Los Héroes' login (rule 14): its steps still open it.
      const pensioner = diagnose(
        input({ ...dismissed, person: person({ email: null, isPensioner: true }) }),
      );
      expect(codes(pensioner)).toEqual(
        expect.arrayContaining(['dismissed', 'temporarily_locked', 'no_email']),
      );
      // Paused somewhere, the company may give it back: its steps still count.
      const paused = diagnose(
        input({
          ...dismissed,
          memberships: [
            ...dismissed.memberships,
            membership({ companyRut: '96111222-5', state: 'paused' }),
          ],
        }),
      );
      expect(codes(paused)).toEqual(expect.arrayContaining(['membership_paused', 'no_email']));
    });

    it('dismissed: a company user taken off says so, not that a worker was dismissed', () => {
      const [cause] = diagnose(
        input({ memberships: [membership({ role: 'company_user', state: 'removed' })] }),
      );
      expect(cause).toMatchObject({ code: 'dismissed', role: 'company_user' });
      expect(causeTexts.dismissed(cause!).title).toBe(
        'Ya no es usuario de la empresa (Constructora Andes SpA)',
      );
      expect(causeTexts.dismissed({ ...cause!, role: 'worker' }).title).toBe(
        'Ya no trabaja en la empresa (Constructora Andes SpA)',
      );
    });

    it('a removed membership beside a disabled one is not a dismissal', () => {
      const causes = diagnose(
        input({
          memberships: [
            membership({ state: 'removed' }),
            membership({ companyRut: '96111222-5', companyName: 'Minera Sur', state: 'disabled' }),
          ],
        }),
      );
      expect(codes(causes)).toStrictEqual(['membership_disabled']);
    });

    it('inactive memberships do not block when another membership is active: only advice', () => {
      const causes = diagnose(
        input({
          memberships: [
            membership({ state: 'disabled' }),
            membership({ companyRut: '96111222-5', state: 'paused' }),
            membership({ companyRut: '77888999-0', state: 'removed' }),
            membership({ companyRut: '61999888-K', state: 'active' }),
          ],
        }),
      );
      expect(codes(causes)).toStrictEqual([
        'other_companies_open',
        'other_companies_open',
        'other_companies_open',
      ]);
      expect(causes.map((c) => c.state)).toStrictEqual(['disabled', 'paused', 'removed']);
    });

    it('company_not_adherent: an administrator is not sent to ask his own company', () => {
      const [cause] = diagnose(
        input({ memberships: [membership({ companyAdherent: false, role: 'access_admin' })] }),
      );
      const say = causeTexts.company_not_adherent(cause!).say;
      expect(say).not.toContain('consúltelo con su empresa');
      // The institution the company adheres to, which the desk knows (walk 60a L3).
      expect(say).toContain('la adhesión la gestiona la empresa con la ACHS, no la mesa de ayuda.');
      const [losHeroes] = diagnose(
        input({
          memberships: [
            membership({ companyAdherent: false, role: 'access_admin', companyOnEmpresas: true }),
          ],
        }),
      );
      expect(causeTexts.company_not_adherent(losHeroes!).say).toContain(
        'la adhesión la gestiona la empresa con Caja Los Héroes, no la mesa de ayuda.',
      );
      const [worker] = diagnose(input({ memberships: [membership({ companyAdherent: false })] }));
      expect(causeTexts.company_not_adherent(worker!).say).toContain('consúltelo con su empresa');
    });

    it('company_not_adherent: one per company when every active membership is at one', () => {
      const causes = diagnose(
        input({
          memberships: [
            membership({ companyAdherent: false }),
            membership({ companyRut: '96111222-5', companyName: 'Minera Sur', state: 'disabled' }),
            membership({
              companyRut: '77888999-0',
              companyName: 'Transportes Norte',
              companyAdherent: false,
            }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'company_not_adherent',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          portal: 'achs_gestion',
          role: 'worker',
          fix: null,
        },
        {
          code: 'company_not_adherent',
          companyRut: '77888999-0',
          companyName: 'Transportes Norte',
          portal: 'achs_gestion',
          role: 'worker',
          fix: null,
        },
        // Re-enabling the adherent company's membership would let the person in again.
        {
          code: 'membership_disabled',
          companyRut: '96111222-5',
          companyName: 'Minera Sur',
          role: 'worker',
          fix: { action: 'enable_membership', companyRut: '96111222-5' },
        },
      ]);
    });

    it('one adherent company among non-adherent ones lets them in, and names each closed one', () => {
      const causes = diagnose(
        input({
          memberships: [
            membership({ companyAdherent: false }),
            membership({ companyRut: '96111222-5', companyAdherent: true }),
            membership({ companyRut: '77888999-0', companyAdherent: false }),
          ],
        }),
      );
      // «No puedo entrar a la empresa X»: X is no longer adherent (rule 6); the open one is fine.
      expect(causes).toMatchObject([
        { code: 'company_not_adherent', companyRut: '76543210-3', fix: null },
        { code: 'company_not_adherent', companyRut: '77888999-0', fix: null },
      ]);
      expect(causes).toHaveLength(2);
    });
  });

  describe('accounts', () => {
    it('registration_blocked: names the portal and the clear fix', () => {
      const causes = diagnose(
        input({
          accounts: [
            account('portal_heroes', {
              registrationState: 'not_registered',
              registrationBlocked: true,
            }),
          ],
        }),
      );
      // Blocked and not registered: the block is the cause, not the missing registration.
      expect(causes).toStrictEqual([
        {
          code: 'registration_blocked',
          portal: 'portal_heroes',
          fix: { action: 'clear_registration_block', portal: 'portal_heroes' },
        },
      ]);
    });

    it('temporarily_locked: until when and after how many attempts, with the unlock fix', () => {
      const causes = diagnose(
        input({
          accounts: [account('achs_gestion', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 })],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'temporarily_locked',
          portal: 'achs_gestion',
          until: IN_ONE_HOUR,
          attempts: 6,
          fix: { action: 'unlock', portal: 'achs_gestion' },
        },
      ]);
    });

    it('a lock on a login its companies keep shut: waiting or a new password does not let them in', () => {
      const locked = account('achs_gestion', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 });
      const disabled = diagnose(
        input({ accounts: [locked], memberships: [membership({ state: 'disabled' })] }),
      );
      expect(codes(disabled)).toStrictEqual(['membership_disabled', 'temporarily_locked']);
      const lock = disabled[1]!;
      expect(lock).toMatchObject({ withoutAccess: true, fix: { action: 'unlock' } });
      const say = causeTexts.temporarily_locked(lock).say;
      expect(say).not.toMatch(/^Puede esperar/);
      expect(say).toBe(
        `Su cuenta en ACHS Gestión está bloqueada hasta las ${formatTime(IN_ONE_HOUR)} por intentos fallidos, pero aunque espere o restablezca su contraseña no podrá entrar a ACHS Gestión mientras no tenga ahí un acceso habilitado en una empresa; cuando lo tenga, podrá entrar pasada esa hora o con «¿Olvidaste tu contraseña?».`,
      );
      // An unlock still held on this desk says it once, the same way.
      expect(heldLockSay('achs_gestion', IN_ONE_HOUR, true)).toBe(
        `Mientras tanto, su cuenta en ACHS Gestión sigue bloqueada hasta las ${formatTime(IN_ONE_HOUR)}, pero aunque espere o restablezca su contraseña no podrá entrar a ACHS Gestión mientras no tenga ahí un acceso habilitado en una empresa; cuando lo tenga, podrá entrar pasada esa hora o con «¿Olvidaste tu contraseña?».`,
      );
      expect(heldLockSay('achs_gestion', IN_ONE_HOUR)).toMatch(/: puede esperar hasta las/);
      // Listed after what keeps the login shut, its unlock not first: a profile awaiting its
      // signature, a request under way (review 58).
      const signing = diagnose(
        input({
          accounts: [account('portal_empresas', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 })],
          memberships: [
            membership({ role: 'company_user', agreementSigned: false, companyOnEmpresas: true }),
          ],
        }),
      );
      expect(codes(signing)).toStrictEqual(['agreement_unsigned', 'temporarily_locked']);
      // Paused, or another company still open on the same login: as before for the open one.
      const paused = diagnose(
        input({ accounts: [locked], memberships: [membership({ state: 'paused' })] }),
      );
      expect(paused.find((c) => c.code === 'temporarily_locked')).toHaveProperty('withoutAccess');
      const otherOpen = diagnose(
        input({
          accounts: [locked],
          memberships: [
            membership({ state: 'disabled' }),
            membership({ companyRut: '11222333-4', companyName: 'Otra SpA' }),
          ],
        }),
      );
      const open = otherOpen.find((c) => c.code === 'temporarily_locked')!;
      expect(open).not.toHaveProperty('withoutAccess');
      expect(causeTexts.temporarily_locked(open).say).toMatch(/^Puede esperar hasta las/);
      // A disabled ACHS access says nothing of a lock on Los Héroes' login, which a pensioner's
      // affiliate profile keeps open (rule 14).
      const pensioner = diagnose(
        input({
          person: person({ isPensioner: true }),
          accounts: [account('portal_heroes', { lockedUntil: IN_ONE_HOUR, failedAttempts: 3 })],
          memberships: [membership({ state: 'disabled' })],
        }),
      );
      expect(pensioner.find((c) => c.code === 'temporarily_locked')).not.toHaveProperty(
        'withoutAccess',
      );
    });

    it('an expired lock is not a cause', () => {
      const causes = diagnose(
        input({
          accounts: [account('achs_gestion', { lockedUntil: ONE_HOUR_AGO, failedAttempts: 6 })],
        }),
      );
      expect(causes).toStrictEqual([]);
    });

    it('a lock ending exactly now is not a cause', () => {
      const causes = diagnose(
        input({ accounts: [account('achs_gestion', { lockedUntil: NOW.toISOString() })] }),
      );
      expect(causes).toStrictEqual([]);
    });

    it('password_link_unused: lastSentAt of the newest password mail for that portal', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes', { registrationState: 'pending_activation' })],
          mails: [
            mail({ portal: 'achs_gestion', kind: 'password_creation', sentAt: ONE_HOUR_AGO }),
            mail({ portal: 'portal_heroes', kind: 'password_reset', sentAt: ONE_HOUR_AGO }),
            mail({ portal: 'portal_heroes', kind: 'password_creation', sentAt: YESTERDAY }),
            mail({ portal: 'portal_heroes', kind: 'password_creation', sentAt: LAST_WEEK }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'password_link_unused',
          portal: 'portal_heroes',
          lastSentAt: YESTERDAY,
          fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'password_creation' },
        },
      ]);
    });

    it('password_link_unused: a link sent to the address corrected since is said to be there', () => {
      const pending = account('achs_gestion', { registrationState: 'pending_activation' });
      const sentTo = (toAddress: string | null) =>
        diagnose(input({ accounts: [pending], mails: [mail({ toAddress })] }))[0]!;
      const old = sentTo('ana.vieja@gmail.com');
      expect(old).toMatchObject({ lastSentAt: YESTERDAY, lastSentTo: 'ana.vieja@gmail.com' });
      expect(causeTexts.password_link_unused(old).say).toMatch(
        /^El enlace para crear su contraseña se envió a ana\.vieja@gmail\.com, su correo anterior: se lo reenvío/,
      );
      // The same address (case and spaces aside), or one not known: nothing to say of it.
      expect(sentTo(' ANA.PEREZ@example.cl')).not.toHaveProperty('lastSentTo');
      expect(sentTo(null)).not.toHaveProperty('lastSentTo');
      expect(causeTexts.password_link_unused(sentTo(null)).say).toMatch(/^Revise su correo/);
      // Each portal's own button for a new password (seeds 000, 002).
      const locked = (portal: Portal) =>
        causeTexts.temporarily_locked({ code: 'temporarily_locked', portal, fix: null }).say;
      expect(locked('achs_gestion')).toMatch(/«¿Olvidaste tu contraseña\?»\.$/);
      expect(locked('portal_heroes')).toMatch(/«Olvidé mi contraseña»\.$/);
      // Never sent: no «revise su correo» nor «el enlace que recibió».
      const never = diagnose(
        input({ accounts: [pending, account('portal_heroes', { emailVerified: false })] }),
      );
      expect(never.map((c) => causeTexts[c.code as 'email_unverified'](c).say)).toEqual([
        'El enlace para crear su contraseña aún no se le ha enviado: no hay envíos registrados.',
        'Debe confirmar su correo con un enlace que aún no se le ha enviado: no hay envíos registrados.',
      ]);
      // Not sent (held back by the central: the address had changed before it left): it reached
      // nobody, so the one said is the last that did leave — here none.
      const notSent = diagnose(
        input({
          accounts: [pending],
          mails: [mail({ toAddress: 'ana.vieja@gmail.com', outcome: 'failed' })],
        }),
      )[0]!;
      expect(notSent).not.toHaveProperty('lastSentTo');
      expect(notSent).not.toHaveProperty('lastSentAt');
    });

    it('password_link_unused without any mail sent has no lastSentAt key', () => {
      const causes = diagnose(
        input({ accounts: [account('achs_gestion', { registrationState: 'pending_activation' })] }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'password_link_unused',
          portal: 'achs_gestion',
          fix: { action: 'resend_mail', portal: 'achs_gestion', kind: 'password_creation' },
        },
      ]);
    });

    it('email_unverified: lastSentAt of the newest confirmation mail for that portal', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes', { emailVerified: false })],
          mails: [
            mail({ portal: 'achs_gestion', kind: 'email_confirmation', sentAt: ONE_HOUR_AGO }),
            mail({ portal: 'portal_heroes', kind: 'email_confirmation', sentAt: YESTERDAY }),
            mail({ portal: 'portal_heroes', kind: 'email_confirmation', sentAt: LAST_WEEK }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'email_unverified',
          portal: 'portal_heroes',
          lastSentAt: YESTERDAY,
          fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'email_confirmation' },
        },
      ]);
    });

    it('an unverified e-mail only counts on an active account', () => {
      const causes = diagnose(
        input({
          accounts: [
            account('achs_gestion', {
              registrationState: 'pending_activation',
              emailVerified: false,
            }),
          ],
        }),
      );
      expect(codes(causes)).toStrictEqual(['password_link_unused']);
    });

    it('not_registered: names the portal, no fix of ours', () => {
      const causes = diagnose(
        input({ accounts: [account('portal_empresas', { registrationState: 'not_registered' })] }),
      );
      expect(causes).toStrictEqual([
        { code: 'not_registered', portal: 'portal_empresas', fix: null },
      ]);
    });
  });

  describe('e-mail', () => {
    it('no_email: a null address, with the edit-contact fix', () => {
      expect(diagnose(input({ person: person({ email: null }) }))).toStrictEqual([
        { code: 'no_email', fix: { action: 'edit_contact' } },
      ]);
    });

    it('no_email: an empty address counts as none', () => {
      expect(diagnose(input({ person: person({ email: '' }) }))).toStrictEqual([
        { code: 'no_email', fix: { action: 'edit_contact' } },
      ]);
    });

    it('mail_bounced: the newest mail bounced, with its portal and when it was sent', () => {
      const causes = diagnose(
        input({
          mails: [
            mail({ portal: 'portal_heroes', kind: 'password_reset', outcome: 'bounced' }),
            mail({ sentAt: LAST_WEEK, outcome: 'delivered' }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'mail_bounced',
          portal: 'portal_heroes',
          lastSentAt: YESTERDAY,
          fix: { action: 'edit_contact' },
        },
      ]);
    });

    it('after a bounce at the address she still has, no link is offered again, nor «revise su correo»', () => {
      const pending = account('achs_gestion', { registrationState: 'pending_activation' });
      const bounced = diagnose(
        input({ accounts: [pending], mails: [mail({ outcome: 'bounced' })] }),
      );
      expect(bounced).toStrictEqual([
        {
          code: 'mail_bounced',
          portal: 'achs_gestion',
          lastSentAt: YESTERDAY,
          fix: { action: 'edit_contact' },
        },
        {
          code: 'password_link_unused',
          portal: 'achs_gestion',
          lastSentAt: YESTERDAY,
          bounced: true,
          fix: null,
        },
      ]);
      expect(causeTexts.password_link_unused(bounced[1]!).say).toBe(
        'El enlace para crear su contraseña no le llega a su correo. El último correo que le enviamos rebotó.',
      );
      // It bounced at an address corrected since: the current one is not said to be wrong, and
      // the link goes again, to it.
      const corrected = diagnose(
        input({
          accounts: [pending],
          mails: [mail({ outcome: 'bounced', toAddress: 'ana.vieja@gmail.com' })],
        }),
      );
      expect(codes(corrected)).toStrictEqual(['password_link_unused']);
      expect(corrected[0]!.fix).toEqual({
        action: 'resend_mail',
        portal: 'achs_gestion',
        kind: 'password_creation',
      });
    });

    it('an older bounce followed by a delivered mail is not a cause', () => {
      const causes = diagnose(
        input({
          mails: [
            mail({ sentAt: ONE_HOUR_AGO, outcome: 'delivered' }),
            mail({ sentAt: YESTERDAY, outcome: 'bounced' }),
          ],
        }),
      );
      expect(causes).toStrictEqual([]);
    });

    it('without an e-mail a bounce is not reported: no_email says it', () => {
      const causes = diagnose(
        input({ person: person({ email: null }), mails: [mail({ outcome: 'bounced' })] }),
      );
      expect(codes(causes)).toStrictEqual(['no_email']);
    });

    it('without an e-mail, the mail causes have no fix (there is nowhere to send)', () => {
      const causes = diagnose(
        input({
          person: person({ email: null }),
          accounts: [
            account('achs_gestion', { registrationState: 'pending_activation' }),
            account('portal_heroes', { emailVerified: false }),
          ],
          memberships: [
            membership({ role: 'access_admin', agreementSigned: false, companyOnEmpresas: true }),
          ],
        }),
      );
      // The agreement's mail would confirm the address: no confirmation asked beside it.
      expect(causes).toStrictEqual([
        { code: 'no_email', fix: { action: 'edit_contact' } },
        { code: 'password_link_unused', portal: 'achs_gestion', fix: null },
        {
          code: 'agreement_unsigned',
          firstEntry: 'usual_password',
          portal: 'portal_empresas',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          fix: null,
        },
      ]);
    });

    it('without an e-mail, an unregistered account is not reported: no_email says it', () => {
      const causes = diagnose(
        input({
          person: person({ email: null }),
          accounts: [account('achs_gestion', { registrationState: 'not_registered' })],
        }),
      );
      expect(codes(causes)).toStrictEqual(['no_email']);
    });
  });

  describe('agreement_unsigned', () => {
    const unsignedAdmin = membership({
      role: 'access_admin',
      agreementSigned: false,
      companyOnEmpresas: true,
    });

    it('an active admin membership with the agreement unsigned, with the resend fix', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [unsignedAdmin],
          mails: [
            mail({ portal: 'achs_gestion', kind: 'agreement_signature', sentAt: ONE_HOUR_AGO }),
            mail({ portal: 'portal_empresas', kind: 'password_reset', sentAt: ONE_HOUR_AGO }),
            mail({ portal: 'portal_empresas', kind: 'agreement_signature', sentAt: YESTERDAY }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'agreement_unsigned',
          firstEntry: 'usual_password',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          portal: 'portal_empresas',
          lastSentAt: YESTERDAY,
          fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'agreement_signature' },
        },
      ]);
    });

    it('a login the company created is unverified: the signature’s mail confirms it, no other mail is asked', () => {
      const unverified = account('portal_heroes', { emailVerified: false });
      const waiting = diagnose(input({ accounts: [unverified], memberships: [unsignedAdmin] }));
      expect(codes(waiting)).toStrictEqual(['agreement_unsigned']);
      // The same for a requester, whose approval's mail carries the link.
      const requester = diagnose(
        input({
          accounts: [unverified],
          memberships: [unsignedAdmin],
          accessRequests: [request({ state: 'approved', agreementSigned: false })],
        }),
      );
      expect(codes(requester)).toStrictEqual(['agreement_unsigned']);
      // No signature waits (his access paused): the address is still unconfirmed, and said so.
      const paused = diagnose(
        input({ accounts: [unverified], memberships: [{ ...unsignedAdmin, state: 'paused' }] }),
      );
      expect(paused.find((c) => c.code === 'email_unverified')).toStrictEqual({
        code: 'email_unverified',
        portal: 'portal_heroes',
        fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'email_confirmation' },
      });
    });

    it('a requester’s fix is the approval mail again (it carries the link), not a second mail', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [unsignedAdmin],
          accessRequests: [request({ state: 'approved', agreementSigned: false })],
          mails: [
            mail({ portal: 'portal_empresas', kind: 'access_approval', sentAt: ONE_HOUR_AGO }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'agreement_unsigned',
          firstEntry: 'usual_password',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          portal: 'portal_empresas',
          lastSentAt: ONE_HOUR_AGO,
          fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'access_approval' },
        },
      ]);
      // Approved over a profile invited to sign long ago: the fix is the approval's mail, and
      // the last one sent is named, since it was the other.
      const overOld = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [unsignedAdmin],
          accessRequests: [request({ state: 'approved', agreementSigned: false })],
          mails: [
            mail({ portal: 'portal_empresas', kind: 'agreement_signature', sentAt: YESTERDAY }),
          ],
        }),
      );
      expect(overOld[0]).toMatchObject({
        lastSentAt: YESTERDAY,
        lastSentKind: 'agreement_signature',
        fix: { kind: 'access_approval' },
      });
      expect(causeTexts.agreement_unsigned(overOld[0]!).say).toContain('«Firma de acuerdo», el');
      // Approved at another company: this one's administrator was added, and gets its own mail.
      const elsewhere = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [unsignedAdmin],
          accessRequests: [
            request({ state: 'approved', agreementSigned: false, companyRut: '78901234-2' }),
          ],
        }),
      );
      expect(elsewhere[0]!.fix).toMatchObject({ kind: 'agreement_signature' });
    });

    it('at a company no longer adherent nobody is asked to sign: the company is the cause, no mail fix (rule 6)', () => {
      const gone = { ...unsignedAdmin, companyAdherent: false };
      const causes = diagnose(
        input({
          person: person({ isWorker: false }),
          accounts: [account('portal_heroes')],
          memberships: [gone],
          accessRequests: [request({ state: 'approved', agreementSigned: false })],
        }),
      );
      expect(codes(causes)).toStrictEqual(['company_not_adherent']);
      expect(causes.some((cause) => cause.fix?.action === 'resend_mail')).toBe(false);
      // Paused there, its pause promises no mail for when it is resumed: it cannot be.
      const paused = diagnose(
        input({
          person: person({ isWorker: false }),
          accounts: [account('portal_heroes')],
          memberships: [{ ...gone, state: 'paused' }],
        }),
      );
      expect(paused[0]).toMatchObject({ code: 'membership_paused', fix: null });
      expect(paused[0]).not.toHaveProperty('agreementWaits', true);
    });

    it('a paused or disabled requester is not asked to sign: no mail fix, and the pause says the mail waits for the access back', () => {
      for (const state of ['paused', 'disabled'] as const) {
        const causes = diagnose(
          input({
            person: person({ isWorker: false }),
            accounts: [account('portal_heroes')],
            memberships: [{ ...unsignedAdmin, state }],
            accessRequests: [request({ state: 'approved', agreementSigned: false })],
          }),
        );
        // Before, nothing here proposed the mail, but the record offered it anyway: the same
        // rule (approvedAwaitingSignature) now says no on both.
        expect(causes.some((cause) => cause.fix?.action === 'resend_mail')).toBe(false);
        expect(codes(causes)).not.toContain('agreement_unsigned');
        const closed = causes[0]!;
        expect(closed).toMatchObject({
          code: state === 'paused' ? 'membership_paused' : 'membership_disabled',
          agreementWaits: true,
        });
        expect(causeTexts[closed.code](closed).say).toContain(
          `Su Acuerdo de Acceso Remoto tampoco está firmado: cuando ${state === 'paused' ? 'se reanude' : 'se habilite de nuevo'} su acceso, le reenviaremos el correo para firmarlo (antes, firmarlo no le asignaría el perfil empresa).`,
        );
      }
      // Signed before the pause, nothing waits but the access: nothing said of the agreement.
      const signed = diagnose(
        input({
          memberships: [{ ...unsignedAdmin, state: 'paused', agreementSigned: true }],
        }),
      );
      expect(signed[0]).not.toHaveProperty('agreementWaits');
    });

    it('a paused profile beside another company still open says its agreement waits too', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [
            membership({ companyRut: '96111222-5', companyName: 'Minera Sur' }),
            { ...unsignedAdmin, state: 'paused' },
          ],
        }),
      );
      const closed = causes.find((cause) => cause.code === 'other_companies_open')!;
      expect(closed).toMatchObject({ state: 'paused', agreementWaits: true });
      expect(causeTexts.other_companies_open(closed).say).toContain(
        'Su Acuerdo de Acceso Remoto tampoco está firmado: cuando se reanude su acceso',
      );
    });

    it('the other login’s companies are said as they can be entered: registered there or not (walk 59a)', () => {
      // Paused at a Caja company; an outsider added at an ACHS company, never registered there.
      const memberships = [
        {
          ...unsignedAdmin,
          companyRut: '78901234-2',
          companyName: 'Panadería La Espiga',
          state: 'paused' as const,
          agreementSigned: true,
        },
        membership({ role: 'company_user' }),
      ];
      const said = (accounts: Account[]) => {
        const causes = diagnose(input({ accounts, memberships }));
        const closed = causes.find((cause) => cause.code === 'other_companies_open')!;
        return { closed, say: causeTexts.other_companies_open(closed).say };
      };
      const never = said([account('portal_heroes')]);
      expect(never.closed.elsewhere).toEqual({
        portal: 'achs_gestion',
        companies: ['Constructora Andes SpA'],
        account: 'not_registered',
      });
      expect(never.say).toContain(
        'A Constructora Andes SpA tiene acceso por ACHS Gestión, pero aún no tiene cuenta en ese portal: para entrar, debe registrarse con su RUT, su N° de serie y su correo.',
      );
      expect(never.say).not.toContain('con su usuario y clave');
      const linkUnused = said([
        account('portal_heroes'),
        account('achs_gestion', { registrationState: 'pending_activation' }),
      ]);
      expect(linkUnused.say).toContain(
        'pero aún no activa su cuenta en ese portal: debe crear su contraseña con el enlace del correo de registro.',
      );
      const registered = said([account('portal_heroes'), account('achs_gestion')]);
      expect(registered.closed.elsewhere).not.toHaveProperty('account');
      expect(registered.say).toContain(
        'A Constructora Andes SpA sigue entrando por ACHS Gestión, con su usuario y clave de ese portal.',
      );
      // The other way round: closed at the ACHS company, open at the Caja one, whose login opens
      // with its first-access key until a password is made (rule 16; review 59 L5).
      const caja = (lh: Partial<Account>) => {
        const causes = diagnose(
          input({
            accounts: [account('achs_gestion'), account('portal_heroes', lh)],
            memberships: [
              {
                ...unsignedAdmin,
                companyRut: '78901234-2',
                companyName: 'Panadería La Espiga',
                agreementSigned: true,
              },
              membership({ role: 'company_user', state: 'disabled' }),
            ],
          }),
        );
        const closed = causes.find((cause) => cause.code === 'other_companies_open')!;
        return causeTexts.other_companies_open(closed).say;
      };
      expect(caja({ passwordSet: false })).toContain(
        'A Panadería La Espiga entra por Portal Empresas: en su primer ingreso, la clave son los 4 dígitos anteriores al dígito verificador de su RUT.',
      );
      expect(caja({ passwordSet: false, firstAccessUsed: true })).toContain(
        'pero ya usó la clave de primer ingreso: debe pedir una nueva en «Olvidé mi contraseña».',
      );
      expect(caja({ passwordSet: true })).toContain(
        'A Panadería La Espiga sigue entrando por Portal Empresas, con su usuario y clave de ese portal.',
      );
    });

    it('a profile still to sign is no company the caller «sigue» entering (rule 12)', () => {
      // Dismissed from one ACHS company, a worker at another, and added at a Caja company where
      // the agreement waits: only the ACHS one stays open.
      const causes = diagnose(
        input({
          accounts: [account('achs_gestion'), account('portal_heroes')],
          memberships: [
            membership({
              companyRut: '77123456-9',
              companyName: 'Transportes Biobío',
              state: 'removed',
            }),
            membership(),
            { ...unsignedAdmin, companyRut: '78901234-2', companyName: 'Panadería La Espiga' },
          ],
        }),
      );
      const closed = causes.find((cause) => cause.code === 'other_companies_open')!;
      expect(closed).toMatchObject({ others: ['Constructora Andes SpA'] });
      expect(closed).not.toHaveProperty('elsewhere');
      expect(causeTexts.other_companies_open(closed).title).toBe(
        'De baja en Transportes Biobío; sigue con acceso a Constructora Andes SpA',
      );
      expect(causes.map((cause) => cause.code)).toContain('agreement_unsigned');
      expect(causes.map((cause) => cause.code)).not.toContain('company_not_adherent');
    });

    it('counts the approval mail as a mail with the link (rule 12: it carries it)', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [unsignedAdmin],
          mails: [
            mail({ portal: 'portal_empresas', kind: 'access_approval', sentAt: ONE_HOUR_AGO }),
            mail({ portal: 'portal_empresas', kind: 'agreement_signature', sentAt: YESTERDAY }),
          ],
        }),
      );
      expect(causes[0]).toMatchObject({ code: 'agreement_unsigned', lastSentAt: ONE_HOUR_AGO });
    });

    it('says when the newest mail with the link has not left this desk yet', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [unsignedAdmin],
          mails: [
            mail({
              portal: 'portal_empresas',
              kind: 'agreement_signature',
              sentAt: ONE_HOUR_AGO,
              outcome: 'queued',
            }),
            mail({ portal: 'portal_empresas', kind: 'agreement_signature', sentAt: YESTERDAY }),
          ],
        }),
      );
      expect(causes[0]).toMatchObject({ lastSentAt: ONE_HOUR_AGO, lastMailWaiting: true });
      expect(causeTexts.agreement_unsigned(causes[0]!).say).toMatch(
        // Asked an hour ago: it goes only if it leaves within two hours of the asking.
        new RegExp(
          `El correo que pedimos el .* aún no sale: si a las ${formatTime(
            new Date(Date.parse(ONE_HOUR_AGO) + 2 * 3_600_000).toISOString(),
          )} no le ha llegado, llámenos y lo pedimos de nuevo\\. Después de firmar, ingrese a Portal Empresas con la contraseña que ya tiene en Caja Los Héroes`,
        ),
      );
    });

    it('says how the first entry goes once signed: the first-access key, or the password it has (rule 16)', () => {
      const newLogin = diagnose(
        input({
          accounts: [account('portal_heroes', { passwordSet: false })],
          memberships: [unsignedAdmin],
        }),
      );
      expect(newLogin[0]).toMatchObject({
        code: 'agreement_unsigned',
        firstEntry: 'first_access_key',
      });
      expect(causeTexts.agreement_unsigned(newLogin[0]!).say).toMatch(
        /Después de firmar, su primer ingreso a Portal Empresas es con los 4 dígitos anteriores al dígito verificador de su RUT/,
      );
      // A login not registered yet has no first entry to tell of: its own causes come first.
      const unregistered = diagnose(
        input({
          accounts: [account('portal_heroes', { registrationState: 'pending_activation' })],
          memberships: [unsignedAdmin],
        }),
      );
      const unsigned = unregistered.find((cause) => cause.code === 'agreement_unsigned')!;
      expect(unsigned.firstEntry).toBeUndefined();
      expect(causeTexts.agreement_unsigned(unsigned).say).not.toMatch(/Después de firmar/);
    });

    it('applies to company users too, without lastSentAt when never sent', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [
            membership({ role: 'company_user', agreementSigned: false, companyOnEmpresas: true }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'agreement_unsigned',
          firstEntry: 'usual_password',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          portal: 'portal_empresas',
          fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'agreement_signature' },
        },
      ]);
    });

    it('does not apply to workers, to inactive memberships, or at a company not on Portal Empresas', () => {
      const worker = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [
            membership({ role: 'worker', agreementSigned: false, companyOnEmpresas: true }),
          ],
        }),
      );
      const paused = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [
            membership(),
            membership({
              companyRut: '96111222-5',
              role: 'company_user',
              state: 'paused',
              agreementSigned: false,
              companyOnEmpresas: true,
            }),
          ],
        }),
      );
      const achsCompany = diagnose(
        input({
          accounts: [account('portal_heroes')],
          memberships: [membership({ role: 'company_user', agreementSigned: false })],
        }),
      );
      expect(worker).toStrictEqual([]);
      // The paused profile is advice (another company is open), never an unsigned agreement.
      expect(codes(paused)).toStrictEqual(['other_companies_open']);
      expect(achsCompany).toStrictEqual([]);
    });

    it('a company profile at a company no longer adherent is said so, never how to enter it (rule 6)', () => {
      const frontera = membership({
        companyRut: '77111222-3',
        companyName: 'Panadería La Frontera S.A.',
        companyAdherent: false,
        companyOnEmpresas: true,
        role: 'company_user',
        agreementSigned: true,
      });
      // Another company, adherent, stays open: the closed one is still named.
      const causes = diagnose(
        input({
          accounts: [account(), account('portal_heroes')],
          memberships: [membership(), frontera],
        }),
      );
      expect(causes).toMatchObject([
        { code: 'company_not_adherent', companyName: 'Panadería La Frontera S.A.', fix: null },
      ]);
      expect(codes(causes)).not.toContain('usual_password');
      expect(codes(causes)).not.toContain('first_access_key');
    });

    it('without a Los Héroes login there is nowhere to resend the agreement', () => {
      const causes = diagnose(input({ accounts: [], memberships: [unsignedAdmin] }));
      expect(causes).toMatchObject([{ code: 'agreement_unsigned', fix: null }]);
    });
  });

  describe('access requests', () => {
    it('access_request_rejected: with the company and the reason recorded', () => {
      const causes = diagnose(
        input({
          accessRequests: [request({ state: 'rejected', reason: 'No figura en el TRF' })],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'access_request_rejected',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          reason: 'No figura en el TRF',
          fix: null,
        },
      ]);
    });

    it('a request refused or waiting is history once the person holds a company profile there (rule 13)', () => {
      const rejected = request({ state: 'rejected', reason: 'No figura en el TRF' });
      // Added since by the representative with «Agregar usuario», his agreement signed.
      const added = membership({ role: 'company_user', state: 'active', companyOnEmpresas: true });
      expect(codes(diagnose(input({ memberships: [added], accessRequests: [rejected] })))).toEqual(
        [],
      );
      expect(
        codes(
          diagnose(
            input({ memberships: [added], accessRequests: [request({ state: 'pending' })] }),
          ),
        ),
      ).not.toContain('access_request_pending');
      // A profile paused there: the pause is the cause, not the old refusal.
      expect(
        codes(
          diagnose(
            input({ memberships: [{ ...added, state: 'paused' }], accessRequests: [rejected] }),
          ),
        ),
      ).not.toContain('access_request_rejected');
      // A profile deleted, or a worker's tie alone: the refusal is still where they stand.
      for (const held of [{ ...added, state: 'removed' as const }, membership()]) {
        expect(
          codes(diagnose(input({ memberships: [held], accessRequests: [rejected] }))),
        ).toContain('access_request_rejected');
      }
    });

    it('access_request_rejected without a reason has no reason key', () => {
      const causes = diagnose(input({ accessRequests: [request({ state: 'rejected' })] }));
      expect(causes).toStrictEqual([
        {
          code: 'access_request_rejected',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          fix: null,
        },
      ]);
    });

    it('access_request_rejected of someone outside the register still says the way in (seed 002)', () => {
      const [rejected] = diagnose(
        input({
          accessRequests: [
            request({ state: 'rejected', reason: 'No figura en el TRF', inRegister: false }),
          ],
        }),
      );
      expect(rejected).toMatchObject({ notInRegister: true });
      expect(causeTexts.access_request_rejected(rejected!).say).toBe(
        'Su solicitud fue rechazada. Motivo registrado: «No figura en el TRF». Para entrar a Portal Empresas, pida a la empresa que le dé acceso con «Agregar usuario» (lo hace su representante legal o un administrador de accesos): le llegará un correo para firmar el Acuerdo de Acceso Remoto.',
      );
    });

    it('access_request_pending: with the company', () => {
      const causes = diagnose(input({ accessRequests: [request({ state: 'pending' })] }));
      expect(causes).toStrictEqual([
        {
          code: 'access_request_pending',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          fix: null,
        },
      ]);
    });

    it('access_request_pending by someone the register does not name: it can only be rejected', () => {
      const causes = diagnose(
        input({ accessRequests: [request({ state: 'pending', inRegister: false })] }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'access_request_pending',
          companyRut: '76543210-3',
          companyName: 'Constructora Andes SpA',
          notInRegister: true,
          fix: null,
        },
      ]);
      // Titled as what will become of it, with the way that works (seed 002: «Agregar usuario»).
      const text = causeTexts.access_request_pending(causes[0]!);
      expect(text.title).toBe('Solicitud de acceso que será rechazada (Constructora Andes SpA)');
      expect(text.say).toMatch(/^Su solicitud será rechazada: solo el representante legal/);
      expect(text.say).toContain('le dé acceso con «Agregar usuario»');
      expect(causeTexts.access_request_pending({ ...causes[0]!, notInRegister: false }).title).toBe(
        'Solicitud de acceso en revisión (Constructora Andes SpA)',
      );
    });

    it('a new request after a rejection is where the person stands: the rejection is not told', () => {
      const causes = diagnose(
        input({
          accessRequests: [
            request({ state: 'rejected', reason: 'No figura en el TRF.' }),
            request({ state: 'pending', inRegister: false }),
          ],
        }),
      );
      expect(codes(causes)).toStrictEqual(['access_request_pending']);
      // A reason recorded with its own full stop is quoted without a second one.
      const [rejected] = diagnose(
        input({ accessRequests: [request({ state: 'rejected', reason: 'No figura en el TRF.' })] }),
      );
      expect(causeTexts.access_request_rejected(rejected!).say).toBe(
        'Su solicitud fue rechazada. Motivo registrado: «No figura en el TRF».',
      );
    });

    it('an approved request hides rejected and pending ones for the same company only', () => {
      const causes = diagnose(
        input({
          accessRequests: [
            request({ state: 'rejected', reason: 'Sin poder notarial' }),
            request({ state: 'pending' }),
            request({ state: 'approved' }),
            request({ companyRut: '96111222-5', companyName: 'Minera Sur', state: 'rejected' }),
            request({ companyRut: '77888999-0', companyName: 'Transportes Norte' }),
          ],
        }),
      );
      expect(causes).toStrictEqual([
        {
          code: 'access_request_rejected',
          companyRut: '96111222-5',
          companyName: 'Minera Sur',
          fix: null,
        },
        {
          code: 'access_request_pending',
          companyRut: '77888999-0',
          companyName: 'Transportes Norte',
          fix: null,
        },
      ]);
    });
  });

  describe('Portal Empresas first access and the ACHS keys (rules 16, 17)', () => {
    const signedAdmin = membership({
      role: 'access_admin',
      agreementSigned: true,
      companyOnEmpresas: true,
    });
    const say = (overrides: Partial<Account>) =>
      diagnose(
        input({ accounts: [account('portal_heroes', overrides)], memberships: [signedAdmin] }),
      );

    it('an administrator who was already an affiliate enters with the usual password', () => {
      // No affiliate (a company user alone): the usual password, and no profile to switch to.
      const alone = say({ passwordSet: true });
      expect(alone).toStrictEqual([
        { code: 'usual_password', portal: 'portal_empresas', fix: null },
      ]);
      expect(causeTexts.usual_password(alone[0]!).say).not.toMatch(/Perfil Afiliado|naranja/);
      // An affiliated worker beside her company profile: she switches with the orange button.
      const affiliate = diagnose(
        input({
          person: person({ isWorker: true }),
          accounts: [account('portal_heroes', { passwordSet: true })],
          memberships: [signedAdmin],
        }),
      );
      expect(affiliate).toStrictEqual([
        { code: 'usual_password', portal: 'portal_empresas', profile: 'affiliate', fix: null },
      ]);
      expect(causeTexts.usual_password(affiliate[0]!).say).toMatch(
        /Como ya tiene cuenta con Perfil Afiliado.*botón naranja/,
      );
    });

    it('a first entry uses the 4 digits before the check digit; once used, a password reset', () => {
      expect(say({ passwordSet: false, firstAccessUsed: false })).toStrictEqual([
        { code: 'first_access_key', portal: 'portal_empresas', fix: null },
      ]);
      expect(say({ passwordSet: false, firstAccessUsed: true })).toStrictEqual([
        {
          code: 'first_access_used',
          portal: 'portal_empresas',
          fix: { action: 'resend_mail', portal: 'portal_heroes', kind: 'password_reset' },
        },
      ]);
    });

    it('says nothing of first access before the agreement assigns the company profile', () => {
      const causes = diagnose(
        input({
          accounts: [account('portal_heroes', { passwordSet: false })],
          memberships: [{ ...signedAdmin, agreementSigned: false }],
        }),
      );
      expect(codes(causes)).toStrictEqual(['agreement_unsigned']);
    });

    it('reminds an ACHS access administrator that ACHS Virtual keys are not ACHS Gestión keys', () => {
      const causes = diagnose(input({ memberships: [membership({ role: 'access_admin' })] }));
      expect(causes).toStrictEqual([
        { code: 'achs_virtual_keys', portal: 'achs_gestion', fix: null },
      ]);
      // At a company no longer adherent no key opens anything (rule 6): no tip about keys.
      const gone = diagnose(
        input({ memberships: [membership({ role: 'access_admin', companyAdherent: false })] }),
      );
      expect(codes(gone)).toStrictEqual(['company_not_adherent']);
    });
  });

  describe('ranking', () => {
    it('locked + no e-mail + agreement unsigned come in CAUSE_ORDER order', () => {
      const causes = diagnose(
        input({
          person: person({ email: null }),
          accounts: [
            account('portal_heroes'),
            account('achs_gestion', { lockedUntil: IN_ONE_HOUR, failedAttempts: 7 }),
          ],
          memberships: [
            membership({ role: 'company_user', agreementSigned: false, companyOnEmpresas: true }),
          ],
        }),
      );
      // The ACHS lock last: no ACHS company opens that login (withoutAccess).
      expect(codes(causes)).toStrictEqual(['no_email', 'agreement_unsigned', 'temporarily_locked']);
    });

    it('several accounts with the same cause keep their input order', () => {
      const locked = { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 };
      const causes = diagnose(
        input({
          accounts: [
            account('portal_heroes', locked),
            account('achs_gestion', {
              registrationBlocked: true,
              registrationState: 'not_registered',
            }),
            account('portal_empresas', locked),
            account('achs_gestion', locked),
          ],
          // A Caja company too: both logins open, so no lock is one of a shut login.
          memberships: [
            membership(),
            membership({ companyRut: '96111222-5', companyOnEmpresas: true }),
          ],
        }),
      );
      expect(causes.map((c) => `${c.code}:${c.portal}`)).toStrictEqual([
        'registration_blocked:achs_gestion',
        'temporarily_locked:portal_heroes',
        'temporarily_locked:portal_empresas',
        'temporarily_locked:achs_gestion',
      ]);
    });

    it('every account and request cause at once, in CAUSE_ORDER order', () => {
      // Given in roughly reverse order, so the result cannot be the input order by accident.
      const causes = diagnose(
        input({
          accounts: [
            account('portal_heroes', { registrationState: 'not_registered' }),
            account('portal_empresas', { emailVerified: false }),
            account('achs_gestion', { registrationState: 'pending_activation' }),
            account('portal_heroes', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 }),
            account('portal_empresas', { registrationBlocked: true }),
          ],
          memberships: [],
          accessRequests: [
            request({ state: 'pending' }),
            request({ companyRut: '96111222-5', state: 'rejected' }),
          ],
          mails: [mail({ outcome: 'bounced' })],
        }),
      );
      // No «no_membership»: the requests say where this person stands (ranked in its own test).
      const expected = [
        'registration_blocked',
        'mail_bounced',
        'password_link_unused',
        'email_unverified',
        'access_request_rejected',
        'access_request_pending',
        'not_registered',
      ];
      // With no company, the lock is one of a login that opens nothing: after the rest.
      expect(codes(causes)).toStrictEqual([...expected, 'temporarily_locked']);
      expect(expected).toStrictEqual(CAUSE_ORDER.filter((code) => expected.includes(code)));
    });

    it('company and membership causes rank before account causes', () => {
      const notAdherent = diagnose(
        input({
          accounts: [account('portal_empresas', { lockedUntil: IN_ONE_HOUR, failedAttempts: 6 })],
          memberships: [membership({ companyAdherent: false, role: 'access_admin' })],
          // At another company: where the person holds a profile, a request is no cause.
          accessRequests: [request({ state: 'pending', companyRut: '96111222-5' })],
        }),
      );
      const inactive = diagnose(
        input({
          accounts: [account('achs_gestion', { registrationBlocked: true })],
          memberships: [
            membership({ state: 'paused' }),
            membership({ companyRut: '96111222-5', state: 'disabled' }),
          ],
        }),
      );
      expect(codes(notAdherent)).toStrictEqual([
        'company_not_adherent',
        'access_request_pending',
        'temporarily_locked',
      ]);
      expect(codes(inactive)).toStrictEqual([
        'membership_disabled',
        'membership_paused',
        'registration_blocked',
      ]);
    });
  });
});

describe('diagnose: mixed memberships', () => {
  const NOW = new Date('2026-11-21T15:00:00Z');
  const base = {
    person: { email: 'a@b.cl', isPensioner: false },
    // Registered on both logins: what is said here is the memberships' alone.
    accounts: [account('achs_gestion'), account('portal_heroes')],
    accessRequests: [],
    mails: [],
    now: NOW,
  };
  const membership = (
    companyRut: string,
    state: 'active' | 'disabled' | 'paused' | 'removed',
    companyAdherent: boolean,
  ) => ({
    companyRut,
    companyName: `Empresa ${companyRut}`,
    companyAdherent,
    role: 'worker' as const,
    state,
    agreementSigned: false,
  });

  it('offers re-enabling an adherent company when the only active one left the mutual', () => {
    const causes = diagnose({
      ...base,
      memberships: [membership('1-9', 'active', false), membership('2-7', 'disabled', true)],
    });
    expect(causes.map((c) => [c.code, c.fix])).toStrictEqual([
      ['company_not_adherent', null],
      ['membership_disabled', { action: 'enable_membership', companyRut: '2-7' }],
    ]);
  });

  it('offers no fix for a disabled membership at a company that is not adherent', () => {
    const causes = diagnose({ ...base, memberships: [membership('1-9', 'disabled', false)] });
    expect(causes).toStrictEqual([
      {
        code: 'membership_disabled',
        companyRut: '1-9',
        companyName: 'Empresa 1-9',
        role: 'worker',
        companyAdherent: false,
        fix: null,
      },
    ]);
  });

  it('with one company open, says as advice which is closed, that the others stay open, and who gives it back', () => {
    const causes = diagnose({
      ...base,
      memberships: [
        membership('1-9', 'active', true),
        membership('2-7', 'disabled', true),
        membership('3-5', 'removed', true),
        membership('4-3', 'paused', false),
        // Closed at a company still open to them through another profile: nothing to say.
        membership('1-9', 'removed', true),
      ],
    });
    expect(causes).toStrictEqual([
      {
        code: 'other_companies_open',
        portal: 'achs_gestion',
        companyRut: '2-7',
        companyName: 'Empresa 2-7',
        role: 'worker',
        state: 'disabled',
        others: ['Empresa 1-9'],
        fix: { action: 'enable_membership', companyRut: '2-7' },
      },
      {
        code: 'other_companies_open',
        portal: 'achs_gestion',
        companyRut: '3-5',
        companyName: 'Empresa 3-5',
        role: 'worker',
        state: 'removed',
        others: ['Empresa 1-9'],
        fix: null,
      },
      // Paused at a company no longer adherent: resuming it would open nothing.
      {
        code: 'other_companies_open',
        portal: 'achs_gestion',
        companyRut: '4-3',
        companyName: 'Empresa 4-3',
        role: 'worker',
        state: 'paused',
        others: ['Empresa 1-9'],
        fix: null,
      },
    ]);
    expect(causes.every((cause) => ADVICE_CAUSES.has(cause.code))).toBe(true);
    // ACHS Gestión's own way to the others (seed 000).
    expect(causeTexts.other_companies_open(causes[0]!).say).toContain(
      'Puede seguir ingresando a Empresa 1-9: al entrar, elija la empresa (o use «Cambiar de usuario»).',
    );
  });

  it('tells apart the companies chosen on entering from those of the other portal, with its own login', () => {
    // Deleted as a user at a Portal Empresas company; open at an ACHS company and at another
    // Portal Empresas one.
    const causes = diagnose({
      ...base,
      memberships: [
        { ...membership('1-9', 'active', true), companyOnEmpresas: false },
        { ...membership('5-1', 'active', true), companyOnEmpresas: true },
        {
          ...membership('2-7', 'removed', true),
          role: 'company_user' as const,
          companyOnEmpresas: true,
        },
      ],
    });
    expect(causes).toStrictEqual([
      {
        code: 'other_companies_open',
        portal: 'portal_empresas',
        companyRut: '2-7',
        companyName: 'Empresa 2-7',
        role: 'company_user',
        state: 'removed',
        others: ['Empresa 5-1'],
        elsewhere: { portal: 'achs_gestion', companies: ['Empresa 1-9'] },
        fix: null,
      },
    ]);
    const words = causeTexts.other_companies_open(causes[0]!);
    expect(words.title).toBe(
      'Sin acceso en Empresa 2-7; sigue con acceso a Empresa 5-1, Empresa 1-9',
    );
    expect(words.say).toBe(
      'Empresa 2-7 eliminó su acceso a esa empresa, no a las demás: solo el representante legal o un administrador de accesos de esa empresa puede volver a darle acceso. Sigue con acceso a Empresa 5-1, con el mismo usuario y clave de Caja Los Héroes. A Empresa 1-9 sigue entrando por ACHS Gestión, con su usuario y clave de ese portal.',
    );
    // Open only on the other portal: nothing to choose on entering.
    const [alone] = diagnose({
      ...base,
      memberships: [
        { ...membership('1-9', 'active', true), companyOnEmpresas: true },
        { ...membership('2-7', 'disabled', true), companyOnEmpresas: false },
      ],
    });
    expect(causeTexts.other_companies_open(alone!).say).not.toContain('elija la empresa');
    expect(causeTexts.other_companies_open(alone!).say).toContain(
      'A Empresa 1-9 sigue entrando por Portal Empresas',
    );
  });

  it('says nothing when every access is open', () => {
    const causes = diagnose({
      ...base,
      memberships: [membership('1-9', 'active', true), membership('2-7', 'active', true)],
    });
    expect(causes).toStrictEqual([]);
  });
});

describe('onBehalfSay: someone else calls in the person’s name (seed 000: «el acceso es personal»)', () => {
  it('promises what waits for the person only once they call, and says nothing of the rest', () => {
    const say = (code: Cause['code']) => onBehalfSay({ code, fix: null });
    expect(say('no_email')).toBe(
      'Sin un correo registrado no puede registrarse ni recuperar su contraseña. El acceso es personal: puedo registrar su correo solo cuando llame la propia persona.',
    );
    expect(say('mail_bounced')).toMatch(/puedo corregirlo solo cuando llame la propia persona\.$/);
    expect(say('registration_blocked')).toMatch(/puedo desbloquearlo solo cuando llame/);
    // An unlock and a mail reach only the person: their own words stand.
    for (const code of ['temporarily_locked', 'password_link_unused'] as const) {
      expect(say(code)).toBeNull();
    }
  });
});

describe('unverifiableSay: a fix the identity check cannot cover (identity_unverifiable)', () => {
  const both = { losHeroes: true, achs: true, hasEmail: false };
  it('promises no e-mail, and says who registers it on each portal', () => {
    const say = unverifiableSay({ code: 'no_email', fix: { action: 'edit_contact' } }, both)!;
    expect(say).not.toMatch(/lo registro ahora/);
    expect(say).toMatch(/^Sin un correo registrado .* no puedo registrárselo: no tenemos datos/);
    expect(say).toMatch(/En Los Héroes puede hacerlo usted/);
    expect(say).toMatch(/En ACHS se lo registra su empresa/);
    expect(
      unverifiableSay(
        { code: 'no_email', fix: { action: 'edit_contact' } },
        { ...both, achs: false },
      ),
    ).not.toMatch(/ACHS/);
  });

  it('a blocked registration: only the help desk clears it, once there is a fact to check', () => {
    const cause = {
      code: 'registration_blocked' as const,
      portal: 'achs_gestion' as const,
      fix: { action: 'clear_registration_block' as const, portal: 'achs_gestion' as const },
    };
    expect(unverifiableSay(cause, { ...both, losHeroes: false })).toBe(
      'El registro se invalidó por seguridad (N° de serie incorrecto) y solo la mesa de ayuda puede desbloquearlo, pero no tenemos datos suyos suficientes para verificar su identidad. En ACHS se lo registra su empresa: su administrador de accesos, en ACHS Gestión. Con su correo registrado, llame de nuevo y lo desbloqueamos.',
    );
    // Its own words otherwise: a cause with nothing to add keeps them.
    expect(unverifiableSay({ code: 'temporarily_locked', fix: null }, both)).toBeNull();
  });
});

describe('blockedSay: a fix a Ley 21.719 block stops (data_blocked)', () => {
  it('promises nothing of the desk, names the block, and how a wrong e-mail is corrected', () => {
    const say = blockedSay(
      { code: 'mail_bounced', fix: { action: 'edit_contact' } },
      'LEY-2026-0007',
    )!;
    expect(say).not.toMatch(/lo corrijo/);
    expect(say).toBe(
      'Mientras dure el bloqueo de sus datos que pidió (solicitud LEY-2026-0007), la mesa no cambia sus datos ni le envía correos: ahora no puedo corregir su correo. Si su correo está mal, su corrección se pide como una rectificación (Ley 21.719).',
    );
    expect(
      blockedSay(
        { code: 'password_link_unused', portal: 'portal_heroes', fix: null },
        'LEY-2026-0007',
      ),
    ).toMatch(/ahora no puedo enviarle el enlace para crear su contraseña\.$/);
    // The confirmation a rectification sent before the block: said as sent, not as impossible.
    expect(
      blockedSay(
        {
          code: 'email_unverified',
          portal: 'achs_gestion',
          fix: null,
          lastSentAt: '2026-12-07T11:15:00.000Z',
          lastSentKind: 'email_confirmation',
        },
        'LEY-2026-0007',
      ),
    ).toBe(
      'Se le envió el correo el 07-12-2026 08:15, a su dirección actual: que lo abra desde ahí. Mientras dure el bloqueo de sus datos que pidió (solicitud LEY-2026-0007), la mesa no puede reenviárselo.',
    );
    // Waiting out a lock asks nothing of the desk: its own words stand.
    expect(blockedSay({ code: 'temporarily_locked', fix: null }, 'LEY-2026-0007')).toBeNull();
  });

  it('with a rectification open, says only its correction goes, not «lo registro ahora» (walk 60b M4)', () => {
    expect(
      blockedRectifySay({ code: 'no_email', fix: null }, 'LEY-2026-0008', ['LEY-2026-0007']),
    ).toBe(
      'Mientras dure el bloqueo de sus datos que pidió (solicitud LEY-2026-0008), solo se corrige lo que pidió rectificar (LEY-2026-0007). Si lo que pidió corregir es su correo, indíquemelo y lo registro vinculándolo a esa solicitud; si no, ahora no puedo registrar su correo: su corrección se pide como una rectificación (Ley 21.719).',
    );
    expect(
      blockedRectifySay({ code: 'temporarily_locked', fix: null }, 'LEY-2026-0008', []),
    ).toBeNull();
  });

  it("sends the caller to the portal's own «forgot my password» button", () => {
    expect(noCauseText.sayBlocked('achs_gestion')).toContain('«¿Olvidaste tu contraseña?»');
    expect(noCauseText.sayBlocked('portal_heroes')).toContain('«Olvidé mi contraseña»');
    expect(noCauseText.sayBlocked('portal_empresas')).toContain('«Olvidé mi contraseña»');
  });
});
