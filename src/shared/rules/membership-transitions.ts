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
 * disabled at a Portal Empresas company (a bulk load, a selection) is given back there too. A
 * dismissal (rule 7: a worker's baja, which the company records in its structure; at ACHS the
 * end of a company user's access too) is asked of the call centre on either portal.
 */
export const COMPANY_USER_CHANGES = {
  pause: MEMBERSHIP_CHANGES.pause,
  resume: MEMBERSHIP_CHANGES.resume,
  remove: MEMBERSHIP_CHANGES.dismiss,
  disable: MEMBERSHIP_CHANGES.disable,
  enable: MEMBERSHIP_CHANGES.enable,
  dismiss: MEMBERSHIP_CHANGES.dismiss,
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

/**
 * Whether a company on its portal (Portal Empresas, or ACHS Gestión otherwise) makes `change` of
 * this membership: a dismissal ends what is no Portal Empresas user's access, and «Eliminar
 * acceso» only a Portal Empresas user's (rules 7, 13); the rest in its portal's words.
 */
export function isPortalUserChange(
  company: { onEmpresas: boolean },
  membership: { role: string },
  change: CompanyUserChange,
): boolean {
  if (change === 'dismiss') return !isPortalEmpresasUser(company, membership);
  if (change === 'remove') return isPortalEmpresasUser(company, membership);
  return portalChanges(company).includes(change);
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
 * What a person's record and her company's page offer for a membership, in its portal's words: pausing and resuming
 * (Portal Empresas), disabling (ACHS Gestión), giving a disabled access back (either), and ending
 * it — deleting a Portal Empresas user's access (rule 13), or a dismissal (rule 7). Each is the
 * company's decision (rules 7, 11, 13; seed 000: its administrator disables users, and a baja is
 * made in its structure): on a call it is asked by its verified representative or access
 * administrator, so each opens the company's page with its dialog, which asks who of the company
 * calls (openCompanyUserChange); otherwise only a supervisor's selection or a bulk load makes
 * it, on the company's written request. The desk's membership service and the central API both
 * refuse a bare membership change (a desk of an older version, a hand-made request).
 */
export function accessChangesFor(
  company: { onEmpresas: boolean },
  membership: { state: MembershipStateCode; role: string },
): CompanyUserChange[] {
  const order: CompanyUserChange[] = [
    'pause',
    'resume',
    'enable',
    'disable',
    isPortalEmpresasUser(company, membership) ? 'remove' : 'dismiss',
  ];
  return order.filter(
    (change) =>
      COMPANY_USER_CHANGES[change].from.includes(membership.state) &&
      isPortalUserChange(company, membership, change),
  );
}

/**
 * The membership change a company's change is, for its permission: deleting a user's access is
 * ending the membership (COMPANY_USER_CHANGES.remove is MEMBERSHIP_CHANGES.dismiss).
 */
export function membershipChangeOf(change: CompanyUserChange): MembershipChange {
  return change === 'remove' ? 'dismiss' : change;
}
