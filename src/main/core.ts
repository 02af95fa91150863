/**
 * The core behind both doors: the replica, the signed-in agent, the handler map typed from the
 * contract, and one `dispatch` that checks the session, parses input, runs the handler and
 * answers an envelope. Nothing here knows which door a call came through.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  contract,
  PUBLIC_CHANNELS,
  type Answer,
  type Channel,
  type ChannelOutput,
  type Contract,
  type Envelope,
  type ErrorCode,
  type SyncIssue,
  type SyncStatus,
} from '../shared/contract';
import {
  deniedMessages,
  errorMessages,
  notFoundMessage,
  replicaKeyMessages,
  ruleMessages,
} from '../shared/messages';
import { loginRut, rutFromBody } from '../shared/rut';
import { makeReplicaDurable, type Db } from '../storage/db/database';
import { buildIndexesInWorker, buildNextIndex } from '../storage/db/deferred-indexes';
import { openReplica, resolveReplicaKey, type ReplicaSetAside } from './db/open-replica';
import { defaultKeyStore, type ReplicaKeyStore } from './db/replica-key';
import { newWriteTurns, shareWriteLock } from './db/write-turns';
import { createDemoDatabase } from '../storage/seed/seed-database';
import { createRepositories, type ServiceContext } from './services/context';
import {
  createExportFiles,
  EXPORT_SWEEP_MS,
  exportFileRemoved,
  sealEarlierExports,
} from './services/export-files';
import {
  ForbiddenError,
  NotFoundError,
  RuleError,
  StaleError,
  UnauthorizedError,
} from './services/errors';
import { companyHandlers } from './handlers/company-handlers';
import { selectionHandlers } from './handlers/selection-handlers';
import {
  createDownloads,
  dataRequestHandlers,
  type Download,
} from './handlers/data-request-handlers';
import { bulkLoadHandlers } from './handlers/bulk-load-handlers';
import { dashboardHandlers } from './handlers/dashboard-handlers';
import { syncHandlers } from './handlers/sync-handlers';
import { personHandlers } from './handlers/person-handlers';
import { createSearchDenials } from './services/privacy';
import { callHandlers } from './handlers/call-handlers';
import { auditHandlers } from './handlers/audit-handlers';
import { deskAuth } from './handlers/auth-handlers';
import { createDrafts, draftHandlers } from './handlers/draft-handlers';
import { listSyncIssues } from './services/sync-issues';
import { centralAdminHandlers } from './handlers/central-admin-handlers';
import { computerName, createCentralClient } from './sync/central-client';
import { createOwedSignOuts } from './sync/owed-sign-outs';
import { createReplicaWriter, PULLED_CHANGES } from './sync/replica-writer';
import { createScopeNotices, scopeNoticeView } from './sync/scope-notice';
import { replicaIncomplete } from './repositories/replica-state';
import {
  createSyncEngine,
  memoryTokenStore,
  type SyncEngine,
  type SyncEngineOptions,
  type TokenStore,
} from './sync/sync-engine';
// Device trust (issue 11).
import {
  createDeviceEnrolment,
  DEVICE_SECRET_FILE,
  fileDeviceSecretStore,
  type DeviceSecretStore,
} from './sync/device-enrolment';
import { createRevocation } from './sync/revocation';
import { sealInPlace } from './db/sealed-files';
import { logError } from '../storage/log';

export const DATABASE_FILE = 'mesa-de-ayuda.db';
/** Persons in the demo dataset an empty data directory receives on first start. */
export const DEFAULT_DEMO_PERSONS = 20_000;

