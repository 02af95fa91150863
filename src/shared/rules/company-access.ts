/**
 * The company half of the seeds as pure rules: who may ask for Portal Empresas access (rule 12),
 * what the Remote Access Agreement gates, the first-access key (rule 16), who may change
 * profiles or grant modules (rule 9), and who may ask the help desk to add, pause or delete a
 * company's users (rule 13) — one rule, companyRequester. The desk and the central API both
 * decide with these.
 */
import { MEMBERSHIP_ROLES, type MembershipRole } from '../vocabulary';

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

/** The state of a membership. */
export type MembershipState = 'active' | 'disabled' | 'paused' | 'removed';

/**
 * What a company profile is, said once for every screen and count: on Portal Empresas an active
 * administrator or company user whose Remote Access Agreement is unsigned is «pending signature»
 * — the company profile is not assigned (rule 12), so it is neither an active user nor an
 * administrator yet. An outsider's ended tie is his access deleted by the company (rule 13), not
 * a dismissal (rule 7: only a worker is «de baja»); both are stored as `removed`. Workers and
 * ACHS companies (no agreement) are what their state says.
 */
export function profileStanding(
  membership: {
    role: 'worker' | 'access_admin' | 'company_user';
    state: MembershipState;
    agreementSigned: boolean;
    /** Not a worker of the company (an outsider it added as a user). */
    external: boolean;
  },
  onEmpresas: boolean,
): ProfileStanding {
  if (membership.state === 'removed' && membership.external) return 'access_removed';
  return onEmpresas &&
    membership.state === 'active' &&
    needsAgreement(membership.role) &&
    !membership.agreementSigned
    ? 'pending_signature'
    : membership.state;
}

export type ProfileStanding = MembershipState | 'pending_signature' | 'access_removed';

export type CompanyAuthority = {
  /** Portal Empresas (Los Héroes): the company profile waits for the agreement (rule 12). */
  onEmpresas: boolean;
  signatories: readonly Signatory[];
  /** The company's access administrator profiles, whatever their state (ACHS rule 9). */
  admins: ReadonlyArray<{
    personRut: number;
    kind: AdminKind;
    state: MembershipState;
    agreementSigned: boolean;
  }>;
};

/** Why a legal representative or an access administrator of the company cannot ask yet. */
export type RequesterRefusal =
  /** Portal Empresas: approved, but the Remote Access Agreement is unsigned (rule 12). */
  | 'agreement_unsigned'
  /** Portal Empresas: a legal representative with no company profile (never approved). */
  | 'no_company_profile'
  /** Their administrator profile is paused or disabled. */
  | 'profile_not_active';

export type RequesterStanding =
  | { ok: true; as: 'legal_representative' | 'access_admin' }
  | { ok: false; as: 'legal_representative' | 'access_admin'; reason: RequesterRefusal };

/**
 * THE rule of who may ask the help desk to change a company's users — add one, pause, resume or
 * delete one, or change their modules (rules 9, 12, 13) — used by every company dialog, the
 * desk's checks and the intents alike:
 *
 * - the access administrators of the company may (rule 9: they are the ones who change profiles;
 *   others ask them for modules), and its legal representative is one of them (rule 9, and the
 *   Los Héroes «Perfil de Representante Legal» that gives its workers access, rule 13);
 * - on Portal Empresas that authority is the company profile, which is not assigned until the
 *   Remote Access Agreement is signed (rule 12: «Sin este paso, el perfil empresa no será
 *   asignado»; administrators the representative adds sign it too). So there a legal
 *   representative or an administrator asks only with an active, signed profile;
 * - a paused, disabled or deleted administrator profile holds no authority.
 *
 * null: the person is neither a legal representative nor an access administrator of the company
 * (a TRF signatory may request portal access, rule 12, but does not manage users by that).
 */
export function companyRequester(
  personRut: number,
  company: CompanyAuthority,
): RequesterStanding | null {
  const representative = company.signatories.some(
    (s) => s.personRut === personRut && s.kind === 'legal_representative',
  );
  const profile = company.admins.find((a) => a.personRut === personRut && a.state !== 'removed');
  if (!representative && !profile) return null;
  const as = representative ? 'legal_representative' : 'access_admin';
  if (profile && profile.state !== 'active') return { ok: false, as, reason: 'profile_not_active' };
  if (company.onEmpresas) {
    if (!profile) return { ok: false, as, reason: 'no_company_profile' };
    if (!profile.agreementSigned) return { ok: false, as, reason: 'agreement_unsigned' };
  }
  return { ok: true, as };
}

