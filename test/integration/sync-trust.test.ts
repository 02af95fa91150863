/**
 * Issue 11 against the real central API on 127.0.0.1: device trust (a stolen device id, a
 * revocation end to end and re-enrolment, the way out of device_fork), the refresh token's
 * grace after a lost answer, the sign-in rate limit, group commit (a failing action in a batch,
 * a crash mid-batch) and the change log pruned behind the oldest cursor that matters.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startCentralApi,
  type CentralApi,
  type CentralApiOptions,
} from '../../src/central-api/server';
import { openSqlite } from '../../src/storage/db/database';
import { isSealed } from '../../src/main/db/sealed-files';
import { createOutboxMarks } from '../../src/main/sync/device-enrolment';
import { computerName } from '../../src/main/sync/central-client';
import { DeviceListResponse, TokenResponse } from '../../src/shared/sync-protocol';
import { deviceTrustMessages, notFoundMessages, ruleMessages } from '../../src/shared/messages';
import { formatTime } from '../../src/shared/format';
import { EXPORTS_FOLDER } from '../../src/main/services/export-files';
import { excelCsv1252 } from '../support/bulk-files';
import { changeAtAndes, FIXED_NOW, tempDir } from '../support/context';
import {
  act,
  clockAt,
  editPhone,
  openDesk,
  record,
  signIn,
  startCentral,
  startProxy,
  syncNow,
  type Clock,
  type Desk,
} from '../support/sync-setup';

const PEDRO = '12345678-5';
const CAMILA = '16789012-1';
const ANA = '10203040-0';
const body = (rut: string) => Number(rut.split('-')[0]);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

/** The central API with options the shared helper does not pass (limits, retention, TTLs). */
async function startCentralWith(
  clock: Clock,
  options: Partial<CentralApiOptions> = {},
): Promise<CentralApi> {
  const api = await startCentralApi({
    dataDir: tempDir(),
    port: 0,
    demoPersons: 300,
    now: () => clock.now,
    pruneEveryMs: 0,
    log: () => {},
    ...options,
  });
  stops.push(() => api.close());
  return api;
}

