/**
 * Which membership states each change may start from, and where it leads (rules 7, 11, 13): the
 * desk's membership service and the selection's per-person rule read the same table.
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
