/**
 * Whether a person can get in at all, and which mails fit an account: one set of rules that the
 * desk's record (what it offers), its diagnosis (which fix it proposes), its resend service and
 * the central API (what it accepts) all apply, so none of them offers what another refuses.
 */
import type { MailKind, Portal } from '../contract';
import { isLosHeroes } from '../portals';

type AccessMembership = {
  state: 'active' | 'disabled' | 'paused' | 'removed';
  companyAdherent: boolean;
  role?: 'worker' | 'access_admin' | 'company_user';
  agreementSigned?: boolean;
  /** The company is on Portal Empresas, where a company profile waits for the agreement. */
  companyOnEmpresas?: boolean;
};

export type AccessFacts = {
  isPensioner: boolean;
  memberships: ReadonlyArray<AccessMembership>;
};

/** Rule 12: a company profile on Portal Empresas opens nothing until the agreement is signed. */
const opens = (m: AccessMembership) =>
  m.state === 'active' &&
  m.companyAdherent &&
  (m.role === undefined ||
    m.role === 'worker' ||
    !m.companyOnEmpresas ||
    m.agreementSigned === true);

/**
 * Access needs an active membership at an adherent company (rules 6, 7, 11, 13); a pensioner
 * with no company at all enters Portal Héroes as such.
 */
export function hasAccess(facts: AccessFacts): boolean {
  if (facts.memberships.length === 0) return facts.isPensioner;
  return facts.memberships.some(opens);
}

/** Why a person with memberships has no access, as the badge that says it (null: has access). */
export function accessBlockBadge(facts: AccessFacts): 'disabled' | 'company_not_adherent' | null {
  if (facts.memberships.length === 0 || hasAccess(facts)) return null;
  // Only a company profile waiting for its agreement: the diagnosis says which step is missing.
  if (facts.memberships.some((m) => m.state === 'active' && m.companyAdherent)) return null;
  return facts.memberships.some((m) => m.state === 'active') ? 'company_not_adherent' : 'disabled';
}

export type MailFacts = {
  portal: Portal;
  hasEmail: boolean;
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  emailVerified: boolean;
  /** See hasAccess. */
  hasAccess: boolean;
  /**
   * Portal Empresas: an access request of this person was approved and its agreement is still
   * unsigned — the step the approval mail serves (once signed, there is nothing to resend).
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

/** MailFacts.hasApprovedRequest: an approved request whose agreement waits for the signature. */
export function approvalAwaitsSignature(
  requests: ReadonlyArray<{ state: string; agreementSigned?: boolean }>,
): boolean {
  return requests.some((r) => r.state === 'approved' && r.agreementSigned !== true);
}

export const MAIL_KINDS: readonly MailKind[] = [
  'password_creation',
  'password_reset',
  'email_confirmation',
  'access_approval',
  'agreement_signature',
];

/** Does sending this mail now help the person get in? Never to a missing address. */
export function mailFits(kind: MailKind, facts: MailFacts): boolean {
  if (!facts.hasEmail) return false;
  switch (kind) {
    case 'password_creation':
      // Only after a first registration passed the serial-number check (rule 2).
      return facts.registrationState === 'pending_activation';
    case 'password_reset':
      // A new password opens nothing for someone with no access left (rule 7).
      return facts.registrationState === 'active' && facts.hasAccess;
    case 'email_confirmation':
      return facts.registrationState === 'active' && !facts.emailVerified;
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
export function unsignedAgreement(
  memberships: ReadonlyArray<{
    state: string;
    role: string;
    agreementSigned: boolean;
    companyOnEmpresas?: boolean;
    /** An approved request at this company waits for this very signature. */
    approvalAwaits?: boolean;
  }>,
): boolean {
  return memberships.some(
    (m) =>
      m.companyOnEmpresas === true &&
      m.state === 'active' &&
      m.role !== 'worker' &&
      !m.agreementSigned &&
      m.approvalAwaits !== true,
  );
}

export function isMailKind(text: string): text is MailKind {
  return (MAIL_KINDS as readonly string[]).includes(text);
}
