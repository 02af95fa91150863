/**
 * A call or visit closed as «Derivado» or «Volver a contactar» leaves something to do: it waits in
 * Llamadas, «Por atender», until someone says it was attended to, with a note of what was done.
 * Its own agent may say so (he called back, or was told it was settled), and a supervisor may of
 * anyone's (the calls handed over to her). Main refuses with the same rule the list offers.
 *
 * The queue began with migration 0043: those closed before it are not waiting (their notes said
 * what was pending then), and nobody said they were attended to either — their row has a
 * `follow_up_at` (out of the queue) and no `follow_up_by`.
 */
import type { InteractionOutcome } from '../policy';
import { seesAllInteractions } from '../policy';
import type { Role } from '../vocabulary';

/** The outcomes that leave something to do after the call. */
export const FOLLOW_UP_OUTCOMES: readonly InteractionOutcome[] = ['escalated', 'callback'];

/** Characters the note of what was done needs (as a call's pending notes). */
export const FOLLOW_UP_NOTE_MIN = 3;

/** A call's row as far as its follow-up goes. */
export type Followable = {
  agentId: string;
  outcome: string | null;
  closedAt: string | null;
  /** When it left the queue (said attended to, or closed before the queue began). */
  followUpAt: string | null;
  /** Who said it was attended to; null: nobody did. */
  followUpBy: string | null;
};

/**
 * The same test as SQL, on the interactions aliased `alias` (none: unqualified): the term of the
 * partial index `interactions_awaiting` (migration 0043), so the «Por atender» list reads it. The
 * unqualified form is that index's WHERE exactly (follow-up.test.ts compares them).
 */
export const awaitsFollowUpSql = (alias?: string) => {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const outcomes = FOLLOW_UP_OUTCOMES.map((outcome) => `'${outcome}'`).join(', ');
  return `${column('outcome')} IN (${outcomes}) AND ${column('follow_up_at')} IS NULL`;
};

/** Closed with something left to do, and still in the queue. */
export function awaitsFollowUp(interaction: Followable): boolean {
  return (
    interaction.closedAt !== null &&
    interaction.outcome !== null &&
    (FOLLOW_UP_OUTCOMES as readonly string[]).includes(interaction.outcome) &&
    interaction.followUpAt === null
  );
}

/** Whose calls `agent` may say were attended to: his own, and a supervisor anyone's. */
export function mayFollowUp(
  agent: { agentId: string; role: Role },
  interaction: { agentId: string },
): boolean {
  return interaction.agentId === agent.agentId || seesAllInteractions(agent.role);
}

export type FollowUpRefusal = 'not_yours' | 'done' | 'nothing_pending';

/**
 * Why `agent` may not mark `interaction` attended to, or null when it may. Another's call comes
 * first: to one who may not see it, it is not found, whatever became of it.
 */
export function followUpRefusal(
  agent: { agentId: string; role: Role },
  interaction: Followable,
): FollowUpRefusal | null {
  if (!mayFollowUp(agent, interaction)) return 'not_yours';
  if (interaction.followUpBy !== null) return 'done';
  if (!awaitsFollowUp(interaction)) return 'nothing_pending';
  return null;
}
