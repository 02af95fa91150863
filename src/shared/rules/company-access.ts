/**
 * The company half of the seeds as pure rules: who may ask for Portal Empresas access (rule 12),
 * what the Remote Access Agreement gates, the first-access key (rule 16), who may change
 * profiles or grant modules (rule 9), and who may ask the help desk to add, pause or delete a
 * company's users (rule 13). The desk and the central API both decide with these.
 */

/** A company's register: its legal representatives and the persons enabled in its TRF. */
export type SignatoryKind = 'legal_representative' | 'trf';
export type Signatory = { personRut: number; kind: SignatoryKind };

/** ACHS: the three kinds of access administrator of a company (rule 9). */
export const ADMIN_KINDS = ['legal_representative', 'commercial_contact', 'appointed'] as const;
export type AdminKind = (typeof ADMIN_KINDS)[number];

export type RequestCheck =
  { ok: true; as: SignatoryKind } | { ok: false; reason: 'not_signatory' | 'company_not_adherent' };

/**
 * Rule 12: Portal Empresas access may be requested only by the company's legal representative or
 * by persons enabled in its TRF; any other requester is rejected. A company no longer adherent
 * gives nobody access (rule 6), so its requests cannot be approved either. Decided by the rule,
 * not by what the caller claims to be.
 */
export function checkAccessRequester(
  requesterRut: number,
  company: { adherent: boolean },
  signatories: readonly Signatory[],
): RequestCheck {
  if (!company.adherent) return { ok: false, reason: 'company_not_adherent' };
  const own = signatories.filter((s) => s.personRut === requesterRut);
  if (own.some((s) => s.kind === 'legal_representative')) {
    return { ok: true, as: 'legal_representative' };
  }
  if (own.some((s) => s.kind === 'trf')) return { ok: true, as: 'trf' };
  return { ok: false, reason: 'not_signatory' };
}

export type RequestState = 'pending' | 'approved' | 'rejected';

/** A request is decided once: approving or rejecting a decided one is refused. */
export function mayDecide(state: RequestState): boolean {
  return state === 'pending';
}

/**
 * Rule 12: after approval the company profile stays unassigned until the Remote Access
 * Agreement is signed; administrators added later must sign it too. A worker's membership
 * needs no agreement.
 */
export function companyProfileAssigned(membership: {
  role: 'worker' | 'access_admin' | 'company_user';
  state: 'active' | 'disabled' | 'paused' | 'removed';
  agreementSigned: boolean;
}): boolean {
  return (
    membership.role !== 'worker' && membership.state === 'active' && membership.agreementSigned
  );
}

/** Needs the agreement signed before its company profile is assigned. */
export function needsAgreement(role: 'worker' | 'access_admin' | 'company_user'): boolean {
  return role !== 'worker';
}

/**
 * Rule 16: the first Portal Empresas password is the 4 digits before the check digit of the RUT,
 * for the first entry only.
 */
export function firstAccessKey(rutBody: number): string {
  return String(rutBody % 10_000).padStart(4, '0');
}

export type FirstAccessAdvice =
  /** Already an affiliate on Portal Héroes: the same login, the usual password. */
  | 'usual_password'
  /** Never entered: the first-access key. */
  | 'first_access_key'
  /** The first-access key was used (or failed): "Olvidé mi contraseña". */
  | 'reset_password';

/**
 * Rule 16: what a company administrator should enter with, once the agreement is signed.
 * Portal Héroes, Portal Empresas and the APP LH share one user and password.
 */
export function firstAccessAdvice(login: {
  /** The Los Héroes login had a password before the company profile came. */
  passwordSet: boolean;
  /** The first-access key was already used or spent on failed attempts. */
  firstAccessUsed: boolean;
}): FirstAccessAdvice {
  if (login.passwordSet) return 'usual_password';
  return login.firstAccessUsed ? 'reset_password' : 'first_access_key';
}

/** Who is asking the help desk to act on a company's users or profiles. */
export type Caller =
  { kind: 'call_center' } | { kind: 'person'; personRut: number; verified: boolean };

export type CompanyAuthority = {
  signatories: readonly Signatory[];
  /** The company's active access administrators (ACHS rule 9), by person. */
  admins: ReadonlyArray<{ personRut: number; kind: AdminKind }>;
};

/**
 * Rule 9: only an access administrator of that company, or the call center, may change profiles
 * or grant modules; other users ask their access administrator.
 */
export function mayChangeProfiles(caller: Caller, company: CompanyAuthority): boolean {
  if (caller.kind === 'call_center') return true;
  return caller.verified && company.admins.some((admin) => admin.personRut === caller.personRut);
}

/**
 * Rule 13 (and the issue): adding, pausing, resuming or deleting a company's users happens on the
 * call of a verified legal representative or access administrator of THAT company; nobody else
 * may ask, whatever they claim.
 */
export function mayManageCompanyUsers(caller: Caller, company: CompanyAuthority): boolean {
  if (caller.kind !== 'person' || !caller.verified) return false;
  return (
    company.signatories.some(
      (s) => s.personRut === caller.personRut && s.kind === 'legal_representative',
    ) || company.admins.some((admin) => admin.personRut === caller.personRut)
  );
}

/**
 * ACHS rule 9: an "appointed" access administrator must be appointed by a legal representative
 * of the company; the other two kinds are what the person is.
 */
export function mayBeAdmin(
  kind: AdminKind,
  personRut: number,
  appointedBy: number | null,
  company: CompanyAuthority,
): boolean {
  const isRepresentative = (rut: number) =>
    company.signatories.some((s) => s.personRut === rut && s.kind === 'legal_representative');
  switch (kind) {
    case 'legal_representative':
      return isRepresentative(personRut);
    case 'commercial_contact':
      return true;
    case 'appointed':
      return appointedBy !== null && isRepresentative(appointedBy);
  }
}
