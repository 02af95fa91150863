/**
 * What an interaction is: the one rule. Calls and visits are rows of one table (DOMAIN: «one
 * call or visit»); a prevention officer records visits at company sites, everyone else takes
 * calls on the 600 line. So an interaction is a visit when the agent who opened it was a
 * prevention officer when he opened it, and a call otherwise.
 *
 * The kind is decided once, when the interaction opens, and stored on its row (migration 0033):
 * an officer later made supervisor keeps his visits, in the Panel's count, the lists and the
 * audit. Every reader takes the row's kind; the signed-in agent's own bar and words take the
 * kind he opens now (`interactionKindOf(session.role)`).
 */
import type { InteractionKind, Role } from '../vocabulary';
import { AGENT_ROLES } from '../vocabulary';

/** The kind of the interactions an agent of `role` opens (none known: a call). */
export function interactionKindOf(role: Role | null | undefined): InteractionKind {
  return role === 'prevention' ? 'visit' : 'call';
}

/**
 * The roles whose interactions are visits: the same rule, as a list for SQL. Only an audit event
 * taken in no interaction at all (a record looked up with nothing open) still reads its words
 * from its agent's role (audit-repository.ts `eventKindSql`): there is no row to hold a kind.
 */
export const VISITING_ROLES: readonly Role[] = AGENT_ROLES.filter(
  (role) => interactionKindOf(role) === 'visit',
);
