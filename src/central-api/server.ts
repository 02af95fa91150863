/**
 * The reference central API: the system of record desktops and field laptops sync with.
 * A small node:http server on 127.0.0.1 that dispatches on the route table of routes.ts (the
 * same table the OpenAPI document is built from). Every body is parsed with the wire protocol's
 * zod schemas (sync-protocol.ts); what a pushed action does is decided by the shared rules
 * (src/intents/apply-intent.ts) in server mode, never re-implemented here.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Db } from '../storage/db/database';
import {
  AgreementSigned,
  type AgreementSignedResponse,
  RefreshRequest,
  SignInRequest,
  PushRequest,
  Health,
  RevokeDeviceRequest,
  RevokeDeviceResponse,
  DeviceListResponse,
  SignOutResponse,
  OfficerListResponse,
  ScopeAssignment,
  ScopeAssignmentResponse,
  type PullResponse,
  type PushResponse,
  type TokenResponse,
  // Audit chain anchoring (issue 10).
  AnchorRequest,
  type AnchorResponse,
} from '../shared/sync-protocol';
import { createCompanyWriteRepository } from '../intents/company-write-repository';
import { companyProfileAssigned } from '../shared/rules/company-access';
import { createAuth, type Authenticated } from './auth';
import { createChangeLog } from './change-log';
import { compareVersions, parseVersion } from '../shared/version';
import { startCheckpointer } from './checkpointer';
import { DEFAULT_DEMO_PERSONS, openCentralDatabase } from './database';
import { createMailSender } from './mail-sender';
import { centralErrorMessages, type CentralErrorCode } from '../shared/messages';
import { createPull } from './pull';
import { createPush } from './push';
import { createScopeAdmin } from './scope';
import { createAdminDecisions } from './admin-decisions';
import { createDeviceTrust } from './device-trust';
import { createSignInLimiter, type LimitPolicy } from './sign-in-limit';
import {
  createChangeLogPruner,
  DEFAULT_RETENTION,
  type RetentionPolicy,
} from './change-log-pruning';
import { cursorPosition } from './pull';
import { createResultsPruner } from './results-pruning';
import { buildOpenApi, PullQuery, ROUTES, type OperationId, type RouteSpec } from './routes';
import { logError } from '../storage/log';
import { createAnchors } from './anchors';

export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_ACCESS_TTL_MS = 15 * 60_000;
export const DEFAULT_REFRESH_TTL_MS = 72 * 60 * 60_000;
export const DEFAULT_MIN_CLIENT_VERSION = '0.1.0';

export type CentralApiOptions = {
  /** Folder of `central.db` (created, and seeded with demo data, when new). */
  dataDir: string;
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port: number;
  /** Demo persons for a brand-new data folder (default 20,000; 0 for an empty database). */
  demoPersons?: number;
  /** The server's clock (tests pass a fake one). */
  now?: () => Date;
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** Oldest `X-Client-Version` accepted; older ones get 426. */
  minClientVersion?: string;
  /** SMTP relay for mails; without it mails are written as .eml files under `<dataDir>/mail-sink/`. */
  mail?: { host: string; port: number };
  /** Give the dataset a new epoch (after restoring a backup): every device resyncs. */
  resetEpoch?: boolean;
  /** The key the portals present to report events (an agreement signed); none: route off. */
  portalKey?: string;
  log?: (message: string, error?: unknown) => void;
  // Issue 11: device trust, sign-in rate limit, refresh grace, change-log pruning.
  /** How long the refresh token spent by the latest rotation is still accepted, once. */
  refreshGraceMs?: number;
  signInLimits?: { perUser?: LimitPolicy; perDevice?: LimitPolicy };
  retention?: Partial<RetentionPolicy>;
  /** How often the change log and the stored answers are pruned (0: only when asked). */
  pruneEveryMs?: number;
  /** How long a stored answer stays after its desk said it holds it (results-pruning.ts). */
  resultsKeptMs?: number;
  /** Fault injection for crash tests: runs after each action of a push batch is processed. */
  onMutationProcessed?: (index: number) => void;
};

export const DEFAULT_REFRESH_GRACE_MS = 10 * 60_000;
export const DEFAULT_PRUNE_EVERY_MS = 10 * 60_000;

export type CentralApi = {
  url: string;
  port: number;
  epoch: string;
  db: Db;
  close: () => Promise<void>;
  /** Prunes the change log now (it also runs every `pruneEveryMs`). */
  pruneChangeLog: () => { pruned: number; floor: number };
  /** Prunes the stored answers no desk will ask for again (also every `pruneEveryMs`). */
  pruneResults: () => number;
};

