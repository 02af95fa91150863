/**
 * "¿Por qué no puede ingresar?": every cause that stops a person from getting in, from all the
 * replica's state at once, ranked most likely first. Each cause names the action that fixes it,
 * or none when nothing of ours can (the renderer then shows the words to tell the caller).
 * Pure: no I/O, the clock is an input.
 */
import {
  CAUSE_CODES,
  type CauseCode,
  type Fix,
  type MailKind,
  type Portal,
} from '../../shared/contract';
import {
  affiliateProfile,
  approvalAwaitsAt,
  approvedAwaitingSignature,
  hasAccessAt,
  loginClosedAt,
  hasAccessOn,
  mailFits,
  membershipOpens,
  signatureWaitsForAccess,
  signatureConfirms,
  unsignedAgreement,
} from '../../shared/rules/access';
import {
  companyProfileAssigned,
  firstAccessAdvice,
  needsAgreement,
} from '../../shared/rules/company-access';

export type { CauseCode, Fix };

/** In ranking order: the first ones block everything after them (the contract's list). */
export const CAUSE_ORDER = CAUSE_CODES;

export type DiagnosisInput = {
  /** null: the RUT is valid but not in the replica. */
  person: { email: string | null; isPensioner: boolean; isWorker?: boolean } | null;
  accounts: Array<{
    portal: Portal;
    registrationState: 'not_registered' | 'pending_activation' | 'active';
    emailVerified: boolean;
    failedAttempts: number;
    lockedUntil: string | null;
    registrationBlocked: boolean;
    passwordSet?: boolean;
    firstAccessUsed?: boolean;
  }>;
  memberships: Array<{
    companyRut: string;
    companyName: string;
    companyAdherent: boolean;
    role: 'worker' | 'access_admin' | 'company_user';
    state: 'active' | 'disabled' | 'paused' | 'removed';
    agreementSigned: boolean;
    /** The company is on Portal Empresas (Los Héroes); otherwise an ACHS company. */
    companyOnEmpresas?: boolean;
    /** Paused or disabled, and nobody but the person could ask for it back now. */
    nobodyAsks?: true;
  }>;
  /** Oldest first. */
  accessRequests: Array<{
    companyRut: string;
    companyName: string;
    state: 'pending' | 'approved' | 'rejected';
    reason: string | null;
    /** Rule 6: at a company no longer adherent a request opens nothing, whatever it says. */
    companyAdherent?: boolean;
    /** Approved: its agreement was signed (the approval mail has served). */
    agreementSigned?: boolean;
    /** The company's register names the requester (rule 12): a pending request can be approved. */
    inRegister: boolean;
  }>;
  /** Newest first. */
  mails: Array<{
    portal: Portal;
    kind: MailKind;
    sentAt: string;
    outcome: 'queued' | 'sent' | 'delivered' | 'bounced' | 'failed';
    /** Where it went (null: not known, a mail queued before the address was kept). */
    toAddress?: string | null;
  }>;
  now: Date;
};

export type Cause = {
  code: CauseCode;
  portal?: Portal;
  companyRut?: string;
  companyName?: string;
  /** temporarily_locked: until when, after how many attempts. */
  until?: string;
  attempts?: number;
  /** temporarily_locked: its login opens no company now (the contract's Cause.withoutAccess). */
  withoutAccess?: true;
  /** Mail-related causes: when the relevant mail was last sent, if ever. */
  lastSentAt?: string;
  /** That mail was asked for on this desk and the central API has not sent it yet. */
  lastMailWaiting?: boolean;
  /** access_request_rejected: the reason recorded. */
  reason?: string;
  /** access_request_pending: the requester is not in the register, so it can only be rejected. */
  notInRegister?: boolean;
  /** dismissed: the profile last held (a company's user taken off is not a dismissed worker). */
  role?: 'worker' | 'access_admin' | 'company_user';
  /** other_companies_open: the closed access's state, and the companies still open to them. */
  state?: 'disabled' | 'paused' | 'removed';
  others?: string[];
  elsewhere?: {
    portal: Portal;
    companies: string[];
    /**
     * Its login not yet open to them: ACHS Gestión never registered, or its link not yet used;
     * Portal Empresas entered with its first-access key, or that key already used (rule 16).
     */
    account?: 'not_registered' | 'pending_activation' | 'first_access' | 'first_access_used';
  };
  /**
   * affiliate_profile_open: the profile that still opens Los Héroes' login (rule 14); dismissed:
   * that login stays open beside the dismissal.
   */
  profile?: 'pensioner' | 'affiliate';
  /** affiliate_profile_open: where that login stands (no account: not registered). */
  login?: 'not_registered' | 'pending_activation' | 'active';
  /**
   * membership_paused, membership_disabled, other_companies_open: its company profile's
   * agreement is unsigned too, and its mail waits for the access back (signatureWaitsForAccess).
   */
  agreementWaits?: boolean;
  /** agreement_unsigned: how the first entry goes once signed (rule 16). */
  firstEntry?: 'first_access_key' | 'usual_password';
  fix: Fix | null;
};

