/**
 * The sync engine: one loop, owned by main, that drains the outbox in order and pulls the
 * central API's changes. Any trigger (an action, a timer, "Sincronizar ahora", sign-in) just
 * kicks it. Failures never lose or reorder the queue:
 * - no network / 5xx / 429: retry with growing, jittered delays (Retry-After honoured);
 * - 401: refresh the token once, else pause until the agent signs in again;
 * - 426: stop, keep the queue, say an update is needed;
 * - 410: start the replica over from a snapshot, keeping the queue;
 * - a restored server that lost acknowledged actions: send them again (intents are idempotent).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AgentProfile, Mutation, TokenResponse } from '../../shared/sync-protocol';
import { CentralError, type CentralClient } from './central-client';
import { describeSyncError, SyncProblem, type SyncErrorView } from './sync-errors';
import type { SyncErrorCode } from '../../shared/contract';
import { syncErrorMessages } from '../../shared/messages';
import type { ReplicaWriter } from './replica-writer';
import { REPLICA_STATE_KEYS, scopeKey } from '../repositories/replica-state';
import { createAuditAnchoring } from './audit-anchor';

export type StoredTokens = Pick<
  TokenResponse,
  'accessToken' | 'accessExpiresAt' | 'refreshToken' | 'refreshExpiresAt'
> & { agent: AgentProfile };

/** Where tokens live: Electron's safeStorage on the desktop, memory in the web door. */
export type TokenStore = { load(): StoredTokens | null; save(tokens: StoredTokens | null): void };

export function memoryTokenStore(): TokenStore {
  let tokens: StoredTokens | null = null;
  return { load: () => tokens, save: (next) => (tokens = next) };
}

export type SyncState =
  | 'idle'
  | 'syncing'
  | 'offline'
  | 'signed_out'
  | 'upgrade_required'
  | 'device_fork'
  | 'not_configured';

export type SyncStatus = {
  state: SyncState;
  online: boolean;
  pending: number;
  /** Pending actions of another agent of this device, waiting for that agent to sign in. */
  waitingForOtherAgent: number;
  conflicts: number;
  rejected: number;
  lastSyncAt: string | null;
  /** In Spanish, from the catalogue; the raw error is `lastErrorDetail`. */
  lastError: string | null;
  lastErrorCode: SyncErrorCode | null;
  lastErrorDetail: string | null;
  nextAttemptInMs: number | null;
  initialSync: { done: number; total: number } | null;
  /** Pending actions exist but nothing has reached the server for too long. */
  stuck: boolean;
};

export type SyncEngineOptions = {
  sqlite: Database.Database;
  writer: ReplicaWriter;
  client: CentralClient;
  deviceId: string;
  tokens: TokenStore;
  now: () => Date;
  random?: () => number;
  pageSize?: number;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Longest wait between attempts while the central API cannot be reached at all (no answer):
   * trying costs nothing, and the desk must notice within seconds that it is back. Server
   * answers asking for patience (5xx, 429) keep the long backoff.
   */
  offlineRetryMaxMs?: number;
  /** Pause between cycles when all is well. */
  intervalMs?: number;
  stuckAfterMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Fault injection for crash tests: runs when a push answer arrives, before it is recorded. */
  onPushAnswered?: () => void;
};

/** Full jitter: a random wait up to an exponentially growing cap; never less than Retry-After. */
export function retryDelay(
  failures: number,
  retryAfterMs: number | null,
  random: () => number,
  baseMs: number,
  maxMs: number,
): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(retryAfterMs ?? 0, Math.round(random() * cap));
}

export function payloadHash(kind: string, personRut: number | null, payload: string): string {
  return createHash('sha256')
    .update(`${kind}\n${personRut ?? ''}\n${payload}`)
    .digest('hex');
}

type OutboxRow = {
  seq: number;
  action_id: string;
  kind: string;
  agent_id: string | null;
  person_rut: number | null;
  payload: string;
  created_at: string;
};

/** The tokens changed under a running cycle (sign-in, sign-out): the cycle stands down. */
class Superseded extends Error {}

const MAX_RESYNCS_PER_HOUR = 3;
/** Persons indexed for search per step after a snapshot (~70 ms each at 1M). */
const INDEX_CHUNK = 10_000;