/**
 * Whether anyone but `personRut` may ask now for a change of the company's users (companyRequester):
 * false when the company's legal representatives and access administrators, that person aside,
 * all wait for something (a profile, a signature) or there are none — a closed access is then
 * given back by nobody on a call until one of them can ask (rules 9, 12, 13).
 */
export function othersMayAsk(personRut: number, company: CompanyAuthority): boolean {
  const candidates = new Set([
    ...company.signatories.filter((s) => s.kind === 'legal_representative').map((s) => s.personRut),
    ...company.admins.map((a) => a.personRut),
  ]);
  candidates.delete(personRut);
  return [...candidates].some((rut) => companyRequester(rut, company)?.ok === true);
}

/** Who is asking the help desk to act on a company's users: a person, identity checked or not. */
export type Caller = { personRut: number; verified: boolean };

/** companyRequester, for a caller whose identity the agent checked. */
export function mayRequestCompanyChange(caller: Caller, company: CompanyAuthority): boolean {
  return caller.verified && companyRequester(caller.personRut, company)?.ok === true;
}

/**
 * An access administrator does not widen their own access (rules 9, 13): they may give it up
 * (pause, disable or remove it; drop a module), but are not added again, given it back, or granted
 * a module on their own word — the legal representative or another administrator asks. A legal
 * representative may: their authority is the register's, not a profile's (they request their own
 * Portal Empresas access too, rule 12).
 */
export function grantsToSelf(
  caller: { personRut: number; as: 'legal_representative' | 'access_admin' },
  userRut: number,
  widens: boolean,
): boolean {
  return widens && caller.personRut === userRut && caller.as !== 'legal_representative';
}

/**
 * Rule 9 names who an access administrator is (the legal representative, the commercial contact,
 * someone the representative appoints) and rule 12 how one comes on Portal Empresas (a request,
 * then the Remote Access Agreement signed): «Cambiar perfil» changes the profiles of the users a
 * company has, but never makes one. Giving the profile up stays a profile change.
 */
export function namesAdministrator(fromRole: string, toRole: string): boolean {
  return toRole === 'access_admin' && fromRole !== 'access_admin';
}

/** Why «Cambiar perfil» may not make a change (profileChangeRefusal). */
export type ProfileChangeRefusal =
  | 'admin_not_by_profile_change'
  | 'profile_not_by_change'
  | 'company_not_adherent'
  | 'outsider_not_worker'
  | 'representative_register';

/** The membership a profile change starts from: its role, and what the company says of him. */
export type ProfileFrom = { role: string; external: boolean; legalRepresentative: boolean };

/**
 * Why «Cambiar perfil» may not take a membership to `toRole`, or null when it may.
 * - It never names an administrator (namesAdministrator).
 * - It never lowers a registered legal representative: the register makes him one (rule 9); if
 *   he no longer represents the company, the company updates its register.
 * - From a worker it gives a company profile only at ACHS, and only at a company still adherent
 *   (rule 6). On Portal Empresas a company profile comes by a request (rule 12) or by «Agregar
 *   usuario» at the company's request (rule 13), and is assigned once the Remote Access
 *   Agreement is signed: a profile change would give it on nobody's word, with nothing to sign.
 * - It never makes an outsider a worker: the company incorporates its workers (rule 5); an
 *   outsider's access is deleted or disabled, at the company's request.
 * Giving a profile up, or lowering an administrator, stays a profile change.
 */
export function profileChangeRefusal(
  from: ProfileFrom,
  toRole: string,
  company: { onEmpresas: boolean; adherent: boolean },
): ProfileChangeRefusal | null {
  if (namesAdministrator(from.role, toRole)) return 'admin_not_by_profile_change';
  if (from.legalRepresentative && from.role === 'access_admin') return 'representative_register';
  if (from.role === 'worker' && toRole !== 'worker') {
    if (company.onEmpresas) return 'profile_not_by_change';
    if (!company.adherent) return 'company_not_adherent';
  }
  if (from.external && toRole === 'worker') return 'outsider_not_worker';
  return null;
}

