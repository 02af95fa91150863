/**
 * Push: a device's queued actions, applied in its own order, each exactly once.
 *
 * Group commit (issue 11): a batch is ONE synchronous transaction (it never awaits), so it
 * costs one fsync (the central runs synchronous=FULL) whatever its size; each mutation inside it
 * runs in its own SAVEPOINT. Per mutation: read the device's last processed id; an id already
 * processed returns its stored result (or reveals a cloned device); a gap stops the batch;
 * otherwise the shared rules (`applyIntent`, mode 'server') decide, and the effect, its
 * change-log rows, its mail jobs, the stored result and the new last processed id are released
 * together. A rejection is terminal and never blocks the actions behind it; an unexpected
 * exception rolls back that one mutation's savepoint, the ones before it commit, and the batch
 * stops (503, retry later). A crash before the commit leaves none of the batch applied: the desk
 * pushes it again, and every id is still new.
 */
import type Database from 'better-sqlite3';
import { createCompanyWriteRepository } from '../main/repositories/company-write-repository';
import { createPersonWriteRepository } from '../main/repositories/person-write-repository';
import { createDataRequestRepository } from '../main/repositories/data-request-repository';
import { decide as permits } from '../main/domain/permissions';
import { applyIntent, type IntentOutcome } from '../main/sync/intents';
import {
  ENTITY_TABLES,
  type Change,
  type Entity,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../shared/sync-protocol';
import type { Auth, Authenticated } from './auth';
import type { ChangeLog } from './change-log';
import { CONFLICT_MESSAGE, rejectionMessages, serverRejectionMessages } from './messages';
import { createLanes } from './lanes';
import { createScopeHistory } from './scope';

export type PushOutcome =
  | { kind: 'ok'; response: PushResponse }
  | { kind: 'device_fork'; mutationId: number }
  | { kind: 'unavailable' };

export type PushDeps = {
  sqlite: Database.Database;
  auth: Auth;
  changeLog: ChangeLog;
  now: () => Date;
  epoch: string;
  log: (message: string, error?: unknown) => void;
  /** Called after every batch, with the number of mail jobs it created. */
  onMailsQueued: (count: number) => void;
  /** Fault injection for crash tests: runs after each mutation, before the batch commits. */
  onMutationProcessed?: (index: number) => void;
};

type Stored = Omit<MutationResult, 'duplicate'>;

type Step =
  { kind: 'result'; result: MutationResult; mails: number } | { kind: 'gap'; expectedNext: number };

class DeviceForkError extends Error {}
/** Rolls back the shared rules' savepoint when they reject: a rejection changes nothing. */
class Rejected extends Error {
  constructor(readonly outcome: IntentOutcome) {
    super('rejected');
  }
}

export function createPush(deps: PushDeps) {
  const { sqlite, changeLog } = deps;
  const writes = createPersonWriteRepository(sqlite, { bumpVersions: true });
  const companies = createCompanyWriteRepository(sqlite, { bumpVersions: true });
  const scopeHistory = createScopeHistory(sqlite, deps.now);
  // Issue 11: each agent's actions on a device are a lane of their own (lanes.ts).
  const lanes = createLanes(sqlite);
  const dataRequests = createDataRequestRepository(sqlite, { bumpVersions: true });

  const deviceState = sqlite.prepare(
    'SELECT agent_id, last_processed FROM device_state WHERE device_id = ?',
  );
  const insertDevice = sqlite.prepare(
    `INSERT INTO device_state (device_id, agent_id, last_processed, created_at, last_seen_at)
     VALUES (?, ?, 0, ?, ?) ON CONFLICT (device_id) DO NOTHING`,
  );
  const advance = sqlite.prepare(
    'UPDATE device_state SET last_processed = ?, last_seen_at = ? WHERE device_id = ? AND last_processed = ?',
  );
  const touchDevice = sqlite.prepare(
    'UPDATE device_state SET last_seen_at = ? WHERE device_id = ?',
  );
  const personExists = sqlite.prepare('SELECT 1 FROM persons WHERE rut = ?');
  const personAccounts = sqlite.prepare('SELECT id FROM accounts WHERE person_rut = ?');
  const personMemberships = sqlite.prepare('SELECT id FROM memberships WHERE person_rut = ?');
  // A refused action's person as the server has them now (MutationResult.current).
  const currentStatements = (['person', 'membership', 'account'] as const).map((entity) => {
    const { table, key, columns } = ENTITY_TABLES[entity];
    const owner = entity === 'person' ? 'rut' : 'person_rut';
    return {
      entity,
      key,
      rows: sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${owner} = ?`),
    };
  });
  const currentRows = (personRut: number | null): Change[] =>
    personRut === null
      ? []
      : currentStatements.flatMap(({ entity, key, rows }) =>
          (rows.all(personRut) as Array<Record<string, unknown>>).map((row) => ({
            entity,
            op: 'upsert',
            key: row[key] as number,
            row,
          })),
        );
  /**
   * The answer as sent: a refused action carries its person's rows as they are now — only when
   * the sender may see that person (an officer refused outside his companies learns nothing).
   */
  const answer = (result: MutationResult, mutation: Mutation, who: Authenticated) => {
    const rut = mutation.personRut;
    if (result.status === 'applied' || rut === null || !writes.person(rut)) return result;
    const sees = permits(deps.auth.scopeOf(who.agent), 'person.view', {
      personCompanyRuts: writes.companyRuts(rut),
    });
    return sees.allowed ? { ...result, current: currentRows(rut) } : result;
  };
  const storedResult = sqlite.prepare(
    'SELECT payload_hash, result FROM mutation_results WHERE device_id = ? AND mutation_id = ?',
  );
  const resultOfAction = sqlite.prepare(
    'SELECT payload_hash, result FROM mutation_results WHERE action_id = ? LIMIT 1',
  );
  const storeResult = sqlite.prepare(
    `INSERT INTO mutation_results (device_id, mutation_id, action_id, agent_id, kind, payload_hash,
       status, result, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMailJob = sqlite.prepare(
    `INSERT INTO mail_jobs (device_id, mutation_id, mail_id, state, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
  );

  const lastProcessed = (deviceId: string): number =>
    (deviceState.get(deviceId) as { last_processed: number } | undefined)?.last_processed ?? 0;

  const parseStored = (json: string): Stored => JSON.parse(json) as Stored;

  const rejectedResult = (mutation: Mutation, code: string, message: string): Stored => ({
    id: mutation.id,
    actionId: mutation.actionId,
    status: 'rejected',
    code,
    message,
  });

  const toStored = (mutation: Mutation, outcome: IntentOutcome): Stored => {
    const base = { id: mutation.id, actionId: mutation.actionId };
    switch (outcome.status) {
      case 'applied':
        return { ...base, status: 'applied' };
      case 'conflict':
        return {
          ...base,
          status: 'conflict',
          // Ley 21.719: a blocked person's conflict says so, with its code.
          ...(outcome.code ? { code: outcome.code } : {}),
          message: outcome.code ? rejectionMessages[outcome.code] : CONFLICT_MESSAGE,
          conflicts: outcome.conflicts,
        };
      case 'rejected':
        return rejectedResult(mutation, outcome.code, rejectionMessages[outcome.code]);
    }
  };

  /** Runs the shared rules in a savepoint: a rejection leaves no trace. */
  const runIntent = sqlite.transaction(
    (mutation: Mutation, who: Authenticated, ageMs: number): IntentOutcome => {
      const outcome = applyIntent(
        {
          writes,
          companies,
          mode: 'server',
          now: deps.now(),
          // Issue 11: the authority the agent had when deciding (a company since taken away).
          agent: scopeHistory.authorityAt(deps.auth.scopeOf(who.agent), who.agent.agentId, ageMs),
          ageMs,
          dataRequests,
          agentId: who.agent.agentId,
        },
        {
          actionId: mutation.actionId,
          kind: mutation.kind,
          personRut: mutation.personRut,
          payload: mutation.payload,
        },
      );
      if (outcome.status === 'rejected') throw new Rejected(outcome);
      return outcome;
    },
  );

  const decide = (
    mutation: Mutation,
    who: Authenticated,
    sentAt: number,
  ): { stored: Stored; mails: number[] } => {
    // Issue 11: the sender's own, or another agent's re-assigned to a supervisor (lanes.ts).
    if (!lanes.senderAllowed(mutation, who)) {
      return {
        stored: rejectedResult(mutation, 'forbidden', serverRejectionMessages.agent_mismatch),
        mails: [],
      };
    }
    const decidedAt = Date.parse(mutation.decidedAt);
    if (Number.isNaN(decidedAt)) {
      return {
        stored: rejectedResult(mutation, 'invalid_payload', rejectionMessages.invalid_payload),
        mails: [],
      };
    }
    let outcome: IntentOutcome;
    try {
      // Both instants come from the device's clock: their difference is honest even when the
      // clock itself is days off.
      outcome = runIntent(mutation, who, sentAt - decidedAt);
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      outcome = error.outcome;
    }
    const seen = new Set<string>();
    const log = (entity: Entity, key: number) => {
      const id = `${entity}:${key}`;
      if (seen.has(id)) return;
      seen.add(id);
      changeLog.record(entity, key);
    };
    for (const { entity, key } of outcome.touched) log(entity, key);
    // The desk already shows what it asked for. When that did not happen (rejected, conflict,
    // or nothing to do), send it the person's rows as they are here, so it shows the truth.
    if (
      (outcome.status !== 'applied' || outcome.touched.length === 0) &&
      mutation.personRut !== null
    ) {
      if (personExists.get(mutation.personRut)) log('person', mutation.personRut);
      for (const row of personAccounts.all(mutation.personRut) as Array<{ id: number }>)
        log('account', row.id);
      for (const row of personMemberships.all(mutation.personRut) as Array<{ id: number }>) {
        log('membership', row.id);
      }
    }
    return { stored: toStored(mutation, outcome), mails: outcome.mails };
  };

  /** One mutation, one savepoint of the batch. Throws only on unexpected failures (rolled back). */
  const step = sqlite.transaction(
    (mutation: Mutation, who: Authenticated, sentAt: number): Step => {
      const deviceId = who.deviceId;
      const at = deps.now().toISOString();
      const last = lastProcessed(deviceId);
      // Issue 11: a lane mutation is ordered within its agent's lane, not the device's.
      const laneStep = mutation.after !== undefined;
      if (laneStep) {
        const row = storedResult.get(deviceId, mutation.id) as
          { payload_hash: string; result: string } | undefined;
        if (row) {
          if (row.payload_hash !== mutation.payloadHash) throw new DeviceForkError();
          return {
            kind: 'result',
            result: answer({ ...parseStored(row.result), duplicate: true }, mutation, who),
            mails: 0,
          };
        }
        const lane = lanes.check(deviceId, mutation);
        if (lane.kind === 'fork') throw new DeviceForkError();
        if (lane.kind === 'gap') return { kind: 'gap', expectedNext: lane.expectedNext };
      } else if (mutation.id <= last) {
        const row = storedResult.get(deviceId, mutation.id) as
          { payload_hash: string; result: string } | undefined;
        if (!row || row.payload_hash !== mutation.payloadHash) throw new DeviceForkError();
        return {
          kind: 'result',
          result: answer({ ...parseStored(row.result), duplicate: true }, mutation, who),
          mails: 0,
        };
      }
      if (!laneStep && mutation.id > last + 1) return { kind: 'gap', expectedNext: last + 1 };

      let stored: Stored;
      let mails: number[] = [];
      let duplicate = false;
      const earlier = resultOfAction.get(mutation.actionId) as
        { payload_hash: string; result: string } | undefined;
      if (earlier && earlier.payload_hash === mutation.payloadHash) {
        // The same action already arrived under another id or device (a device that re-enrolled
        // after a fork resends what it never saw acknowledged): answer it, never apply it twice.
        stored = { ...parseStored(earlier.result), id: mutation.id, actionId: mutation.actionId };
        duplicate = true;
      } else if (earlier) {
        stored = rejectedResult(mutation, 'invalid_payload', rejectionMessages.invalid_payload);
      } else {
        ({ stored, mails } = decide(mutation, who, sentAt));
      }

      for (const mailId of mails) {
        insertMailJob.run(deviceId, mutation.id, mailId, at, at);
      }
      storeResult.run(
        deviceId,
        mutation.id,
        mutation.actionId,
        who.agent.agentId,
        mutation.kind,
        mutation.payloadHash,
        stored.status,
        JSON.stringify(stored),
        at,
      );
      lanes.record(deviceId, mutation, at);
      if (!laneStep && advance.run(mutation.id, at, deviceId, last).changes !== 1) {
        throw new Error('device_state changed during the transaction');
      }
      return {
        kind: 'result',
        result: answer({ ...stored, duplicate }, mutation, who),
        mails: mails.length,
      };
    },
  );

  /** Pushes of one device run one after another; other devices are not held up. */
  const queues = new Map<string, Promise<unknown>>();

  type BatchOutcome = PushOutcome & { mails?: number };

  /** The whole batch: one transaction, one commit, one savepoint per mutation. */
  const runBatch = sqlite.transaction(
    (who: Authenticated, body: PushRequest, sentAt: number): BatchOutcome => {
      const deviceId = who.deviceId;
      const at = deps.now().toISOString();
      insertDevice.run(deviceId, who.agent.agentId, at, at);
      touchDevice.run(at, deviceId);

      // A cloned device is refused before anything of the batch is applied.
      const last = lastProcessed(deviceId);
      for (const mutation of body.mutations) {
        if (mutation.id > last) continue;
        const row = storedResult.get(deviceId, mutation.id) as { payload_hash: string } | undefined;
        // Issue 11: a lane mutation below the device's mark may simply not have been sent yet.
        if (!row && mutation.after !== undefined) continue;
        if (!row || row.payload_hash !== mutation.payloadHash) {
          return { kind: 'device_fork', mutationId: mutation.id };
        }
      }

      const results: MutationResult[] = [];
      let expectedNext: number | undefined;
      let mails = 0;
      for (const [index, mutation] of body.mutations.entries()) {
        let outcome: Step;
        try {
          outcome = step(mutation, who, sentAt);
        } catch (error) {
          if (error instanceof DeviceForkError) {
            return { kind: 'device_fork', mutationId: mutation.id, mails };
          }
          // Its savepoint is rolled back; the ones before it commit with the batch.
          deps.log(`push: la mutación ${mutation.id} de ${deviceId} falló y se revirtió`, error);
          return { kind: 'unavailable', mails };
        }
        deps.onMutationProcessed?.(index);
        if (outcome.kind === 'gap') {
          expectedNext = outcome.expectedNext;
          break;
        }
        results.push(outcome.result);
        mails += outcome.mails;
      }
      return {
        kind: 'ok',
        mails,
        response: {
          epoch: deps.epoch,
          lastProcessed: lastProcessed(deviceId),
          results,
          ...(expectedNext === undefined ? {} : { expectedNext }),
        },
      };
    },
  );

  async function processBatch(who: Authenticated, body: PushRequest): Promise<PushOutcome> {
    const sentAt = Date.parse(body.sentAt);
    let outcome: BatchOutcome;
    try {
      outcome = runBatch.immediate(who, body, sentAt);
    } catch (error) {
      // The commit itself failed (disk full, I/O): nothing of the batch is applied.
      deps.log(`push: el lote de ${who.deviceId} no se pudo guardar`, error);
      deps.onMailsQueued(0);
      return { kind: 'unavailable' };
    }
    // New jobs go out now; a kick with none new also retries what is due.
    deps.onMailsQueued(outcome.mails ?? 0);
    if (outcome.kind === 'ok') return { kind: 'ok', response: outcome.response };
    if (outcome.kind === 'device_fork')
      return { kind: 'device_fork', mutationId: outcome.mutationId };
    return { kind: 'unavailable' };
  }

  return {
    lastProcessed,
    /** Issue 11: each lane of a device and its last processed id. */
    lanes: (deviceId: string) => lanes.of(deviceId),
    push(who: Authenticated, body: PushRequest): Promise<PushOutcome> {
      const previous = queues.get(who.deviceId) ?? Promise.resolve();
      const run = previous.then(() => processBatch(who, body));
      const settled = run.catch(() => undefined);
      queues.set(who.deviceId, settled);
      void settled.then(() => {
        if (queues.get(who.deviceId) === settled) queues.delete(who.deviceId);
      });
      return run;
    },
    /** Resolves when no batch is being processed (shutdown). */
    async drain(): Promise<void> {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}

export type Push = ReturnType<typeof createPush>;