export type CoreOptions = {
  dataDir: string;
  door: 'electron' | 'web';
  version: string;
  /** Persons to seed when the replica is empty; 0 leaves it empty. */
  demoPersons?: number;
  migrationsFolder?: string;
  nativeBinding?: string;
  /** The built `index-worker.js` (Electron); the source entry otherwise (deferred-indexes.ts). */
  indexWorkerFile?: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** The central API to sync with; overrides the address saved in settings. */
  centralUrl?: string | null;
  /**
   * Where the replica's encryption key lives (Electron: wrapped by safeStorage); by default
   * MESA_REPLICA_KEY, else `replica.key` (owner-only) in the data folder. `null` keeps the
   * replica plain: only for the benchmarks' `--compare-plain`.
   */
  replicaKeys?: ReplicaKeyStore | null;
  /** Where the central API's tokens live (Electron: safeStorage); memory by default. */
  tokenStore?: TokenStore;
  /**
   * Where this device's own secret lives (issue 11; Electron: safeStorage); by default an
   * owner-only `device-secret.json` in the data folder.
   */
  deviceSecretStore?: DeviceSecretStore;
  /** Seconds without input before the screen locks; see src/shared/idle-lock.ts. */
  idleLockSeconds?: number;
  /** Tests: persons per slice of a selection's run (default: a time budget). */
  selectionSlicePersons?: number;
  /** Start syncing by itself (default); tests drive `sync.now` instead. */
  autoSync?: boolean;
  /** How long a call to the central API may take (default 15 s); tests shorten it. */
  centralTimeoutMs?: number;
  syncOptions?: Partial<
    Omit<SyncEngineOptions, 'sqlite' | 'writer' | 'client' | 'deviceId' | 'tokens' | 'now'>
  >;
  /** Ley 21.719 exports, Electron door: show a file in its folder (shell.showItemInFolder). */
  revealFile?: (file: string) => void;
  /**
   * Ley 21.719 exports, Electron door: where the agent wants a copy saved (dialog.showSaveDialog);
   * null when the agent cancels.
   */
  saveFile?: (fileName: string) => Promise<string | null>;
  /** Bulk loads (issue 8): most rows per chunk; tests use a few to have many chunks. */
  bulkChunkRows?: number;
  /**
   * Bulk loads' worker thread (src/main/bulk/apply-worker.ts): `entry` is its built script (the
   * desktop passes the bundle's), `minRows` the planned rows from which a batch runs there
   * (tests: 1), `previewMinBytes` the file size from which a preview reads the company's members
   * on a thread of its own (tests: 1), `instrument` a test module loaded inside it; `false` keeps every batch here.
   */
  bulkWorker?:
    | false
    | {
        entry?: string;
        /** The built `bulk-members-worker.js` (a large preview's members are read there). */
        membersEntry?: string;
        minRows?: number;
        previewMinBytes?: number;
        instrument?: { module: string; data: unknown };
      };
};

