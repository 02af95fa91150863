/**
 * Whether a person can get in at all, and which mails fit an account: one set of rules that the
 * desk's record (what it offers), its diagnosis (which fix it proposes), its resend service and
 * the central API (what it accepts) all apply, so none of them offers what another refuses.
 */
import { isOneOf, MAIL_KINDS, type MailKind, type Portal } from '../vocabulary';
import { isLosHeroes } from '../portals';
import { MAIL_COOLDOWN_MINUTES } from '../policy';
import { DATA_REQUEST_KINDS } from './data-requests';

export type AccessMembership = {
  state: 'active' | 'disabled' | 'paused' | 'removed';
  companyAdherent: boolean;
  role?: 'worker' | 'access_admin' | 'company_user';
  agreementSigned?: boolean;
  /** The company is on Portal Empresas, where a company profile waits for the agreement. */
  companyOnEmpresas?: boolean;
};

export type AccessFacts = {
  isPensioner: boolean;
  /**
   * An affiliated worker («Persona trabajadora»). At a Caja Los Héroes company her company
   * profile sits beside her affiliate profile of that company, on one login (rule 14).
   */
  isWorker?: boolean;
  memberships: ReadonlyArray<AccessMembership>;
};

/**
 * Whether a membership opens its login: active, at a company still adherent (rule 6), and — a
 * company profile on Portal Empresas — once the agreement is signed (rule 12). An access
 * administrator's rights on the desk follow the same (agent-repository.ts): an administrator
 * who cannot enter the portal administers nothing yet.
 */
export const opens = (m: AccessMembership) =>
  m.state === 'active' &&
  m.companyAdherent &&
  (m.role === undefined ||
    m.role === 'worker' ||
    !m.companyOnEmpresas ||
    m.agreementSigned === true);

/**
 * The two logins (shared/portals.ts): Caja Los Héroes' one user and password for Portal Héroes,
 * Portal Empresas and the APP LH — a company on Portal Empresas is a Caja company — and ACHS
 * Gestión's.
 */
export type Login = 'los_heroes' | 'achs';
const loginOf = (m: AccessMembership): Login => (m.companyOnEmpresas ? 'los_heroes' : 'achs');

/**
 * Rule 14: the affiliate profile on Los Héroes' login, whatever becomes of a company profile
 * beside it — a pensioner's, or an affiliated worker's at a Caja company still adherent where
 * she holds a company profile (paused, disabled, deleted or awaiting the agreement, she is still
 * its affiliate). A worker's own membership is her affiliate profile, open while it is active.
 */
export function affiliateProfile(facts: AccessFacts): 'pensioner' | 'affiliate' | null {
  if (facts.isPensioner) return 'pensioner';
  const companyProfileBeside = facts.memberships.some(
    (m) =>
      m.companyOnEmpresas === true &&
      m.companyAdherent &&
      m.role !== undefined &&
      m.role !== 'worker',
  );
  return facts.isWorker === true && companyProfileBeside ? 'affiliate' : null;
}

/**
 * Whether `login` opens for the person at all: an opening membership at one of its companies
 * (rules 6, 7, 11, 12, 13); on Los Héroes' login also the affiliate profile (rule 14) — a
 * pensioner with no company, or whose companies closed, still enters Portal Héroes as such.
 */
export function hasAccessOn(login: Login, facts: AccessFacts): boolean {
  if (membershipOpens(login, facts.memberships)) return true;
  return login === 'los_heroes' && affiliateProfile(facts) !== null;
}

/** Whether one of the person's companies on `login` opens it (the affiliate profile aside). */
export function membershipOpens(
  login: Login,
  memberships: ReadonlyArray<AccessMembership>,
): boolean {
  return memberships.some((m) => loginOf(m) === login && opens(m));
}

/** The login an account on `portal` is: Los Héroes' one login, or ACHS's. */
export function loginOfPortal(portal: Portal): Login {
  return isLosHeroes(portal) ? 'los_heroes' : 'achs';
}

/** The access an account on `portal` serves: its login's (MailFacts.hasAccess). */
export function hasAccessAt(portal: Portal, facts: AccessFacts): boolean {
  return hasAccessOn(loginOfPortal(portal), facts);
}

/**
 * Rules 6, 7 (seed 000: «los usuarios de las empresas que no cotizan con la ACHS no pueden tener
 * acceso»; «si eres desvinculado, quedarás inactivo»): a login every company of which closed for
 * good — dismissed from it, or no longer adherent — with no affiliate profile on it (rule 14).
 * None of its steps (register, create the password, confirm the e-mail, unlock) opens anything.
 * A paused or disabled access may be given back and a profile awaiting its signature may be
 * signed: not closed. A login none of the person's companies is on is not judged here.
 */
