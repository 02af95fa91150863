/**
 * What an interaction is: the one rule. Calls and visits are rows of one table (DOMAIN: «one
 * call or visit»); a prevention officer records visits at company sites, everyone else takes
 * calls on the 600 line. So an interaction is a visit when the agent who opened it is a
 * prevention officer, and a call otherwise — an agent this desk does not know included.
 *
 * Everything that names an interaction takes its kind from here: the signed-in agent's own bar
 * and lists (`interactionKindOf(session.role)`), and, through `VISITING_ROLES`, main's SQL
 * (`isVisitSql` in repositories/interaction-repository.ts) for the Panel's count of visits, each
 * row of the Llamadas list and of a record's recent ones, and «Quién consultó esta ficha».
 */
import type { InteractionKind, Role } from '../vocabulary';
import { AGENT_ROLES } from '../vocabulary';

/** The kind of the interactions an agent of `role` opens (none known: a call). */
export function interactionKindOf(role: Role | null | undefined): InteractionKind {
  return role === 'prevention' ? 'visit' : 'call';
}

/** The roles whose interactions are visits: the same rule, as a list for SQL. */
export const VISITING_ROLES: readonly Role[] = AGENT_ROLES.filter(
  (role) => interactionKindOf(role) === 'visit',
);
