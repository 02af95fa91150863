/**
 * Drafts: what an agent is typing that a reload of the window must not lose (a call's closing
 * notes and outcome), kept here in memory for the agent signed in — never on disk, where the
 * browser's own session storage would leave them beside an encrypted replica — and forgotten
 * when that agent's session ends (signed out, another agent signed in, a locked session ended:
 * deskAuth's `sessionEnded`) with no call of theirs left open. A lock keeps them: the same agent
 * comes back to them; so does a call left open, whose notes wait for them (only them) with it.
 */
import type { Handlers } from '../core';
import type { Session } from '../services/context';

type DraftChannel = 'drafts.get' | 'drafts.put';

/** Drafts per agent; a bounded handful each (one per open call's field). */
const MAX_PER_AGENT = 20;

export function createDrafts() {
  const byAgent = new Map<string, Map<string, string>>();
  return {
    get: (agentId: string, key: string) => byAgent.get(agentId)?.get(key) ?? null,
    put(agentId: string, key: string, value: string) {
      const drafts = byAgent.get(agentId) ?? new Map<string, string>();
      drafts.delete(key);
      if (value !== '') drafts.set(key, value);
      // The oldest go first: a draft is of what is being typed now.
      while (drafts.size > MAX_PER_AGENT) drafts.delete(drafts.keys().next().value!);
      if (drafts.size === 0) byAgent.delete(agentId);
      else byAgent.set(agentId, drafts);
    },
    forget: (agentId: string) => byAgent.delete(agentId),
  };
}

export type Drafts = ReturnType<typeof createDrafts>;

export function draftHandlers({
  drafts,
  agent,
}: {
  drafts: Drafts;
  agent: () => Session;
}): Pick<Handlers, DraftChannel> {
  return {
    'drafts.get': (input) => ({ value: drafts.get(agent().agentId, input.key) }),
    'drafts.put': (input) => {
      drafts.put(agent().agentId, input.key, input.value);
      return {};
    },
  };
}
