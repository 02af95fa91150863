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
  type AgentSession,
  type Answer,
  type Channel,
  type ChannelOutput,
  type Contract,
  type Envelope,
  type ErrorCode,
  type SyncStatus,
} from '../shared/contract';
import {
  deniedMessages,
  errorMessages,
  notFoundMessages,
  replicaKeyMessages,
  ruleMessages,
  syncMessages,
} from '../shared/messages';
import { loginRut, rutFromBody } from '../shared/rut';
import { makeReplicaDurable, type Db } from '../storage/db/database';
import { buildIndexesInWorker, buildNextIndex } from '../storage/db/deferred-indexes';
import { openReplica, resolveReplicaKey, type ReplicaSetAside } from './db/open-replica';
import { defaultKeyStore, type ReplicaKeyStore } from './db/replica-key';
import { newWriteTurns, shareWriteLock } from './db/write-turns';
import { createDemoDatabase } from '../storage/seed/seed-database';
import { createRepositories, type ServiceContext, type Session } from './services/context';
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
import { signIn } from './services/sign-in';
import {
  DeviceUntrustedError,
  keepCentralSignIn,
  signInThroughCentral,
} from './services/central-sign-in';
import { endLockedSession, lockScreen, unlockScreen } from './services/screen-lock';
import { idleLockSeconds, unlockAttemptsLeft } from '../shared/idle-lock';
import { listSyncIssues } from './services/sync-issues';
import { centralAdminHandlers } from './handlers/central-admin-handlers';
import { CentralError, createCentralClient } from './sync/central-client';
import { createOwedSignOuts } from './sync/owed-sign-outs';
import { createReplicaWriter, PULLED_CHANGES } from './sync/replica-writer';
import { REPLICA_STATE_KEYS, replicaIncomplete, scopeKey } from './repositories/replica-state';
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
  dispatch: (channel: string, input: unknown) => Answer;
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
  /**
   * An agent signed in while the central API could not be reached: what they typed, in memory
   * only, until the central API answers and signs them in there too (`resumeOffline`). Gone at
   * sign-out, at the next sign-in, at revocation, when the lock screen ends the session, and
   * when the central API refuses it or stops the sync for good.
   */
  let offlineSignIn: { agentId: string; username: string; password: string } | null = null;
  // Issue 11: a sign-out the central did not hear (offline) is sent when it is next reached.
  const owedSignOuts = createOwedSignOuts(db.$client, log);
  const deliverOwedSignOuts = () => {
    const central = client;
    const url = centralUrl;
    // (A probe answered as the desk closes: its replica is gone, and with it what was owed.)
    if (central && url && db.$client.open && owedSignOuts.count() > 0) {
      void owedSignOuts.deliver(url, (refreshToken) => central.signOut(refreshToken));
    }
  };
  /**
   * Signing out, or another agent signing in at a shared desk, ends the session on the central
   * API too (issue 11): its tokens stop working there and a supervisor's list of devices stops
   * showing it. Only once the sync cycle under way has been answered: a push already sent with
   * those tokens still lands. Never waited for: offline (no answer, or a server asking for
   * patience), the sign-out is owed and sent when the central API is next reached
   * (owed-sign-outs.ts).
   */
  const endCentralSession = () => {
    const held = tokens.load();
    tokens.save(null);
    if (!held || !client) return;
    const central = client;
    const issuer = centralUrl;
    void (engine?.settled() ?? Promise.resolve())
      .then(() => central.signOut(held.refreshToken))
      .catch((error: unknown) => {
        // The desk closing meanwhile: its replica with it, nothing more to keep.
        if (!db.$client.open) return;
        if (error instanceof CentralError && ['network', 'unavailable'].includes(error.kind)) {
          try {
            if (issuer) owedSignOuts.owe(issuer, held.refreshToken);
          } catch (failure) {
            log('a sign-out the central API did not hear could not be kept', failure);
          }
        }
      });
  };
  const onRevoked = () => {
    revocation.revoke(context.deviceId);
    session = null;
    offlineSignIn = null;
    endLocked('sign_out');
    tokens.save(null);
  };
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
      onScopeChanged: (agentId, companyRuts) => {
        db.$client
          .prepare('UPDATE agents SET company_ruts = ? WHERE id = ?')
          .run(JSON.stringify(companyRuts), agentId);
        if (session?.agentId === agentId) session = { ...session, companyRuts };
        if (lockedSession?.agentId === agentId) lockedSession = { ...lockedSession, companyRuts };
      },
      onRevoked,
      offlineSession: { agentId: () => offlineSignIn?.agentId ?? null, resume: resumeOffline },
      ...options.syncOptions,
      // Back in reach: the sign-outs it did not hear go first (owed-sign-outs.ts).
      onProbe: (answered) => {
        if (answered) deliverOwedSignOuts();
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
  // The header's person count rides on every status poll: kept by triggers, read in one row.
  const persons = (): number => repos.records.count();
  const syncStatus = (): SyncStatus => {
    const base = {
      configured: engine !== null,
      centralUrl,
      deviceId: context.deviceId,
      replicaIncomplete: incomplete(),
      persons: persons(),
      personsMoved: repos.records.moved(),
      pulledChanges: Number(writer.state(PULLED_CHANGES) ?? 0),
      revocation: revocation.record(),
    };
    // A revoked device says so until it is enrolled again, across restarts (issue 11).
    if (engine) {
      return {
        ...base,
        ...engine.status(),
        ...(base.revocation ? { state: 'revoked' as const } : {}),
      };
    }
    const issues = listSyncIssues(context);
    return {
      ...base,
      state: 'not_configured',
      online: false,
      pending: repos.outbox.pendingCount(),
      waitingForOtherAgent: 0,
      conflicts: issues.filter((issue) => issue.state === 'conflict').length,
      rejected: issues.filter((issue) => issue.state === 'rejected').length,
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

  let session: Session | null = null;
  // The screen lock (issue 9): a locked session is set aside, so every check above and below
  // treats the desk as signed out until the same agent's password brings it back.
  let lockedSession: Session | null = null;
  let lockReason: 'idle' | 'manual' | 'system' = 'idle';
  let unlockFailures = 0;
  const lockPolicySeconds =
    options.idleLockSeconds ??
    idleLockSeconds({ envSeconds: process.env['MESA_IDLE_LOCK_SECONDS'] });
  const lockState = () => ({
    idleSeconds: lockPolicySeconds,
    locked: lockedSession
      ? {
          username: lockedSession.username,
          displayName: lockedSession.displayName,
          reason: lockReason,
        }
      : null,
  });
  /** A new sign-in or a sign-out ends whatever session was locked. */
  const endLocked = (cause: 'sign_in' | 'attempts' | 'sign_out') => {
    if (lockedSession) endLockedSession(context, lockedSession, cause);
    lockedSession = null;
    unlockFailures = 0;
  };
  const agent = (): Session => {
    if (!session) throw new UnauthorizedError();
    return session;
  };
  const toSession = (s: Session): AgentSession => ({
    agentId: s.agentId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    companyRuts: s.companyRuts.map((rut) => loginRut(rutFromBody(rut))),
    signedInOffline: offlineSignIn?.agentId === s.agentId,
  });
  // Acting on a selection of people (issue 8, item 2).
  const selection = selectionHandlers({
    context,
    agent,
    kick: () => engine?.kick(),
    signedIn: (agentId) => session?.agentId === agentId,
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
      replicaIncomplete: incomplete,
      files: exportFiles,
      log,
    }),
    ...dashboardHandlers({ context, agent }),
    ...syncHandlers({
      context,
      agent,
      engine: () => engine,
      status: syncStatus,
      centralUrl: () => centralUrl,
      keepCentralUrl: (url) => writer.setState('central_url', url ?? ''),
      useCentralUrl: configure,
      revoked: () => revocation.record() !== null,
      reenrol,
      sealKey: key,
    }),
    'app.info': () => ({
      version: options.version,
      door: options.door,
      persons: persons(),
      pendingActions: repos.outbox.pendingCount(),
      dataDir: options.dataDir,
      replicaNotice: replicaSetAside
        ? replicaKeyMessages.setAside(path.basename(replicaSetAside.file))
        : null,
    }),
    'auth.signIn': (input) => {
      // Whoever was signed in is not any more, whether or not this attempt succeeds: neither
      // on this desk nor in its sync with the central API.
      session = null;
      offlineSignIn = null;
      endLocked('sign_in');
      endCentralSession();
      if (!client) {
        session = signIn(context, input.username, input.password);
        return toSession(session);
      }
      // Issue 11: a revoked device signs nobody in; a device whose id the central knows with
      // another secret (lost keychain, copied folder) takes a new identity and tries once more.
      if (revocation.record()) throw new RuleError('device_revoked');
      const device = { nextMutationId: () => enrolment.nextMutationId(), onRevoked };
      const attempt = () =>
        signInThroughCentral(
          context,
          client!,
          tokens,
          input.username,
          input.password,
          undefined,
          device,
        );
      return attempt()
        .catch((error: unknown) => {
          if (!(error instanceof DeviceUntrustedError)) throw error;
          reenrol();
          return attempt().catch((again: unknown) => {
            throw again instanceof DeviceUntrustedError ? new RuleError('sign_in_failed') : again;
          });
        })
        .then((signedIn) => {
          session = signedIn;
          // Signed in on the central API: what it did not hear of earlier sign-outs goes now.
          if (tokens.load()) deliverOwedSignOuts();
          // Signed in here only, the central API out of reach: in there as soon as it answers.
          if (!tokens.load()) {
            offlineSignIn = {
              agentId: signedIn.agentId,
              username: input.username,
              password: input.password,
            };
          }
          // Until a pull for this agent's scope completes, the replica may lack their rows.
          writer.setState(REPLICA_STATE_KEYS.wantedScope, scopeKey(signedIn));
          engine?.kick();
          return toSession(signedIn);
        });
    },
    'auth.signOut': () => {
      session = null;
      offlineSignIn = null;
      endLocked('sign_out');
      // The agent's pending actions stay queued until they sign in again.
      endCentralSession();
      return {};
    },
    'auth.session': () => (session ? toSession(session) : null),
    'auth.lock': (input) => {
      const current = agent();
      lockScreen(context, current, input.reason);
      lockedSession = current;
      lockReason = input.reason;
      session = null;
      unlockFailures = 0;
      return lockState();
    },
    'auth.unlock': (input) => {
      const locked = lockedSession;
      if (!locked) throw new RuleError('screen_not_locked');
      try {
        session = unlockScreen(
          context,
          locked,
          input.password,
          unlockAttemptsLeft(unlockFailures + 1),
        );
      } catch (error) {
        unlockFailures += 1;
        if (unlockAttemptsLeft(unlockFailures) === 0) {
          endLocked('attempts');
          endCentralSession();
          // Ended for security: nobody is signed in on the central API with what was typed.
          offlineSignIn = null;
        }
        throw error;
      }
      lockedSession = null;
      unlockFailures = 0;
      return toSession(session);
    },
    'auth.lockState': () => lockState(),
  };

  /**
   * The central API answers again after an offline sign-in: the agent is signed in there with
   * what they typed, and their session (scope included) follows the central's answer. A refusal
   * (the password changed there, the agent was disabled) forgets what was typed: the sync waits
   * for the agent to sign in again, which the sync status says. False when that agent is no
   * longer the one signed in.
   */
  async function resumeOffline(): Promise<boolean> {
    const held = offlineSignIn;
    const asked = client;
    if (!held || !asked) return false;
    const refused = (kind: string) => {
      offlineSignIn = null;
      if (kind === 'device_revoked') onRevoked();
    };
    let answer: Awaited<ReturnType<NonNullable<typeof client>['signIn']>>;
    try {
      answer = await asked.signIn(
        held.username.trim().toLowerCase(),
        held.password,
        enrolment.nextMutationId(),
      );
    } catch (error) {
      if (offlineSignIn !== held || client !== asked) return false;
      // The sync stops for good on these: what was typed is not kept for it.
      if (
        error instanceof CentralError &&
        ['upgrade_required', 'device_fork'].includes(error.kind)
      ) {
        offlineSignIn = null;
        throw error;
      }
      if (
        error instanceof CentralError &&
        ['invalid_credentials', 'device_untrusted', 'device_revoked'].includes(error.kind)
      ) {
        refused(error.kind);
        throw error.kind === 'device_revoked'
          ? error
          : new CentralError('unauthorized', syncMessages.keptSignInRefused);
      }
      throw error;
    }
    // Someone else signed in or out meanwhile, or the desk now syncs with another central API.
    if (offlineSignIn !== held || client !== asked) return false;
    if (answer.agent.agentId !== held.agentId) {
      refused('invalid_credentials');
      throw new CentralError('unauthorized', syncMessages.keptSignInOtherAgent);
    }
    offlineSignIn = null;
    const fresh = keepCentralSignIn(context, tokens, answer, held.password);
    deliverOwedSignOuts();
    if (session?.agentId === fresh.agentId) session = fresh;
    if (lockedSession?.agentId === fresh.agentId) lockedSession = fresh;
    writer.setState(REPLICA_STATE_KEYS.wantedScope, scopeKey(fresh));
    return true;
  }

  /** New id and secret, fresh snapshot, queue kept; every session ends (issue 11). */
  function reenrol(): void {
    context.deviceId = enrolment.reenrol();
    revocation.clear();
    session = null;
    offlineSignIn = null;
    endLocked('sign_out');
    tokens.save(null);
    configure(centralUrl);
  }

  // A call still under way when the desk closed (a sync waiting on the network as the app
  // quits) can only fail on the closed replica, and no window waits for its answer: not logged.
  let closed = false;
  const handlerLog = (message: string, error?: unknown) => {
    if (!closed) log(message, error);
  };
  return {
    db,
    context,
    handlers,
    dispatch: (channel, input) =>
      dispatch(
        handlers,
        channel,
        input,
        handlerLog,
        () => session !== null,
        () => indexBuild,
      ),
    dispatchNow: (channel, input) => {
      const answer = dispatch(handlers, channel, input, handlerLog, () => session !== null);
      if (answer instanceof Promise) throw new Error(`${channel} answers asynchronously here`);
      return answer;
    },
    sync: () => engine,
    selectionIdle: () => selection.service.idle(),
    download: (ticket) => downloads.take(ticket, session?.agentId ?? null),
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
  if (error instanceof NotFoundError) return failure('not_found', notFoundMessages[error.subject]);
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