/** The profiles «Cambiar perfil» may take a membership to (none: nothing to change). */
export function profileChangesFrom(
  from: ProfileFrom,
  company: { onEmpresas: boolean; adherent: boolean },
): MembershipRole[] {
  return MEMBERSHIP_ROLES.filter(
    (role) => role !== from.role && profileChangeRefusal(from, role, company) === null,
  );
}

/**
 * Why «Cambiar perfil» has nothing to offer this membership, or null when it has: the reason of
 * a refused change other than naming an administrator (which is refused everywhere), if any.
 */
export function profileChangeBlocked(
  from: ProfileFrom,
  company: { onEmpresas: boolean; adherent: boolean },
): ProfileChangeRefusal | null {
  if (profileChangesFrom(from, company).length > 0) return null;
  const refusals = MEMBERSHIP_ROLES.filter((role) => role !== from.role).map((role) =>
    profileChangeRefusal(from, role, company),
  );
  return refusals.find((r) => r !== 'admin_not_by_profile_change') ?? refusals[0] ?? null;
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

/**
 * Whether «Agregar usuario» may give `role` to a person whose membership at the company is
 * `existing`: someone with none, a deleted one or a worker, as always; and at an ACHS company a
 * company user appointed access administrator — how rule 9 names one (the legal representative
 * appoints, «Agregar usuario» with him on the line), for the first time or again after a
 * demotion, since «Cambiar perfil» never names one (namesAdministrator). Otherwise a company
 * profile is not given twice. On Portal Empresas an administrator comes by a request and the
 * Remote Access Agreement (rule 12), so there nothing changes.
 */
export function addsProfile(
  existing: { role: string; state: MembershipState } | null,
  role: 'access_admin' | 'company_user',
  company: { onEmpresas: boolean },
): boolean {
  if (!existing || existing.state === 'removed' || existing.role === 'worker') return true;
  return !company.onEmpresas && role === 'access_admin' && existing.role === 'company_user';
}

/**
 * The state of an access once «Agregar usuario» (or an approved Portal Empresas request) gives it
 * a company profile: a new membership, or a deleted one opened again, is active; one disabled
 * («Inhabilitado») or paused stays so. Rule 11: giving an access back is its own request
 * («Habilitar», «Reanudar»: the company's decision, with its reason), never the side effect of a
 * profile — the profile is added, and the access waits for that request.
 */
export function stateWithProfile(existing: { state: MembershipState } | null): MembershipState {
  return existing === null || existing.state === 'removed' ? 'active' : existing.state;
}

/**
 * A change of a membership: of its access (`toState`), or of its modules (`modulesFrom` →
 * `modulesTo`). It takes authority away when it leaves the access anything but active, or takes
 * away a module held; granting one, or giving the access back, takes nothing. (His profile no
 * change lowers at all, whoever asks: profileChangeRefusal.)
 */
export type AuthorityChange =
  { toState: MembershipState } | { modulesFrom: readonly string[]; modulesTo: readonly string[] };

export function takesAuthority(change: AuthorityChange): boolean {
  if ('toState' in change) return change.toState !== 'active';
  return change.modulesFrom.some((module) => !change.modulesTo.includes(module));
}

/**
 * Who takes the decision on a company's user: a caller who asks for a change of its users
 * (companyRequester: its legal representative or an access administrator), or the agent signed
 * in, who administers the company when it is among their `adminOfCompanyRuts`.
 */
export type CompanyActor = { personRut: number | null; administersCompany: boolean };

/** The agent signed in, as an actor at the company (their scope's adminOfCompanyRuts). */
export function agentActor(
  agent: { personRut?: number | null; adminOfCompanyRuts: readonly number[] },
  companyRut: number,
): CompanyActor {
  return {
    personRut: agent.personRut ?? null,
    administersCompany: agent.adminOfCompanyRuts.includes(companyRut),
  };
}

/**
 * Rules 9 and 12: a legal representative's authority is the company's register
 * (company_signatories), not a profile a peer can switch off. So another access administrator of
 * the company — or another of its representatives — never disables, pauses, deletes or dismisses
 * the membership of a registered legal representative, nor takes any of his modules away (a peer
 * who could take them all would leave him an administrator who can use nothing); and nobody
 * demotes him (profileChangeRefusal). If he no longer represents the company, the company updates
 * its register; if he wants his access paused or a module dropped, he asks himself. Giving him a
 * module, or his access back, takes nothing: anyone who may ask may ask for that.
 *
 * The call centre (an agent or supervisor who administers none of the company's accesses) is no
 * party to the company and is not refused here: a real ACHS desk takes the representative's own
 * call to disable his access (seed 000: «el acceso es personal»), records the dismissal the
 * company's structure made (rule 7: «al dar de baja a un trabajador, se le quita de manera
 * automática el acceso»), on his own call with his identity checked (membership-actions.ts
 * refuseUnlessRepresentativeHimself) — always with a reason the audit keeps. An agent who
 * administers that company is a party: he is refused, and another agent or a supervisor takes it.
 */
export function shieldsRepresentative(
  user: { personRut: number; legalRepresentative: boolean },
  actor: CompanyActor,
  change: AuthorityChange,
): boolean {
  return (
    user.legalRepresentative &&
    actor.administersCompany &&
    actor.personRut !== user.personRut &&
    takesAuthority(change)
  );
}

/** Someone the company's page lists as able to ask, and why they cannot yet (companyRequester). */
export type ListedCaller = { personRut: number; cannotAsk: RequesterRefusal | null };

/** Why nobody listed can ask now for a change of a user the company's page offers. */
export type ChangeWait =
  /** Rule 6: an access given back at a company no longer adherent opens nothing. */
  | { why: 'company_not_adherent' }
  /**
   * Only the legal representative himself may ask (shieldsRepresentative), and he cannot now:
   * why (companyRequester), or `not_listed` when the page has no facts of his to check.
   */
  | { why: 'representative_himself'; reason: RequesterRefusal | 'not_listed' };

/**
 * Rules 6, 9, 12, 13 on a company's page, for one user's row: whether a change it offers can be
 * asked for by anyone now, or why not — so its button is disabled with the reason beside it
 * instead of opening a dialog nobody can complete.
 * - `gives_back` (resume, enable): never at a company no longer adherent (rule 6).
 * - `takes` (pause, disable, delete): a registered legal representative's access only he asks
 *   to take away (shieldsRepresentative) — so while he cannot ask (on Portal Empresas, until he
 *   signs the Remote Access Agreement), nobody can.
 * - `modules`: his modules only he asks to take away; another who may ask may give him one. So
 *   it waits only when he cannot ask and nobody else can.
 * Anything else is for the dialog to decide with the caller (null here).
 */
export function companyChangeWaits(
  user: { personRut: number; legalRepresentative: boolean },
  change: 'takes' | 'gives_back' | 'modules',
  company: { adherent: boolean },
  callers: readonly ListedCaller[],
): ChangeWait | null {
  if (change === 'gives_back') return company.adherent ? null : { why: 'company_not_adherent' };
  if (!user.legalRepresentative) return null;
  const himself = callers.find((c) => c.personRut === user.personRut);
  if (himself?.cannotAsk === null) return null;
  const another = callers.some((c) => c.personRut !== user.personRut && c.cannotAsk === null);
  if (change === 'modules' && another) return null;
  return { why: 'representative_himself', reason: himself?.cannotAsk ?? 'not_listed' };
}

/**
 * A change that waits (companyChangeWaits), as the reason a disabled button of a person's record
 * gives — the same rule as the company's page, so the two agree: rule 6's, or, for a legal
 * representative's access, why he cannot ask for it himself now.
 */
export const REPRESENTATIVE_WAIT_REASONS = {
  agreement_unsigned: 'representative_unsigned',
  no_company_profile: 'representative_no_profile',
  profile_not_active: 'representative_inactive',
  not_listed: 'representative_unlisted',
} as const satisfies Record<RequesterRefusal | 'not_listed', string>;

export type ChangeWaitReason =
  | 'company_not_adherent'
  | (typeof REPRESENTATIVE_WAIT_REASONS)[keyof typeof REPRESENTATIVE_WAIT_REASONS];

export function changeWaitReason(wait: ChangeWait): ChangeWaitReason {
  return wait.why === 'company_not_adherent'
    ? 'company_not_adherent'
    : REPRESENTATIVE_WAIT_REASONS[wait.reason];
}

/** Why the representative cannot ask, behind a reason changeWaitReason gave (null: another). */
export function representativeWaitOf(reason: string): RequesterRefusal | 'not_listed' | null {
  const found = (
    Object.entries(REPRESENTATIVE_WAIT_REASONS) as Array<[RequesterRefusal | 'not_listed', string]>
  ).find(([, value]) => value === reason);
  return found ? found[0] : null;
}
