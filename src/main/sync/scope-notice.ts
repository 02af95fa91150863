/**
 * What an officer is told when his supervisor changes his companies (issue 11): which arrived on
 * his laptop and which left it, until he says he read it. Without it his count changed silently
 * and a search for a company taken from him read as a typo («Sin resultados… Pruebe con el RUT»).
 * Kept in the replica's state, per agent, across restarts; one change not yet read and the next
 * are told as one, each company that moved meanwhile by where it ended: one given and taken back
 * before «Entendido» is told as taken (he may have seen it arrive, even opened its people; that
 * it left is not to go unsaid), one taken and given back as given.
 */
import type { ReplicaWriter } from './replica-writer';
import type { SyncStatus } from '../../shared/contract';
import { loginRut, rutFromBody } from '../../shared/rut';

/** Kept: the companies' RUTs, and a taken company's name (its row leaves with its people). */
type Stored = {
  at: string;
  added: number[];
  removed: Array<{ rut: number; name: string | null }>;
};

export type ScopeNotice = {
  at: string;
  added: Array<{ rut: number; name: string | null }>;
  removed: Array<{ rut: number; name: string | null }>;
};

/** The notice after a change from `before` to `after`, on top of one not read yet. */
export function nextScopeNotice(
  unread: Stored | null,
  before: readonly number[],
  after: readonly number[],
  nameOf: (rut: number) => string | null,
  at: string,
): Stored | null {
  const added = new Set(unread?.added ?? []);
  const removed = new Map((unread?.removed ?? []).map((c) => [c.rut, c.name]));
  for (const rut of after) {
    if (before.includes(rut)) continue;
    removed.delete(rut);
    added.add(rut);
  }
  for (const rut of before) {
    if (after.includes(rut)) continue;
    added.delete(rut);
    removed.set(rut, nameOf(rut));
  }
  if (added.size === 0 && removed.size === 0) return null;
  return {
    at,
    added: [...added].sort((a, b) => a - b),
    removed: [...removed].map(([rut, name]) => ({ rut, name })).sort((a, b) => a.rut - b.rut),
  };
}

const keyOf = (agentId: string) => `scope_notice:${agentId}`;

export function createScopeNotices(
  writer: Pick<ReplicaWriter, 'state' | 'setState'>,
  nameOf: (rut: number) => string | null,
) {
  const read = (agentId: string): Stored | null => {
    const json = writer.state(keyOf(agentId));
    return json ? (JSON.parse(json) as Stored) : null;
  };
  return {
    /** His companies went from `before` to `after` (called before their people move). */
    changed(agentId: string, before: readonly number[], after: readonly number[], at: string) {
      const same = before.length === after.length && before.every((rut) => after.includes(rut));
      if (same) return;
      const next = nextScopeNotice(read(agentId), before, after, nameOf, at);
      writer.setState(keyOf(agentId), next ? JSON.stringify(next) : '');
    },
    /** The notice to show him; an arrived company named as its row now says. */
    of(agentId: string | null): ScopeNotice | null {
      const stored = agentId === null ? null : read(agentId);
      if (!stored) return null;
      return {
        at: stored.at,
        added: stored.added.map((rut) => ({ rut, name: nameOf(rut) })),
        removed: stored.removed,
      };
    },
    /** He read it («Entendido»). */
    dismiss(agentId: string): void {
      writer.setState(keyOf(agentId), '');
    },
  };
}

/** As the status carries it: each company by its RUT (with check digit) and name. */
export function scopeNoticeView(notice: ScopeNotice | null): SyncStatus['scopeNotice'] {
  if (!notice) return null;
  const view = (c: { rut: number; name: string | null }) => ({
    rut: loginRut(rutFromBody(c.rut)),
    name: c.name,
  });
  return { at: notice.at, added: notice.added.map(view), removed: notice.removed.map(view) };
}
