/**
 * The desktop's HTTP client for the central API (src/shared/sync-protocol.ts). Every answer is
 * parsed; every failure becomes a `CentralError` whose `kind` tells the sync engine what to do
 * (retry later, refresh the token, resync, stop).
 */
import os from 'node:os';
import type { z } from 'zod';
import {
  ErrorBody,
  Health,
  PullResponse,
  PushResponse,
  TokenResponse,
  type PushRequest,
  // Audit chain anchoring (issue 10).
  AnchorResponse,
  type AnchorRequest,
  // Device trust (issue 11): a supervisor's list of devices, and a revocation.
  DeviceListResponse,
  RevokeDeviceResponse,
  type RevokeDeviceRequest,
  SignOutResponse,
  // Scope follows assignments (issue 11): a supervisor's list of officers, and a change.
  OfficerListResponse,
  ScopeAssignmentResponse,
  type ScopeAssignment,
  DEVICE_NAME_MAX,
} from '../../shared/sync-protocol';
import type { DeviceProof } from './device-enrolment';

export type CentralErrorKind =
  /** No answer: offline, refused, timed out. Retry with backoff. */
  | 'network'
  /** 5xx or 429: retry after `retryAfterMs` (from Retry-After) or backoff. */
  | 'unavailable'
  /** Token expired or unknown: refresh, else sign in again. */
  | 'unauthorized'
  /** Wrong username or password at sign-in. */
  | 'invalid_credentials'
  /** The password was right, but the agent is disabled on the central API. */
  | 'agent_disabled'
  /** This client is too old: stop syncing, keep the queue. */
  | 'upgrade_required'
  /** The server was restored or the cursor is no longer valid: start the replica over. */
  | 'resync_required'
  /** Another device sent different actions under this device's identity. */
  | 'device_fork'
  /** An answer that is not what the protocol says. */
  | 'bad_response'
  // Issue 11: device trust and the sign-in rate limit.
  /** A supervisor revoked this device: wipe the replica, keep the unsent actions in a file. */
  | 'device_revoked'
  /** This device id is enrolled with another secret: enrol under a new identity. */
  | 'device_untrusted'
  /** Too many failed sign-ins: wait `retryAfterMs`. */
  | 'rate_limited';

