/**
 * Push: a device's queued actions, applied in its own order, each exactly once.
 *
 * Group commit (issue 11): the batches that arrive in the same turn of the event loop, from one
 * desk or many, are applied in ONE synchronous transaction (it never awaits), each device's in
 * the order of its ids, and answered after its one commit: one fsync (the central runs
 * synchronous=FULL) for the whole group, whatever its size. Each mutation's writes inside it are
 * one SAVEPOINT, and each batch's too, only when one is needed (`NeedsSavepoints`, `runGroup`).
 * A batch reads its device's marks once (its last processed id, each lane's) and keeps them in
 * step as it goes: the transaction holds the device. Per mutation: an id already processed
 * returns its stored result (or reveals a cloned device); a gap stops the batch; otherwise the
 * shared rules (`applyIntent`, mode 'server') decide, and the effect, its change-log rows, its
 * mail jobs, the stored result and its lane are released together (a rejection rolls the effect
 * back and records the refusal alone). The device's marks are written once, at the batch's end. A
 * rejection is terminal and never blocks the actions behind it; an unexpected exception rolls
 * back that one mutation's savepoint, the ones before it commit, and the batch stops (503, retry
 * later). A crash before the commit leaves none of the group applied: each desk pushes its batch
 * again, and every id is still new.
 */
import type Database from 'better-sqlite3';
import { createCompanyWriteRepository } from '../intents/company-write-repository';
import { createPersonWriteRepository } from '../intents/person-write-repository';
import { createDataRequestRepository } from '../intents/data-request-repository';
import { createBulkEmailChanges } from '../intents/bulk-email-changes';
import { decide as permits, personTarget, type AgentScope } from '../shared/rules/permissions';
import { applyIntent, type IntentOutcome } from '../intents/apply-intent';
import type { RejectionCode } from '../shared/sync-protocol';
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
import { conflictMessage, rejectionMessages, serverRejectionMessages } from '../shared/messages';
import { createLanes, type Lanes } from './lanes';
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
  /** What a desk holds every answer up to, as its pull's `answered` says (results-pruning.ts). */
  answered?: (deviceId: string, through: number) => void;
};

type Stored = Omit<MutationResult, 'duplicate'>;
/** What a pruned answer's action came to (applied_actions). */
type PrunedAction = { payload_hash: string; status: Stored['status']; code: string | null };

type Step =
  { kind: 'result'; result: MutationResult; mails: number } | { kind: 'gap'; expectedNext: number };

class DeviceForkError extends Error {}
/**
 * A batch is first run without a savepoint per mutation: a savepoint copies every page its
 * mutation then touches (the statement journal), about a fifth of a push's whole cost. When a
 * mutation needs its own rollback (a rejection, an unexpected failure), that run is rolled back
 * whole and the batch runs again with them: the answer and the writes are exactly those of a run
 * with savepoints throughout, and a batch without a refusal (almost every one) runs once.
 */
