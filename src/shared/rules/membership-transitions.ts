/**
 * Which membership states each change may start from, and where it leads (rules 7, 11, 13): the
 * desk's membership service and the selection's per-person rule read the same table, and a
 * company's own changes of its users (below) are the same changes in its portal's words.
 */
export type MembershipChange = 'disable' | 'enable' | 'pause' | 'resume' | 'dismiss';
export type MembershipStateCode = 'active' | 'disabled' | 'paused' | 'removed';

export const MEMBERSHIP_CHANGES: Record<
  MembershipChange,
  { from: readonly MembershipStateCode[]; to: MembershipStateCode }
> = {
  disable: { from: ['active', 'paused'], to: 'disabled' },
  enable: { from: ['disabled'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  dismiss: { from: ['active', 'disabled', 'paused'], to: 'removed' },
};

export function mayChangeMembership(change: MembershipChange, from: MembershipStateCode): boolean {
  return MEMBERSHIP_CHANGES[change].from.includes(from);
}

/**
 * What a company asks of its users' access, in its portal's words, each the membership change it
 * makes: Portal Empresas reviews, pauses or deletes accesses (rule 13, seed 002); in ACHS Gestión
 * an administrator sets a user «Inhabilitado» and back (rule 11, seed 000) — ACHS has no pause
 * and no deletion of its own. A pause kept from before is still resumed there, and an access
 * disabled at a Portal Empresas company (a bulk load, a selection) is given back there too.
 */
export const COMPANY_USER_CHANGES = {
  pause: MEMBERSHIP_CHANGES.pause,
  resume: MEMBERSHIP_CHANGES.resume,
  remove: MEMBERSHIP_CHANGES.dismiss,
  disable: MEMBERSHIP_CHANGES.disable,
  enable: MEMBERSHIP_CHANGES.enable,
} as const;
export type CompanyUserChange = keyof typeof COMPANY_USER_CHANGES;
export const COMPANY_USER_CHANGE_KINDS = Object.keys(COMPANY_USER_CHANGES) as [
  CompanyUserChange,
  ...CompanyUserChange[],
];

const PORTAL_USER_CHANGES: Record<'empresas' | 'achs', readonly CompanyUserChange[]> = {
  empresas: ['pause', 'resume', 'enable', 'remove'],
  achs: ['disable', 'enable', 'resume'],
};
const portalChanges = (company: { onEmpresas: boolean }) =>
  PORTAL_USER_CHANGES[company.onEmpresas ? 'empresas' : 'achs'];

/** Whether a company on its portal (Portal Empresas, or ACHS Gestión otherwise) makes `change`. */
export function isPortalUserChange(
  company: { onEmpresas: boolean },
  change: CompanyUserChange,
): boolean {
  return portalChanges(company).includes(change);
}

/** The changes a company's page offers for a user whose access is in `state`, in order. */
export function companyUserChangesFor(
  company: { onEmpresas: boolean },
  state: MembershipStateCode,
): CompanyUserChange[] {
  return portalChanges(company).filter((change) =>
    COMPANY_USER_CHANGES[change].from.includes(state),
  );
}

/**
 * A Portal Empresas administrator or company user: her access is the company's to give, pause and
 * delete (rule 13), not a worker's place in its structure (rule 7).
 */
export function isPortalEmpresasUser(
  company: { onEmpresas: boolean },
  membership: { role: string },
): boolean {
  return company.onEmpresas && membership.role !== 'worker';
}

/**
 * Rules 11 and 13: the membership changes that are the company's decision, not the call
 * centre's — a pause and its end, giving back an access, and on Portal Empresas deleting a
 * user's access. On a call they are asked by a verified representative or access administrator
 * (companyUsers.change); otherwise only a supervisor's selection makes them, on the company's
 * written request. The desk's membership service and the central API both refuse them any other
 * way (a desk of an older version, a hand-made request).
 */
export function companyDecidesChange(
  change: MembershipChange,
  company: { onEmpresas: boolean },
  membership: { role: string },
): boolean {
  return (
    change === 'pause' ||
    change === 'resume' ||
    change === 'enable' ||
    (change === 'dismiss' && isPortalEmpresasUser(company, membership))
  );
}

/** A change a person's record offers: a membership change, or a company deleting an access. */
export type RecordChange = MembershipChange | 'remove';

/**
 * What a person's record offers for a membership: the company's own decisions (pause, resume,
 * enable; and on Portal Empresas, deleting a user's access), which open its page and ask who of
 * the company calls, in its portal's words; and the call centre's own, on its word with a
 * reason — disabling (ACHS Gestión's word only) and recording a worker's dismissal (rule 7: an
 * act of the company's structure). A Portal Empresas user is no worker to dismiss: her access is
 * the representative's to pause or delete (rule 13).
 */
export function recordChangesFor(
  company: { onEmpresas: boolean },
  membership: { state: MembershipStateCode; role: string },
): RecordChange[] {
  const order: RecordChange[] = [
    'pause',
    'resume',
    'enable',
    'disable',
    isPortalEmpresasUser(company, membership) ? 'remove' : 'dismiss',
  ];
  return order.filter((change) =>
    change === 'remove'
      ? COMPANY_USER_CHANGES.remove.from.includes(membership.state)
      : MEMBERSHIP_CHANGES[change].from.includes(membership.state) &&
        (change === 'dismiss' ||
          (change === 'disable' ? !company.onEmpresas : isPortalUserChange(company, change))),
  );
}

/**
 * The membership change a record's change is, for its permission: deleting a user's access is
 * ending the membership (COMPANY_USER_CHANGES.remove is MEMBERSHIP_CHANGES.dismiss).
 */
export function membershipChangeOf(change: RecordChange): MembershipChange {
  return change === 'remove' ? 'dismiss' : change;
}

/** The record's changes the company decides: they open its page (openCompanyUserChange). */
export function companyDecides(
  change: RecordChange,
): change is 'pause' | 'resume' | 'enable' | 'remove' {
  return change === 'pause' || change === 'resume' || change === 'enable' || change === 'remove';
}
