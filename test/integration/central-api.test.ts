/**
 * The central API over real HTTP on 127.0.0.1: real SQLite files in temporary folders, a fake
 * clock, and a real SMTP receiver on loopback. Each test names the guarantee it checks
 * (shared/research/sync.md, section 5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanes } from '../../src/central-api/lanes';
import { centralMigrationsFolder, openCentralDatabase } from '../../src/central-api/database';
import { mailCompanies } from '../../src/central-api/mail-sender';
import { ROUTES } from '../../src/central-api/routes';
import { startCentralApi, type CentralApi } from '../../src/central-api/server';
import {
  ENTITIES,
  ENTITY_TABLES,
  ErrorBody,
  PullResponse,
  PushResponse,
  TokenResponse,
  type Change,
  type Entity,
  type Mutation,
} from '../../src/shared/sync-protocol';

const START = new Date('2026-11-21T15:00:00.000Z');
const PERSONS = 300;
const VERSION = '0.1.0';

// Cast persons (src/storage/seed/cast.ts).
const PEDRO = 12_345_678; // locked, achs_gestion active, Constructora Los Andes
const CAMILA = 16_789_012; // achs_gestion active, Los Andes
const JUAN = 15_234_567; // achs_gestion active, dismissed
const RICARDO = 12_131_415; // achs_gestion active, access administrator of Los Andes
const ROSA = 6_543_210; // pensioner on Portal Héroes, no company: outside any officer's scope
const ANDES = 76_543_210;
const ARAUCANIA = 96_512_340;
const PASSWORDS = { agente: 'agente600', supervisora: 'super600', prevencion: 'preven600' };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-test-'));
  cleanups.unshift(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type Received = { to: string[]; raw: string };

async function startSmtp(
  options: { rejectRecipients?: boolean } = {},
): Promise<{ port: number; messages: Received[] }> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.rejectRecipients) return callback();
      // What real mail servers answer: the refused address, in full, in the reply.
      const refusal = new Error(`<${address.address}>: Recipient address rejected: busy`);
      (refusal as Error & { responseCode: number }).responseCode = 450;
      callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp address');
  return { port: address.port, messages };
}

type Clock = { now: Date };

async function start(
  options: {
    dataDir?: string;
    minClientVersion?: string;
    resetEpoch?: boolean;
    portalKey?: string;
    rejectRecipients?: boolean;
  } = {},
) {
  const clock: Clock = { now: START };
  const smtp = await startSmtp({ rejectRecipients: options.rejectRecipients });
  const dataDir = options.dataDir ?? tempDir();
  const api = await startCentralApi({
    dataDir,
    port: 0,
    demoPersons: PERSONS,
    now: () => clock.now,
    mail: { host: '127.0.0.1', port: smtp.port },
    minClientVersion: options.minClientVersion,
    resetEpoch: options.resetEpoch,
    portalKey: options.portalKey,
    log: () => {},
  });
  cleanups.push(() => api.close());
  return { api, clock, smtp, dataDir };
}

type Reply = { status: number; headers: Headers; json: unknown; text: string };

/** Each device's own secret (issue 11): made at its first sign-in, proven on every call. */
const deviceSecrets = new Map<string, string>();
const secretOf = (device: string) => {
  let secret = deviceSecrets.get(device);
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    deviceSecrets.set(device, secret);
  }
  return secret;
};