export class CentralError extends Error {
  constructor(
    readonly kind: CentralErrorKind,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly minVersion: string | null = null,
    /** The server's error code (`forbidden`, `device_not_found`), when it gave one. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/**
 * The technical text of an error, cause included: `TypeError: fetch failed (ECONNREFUSED: …)`.
 * For support ("Detalle técnico"); the agent reads syncErrorMessages instead.
 */
export function errorText(error: unknown): string | null {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText =
      cause instanceof Error
        ? ` (${[(cause as Error & { code?: string }).code, cause.message].filter(Boolean).join(': ')})`
        : '';
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${causeText}`;
  }
  return error === undefined || error === null ? null : String(error);
}

export type CentralClientOptions = {
  baseUrl: string;
  deviceId: string;
  /** The device's own secret, proven on every call (issue 11, device-enrolment.ts). */
  deviceSecret: string;
  /**
   * The identity this device replaced, proven at sign-in until one succeeds (then `enrolled`):
   * the central lists both as the same computer (device-enrolment.ts).
   */
  formerDevice?: { proof: () => DeviceProof | null; enrolled: () => void };
  /** The computer's name, sent at sign-in for the supervisor's list (computerName). */
  deviceName?: string;
  clientVersion: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * This computer's name as the supervisor's list of devices shows it (its host name, cut to what
 * the protocol takes); none when the system gives none.
 */
export function computerName(hostname: string = os.hostname()): string | undefined {
  const name = hostname.trim().slice(0, DEVICE_NAME_MAX).trim();
  return name === '' ? undefined : name;
}

export function createCentralClient(options: CentralClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    init: { token?: string; body?: unknown; idempotent?: boolean; timeoutMs?: number } = {},
  ): Promise<z.infer<S>> {
    const send = () =>
      doFetch(`${base}${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'X-Device-Id': options.deviceId,
          'X-Device-Secret': options.deviceSecret,
          'X-Client-Version': options.clientVersion,
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(init.timeoutMs ?? timeoutMs),
      });
    // No answer: `timeout` when the request went out and nothing came back in time.
    const noAnswer = (error: unknown) =>
      new CentralError(
        'network',
        errorText(error) ?? 'network',
        null,
        null,
        error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : null,
      );
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // A kept-alive connection the server closed while this process was busy fails at once;
      // pull and push are safe to send again (the server answers a repeated push from storage).
      if (!init.idempotent || (error instanceof Error && error.name === 'TimeoutError')) {
        throw noAnswer(error);
      }
      try {
        response = await send();
      } catch (again) {
        throw noAnswer(again);
      }
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok) {
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        throw new CentralError('bad_response', 'El sistema central respondió algo inesperado.');
      }
      return parsed.data;
    }
    const error = ErrorBody.safeParse(body);
    const code = error.success ? error.data.error.code : '';
    // Technical: the agent reads syncErrorMessages; this is kept as "Detalle técnico".
    const message = `HTTP ${response.status}${code ? ` ${code}` : ''}${
      error.success ? `: ${error.data.error.message}` : ''
    }`;
    const retryAfter = Number(response.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : null;
    // Issue 11: device trust and the sign-in rate limit.
    if (response.status === 403 && code === 'device_revoked') {
      throw new CentralError('device_revoked', message);
    }
    if (response.status === 403 && code === 'agent_disabled') {
      throw new CentralError('agent_disabled', message);
    }
    if (response.status === 401 && code === 'device_untrusted') {
      throw new CentralError('device_untrusted', message);
    }
    if (response.status === 429 && code === 'too_many_attempts') {
      throw new CentralError('rate_limited', message, retryAfterMs);
    }
    switch (response.status) {
      case 401:
        throw new CentralError(
          path === '/auth/sign-in' ? 'invalid_credentials' : 'unauthorized',
          message,
        );
      case 409:
        if (code === 'device_fork') throw new CentralError('device_fork', message);
        break;
      case 410:
        throw new CentralError('resync_required', message);
      case 426:
        throw new CentralError(
          'upgrade_required',
          message,
          null,
          error.success ? (error.data.error.minVersion ?? null) : null,
        );
      case 429:
        throw new CentralError('unavailable', message, retryAfterMs);
    }
    if (response.status >= 500) throw new CentralError('unavailable', message, retryAfterMs);
    throw new CentralError('bad_response', message, null, null, code || null);
  }

  return {
    /** The reachability probe: no token, no body; a short timeout (no answer is the answer). */
    health: (timeoutMs?: number) => request('GET', '/health', Health, { timeoutMs }),
    signIn: async (username: string, password: string, nextMutationId = 1) => {
      const former = options.formerDevice?.proof() ?? null;
      const answer = await request('POST', '/auth/sign-in', TokenResponse, {
        body: {
          username,
          password,
          deviceId: options.deviceId,
          deviceSecret: options.deviceSecret,
          nextMutationId,
          ...(former ? { formerDevice: former } : {}),
          ...(options.deviceName ? { deviceName: options.deviceName } : {}),
        },
      });
      if (former) options.formerDevice?.enrolled();
      return answer;
    },
    refresh: (refreshToken: string) =>
      request('POST', '/auth/refresh', TokenResponse, { body: { refreshToken } }),
    // Issue 11: ending a session twice ends nothing more.
    signOut: (refreshToken: string) =>
      request('POST', '/auth/sign-out', SignOutResponse, {
        body: { refreshToken },
        idempotent: true,
        timeoutMs: 5000,
      }),
    // `answered`: the id below which this desk holds every answer (device-enrolment.ts).
    pull: (token: string, cursor: string, limit: number, answered?: number) =>
      request(
        'GET',
        `/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}${
          answered === undefined ? '' : `&answered=${answered}`
        }`,
        PullResponse,
        { token, idempotent: true },
      ),
    push: (token: string, body: PushRequest) =>
      request('POST', '/sync/push', PushResponse, { token, body, idempotent: true }),
    // Audit chain anchoring (issue 10): storing the same head twice changes nothing.
    anchor: (token: string, body: AnchorRequest) =>
      request('POST', '/sync/anchor', AnchorResponse, { token, body, idempotent: true }),
    // Device trust (issue 11): revoking twice keeps the first revocation; the same decision
    // (its decisionId) asked again gets its first answer.
    devices: (token: string) =>
      request('GET', '/admin/devices', DeviceListResponse, { token, idempotent: true }),
    officers: (token: string) =>
      request('GET', '/admin/officers', OfficerListResponse, { token, idempotent: true }),
    // Assigning a company an officer already has changes nothing (`changed: false`).
    assignScope: (token: string, body: ScopeAssignment) =>
      request('POST', '/admin/agent-scope', ScopeAssignmentResponse, {
        token,
        body,
        idempotent: true,
      }),
    revokeDevice: (token: string, body: RevokeDeviceRequest) =>
      request('POST', '/admin/devices/revoke', RevokeDeviceResponse, {
        token,
        body,
        idempotent: true,
      }),
  };
}

export type CentralClient = ReturnType<typeof createCentralClient>;
