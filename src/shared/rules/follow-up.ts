/**
 * A call or visit closed as «Derivado» or «Volver a contactar» leaves something to do: it waits in
 * Llamadas, «Por atender», until someone says it was attended to, with a note of what was done.
 * Its own agent may say so (he called back, or was told it was settled), and a supervisor may of
 * anyone's (the calls handed over to her). Main refuses with the same rule the list offers.
 */
import type { InteractionOutcome } from '../policy';
import { seesAllInteractions } from '../policy';
import type { Role } from '../vocabulary';

/** The outcomes that leave something to do after the call. */
export const FOLLOW_UP_OUTCOMES: readonly InteractionOutcome[] = ['escalated', 'callback'];

/** Characters the note of what was done needs (as a call's pending notes). */
export const FOLLOW_UP_NOTE_MIN = 3;

type Followable = {
  agentId: string;
  outcome: string | null;
  closedAt: string | null;
  followUp: unknown | null;
};

/**
 * The same test as SQL, on the interactions aliased `alias`: word for word the term of the
 * partial index `interactions_awaiting` (migration 0043), so the «Por atender» list reads it.
 */
export const awaitsFollowUpSql = (alias: string) =>
  `${alias}.outcome IN ('escalated', 'callback') AND ${alias}.follow_up_at IS NULL`;

/** Closed with something left to do, and nobody has said it was done. */
export function awaitsFollowUp(interaction: Followable): boolean {
  return (
    interaction.closedAt !== null &&
    interaction.outcome !== null &&
    (FOLLOW_UP_OUTCOMES as readonly string[]).includes(interaction.outcome) &&
    interaction.followUp === null
  );
}

export type FollowUpRefusal = 'nothing_pending' | 'done' | 'not_yours';

/** Why `agent` may not mark `interaction` attended to, or null when it may. */
export function followUpRefusal(
  agent: { agentId: string; role: Role },
  interaction: Followable,
): FollowUpRefusal | null {
  if (interaction.followUp !== null) return 'done';
  if (!awaitsFollowUp(interaction)) return 'nothing_pending';
  if (interaction.agentId !== agent.agentId && !seesAllInteractions(agent.role)) {
    return 'not_yours';
  }
  return null;
}