async function call(
  api: { url: string },
  method: string,
  route: string,
  options: {
    token?: string;
    device?: string;
    version?: string | null;
    body?: unknown;
    raw?: string;
    contentType?: string;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  if (options.device) {
    headers['X-Device-Id'] = options.device;
    headers['X-Device-Secret'] = secretOf(options.device);
  }
  if (options.version !== null) headers['X-Client-Version'] = options.version ?? VERSION;
  let body: string | undefined;
  if (options.body !== undefined || options.raw !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    body = options.raw ?? JSON.stringify(options.body);
  }
  const response = await fetch(`${api.url}${route}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}

type Session = TokenResponse & { device: string };

async function signIn(
  api: { url: string },
  username: keyof typeof PASSWORDS,
  device: string = randomUUID(),
): Promise<Session> {
  const reply = await call(api, 'POST', '/auth/sign-in', {
    device,
    body: {
      username,
      password: PASSWORDS[username],
      deviceId: device,
      deviceSecret: secretOf(device),
    },
  });
  expect(reply.status).toBe(200);
  return { ...TokenResponse.parse(reply.json), device };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function mutation(
  session: Session,
  id: number,
  kind: string,
  personRut: number,
  payload: Record<string, unknown>,
  decidedAt: Date,
): Mutation {
  return {
    id,
    actionId: randomUUID(),
    agentId: session.agent.agentId,
    kind,
    personRut,
    payload,
    decidedAt: decidedAt.toISOString(),
    payloadHash: sha256(JSON.stringify({ kind, personRut, payload })),
  };
}

/** A password-reset mail resent on ACHS Gestión (or `portal`), decided at `decidedAt`. */
function passwordReset(
  session: Session,
  id: number,
  personRut: number,
  decidedAt: Date,
  portal = 'achs_gestion',
): Mutation {
  return mutation(
    session,
    id,
    'mail.resend',
    personRut,
    { portal, mailKind: 'password_reset' },
    decidedAt,
  );
}

/** A password reset (id 1), then a change of one contact field (id 2), both decided at START. */
function resetThenContact(
  session: Session,
  personRut: number,
  field: 'email' | 'phone',
  from: unknown,
  to: string,
): Mutation[] {
  return [
    passwordReset(session, 1, personRut, START),
    mutation(
      session,
      2,
      'person.update_contact',
      personRut,
      { changes: { [field]: { from, to } } },
      START,
    ),
  ];
}

async function push(
  api: { url: string },
  session: Session,
  mutations: Mutation[],
  sentAt: Date = START,
) {
  return call(api, 'POST', '/sync/push', {
    token: session.accessToken,
    device: session.device,
    body: { deviceId: session.device, sentAt: sentAt.toISOString(), mutations },
  });
}

async function pushOk(
  api: { url: string },
  session: Session,
  mutations: Mutation[],
  sentAt?: Date,
) {
  const reply = await push(api, session, mutations, sentAt);
  expect(reply.status, reply.text).toBe(200);
  return PushResponse.parse(reply.json);
}

async function pullPage(api: { url: string }, session: Session, cursor: string, limit?: number) {
  const query = new URLSearchParams({ cursor, ...(limit ? { limit: String(limit) } : {}) });
  return call(api, 'GET', `/sync/pull?${query}`, {
    token: session.accessToken,
    device: session.device,
  });
}

/** Pages until hasMore is false; returns every page and the cursor to continue from. */
async function pullAll(api: { url: string }, session: Session, cursor = '', limit?: number) {
  const pages: PullResponse[] = [];
  for (let guard = 0; guard < 1000; guard++) {
    const reply = await pullPage(api, session, cursor, limit);
    expect(reply.status, reply.text).toBe(200);
    const page = PullResponse.parse(reply.json);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { pages, cursor, changes: pages.flatMap((page) => page.changes) };
}

/** The replica a client would hold after applying `changes` in order (upsert / delete by key). */
function replicaOf(changes: Change[]): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const change of changes) {
    const id = `${change.entity}:${change.key}`;
    if (change.op === 'delete') rows.delete(id);
    else rows.set(id, change.row!);
  }
  return rows;
}

function tableRows(api: CentralApi, entity: Entity, where = '1', ...params: unknown[]) {
  const { table, key, columns } = ENTITY_TABLES[entity];
  return api.db.$client
    .prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${where} ORDER BY ${key}`)
    .all(...params) as Array<Record<string, unknown>>;
}

function person(api: CentralApi, rut: number) {
  return api.db.$client
    .prepare('SELECT email, phone, version FROM persons WHERE rut = ?')
    .get(rut) as { email: string | null; phone: string | null; version: number };
}

function mailCount(api: CentralApi, rut: number): number {
  return (
    api.db.$client.prepare('SELECT count(*) AS n FROM mails WHERE person_rut = ?').get(rut) as {
      n: number;
    }
  ).n;
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until no mail job is pending or being sent. */
async function mailsSettled(api: CentralApi) {
  await until(
    () =>
      (
        api.db.$client
          .prepare("SELECT count(*) AS n FROM mail_jobs WHERE state IN ('pending', 'sending')")
          .get() as { n: number }
      ).n === 0,
    'mail jobs to settle',
  );
}

const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000);

function errorCode(reply: Reply): string {
  return ErrorBody.parse(reply.json).error.code;
}

describe('central API: sessions', () => {
  it('signs in, refuses a wrong password, rotates the refresh token, and expires access', async () => {
    const { api, clock } = await start();
    const session = await signIn(api, 'agente');
    expect(session.agent).toMatchObject({ agentId: 'agent-demo', role: 'agent' });
    expect(Date.parse(session.accessExpiresAt) - START.getTime()).toBe(15 * 60_000);

    const stranger = randomUUID();
    const wrong = await call(api, 'POST', '/auth/sign-in', {
      body: {
        username: 'agente',
        password: 'agente601',
        deviceId: stranger,
        deviceSecret: secretOf(stranger),
      },
    });
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe('invalid_credentials');
    const unknown = await call(api, 'POST', '/auth/sign-in', {
      body: {
        username: 'nadie',
        password: 'agente600',
        deviceId: stranger,
        deviceSecret: secretOf(stranger),
      },
    });
    expect(unknown.status).toBe(401);
    // A disabled agent: told so only with the right password; a wrong one is just wrong.
    api.db.$client.prepare("UPDATE agents SET active = 0 WHERE username = 'prevencion'").run();
    const asDisabled = (password: string) =>
      call(api, 'POST', '/auth/sign-in', {
        body: {
          username: 'prevencion',
          password,
          deviceId: stranger,
          deviceSecret: secretOf(stranger),
        },
      });
    const disabled = await asDisabled('preven600');
    expect(disabled.status).toBe(403);
    expect(errorCode(disabled)).toBe('agent_disabled');
    const disabledWrong = await asDisabled('preven601');
    expect(disabledWrong.status).toBe(401);
    expect(errorCode(disabledWrong)).toBe('invalid_credentials');

    expect((await pullPage(api, session, '', 1)).status).toBe(200);
    // The token belongs to its device.
    const otherDevice = await call(api, 'GET', '/sync/pull', {
      token: session.accessToken,
      device: randomUUID(),
    });
    expect(otherDevice.status).toBe(401);

    // Refresh rotates: the new pair works, the spent refresh token does not.
    const refreshed = await call(api, 'POST', '/auth/refresh', {
      device: session.device,
      body: { refreshToken: session.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const next = { ...TokenResponse.parse(refreshed.json), device: session.device };
    expect(next.accessToken).not.toBe(session.accessToken);
    // Spent: once the pair it produced is itself rotated, not even the grace window takes it.
    const rotated = await call(api, 'POST', '/auth/refresh', {
      device: session.device,
      body: { refreshToken: next.refreshToken },
    });
    expect(rotated.status).toBe(200);
    Object.assign(next, TokenResponse.parse(rotated.json));
    const reused = await call(api, 'POST', '/auth/refresh', {
      device: session.device,
      body: { refreshToken: session.refreshToken },
    });
    expect(reused.status).toBe(401);
    expect(errorCode(reused)).toBe('invalid_token');

    // Access expires after 15 minutes of server time: 401, and refresh gets a new one.
    clock.now = minutes(START, 16);
    const expired = await pullPage(api, next, '', 1);
    expect(expired.status).toBe(401);
    expect(errorCode(expired)).toBe('unauthorized');
    const again = await call(api, 'POST', '/auth/refresh', {
      device: session.device,
      body: { refreshToken: next.refreshToken },
    });
    expect(again.status).toBe(200);
    const renewed = { ...TokenResponse.parse(again.json), device: session.device };
    expect((await pullPage(api, renewed, '', 1)).status).toBe(200);
    expect((await call(api, 'GET', '/sync/pull', { device: session.device })).status).toBe(401);
  });

  it('answers 426 with the minimum version to a client that is too old', async () => {
    const { api } = await start({ minClientVersion: '0.2.0' });
    const tooOld = await call(api, 'POST', '/auth/sign-in', {
      version: '0.1.9',
      body: { username: 'agente', password: 'agente600', deviceId: randomUUID() },
    });
    expect(tooOld.status).toBe(426);
    expect(ErrorBody.parse(tooOld.json).error).toMatchObject({
      code: 'upgrade_required',
      minVersion: '0.2.0',
    });

    const device = randomUUID();
    const ok = await call(api, 'POST', '/auth/sign-in', {
      version: '0.2.0',
      body: {
        username: 'agente',
        password: 'agente600',
        deviceId: device,
        deviceSecret: secretOf(device),
      },
    });
    expect(ok.status).toBe(200);
    const token = TokenResponse.parse(ok.json).accessToken;
    for (const [version, status] of [
      ['0.2.0-beta.1', 426],
      ['0.1.12', 426],
      ['0.2.0', 200],
      ['0.10.0', 200],
    ] as const) {
      const reply = await call(api, 'GET', '/sync/pull?limit=1', { token, device, version });
      expect(reply.status, version).toBe(status);
    }
    expect((await call(api, 'GET', '/sync/pull', { token, device, version: null })).status).toBe(
      400,
    );
    // Health stays reachable: it is how a client tells "offline" from "too old".
    expect((await call(api, 'GET', '/health', { version: '0.0.1' })).status).toBe(200);
  });
});

describe('central API: push', () => {
  it('applies a pushed action and the next pull carries the new version', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const { cursor } = await pullAll(api, session, '', 5000);
    const before = person(api, PEDRO);

    const result = await pushOk(api, session, [
      mutation(
        session,
        1,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: before.phone, to: '+56911112222' } } },
        START,
      ),
    ]);
    expect(result.results).toEqual([
      expect.objectContaining({ id: 1, status: 'applied', duplicate: false }),
    ]);
    expect(result.lastProcessed).toBe(1);

    const { changes } = await pullAll(api, session, cursor);
    const row = changes.find((c) => c.entity === 'person' && c.key === PEDRO)?.row;
    expect(row).toMatchObject({ phone: '+56911112222', version: before.version + 1 });
  });

  it('G2: the same batch pushed twice is applied once and sends ONE mail over SMTP', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    const before = person(api, CAMILA);
    const mailsBefore = mailCount(api, CAMILA);
    const batch = resetThenContact(session, CAMILA, 'phone', before.phone, '+56933334444');
    const first = await pushOk(api, session, batch);
    expect(first.results.map((r) => [r.status, r.duplicate])).toEqual([
      ['applied', false],
      ['applied', false],
    ]);
    // The response was "lost": the device sends the very same batch again, twice.
    const second = await pushOk(api, session, batch);
    const third = await pushOk(api, session, batch);
    for (const again of [second, third]) {
      expect(again.results.map((r) => [r.id, r.status, r.duplicate])).toEqual([
        [1, 'applied', true],
        [2, 'applied', true],
      ]);
      expect(again.lastProcessed).toBe(2);
    }
    expect(person(api, CAMILA).version).toBe(before.version + 1);
    expect(mailCount(api, CAMILA)).toBe(mailsBefore + 1);

    await until(() => smtp.messages.length >= 1, 'the mail over SMTP');
    await mailsSettled(api);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['camila.soto@gmail.com']);
    expect(smtp.messages[0]!.raw).toMatch(/^From: .*no-reply@/m);
    const sent = api.db.$client
      .prepare(
        "SELECT outcome FROM mails WHERE person_rut = ? AND kind = 'password_reset' ORDER BY id DESC LIMIT 1",
      )
      .get(CAMILA) as { outcome: string };
    expect(sent.outcome).toBe('sent');
  });

  it('keeps a refused mail for retry without copying the address out of the SMTP answer', async () => {
    const { api } = await start({ rejectRecipients: true });
    const session = await signIn(api, 'agente');
    await pushOk(api, session, [passwordReset(session, 1, CAMILA, START)]);
    const job = () =>
      api.db.$client
        .prepare('SELECT state, attempts, last_error FROM mail_jobs ORDER BY id DESC LIMIT 1')
        .get() as { state: string; attempts: number; last_error: string | null };
    await until(() => job().attempts >= 1 && job().state === 'pending', 'the refused attempt');
    const { last_error: error } = job();
    expect(error).toMatch(/Recipient address rejected/);
    // The address lives in the mail's own row; the error text keeps only a masked trace of it.
    expect(error).not.toContain('camila.soto@gmail.com');
    expect(error).not.toContain('camila.soto');
  });

  it('never mails an address a mailer could read as a list: one stored before the rule fails at once', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    api.db.$client
      .prepare('UPDATE persons SET email = ? WHERE rut = ?')
      .run('camila,otra.persona@gmail.com', CAMILA);
    await pushOk(api, session, [passwordReset(session, 1, CAMILA, START)]);
    const job = () =>
      api.db.$client
        .prepare('SELECT state, attempts, last_error FROM mail_jobs ORDER BY id DESC LIMIT 1')
        .get() as { state: string; attempts: number; last_error: string | null };
    await until(() => job().state === 'failed', 'the refused mail');
    expect(job().last_error).toBe('not a single plain address');
    expect(
      api.db.$client
        .prepare(
          "SELECT outcome FROM mails WHERE person_rut = ? AND kind = 'password_reset' ORDER BY id DESC LIMIT 1",
        )
        .pluck()
        .get(CAMILA),
    ).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages).toEqual([]);
  });

  it('sends a mail only to the address registered as it leaves: one asked before a correction is not sent (rule 4)', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    const before = person(api, CAMILA);
    // A reset asked for her old address, then the address corrected (or a load's change undone)
    // before the mail left.
    await pushOk(
      api,
      session,
      resetThenContact(session, CAMILA, 'email', before.email, 'camila.nueva@gmail.com'),
    );
    const reset = () =>
      api.db.$client
        .prepare(
          `SELECT m.outcome, j.state, j.last_error FROM mails m JOIN mail_jobs j ON j.mail_id = m.id
           WHERE m.person_rut = ? AND m.kind = 'password_reset' ORDER BY m.id DESC LIMIT 1`,
        )
        .get(CAMILA) as { outcome: string; state: string; last_error: string | null };
    await until(() => reset().state === 'failed', 'the reset not sent');
    expect(reset()).toEqual({
      outcome: 'failed',
      state: 'failed',
      last_error: 'address no longer registered',
    });
    await mailsSettled(api);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages.flatMap((m) => m.to)).not.toContain(before.email);
  });

  it('G3: a gap stops the batch with expectedNext and nothing past it is applied', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const phones = ['+56900000001', '+56900000002', '+56900000003', '+56900000004', '+56900000005'];
    let previous = person(api, PEDRO).phone;
    const all = phones.map((phone, index) => {
      const m = mutation(
        session,
        index + 1,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: previous, to: phone } } },
        START,
      );
      previous = phone;
      return m;
    });
    const gap = await pushOk(api, session, [all[0]!, all[1]!, all[3]!, all[4]!]);
    expect(gap.results.map((r) => r.id)).toEqual([1, 2]);
    expect(gap.expectedNext).toBe(3);
    expect(gap.lastProcessed).toBe(2);
    expect(person(api, PEDRO).phone).toBe('+56900000002');

    const rest = await pushOk(api, session, all.slice(2));
    expect(rest.results.map((r) => [r.id, r.status])).toEqual([
      [3, 'applied'],
      [4, 'applied'],
      [5, 'applied'],
    ]);
    expect(rest.expectedNext).toBeUndefined();
    expect(person(api, PEDRO).phone).toBe('+56900000005');
  });

  it('G4: one invalid action among 50 is rejected and the other 49 are applied', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const targets = api.db.$client
      .prepare('SELECT rut, phone, version FROM persons ORDER BY rut LIMIT 50')
      .all() as Array<{ rut: number; phone: string | null; version: number }>;
    const batch = targets.map((target, index) =>
      index === 24
        ? mutation(
            session,
            index + 1,
            'person.update_contact',
            target.rut,
            { changes: { email: { from: null, to: 'esto no es un correo' } } },
            START,
          )
        : mutation(
            session,
            index + 1,
            'person.update_contact',
            target.rut,
            {
              changes: {
                phone: { from: target.phone, to: `+5699${String(index).padStart(7, '0')}` },
              },
            },
            START,
          ),
    );
    const result = await pushOk(api, session, batch);
    expect(result.lastProcessed).toBe(50);
    expect(result.results).toHaveLength(50);
    const rejected = result.results.filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([
      expect.objectContaining({ id: 25, code: 'invalid_email', message: expect.any(String) }),
    ]);
    expect(rejected[0]!.message).toMatch(/correo/);
    expect(result.results.filter((r) => r.status === 'applied')).toHaveLength(49);
    targets.forEach((target, index) => {
      const now = person(api, target.rut);
      if (index === 24) expect(now.version).toBe(target.version);
      else expect(now).toMatchObject({ version: target.version + 1 });
    });
  });

  it('rejects, terminally, an action of another agent and one outside an officer’s scope', async () => {
    const { api } = await start();
    const officer = await signIn(api, 'prevencion');
    const other = { ...officer, agent: { ...officer.agent, agentId: 'agent-demo' } };
    const rosa = person(api, ROSA);
    const result = await pushOk(api, officer, [
      mutation(
        other,
        1,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: person(api, PEDRO).phone, to: '+56912121212' } } },
        START,
      ),
      mutation(
        officer,
        2,
        'person.update_contact',
        ROSA,
        { changes: { phone: { from: rosa.phone, to: '+56912121212' } } },
        START,
      ),
      mutation(officer, 3, 'account.unlock', PEDRO, { portal: 'achs_gestion' }, START),
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['applied', null],
    ]);
    expect(result.lastProcessed).toBe(3);
    expect(person(api, ROSA)).toEqual(rosa);
    // Refused outside his companies, the officer learns nothing of the person.
    expect(result.results[1]!.current).toBeUndefined();
  });

  it('refuses, with the desk’s own rule, mails that do not fit the account', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const resend = (id: number, rut: number, kind: string) =>
      mutation(session, id, 'mail.resend', rut, { portal: 'achs_gestion', mailKind: kind }, START);
    const result = await pushOk(api, session, [
      resend(1, JUAN, 'password_reset'), // dismissed from his only company: no access to reset
      resend(2, PEDRO, 'email_confirmation'), // his address is already verified
      resend(3, CAMILA, 'password_reset'), // dismissed from one company, active in the other
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'mail_not_applicable'],
      ['rejected', 'mail_not_applicable'],
      ['applied', null],
    ]);
    expect(mailCount(api, JUAN)).toBe(0);
  });

  it('G18: the same id with another payload hash is a cloned device: 409, nothing applied', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const phone = person(api, PEDRO).phone;
    const original = mutation(
      session,
      1,
      'person.update_contact',
      PEDRO,
      { changes: { phone: { from: phone, to: '+56955550001' } } },
      START,
    );
    await pushOk(api, session, [original]);
    const clone = mutation(
      session,
      1,
      'person.update_contact',
      PEDRO,
      { changes: { phone: { from: phone, to: '+56955550002' } } },
      START,
    );
    const next = mutation(
      session,
      2,
      'person.update_contact',
      PEDRO,
      { changes: { phone: { from: '+56955550001', to: '+56955550003' } } },
      START,
    );
    const forked = await push(api, session, [clone, next]);
    expect(forked.status).toBe(409);
    expect(errorCode(forked)).toBe('device_fork');
    expect(person(api, PEDRO).phone).toBe('+56955550001');
    const replay = await pushOk(api, session, [original]);
    expect(replay.lastProcessed).toBe(1);
    expect(replay.results[0]).toMatchObject({ status: 'applied', duplicate: true });
  });

  it('G11: different fields edited on two devices both survive; the same field conflicts', async () => {
    const { api } = await start();
    const a = await signIn(api, 'agente');
    const b = await signIn(api, 'supervisora');
    const start0 = person(api, CAMILA);

    const ra = await pushOk(api, a, [
      mutation(
        a,
        1,
        'person.update_contact',
        CAMILA,
        { changes: { phone: { from: start0.phone, to: '+56977770001' } } },
        START,
      ),
    ]);
    const rb = await pushOk(api, b, [
      mutation(
        b,
        1,
        'person.update_contact',
        CAMILA,
        { changes: { email: { from: start0.email, to: 'camila.nueva@gmail.com' } } },
        START,
      ),
    ]);
    expect([ra.results[0]!.status, rb.results[0]!.status]).toEqual(['applied', 'applied']);
    expect(person(api, CAMILA)).toEqual({
      phone: '+56977770001',
      email: 'camila.nueva@gmail.com',
      version: start0.version + 2,
    });

    // Both saw +56977770001 and want another phone: the first wins, the second is a conflict.
    const sa = await pushOk(api, a, [
      mutation(
        a,
        2,
        'person.update_contact',
        CAMILA,
        { changes: { phone: { from: '+56977770001', to: '+56977770002' } } },
        START,
      ),
    ]);
    const sb = await pushOk(api, b, [
      mutation(
        b,
        2,
        'person.update_contact',
        CAMILA,
        { changes: { phone: { from: '+56977770001', to: '+56977770003' } } },
        START,
      ),
    ]);
    expect(sa.results[0]!.status).toBe('applied');
    expect(sb.results[0]).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'phone', yours: '+56977770003', theirs: '+56977770002' }],
    });
    expect(sb.results[0]!.message).toMatch(/\S/);
    expect(person(api, CAMILA).phone).toBe('+56977770002');
    // The refused desk gets the person as the server has them now, to put back what it showed.
    const personRow = (result: (typeof sb.results)[number]) =>
      result.current?.find((change) => change.entity === 'person')?.row;
    expect(personRow(sb.results[0]!)).toMatchObject({
      rut: CAMILA,
      phone: '+56977770002',
      version: start0.version + 3,
    });
    expect(sb.results[0]!.current!.some((change) => change.entity === 'membership')).toBe(true);
    // Asked again after one more change (its answer was lost): now as it is then, never stored.
    await pushOk(api, a, [
      mutation(
        a,
        3,
        'person.update_contact',
        CAMILA,
        { changes: { phone: { from: '+56977770002', to: '+56977770004' } } },
        START,
      ),
    ]);
    const again = await pushOk(api, b, [
      mutation(
        b,
        2,
        'person.update_contact',
        CAMILA,
        { changes: { phone: { from: '+56977770001', to: '+56977770003' } } },
        START,
      ),
    ]);
    expect(again.results[0]).toMatchObject({ status: 'conflict', duplicate: true });
    expect(personRow(again.results[0]!)).toMatchObject({
      phone: '+56977770004',
      version: start0.version + 4,
    });
  });

  it('G12 + G19: skewed clocks change nothing; a mail action 3 hours old is stale', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    const DAY = 24 * 60;
    const counts = [CAMILA, RICARDO, ROSA, PEDRO].map((rut) => mailCount(api, rut));

    // Device clock right, three days ahead, three days behind: decided one minute before sending.
    const right = await pushOk(
      api,
      session,
      [passwordReset(session, 1, CAMILA, minutes(START, -1))],
      START,
    );
    const ahead = await pushOk(
      api,
      session,
      [passwordReset(session, 2, RICARDO, minutes(START, 3 * DAY - 1))],
      minutes(START, 3 * DAY),
    );
    const behind = await pushOk(
      api,
      session,
      [passwordReset(session, 3, ROSA, minutes(START, -3 * DAY - 1), 'portal_heroes')],
      minutes(START, -3 * DAY),
    );
    for (const outcome of [right, ahead, behind]) {
      expect(outcome.results[0]).toMatchObject({ status: 'applied' });
    }
    // Three hours old by the device's own clock (which is also two days off): not sent.
    const stale = await pushOk(
      api,
      session,
      [passwordReset(session, 4, PEDRO, minutes(START, 2 * DAY - 180))],
      minutes(START, 2 * DAY),
    );
    expect(stale.results[0]).toMatchObject({ status: 'rejected', code: 'stale_command' });
    expect(stale.results[0]!.message).toMatch(/\S/);

    expect([CAMILA, RICARDO, ROSA, PEDRO].map((rut) => mailCount(api, rut))).toEqual([
      counts[0]! + 1,
      counts[1]! + 1,
      counts[2]! + 1,
      counts[3]!,
    ]);
    await until(() => smtp.messages.length >= 3, 'three mails');
    await mailsSettled(api);
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([
      'camila.soto@gmail.com',
      'rmunoz@losandes.cl',
      'rosa.fuentes@live.cl',
    ]);
  });

  it('applies a new address that arrives too late for its confirmation, and says the mail it withheld', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const before = mailCount(api, CAMILA);
    const start0 = person(api, CAMILA);
    const change = (id: number, to: string, decidedAt: Date) =>
      mutation(
        session,
        id,
        'person.update_contact',
        CAMILA,
        { changes: { email: { from: person(api, CAMILA).email, to } } },
        decidedAt,
      );
    // Decided three hours before it was sent: the address is the person's, its mail is not sent.
    const lateChange = change(1, 'camila.tarde@gmail.com', minutes(START, -180));
    const late = await pushOk(api, session, [lateChange], START);
    expect(late.results[0]).toMatchObject({
      status: 'applied',
      mailsWithheld: ['email_confirmation'],
    });
    expect(person(api, CAMILA)).toMatchObject({
      email: 'camila.tarde@gmail.com',
      version: start0.version + 1,
    });
    expect(mailCount(api, CAMILA)).toBe(before);
    // Its answer again (a lost reply): the same words.
    const again = await pushOk(api, session, [lateChange], START);
    expect(again.results[0]).toMatchObject({
      duplicate: true,
      mailsWithheld: ['email_confirmation'],
    });
    // In time: the mail goes, and nothing is said withheld.
    const fresh = await pushOk(
      api,
      session,
      [change(2, 'camila.atiempo@gmail.com', minutes(START, -5))],
      START,
    );
    expect(fresh.results[0]!.status).toBe('applied');
    expect(fresh.results[0]!.mailsWithheld).toBeUndefined();
    expect(mailCount(api, CAMILA)).toBeGreaterThan(before);
    // Late, its phone in conflict and its address applied: the conflict says the mail withheld.
    const sent = mailCount(api, CAMILA);
    const mixed = await pushOk(
      api,
      session,
      [
        mutation(
          session,
          3,
          'person.update_contact',
          CAMILA,
          {
            changes: {
              email: { from: 'camila.atiempo@gmail.com', to: 'camila.mixta@gmail.com' },
              phone: { from: '+56900000000', to: '+56911112222' },
            },
          },
          minutes(START, -180),
        ),
      ],
      START,
    );
    expect(mixed.results[0]).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'phone' }],
      mailsWithheld: ['email_confirmation'],
    });
    expect(person(api, CAMILA).email).toBe('camila.mixta@gmail.com');
    expect(mailCount(api, CAMILA)).toBe(sent);
  });

  it('a refusal inside a batch writes nothing; the actions around it apply once', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    const sqlite = api.db.$client;
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const rosaLogged = () =>
      (
        sqlite
          .prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'person' AND key = ?")
          .get(ROSA) as { n: number }
      ).n;
    const before = {
      rosaLogged: rosaLogged(),
      mails: [CAMILA, PEDRO, ROSA].map((rut) => mailCount(api, rut)),
    };
    const phone = person(api, ROSA).phone;
    // The batch is first run without a savepoint per action; the refusal sends it round again
    // with them (push.ts, NeedsSavepoints). Nothing may be applied or sent twice.
    const reply = await pushOk(api, session, [
      passwordReset(session, 1, CAMILA, START),
      passwordReset(session, 2, PEDRO, minutes(START, -180)),
      mutation(
        session,
        3,
        'person.update_contact',
        ROSA,
        { changes: { phone: { from: phone, to: '+56944441111' } } },
        START,
      ),
    ]);
    expect(reply.results.map((r) => [r.id, r.status, r.duplicate])).toEqual([
      [1, 'applied', false],
      [2, 'rejected', false],
      [3, 'applied', false],
    ]);
    expect(reply.lastProcessed).toBe(3);
    expect([CAMILA, PEDRO, ROSA].map((rut) => mailCount(api, rut))).toEqual([
      before.mails[0]! + 1,
      before.mails[1]!,
      before.mails[2]!,
    ]);
    expect(person(api, ROSA).phone).toBe('+56944441111');
    expect(
      count(`SELECT count(*) AS n FROM mutation_results WHERE device_id = '${session.device}'`),
    ).toBe(3);
    // The applied contact change is logged once (a second run would have logged it twice).
    expect(rosaLogged()).toBe(before.rosaLogged + 1);
    await until(() => smtp.messages.length >= 1, 'one mail');
    await mailsSettled(api);
    expect(smtp.messages.flatMap((m) => m.to)).toEqual(['camila.soto@gmail.com']);
  });

  it('G5: an unexpected failure rolls that action back and answers 503 with Retry-After', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const phone = person(api, PEDRO).phone;
    const batch = [
      mutation(session, 1, 'account.unlock', CAMILA, { portal: 'achs_gestion' }, START),
      mutation(
        session,
        2,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: phone, to: '+56944440000' } } },
        START,
      ),
      mutation(session, 3, 'account.unlock', PEDRO, { portal: 'achs_gestion' }, START),
    ];
    api.db.$client.exec(`CREATE TRIGGER test_fail BEFORE UPDATE ON persons
      WHEN NEW.rut = ${PEDRO} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const failed = await push(api, session, batch);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(errorCode(failed)).toBe('unavailable');
    expect(failed.text).not.toMatch(/disk on fire|at .*\.ts/);
    expect(person(api, PEDRO).phone).toBe(phone);

    api.db.$client.exec('DROP TRIGGER test_fail');
    const retried = await pushOk(api, session, batch);
    expect(retried.results.map((r) => [r.id, r.status, r.duplicate])).toEqual([
      [1, 'applied', true],
      [2, 'applied', false],
      [3, 'applied', false],
    ]);
    expect(person(api, PEDRO).phone).toBe('+56944440000');
  });

  it('refuses malformed requests with 400/413/415 and never a stack trace', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const auth = { token: session.accessToken, device: session.device };
    const bad = await call(api, 'POST', '/sync/push', {
      ...auth,
      body: { deviceId: session.device, sentAt: START.toISOString(), mutations: [{ id: -1 }] },
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('invalid_request');
    expect(bad.text).not.toMatch(/ZodError|\n\s+at /);
    expect((await call(api, 'POST', '/sync/push', { ...auth, raw: '{not json' })).status).toBe(400);
    expect(
      (await call(api, 'POST', '/sync/push', { ...auth, raw: '{}', contentType: 'text/plain' }))
        .status,
    ).toBe(415);
    const huge = await call(api, 'POST', '/sync/push', {
      ...auth,
      raw: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await pullPage(api, session, 'not-a-cursor')).status).toBe(400);
    expect((await pullPage(api, session, '', 5001)).status).toBe(400);
    const noDevice = await call(api, 'GET', '/sync/pull', { token: session.accessToken });
    expect(noDevice.status).toBe(400);
  });
});

describe('central API: the company half (issue 7)', () => {
  const ESPIGA = 78_901_234;
  const GLORIA = 14_725_836; // legal representative of La Espiga, request pending
  const TOMAS = 17_345_678; // neither representative nor in the TRF, request pending
  const MARCELA = 13_579_246; // administrator of La Espiga (TRF)
  const JORGE = 19_283_746; // outsider user of La Espiga
  const KEY = 'clave-de-los-portales-de-prueba';

  /** A plain-text mail's body as read: quoted-printable soft breaks joined, bytes decoded. */
  const quotedPrintableBody = (raw: string) => {
    const body = raw.slice(raw.search(/\r?\n\r?\n/)).replace(/=\r?\n/g, '');
    const bytes = body.replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    return Buffer.from(bytes, 'latin1').toString('utf8');
  };

  const signAgreement = (api: { url: string }, body: unknown, key = KEY) =>
    fetch(`${api.url}/portal/agreement-signed`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** Gloria's pending request at La Espiga approved, as mutation number `id`. */
  const approveGloria = (session: Parameters<typeof mutation>[0], id: number) =>
    mutation(
      session,
      id,
      'request.decide',
      GLORIA,
      { companyRut: ESPIGA, decision: 'approve', reason: null },
      START,
    );

  it('names in a signature mail only a company still adherent, and in the approval mail no deleted access (rule 6)', async () => {
    const { api } = await start({ portalKey: KEY });
    const session = await signIn(api, 'agente');
    await pushOk(api, session, [approveGloria(session, 1)]);
    const named = mailCompanies(api.db.$client);
    const sql = api.db.$client;
    const both = () => [named('access_approval', GLORIA), named('agreement_signature', GLORIA)];
    const espiga = 'Panadería La Espiga Limitada';
    expect(both()).toEqual([[espiga], [espiga]]);
    // No longer adherent: signing there would open nothing, and no mail says otherwise.
    sql.prepare('UPDATE companies SET adherent = 0 WHERE rut = ?').run(ESPIGA);
    expect(both()).toEqual([[], []]);
    sql.prepare('UPDATE companies SET adherent = 1 WHERE rut = ?').run(ESPIGA);
    // Paused: the approval is still news; signing waits for the access back.
    const access = sql.prepare(
      'UPDATE memberships SET state = ? WHERE person_rut = ? AND company_rut = ?',
    );
    access.run('paused', GLORIA, ESPIGA);
    expect(both()).toEqual([[espiga], []]);
    // Deleted: nothing to sign for, and nothing approved to tell.
    access.run('removed', GLORIA, ESPIGA);
    expect(both()).toEqual([[], []]);
  });

  it('approves a request that arrives too late for its mail, and says the mail it withheld', async () => {
    const { api } = await start({ portalKey: KEY });
    const session = await signIn(api, 'agente');
    const late = mutation(
      session,
      1,
      'request.decide',
      GLORIA,
      { companyRut: ESPIGA, decision: 'approve', reason: null },
      minutes(START, -121),
    );
    const result = await pushOk(api, session, [late], START);
    expect(result.results[0]).toMatchObject({
      status: 'applied',
      mailsWithheld: ['access_approval'],
    });
    expect(
      tableRows(api, 'access_request', 'person_rut = ? AND company_rut = ?', GLORIA, ESPIGA),
    ).toMatchObject([{ state: 'approved' }]);
    expect(mailCount(api, GLORIA)).toBe(0);
    // Nobody was asked to sign: no «firma pedida» date on her profile.
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', GLORIA, ESPIGA),
    ).toMatchObject([{ role: 'access_admin', agreement_signed: 0, agreement_sent_at: null }]);
  });

  it('applies a request decision by the register: a non-signatory is refused, a representative approved with one mail', async () => {
    const { api, smtp } = await start({ portalKey: KEY });
    const session = await signIn(api, 'agente');
    const decide = (id: number, rut: number, decision: string) =>
      mutation(
        session,
        id,
        'request.decide',
        rut,
        { companyRut: ESPIGA, decision, reason: null },
        START,
      );
    const result = await pushOk(api, session, [
      decide(1, TOMAS, 'approve'),
      decide(2, GLORIA, 'approve'),
      decide(3, GLORIA, 'approve'),
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'requester_not_signatory'],
      ['applied', null],
      ['rejected', 'request_decided'],
    ]);
    expect(result.results[0]!.message).toMatch(/representante legal/);
    const requests = tableRows(
      api,
      'access_request',
      'person_rut = ? AND company_rut = ?',
      GLORIA,
      ESPIGA,
    );
    expect(requests.map((r) => r['state'])).toEqual(['approved']);
    // The company profile waits for the agreement; one Los Héroes login, never entered.
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', GLORIA, ESPIGA),
    ).toMatchObject([{ role: 'access_admin', state: 'active', agreement_signed: 0 }]);
    // Its address is the request's word, unproven until she signs from the mail's link.
    expect(tableRows(api, 'account', 'person_rut = ?', GLORIA)).toMatchObject([
      { portal: 'portal_heroes', password_set: 0, first_access_used: 0, email_verified: 0 },
    ]);
    await until(() => smtp.messages.length >= 1, 'the approval mail');
    expect(smtp.messages.map((m) => m.to)).toEqual([['gloria.morales@laespiga.cl']]);
    expect(smtp.messages[0]!.raw).toMatch(/no-reply@portal-empresas/);
    // It says which company: one person may administer several (rule 8).
    expect(quotedPrintableBody(smtp.messages[0]!.raw)).toContain(
      'Su solicitud de acceso a Portal Empresas para el RUT 14725836-4, por Panadería La Espiga Limitada, fue aprobada.',
    );

    // The portal reports the signature: the profile is assigned, and desks pull it.
    const { cursor } = await pullAll(api, session, '', 5000);
    const signed = await signAgreement(api, { personRut: GLORIA, companyRut: ESPIGA });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ signed: true, at: START.toISOString(), assigned: true });
    const { changes } = await pullAll(api, session, cursor);
    expect(
      changes.find((c) => c.entity === 'membership' && c.row?.['person_rut'] === GLORIA)?.row,
    ).toMatchObject({
      agreement_signed: 1,
      agreement_signed_at: START.toISOString(),
    });
    // Signed from the mail's link: the address is proven, and the desks learn it.
    expect(
      changes.find((c) => c.entity === 'account' && c.row?.['person_rut'] === GLORIA)?.row,
    ).toMatchObject({ portal: 'portal_heroes', email_verified: 1 });
    // Signed twice, a stranger's signature, a wrong key.
    expect((await signAgreement(api, { personRut: GLORIA, companyRut: ESPIGA })).status).toBe(409);
    expect((await signAgreement(api, { personRut: TOMAS, companyRut: ESPIGA })).status).toBe(404);
    expect(
      (await signAgreement(api, { personRut: GLORIA, companyRut: ESPIGA }, 'otra')).status,
    ).toBe(401);
  });

  it('lets only a representative or administrator of that company ask to add or pause users', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    const outsider = 20_123_456;
    const add = (id: number, callerRut: number) =>
      mutation(
        session,
        id,
        'company_user.add',
        outsider,
        {
          companyRut: ESPIGA,
          role: 'company_user',
          modules: ['certificados'],
          external: true,
          newPerson: {
            dv: '5',
            givenNames: 'Carla',
            lastName1: 'Ibarra',
            lastName2: '',
            sortKey: 'ibarra carla',
            email: 'carla@contadores.cl',
            phone: null,
          },
          callerRut,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_email'],
        },
        START,
      );
    const change = (id: number, kind: string) =>
      mutation(
        session,
        id,
        'company_user.change',
        outsider,
        {
          companyRut: ESPIGA,
          change: kind,
          fromState: 'active',
          callerRut: MARCELA,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_phone'],
        },
        START,
      );
    const MARCELA_ASKS = {
      callerRut: MARCELA,
      callerVerified: true,
      callerFacts: ['serial_number', 'registered_phone'],
    };
    // Modules with no caller at all, and a caller whose facts the server cannot find.
    const modules = (id: number, extra: Record<string, unknown>) =>
      mutation(
        session,
        id,
        'membership.set_modules',
        JORGE,
        { companyRut: ESPIGA, modules: ['certificados', 'licencias'], ...extra },
        START,
      );
    const result = await pushOk(api, session, [
      add(1, JORGE),
      add(2, MARCELA),
      change(3, 'pause'),
      modules(4, {}),
      modules(5, { callerRut: MARCELA, callerVerified: true, callerFacts: ['serial_number'] }),
      modules(6, {
        callerRut: GLORIA,
        callerVerified: true,
        callerFacts: ['serial_number', 'registered_email'],
      }),
      // The administrator herself, for an ACHS Gestión module: Portal Empresas has none such.
      modules(7, { ...MARCELA_ASKS, modules: ['siniestros'] }),
      modules(8, MARCELA_ASKS),
      // «Inhabilitado» is ACHS Gestión's word: Portal Empresas pauses (rules 11, 13).
      change(9, 'disable'),
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'caller_not_authorized'],
      ['applied', null],
      ['applied', null],
      ['rejected', 'caller_not_authorized'],
      ['rejected', 'caller_not_authorized'],
      // The legal representative has no company profile at La Espiga yet (rule 12).
      ['rejected', 'caller_not_authorized'],
      ['rejected', 'module_not_offered'],
      ['applied', null],
      ['rejected', 'change_not_on_portal'],
    ]);
    expect(result.results[6]!.message).toMatch(/no ofrece ese módulo/);
    expect(result.results[8]!.message).toMatch(/ACHS Gestión inhabilita y habilita/);
    expect(tableRows(api, 'person', 'rut = ?', outsider)).toMatchObject([
      { given_names: 'Carla', email: 'carla@contadores.cl' },
    ]);
    expect(tableRows(api, 'membership', 'person_rut = ?', outsider)).toMatchObject([
      { role: 'company_user', state: 'paused', external: 1, agreement_signed: 0 },
    ]);
    // A new company user must sign the agreement too: its mail went out by itself.
    await until(() => smtp.messages.length >= 1, 'the agreement mail');
    expect(smtp.messages[0]!.to).toEqual(['carla@contadores.cl']);
  });

  it('grants no module at a company no longer adherent (rule 6), but lets one be taken away', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    api.db.$client.prepare('UPDATE companies SET adherent = 0 WHERE rut = ?').run(ESPIGA);
    const modules = (id: number, list: string[]) =>
      mutation(
        session,
        id,
        'membership.set_modules',
        JORGE,
        {
          companyRut: ESPIGA,
          modules: list,
          callerRut: MARCELA,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_phone'],
        },
        START,
      );
    const jorge = () =>
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', JORGE, ESPIGA);
    expect(jorge()).toMatchObject([{ modules: '["certificados"]' }]);
    const result = await pushOk(api, session, [
      modules(1, ['certificados', 'licencias']),
      modules(2, []),
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'company_not_adherent'],
      ['applied', null],
    ]);
    expect(result.results[0]!.message).toMatch(/ya no está adherida.*otorgar módulos/);
    expect(jorge()).toMatchObject([{ modules: '[]' }]);
  });

  it('takes a legal representative’s modules away only at his own request; another may give him one', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const PAULA = 15_161_718; // access administrator of Los Andes, its commercial contact
    const ricardoModules = (id: number, modules: string[], callerRut: number) =>
      mutation(
        session,
        id,
        'membership.set_modules',
        RICARDO,
        {
          companyRut: ANDES,
          modules,
          callerRut,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_email'],
        },
        START,
      );
    const result = await pushOk(api, session, [
      ricardoModules(1, [], PAULA),
      ricardoModules(2, ['usuarios', 'reportes'], PAULA),
      ricardoModules(3, ['documentos', 'reportes', 'siniestros', 'usuarios'], PAULA),
      ricardoModules(4, ['usuarios'], RICARDO),
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'representative_modules'],
      ['rejected', 'representative_modules'],
      ['applied', null],
      ['applied', null],
    ]);
    expect(result.results[0]!.message).toMatch(/no puede quitarle módulos/);
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', RICARDO, ANDES),
    ).toMatchObject([{ modules: '["usuarios"]' }]);
  });

  it('gives a disabled or paused access a company profile and leaves it so: giving it back is its own request (rule 11)', async () => {
    const { api, smtp } = await start();
    const session = await signIn(api, 'agente');
    // Pedro, a worker of Los Andes, disabled there; Gloria, a worker of La Espiga, paused.
    api.db.$client
      .prepare("UPDATE memberships SET state = 'disabled' WHERE person_rut = ? AND company_rut = ?")
      .run(PEDRO, ANDES);
    api.db.$client
      .prepare(
        `INSERT INTO memberships (person_rut, company_rut, role, state, modules, started_at)
         VALUES (?, ?, 'worker', 'paused', '[]', '2026-01-01T00:00:00.000Z')`,
      )
      .run(GLORIA, ESPIGA);
    const result = await pushOk(api, session, [
      mutation(
        session,
        1,
        'company_user.add',
        PEDRO,
        {
          companyRut: ANDES,
          role: 'company_user',
          modules: ['reportes'],
          external: false,
          callerRut: RICARDO,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_email'],
        },
        START,
      ),
      approveGloria(session, 2),
    ]);
    expect(result.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['applied', null],
    ]);
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', PEDRO, ANDES),
    ).toMatchObject([{ role: 'company_user', state: 'disabled' }]);
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', GLORIA, ESPIGA),
    ).toMatchObject([{ role: 'access_admin', state: 'paused', agreement_signed: 0 }]);
    // The approval mail still goes: the agreement is hers to sign, paused or not.
    await until(() => smtp.messages.length >= 1, 'the approval mail');
  });

  it('invites no paused requester to sign again: no approval mail resent, her signature kept, her access paused until the company resumes it (rules 11, 12, 13)', async () => {
    const { api, smtp } = await start({ portalKey: KEY });
    const session = await signIn(api, 'agente');
    // Gloria, a worker of La Espiga paused there: her approved request gives her the
    // administrator's profile, paused (rule 11), and the approval's own mail goes.
    api.db.$client
      .prepare(
        `INSERT INTO memberships (person_rut, company_rut, role, state, modules, started_at)
         VALUES (?, ?, 'worker', 'paused', '[]', '2026-01-01T00:00:00.000Z')`,
      )
      .run(GLORIA, ESPIGA);
    const resend = (id: number) =>
      mutation(
        session,
        id,
        'mail.resend',
        GLORIA,
        { portal: 'portal_heroes', mailKind: 'access_approval' },
        START,
      );
    const resume = (id: number) =>
      mutation(
        session,
        id,
        'company_user.change',
        GLORIA,
        {
          companyRut: ESPIGA,
          change: 'resume',
          fromState: 'paused',
          callerRut: MARCELA,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_phone'],
        },
        START,
      );
    const gloria = () =>
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', GLORIA, ESPIGA);
    const first = await pushOk(api, session, [
      mutation(
        session,
        1,
        'request.decide',
        GLORIA,
        { companyRut: ESPIGA, decision: 'approve', reason: null },
        START,
      ),
      // Sent again while paused, it would invite her to sign and enter what stays paused: the
      // same rule as the desk's record (approvedAwaitingSignature) refuses it. Before, it was
      // accepted (and only the cool-down kept a second mail back).
      resend(2),
    ]);
    expect(first.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'mail_not_applicable'],
    ]);
    expect(gloria()).toMatchObject([
      { role: 'access_admin', state: 'paused', agreement_signed: 0 },
    ]);
    await until(() => smtp.messages.length >= 1, 'the approval mail');

    // She signs with the link she has: the signature is kept, the access stays paused, and the
    // answer says the profile is not assigned (rule 12: only an active profile is).
    const signed = await signAgreement(api, { personRut: GLORIA, companyRut: ESPIGA });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ signed: true, assigned: false });
    expect(gloria()).toMatchObject([{ state: 'paused', agreement_signed: 1 }]);

    // The company resumes her access (its administrator asks): the profile is assigned with the
    // signature she gave, and there is nothing left to sign or resend.
    const second = await pushOk(api, session, [resume(3), resend(4)]);
    expect(second.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'mail_not_applicable'],
    ]);
    expect(gloria()).toMatchObject([{ state: 'active', agreement_signed: 1 }]);
    expect(smtp.messages).toHaveLength(1);
  });

  it('adds a RUT already registered only under its own names: a mistyped RUT adds no stranger', async () => {
    const { api } = await start();
    const session = await signIn(api, 'prevencion');
    const addRosa = (id: number, givenNames: string, lastName1: string) =>
      mutation(
        session,
        id,
        'company_user.add',
        ROSA,
        {
          companyRut: ANDES,
          role: 'company_user',
          modules: [],
          external: true,
          // The officer's laptop does not hold her: it sends her as a new person.
          newPerson: {
            dv: '3',
            givenNames,
            lastName1,
            lastName2: '',
            sortKey: '',
            email: 'otra@correo.cl',
            phone: null,
          },
          callerRut: RICARDO,
          callerVerified: true,
          callerFacts: ['serial_number', 'registered_email'],
        },
        START,
      );
    const refused = await pushOk(api, session, [addRosa(1, 'Carla', 'Ibarra')]);
    expect(refused.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'person_other_name'],
    ]);
    expect(refused.results[0]!.message).toMatch(
      /ya está registrado en el sistema central con otro nombre/,
    );
    // Her name is not told back, and nothing was written.
    expect(refused.results[0]!.message).not.toMatch(/Rosa|Fuentes/);
    expect(tableRows(api, 'membership', 'person_rut = ?', ROSA)).toEqual([]);
    expect(tableRows(api, 'person', 'rut = ?', ROSA)).toMatchObject([
      { given_names: 'Rosa Elena', email: 'rosa.fuentes@live.cl' },
    ]);

    const added = await pushOk(api, session, [addRosa(2, 'Rosa', 'Fuentes')]);
    expect(added.results.map((r) => [r.status, r.code ?? null])).toEqual([['applied', null]]);
    // Her record stands as registered: the names and e-mail typed do not replace it.
    expect(tableRows(api, 'person', 'rut = ?', ROSA)).toMatchObject([
      { given_names: 'Rosa Elena', email: 'rosa.fuentes@live.cl' },
    ]);
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', ROSA, ANDES),
    ).toMatchObject([{ role: 'company_user', external: 1 }]);
  });

  it('is off without a portal key', async () => {
    const { api } = await start();
    expect((await signAgreement(api, { personRut: GLORIA, companyRut: ESPIGA })).status).toBe(404);
  });
});

describe('central API: the Ley 21.719 temporary block (issue 10)', () => {
  it('lets a blocked person change only as the desk does: a contact edit under an open rectification', async () => {
    const { api } = await start();
    const session = await signIn(api, 'supervisora');
    // The rectification first: the block stands on it (art. 11).
    const numbers = {
      rectification: 'SOL-7QK2MD-0003',
      blocking: 'SOL-7QK2MD-0001',
      access: 'SOL-7QK2MD-0002',
    };
    const recorded = await pushOk(
      api,
      session,
      Object.entries(numbers).map(([right, number], i) =>
        mutation(
          session,
          i + 1,
          'data_request.record',
          PEDRO,
          {
            number,
            right,
            channel: 'in_person',
            identityCheck: { method: 'identity_card', facts: [] },
            detail: 'Lo pide el titular en la sucursal',
            receivedAt: START.toISOString(),
          },
          START,
        ),
      ),
    );
    expect(recorded.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const before = person(api, PEDRO);
    const editUnder = (id: number, dataRequest: string, phone: string) =>
      mutation(
        session,
        id,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: before.phone, to: phone } }, dataRequest },
        START,
      );
    // The desk refuses naming the block itself or an access request (data_request_not_linkable),
    // and no other action than the contact edit carries a rectification: so does the central.
    const refused = await pushOk(api, session, [
      editUnder(4, numbers.blocking, '+56955554444'),
      editUnder(5, numbers.access, '+56955554444'),
      mutation(
        session,
        6,
        'membership.disable',
        PEDRO,
        { companyRut: ANDES, dataRequest: numbers.rectification },
        START,
      ),
    ]);
    expect(refused.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['conflict', 'person_blocked'],
      ['conflict', 'person_blocked'],
      ['conflict', 'person_blocked'],
    ]);
    expect(person(api, PEDRO).phone).toBe(before.phone);
    expect(
      tableRows(api, 'membership', 'person_rut = ? AND company_rut = ?', PEDRO, ANDES),
    ).toMatchObject([{ state: 'active' }]);

    // The rectification's own change goes through the block, as on the desk.
    const rectified = await pushOk(api, session, [
      editUnder(7, numbers.rectification, '+56955553333'),
    ]);
    expect(rectified.results.map((r) => r.status)).toEqual(['applied']);
    expect(person(api, PEDRO).phone).toBe('+56955553333');
  });
});

describe('central API: pull', () => {
  it('G14: the initial sync comes in pages with progress, then switches to the log', async () => {
    const { api } = await start();
    const session = await signIn(api, 'supervisora');
    const { pages, changes } = await pullAll(api, session, '', 250);
    const snapshot = pages.filter((page) => page.progress !== null);
    expect(snapshot.length).toBeGreaterThan(3);
    const total = snapshot[0]!.progress!.total;
    const expected = ENTITIES.reduce((sum, entity) => sum + tableRows(api, entity).length, 0);
    expect(total).toBe(expected);
    let done = 0;
    for (const page of snapshot) {
      expect(page.changes.length).toBeLessThanOrEqual(250);
      expect(page.progress!.total).toBe(total);
      expect(page.progress!.done).toBe(done + page.changes.length);
      done = page.progress!.done;
    }
    expect(done).toBe(total);
    expect(pages.at(-1)!.hasMore).toBe(false);
    expect(pages.slice(snapshot.length).every((page) => page.progress === null)).toBe(true);

    // Entities in ENTITIES order, keys ascending within each, every row with the protocol's columns.
    const order = changes.map((change) => ENTITIES.indexOf(change.entity as Entity));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(new Set(changes.map((c) => `${c.entity}:${c.key}`)).size).toBe(changes.length);
    const replica = replicaOf(changes);
    for (const entity of ENTITIES) {
      for (const row of tableRows(api, entity)) {
        const key = row[ENTITY_TABLES[entity].key] as number;
        expect(replica.get(`${entity}:${key}`)).toEqual(row);
      }
    }
  });

  it('limits a prevention officer to his companies, their persons and those persons’ rows', async () => {
    const { api } = await start();
    const officer = await signIn(api, 'prevencion');
    const agent = await signIn(api, 'agente');
    const { changes, cursor } = await pullAll(api, officer, '', 5000);
    const companies = [ANDES, ARAUCANIA];
    const inScope = new Set(
      (
        api.db.$client
          .prepare(
            `SELECT DISTINCT person_rut FROM memberships WHERE company_rut IN (${companies.join(',')}) AND state != 'removed'`,
          )
          .all() as Array<{ person_rut: number }>
      ).map((row) => row.person_rut),
    );
    expect(inScope.has(PEDRO)).toBe(true);
    expect(inScope.has(ROSA)).toBe(false);
    const keys = (entity: Entity) =>
      changes
        .filter((c) => c.entity === entity)
        .map((c) => c.key)
        .sort((x, y) => x - y);
    expect(keys('company')).toEqual(companies);
    expect(keys('person')).toEqual([...inScope].sort((x, y) => x - y));
    for (const entity of ['membership', 'account', 'mail', 'access_request'] as const) {
      const expected = tableRows(api, entity)
        .filter((row) => inScope.has(row['person_rut'] as number))
        .map((row) => row['id'] as number);
      expect(keys(entity), entity).toEqual(expected);
    }

    // Later changes: only those of his persons reach him.
    await pushOk(api, agent, [
      mutation(
        agent,
        1,
        'person.update_contact',
        ROSA,
        { changes: { phone: { from: person(api, ROSA).phone, to: '+56966660001' } } },
        START,
      ),
      mutation(
        agent,
        2,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: person(api, PEDRO).phone, to: '+56966660002' } } },
        START,
      ),
    ]);
    const later = await pullAll(api, officer, cursor);
    expect(later.changes.map((c) => [c.entity, c.key])).toEqual([['person', PEDRO]]);
  });

  it('G7: a change committed during the initial sync is not lost', async () => {
    const { api } = await start();
    const session = await signIn(api, 'agente');
    const writer = await signIn(api, 'supervisora');
    const changes: Change[] = [];
    let cursor = '';
    let pushed = false;
    for (let guard = 0; guard < 1000; guard++) {
      const reply = await pullPage(api, session, cursor, 100);
      const page = PullResponse.parse(reply.json);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!pushed && page.changes.some((c) => c.entity === 'person' && c.key === PEDRO)) {
        // Pedro was already sent; change him before the snapshot is over.
        pushed = true;
        await pushOk(api, writer, [
          mutation(
            writer,
            1,
            'person.update_contact',
            PEDRO,
            { changes: { phone: { from: person(api, PEDRO).phone, to: '+56988880000' } } },
            START,
          ),
        ]);
      }
      if (!page.hasMore) break;
    }
    expect(pushed).toBe(true);
    expect(replicaOf(changes).get(`person:${PEDRO}`)).toMatchObject({
      phone: '+56988880000',
      version: person(api, PEDRO).version,
    });
  });

  it('G14: an interrupted initial sync resumes from its saved cursor after a restart', async () => {
    const first = await start();
    const session = await signIn(first.api, 'agente');
    const complete = await pullAll(first.api, session, '', 5000);
    const partial: Change[] = [];
    let cursor = '';
    for (let i = 0; i < 3; i++) {
      const page = PullResponse.parse((await pullPage(first.api, session, cursor, 200)).json);
      partial.push(...page.changes);
      cursor = page.cursor;
    }
    const epoch = first.api.epoch;
    await first.api.close();

    // Same folder: nothing wiped, same epoch, and the saved session and cursor still work.
    const { api } = await start({ dataDir: first.dataDir });
    expect(api.epoch).toBe(epoch);
    const rest = await pullAll(api, session, cursor, 200);
    const resumed = [...partial, ...rest.changes];
    expect(resumed.length).toBe(complete.changes.length);
    expect(replicaOf(resumed)).toEqual(replicaOf(complete.changes));
  });
});

describe('central API: operations', () => {
  it('npm run central: ready line, validation, restart keeps data, --reset-epoch gives 410', async () => {
    const dataDir = tempDir();
    const tsx = path.resolve('node_modules/.bin/tsx');
    const run = (args: string[]) => {
      const child = spawn(tsx, ['src/central-api/start.ts', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      cleanups.push(() => {
        if (child.exitCode === null) child.kill('SIGKILL');
      });
      return child;
    };
    const exited = (child: ChildProcess) =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.once('exit', (code) => resolve(code));
      });
    const ready = (child: ChildProcess) =>
      new Promise<{ url: string; port: number; epoch: string; dataDir: string }>(
        (resolve, reject) => {
          let out = '';
          let err = '';
          child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
          child.stdout!.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split('\n').find((l) => l.startsWith('{'));
            if (line) resolve(JSON.parse(line));
          });
          child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
        },
      );

    const invalid = run(['--port', 'ochenta', '--data-dir', dataDir]);
    let message = '';
    invalid.stderr!.on('data', (chunk: Buffer) => (message += chunk.toString()));
    expect(await exited(invalid)).toBe(2);
    expect(message).toMatch(/Puerto inválido/);

    const args = ['--port', '0', '--data-dir', dataDir, '--demo-persons', String(PERSONS)];
    const one = run(args);
    const info = await ready(one);
    expect(info).toMatchObject({ dataDir, url: `http://127.0.0.1:${info.port}` });
    const session = await signIn(info, 'agente');
    const page = PullResponse.parse((await pullPage(info, session, '', 10)).json);
    expect(page.epoch).toBe(info.epoch);
    const pushed = await pushOk(info, session, [
      mutation(
        session,
        1,
        'person.update_contact',
        PEDRO,
        { changes: { phone: { from: '+56987654321', to: '+56999990000' } } },
        new Date(),
      ),
    ]);
    expect(pushed.results[0]!.status).toBe('applied');
    one.kill('SIGTERM');
    expect(await exited(one)).toBe(0);

    const two = run([...args, '--reset-epoch']);
    const info2 = await ready(two);
    expect(info2.epoch).not.toBe(info.epoch);
    const session2 = await signIn(info2, 'agente', session.device);
    const old = await pullPage(info2, session2, page.cursor, 10);
    expect(old.status).toBe(410);
    expect(errorCode(old)).toBe('resync_required');
    const fresh = await pullAll(info2, session2, '', 5000);
    expect(fresh.changes.find((c) => c.entity === 'person' && c.key === PEDRO)?.row).toMatchObject({
      phone: '+56999990000',
    });
    const health = await call(info2, 'GET', '/health');
    expect(health.json).toEqual({ ok: true, epoch: info2.epoch });
    two.kill('SIGTERM');
    expect(await exited(two)).toBe(0);
  });

  /**
   * A central database opened with a copy of the server migrations up to (not including) `until`,
   * in a folder the test may add later migrations to.
   */
  function withMigrationsUntil(until: string | null) {
    const dataDir = tempDir();
    const folder = tempDir();
    for (const name of fs.readdirSync(centralMigrationsFolder)) {
      if (until !== null && name >= until) continue;
      fs.copyFileSync(path.join(centralMigrationsFolder, name), path.join(folder, name));
    }
    const open = () =>
      openCentralDatabase({
        dataDir,
        demoPersons: 0,
        now: START,
        resetEpoch: false,
        migrationsFolder: folder,
      });
    /** Adds `until` to the folder and opens again: the database as that migration leaves it. */
    const upgrade = () => {
      fs.copyFileSync(path.join(centralMigrationsFolder, until!), path.join(folder, until!));
      const sqlite = open().db.$client;
      cleanups.push(() => {
        sqlite.close();
      });
      return sqlite;
    };
    return { folder, open, upgrade };
  }

  it('upgrades an older central database in place with its later server migrations', () => {
    const { folder, open } = withMigrationsUntil(null);
    const first = open();
    first.db.$client
      .prepare(
        "INSERT INTO device_state (device_id, agent_id, last_processed, created_at, last_seen_at) VALUES ('d', 'a', 7, 'x', 'x')",
      )
      .run();
    first.db.$client.close();

    fs.writeFileSync(
      path.join(folder, '9999_later.sql'),
      'ALTER TABLE device_state ADD COLUMN label TEXT;',
    );
    const second = open();
    const sqlite = second.db.$client;
    cleanups.push(() => {
      sqlite.close();
    });
    expect(second.created).toBe(false);
    expect(second.epoch).toBe(first.epoch);
    expect(sqlite.prepare('SELECT last_processed, label FROM device_state').get()).toEqual({
      last_processed: 7,
      label: null,
    });
    const applied = (
      sqlite.prepare('SELECT name FROM __central_migrations ORDER BY name').all() as Array<{
        name: string;
      }>
    ).map((row) => row.name);
    expect(applied.at(-1)).toBe('9999_later.sql');
    expect(applied).toEqual([...new Set(applied)]);
  });

  it("moves each processed mutation's lane onto its stored result (migration 0016)", () => {
    const { open, upgrade } = withMigrationsUntil('0016_results_carry_lanes.sql');
    const before = open();
    const result = before.db.$client.prepare(
      `INSERT INTO mutation_results (device_id, mutation_id, action_id, agent_id, kind, payload_hash,
         status, result, processed_at) VALUES ('d', ?, ?, ?, 'account.unlock', 'h', 'applied', '{}', 'x')`,
    );
    const lane = before.db.$client.prepare(
      `INSERT INTO mutation_lanes (device_id, mutation_id, lane_agent_id, sent_by, reassign_reason)
       VALUES ('d', ?, ?, ?, ?)`,
    );
    result.run(1, 'a1', 'agent-a');
    lane.run(1, 'agent-a', null, null);
    // Agent B's action, sent by a supervisor after B left.
    result.run(2, 'a2', 'supervisor');
    lane.run(2, 'agent-b', 'supervisor', 'Turno terminado');
    // Processed before lanes existed and never given one: the sender's lane.
    result.run(3, 'a3', 'agent-a');
    before.db.$client.close();

    const sqlite = upgrade();
    expect(
      sqlite
        .prepare(
          `SELECT mutation_id, agent_id, lane_agent_id, sent_by, reassign_reason
           FROM mutation_results ORDER BY mutation_id`,
        )
        .all(),
    ).toEqual([
      {
        mutation_id: 1,
        agent_id: 'agent-a',
        lane_agent_id: 'agent-a',
        sent_by: null,
        reassign_reason: null,
      },
      {
        mutation_id: 2,
        agent_id: 'supervisor',
        lane_agent_id: 'agent-b',
        sent_by: 'supervisor',
        reassign_reason: 'Turno terminado',
      },
      {
        mutation_id: 3,
        agent_id: 'agent-a',
        lane_agent_id: 'agent-a',
        sent_by: null,
        reassign_reason: null,
      },
    ]);
    expect(
      sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'mutation_lanes'").get(),
    ).toBeUndefined();
    // A lane's last id comes from its index.
    const plan = sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT coalesce(max(mutation_id), 0) FROM mutation_results
         WHERE device_id = 'd' AND lane_agent_id = 'agent-b'`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/COVERING INDEX mutation_results_lane/);
  });

  it("keeps each lane's last processed id in a row of its own (migration 0017)", () => {
    const { open, upgrade } = withMigrationsUntil('0017_device_lanes.sql');
    const before = open();
    const result = before.db.$client.prepare(
      `INSERT INTO mutation_results (device_id, mutation_id, action_id, agent_id, kind, payload_hash,
         status, result, processed_at, lane_agent_id) VALUES (?, ?, ?, ?, 'account.unlock', 'h',
         'applied', '{}', 'x', ?)`,
    );
    result.run('d1', 1, 'a1', 'agent-a', 'agent-a');
    result.run('d1', 2, 'a2', 'agent-b', 'agent-b');
    result.run('d1', 3, 'a3', 'agent-a', 'agent-a');
    // Agent B's, sent by a supervisor after B left: still B's lane.
    result.run('d1', 4, 'a4', 'supervisor', 'agent-b');
    result.run('d2', 1, 'a5', 'agent-a', 'agent-a');
    before.db.$client.close();

    const sqlite = upgrade();
    expect(sqlite.prepare('SELECT * FROM device_lanes ORDER BY device_id, agent_id').all()).toEqual(
      [
        { device_id: 'd1', agent_id: 'agent-a', last_processed: 3 },
        { device_id: 'd1', agent_id: 'agent-b', last_processed: 4 },
        { device_id: 'd2', agent_id: 'agent-a', last_processed: 1 },
      ],
    );
    expect(
      sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'mutation_results_lane'").get(),
    ).toBeUndefined();
    // A push then moves them on; a pull lists them.
    const lanes = createLanes(sqlite);
    const batch = lanes.ofBatch('d1');
    const mutation = (id: number, agentId: string) =>
      ({ id, after: 3, agentId }) as Parameters<typeof batch.check>[0];
    expect(batch.check(mutation(5, 'agent-a'))).toEqual({ kind: 'next' });
    batch.processed(mutation(5, 'agent-a'));
    batch.save();
    expect(lanes.of('d1')).toEqual([
      { agentId: 'agent-a', lastProcessed: 5 },
      { agentId: 'agent-b', lastProcessed: 4 },
    ]);
    expect(lanes.of('d3')).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document listing exactly the routes it dispatches on', async () => {
    const { api } = await start({ portalKey: 'k' });
    const reply = await call(api, 'GET', '/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.json as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const documented = Object.entries(doc.paths)
      .flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`))
      .sort();
    const table = ROUTES.map((route) => `${route.method} ${route.path}`).sort();
    expect(documented).toEqual(table);
    expect(documented).toEqual(
      [
        'GET /health',
        'GET /openapi.json',
        'GET /sync/pull',
        'POST /auth/refresh',
        'POST /auth/sign-in',
        'POST /auth/sign-out',
        'POST /sync/push',
        'POST /admin/devices/revoke',
        // Issue 11: the devices a supervisor may revoke, the officers whose companies she assigns.
        'GET /admin/devices',
        'GET /admin/officers',
        'POST /portal/agreement-signed',
        // Issue 11: a supervisor assigns or takes away an officer's company.
        'POST /admin/agent-scope',
        'POST /sync/anchor',
      ].sort(),
    );
    // Every documented operation is dispatched; anything else is not.
    for (const entry of documented) {
      const [method, route] = entry.split(' ') as [string, string];
      const answer = await call(api, method, route, method === 'POST' ? { body: {} } : {});
      expect([404, 405], entry).not.toContain(answer.status);
    }
    expect((await call(api, 'GET', '/sync/changes')).status).toBe(404);
    expect((await call(api, 'DELETE', '/sync/push')).status).toBe(405);
    // Bodies are described by the protocol's schemas.
    expect(doc.paths['/sync/push']!['post']!.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PushRequest' } } },
    });
    expect(Object.keys(doc.components.schemas['PushRequest']!.properties!)).toEqual(
      expect.arrayContaining(['deviceId', 'sentAt', 'mutations']),
    );
    expect(Object.keys(doc.components.schemas['PullResponse']!.properties!)).toEqual(
      expect.arrayContaining(['epoch', 'cursor', 'hasMore', 'changes', 'progress']),
    );
  });
});

