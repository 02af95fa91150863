import { describe, expect, it } from 'vitest';
import { awaitsFollowUp, followUpRefusal } from '../../src/shared/rules/follow-up';

const closed = (outcome: string | null, followUp: unknown = null) => ({
  agentId: 'a1',
  outcome,
  closedAt: outcome === null ? null : '2026-11-21T15:00:00.000Z',
  followUp,
});

describe('what waits to be attended to', () => {
  it('is a call closed as «Derivado» or «Volver a contactar» that nobody said was done', () => {
    expect(awaitsFollowUp(closed('escalated'))).toBe(true);
    expect(awaitsFollowUp(closed('callback'))).toBe(true);
    expect(awaitsFollowUp(closed('resolved'))).toBe(false);
    expect(awaitsFollowUp(closed('unresolved'))).toBe(false);
    expect(awaitsFollowUp(closed(null))).toBe(false);
    expect(awaitsFollowUp(closed('escalated', { note: 'hecho' }))).toBe(false);
  });

  it('is said done by its own agent or by a supervisor', () => {
    const agent = { agentId: 'a1', role: 'agent' as const };
    const other = { agentId: 'a2', role: 'agent' as const };
    const supervisor = { agentId: 's1', role: 'supervisor' as const };
    expect(followUpRefusal(agent, closed('escalated'))).toBeNull();
    expect(followUpRefusal(supervisor, closed('callback'))).toBeNull();
    expect(followUpRefusal(other, closed('callback'))).toBe('not_yours');
    expect(followUpRefusal({ agentId: 'p1', role: 'prevention' }, closed('callback'))).toBe(
      'not_yours',
    );
    expect(followUpRefusal(agent, closed('resolved'))).toBe('nothing_pending');
    expect(followUpRefusal(agent, closed(null))).toBe('nothing_pending');
    expect(followUpRefusal(supervisor, closed('escalated', { note: 'x' }))).toBe('done');
  });
});