/**
 * The portal a login is named by when the person has no account on it: ACHS Gestión; Los Héroes'
 * login by Portal Empresas when only a company profile there opens it, else Portal Héroes.
 */
function firstPortalOf(
  login: 'achs' | 'los_heroes',
  memberships: DiagnosisInput['memberships'],
): Portal {
  if (login === 'achs') return 'achs_gestion';
  const companyProfile = memberships.some(
    (m) => m.companyOnEmpresas === true && m.role !== 'worker' && m.state === 'active',
  );
  const affiliate = memberships.some(
    (m) => m.companyOnEmpresas === true && m.role === 'worker' && m.state === 'active',
  );
  return companyProfile && !affiliate ? 'portal_empresas' : 'portal_heroes';
}

export function diagnose(input: DiagnosisInput): Cause[] {
  const { person, accounts, memberships, accessRequests, mails, now } = input;
  if (person === null) return [{ code: 'not_in_replica', fix: null }];

  // Same test as the person badges: null or '' means there is no address to write to.
  const hasEmail = Boolean(person.email);
  const causes: Cause[] = [];
  // A mail is a fix only where the shared rule would send it (the record and server apply it too).
  const accessFacts = {
    isPensioner: person.isPensioner,
    isWorker: person.isWorker ?? false,
    memberships,
  };
  const signatures = memberships.map((m) => ({
    ...m,
    approvalAwaits: approvalAwaitsAt(accessRequests, m.companyRut),
  }));
  const approvedRequest = approvedAwaitingSignature(signatures);
  const pendingAgreement = unsignedAgreement(signatures);
  // The newest mail bounced at the address the person still has: nothing reaches it until it is
  // corrected (mail_bounced, below), so no mail is a fix and no cause says «revise su correo».
  // One that bounced at an address corrected since says nothing of the current one.
  const newest = mails[0];
  const addressBounced =
    newest !== undefined &&
    newest.outcome === 'bounced' &&
    hasEmail &&
    (!newest.toAddress ||
      newest.toAddress.trim().toLowerCase() === person.email!.trim().toLowerCase());
  const resend = (account: DiagnosisInput['accounts'][number], kind: MailKind): Fix | null =>
    !addressBounced &&
    mailFits(kind, {
      portal: account.portal,
      hasEmail,
      registrationState: account.registrationState,
      emailVerified: account.emailVerified,
      hasAccess: hasAccessAt(account.portal, accessFacts),
      loginClosed: loginClosedAt(account.portal, accessFacts),
      hasApprovedRequest: approvedRequest,
      hasUnsignedAgreement: pendingAgreement,
    })
      ? { action: 'resend_mail', portal: account.portal, kind }
      : null;

  // Rule 14: the affiliate profile (a pensioner's, an affiliate's) keeps Los Héroes' login open
  // whatever became of the companies (affiliate_profile_open, below).
  const profile = affiliateProfile(accessFacts);
  const keepsLosHeroes = profile !== null && !membershipOpens('los_heroes', memberships);

  // Rule 12: a Portal Empresas company profile opens nothing until its agreement is signed.
  const opens = (m: (typeof memberships)[number]) =>
    m.state === 'active' &&
    m.companyAdherent &&
    !(m.companyOnEmpresas && needsAgreement(m.role) && !m.agreementSigned);

  // Access needs an active membership at an adherent company (rules 6, 7, 11, 13). Someone whose
  // request for a company profile is pending or was refused (a legal representative, say) is not
  // a worker to be added by the company: that request's cause says where they stand. Once
  // approved, a profile still missing is what keeps them out.
  if (memberships.length === 0) {
    const requestExplains = accessRequests.some((r) => r.state !== 'approved');
    if (!person.isPensioner && !requestExplains) {
      causes.push({ code: 'no_membership', fix: null });
    }
  } else if (!memberships.some(opens)) {
    const seen = new Set<string>();
    for (const m of memberships) {
      if (m.state === 'active' && !seen.has(m.companyRut)) {
        seen.add(m.companyRut);
        // Adherent, it waits for the agreement (agreement_unsigned, below, says so).
        if (!m.companyAdherent) {
          causes.push(notAdherent(m));
        }
      } else if (m.state === 'disabled') {
        // Re-enabling only helps where the company is still adherent.
        causes.push({
          code: 'membership_disabled',
          ...company(m),
          role: m.role,
          ...agreementWaits(m),
          ...(m.nobodyAsks && m.companyAdherent ? { nobodyAsks: true as const } : {}),
          ...(m.companyAdherent ? {} : { companyAdherent: false }),
          fix: m.companyAdherent ? { action: 'enable_membership', companyRut: m.companyRut } : null,
        });
      } else if (m.state === 'paused') {
        causes.push({
          code: 'membership_paused',
          ...company(m),
          role: m.role,
          ...agreementWaits(m),
          ...(m.nobodyAsks && m.companyAdherent ? { nobodyAsks: true as const } : {}),
          ...(m.companyAdherent ? {} : { companyAdherent: false }),
          fix: m.companyAdherent ? { action: 'resume_membership', companyRut: m.companyRut } : null,
        });
      }
    }
    const last = memberships[memberships.length - 1];
    if (last && memberships.every((m) => m.state === 'removed')) {
      causes.push({
        code: 'dismissed',
        ...company(last),
        role: last.role,
        ...(keepsLosHeroes && profile ? { profile } : {}),
        fix: null,
      });
    }
  } else {
    // Some company is open to them. One closed (dismissed, disabled, paused) is still why they
    // call — «me desvincularon», «no puedo entrar a la empresa X» — and what to tell them is
    // that the others stay open (seed 000), and who can give the closed one back.
    const open = memberships.filter(opens);
    // Portal Empresas (Los Héroes' login) and ACHS Gestión are two logins: the company is chosen
    // on entering only among those of the same one.
    const onEmpresas = (m: { companyOnEmpresas?: boolean }) => m.companyOnEmpresas === true;
    const namesOf = (list: typeof open) => [...new Set(list.map((m) => m.companyName))];
    // Whether the other login can be entered at all (walk 59a: «sigue entrando por ACHS Gestión,
    // con su usuario y clave» to someone added at an ACHS company who never registered there).
    // Los Héroes' login opens Portal Empresas with its first-access key until a password is
    // created (rule 16; review 59 L5), whatever its registration says.
    const accountOnLogin = (portal: 'achs_gestion' | 'portal_heroes') => {
      const account = accounts.find((a) => a.portal === portal);
      if (portal === 'portal_heroes') {
        if (account && account.registrationState === 'active' && account.passwordSet !== false) {
          return {};
        }
        return {
          account: account?.firstAccessUsed
            ? ('first_access_used' as const)
            : ('first_access' as const),
        };
      }
      const state = account?.registrationState;
      return state === 'active' ? {} : { account: state ?? ('not_registered' as const) };
    };
    const seen = new Set(open.map((m) => m.companyRut));
    for (const m of memberships) {
      if (seen.has(m.companyRut)) continue;
      seen.add(m.companyRut);
      // Rule 6: an access still active at a company no longer adherent opens nothing there,
      // whatever else stays open; nobody can give it back. One at an adherent company that is
      // not open waits for its agreement (rule 12: agreement_unsigned, below).
      if (m.state === 'active') {
        if (!m.companyAdherent) {
          causes.push(notAdherent(m));
        }
        continue;
      }
      const givenBack =
        m.state === 'disabled'
          ? ({ action: 'enable_membership', companyRut: m.companyRut } as const)
          : m.state === 'paused'
            ? ({ action: 'resume_membership', companyRut: m.companyRut } as const)
            : null;
      const others = namesOf(open.filter((o) => onEmpresas(o) === onEmpresas(m)));
      const elsewhere = namesOf(open.filter((o) => onEmpresas(o) !== onEmpresas(m)));
      causes.push({
        code: 'other_companies_open',
        // The closed access's login: how the others are entered is said in its portal's words.
        portal: onEmpresas(m) ? 'portal_empresas' : 'achs_gestion',
        ...company(m),
        role: m.role,
        state: m.state,
        ...agreementWaits(m),
        others,
        ...(elsewhere.length > 0
          ? {
              elsewhere: {
                portal: onEmpresas(m) ? ('achs_gestion' as const) : ('portal_empresas' as const),
                companies: elsewhere,
                ...accountOnLogin(onEmpresas(m) ? 'achs_gestion' : 'portal_heroes'),
              },
            }
          : {}),
        fix: m.companyAdherent ? givenBack : null,
      });
    }
  }

  // Rule 14: a company closed to them leaves the affiliate profile on Los Héroes' login open —
  // a pensioner's, or an affiliated worker's beside her company profile at a Caja company. What
  // to tell the caller is that Portal Héroes and the APP LH still open, with the same login —
  // once it is registered and has its password (rule 2), which the account's causes tell.
  if (keepsLosHeroes) {
    const closed = memberships.find(
      (m) =>
        (m.state !== 'active' || !m.companyAdherent) &&
        (profile === 'pensioner' || (m.companyOnEmpresas === true && m.role !== 'worker')),
    );
    if (closed) {
      causes.push({
        code: 'affiliate_profile_open',
        ...company(closed),
        ...(closed.state === 'active' ? {} : { state: closed.state }),
        role: closed.role,
        profile,
        portal: 'portal_heroes',
        login:
          accounts.find((a) => a.portal === 'portal_heroes')?.registrationState ?? 'not_registered',
        fix: null,
      });
    }
  }

  // Rule 7: dismissed from every company, with no affiliate profile (rule 14) and no request of
  // a company profile under way, the person is inactive: no step of an account (register, create
  // the password, confirm or give an address, unlock) is asked of them — it opens nothing.
  const inactive =
    memberships.length > 0 &&
    memberships.every((m) => m.state === 'removed') &&
    profile === null &&
    !accessRequests.some((r) => r.state !== 'rejected');
  // The same for one login whose every company closed for good (loginClosed, rules 6, 7): its
  // steps open nothing there; the causes above say why, and what stays open elsewhere.
  const judged = inactive ? [] : accounts.filter((a) => !loginClosedAt(a.portal, accessFacts));
  for (const account of judged) {
    const { portal } = account;
    if (account.registrationBlocked) {
      causes.push({
        code: 'registration_blocked',
        portal,
        fix: { action: 'clear_registration_block', portal },
      });
    }
    if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > now.getTime()) {
      causes.push({
        code: 'temporarily_locked',
        portal,
        until: account.lockedUntil,
        attempts: account.failedAttempts,
        // The lock is not all that keeps them out: «puede esperar» would be untrue.
        ...(hasAccessAt(portal, accessFacts) ? {} : { withoutAccess: true as const }),
        fix: { action: 'unlock', portal },
      });
    }
    if (account.registrationState === 'pending_activation') {
      causes.push({
        code: 'password_link_unused',
        portal,
        ...lastSent(mails, person.email, portal, 'password_creation'),
        ...(addressBounced ? { bounced: true } : {}),
        fix: resend(account, 'password_creation'),
      });
    }
    // Not while a signature's mail waits: its link confirms the address (signatureConfirms).
    if (
      account.registrationState === 'active' &&
      !account.emailVerified &&
      !signatureConfirms({
        portal: account.portal,
        hasApprovedRequest: approvedRequest,
        hasUnsignedAgreement: pendingAgreement,
      })
    ) {
      causes.push({
        code: 'email_unverified',
        portal,
        ...lastSent(mails, person.email, portal, 'email_confirmation'),
        ...(addressBounced ? { bounced: true } : {}),
        fix: resend(account, 'email_confirmation'),
      });
    }
    if (
      account.registrationState === 'not_registered' &&
      !account.registrationBlocked &&
      hasEmail
    ) {
      causes.push({ code: 'not_registered', portal, fix: null });
    }
  }

  // No account on any portal (someone just added by a company): not registered anywhere — said
  // for each login their companies open, as an account never registered is, not «Sin
  // impedimentos» over logins they cannot yet enter (rule 2). Registered on one portal, not being
  // on another is no cause (as the badges say).
  if (accounts.length === 0 && !inactive && hasEmail) {
    for (const login of ['achs', 'los_heroes'] as const) {
      if (!hasAccessOn(login, accessFacts)) continue;
      causes.push({ code: 'not_registered', portal: firstPortalOf(login, memberships), fix: null });
    }
  }

  if (!hasEmail && !inactive) causes.push({ code: 'no_email', fix: { action: 'edit_contact' } });

  if (addressBounced) {
    causes.push({
      code: 'mail_bounced',
      portal: newest.portal,
      lastSentAt: newest.sentAt,
      fix: { action: 'edit_contact' },
    });
  }

  // Rule 12: a company profile on Portal Empresas waits for the Remote Access Agreement. The
  // mails go to the one Los Héroes login (shared/portals.ts).
  const losHeroes = accounts.find((a) => a.portal === 'portal_heroes');
  for (const m of memberships) {
    if (!m.companyOnEmpresas || m.state !== 'active' || !needsAgreement(m.role)) continue;
    // Rule 6: at a company no longer adherent signing opens nothing (company_not_adherent says so).
    if (m.agreementSigned || !m.companyAdherent) continue;
    // Rule 12: a requester's approval mail carries the agreement's link, so its resend (with its
    // own wait) is the fix — not a second, different mail. An administrator the representative
    // added was sent the agreement's own mail.
    const approved = approvalAwaitsAt(accessRequests, m.companyRut);
    // Rule 16, said before it is asked: what opens Portal Empresas once the agreement is signed.
    const firstEntry =
      losHeroes?.registrationState === 'active'
        ? firstAccessAdvice({
            passwordSet: losHeroes.passwordSet ?? true,
            firstAccessUsed: losHeroes.firstAccessUsed ?? false,
          })
        : null;
    const fixKind = approved ? 'access_approval' : 'agreement_signature';
    // Either mail asks for the signature; the last one is named when the fix sends the other (a
    // request approved over a profile invited to sign years ago).
    const { lastSentKind, ...last } = lastSent(
      mails,
      person.email,
      'portal_empresas',
      'agreement_signature',
      'access_approval',
    );
    causes.push({
      code: 'agreement_unsigned',
      ...company(m),
      portal: 'portal_empresas',
      ...last,
      ...(lastSentKind && lastSentKind !== fixKind ? { lastSentKind } : {}),
      ...(addressBounced ? { bounced: true } : {}),
      ...(firstEntry === 'first_access_key' || firstEntry === 'usual_password'
        ? { firstEntry }
        : {}),
      fix: losHeroes ? resend(losHeroes, fixKind) : null,
    });
  }

  // Rule 16: how a company administrator enters Portal Empresas once the profile is assigned —
  // at a company still adherent (rule 6): at one that is not, the profile opens nothing.
  const companyProfile = memberships.some(
    (m) => m.companyOnEmpresas && m.companyAdherent && companyProfileAssigned(m),
  );
  if (companyProfile && losHeroes && losHeroes.registrationState === 'active') {
    const advice = firstAccessAdvice({
      passwordSet: losHeroes.passwordSet ?? true,
      firstAccessUsed: losHeroes.firstAccessUsed ?? false,
    });
    causes.push({
      code: advice === 'reset_password' ? 'first_access_used' : advice,
      portal: 'portal_empresas',
      // The usual password: an affiliate switches profiles with it (rule 14); others have one.
      ...(advice === 'usual_password' && profile !== null ? { profile } : {}),
      fix: advice === 'reset_password' ? resend(losHeroes, 'password_reset') : null,
    });
  }

  // Rule 17: an ACHS access administrator uses two portals whose keys differ — at a company
  // still adherent: at one that is not, no key opens anything (rule 6).
  const achs = accounts.find((a) => a.portal === 'achs_gestion');
  if (
    achs &&
    memberships.some(
      (m) =>
        !m.companyOnEmpresas &&
        m.role === 'access_admin' &&
        m.state === 'active' &&
        m.companyAdherent,
    )
  ) {
    causes.push({ code: 'achs_virtual_keys', portal: 'achs_gestion', fix: null });
  }

  const approved = new Set(
    accessRequests.filter((r) => r.state === 'approved').map((r) => r.companyRut),
  );
  // A company profile held there (rule 13: its representative added the person) is where the
  // person stands, whatever became of a request before it: its own causes are said above.
  const profiled = new Set(
    memberships
      .filter((m) => m.role !== 'worker' && m.state !== 'removed')
      .map((m) => m.companyRut),
  );
  // A company's newest request is where the person stands there: a rejection followed by a new
  // request (pending) is not told as a cause of its own.
  const standing = new Map(accessRequests.map((request) => [request.companyRut, request]));
  for (const request of standing.values()) {
    if (approved.has(request.companyRut) || profiled.has(request.companyRut)) continue;
    if (request.companyAdherent === false) {
      // Rule 6: no approval, no signature and no advice on entering there; the company's being
      // no longer adherent is the cause, said once.
      const said = causes.some(
        (c) => c.code === 'company_not_adherent' && c.companyRut === request.companyRut,
      );
      if (!said) {
        // A request is for Portal Empresas: the company's adherence is with Caja Los Héroes.
        causes.push({
          code: 'company_not_adherent',
          ...company(request),
          portal: 'portal_empresas',
          fix: null,
        });
      }
      continue;
    }
    if (request.state === 'rejected') {
      causes.push({
        code: 'access_request_rejected',
        ...company(request),
        ...(request.reason !== null ? { reason: request.reason } : {}),
        ...(request.inRegister ? {} : { notInRegister: true }),
        fix: null,
      });
    } else if (request.state === 'pending') {
      causes.push({
        code: 'access_request_pending',
        ...company(request),
        ...(request.inRegister ? {} : { notInRegister: true }),
        fix: null,
      });
    }
  }

  // Array.prototype.sort is stable, so equal codes keep the order they were found in.
  return causes.sort((a, b) => rank(a) - rank(b));
}