const advance = (clock: Clock, ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

type RawSession = { token: string; device: string; secret: string };

async function raw(
  url: string,
  method: string,
  route: string,
  options: { session?: RawSession; device?: string; secret?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { 'X-Client-Version': '0.1.0' };
  const device = options.session?.device ?? options.device;
  const secret = options.session?.secret ?? options.secret;
  if (device) headers['X-Device-Id'] = device;
  if (secret) headers['X-Device-Secret'] = secret;
  if (options.session) headers['Authorization'] = `Bearer ${options.session.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${url}${route}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const json = (await response.json()) as Record<string, unknown> & {
    error?: { code: string; message: string };
  };
  return { status: response.status, headers: response.headers, json };
}

async function rawSignIn(
  url: string,
  username: string,
  password: string,
  device: string = randomUUID(),
  secret: string = randomBytes(32).toString('base64url'),
) {
  const reply = await raw(url, 'POST', '/auth/sign-in', {
    body: { username, password, deviceId: device, deviceSecret: secret },
  });
  return { reply, device, secret };
}

async function supervisor(url: string): Promise<RawSession> {
  const { reply, device, secret } = await rawSignIn(url, 'supervisora', 'super600');
  expect(reply.status).toBe(200);
  return { token: TokenResponse.parse(reply.json).accessToken, device, secret };
}

const count = (api: CentralApi, sql: string, ...params: unknown[]) =>
  (api.db.$client.prepare(sql).get(...params) as { n: number }).n;

const deskCount = (desk: Desk, table: string) =>
  (desk.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** «Inscribir como equipo nuevo», signed in again, and its queue sent: nothing refused. */
async function reenrolled(desk: Desk): Promise<void> {
  expect((await desk.dispatch('sync.reenrol', {})).ok).toBe(true);
  await signIn(desk, 'agente');
  expect(await syncNow(desk)).toMatchObject({
    state: 'idle',
    pending: 0,
    conflicts: 0,
    rejected: 0,
  });
}

/** How many times the central logged a change of this person (once per action applied). */
const personChanges = (api: CentralApi, rut: string) =>
  count(api, "SELECT count(*) AS n FROM change_log WHERE entity = 'person' AND key = ?", body(rut));

const serverPhone = (api: CentralApi, rut: string) =>
  api.db.$client.prepare('SELECT phone, version FROM persons WHERE rut = ?').get(body(rut)) as {
    phone: string | null;
    version: number;
  };

const secretFile = (desk: Desk) =>
  JSON.parse(fs.readFileSync(path.join(deskDir(desk), 'device-secret.json'), 'utf8')) as {
    deviceId: string;
    secret: string;
  };

const deskDir = (desk: Desk) => {
  const info = desk.dispatchNow('app.info', {});
  if (!info.ok) throw new Error('app.info');
  return (info.value as { dataDir: string }).dataDir;
};

describe('device trust', () => {
  it('a stolen device id without its secret can neither push as it nor wedge it', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url);
    await syncNow(desk);
    const victim = desk.context.deviceId;
    // The desk enrolled with a secret of its own; the central keeps only its hash.
    const stored = secretFile(desk);
    expect(stored.deviceId).toBe(victim);
    const row = central.db.$client
      .prepare('SELECT secret_hash FROM devices WHERE device_id = ?')
      .get(victim) as { secret_hash: string };
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_hash).not.toContain(stored.secret);

    // Someone who knows the id (it is shown on screen, stamped on audit events) and a valid
    // password, but not the secret: no session for that device.
    const thief = await rawSignIn(central.url, 'agente', 'agente600', victim);
    expect(thief.reply.status).toBe(401);
    expect(thief.reply.json.error?.code).toBe('device_untrusted');
    const noSecret = await raw(central.url, 'POST', '/auth/sign-in', {
      body: { username: 'agente', password: 'agente600', deviceId: victim },
    });
    expect(noSecret.status).toBe(426);
    expect(count(central, 'SELECT count(*) AS n FROM tokens WHERE device_id = ?', victim)).toBe(2);

    // With a session of his own device, claiming the victim's id: refused, nothing recorded.
    const own = await rawSignIn(central.url, 'agente', 'agente600');
    const token = TokenResponse.parse(own.reply.json).accessToken;
    const mutation = {
      id: 1,
      actionId: randomUUID(),
      agentId: 'agent-demo',
      kind: 'person.update_contact',
      personRut: body(PEDRO),
      payload: { changes: { phone: { from: null, to: '+56900000000' } } },
      decidedAt: new Date().toISOString(),
      payloadHash: 'f'.repeat(64),
    };
    for (const secret of [undefined, own.secret, randomBytes(32).toString('base64url')]) {
      const pushed = await raw(central.url, 'POST', '/sync/push', {
        session: { token, device: victim, secret: secret! },
        body: { deviceId: victim, sentAt: new Date().toISOString(), mutations: [mutation] },
      });
      expect(pushed.status).toBe(401);
    }
    expect(count(central, 'SELECT count(*) AS n FROM mutation_results')).toBe(0);

    // The real desk is not wedged: its first action goes through as number 1.
    editPhone(desk, PEDRO, '+56 9 4242 4242');
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0 });
    expect(serverPhone(central, PEDRO).phone).toBe('+56942424242');
  });

  it('a revoked device stops, its replica is wiped, its unsent actions are kept in a file, and it comes back only when enrolled again', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url);
    await syncNow(desk);
    const revokedId = desk.context.deviceId;
    const { secret } = secretFile(desk);
    const before = serverPhone(central, PEDRO);
    // A conflict left to review: another desk changed Camila's mobile first.
    const other = await openDesk(central.url);
    await syncNow(other);
    editPhone(other, CAMILA, '+56 9 1212 3434');
    await syncNow(other);
    const disputed = editPhone(desk, CAMILA, '+56 9 5656 7878');
    expect(await syncNow(desk)).toMatchObject({ conflicts: 1, pending: 0 });
    // Work that has not reached the central yet.
    const receipt = editPhone(desk, PEDRO, '+56 9 7777 1234');

    // Only a supervisor may revoke.
    const agentOnly = await rawSignIn(central.url, 'agente', 'agente600');
    const agentSession = {
      token: TokenResponse.parse(agentOnly.reply.json).accessToken,
      device: agentOnly.device,
      secret: agentOnly.secret,
    };
    const refused = await raw(central.url, 'POST', '/admin/devices/revoke', {
      session: agentSession,
      body: { deviceId: revokedId },
    });
    expect(refused.status).toBe(403);
    const boss = await supervisor(central.url);
    const unknown = await raw(central.url, 'POST', '/admin/devices/revoke', {
      session: boss,
      body: { deviceId: randomUUID() },
    });
    expect(unknown.status).toBe(404);
    const revoked = await raw(central.url, 'POST', '/admin/devices/revoke', {
      session: boss,
      body: { deviceId: revokedId, reason: 'Notebook extraviado' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ deviceId: revokedId, revokedBy: 'supervisora' });
    // A sign-out it sends meanwhile is answered, not told of the revocation: it wipes nothing.
    const out = await raw(central.url, 'POST', '/auth/sign-out', {
      device: revokedId,
      secret,
      body: { refreshToken: 'x'.repeat(43) },
    });
    expect(out.status).toBe(200);
    // Named by its computer; not yet told of its revocation.
    const listedNow = await raw(central.url, 'GET', '/admin/devices', { session: boss });
    expect(
      DeviceListResponse.parse(listedNow.json).devices.find((d) => d.deviceId === revokedId),
    ).toMatchObject({
      name: computerName(),
      revocationToldAt: null,
      revocationToldKnown: true,
    });
    // Its sessions end at once.
    expect(count(central, 'SELECT count(*) AS n FROM tokens WHERE device_id = ?', revokedId)).toBe(
      0,
    );

    // A call and an officer's visit recorded on this desk leave in the file, each by its name.
    const interaction = desk.db.$client.prepare(
      `INSERT INTO interactions (id, agent_id, person_rut, reason, opened_at, kind)
       VALUES (?, 'agent-demo', NULL, 'other', '2026-12-01T12:00:00.000Z', ?)`,
    );
    interaction.run('call-kept', 'call');
    interaction.run('visit-kept', 'visit');

    // Next contact: the desk learns it, saves its unsent action, wipes the replica.
    const status = await syncNow(desk);
    expect(status).toMatchObject({ state: 'revoked', pending: 0, persons: 0 });
    expect(status.revocation).toMatchObject({ actions: 1, toReview: 1, interactions: 2 });
    expect(deviceTrustMessages.revokedSaved(1, 1, 2)).toBe(
      'La acción que no alcanzó a enviarse y la acción que estaba por revisar (un conflicto, un rechazo o un correo no enviado), con las 2 llamadas y visitas registradas en este equipo, quedaron guardadas en este archivo:',
    );
    // With no action left, an open visit is still in the file, and said (walk 60b L3).
    expect(deviceTrustMessages.revokedSaved(0, 0, 1)).toBe(
      'No quedaban acciones pendientes ni por revisar; la llamada o visita registrada en este equipo quedó guardada en este archivo:',
    );
    expect(deviceTrustMessages.revokedWhatToDo(1)).toContain('(el archivo no se toca)');
    expect(deviceTrustMessages.revokedWhatToDo(0)).not.toContain('archivo');
    for (const table of ['persons', 'accounts', 'memberships', 'companies', 'outbox', 'agents']) {
      expect(deskCount(desk, table), table).toBe(0);
    }
    const file = status.revocation!.file;
    expect(path.dirname(file)).toBe(deskDir(desk));
    // Sealed with the replica's key, as the Ley 21.719 exports are: nobody's data in the clear
    // on a laptop that may be in the wrong hands; the desk opens it to hand a copy out.
    expect(isSealed(file)).toBe(true);
    expect(fs.readFileSync(file).includes(Buffer.from('González'))).toBe(false);
    const copy = desk.dispatchNow('sync.revocationFile', {});
    if (!copy.ok) throw new Error(copy.error.message);
    const { content } = copy.value as { fileName: string; content: string };
    const saved = JSON.parse(content) as {
      equipo: string;
      acciones: Array<{ actionId: string; rut: string; kind: string; payload: unknown }>;
      accionesPorRevisar: Array<{ actionId: string; rut: string; state: string }>;
      llamadas: Array<{ id: string }>;
      visitas: Array<{ id: string }>;
    };
    expect(saved.llamadas.map((row) => row.id)).toEqual(['call-kept']);
    expect(saved.visitas.map((row) => row.id)).toEqual(['visit-kept']);
    expect(saved.equipo).toBe(revokedId);
    expect(saved.acciones).toEqual([
      expect.objectContaining({
        actionId: receipt.actionId,
        rut: PEDRO,
        kind: 'person.update_contact',
      }),
    ]);
    expect(JSON.stringify(saved.acciones[0]!.payload)).toContain('+56977771234');
    // The conflict nobody had decided leaves with it, not with the wiped queue.
    expect(saved.accionesPorRevisar).toEqual([
      expect.objectContaining({ actionId: disputed.actionId, rut: CAMILA, state: 'conflict' }),
    ]);
    // …and in words for the supervisor who reads it: when (Chile), who, what, whom, the change.
    const words = saved as unknown as {
      revocadoEl: string;
      resumen: string[];
      porRevisar: string[];
    };
    expect(words.revocadoEl).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2} \(hora de Chile\)$/);
    expect(words.resumen).toEqual([
      expect.stringMatching(
        /^\d{2}-\d{2}-\d{4} \d{2}:\d{2} · Alicia Agente · Cambió datos de contacto · Pedro Andrés González Muñoz \(12\.345\.678-5\) · Celular: .+ → \+56 9 7777 1234 · Motivo del agente: Actualización en terreno$/,
      ),
    ]);
    expect(words.porRevisar).toEqual([
      expect.stringMatching(
        /^Conflicto · \d{2}-\d{2}-\d{4} \d{2}:\d{2} · Alicia Agente · Cambió datos de contacto · .+ \(16\.789\.012-1\) · Celular: .+ → \+56 9 5656 7878 · Motivo del agente: Actualización en terreno · Respuesta del sistema central: Otra persona cambió este dato mientras tanto\./,
      ),
    ]);
    // A copy is handed out before anyone signs in (the file is on this computer already).
    expect(copy.value).toEqual({ fileName: path.basename(file), content });
    // Moved away by hand: said as such, in Spanish, not as an unexpected failure.
    fs.renameSync(file, `${file}.aparte`);
    expect(desk.dispatchNow('sync.revocationFile', {})).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: notFoundMessages.revocation_file },
    });
    // Damaged (or another desk's put in its place): said, and nothing half-read is handed out.
    const sealed = fs.readFileSync(`${file}.aparte`);
    fs.writeFileSync(file, sealed.subarray(0, sealed.length - 1));
    expect(desk.dispatchNow('sync.revocationFile', {})).toMatchObject({
      ok: false,
      error: { code: 'rule', message: /está dañado o no se abre con la clave de este equipo/ },
    });
    fs.renameSync(`${file}.aparte`, file);
    // It never reached the central, and nothing more leaves this desk.
    expect(serverPhone(central, PEDRO)).toEqual(before);
    expect(desk.dispatchNow('auth.session', {})).toEqual({ ok: true, value: null });
    await desk.sync()!.syncNow();
    expect(desk.dispatchNow('sync.status', {})).toMatchObject({ value: { state: 'revoked' } });
    // Only the conflict's answer, from before the revocation.
    expect(
      count(central, 'SELECT count(*) AS n FROM mutation_results WHERE device_id = ?', revokedId),
    ).toBe(1);

    // Nobody signs in on it, online or offline, and the central refuses it even with its secret.
    const signInAgain = await desk.dispatch('auth.signIn', {
      username: 'agente',
      password: 'agente600',
    });
    expect(signInAgain).toMatchObject({ ok: false, error: { code: 'rule' } });
    expect(!signInAgain.ok && signInAgain.error.message).toMatch(
      /fue revocado en el sistema central/,
    );
    const withSecret = await rawSignIn(central.url, 'agente', 'agente600', revokedId, secret);
    expect(withSecret.reply.status).toBe(403);
    expect(withSecret.reply.json.error?.code).toBe('device_revoked');

    // Re-enrolment is explicit: a new identity, then a sign-in, then a fresh replica.
    const again = await desk.dispatch('sync.reenrol', {});
    expect(again).toMatchObject({ ok: true, value: { revocation: null } });
    const newId = desk.context.deviceId;
    expect(newId).not.toBe(revokedId);
    // Until enrolled, the desk keeps the old identity's proof beside the new one…
    expect(secretFile(desk)).toMatchObject({
      deviceId: newId,
      former: { deviceId: revokedId, secret },
    });
    await signIn(desk, 'agente');
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0, persons: 300 });
    expect(record(desk, PEDRO).phone).toBe(before.phone);
    // …which the central took as the same computer, and then forgets the old secret.
    expect(secretFile(desk)).not.toHaveProperty('former');
    const listed = await raw(central.url, 'GET', '/admin/devices', { session: boss });
    const devices = DeviceListResponse.parse(listed.json).devices;
    expect(devices.find((d) => d.deviceId === newId)).toMatchObject({
      formerDeviceId: revokedId,
      nextDeviceId: null,
    });
    expect(devices.find((d) => d.deviceId === revokedId)).toMatchObject({
      formerDeviceId: null,
      nextDeviceId: newId,
      // It was told at its next contact, and wiped its replica then.
      revocationToldAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // The file stays for the supervisor.
    expect(fs.existsSync(file)).toBe(true);
  });

  it('a file of unsent actions an earlier version wrote in the clear is sealed when the desk starts', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    const desk = await openDesk(central.url, { dataDir });
    await syncNow(desk);
    editPhone(desk, PEDRO, '+56 9 7777 4321');
    const boss = await supervisor(central.url);
    const revoked = await raw(central.url, 'POST', '/admin/devices/revoke', {
      session: boss,
      body: { deviceId: desk.context.deviceId, reason: 'Notebook extraviado' },
    });
    expect(revoked.status).toBe(200);
    const file = (await syncNow(desk)).revocation!.file;
    const copy = desk.dispatchNow('sync.revocationFile', {});
    if (!copy.ok) throw new Error(copy.error.message);
    const { content } = copy.value as { content: string };
    desk.close();
    // As an earlier version left it: the same words, in the clear.
    fs.writeFileSync(file, content);
    expect(isSealed(file)).toBe(false);

    const again = await openDesk(central.url, { dataDir, user: null });
    await vi.waitFor(() => expect(isSealed(file)).toBe(true));
    expect(fs.readFileSync(file).includes(Buffer.from('+56977774321'))).toBe(false);
    expect(again.dispatchNow('sync.revocationFile', {})).toMatchObject({
      ok: true,
      value: { content },
    });
  });

  it('a revoked device keeps no bulk load as read and no Ley 21.719 export', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(desk);
    // A company's file loaded, confirmed by the central; a person's whole record exported.
    const shown = act(desk, 'bulkLoads.preview', {
      companyRut: '78901234-2',
      fileName: 'espiga.csv',
      contentBase64: Buffer.from(
        excelCsv1252([
          ['RUT', 'Correo electrónico', 'Estado'],
          ['13.579.246-2', 'marcela.nueva@laespiga.cl', ''],
        ]),
      ).toString('base64'),
    });
    act(desk, 'bulkLoads.apply', { previewId: shown.previewId, reason: 'Archivo de RR.HH.' });
    const number = act(desk, 'dataRequests.record', {
      rut: PEDRO,
      right: 'access',
      channel: 'email',
      identityMethod: 'signed_document',
      identityFacts: [],
      detail: 'Copia de todos mis datos personales',
    }).request.number as string;
    await syncNow(desk);
    const exported = await desk.dispatch('dataRequests.export', { number });
    expect(exported.ok).toBe(true);
    const exports = path.join(deskDir(desk), EXPORTS_FOLDER);
    expect(fs.readdirSync(exports)).toHaveLength(2);
    expect(deskCount(desk, 'bulk_batch_rows')).toBe(1);

    const boss = await supervisor(central.url);
    const revoked = await raw(central.url, 'POST', '/admin/devices/revoke', {
      session: boss,
      body: { deviceId: desk.context.deviceId, reason: 'Notebook extraviado' },
    });
    expect(revoked.status).toBe(200);
    expect(await syncNow(desk)).toMatchObject({ state: 'revoked' });
    for (const table of ['bulk_batches', 'bulk_batch_rows', 'data_request_exports']) {
      expect(deskCount(desk, table), table).toBe(0);
    }
    expect(fs.existsSync(exports)).toBe(false);

    // One that could not go then (open in another program) goes when the desk next starts.
    const dataDir = deskDir(desk);
    fs.mkdirSync(exports);
    fs.writeFileSync(path.join(exports, 'abierto-en-otro-programa.html'), '<p>Pedro</p>');
    desk.close();
    await openDesk(central.url, { dataDir, user: null });
    expect(fs.existsSync(exports)).toBe(false);
  });

  it('a supervisor lists the devices and revokes another from her own desk, audited', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock });
    const field = await openDesk(central.url, { user: 'prevencion', clock });
    await syncNow(field);
    // Ten minutes later his laptop sends a fix: its last contact.
    advance(clock, 10 * MIN);
    editPhone(field, CAMILA, '+56 9 6666 4321');
    await syncNow(field);
    const lastContact = clock.now.toISOString();
    editPhone(field, ANA, '+56 9 6666 1234');
    const boss = await openDesk(central.url, { user: 'supervisora', clock });
    await syncNow(boss);
    const agentDesk = await openDesk(central.url, { user: 'agente', clock });
    type Listed = {
      devices: Array<Record<string, unknown> & { deviceId: string; thisDevice: boolean }>;
    };
    const list = async (desk: Desk) => {
      const answer = await desk.dispatch('devices.list', {});
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as Listed;
    };

    const listed = await list(boss);
    const fieldId = field.context.deviceId;
    const officer = listed.devices.find((device) => device.deviceId === fieldId);
    expect(officer).toMatchObject({
      thisDevice: false,
      enrolledBy: 'Héctor Contreras (prevención)',
      signedIn: ['Héctor Contreras (prevención)'],
      lastContactAt: lastContact,
      revokedAt: null,
    });
    expect(listed.devices.find((device) => device.thisDevice)?.deviceId).toBe(
      boss.context.deviceId,
    );
    expect(listed.devices).toHaveLength(3);
    // A desk that only polls, with nothing new to pull, still shows as in contact: noted when
    // five minutes have passed since the last note, not at every poll.
    const contactOf = async (desk: Desk) =>
      (await list(boss)).devices.find((device) => device.deviceId === desk.context.deviceId)
        ?.lastContactAt;
    advance(clock, 6 * MIN);
    await syncNow(boss);
    const polled = clock.now.toISOString();
    expect(await contactOf(boss)).toBe(polled);
    advance(clock, 2 * MIN);
    await syncNow(boss);
    expect(await contactOf(boss)).toBe(polled);

    // Only a supervisor, on the desk and on the central API (an agent's token is refused there).
    expect(await agentDesk.dispatch('devices.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const agentOnly = await rawSignIn(central.url, 'agente', 'agente600');
    const agentSession = {
      token: TokenResponse.parse(agentOnly.reply.json).accessToken,
      device: agentOnly.device,
      secret: agentOnly.secret,
    };
    for (const route of ['/admin/devices', '/admin/officers']) {
      expect((await raw(central.url, 'GET', route, { session: agentSession })).status, route).toBe(
        403,
      );
    }
    // Not the desk in use, not without a reason, not a device the central does not know.
    const refusedWith = async (input: { deviceId: string; reason: string }) => {
      const answer = await boss.dispatch('devices.revoke', input);
      return answer.ok ? null : answer.error.message;
    };
    expect(await refusedWith({ deviceId: boss.context.deviceId, reason: 'Prueba' })).toMatch(
      /No puede revocar el equipo que está usando/,
    );
    expect(await refusedWith({ deviceId: fieldId, reason: 'ok' })).toMatch(
      /motivo \(al menos 3 caracteres\)/,
    );
    expect(await refusedWith({ deviceId: randomUUID(), reason: 'Prueba' })).toMatch(
      /ya no figura en el sistema central/,
    );
    expect(count(central, 'SELECT count(*) AS n FROM devices WHERE revoked_at IS NOT NULL')).toBe(
      0,
    );

    const revoked = await boss.dispatch('devices.revoke', {
      deviceId: fieldId,
      reason: 'Notebook robado, denuncia 1234',
    });
    expect(revoked).toEqual({
      ok: true,
      value: { deviceId: fieldId, revokedAt: clock.now.toISOString() },
    });
    const after = (await list(boss)).devices;
    // The revoked one goes last, with who, when and why; its sessions are gone.
    expect(after.at(-1)).toMatchObject({
      deviceId: fieldId,
      revokedAt: clock.now.toISOString(),
      revokedBy: 'Sara Supervisora',
      revokeReason: 'Notebook robado, denuncia 1234',
      signedIn: [],
    });
    // In the supervisor's audit chain, with the reason.
    const event = boss.db.$client
      .prepare("SELECT agent_id, after, reason FROM audit_events WHERE action = 'device.revoke'")
      .get() as { agent_id: string; after: string; reason: string };
    expect(event.reason).toBe('Notebook robado, denuncia 1234');
    expect(JSON.parse(event.after)).toEqual({
      deviceId: fieldId,
      revokedAt: clock.now.toISOString(),
      decisionId: expect.any(String),
    });
    // Revoked again (a list gone stale): refused, and the first revocation stands, audited once.
    advance(clock, MIN);
    expect(await refusedWith({ deviceId: fieldId, reason: 'Segunda vez' })).toMatch(
      /Ese equipo ya estaba revocado \(el .* por Sara Supervisora\)/,
    );
    expect(
      count(central, 'SELECT count(*) AS n FROM devices WHERE revoke_reason = ?', 'Segunda vez'),
    ).toBe(0);
    expect(
      boss.db.$client
        .prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'device.revoke'")
        .get(),
    ).toEqual({ n: 1 });
    // The officer's laptop learns it at its next contact; its unsent action is kept in a file.
    expect(await syncNow(field)).toMatchObject({ state: 'revoked', revocation: { actions: 1 } });

    // Without the central API, the screen says so and nothing changes.
    await central.close();
    const offline = await boss.dispatch('devices.list', {});
    expect(offline).toMatchObject({ ok: false, error: { code: 'rule' } });
    expect(!offline.ok && offline.error.message).toMatch(/No hay conexión con el sistema central/);
  });

  it('a revocation whose answer was lost is asked again as the same decision: done, and audited once', async () => {
    const central = await startCentral();
    const field = await openDesk(central.url, { user: 'prevencion' });
    await syncNow(field);
    const proxy = await startProxy(central.url);
    const boss = await openDesk(proxy.url, { user: 'supervisora' });
    await syncNow(boss);
    // The central API revokes, and its answer never reaches the desk: the desk asks again.
    let dropped = 0;
    proxy.setFaults((request) =>
      request.path === '/admin/devices/revoke' && dropped++ === 0
        ? { kind: 'drop_response' }
        : { kind: 'pass' },
    );
    const fieldId = field.context.deviceId;
    const revoked = await boss.dispatch('devices.revoke', {
      deviceId: fieldId,
      reason: 'Notebook extraviado',
    });
    expect(dropped).toBe(2);
    expect(revoked).toMatchObject({ ok: true, value: { deviceId: fieldId } });
    expect(count(central, 'SELECT count(*) AS n FROM devices WHERE revoked_at IS NOT NULL')).toBe(
      1,
    );
    const audited = boss.db.$client
      .prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'device.revoke'")
      .get() as { n: number };
    expect(audited.n).toBe(1);
    // Another decision about the same device is told it was already revoked.
    expect(
      await boss.dispatch('devices.revoke', { deviceId: fieldId, reason: 'Notebook extraviado' }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/ya estaba revocado/) } });
  });

  it('signing out on the desk ends the session on the central API too', async () => {
    const central = await startCentral();
    const field = await openDesk(central.url, { user: 'prevencion' });
    await syncNow(field);
    const boss = await openDesk(central.url, { user: 'supervisora' });
    const sessionsOf = async (deviceId: string) => {
      const answer = await boss.dispatch('devices.list', {});
      if (!answer.ok) throw new Error(answer.error.message);
      const { devices } = answer.value as {
        devices: Array<{ deviceId: string; signedIn: string[] }>;
      };
      return devices.find((device) => device.deviceId === deviceId)?.signedIn;
    };
    const fieldId = field.context.deviceId;
    expect(await sessionsOf(fieldId)).toEqual(['Héctor Contreras (prevención)']);
    const tokensOf = () =>
      count(central, 'SELECT count(*) AS n FROM tokens WHERE device_id = ?', fieldId);
    expect(tokensOf()).toBe(2);
    expect(field.dispatchNow('auth.signOut', {})).toEqual({ ok: true, value: {} });
    // Not waited for by the desk: it reaches the central API a moment later.
    await expect.poll(tokensOf).toBe(0);
    expect(await sessionsOf(fieldId)).toEqual([]);

    // He signs in again at once: a new session, and the sync goes on.
    await signIn(field, 'prevencion');
    editPhone(field, ANA, '+56 9 6363 6363');
    expect(await syncNow(field)).toMatchObject({ state: 'idle', pending: 0 });
    expect(await sessionsOf(fieldId)).toEqual(['Héctor Contreras (prevención)']);

    // Another agent takes the desk («Otro agente»): the one before is signed out there too.
    await signIn(field, 'agente');
    const hisTokens = () =>
      count(
        central,
        "SELECT count(*) AS n FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.device_id = ? AND a.username = 'prevencion'",
        fieldId,
      );
    await expect.poll(hisTokens).toBe(0);
    expect(await sessionsOf(fieldId)).toEqual(['Alicia Agente']);

    // Offline, signing out still works on the desk (the session expires there by itself).
    await central.close();
    expect(field.dispatchNow('auth.signOut', {})).toEqual({ ok: true, value: {} });
    expect(field.dispatchNow('auth.session', {})).toEqual({ ok: true, value: null });
  });

  it('a sign-out the central API did not hear is sent when it is next reached', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const field = await openDesk(proxy.url, { user: 'prevencion' });
    await syncNow(field);
    const fieldId = field.context.deviceId;
    const officerTokens = () =>
      count(
        central,
        "SELECT count(*) AS n FROM tokens t JOIN agents a ON a.id = t.agent_id WHERE t.device_id = ? AND a.username = 'prevencion'",
        fieldId,
      );
    expect(officerTokens()).toBe(2);

    // «Salir» with the central API out of reach: the session ends here, not there…
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    expect(field.dispatchNow('auth.signOut', {})).toEqual({ ok: true, value: {} });
    const owed = () =>
      field.db.$client
        .prepare("SELECT value FROM sync_state WHERE key = 'sign_outs_owed'")
        .pluck()
        .get() as string | undefined;
    await expect.poll(owed).toBeTruthy();
    expect(officerTokens()).toBe(2);

    // …until the next agent signs in there: the sign-out it owed goes first, and is not owed
    // again.
    const signOuts = () => proxy.seen.filter((r) => r.path === '/auth/sign-out').length;
    const tried = signOuts();
    proxy.setFaults(() => ({ kind: 'pass' }));
    await signIn(field, 'agente');
    await expect.poll(officerTokens).toBe(0);
    expect(owed()).toBeUndefined();
    const sent = signOuts();
    expect(sent).toBeGreaterThan(tried);
    await syncNow(field);
    expect(signOuts()).toBe(sent);
  });

  it('is revoked from the command line too, while the server runs', async () => {
    const clock = clockAt();
    const dataDir = tempDir();
    const central = await startCentralWith(clock, { dataDir });
    const desk = await openDesk(central.url, { clock });
    await syncNow(desk);
    const id = desk.context.deviceId;
    // By the short id the desk's lists show.
    const cli = await runNode([
      'src/central-api/start.ts',
      '--data-dir',
      dataDir,
      '--revoke-device',
      id.slice(0, 8).toUpperCase(),
      '--reason',
      'Equipo dado de baja',
    ]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ deviceId: id, revokedBy: 'línea de comandos' });
    const bad = await runNode([
      'src/central-api/start.ts',
      '--data-dir',
      dataDir,
      '--revoke-device',
      'x',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Identificador de equipo inválido: x\. Escriba el identificador/);
    const none = await runNode([
      'src/central-api/start.ts',
      '--data-dir',
      dataDir,
      '--revoke-device',
      'ffffffff',
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No hay un equipo inscrito con el identificador ffffffff\./);
    expect(await syncNow(desk)).toMatchObject({ state: 'revoked' });
  });

  it('leaves device_fork by enrolling as a new device, losing nothing and applying nothing twice', async () => {
    const central = await startCentral();
    const dirA = tempDir();
    const a = await openDesk(central.url, { dataDir: dirA });
    await syncNow(a);
    // Queued on A before its data folder is copied: both copies hold it, with the same number.
    const shared = editPhone(a, PEDRO, '+56 9 3000 0001');
    a.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const dirB = tempDir();
    fs.cpSync(dirA, dirB, { recursive: true });
    const b = await openDesk(central.url, { dataDir: dirB });
    expect(b.context.deviceId).toBe(a.context.deviceId);

    await syncNow(a);
    const onlyA = editPhone(a, CAMILA, '+56 9 3000 0002');
    expect(await syncNow(a)).toMatchObject({ state: 'idle', pending: 0 });
    // B numbers its next action like A's: same id, other content.
    const onlyB = editPhone(b, ANA, '+56 9 3000 0003');
    const forked = await syncNow(b);
    expect(forked).toMatchObject({
      state: 'device_fork',
      pending: 2,
      lastErrorCode: 'device_fork',
    });
    expect(serverPhone(central, ANA).phone).not.toBe('+56930000003');

    await reenrolled(b);
    expect(b.context.deviceId).not.toBe(a.context.deviceId);
    // The copy proved the identity it shared with A: the list shows where it came from.
    expect(
      central.db.$client
        .prepare('SELECT former_device_id FROM devices WHERE device_id = ?')
        .pluck()
        .get(b.context.deviceId),
    ).toBe(a.context.deviceId);

    expect(serverPhone(central, ANA).phone).toBe('+56930000003');
    expect(serverPhone(central, CAMILA).phone).toBe('+56930000002');
    // The action both copies held was applied once: answered again, not applied again.
    const pedro = serverPhone(central, PEDRO);
    expect(pedro.phone).toBe('+56930000001');
    expect(
      central.db.$client
        .prepare('SELECT status FROM mutation_results WHERE action_id = ? ORDER BY device_id')
        .all(shared.actionId),
    ).toHaveLength(2);
    expect(personChanges(central, PEDRO)).toBe(1);
    for (const action of [shared, onlyA, onlyB]) {
      expect(
        count(
          central,
          "SELECT count(*) AS n FROM mutation_results WHERE action_id = ? AND status = 'applied'",
          action.actionId,
        ),
      ).toBeGreaterThan(0);
    }
    // A keeps syncing under its own identity.
    editPhone(a, PEDRO, '+56 9 3000 0004');
    expect(await syncNow(a)).toMatchObject({ state: 'idle', pending: 0 });
    expect(await syncNow(b)).toMatchObject({ state: 'idle' });
    expect(record(b, PEDRO).phone).toBe('+56930000004');
  });
});

describe('a desk that lost its secret', () => {
  it('enrols as a new device at its next sign-in and sends its queue, applied once', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    const first = await openDesk(central.url, { dataDir });
    await syncNow(first);
    const oldId = first.context.deviceId;
    const queued = editPhone(first, PEDRO, '+56 9 2323 2323');
    first.close();
    // The keychain lost it (a new user profile, a repaired OS): the id remains, the secret not.
    fs.rmSync(path.join(dataDir, 'device-secret.json'));

    const again = await openDesk(central.url, { dataDir });
    expect(again.context.deviceId).not.toBe(oldId);
    expect(secretFile(again).deviceId).toBe(again.context.deviceId);
    expect(await syncNow(again)).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
    expect(serverPhone(central, PEDRO).phone).toBe('+56923232323');
    expect(
      count(
        central,
        'SELECT count(*) AS n FROM mutation_results WHERE action_id = ?',
        queued.actionId,
      ),
    ).toBe(1);
    // The old identity was never taken over: it still has only its own secret.
    expect(count(central, 'SELECT count(*) AS n FROM devices WHERE device_id = ?', oldId)).toBe(1);
    // Nor is the new one listed as that computer: without the old secret nothing proves it.
    expect(
      central.db.$client
        .prepare('SELECT former_device_id FROM devices WHERE device_id = ?')
        .pluck()
        .get(again.context.deviceId),
    ).toBeNull();
  });
});

describe('sessions', () => {
  it('the refresh token survives one lost answer', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock, accessTtlMs: 60_000 });
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { clock });
    await syncNow(desk);
    advance(clock, 2 * MIN);
    editPhone(desk, PEDRO, '+56 9 6060 6060');
    let lost = 0;
    proxy.setFaults((request) => {
      if (request.path !== '/auth/refresh' || lost > 0) return { kind: 'pass' };
      lost++;
      // The central rotates the token; the answer carrying the new pair never arrives.
      return { kind: 'drop_response' };
    });
    expect(await syncNow(desk)).toMatchObject({ state: 'offline', pending: 1 });
    expect(lost).toBe(1);
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0 });
    expect(serverPhone(central, PEDRO).phone).toBe('+56960606060');
    // The pair nobody received was withdrawn: one live session on this device.
    expect(
      count(
        central,
        "SELECT count(*) AS n FROM tokens WHERE device_id = ? AND kind = 'refresh'",
        desk.context.deviceId,
      ),
    ).toBe(1);
  });

  it("a supervisor's call and the sync refreshing together spend the refresh token once", async () => {
    const clock = clockAt();
    const central = await startCentral({ clock, accessTtlMs: 60_000 });
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { clock, user: 'supervisora' });
    await syncNow(desk);
    advance(clock, 2 * MIN);
    editPhone(desk, PEDRO, '+56 9 6161 6161');
    // Both meet the expired access token at once: the sync's push and the list of devices.
    const before = proxy.seen.length;
    const [status, listed] = await Promise.all([syncNow(desk), desk.dispatch('devices.list', {})]);
    const refreshes = proxy.seen
      .slice(before)
      .filter((request) => request.path === '/auth/refresh').length;
    expect(refreshes).toBe(1);
    expect(listed.ok).toBe(true);
    expect(status).toMatchObject({ state: 'idle', pending: 0 });
    // Still signed in on the central API afterwards, on both paths.
    advance(clock, 30_000);
    expect((await desk.dispatch('devices.list', {})).ok).toBe(true);
    editPhone(desk, PEDRO, '+56 9 6262 6262');
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0 });
    expect(serverPhone(central, PEDRO).phone).toBe('+56962626262');
  });

  it('a sign-out ends its own session, never a newer sign-in of the same agent, even one made in the same millisecond', async () => {
    const clock = clockAt();
    const central = await startCentralWith(clock);
    const first = await rawSignIn(central.url, 'agente', 'agente600');
    const older = TokenResponse.parse(first.reply.json);
    // The clock does not move: both sign-ins are stamped alike.
    const again = await rawSignIn(central.url, 'agente', 'agente600', first.device, first.secret);
    const newer = TokenResponse.parse(again.reply.json);
    const proof = { device: first.device, secret: first.secret };
    // The older session's sign-out arrives after the newer sign-in was answered.
    const out = await raw(central.url, 'POST', '/auth/sign-out', {
      ...proof,
      body: { refreshToken: older.refreshToken },
    });
    expect(out).toMatchObject({ status: 200, json: { signedOut: true } });
    const refresh = (refreshToken: string) =>
      raw(central.url, 'POST', '/auth/refresh', { ...proof, body: { refreshToken } });
    expect((await refresh(older.refreshToken)).status).toBe(401);
    expect((await refresh(newer.refreshToken)).status).toBe(200);
    // Once more, or with a token it does not know: nothing to end, and nothing else is said.
    const twice = await raw(central.url, 'POST', '/auth/sign-out', {
      ...proof,
      body: { refreshToken: older.refreshToken },
    });
    expect(twice).toMatchObject({ status: 200, json: { signedOut: false } });

    // A token spent by a rotation whose answer the desk never received: its sign-out ends the
    // pair that rotation issued, which nobody else holds.
    const rotated = TokenResponse.parse((await refresh(newer.refreshToken)).json);
    const lost = TokenResponse.parse((await refresh(rotated.refreshToken)).json);
    expect(
      await raw(central.url, 'POST', '/auth/sign-out', {
        ...proof,
        body: { refreshToken: rotated.refreshToken },
      }),
    ).toMatchObject({ status: 200, json: { signedOut: true } });
    expect((await refresh(lost.refreshToken)).status).toBe(401);
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
  });

  it('limits sign-in attempts per user, and says in Spanish when to try again', async () => {
    const clock = clockAt();
    const central = await startCentralWith(clock);
    const desk = await openDesk(central.url, { clock, user: null });
    const attempt = async (password: string) => {
      const answer = await desk.dispatch('auth.signIn', { username: 'agente', password });
      return answer.ok ? 'ok' : answer.error.message;
    };
    for (let i = 1; i <= 5; i++) {
      // From the third in a row, said with the limit.
      expect(await attempt('equivocada')).toBe(
        ruleMessages['sign_in_failed']!(i < 3 ? {} : { limitNear: 1 }),
      );
    }
    // Even the right password waits now.
    // …and is told until when, by the clock, and that other computers' attempts count too.
    const until = (ms: number) => formatTime(new Date(clock.now.getTime() + ms).toISOString());
    expect(await attempt('agente600')).toBe(deviceTrustMessages.tryAgainIn(15, until(15 * MIN)));
    expect(deviceTrustMessages.tryAgainIn(15, until(15 * MIN))).toMatch(
      /^Demasiados intentos fallidos con este usuario o en este equipo \(cuentan también los hechos en otros equipos\)\. Intente de nuevo a las \d{2}:\d{2} \(en 15 minutos\); si no recuerda su contraseña, avise a su supervisor\.$/,
    );
    advance(clock, 11 * MIN);
    expect(await attempt('agente600')).toBe(deviceTrustMessages.tryAgainIn(4, until(4 * MIN)));
    const direct = await rawSignIn(central.url, 'agente', 'agente600');
    expect(direct.reply.status).toBe(429);
    expect(direct.reply.headers.get('retry-after')).toBe('240');
    expect(direct.reply.json.error?.code).toBe('too_many_attempts');
    // Another user is not held back by this one's failures.
    expect((await rawSignIn(central.url, 'supervisora', 'super600')).reply.status).toBe(200);
    advance(clock, 4 * MIN);
    expect(await attempt('agente600')).toBe('ok');
    // The desk's audit: the central checked the sign-in. The refusals before it named an agent
    // this desk did not know yet, and are not kept; now each is, and so is the wait asked for.
    for (let i = 0; i < 5; i++) await attempt('equivocada');
    expect(await attempt('agente600')).toMatch(/^Demasiados intentos fallidos/);
    const events = (
      desk.db.$client
        .prepare(
          "SELECT action, after FROM audit_events WHERE action LIKE 'session.%' ORDER BY seq",
        )
        .all() as Array<{ action: string; after: string }>
    ).map((row) => [row.action, JSON.parse(row.after) as unknown]);
    expect(events).toEqual([
      ['session.sign_in', { check: 'central' }],
      ['session.sign_out', { cause: 'sign_in' }],
      ...Array.from({ length: 5 }, () => ['session.sign_in_refused', { cause: 'password' }]),
      ['session.sign_in_refused', { cause: 'rate_limited' }],
    ]);
  });

  it('limits sign-in attempts per device, whatever the usernames tried', async () => {
    const clock = clockAt();
    const central = await startCentralWith(clock);
    const device: string = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    for (let i = 0; i < 20; i++) {
      const tried = await rawSignIn(central.url, `usuario${i}`, 'x', device, secret);
      expect(tried.reply.status).toBe(401);
    }
    const blocked = await rawSignIn(central.url, 'agente', 'agente600', device, secret);
    expect(blocked.reply.status).toBe(429);
    expect(Number(blocked.reply.headers.get('retry-after'))).toBe(15 * 60);
    expect((await rawSignIn(central.url, 'agente', 'agente600')).reply.status).toBe(200);
  });
});

describe('group commit', () => {
  it('a batch with a failing action in the middle applies the others exactly once, even sent twice', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url);
    await syncNow(desk);
    act(desk, 'companyUsers.change', changeAtAndes(PEDRO, 'disable'));
    await syncNow(desk);
    const before = [serverPhone(central, CAMILA), serverPhone(central, ANA)];
    editPhone(desk, CAMILA, '+56 9 1212 0001');
    // The company leaves the mutual on the server: this one is refused there.
    central.db.$client.prepare('UPDATE companies SET adherent = 0 WHERE rut = 76543210').run();
    act(desk, 'companyUsers.change', changeAtAndes(PEDRO, 'enable'));
    editPhone(desk, ANA, '+56 9 1212 0002');
    let lost = false;
    proxy.setFaults((request) => {
      if (request.path !== '/sync/push' || lost) return { kind: 'pass' };
      lost = true;
      return { kind: 'drop_response' };
    });
    await syncNow(desk);
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 1 });
    expect(proxy.seen.filter((r) => r.path === '/sync/push').length).toBeGreaterThanOrEqual(3);
    expect(serverPhone(central, CAMILA)).toEqual({
      phone: '+56912120001',
      version: before[0]!.version + 1,
    });
    expect(serverPhone(central, ANA)).toEqual({
      phone: '+56912120002',
      version: before[1]!.version + 1,
    });
    expect(
      central.db.$client
        .prepare('SELECT state FROM memberships WHERE person_rut = ? AND company_rut = 76543210')
        .get(body(PEDRO)),
    ).toEqual({ state: 'disabled' });
  });

  it('a central killed mid-batch applied none of it; the desk sends it again, applied once', async () => {
    const dataDir = tempDir();
    const first = await startChild(dataDir, 0, 2);
    const desk = await openDesk(first.url);
    await syncNow(desk);
    const people = [PEDRO, CAMILA, ANA, '18765432-7', '6543210-2'];
    const before = people.map((rut) => serverPhoneAt(dataDir, rut));
    people.forEach((rut, i) => editPhone(desk, rut, `+56 9 5151 000${i}`));
    // The central dies (SIGKILL) right after the third action of the batch, before the commit.
    expect(await syncNow(desk)).toMatchObject({ state: 'offline', pending: 5 });
    expect(await first.exited).toBeNull();

    const central = await startCentralApi({
      dataDir,
      port: first.port,
      demoPersons: 300,
      now: () => FIXED_NOW,
      pruneEveryMs: 0,
      log: () => {},
    });
    stops.push(() => central.close());
    expect(count(central, 'SELECT count(*) AS n FROM mutation_results')).toBe(0);
    people.forEach((rut, i) => expect(serverPhone(central, rut), rut).toEqual(before[i]));

    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
    expect(
      count(central, "SELECT count(*) AS n FROM mutation_results WHERE status = 'applied'"),
    ).toBe(5);
    people.forEach((rut, i) =>
      expect(serverPhone(central, rut)).toEqual({
        phone: `+569515100${String(i).padStart(2, '0')}`,
        version: before[i]!.version + 1,
      }),
    );
  });
});

describe('the change log is pruned behind the oldest cursor that matters', () => {
  it('keeps what an active desk lacks, prunes what all have, and a desk left behind resyncs keeping its queue', async () => {
    const clock = clockAt();
    const central = await startCentralWith(clock, { refreshTtlMs: 365 * DAY });
    const proxy = await startProxy(central.url);
    const a = await openDesk(central.url, { clock });
    const b = await openDesk(central.url, { clock });
    const c = await openDesk(proxy.url, { clock });
    for (const desk of [a, b, c]) await syncNow(desk);
    const logRows = () => count(central, 'SELECT count(*) AS n FROM change_log');

    editPhone(b, PEDRO, '+56 9 8100 0001');
    editPhone(b, CAMILA, '+56 9 8100 0002');
    for (const desk of [b, a, b, a]) await syncNow(desk);
    const written = logRows();
    expect(written).toBeGreaterThan(0);

    // C (active, pulled two days ago) has not seen them: they stay.
    advance(clock, 2 * DAY);
    expect(central.pruneChangeLog()).toEqual({ pruned: 0, floor: 0 });
    expect(logRows()).toBe(written);
    // Once C has them too (its next pull acknowledges them), they go.
    await syncNow(c);
    await syncNow(c);
    expect(record(c, CAMILA).phone).toBe('+56981000002');
    const pruned = central.pruneChangeLog();
    expect(pruned.pruned).toBe(written);
    expect(logRows()).toBe(0);
    // A pull from the floor is still fine: nothing was missed.
    expect(await syncNow(a)).toMatchObject({ state: 'idle' });

    // C goes quiet for three weeks (no longer active) with an action of its own queued.
    const queued = editPhone(c, ANA, '+56 9 8100 0003');
    advance(clock, 21 * DAY);
    editPhone(b, PEDRO, '+56 9 8100 0004');
    for (const desk of [b, a, b, a]) await syncNow(desk);
    advance(clock, 2 * DAY);
    expect(central.pruneChangeLog().pruned).toBeGreaterThan(0);

    const pullsFromScratch = () =>
      proxy.seen.filter((r) => r.path.startsWith('/sync/pull?cursor=&')).length;
    const scratchBefore = pullsFromScratch();
    const back = await syncNow(c);
    expect(back).toMatchObject({ state: 'idle', pending: 0, rejected: 0, conflicts: 0 });
    // The change it missed was pruned: only a fresh snapshot could bring it.
    expect(pullsFromScratch()).toBe(scratchBefore + 1);
    expect(record(c, PEDRO).phone).toBe('+56981000004');
    // Its queue was kept and sent: applied once.
    expect(serverPhone(central, ANA).phone).toBe('+56981000003');
    expect(
      count(
        central,
        'SELECT count(*) AS n FROM mutation_results WHERE action_id = ?',
        queued.actionId,
      ),
    ).toBe(1);
    expect(record(c, ANA).phone).toBe('+56981000003');
  });
});

describe('the stored answers are pruned behind what each desk holds', () => {
  it('keeps what a desk may still ask for, drops the rest after a month, and an action sent again is still applied once', async () => {
    const clock = clockAt();
    const central = await startCentralWith(clock, { refreshTtlMs: 365 * DAY });
    const dirA = tempDir();
    const a = await openDesk(central.url, { clock, dataDir: dirA });
    await syncNow(a);
    const first = editPhone(a, PEDRO, '+56 9 8200 0001');
    const second = editPhone(a, CAMILA, '+56 9 8200 0002');
    // Pending, the desk holds no answer for them: it says so with its pull.
    const marks = createOutboxMarks(a.db.$client);
    const firstSeq = a.db.$client
      .prepare('SELECT seq FROM outbox WHERE action_id = ?')
      .pluck()
      .get(first.actionId) as number;
    expect(marks.answeredThrough()).toBe(firstSeq - 1);
    // A copy of the desk taken now (a backup) holds both actions unanswered.
    a.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const dirB = tempDir();
    fs.cpSync(dirA, dirB, { recursive: true });

    expect(await syncNow(a)).toMatchObject({ state: 'idle', pending: 0 });
    await syncNow(a);
    const deviceId = a.context.deviceId;
    const lastSeq = a.db.$client.prepare('SELECT max(seq) FROM outbox').pluck().get() as number;
    expect(
      central.db.$client
        .prepare('SELECT answered_through FROM devices WHERE device_id = ?')
        .pluck()
        .get(deviceId),
    ).toBe(lastSeq);
    const stored = () =>
      count(central, 'SELECT count(*) AS n FROM mutation_results WHERE device_id = ?', deviceId);
    expect(stored()).toBe(2);
    // Young answers stay; after a month they go, and what each action came to stays.
    expect(central.pruneResults()).toBe(0);
    advance(clock, 31 * DAY);
    expect(central.pruneResults()).toBe(2);
    expect(stored()).toBe(0);
    expect(
      central.db.$client
        .prepare('SELECT action_id, status FROM applied_actions ORDER BY first_at, action_id')
        .all(),
    ).toEqual(
      expect.arrayContaining([
        { action_id: first.actionId, status: 'applied' },
        { action_id: second.actionId, status: 'applied' },
      ]),
    );
    // The desk itself never asks again: it goes on syncing.
    expect(await syncNow(a)).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });

    // The backup, restored, sends the same ids: a fork, with or without their stored answers.
    const b = await openDesk(central.url, { clock, dataDir: dirB });
    expect(await syncNow(b)).toMatchObject({ state: 'device_fork', pending: 2 });
    // Enrolled as a new device, it sends them again: answered with their first outcome,
    // applied once.
    await reenrolled(b);
    expect(serverPhone(central, PEDRO).phone).toBe('+56982000001');
    for (const action of [first, second]) {
      expect(
        central.db.$client
          .prepare('SELECT status FROM mutation_results WHERE action_id = ?')
          .pluck()
          .all(action.actionId),
      ).toEqual(['applied']);
    }
    expect(personChanges(central, PEDRO)).toBe(1);

    // A revoked device never pushes under its id again: after a month its answers all go, even
    // those it never said it holds.
    const c = await openDesk(central.url, { clock });
    await syncNow(c);
    editPhone(c, ANA, '+56 9 8200 0003');
    const cId = c.context.deviceId;
    // Pushed; its answer is lost on the way (the desk never pulls again to say it holds it).
    await syncNow(c);
    central.db.$client
      .prepare('UPDATE devices SET answered_through = NULL WHERE device_id = ?')
      .run(cId);
    const boss = await supervisor(central.url);
    const revoked = await raw(central.url, 'POST', '/admin/devices/revoke', {
      session: boss,
      body: { deviceId: cId, reason: 'Notebook extraviado' },
    });
    expect(revoked.status).toBe(200);
    const storedOf = (id: string) =>
      count(central, 'SELECT count(*) AS n FROM mutation_results WHERE device_id = ?', id);
    const held = storedOf(cId);
    expect(held).toBeGreaterThan(0);
    expect(central.pruneResults()).toBe(0);
    advance(clock, 31 * DAY);
    expect(central.pruneResults()).toBeGreaterThanOrEqual(held);
    expect(storedOf(cId)).toBe(0);
  });
});

// --- processes ------------------------------------------------------------------------------

function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function startChild(
  dataDir: string,
  port: number,
  crashAfterMutation: number,
): Promise<{ url: string; port: number; exited: Promise<number | null> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve('test/support/central-child.ts'),
      dataDir,
      String(port),
      'crash-after-mutation',
      String(crashAfterMutation),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  stops.push(() => {
    child.kill('SIGKILL');
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const line = await lines.next();
  if (line.done) throw new Error('central child ended before it was ready');
  const ready = JSON.parse(line.value) as { url: string; port: number };
  return { ...ready, exited };
}

/** A person's phone and version read straight from a central database file not open here. */
function serverPhoneAt(dataDir: string, rut: string) {
  const api = {
    db: { $client: openSqlite(path.join(dataDir, 'central.db'), { readonly: true }) },
  } as unknown as CentralApi;
  try {
    return serverPhone(api, rut);
  } finally {
    api.db.$client.close();
  }
}