export function createSyncEngine(options: SyncEngineOptions) {
  const { sqlite, writer, client, tokens, now } = options;
  const random = options.random ?? Math.random;
  const pageSize = options.pageSize ?? 2000;
  const batchSize = options.batchSize ?? 200;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  const offlineRetryMaxMs = options.offlineRetryMaxMs ?? 5000;
  const intervalMs = options.intervalMs ?? 15_000;
  const stuckAfterMs = options.stuckAfterMs ?? 10 * 60_000;
  const log = options.log ?? (() => {});

  const pendingRows = sqlite.prepare(
    `SELECT seq, action_id, kind, agent_id, person_rut, payload, created_at FROM outbox
     WHERE state = 'pending' ORDER BY seq LIMIT ?`,
  );
  const markResult = sqlite.prepare(
    'UPDATE outbox SET state = ?, result = ?, attempts = attempts + 1 WHERE seq = ?',
  );
  // The desk's own stand-in for a mail it queued: once the server has answered, its row (if it
  // sent one) arrives by pull, and the stand-in must not linger.
  const dropQueuedMails = sqlite.prepare('DELETE FROM mails WHERE action_id = ? AND id < 0');
  // Only actions believed applied go back in the queue: a conflict or rejection the agent
  // already dealt with stays dealt with.
  const requeue = sqlite.prepare(
    "UPDATE outbox SET state = 'pending' WHERE seq > ? AND state = 'applied'",
  );
  const counts = sqlite.prepare(
    `SELECT
       sum(state = 'pending') AS pending,
       sum(state = 'pending' AND agent_id IS NOT ?) AS others,
       sum(state = 'conflict') AS conflicts,
       sum(state = 'rejected') AS rejected,
       min(CASE WHEN state = 'pending' THEN created_at END) AS oldest
     FROM outbox`,
  );

  let state: SyncState = tokens.load() ? 'idle' : 'signed_out';
  let online = false;
  let failures = 0;
  let lastError: SyncErrorView | null = null;
  let nextAttemptAt: number | null = null;
  /** Until when the server asked to be left alone (Retry-After): a kick does not override it. */
  let retryAfterUntil = 0;
  let running = false;
  let stopped = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cycle: Promise<void> | null = null;
  let again = false;
  /** Waiters for a cycle that starts after they asked ("Sincronizar ahora" during a cycle). */
  let waiters: Array<() => void> = [];
  /** stop() was called: no cycle starts any more, not even one asked for. */
  let halted = false;
  const resyncs: number[] = [];

  const agentId = () => tokens.load()?.agent.agentId ?? null;

  // --- Audit chain anchoring (issue 10): the chain's head goes with each push. ---
  const anchoring = createAuditAnchoring(sqlite, options.deviceId, now, log);
  async function anchorAuditHead(): Promise<void> {
    const stored = tokens.load();
    if (!stored) return;
    const session = { ...stored };
    await anchoring.anchor((body) => withToken(session, (token) => client.anchor(token, body)));
  }

  function toMutation(row: OutboxRow): Mutation {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    return {
      id: row.seq,
      actionId: row.action_id,
      agentId: row.agent_id ?? '',
      kind: row.kind,
      personRut: row.person_rut,
      payload,
      decidedAt: typeof payload['decidedAt'] === 'string' ? payload['decidedAt'] : row.created_at,
      payloadHash: payloadHash(row.kind, row.person_rut, row.payload),
    };
  }

  /**
   * Calls the server with these tokens, refreshing them once on 401. Tokens may change under a
   * cycle (sign-out, another agent signs in): a refresh only stores its answer, or clears the
   * tokens, if they are still the ones it refreshed; otherwise this cycle stands down.
   */
  async function withToken<T>(
    stored: StoredTokens,
    call: (accessToken: string) => Promise<T>,
  ): Promise<T> {
    const current = tokens.load();
    if (!current || current.refreshToken !== stored.refreshToken) throw new Superseded();
    try {
      return await call(current.accessToken);
    } catch (error) {
      if (!(error instanceof CentralError) || error.kind !== 'unauthorized') throw error;
      const latest = tokens.load();
      if (!latest || latest.refreshToken !== stored.refreshToken) throw new Superseded();
      let renewed: TokenResponse;
      try {
        renewed = await client.refresh(latest.refreshToken);
      } catch (refreshError) {
        if (refreshError instanceof CentralError && refreshError.kind !== 'unauthorized') {
          throw refreshError;
        }
        if (tokens.load()?.refreshToken === stored.refreshToken) tokens.save(null);
        throw new CentralError('unauthorized', 'La sesión con el sistema central expiró.');
      }
      if (tokens.load()?.refreshToken !== stored.refreshToken) throw new Superseded();
      const next: StoredTokens = { ...renewed, agent: renewed.agent };
      tokens.save(next);
      stored.accessToken = next.accessToken;
      stored.refreshToken = next.refreshToken;
      return call(next.accessToken);
    }
  }

  const applyResults = sqlite.transaction(
    (
      results: Array<{
        id: number;
        actionId: string;
        status: string;
        code?: string;
        message?: string;
        conflicts?: unknown;
      }>,
    ) => {
      for (const result of results) {
        const detail =
          result.status === 'applied'
            ? null
            : JSON.stringify({
                code: result.code,
                message: result.message,
                conflicts: result.conflicts,
              });
        markResult.run(result.status, detail, result.id);
        dropQueuedMails.run(result.actionId);
        // What the desk made ahead of the server for an action that did not happen goes;
        // the person's other pending actions are replayed over what is left.
        if (result.status !== 'applied') writer.forgetAheadOf(result.actionId);
      }
    },
  );

  async function pushAll(): Promise<void> {
    for (;;) {
      // One snapshot of the tokens per batch: the rows sent are exactly those of the agent whose
      // token sends them, even if someone signs in meanwhile.
      const stored = tokens.load();
      if (!stored) throw new CentralError('unauthorized', 'Sin sesión con el sistema central.');
      const session = { ...stored };
      const rows = pendingRows.all(batchSize) as OutboxRow[];
      // Order is kept, so the first action of another agent stops the batch until that agent
      // signs in.
      const mine: OutboxRow[] = [];
      for (const row of rows) {
        if (row.agent_id !== session.agent.agentId) break;
        mine.push(row);
      }
      if (mine.length === 0) return;
      const response = await withToken(session, (token) =>
        client.push(token, {
          deviceId: options.deviceId,
          sentAt: now().toISOString(),
          mutations: mine.map(toMutation),
        }),
      );
      options.onPushAnswered?.();
      applyResults(response.results);
      writer.setState('last_push_at', now().toISOString());
      if (response.expectedNext !== undefined) {
        // The server forgot actions it had confirmed (restored from a backup): send them again.
        if (
          response.expectedNext < mine[0]!.seq &&
          requeue.run(response.expectedNext - 1).changes > 0
        ) {
          continue;
        }
        throw new SyncProblem(
          'missing_action',
          `expectedNext ${response.expectedNext}, first pending ${mine[0]!.seq}`,
        );
      }
      if (response.results.length < mine.length) return;
    }
  }

  const breathe = () => new Promise((resolve) => setImmediate(resolve));

  /** Indexes a finished snapshot for search in short steps, so the window stays responsive. */
  async function finishSearchIndex(): Promise<void> {
    while (writer.indexStep(INDEX_CHUNK)) await breathe();
  }

  /** Pulls every page; answers the server's `lastProcessed` for this device, if it said. */
  async function pullAll(): Promise<number | undefined> {
    const stored = tokens.load();
    if (!stored) throw new CentralError('unauthorized', 'Sin sesión con el sistema central.');
    const session = { ...stored };
    const fetchPage = (cursor: string) =>
      withToken(session, (token) => client.pull(token, cursor, pageSize)).then((page) => ({
        page,
        startsSnapshot: cursor === '',
      }));
    let next = fetchPage(writer.state('pull_cursor') ?? '');
    for (;;) {
      const { page, startsSnapshot } = await next;
      // The next page is fetched while this one is written: the server and the desk work at
      // the same time. The stored cursor still moves only with each page written.
      next = page.hasMore
        ? fetchPage(page.cursor)
        : Promise.resolve({ page, startsSnapshot: false });
      // Keep a failed prefetch from surfacing as unhandled while this page is written.
      next.catch(() => undefined);
      // Changes after the snapshot go through the search triggers: those must be back first.
      if (page.progress === null && writer.indexPending()) await finishSearchIndex();
      writer.applyPage(page.changes, {
        cursor: page.cursor,
        epoch: page.epoch,
        progress: page.progress,
        startsSnapshot,
      });
      if (!page.hasMore) {
        await finishSearchIndex();
        // Caught up: whatever the last page said, no initial sync is under way any more.
        writer.setState('initial_sync', '');
        // The replica now holds every row this agent's scope has (see replica-state.ts).
        writer.setState(REPLICA_STATE_KEYS.replicaScope, scopeKey(session.agent));
        return page.lastProcessed;
      }
      // Let the event loop breathe between pages: the window stays responsive.
      await breathe();
    }
  }

  function resync(): void {
    const hourAgo = now().getTime() - 3_600_000;
    while (resyncs.length > 0 && resyncs[0]! < hourAgo) resyncs.shift();
    if (resyncs.length >= MAX_RESYNCS_PER_HOUR) {
      throw new SyncProblem('resync_loop', `${MAX_RESYNCS_PER_HOUR} resyncs within the last hour`);
    }
    resyncs.push(now().getTime());
    writer.resetForResync(null);
  }

  async function runCycle(): Promise<void> {
    if (state === 'upgrade_required' || state === 'device_fork') return;
    if (!tokens.load()) {
      state = 'signed_out';
      return;
    }
    state = 'syncing';
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await pushAll();
        await anchorAuditHead(); // Audit chain anchoring (issue 10).
        const serverProcessed = await pullAll();
        // Actions this desk holds as applied that the server no longer knows (restored from a
        // backup without any new action to push): send them again, then catch up.
        if (serverProcessed !== undefined && requeue.run(serverProcessed).changes > 0) {
          await pushAll();
          await pullAll();
        }
        state = 'idle';
        online = true;
        failures = 0;
        lastError = null;
        nextAttemptAt = null;
        retryAfterUntil = 0;
        writer.setState('last_sync_at', now().toISOString());
        return;
      } catch (error) {
        if (error instanceof Superseded) {
          // Someone signed in or out under this cycle: start again with their tokens.
          state = tokens.load() ? 'idle' : 'signed_out';
          again = tokens.load() !== null;
          return;
        }
        let failure = error;
        if (error instanceof CentralError && error.kind === 'resync_required' && attempt === 0) {
          try {
            resync();
            continue;
          } catch (loop) {
            failure = loop;
          }
        }
        handleFailure(failure);
        return;
      }
    }
  }

  function handleFailure(error: unknown): void {
    const central = error instanceof CentralError ? error : null;
    lastError = describeSyncError(error);
    if (!central && !(error instanceof SyncProblem)) log('sync failed', error);
    switch (central?.kind) {
      case 'unauthorized':
        state = 'signed_out';
        online = true;
        return;
      case 'upgrade_required':
        state = 'upgrade_required';
        online = true;
        return;
      case 'device_fork':
        state = 'device_fork';
        online = true;
        return;
      default: {
        state = 'offline';
        const unreachable = central?.kind === 'network';
        online = unreachable ? false : online;
        failures++;
        nextAttemptAt =
          now().getTime() +
          retryDelay(
            failures,
            central?.retryAfterMs ?? null,
            random,
            baseDelayMs,
            unreachable ? Math.min(maxDelayMs, offlineRetryMaxMs) : maxDelayMs,
          );
        retryAfterUntil =
          central?.retryAfterMs != null ? now().getTime() + central.retryAfterMs : 0;
      }
    }
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const waitMs = again
      ? 0
      : nextAttemptAt !== null
        ? Math.max(0, nextAttemptAt - now().getTime())
        : state === 'idle'
          ? intervalMs
          : null;
    again = false;
    if (waitMs === null) return;
    timer = setTimeout(() => void syncNow(), waitMs);
  }

  /**
   * Runs one cycle now, or right after the one under way; the promise settles when a cycle that
   * started after this call has ended (so its status answers this call, not an older cycle's).
   */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return new Promise((resolve) => waiters.push(resolve));
    }
    running = true;
    const settled = waiters;
    waiters = [];
    cycle = runCycle()
      .catch((error: unknown) => log('sync cycle failed', error))
      .finally(() => {
        running = false;
        cycle = null;
        for (const resolve of settled) resolve();
        // Someone asked during this cycle: their cycle runs now (also when not started).
        if (waiters.length > 0 && !halted) {
          again = false;
          void syncNow();
        } else {
          schedule();
        }
      });
    return cycle;
  }

  return {
    start(): void {
      stopped = false;
      halted = false;
      void syncNow();
    },
    stop(): void {
      stopped = true;
      halted = true;
      const asked = waiters;
      waiters = [];
      for (const resolve of asked) resolve();
      if (timer) clearTimeout(timer);
      timer = null;
    },
    /** Something changed (an action, a sign-in): sync soon, with no backoff wait. */
    kick(): void {
      if (now().getTime() < retryAfterUntil) return;
      nextAttemptAt = null;
      if (state === 'signed_out' && tokens.load()) state = 'idle';
      if (!stopped) void syncNow();
    },
    syncNow,
    status(): SyncStatus {
      const row = counts.get(agentId()) as {
        pending: number | null;
        others: number | null;
        conflicts: number | null;
        rejected: number | null;
        oldest: string | null;
      };
      const initial = writer.state('initial_sync');
      const lastPush = writer.state('last_push_at');
      const pending = row.pending ?? 0;
      const since = lastPush && row.oldest && lastPush > row.oldest ? lastPush : row.oldest;
      return {
        state: tokens.load() ? state : 'signed_out',
        online,
        pending,
        waitingForOtherAgent: row.others ?? 0,
        conflicts: row.conflicts ?? 0,
        rejected: row.rejected ?? 0,
        lastSyncAt: writer.state('last_sync_at'),
        lastError: lastError
          ? syncErrorMessages[lastError.code]({ minVersion: lastError.minVersion })
          : null,
        lastErrorCode: lastError?.code ?? null,
        lastErrorDetail: lastError?.detail ?? null,
        nextAttemptInMs:
          nextAttemptAt === null ? null : Math.max(0, nextAttemptAt - now().getTime()),
        initialSync: initial ? (JSON.parse(initial) as { done: number; total: number }) : null,
        stuck:
          pending > (row.others ?? 0) &&
          since !== null &&
          now().getTime() - Date.parse(since) > stuckAfterMs,
      };
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