class NeedsSavepoints extends Error {}
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
  const bulkEmails = createBulkEmailChanges(sqlite);

  const deviceState = sqlite.prepare(
    'SELECT agent_id, last_processed FROM device_state WHERE device_id = ?',
  );
  const insertDevice = sqlite.prepare(
    `INSERT INTO device_state (device_id, agent_id, last_processed, created_at, last_seen_at)
     VALUES (?, ?, 0, ?, ?) ON CONFLICT (device_id) DO NOTHING`,
  );
  const advance = sqlite.prepare(
    `UPDATE device_state SET last_processed = max(last_processed, ?), last_seen_at = ?
     WHERE device_id = ?`,
  );
  const personExists = sqlite.prepare('SELECT 1 FROM persons WHERE rut = ?');
  const agentName = sqlite.prepare('SELECT display_name FROM agents WHERE id = ?').pluck();
  /**
   * Who decided a mutation, by name: its sender, or the agent a re-assigned action was from
   * (an id this server does not know names nobody, never the sender in their place).
   */
  const deciderName = (mutation: Mutation, who: Authenticated): string | null =>
    mutation.decidedBy === undefined || mutation.decidedBy === who.agent.agentId
      ? who.agent.displayName
      : ((agentName.get(mutation.decidedBy) as string | undefined) ?? null);
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
    const sees = permits(
      deps.auth.scopeOf(who.agent),
      'person.view',
      personTarget(() => writes.companyRuts(rut)),
    );
    return sees.allowed ? { ...result, current: currentRows(rut) } : result;
  };
  const storedResult = sqlite.prepare(
    'SELECT payload_hash, result FROM mutation_results WHERE device_id = ? AND mutation_id = ?',
  );
  const resultOfAction = sqlite.prepare(
    'SELECT payload_hash, result FROM mutation_results WHERE action_id = ? LIMIT 1',
  );
  // What an action came to once its stored answer was pruned (applied_actions, migration 0020).
  const prunedAction = sqlite.prepare(
    'SELECT payload_hash, status, code FROM applied_actions WHERE action_id = ?',
  );
  const storeResult = sqlite.prepare(
    `INSERT INTO mutation_results (device_id, mutation_id, action_id, agent_id, kind, payload_hash,
       status, result, processed_at, lane_agent_id, sent_by, reassign_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        return {
          ...base,
          status: 'applied',
          ...(outcome.mailsWithheld?.length ? { mailsWithheld: outcome.mailsWithheld } : {}),
        };
      case 'conflict':
        return {
          ...base,
          status: 'conflict',
          // Ley 21.719: a blocked person's conflict says so, with its code.
          ...(outcome.code ? { code: outcome.code } : {}),
          message: outcome.code ? rejectionMessages[outcome.code] : conflictMessage,
          conflicts: outcome.conflicts,
          ...(outcome.mailsWithheld?.length ? { mailsWithheld: outcome.mailsWithheld } : {}),
        };
      case 'rejected':
        return rejectedResult(mutation, outcome.code, rejectionMessages[outcome.code]);
    }
  };

  /** A batch's marks of its device: read once, kept in step with what the batch processes. */
  type BatchMarks = {
    /** The device's highest processed id (device_state.last_processed). */
    device: number;
    lanes: ReturnType<Lanes['ofBatch']>;
    /** Each mutation's writes in a savepoint of their own (`NeedsSavepoints`). */
    isolated: boolean;
  };

  /** What a processed mutation leaves besides its effect: its mail jobs, its result in its lane. */
  const record = (
    who: Authenticated,
    mutation: Mutation,
    stored: Stored,
    mails: number[],
    at: string,
  ) => {
    const lane = lanes.columns(mutation);
    for (const mailId of mails) {
      insertMailJob.run(who.deviceId, mutation.id, mailId, at, at);
    }
    storeResult.run(
      who.deviceId,
      mutation.id,
      mutation.actionId,
      who.agent.agentId,
      mutation.kind,
      mutation.payloadHash,
      stored.status,
      JSON.stringify(stored),
      at,
      lane.lane,
      lane.sentBy,
      lane.reason,
    );
  };

  /**
   * What the same action came to when it arrived before (under another id or device): its stored
   * answer while it is kept; once pruned, said again from its status and code (a conflict's
   * fields are not kept that long). Null: never seen.
   */
  const earlierAction = (actionId: string): { payloadHash: string; stored: Stored } | null => {
    const row = resultOfAction.get(actionId) as
      { payload_hash: string; result: string } | undefined;
    if (row) return { payloadHash: row.payload_hash, stored: parseStored(row.result) };
    const pruned = prunedAction.get(actionId) as PrunedAction | undefined;
    if (!pruned) return null;
    const base = { id: 0, actionId };
    const code = pruned.code as RejectionCode | null;
    const message =
      code !== null && Object.hasOwn(rejectionMessages, code)
        ? rejectionMessages[code]
        : conflictMessage;
    const stored: Stored =
      pruned.status === 'applied'
        ? { ...base, status: 'applied' }
        : { ...base, status: pruned.status, ...(code ? { code } : {}), message };
    return { payloadHash: pruned.payload_hash, stored };
  };

  /**
   * The change-log rows of an outcome. The desk already shows what it asked for; when that did
   * not happen (rejected, conflict, or nothing to do), it gets the person's rows as they are
   * here, so it shows the truth.
   */
  const logChanges = (mutation: Mutation, outcome: IntentOutcome) => {
    const seen = new Set<string>();
    const log = (entity: Entity, key: number) => {
      const id = `${entity}:${key}`;
      if (seen.has(id)) return;
      seen.add(id);
      changeLog.record(entity, key);
    };
    for (const { entity, key } of outcome.touched) log(entity, key);
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
  };

  type Decided = { stored: Stored; mails: number[] };

  /**
   * The shared rules, their change-log rows and the mutation's record, in ONE savepoint of the
   * batch. A rejection rolls it all back (a rejection changes nothing) and is recorded apart.
   */
  const applyAndRecordWork = (
    mutation: Mutation,
    who: Authenticated,
    authority: AgentScope,
    ageMs: number,
    at: string,
  ): Decided => {
    const outcome = applyIntent(
      {
        writes,
        companies,
        mode: 'server',
        now: deps.now(),
        // Issue 11: the authority the agent had when deciding (a company since taken away).
        agent: scopeHistory.authorityAt(authority, who.agent.agentId, ageMs),
        ageMs,
        dataRequests,
        agentId: who.agent.agentId,
        decidedBy: deciderName(mutation, who),
        bulkEmails,
      },
      {
        actionId: mutation.actionId,
        kind: mutation.kind,
        personRut: mutation.personRut,
        payload: mutation.payload,
      },
    );
    if (outcome.status === 'rejected') throw new Rejected(outcome);
    logChanges(mutation, outcome);
    const stored = toStored(mutation, outcome);
    record(who, mutation, stored, outcome.mails, at);
    return { stored, mails: outcome.mails };
  };
  const applyAndRecordIsolated = sqlite.transaction(applyAndRecordWork);
  const applyAndRecord = (
    marks: BatchMarks,
    ...args: Parameters<typeof applyAndRecordWork>
  ): Decided => {
    if (marks.isolated) return applyAndRecordIsolated(...args);
    try {
      return applyAndRecordWork(...args);
    } catch {
      // A refusal, or a failure, after writes no savepoint can take back alone.
      throw new NeedsSavepoints();
    }
  };

  /** A mutation answered without its effect (refused, or already applied): its record alone. */
  const recordOnlyWork = (
    mutation: Mutation,
    who: Authenticated,
    stored: Stored,
    refused: IntentOutcome | null,
    at: string,
  ): Decided => {
    if (refused) logChanges(mutation, refused);
    record(who, mutation, stored, [], at);
    return { stored, mails: [] };
  };
  const recordOnlyIsolated = sqlite.transaction(recordOnlyWork);
  const recordOnly = (marks: BatchMarks, ...args: Parameters<typeof recordOnlyWork>): Decided =>
    marks.isolated ? recordOnlyIsolated(...args) : recordOnlyWork(...args);

  const decide = (
    mutation: Mutation,
    who: Authenticated,
    authority: AgentScope,
    sentAt: number,
    at: string,
    marks: BatchMarks,
  ): Decided => {
    // Issue 11: the sender's own, or another agent's re-assigned to a supervisor (lanes.ts).
    if (!lanes.senderAllowed(mutation, who)) {
      const stored = rejectedResult(mutation, 'forbidden', serverRejectionMessages.agent_mismatch);
      return recordOnly(marks, mutation, who, stored, null, at);
    }
    const decidedAt = Date.parse(mutation.decidedAt);
    if (Number.isNaN(decidedAt)) {
      const stored = rejectedResult(mutation, 'invalid_payload', rejectionMessages.invalid_payload);
      return recordOnly(marks, mutation, who, stored, null, at);
    }
    try {
      // Both instants come from the device's clock: their difference is honest even when the
      // clock itself is days off.
      return applyAndRecord(marks, mutation, who, authority, sentAt - decidedAt, at);
    } catch (error) {
      if (!(error instanceof Rejected)) throw error;
      return recordOnly(marks, mutation, who, toStored(mutation, error.outcome), error.outcome, at);
    }
  };

  const duplicateOf = (
    row: { payload_hash: string; result: string },
    mutation: Mutation,
    who: Authenticated,
  ): Step => {
    if (row.payload_hash !== mutation.payloadHash) throw new DeviceForkError();
    return {
      kind: 'result',
      result: answer({ ...parseStored(row.result), duplicate: true }, mutation, who),
      mails: 0,
    };
  };

  /**
   * One mutation. Its writes are one savepoint (two for a rejection: its effect rolled back, then
   * its record); the checks before them only read. Throws only on unexpected failures (its
   * savepoint rolled back) and on a cloned device.
   */
  const step = (
    mutation: Mutation,
    who: Authenticated,
    authority: AgentScope,
    sentAt: number,
    marks: BatchMarks,
  ): Step => {
    const deviceId = who.deviceId;
    const at = deps.now().toISOString();
    // Issue 11: a lane mutation is ordered within its agent's lane, not the device's.
    const laneStep = mutation.after !== undefined;
    if (laneStep) {
      // An id above the device's mark was never processed: it has no stored answer.
      const row =
        mutation.id <= marks.device
          ? (storedResult.get(deviceId, mutation.id) as
              { payload_hash: string; result: string } | undefined)
          : undefined;
      if (row) return duplicateOf(row, mutation, who);
      const lane = marks.lanes.check(mutation);
      if (lane.kind === 'fork') throw new DeviceForkError();
      if (lane.kind === 'gap') return { kind: 'gap', expectedNext: lane.expectedNext };
    } else if (mutation.id <= marks.device) {
      const row = storedResult.get(deviceId, mutation.id) as
        { payload_hash: string; result: string } | undefined;
      if (!row) throw new DeviceForkError();
      return duplicateOf(row, mutation, who);
    }
    if (!laneStep && mutation.id > marks.device + 1) {
      return { kind: 'gap', expectedNext: marks.device + 1 };
    }

    let decided: Decided;
    let duplicate = false;
    const earlier = earlierAction(mutation.actionId);
    if (earlier && earlier.payloadHash === mutation.payloadHash) {
      // The same action already arrived under another id or device (a device that re-enrolled
      // after a fork resends what it never saw acknowledged): answer it, never apply it twice.
      const stored = { ...earlier.stored, id: mutation.id, actionId: mutation.actionId };
      decided = recordOnly(marks, mutation, who, stored, null, at);
      duplicate = true;
    } else if (earlier) {
      const stored = rejectedResult(mutation, 'invalid_payload', rejectionMessages.invalid_payload);
      decided = recordOnly(marks, mutation, who, stored, null, at);
    } else {
      decided = decide(mutation, who, authority, sentAt, at, marks);
    }
    // Its savepoint is released: the marks move.
    marks.device = Math.max(marks.device, mutation.id);
    marks.lanes.processed(mutation);
    return {
      kind: 'result',
      result: answer({ ...decided.stored, duplicate }, mutation, who),
      mails: decided.mails.length,
    };
  };

  type BatchOutcome = PushOutcome & { mails?: number };
  /** A batch waiting for the next group, and the caller waiting for its answer. */
  type Waiting = { who: Authenticated; body: PushRequest; answer: (outcome: PushOutcome) => void };

  const runBatchWork = (
    who: Authenticated,
    body: PushRequest,
    sentAt: number,
    isolated: boolean,
  ): BatchOutcome => {
    const deviceId = who.deviceId;
    const at = deps.now().toISOString();
    insertDevice.run(deviceId, who.agent.agentId, at, at);
    const marks: BatchMarks = {
      device: lastProcessed(deviceId),
      lanes: lanes.ofBatch(deviceId),
      isolated,
    };
    const started = marks.device;
    const end = <T extends BatchOutcome>(outcome: T): T => {
      advance.run(marks.device, deps.now().toISOString(), deviceId);
      marks.lanes.save();
      return outcome;
    };

    // A cloned device is refused before anything of the batch is applied.
    for (const mutation of body.mutations) {
      if (mutation.id > started) continue;
      const row = storedResult.get(deviceId, mutation.id) as { payload_hash: string } | undefined;
      // Issue 11: a lane mutation below the device's mark may simply not have been sent yet.
      if (!row && mutation.after !== undefined) continue;
      if (!row || row.payload_hash !== mutation.payloadHash) {
        return end({ kind: 'device_fork', mutationId: mutation.id });
      }
    }

    // A desk without lanes (a version from before them, whose pulls never say `answered`)
    // sends its actions in order from the oldest it holds no answer for: every id below its
    // batch's first is answered, and those answers may go in time like a newer desk's.
    if (body.mutations.length > 0 && body.mutations.every((m) => m.after === undefined)) {
      const first = Math.min(...body.mutations.map((m) => m.id));
      if (first > 1) deps.answered?.(deviceId, first - 1);
    }

    // The sender's authority, once a batch: every mutation in it is the same agent's.
    const authority = deps.auth.scopeOf(who.agent);
    const results: MutationResult[] = [];
    let expectedNext: number | undefined;
    let mails = 0;
    for (const [index, mutation] of body.mutations.entries()) {
      let outcome: Step;
      try {
        outcome = step(mutation, who, authority, sentAt, marks);
      } catch (error) {
        if (error instanceof DeviceForkError) {
          return end({ kind: 'device_fork', mutationId: mutation.id, mails });
        }
        // Without savepoints nothing of it can be rolled back alone: the batch runs again.
        if (!isolated) throw new NeedsSavepoints();
        // Its savepoint is rolled back; the ones before it commit with the batch.
        deps.log(`push: mutation ${mutation.id} of ${deviceId} failed and was rolled back`, error);
        return end({ kind: 'unavailable', mails });
      }
      deps.onMutationProcessed?.(index);
      if (outcome.kind === 'gap') {
        expectedNext = outcome.expectedNext;
        break;
      }
      results.push(outcome.result);
      mails += outcome.mails;
    }
    return end({
      kind: 'ok',
      mails,
      response: {
        epoch: deps.epoch,
        lastProcessed: marks.device,
        results,
        ...(expectedNext === undefined ? {} : { expectedNext }),
      },
    });
  };
  /** The same, in a savepoint of the group's transaction (a group's second run). */
  const runBatch = sqlite.transaction(runBatchWork);

  /**
   * Group commit across batches: every batch that arrived while the previous group was being
   * applied is applied in ONE transaction, in the order they arrived (so a device's batches keep
   * theirs), and answered after its one commit. A desk pipelines its batches, and many desks push
   * at once: the fsync is shared, not paid per batch. First run with no savepoint at all; if a
   * batch needs one (a refusal, a failure), the group is rolled back whole and run again with a
   * savepoint per batch, in which that batch runs again with one per mutation (`NeedsSavepoints`),
   * and a batch that still fails is answered "unavailable" alone.
   */
  const runGroup = sqlite.transaction((group: Waiting[], savepoints: boolean): BatchOutcome[] =>
    group.map(({ who, body }) => {
      const sentAt = Date.parse(body.sentAt);
      if (!savepoints) return runBatchWork(who, body, sentAt, false);
      try {
        try {
          return runBatch(who, body, sentAt, false);
        } catch (error) {
          if (!(error instanceof NeedsSavepoints)) throw error;
          return runBatch(who, body, sentAt, true);
        }
      } catch (error) {
        deps.log(`push: the batch of ${who.deviceId} could not be applied`, error);
        return { kind: 'unavailable' };
      }
    }),
  );

  let waiting: Waiting[] = [];

  /**
   * A device's batches in the order of their ids: pipelined requests travel on connections of
   * their own, and the one sent second may arrive first. Devices keep the order they came in.
   */
  const inDeviceOrder = (group: Waiting[]): Waiting[] => {
    const byDevice = new Map<string, Waiting[]>();
    for (const batch of group) {
      const list = byDevice.get(batch.who.deviceId);
      if (list) list.push(batch);
      else byDevice.set(batch.who.deviceId, [batch]);
    }
    const firstId = (batch: Waiting) => batch.body.mutations[0]!.id;
    return [...byDevice.values()].flatMap((list) => list.sort((a, b) => firstId(a) - firstId(b)));
  };
  /** Settles when the group being gathered has been applied and answered. */
  let nextGroup: Promise<void> | null = null;

  function applyGroup(): void {
    const group = inDeviceOrder(waiting);
    waiting = [];
    nextGroup = null;
    let outcomes: BatchOutcome[];
    try {
      try {
        outcomes = runGroup.immediate(group, false);
      } catch {
        outcomes = runGroup.immediate(group, true);
      }
    } catch (error) {
      // The commit itself failed (disk full, I/O): nothing of the group is applied.
      deps.log(`push: a group of ${group.length} batches could not be committed`, error);
      outcomes = group.map(() => ({ kind: 'unavailable' }));
    }
    group.forEach(({ answer }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.kind === 'ok') answer({ kind: 'ok', response: outcome.response });
      else if (outcome.kind === 'device_fork') {
        answer({ kind: 'device_fork', mutationId: outcome.mutationId });
      } else answer({ kind: 'unavailable' });
    });
    // New jobs go out now; a kick with none new also retries what is due. Nothing here may
    // throw out of the event loop's turn: the answers are given, the server stays up.
    try {
      deps.onMailsQueued(outcomes.reduce((sum, outcome) => sum + (outcome.mails ?? 0), 0));
    } catch (error) {
      deps.log('push: the mail sender could not be woken', error);
    }
  }

  return {
    lastProcessed,
    /** Issue 11: each lane of a device and its last processed id. */
    lanes: (deviceId: string) => lanes.of(deviceId),
    /** Applied with the batches that arrive before the next turn of the event loop. */
    push(who: Authenticated, body: PushRequest): Promise<PushOutcome> {
      return new Promise((answer) => {
        waiting.push({ who, body, answer });
        nextGroup ??= new Promise((done) =>
          setImmediate(() => {
            try {
              applyGroup();
            } finally {
              done();
            }
          }),
        );
      });
    },
    /** Resolves when no batch waits to be applied (shutdown). */
    async drain(): Promise<void> {
      while (nextGroup) await nextGroup;
    },
  };
}

export type Push = ReturnType<typeof createPush>;