describe('the stored answers of a desk from before lanes', () => {
  it('go in time too: its push says by its first id what it holds, as a pull of a newer desk does', async () => {
    const { api, clock } = await start();
    const session = await signIn(api, 'agente');
    const answeredThrough = () =>
      api.db.$client
        .prepare('SELECT answered_through FROM devices WHERE device_id = ?')
        .pluck()
        .get(session.device);
    const stored = () =>
      (
        api.db.$client
          .prepare('SELECT count(*) AS n FROM mutation_results WHERE device_id = ?')
          .get(session.device) as { n: number }
      ).n;
    // Its first batch (no lanes, no `answered` on its pulls): nothing below id 1 to hold.
    const earlier = [
      passwordReset(session, 1, PEDRO, START),
      passwordReset(session, 2, PEDRO, START, 'portal_heroes'),
    ];
    await pushOk(api, session, earlier);
    expect(answeredThrough()).toBeNull();
    // Its next batch starts at 3: it holds the answers of 1 and 2, and never sends them again.
    await pushOk(api, session, [passwordReset(session, 3, PEDRO, START, 'portal_empresas')]);
    expect(answeredThrough()).toBe(2);
    expect(stored()).toBe(3);
    // Kept a month, then gone: the answer it may still ask for (3) stays.
    expect(api.pruneResults()).toBe(0);
    clock.now = new Date(START.getTime() + 31 * 86_400_000);
    expect(api.pruneResults()).toBe(2);
    expect(stored()).toBe(1);
    // What the pruned actions came to stays: sent again, they are not applied twice.
    expect(
      api.db.$client
        .prepare('SELECT action_id FROM applied_actions ORDER BY first_at')
        .pluck()
        .all(),
    ).toEqual(expect.arrayContaining(earlier.map((m) => m.actionId)));
  });
});
