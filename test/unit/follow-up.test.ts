import { describe, expect, it } from 'vitest';
import {
  awaitsFollowUp,
  awaitsFollowUpSql,
  followUpRefusal,
} from '../../src/shared/rules/follow-up';

const CLOSED = '2026-11-21T15:00:00.000Z';
const closed = (
  outcome: string | null,
  followUp: { at: string; by: string | null } | null = null,
) => ({
  agentId: 'a1',
  outcome,
  closedAt: outcome === null ? null : CLOSED,
  followUpAt: followUp?.at ?? null,
  followUpBy: followUp?.by ?? null,
});
// Closed before the queue began (migration 0043): out of it, and nobody said it was attended to.
const beforeQueue = { at: CLOSED, by: null };
const attended = { at: '2026-11-22T10:00:00.000Z', by: 's1' };

describe('what waits to be attended to', () => {
  it('is a call closed as «Derivado» or «Volver a contactar» that is still in the queue', () => {
    expect(awaitsFollowUp(closed('escalated'))).toBe(true);
    expect(awaitsFollowUp(closed('callback'))).toBe(true);
    expect(awaitsFollowUp(closed('resolved'))).toBe(false);
    expect(awaitsFollowUp(closed('unresolved'))).toBe(false);
    expect(awaitsFollowUp(closed(null))).toBe(false);
    expect(awaitsFollowUp(closed('escalated', attended))).toBe(false);
    expect(awaitsFollowUp(closed('escalated', beforeQueue))).toBe(false);
  });

  it('is said done by its own agent or by a supervisor; another’s is not theirs first', () => {
    const agent = { agentId: 'a1', role: 'agent' as const };
    const other = { agentId: 'a2', role: 'agent' as const };
    const supervisor = { agentId: 's1', role: 'supervisor' as const };
    expect(followUpRefusal(agent, closed('escalated'))).toBeNull();
    expect(followUpRefusal(supervisor, closed('callback'))).toBeNull();
    // Whatever became of it: not found, to one who may not see it (review 60 M1).
    for (const call of [closed('callback'), closed('resolved'), closed(null)]) {
      expect(followUpRefusal(other, call)).toBe('not_yours');
      expect(followUpRefusal({ agentId: 'p1', role: 'prevention' }, call)).toBe('not_yours');
    }
    expect(followUpRefusal(agent, closed('resolved'))).toBe('nothing_pending');
    expect(followUpRefusal(agent, closed(null))).toBe('nothing_pending');
    expect(followUpRefusal(agent, closed('escalated', beforeQueue))).toBe('nothing_pending');
    expect(followUpRefusal(supervisor, closed('escalated', attended))).toBe('done');
  });

  it('is the same test in SQL, from the same outcomes', () => {
    expect(awaitsFollowUpSql()).toBe(
      "outcome IN ('escalated', 'callback') AND follow_up_at IS NULL",
    );
    expect(awaitsFollowUpSql('i')).toBe(
      "i.outcome IN ('escalated', 'callback') AND i.follow_up_at IS NULL",
    );
  });
});