type Request = {
  who: Authenticated | null;
  /** X-Device-Id and X-Device-Secret as sent (issue 11). */
  device: { deviceId: string; secret: string | undefined };
  body: unknown;
  query: z.output<typeof PullQuery> | null;
};

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

type Handler = (request: Request) => Reply | Promise<Reply>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: CentralErrorCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

const errorBody = (
  code: CentralErrorCode,
  detail?: string,
  extra: Record<string, unknown> = {},
) => ({
  error: {
    code,
    message: detail ? `${centralErrorMessages[code]} ${detail}` : centralErrorMessages[code],
    ...extra,
  },
});

const UUID = z.string().uuid();

export async function startCentralApi(options: CentralApiOptions): Promise<CentralApi> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? logError;
  const minClientVersion = options.minClientVersion ?? DEFAULT_MIN_CLIENT_VERSION;
  if (!parseVersion(minClientVersion)) {
    throw new Error(`Versión mínima inválida: ${minClientVersion}`);
  }

  const { db, epoch, file } = openCentralDatabase({
    dataDir: options.dataDir,
    demoPersons: options.demoPersons ?? DEFAULT_DEMO_PERSONS,
    now: now(),
    resetEpoch: options.resetEpoch ?? false,
  });
  const sqlite = db.$client;
  const checkpointer = startCheckpointer(sqlite, { file, log });
  const changeLog = createChangeLog(sqlite, now);
  const devices = createDeviceTrust(sqlite, now);
  const pruner = createChangeLogPruner(sqlite, now, {
    ...DEFAULT_RETENTION,
    ...options.retention,
  });
  const results = createResultsPruner(sqlite, now, options.resultsKeptMs);
  const auth = createAuth(sqlite, {
    now,
    accessTtlMs: options.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS,
    refreshTtlMs: options.refreshTtlMs ?? DEFAULT_REFRESH_TTL_MS,
    devices,
    limiter: createSignInLimiter({ now, ...options.signInLimits }),
    refreshGraceMs: options.refreshGraceMs ?? DEFAULT_REFRESH_GRACE_MS,
  });
  const mailSender = createMailSender({
    sqlite,
    changeLog,
    now,
    dataDir: options.dataDir,
    epoch,
    smtp: options.mail,
    log,
  });
  const push = createPush({
    sqlite,
    auth,
    changeLog,
    now,
    epoch,
    log,
    onMailsQueued: () => mailSender.kick(),
    onMutationProcessed: options.onMutationProcessed,
    answered: (deviceId, through) => results.answered(deviceId, through),
  });
  const pull = createPull({ sqlite, changeLog, epoch });
  const companies = createCompanyWriteRepository(sqlite, { bumpVersions: true });
  const requestIds = sqlite.prepare(
    `SELECT id FROM access_requests WHERE person_rut = ? AND company_rut = ? AND state = 'approved'`,
  );
  /**
   * Rule 12: the signature assigns the company profile; logged for every desk to pull. An access
   * paused or disabled (rules 11, 13) keeps the signature and stays so: the profile is assigned
   * when the company gives the access back (companyProfileAssigned), which the answer says — no
   * mail of ours invites that signature meanwhile (shared/rules/access.ts awaitsSignature).
   */
  const signAgreement = sqlite.transaction(
    (
      personRut: number,
      companyRut: number,
      at: string,
    ): { signed: true; assigned: boolean } | 'already' | 'not_found' => {
      const membership = companies.membership(personRut, companyRut);
      if (!membership || membership.role === 'worker' || membership.state === 'removed') {
        return 'not_found';
      }
      if (membership.agreementSigned) return 'already';
      const { verifiedLogin } = companies.signAgreement(personRut, companyRut, at);
      changeLog.record('membership', membership.id);
      if (verifiedLogin !== null) changeLog.record('account', verifiedLogin);
      for (const { id } of requestIds.all(personRut, companyRut) as Array<{ id: number }>) {
        changeLog.record('access_request', id);
      }
      return {
        signed: true,
        assigned: companyProfileAssigned({ ...membership, agreementSigned: true }),
      };
    },
  );
  const openApi = buildOpenApi({ minClientVersion });
  // Scope follows assignments (issue 11).
  const scopeAdmin = createScopeAdmin(sqlite, now);
  // A supervisor's decision asked again (its answer lost) gets its first answer.
  const decisions = createAdminDecisions(sqlite, now);
  // Audit chain anchoring (issue 10).
  const anchors = createAnchors(sqlite, now);

  const handlers: Record<OperationId, Handler> = {
    signIn: ({ body }) => {
      const input = body as z.output<typeof SignInRequest>;
      // A client that has no device secret predates device trust: it must update.
      if (input.deviceSecret === undefined) {
        throw new HttpError(426, 'upgrade_required', undefined, { minVersion: minClientVersion });
      }
      const outcome = auth.signIn(input.username, input.password, {
        deviceId: input.deviceId,
        secret: input.deviceSecret,
        nextMutationId: input.nextMutationId ?? 1,
        ...(input.formerDevice ? { former: input.formerDevice } : {}),
        ...(input.deviceName ? { name: input.deviceName } : {}),
      });
      switch (outcome.kind) {
        case 'ok':
          return { status: 200, body: outcome.tokens satisfies TokenResponse };
        case 'rate_limited':
          return {
            status: 429,
            headers: { 'Retry-After': String(Math.ceil(outcome.retryAfterMs / 1000)) },
            body: errorBody('too_many_attempts'),
          };
        case 'device_revoked':
          devices.told(input.deviceId);
          throw new HttpError(403, 'device_revoked');
        case 'device_untrusted':
          throw new HttpError(401, 'device_untrusted');
        case 'agent_disabled':
          throw new HttpError(403, 'agent_disabled');
        default:
          throw new HttpError(401, 'invalid_credentials');
      }
    },
    refresh: ({ body, device }) => {
      const outcome = auth.refresh((body as z.output<typeof RefreshRequest>).refreshToken, device);
      if (outcome.kind === 'device_revoked') {
        devices.told(device.deviceId);
        throw new HttpError(403, 'device_revoked');
      }
      if (outcome.kind !== 'ok') throw new HttpError(401, 'invalid_token');
      return { status: 200, body: outcome.tokens satisfies TokenResponse };
    },
    signOut: ({ body, device }) => ({
      status: 200,
      body: {
        signedOut: auth.signOut((body as z.output<typeof RefreshRequest>).refreshToken, device),
      } satisfies z.output<typeof SignOutResponse>,
    }),
    pull: ({ who, query }) => {
      // Issue 11: the cursor sent back is what the device has; behind the pruned floor, it has
      // missed changes the log no longer holds.
      const position = cursorPosition(query!.cursor);
      if (position !== null) {
        if (position < pruner.floor()) throw new HttpError(410, 'log_pruned');
        devices.acknowledge(who!.deviceId, position);
      }
      if (query!.answered !== undefined) results.answered(who!.deviceId, query!.answered);
      const outcome = pull.pull(who!.agent, query!.cursor, query!.limit);
      if (outcome.kind === 'invalid_cursor') {
        throw new HttpError(400, 'invalid_request', 'El cursor no es válido.');
      }
      if (outcome.kind === 'resync_required') throw new HttpError(410, 'resync_required');
      const body: PullResponse = {
        ...outcome.response,
        lastProcessed: push.lastProcessed(who!.deviceId),
        // Issue 11: per agent's lane on this device.
        lanes: push.lanes(who!.deviceId),
      };
      return { status: 200, body };
    },
    push: async ({ who, body }) => {
      const input = body as z.output<typeof PushRequest>;
      if (input.deviceId !== who!.deviceId) {
        throw new HttpError(400, 'invalid_request', 'deviceId no coincide con X-Device-Id.');
      }
      if (Number.isNaN(Date.parse(input.sentAt))) {
        throw new HttpError(400, 'invalid_request', 'sentAt no es una fecha ISO válida.');
      }
      const outcome = await push.push(who!, input);
      if (outcome.kind === 'device_fork') {
        throw new HttpError(409, 'device_fork', `(mutación ${outcome.mutationId})`);
      }
      if (outcome.kind === 'unavailable') {
        return {
          status: 503,
          headers: { 'Retry-After': '1' },
          body: errorBody('unavailable'),
        };
      }
      return { status: 200, body: outcome.response satisfies PushResponse };
    },
    agreementSigned: ({ body }) => {
      const { personRut, companyRut } = body as z.output<typeof AgreementSigned>;
      const at = now().toISOString();
      const outcome = signAgreement(personRut, companyRut, at);
      if (outcome === 'not_found') throw new HttpError(404, 'agreement_not_found');
      if (outcome === 'already') throw new HttpError(409, 'agreement_already_signed');
      return {
        status: 200,
        body: { signed: true, at, assigned: outcome.assigned } satisfies AgreementSignedResponse,
      };
    },
    // Scope follows assignments (issue 11).
    assignScope: ({ who, body }) => {
      if (who!.agent.role !== 'supervisor') throw new HttpError(403, 'forbidden');
      const { decisionId, ...input } = body as z.output<typeof ScopeAssignment>;
      // The same decision is the same officer, company and direction, whatever its reason says.
      const target = { username: input.username, companyRut: input.companyRut, to: input.assigned };
      const answer = decisions.once(decisionId, who!.agent.agentId, target, () => {
        const outcome = scopeAdmin.change(input, who!.agent.agentId);
        if (outcome.kind === 'agent_not_found') throw new HttpError(404, 'agent_not_found');
        if (outcome.kind === 'company_not_found') throw new HttpError(404, 'company_not_found');
        if (outcome.kind === 'not_prevention') throw new HttpError(409, 'agent_not_prevention');
        return {
          username: input.username,
          displayName: outcome.displayName,
          companyRuts: outcome.companyRuts,
          changed: outcome.changed,
        } satisfies z.input<typeof ScopeAssignmentResponse>;
      });
      return { status: 200, body: answer };
    },
    listOfficers: ({ who }) => {
      if (who!.agent.role !== 'supervisor') throw new HttpError(403, 'forbidden');
      return {
        status: 200,
        body: { officers: scopeAdmin.officers() } satisfies z.output<typeof OfficerListResponse>,
      };
    },
    listDevices: ({ who }) => {
      if (who!.agent.role !== 'supervisor') throw new HttpError(403, 'forbidden');
      return {
        status: 200,
        body: { devices: devices.summaries() } satisfies z.output<typeof DeviceListResponse>,
      };
    },
    revokeDevice: ({ who, body }) => {
      if (who!.agent.role !== 'supervisor') throw new HttpError(403, 'forbidden');
      const { decisionId, ...input } = body as z.output<typeof RevokeDeviceRequest>;
      // The same decision is the same device, whatever its reason says.
      const target = { deviceId: input.deviceId };
      const answer = decisions.once(decisionId, who!.agent.agentId, target, () => {
        const revoked = devices.revoke(input.deviceId, who!.agent.username, input.reason ?? null);
        if (!revoked) throw new HttpError(404, 'device_not_found');
        if (revoked.changed) log(`device ${input.deviceId} revoked by ${who!.agent.username}`);
        return {
          deviceId: revoked.deviceId,
          revokedAt: revoked.revokedAt!,
          revokedBy: revoked.revokedBy!,
          changed: revoked.changed,
        } satisfies z.input<typeof RevokeDeviceResponse>;
      });
      return { status: 200, body: answer };
    },
    // --- Audit chain anchoring (issue 10) ---
    anchor: ({ who, body }) => {
      const input = body as z.output<typeof AnchorRequest>;
      if (input.deviceId !== who!.deviceId) {
        throw new HttpError(400, 'invalid_request', 'deviceId no coincide con X-Device-Id.');
      }
      const answer = anchors.anchor(who!.deviceId, who!.agent.agentId, input.head);
      return { status: 200, body: answer satisfies AnchorResponse };
    },
    health: () => ({ status: 200, body: { ok: true, epoch } satisfies z.output<typeof Health> }),
    openapi: () => ({ status: 200, body: openApi }),
  };

  const bodySchemas = {
    SignInRequest,
    RefreshRequest,
    PushRequest,
    AgreementSigned,
    ScopeAssignment,
    RevokeDeviceRequest,
    // Audit chain anchoring (issue 10).
    AnchorRequest,
  } as const;

  async function handle(request: http.IncomingMessage): Promise<Reply> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const routes = ROUTES as readonly RouteSpec[];
    const route = routes.find((r) => r.path === url.pathname && r.method === request.method);
    if (!route) {
      const allowed = routes.filter((r) => r.path === url.pathname).map((r) => r.method);
      if (allowed.length > 0) {
        return {
          status: 405,
          headers: { Allow: allowed.join(', ') },
          body: errorBody('method_not_allowed'),
        };
      }
      return { status: 404, body: errorBody('not_found') };
    }

    // Authenticated routes require the client's version; sign-in and refresh check it when
    // sent, so an old client learns it must update before it holds a session.
    const version = route.auth || route.body ? header(request, 'x-client-version') : undefined;
    if (route.auth && version === undefined) {
      throw new HttpError(400, 'invalid_request', 'Falta el encabezado X-Client-Version.');
    }
    if (version !== undefined) {
      const order = compareVersions(version, minClientVersion);
      if (order === null) {
        throw new HttpError(400, 'invalid_request', 'X-Client-Version no es una versión semver.');
      }
      if (order < 0) {
        throw new HttpError(426, 'upgrade_required', undefined, { minVersion: minClientVersion });
      }
    }

    if (route.portalKey) {
      if (!options.portalKey) return { status: 404, body: errorBody('not_found') };
      const given = Buffer.from(header(request, 'authorization') ?? '');
      const expected = Buffer.from(`Bearer ${options.portalKey}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new HttpError(401, 'unauthorized');
      }
    }

    const device = {
      deviceId: header(request, 'x-device-id') ?? '',
      secret: header(request, 'x-device-secret'),
    };
    let who: Authenticated | null = null;
    if (route.auth) {
      // Issue 11: the device proves its secret before its token counts; a revoked one is told.
      const trust = devices.check(device.deviceId, device.secret);
      if (trust === 'revoked') {
        devices.told(device.deviceId);
        throw new HttpError(403, 'device_revoked');
      }
      const authorization = header(request, 'authorization') ?? '';
      const token = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization)?.[1];
      who = token ? auth.authenticate(token) : null;
      if (!who) throw new HttpError(401, 'unauthorized');
      const deviceId = header(request, 'x-device-id');
      if (!UUID.safeParse(deviceId).success) {
        throw new HttpError(400, 'invalid_request', 'Falta X-Device-Id o no es un UUID.');
      }
      // A token belongs to the device it was issued to, and that device proves its secret.
      if (deviceId !== who.deviceId || trust !== 'trusted') {
        throw new HttpError(401, 'unauthorized');
      }
    }

    let body: unknown = null;
    if (route.body) {
      const type = header(request, 'content-type') ?? '';
      if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type');
      const raw = await readBody(request);
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new HttpError(400, 'invalid_request', 'El cuerpo no es JSON válido.');
      }
      const parsed = bodySchemas[route.body as keyof typeof bodySchemas].safeParse(json);
      if (!parsed.success) throw new HttpError(400, 'invalid_request', describe(parsed.error));
      body = parsed.data;
    }

    let query: z.output<typeof PullQuery> | null = null;
    if (route.query) {
      const parsed = route.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) throw new HttpError(400, 'invalid_request', describe(parsed.error));
      query = parsed.data;
    }

    return handlers[route.operationId as OperationId]({ who, device, body, query });
  }

  const server = http.createServer((request, response) => {
    handle(request)
      .catch((error: unknown): Reply => {
        if (error instanceof HttpError) {
          return { status: error.status, body: errorBody(error.code, error.detail, error.extra) };
        }
        log(`unhandled error in ${request.method} ${request.url}`, error);
        return { status: 500, body: errorBody('internal') };
      })
      .then((reply) => send(response, reply));
  });
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  }).catch(async (error: unknown) => {
    await mailSender.close();
    await checkpointer.close();
    sqlite.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const pruneChangeLog = () => pruner.prune();
  const pruneEveryMs = options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS;
  const pruneTimer =
    pruneEveryMs > 0
      ? setInterval(() => {
          try {
            pruneChangeLog();
          } catch (error) {
            log('the change log could not be pruned', error);
          }
          try {
            results.prune();
          } catch (error) {
            log('the stored answers could not be pruned', error);
          }
        }, pruneEveryMs)
      : null;
  pruneTimer?.unref();

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    epoch,
    db,
    pruneChangeLog,
    pruneResults: () => results.prune(),
    close: () =>
      (closing ??= (async () => {
        if (pruneTimer) clearInterval(pruneTimer);
        // Stop accepting, let batches in progress finish their current transactions, then cut
        // idle keep-alive connections.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await push.drain();
        server.closeAllConnections();
        await closed;
        await mailSender.close();
        await checkpointer.close();
        sqlite.close();
      })()),
  };
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Field paths of a zod error, without values or stack: enough to fix the client. */
function describe(error: z.ZodError): string {
  const paths = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(raíz)'))];
  return `Revise: ${paths.slice(0, 10).join(', ')}.`;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      request.resume();
      reject(new HttpError(413, 'payload_too_large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(new HttpError(413, 'payload_too_large'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

function send(response: http.ServerResponse, reply: Reply): void {
  if (response.headersSent || response.destroyed) return;
  // Encoded once: given a string, Node would measure its UTF-8 length for the header and then
  // encode it, two passes over a pull page of several megabytes.
  const body = Buffer.from(JSON.stringify(reply.body), 'utf8');
  response.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // A body too large is refused before it is read: that connection is not reused.
    ...(reply.status === 413 ? { Connection: 'close' } : {}),
    ...reply.headers,
  });
  response.end(body);
}