export type Handlers = {
  [C in Channel]: (
    input: z.output<Contract[C]['input']>,
  ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export type Core = {
  db: Db;
  context: ServiceContext;
  handlers: Handlers;
  /**
   * `asAgent`: the agent the calling window acts for, when it says (the doors pass it). A window
   * whose agent no longer holds this desk (signed out, or another agent signed in, in another
   * window) is refused with `session_changed`, and nothing runs: before, its click ran as
   * whoever was signed in now.
   */
  dispatch: (channel: string, input: unknown, asAgent?: string | null) => Answer;
  /** For callers that know the channel is local (tests, benchmarks): never a promise. */
  dispatchNow: (channel: string, input: unknown) => Envelope<unknown>;
  /** The sync engine, when a central API is configured. */
  sync: () => SyncEngine | null;
  /** Resolves when no selection run is in progress (issue 8). */
  selectionIdle: () => Promise<void>;
  close: () => void;
  /** Web door: the export file behind a one-time download ticket (Ley 21.719, issue 10). */
  download: (ticket: string) => Download | null;
};

/** This installation's identity, kept in the replica and stamped on every audit event. */
function deviceIdOf(db: Db): string {
  const sqlite = db.$client;
  const row = sqlite.prepare("SELECT value FROM sync_state WHERE key = 'device_id'").get() as
    { value: string } | undefined;
  if (row) return row.value;
  const id = randomUUID();
  sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('device_id', ?)").run(id);
  return id;
}

export function createCore(options: CoreOptions): Core {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dataDir, DATABASE_FILE);
  const storage = {
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
  };
  const demoPersons = options.demoPersons ?? DEFAULT_DEMO_PERSONS;
  const log = options.log ?? logError;
  const keys =
    options.replicaKeys === undefined ? defaultKeyStore(options.dataDir) : options.replicaKeys;
  const key = keys ? resolveReplicaKey(keys).key : undefined;
  // Only a brand-new data directory gets demo data; an existing replica is never touched.
  if (demoPersons > 0 && !fs.existsSync(file)) {
    createDemoDatabase({ ...storage, key, file, persons: demoPersons, now: now() });
  }
  const opened = openReplica({ ...storage, key, file, now });
  const db = opened.db;
  if (opened.reencryptedFrom === 'plain') log('the plain replica was encrypted in place');
  if (opened.reencryptedFrom === 'sqlcipher-4') {
    log('the replica was re-encrypted from SQLCipher 4 to AEGIS-256 in place');
  }
  if (opened.setAside) {
    // Kept in the fresh replica so the notice survives restarts until support deals with it.
    db.$client
      .prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('replica_set_aside', ?)")
      .run(JSON.stringify(opened.setAside));
    log(`the replica did not open with its key; set aside as ${opened.setAside.file}`);
  }
  const setAsideRow = db.$client
    .prepare("SELECT value FROM sync_state WHERE key = 'replica_set_aside'")
    .pluck()
    .get() as string | undefined;
  const replicaSetAside = setAsideRow ? (JSON.parse(setAsideRow) as ReplicaSetAside) : null;
  // An action the agent was told is saved must survive a power cut, not only a crash.
  makeReplicaDurable(db.$client);
  // A large bulk load writes from a worker thread with a connection of its own: this one takes
  // turns with it (db/write-turns.ts).
  const turns = newWriteTurns();
  shareWriteLock(db.$client, turns);
  const repos = createRepositories(db);
  const context: ServiceContext = { db, repos, now, deviceId: deviceIdOf(db) };

  const tokens = options.tokenStore ?? memoryTokenStore();
  const writer = createReplicaWriter(db.$client, now);
  // Issue 11: an officer told which companies his supervisor gave him or took from him.
  const companyName = db.$client.prepare('SELECT legal_name FROM companies WHERE rut = ?').pluck();
  const scopeNotices = createScopeNotices(
    writer,
    (rut) => (companyName.get(rut) as string | undefined) ?? null,
  );
  // Device trust (issue 11): this device's secret, and what happens when it is revoked.
  const enrolment = createDeviceEnrolment(
    db.$client,
    options.deviceSecretStore ??
      fileDeviceSecretStore(path.join(options.dataDir, DEVICE_SECRET_FILE)),
  );
  const revocation = createRevocation({
    sqlite: db.$client,
    writer,
    dataDir: options.dataDir,
    now,
    sealKey: key,
    log,
  });
  // Ley 21.719 exports (services/export-files.ts), in the background: what a crash left behind
  // dealt with, and those still in the clear sealed like the replica (with a key); then, and
  // every hour, the files of exports no longer needed removed on time. A revoked device's were
  // wiped with its replica.
  const exportFiles = createExportFiles({ context, dataDir: options.dataDir, log });
  const removeExpiredExports = () => {
    if (!db.$client.open) return;
    try {
      const count = exportFiles.removeExpired();
      if (count > 0) log(`the files of ${count} Ley 21.719 exports were removed on time`);
    } catch (error) {
      log('expired exports could not be removed', error);
    }
  };
  let exportSweep: NodeJS.Timeout | null = null;
  if (!revocation.record()) {
    const removed = (fileName: string) => exportFileRemoved(db.$client, fileName);
    void sealEarlierExports(options.dataDir, key, removed, log)
      .then(
        (count) =>
          count > 0 && log(`${count} earlier Ley 21.719 export files were sealed in place`),
        (error: unknown) => log('earlier exports could not be sealed', error),
      )
      .then(removeExpiredExports);
    exportSweep = setInterval(removeExpiredExports, EXPORT_SWEEP_MS);
    exportSweep.unref();
  } else {
    // A revoked desk's file of unsent actions written in the clear by an earlier version:
    // sealed where it lies, like the new ones (revocation.ts).
    const kept = revocation.record()!;
    if (key && fs.existsSync(kept.file)) {
      void sealInPlace(kept.file, key).then(
        (sealed) => sealed && log('the file of unsent actions was sealed in place'),
        (error: unknown) => log('the file of unsent actions could not be sealed', error),
      );
    }
  }
  // Issue 11: a sign-out the central did not hear (offline) is sent when it is next reached.
  const owedSignOuts = createOwedSignOuts(db.$client, log);
  // A snapshot's indexes, built off the event loop; should the worker fail, here, one index per
  // turn: the replica is never left without them.
  const buildSnapshotIndexes = () => {
    // The snapshot passed through this connection's cache: the pages it holds are the last ones
    // written, not the ones the agent will read. Freed before the worker's sorts take memory.
    db.$client.pragma('shrink_memory');
    return buildIndexesInWorker({
      ...storage,
      file,
      key,
      workerFile: options.indexWorkerFile,
    }).catch(async (error: unknown) => {
      log('the index worker failed; building the indexes here', error);
      while (buildNextIndex(db.$client)) await new Promise((resolve) => setImmediate(resolve));
    });
  };
  /**
   * While the worker writes the replica, a write here can find it busy (a transaction that read
   * first cannot wait for the lock): such a call is answered after the build, tried again.
   */
  let indexBuild: Promise<void> | null = null;
  const whileIndexing = (build: () => Promise<void>) => () => {
    const running = build().finally(() => {
      if (indexBuild === running) indexBuild = null;
    });
    indexBuild = running;
    return running;
  };
  let engine: SyncEngine | null = null;
  let client: ReturnType<typeof createCentralClient> | null = null;
  let centralUrl: string | null = null;
  const drafts = createDrafts();
  const auth = deskAuth({
    // A call left open when its agent leaves is theirs to close when they come back (the «Salir»
    // dialog says it stays open): so do its closing notes, still in memory only.
    sessionEnded: (agentId) => {
      if (!repos.interactions.openOf(agentId)) drafts.forget(agentId);
    },
    context,
    tokens,
    writer,
    enrolment,
    revocation,
    owedSignOuts,
    central: () => ({ client, url: centralUrl, engine }),
    restartSync: () => configure(centralUrl),
    idleLockSeconds: options.idleLockSeconds,
    log,
  });
  const configure = (url: string | null) => {
    engine?.stop();
    engine = null;
    client = null;
    centralUrl = url;
    if (!url) return;
    client = createCentralClient({
      baseUrl: url,
      deviceId: context.deviceId,
      deviceSecret: enrolment.secret(),
      formerDevice: { proof: () => enrolment.former(), enrolled: () => enrolment.enrolled() },
      deviceName: computerName(),
      clientVersion: options.version,
      timeoutMs: options.centralTimeoutMs,
    });
    engine = createSyncEngine({
      sqlite: db.$client,
      writer,
      client,
      deviceId: context.deviceId,
      tokens,
      now,
      log,
      // Issue 11: an officer's companies changed on the central API; this desk follows.
      onScopeChanging: (agentId, before, after) =>
        scopeNotices.changed(agentId, before, after, now().toISOString()),
      onScopeChanged: (agentId, companyRuts) => {
        db.$client
          .prepare('UPDATE agents SET company_ruts = ? WHERE id = ?')
          .run(JSON.stringify(companyRuts), agentId);
        auth.scopeChanged(agentId, companyRuts);
      },
      onRevoked: auth.onRevoked,
      offlineSession: auth.offlineSession,
      deskAgentId: auth.agentId,
      ...options.syncOptions,
      // Back in reach: the sign-outs it did not hear go first (owed-sign-outs.ts).
      onProbe: (answered) => {
        if (answered) auth.deliverOwedSignOuts();
        options.syncOptions?.onProbe?.(answered);
      },
      buildIndexes: whileIndexing(options.syncOptions?.buildIndexes ?? buildSnapshotIndexes),
    });
    if (options.autoSync !== false) engine.start();
  };
  configure(
    options.centralUrl !== undefined ? options.centralUrl : writer.state('central_url') || null,
  );
  /** The replica may be missing data: every screen that states a fact must say so. */
  const incomplete = () => replicaIncomplete(db.$client, client !== null);
  // The header's person count rides on every status poll: kept by triggers, read in one row. An
  // officer's is of the persons his searches show, his companies' (the replica may hold more):
  // counted again only once the replica changed, and while a load fills it the replica's own
  // (the companies' key table is filled at a load's end; until then his people are the load's).
  let officerCount: { key: string; n: number } | null = null;
  const persons = (loading: boolean): number => {
    const companies = auth.officerCompanies();
    if (companies === null || loading) return repos.records.count();
    const key = `${companies.join(',')}:${repos.records.changeMark()}`;
    if (officerCount?.key !== key) {
      officerCount = { key, n: repos.records.countInCompanies(companies) };
    }
    return officerCount.n;
  };
  /**
   * What the badge counts as «por revisar»: what the viewer's «Por revisar» lists (services/
   * sync-issues.ts) — a supervisor's, every agent's; anyone else's, their own. A desk-wide count
   * showed an agent a red «1 por revisar» over a list that had nothing for them.
   */
  const reviewCounts = () => {
    const viewer = auth.signedIn() ? auth.agent() : null;
    const issues = listSyncIssues(context, viewer);
    const count = (state: SyncIssue['state']) => issues.filter((i) => i.state === state).length;
    return {
      conflicts: count('conflict'),
      rejected: count('rejected'),
      mailsWithheld: count('mail_withheld'),
    };
  };
  /** The signed-in officer's companies by name, as Sincronización lists them. */
  const officerCompanies = (): SyncStatus['officerCompanies'] => {
    const ruts = auth.officerCompanies();
    if (ruts === null) return null;
    return ruts
      .map((rut) => ({
        rut: loginRut(rutFromBody(rut)),
        name: (companyName.get(rut) as string | undefined) ?? null,
      }))
      .sort((a, b) => (a.name ?? a.rut).localeCompare(b.name ?? b.rut, 'es'));
  };
  const syncStatus = (): SyncStatus => {
    const running = engine?.status() ?? null;
    const replicaIncomplete = incomplete();
    const base = {
      configured: engine !== null,
      centralUrl,
      deviceId: context.deviceId,
      replicaIncomplete,
      persons: persons(
        replicaIncomplete || running?.initialSync != null || running?.scopeChange != null,
      ),
      personsMoved: repos.records.moved(),
      pulledChanges: Number(writer.state(PULLED_CHANGES) ?? 0),
      revocation: revocation.record(),
      scopeNotice: scopeNoticeView(scopeNotices.of(auth.agentId())),
      officerCompanies: officerCompanies(),
    };
    // A revoked device says so until it is enrolled again, across restarts (issue 11).
    if (running) {
      return {
        ...base,
        ...running,
        ...reviewCounts(),
        ...(base.revocation ? { state: 'revoked' as const } : {}),
      };
    }
    // Whose they are, as the engine counts them: another agent's leave with that agent.
    const queued = repos.outbox.pendingOf(auth.agentId());
    return {
      ...base,
      state: 'not_configured',
      online: false,
      pending: queued.pending,
      waitingForOtherAgent: queued.others,
      ...reviewCounts(),
      // When it last synced, before its central API was removed: still true.
      lastSyncAt: writer.state('last_sync_at'),
      lastError: null,
      lastErrorCode: null,
      lastErrorDetail: null,
      nextAttemptInMs: null,
      initialSync: null,
      scopeChange: null,
      stuck: false,
    };
  };

  const { agent } = auth;
  // Acting on a selection of people (issue 8, item 2).
  const selection = selectionHandlers({
    context,
    agent,
    kick: () => engine?.kick(),
    signedIn: (agentId) => auth.agentId() === agentId,
    log,
    slicePersons: options.selectionSlicePersons,
  });

  // Bulk loads (issue 8): an interrupted batch is found here, at start.
  const bulk = bulkLoadHandlers({
    context,
    agent,
    kick: () => engine?.kick(),
    log,
    chunkRows: options.bulkChunkRows,
    worker:
      options.bulkWorker === false
        ? undefined
        : {
            file,
            key: key ?? null,
            nativeBinding: options.nativeBinding,
            turns,
            ...options.bulkWorker,
          },
  });
  const downloads = createDownloads(now);
  const searchDenials = createSearchDenials(context);
  const handlers: Handlers = {
    ...auth.handlers,
    ...draftHandlers({ drafts, agent }),
    ...personHandlers({ context, agent, kick: () => engine?.kick(), incomplete, searchDenials }),
    ...callHandlers({ context, agent }),
    ...auditHandlers({ context, agent }),
    // Issue 11: a supervisor's devices and officers' companies, asked of the central API.
    ...centralAdminHandlers({ context, agent, central: () => engine }),
    ...companyHandlers({ context, agent, kick: () => engine?.kick() }),
    ...selection.handlers,
    ...bulk.handlers,
    // Ley 21.719 data-subject requests (issue 10).
    ...dataRequestHandlers({
      context,
      agent,
      kick: () => engine?.kick(),
      dataDir: options.dataDir,
      door: options.door,
      downloads,
      sealKey: key,
      saveFile: options.saveFile,
      revealFile: options.revealFile,
      files: exportFiles,
      log,
      incomplete,
    }),
    ...dashboardHandlers({ context, agent }),
    ...syncHandlers({
      context,
      agent,
      engine: () => engine,
      status: syncStatus,
      centralUrl: () => centralUrl,
      keepCentralUrl: (url) => writer.setState('central_url', url ?? ''),
      // Another central API: the tokens were this one's, and never go to another host.
      useCentralUrl: (url) => {
        tokens.save(null);
        configure(url);
      },
      revoked: () => revocation.record() !== null,
      reenrol: auth.reenrol,
      sealKey: key,
      dismissScopeNotice: (agentId) => scopeNotices.dismiss(agentId),
    }),
    'app.info': () => ({
      version: options.version,
      door: options.door,
      persons: persons(incomplete()),
      pendingActions: repos.outbox.pendingCount(),
      dataDir: options.dataDir,
      replicaNotice: replicaSetAside
        ? replicaKeyMessages.setAside(path.basename(replicaSetAside.file))
        : null,
    }),
  };

  // A call still under way when the desk closed (a sync waiting on the network as the app
  // quits) can only fail on the closed replica, and no window waits for its answer: not logged.
  let closed = false;
  const handlerLog = (message: string, error?: unknown) => {
    if (!closed) log(message, error);
  };
  const staleWindow = (channel: string, asAgent: string | null | undefined) =>
    asAgent != null && !PUBLIC_CHANNELS.has(channel) && asAgent !== auth.deskHolder()
      ? failure('session_changed')
      : null;
  return {
    db,
    context,
    handlers,
    dispatch: (channel, input, asAgent) =>
      staleWindow(channel, asAgent) ??
      dispatch(handlers, channel, input, handlerLog, auth.signedIn, () => indexBuild),
    dispatchNow: (channel, input) => {
      const answer = dispatch(handlers, channel, input, handlerLog, auth.signedIn);
      if (answer instanceof Promise) throw new Error(`${channel} answers asynchronously here`);
      return answer;
    },
    sync: () => engine,
    selectionIdle: () => selection.service.idle(),
    download: (ticket) => downloads.take(ticket, auth.agentId()),
    close: () => {
      closed = true;
      searchDenials.flush();
      if (exportSweep) clearInterval(exportSweep);
      engine?.stop();
      bulk.bulk.stop();
      db.$client.close();
    },
  };
}

/** A lone surrogate would be stored as U+FFFD by SQLite and no longer match its audit hash. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasIllFormedText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((item) => hasIllFormedText(item, depth + 1));
}

function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

function failure(code: ErrorCode, message: string = errorMessages[code]): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** The one place a thrown error becomes what the agent reads. */
export function toFailure(error: unknown): Envelope<never> | null {
  if (error instanceof NotFoundError) {
    return failure('not_found', notFoundMessage(error.subject, error.kind));
  }
  if (error instanceof UnauthorizedError) return failure('unauthorized');
  if (error instanceof ForbiddenError) return failure('forbidden', deniedMessages[error.reason]);
  if (error instanceof StaleError) return failure('stale');
  if (error instanceof RuleError) {
    const message = ruleMessages[error.code]?.(error.params) ?? errorMessages.rule;
    return failure('rule', message);
  }
  return null;
}

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * Session → parse → run → envelope. Never throws: a handler's bug becomes `internal`, logged.
 * Synchronous handlers answer synchronously; those that reach the network answer a promise.
 */
export function dispatch(
  handlers: Handlers,
  channel: string,
  input: unknown,
  log: (message: string, error?: unknown) => void,
  signedIn: () => boolean = () => true,
  busyUntil: () => Promise<void> | null = () => null,
): Answer {
  if (!isChannel(channel)) return failure('unknown_channel');
  if (!PUBLIC_CHANNELS.has(channel) && !signedIn()) return failure('unauthorized');
  if (hasIllFormedText(input)) return failure('invalid_input');
  const parsed = contract[channel].input.safeParse(input ?? {});
  if (!parsed.success) return failure('invalid_input');
  const failed = (error: unknown): Answer => {
    // The replica was busy (the index worker writing it): the call's transaction was rolled
    // back; it runs again once the build is over.
    const busy = isBusy(error) ? busyUntil() : null;
    if (busy) {
      return busy.then(
        () => dispatch(handlers, channel, input, log, signedIn),
        () => dispatch(handlers, channel, input, log, signedIn),
      );
    }
    const known = toFailure(error);
    if (known) return known;
    log(`handler ${channel} failed`, error);
    return failure('internal');
  };
  try {
    const handler = handlers[channel] as (value: unknown) => unknown;
    const value = handler(parsed.data);
    if (value instanceof Promise) {
      return value.then((resolved): Envelope<unknown> => ({ ok: true, value: resolved }), failed);
    }
    return { ok: true, value };
  } catch (error) {
    return failed(error);
  }
}