export function loginClosed(login: Login, facts: AccessFacts): boolean {
  const mine = facts.memberships.filter((m) => loginOf(m) === login);
  if (mine.length === 0) return false;
  if (login === 'los_heroes' && affiliateProfile(facts) !== null) return false;
  return mine.every((m) => m.state === 'removed' || !m.companyAdherent);
}

/** loginClosed, for the login an account on `portal` is (MailFacts.loginClosed). */
export function loginClosedAt(portal: Portal, facts: AccessFacts): boolean {
  return loginClosed(loginOfPortal(portal), facts);
}

/** Why a person, or one of their logins, opens nothing: the badge that says it. */
export type AccessBlock = 'disabled' | 'company_not_adherent' | 'pending_signature';

/** Whether the person can get in at all, on either login. */
export function hasAccess(facts: AccessFacts): boolean {
  return hasAccessOn('achs', facts) || hasAccessOn('los_heroes', facts);
}

/**
 * Why one login (an account's row) opens nothing, by its own companies only: a disabled ACHS
 * access is said on the ACHS Gestión row though Los Héroes' login opens, and a Los Héroes
 * profile waiting for its signature is not said on the ACHS row. A pensioner's affiliate profile
 * counts on Los Héroes' login only (rule 14). null: it opens, or none of its companies is there.
 */
export function loginBlockBadge(login: Login, facts: AccessFacts): AccessBlock | null {
  if (hasAccessOn(login, facts)) return null;
  return accessBlockBadge({
    isPensioner: false,
    isWorker: false,
    memberships: facts.memberships.filter((m) => loginOf(m) === login),
  });
}

/** Why a person with memberships has no access, as the badge that says it (null: has access). */
export function accessBlockBadge(facts: AccessFacts): AccessBlock | null {
  if (facts.memberships.length === 0 || hasAccess(facts)) return null;
  // Only a company profile waiting for its agreement (rule 12): not assigned until signed, so
  // nothing opens yet; the diagnosis says which step is missing.
  if (facts.memberships.some((m) => m.state === 'active' && m.companyAdherent)) {
    return 'pending_signature';
  }
  return facts.memberships.some((m) => m.state === 'active') ? 'company_not_adherent' : 'disabled';
}

export type MailFacts = {
  portal: Portal;
  hasEmail: boolean;
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  emailVerified: boolean;
  /** The access this account's login serves (hasAccessAt). */
  hasAccess: boolean;
  /** Every company of this login closed for good (loginClosedAt): no step of it helps. */
  loginClosed: boolean;
  /**
   * Portal Empresas: the profile an approved request of this person gave waits for its
   * signature — the step the approval mail serves (approvedAwaitingSignature: once signed, or
   * while that access is paused, disabled or deleted, there is nothing to invite to).
   */
  hasApprovedRequest: boolean;
  /** An active company membership (not a worker's) still waits for the agreement's signature. */
  hasUnsignedAgreement: boolean;
};

/** An approved request at this company waits for the agreement's signature (unsignedAgreement). */
export function approvalAwaitsAt<K>(
  requests: ReadonlyArray<{ companyRut: K; state: string; agreementSigned?: boolean }>,
  companyRut: K,
): boolean {
  return requests.some(
    (r) => r.companyRut === companyRut && r.state === 'approved' && r.agreementSigned !== true,
  );
}

/** A membership as the signature mails read it: its company profile, and what asks it to sign. */
export type SignatureFacts = {
  state: string;
  role: string;
  agreementSigned: boolean;
  companyOnEmpresas?: boolean;
  /** Rule 6: a company no longer adherent opens nothing, a signed agreement included. */
  companyAdherent?: boolean;
  /** An approved request at this company waits for this very signature (approvalAwaitsAt). */
  approvalAwaits?: boolean;
};

/**
 * Rule 12: a company profile the signature would assign now — on Portal Empresas, not a worker's,
 * its agreement unsigned, and active. A paused or disabled access is the company's to give back
 * first (rules 11, 13): signed meanwhile, the profile still would not be assigned, so no mail of
 * ours invites the person to sign and enter until then; a deleted one has nothing to sign.
 */
export function awaitsSignature(m: SignatureFacts): boolean {
  return unsignedCompanyProfile(m) && m.state === 'active';
}

/**
 * A company profile on Portal Empresas (not a worker's) whose agreement is unsigned, at a company
 * still adherent: at one that is not, signing would open nothing (rule 6), so no mail invites it.
 */
function unsignedCompanyProfile(m: SignatureFacts): boolean {
  return (
    m.companyOnEmpresas === true &&
    m.companyAdherent !== false &&
    m.role !== 'worker' &&
    !m.agreementSigned
  );
}

/**
 * A company profile on Portal Empresas whose agreement is unsigned and whose access is paused or
 * disabled: its signature waits for the access to be given back (awaitsSignature), and so does
 * the mail that asks for it — the diagnosis says so beside the pause.
 */
