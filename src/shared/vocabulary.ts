/**
 * The closed sets of values the whole system shares, each written once: the replica's columns
 * (storage/db/schema.ts), the contract's schemas, the rules, the seed and the central API's
 * mails all take them from here. Their Spanish words are in the catalogue (shared/messages).
 */

/** The portals whose accounts the desk serves (portals.ts: which login opens each). */
export const PORTALS = ['achs_gestion', 'portal_heroes', 'portal_empresas'] as const;
export type Portal = (typeof PORTALS)[number];

/** Who signs in to the desk: a support-line agent, a supervisor, a prevention officer. */
export const AGENT_ROLES = ['agent', 'supervisor', 'prevention'] as const;
export type Role = (typeof AGENT_ROLES)[number];

/** What one interaction is (DOMAIN: «one call or visit»); rules/interaction-kind.ts decides. */
export const INTERACTION_KINDS = ['call', 'visit'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** Where a person's registration on a portal stands (rule 2). */
export const REGISTRATION_STATES = ['not_registered', 'pending_activation', 'active'] as const;

/** What a person is at a company: a worker, one of its access administrators, a portal user. */
export const MEMBERSHIP_ROLES = ['worker', 'access_admin', 'company_user'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** Where a person's access at a company stands (rules 6 and 9). */
export const MEMBERSHIP_STATES = ['active', 'disabled', 'paused', 'removed'] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];

/** A Portal Empresas access request (rule 12): in what capacity it was asked, where it stands. */
export const REQUEST_CAPACITIES = [
  'legal_representative',
  'authorized_signatory',
  'other',
] as const;
export const REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * The mails the portals send, each from its portal's no-reply address (rule 12), in the order
 * the record offers them (rules/access.ts).
 */
export const MAIL_KINDS = [
  'password_creation',
  'password_reset',
  'email_confirmation',
  'access_approval',
  'agreement_signature',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** What became of a mail; `queued`: asked for on a desk, not yet sent by the central API. */
export const MAIL_OUTCOMES = ['queued', 'sent', 'delivered', 'bounced', 'failed'] as const;

/** Whether `text` is one of `values` (a value read from a payload or a file). */
export function isOneOf<T extends string>(values: readonly T[], text: unknown): text is T {
  return typeof text === 'string' && (values as readonly string[]).includes(text);
}
