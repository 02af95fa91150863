/**
 * The tips on how to enter (which password, which keys: TIP_CAUSES) describe the access as this
 * desk shows it. While an action that changes that access waits on this desk (an unlock, an
 * access given back, a profile), the portal does not have it yet: the tips wait with it, or the
 * agent would tell the caller to enter where the portal still refuses them. Actions that leave
 * the access as it is (a contact detail, a mail, modules, a Ley 21.719 request) hold back nothing.
 */
const LEAVE_ACCESS: ReadonlySet<string> = new Set([
  'person.update_contact',
  'mail.resend',
  'membership.set_modules',
  'request.record',
  'data_request.record',
  'data_request.move',
  'data_request.unblock',
]);

/** Whether the tips on how to enter wait, given the kinds of the person's actions held here. */
export function entryTipsWait(heldKinds: readonly string[]): boolean {
  return heldKinds.some((kind) => !LEAVE_ACCESS.has(kind));
}