export function signatureWaitsForAccess(m: SignatureFacts): boolean {
  return unsignedCompanyProfile(m) && (m.state === 'paused' || m.state === 'disabled');
}

/**
 * MailFacts.hasApprovedRequest: a profile an approved request gave waits for its signature — not
 * the request alone: the mail it is sent again for invites to sign for that profile, so it fits
 * only while signing would assign it (awaitsSignature). The central API's resend reads the same.
 */
export function approvedAwaitingSignature(memberships: ReadonlyArray<SignatureFacts>): boolean {
  return memberships.some((m) => awaitsSignature(m) && m.approvalAwaits === true);
}

/**
 * Los Héroes: a mail inviting a signature (the approval's, the agreement's) waits for the person.
 * Its link proves the address when signed (a login a company created starts unverified), so no
 * confirmation mail is asked besides it: that mail is the one to send again.
 */
export function signatureConfirms(
  facts: Pick<MailFacts, 'portal' | 'hasApprovedRequest' | 'hasUnsignedAgreement'>,
): boolean {
  return isLosHeroes(facts.portal) && (facts.hasApprovedRequest || facts.hasUnsignedAgreement);
}

/** Does sending this mail now help the person get in? Never to a missing address. */
export function mailFits(kind: MailKind, facts: MailFacts): boolean {
  if (!facts.hasEmail) return false;
  switch (kind) {
    case 'password_creation':
      // Only after a first registration passed the serial-number check (rule 2), and for a login
      // that may still open (rules 6, 7).
      return facts.registrationState === 'pending_activation' && !facts.loginClosed;
    case 'password_reset':
      // A new password opens nothing for someone with no access left (rule 7).
      return facts.registrationState === 'active' && facts.hasAccess;
    case 'email_confirmation':
      return (
        facts.registrationState === 'active' &&
        !facts.emailVerified &&
        !facts.loginClosed &&
        !signatureConfirms(facts)
      );
    case 'access_approval':
      return isLosHeroes(facts.portal) && facts.hasApprovedRequest;
    case 'agreement_signature':
      return isLosHeroes(facts.portal) && facts.hasUnsignedAgreement;
  }
}

/** The mails that fit an account now, in the order the record offers them. */
export function fittingMailKinds(facts: MailFacts): MailKind[] {
  return MAIL_KINDS.filter((kind) => mailFits(kind, facts));
}

/**
 * The memberships' part of MailFacts: an active company profile on Portal Empresas still waiting
 * for the agreement (ACHS companies have no agreement) — one an administrator was added to. A
 * profile an approved request gave (`approvalAwaits`) is asked to sign by the approval's mail,
 * which carries the link: that mail is the one to send again, not a second one.
 */
export function unsignedAgreement(memberships: ReadonlyArray<SignatureFacts>): boolean {
  return memberships.some((m) => awaitsSignature(m) && m.approvalAwaits !== true);
}

/** The last mail of a kind from a portal: when it went, and to which address. */
export type SentMail = { sentAt: string; to: string };

/**
 * How long before a mail of this kind may go again (ms; 0: now). The caller is not flooded: the
 * same mail waits MAIL_COOLDOWN_MINUTES — unless the last one went to an address the person no
 * longer has (the agent has just corrected it): nothing reached them, so nothing holds the mail
 * to the right address back. The desk's record and resend, a selection, and the central API
 * (one mail, not two, when two desks ask for it) all decide with this.
 */
export function mailWaitMs(last: SentMail | null, email: string | null, now: number): number {
  if (last === null) return 0;
  if (email !== null && last.to.trim().toLowerCase() !== email.trim().toLowerCase()) return 0;
  return Math.max(0, Date.parse(last.sentAt) + MAIL_COOLDOWN_MINUTES * 60_000 - now);
}

export function isMailKind(text: string): text is MailKind {
  return isOneOf(MAIL_KINDS, text);
}

/**
 * Queued actions that never change whether the person can get in: a mail asked again, a new
 * e-mail or mobile, a company user's modules or profile, a Portal Empresas request recorded
 * (pending, it opens nothing), a Ley 21.719 request (a block of the data holds no login shut).
 * While only these wait on the desk, its «Activo» is the portal's too (walk 59b: a reset mail
 * queued offline had «Activo en este equipo; aún no en el portal» on an account active there all
 * along). Any other waiting action (an unlock, a block cleared, an access given back or taken, a
 * request decided) may be what «Activo» stands on.
 */
export const ACCESS_NEUTRAL_KINDS = [
  'mail.resend',
  'person.update_contact',
  'membership.set_modules',
  'membership.change_role',
  'request.record',
  ...DATA_REQUEST_KINDS,
] as const;

/** Whether a waiting action of `kind` may make this desk's «Activo» not yet the portal's. */
export function holdsAccess(kind: string): boolean {
  return !(ACCESS_NEUTRAL_KINDS as readonly string[]).includes(kind);
}