/**
 * Rule 12: a paused or disabled company profile whose agreement is unsigned — no mail invites the
 * signature until the access is given back (the record offers none), and the cause says so.
 */
function agreementWaits(m: DiagnosisInput['memberships'][number]): { agreementWaits?: true } {
  return signatureWaitsForAccess(m) ? { agreementWaits: true } : {};
}

/**
 * Where a cause is listed: in CAUSE_ORDER, but a lock on a login that opens no company
 * (withoutAccess) after what keeps it shut — its unlock is not what lets them in, so neither its
 * words nor its button come first (review 58).
 */
function rank(cause: Cause): number {
  return cause.code === 'temporarily_locked' && cause.withoutAccess
    ? CAUSE_ORDER.indexOf('not_registered') + 0.5
    : CAUSE_ORDER.indexOf(cause.code);
}

/**
 * An access at a company no longer adherent (rule 6), with its portal, so what is said of it
 * names its institution (walk 60a L3: «con la ACHS o con Caja Los Héroes» of a company the desk
 * knows is ACHS's).
 */
function notAdherent(m: {
  companyRut: string;
  companyName: string;
  companyOnEmpresas?: boolean;
  role: Cause['role'];
}): Cause {
  return {
    code: 'company_not_adherent',
    ...company(m),
    portal: m.companyOnEmpresas === true ? 'portal_empresas' : 'achs_gestion',
    role: m.role,
    fix: null,
  };
}

function company(row: { companyRut: string; companyName: string }): {
  companyRut: string;
  companyName: string;
} {
  return { companyRut: row.companyRut, companyName: row.companyName };
}

/**
 * `{ lastSentAt }` of the newest mail of those kinds on that portal (with `lastMailWaiting`
 * while it has not left yet), or `{}` if none was sent.
 */
function lastSent(
  mails: DiagnosisInput['mails'],
  email: string | null,
  portal: Portal,
  ...kinds: MailKind[]
): {
  lastSentAt?: string;
  lastSentKind?: MailKind;
  lastMailWaiting?: true;
  lastSentTo?: string;
} {
  // Mails come newest first, so the first match is the latest one. One not sent (given up, or
  // held back since its address was no longer the person's) reached nobody: never «fue a …».
  const mail = mails.find(
    (m) => m.portal === portal && kinds.includes(m.kind) && m.outcome !== 'failed',
  );
  if (!mail) return {};
  // Sent to an address that is no longer the person's (the e-mail was corrected since): its link
  // never reaches them there, whatever «revise su correo» says.
  const elsewhere =
    mail.toAddress && email && mail.toAddress.trim().toLowerCase() !== email.trim().toLowerCase()
      ? { lastSentTo: mail.toAddress }
      : {};
  // Which of the kinds it was, when the cause has more than one (its fix may send the other).
  const kind = kinds.length > 1 ? { lastSentKind: mail.kind } : {};
  return mail.outcome === 'queued'
    ? { lastSentAt: mail.sentAt, lastMailWaiting: true, ...kind, ...elsewhere }
    : { lastSentAt: mail.sentAt, ...kind, ...elsewhere };
}
