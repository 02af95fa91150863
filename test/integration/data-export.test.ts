/**
 * Ley 21.719 access/portability exports (issue 10): the JSON bundle checked field by field against
 * the database, the HTML report, the export audited, the files sealed at rest with the replica's
 * key, downloads through the web door (one-time, same agent, refused whole when the file was
 * altered) and copies saved through the Electron door, and streaming: 100,000 audit events written
 * page by page, never whole in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ruleMessages, systemAgentName } from '../../src/shared/messages';
import { loginRut, rutFromBody } from '../../src/shared/rut';
import { maskSerial } from '../../src/shared/identity-facts';
import { formatPhone } from '../../src/shared/phone';
import { formatDate, formatDateTime } from '../../src/shared/format';
import { createCore, type Core } from '../../src/main/core';
import { exportDataRequest } from '../../src/main/services/data-export';
import { createExportFiles, EXPORTS_FOLDER } from '../../src/main/services/export-files';
import { EXPORT_KEPT_DAYS, SYSTEM_AGENT_ID } from '../../src/shared/rules/export-retention';
import { isSealed, readPlain } from '../../src/main/db/sealed-files';
import { resolveReplicaKey } from '../../src/main/db/open-replica';
import { defaultKeyStore } from '../../src/main/db/replica-key';
import { startWebDoor } from '../../src/main/web/server';
import { signIn } from '../../src/main/services/sign-in';
import { call, changeAtAndes, FIXED_NOW, seededCore, signInAs, tempDir } from '../support/context';

const PEDRO = '12345678-5';
const PEDRO_BODY = 12345678;

function accessRequest(core: Core, right = 'access') {
  return call(core, 'dataRequests.record', {
    rut: PEDRO,
    right,
    channel: 'email',
    identityMethod: 'signed_document',
    identityFacts: [],
    detail: 'Copia de todos mis datos personales',
  }).request.number as string;
}

async function exported(core: Core, number: string) {
  const envelope = await core.dispatch('dataRequests.export', { number });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as { id: string; htmlFile: string; jsonFile: string; rows: number };
}

const dataDirOf = (core: Core) =>
  (core.dispatchNow('app.info', {}) as { ok: true; value: { dataDir: string } }).value.dataDir;

// The JSON file's own forms (portability): yes/no as booleans, RUTs with their check digit, what
// the database keeps as JSON text as the value it is.
const bool = (value: unknown) => (value === null ? null : value === 1);
const rutOf = (body: unknown) => (body === null ? null : loginRut(rutFromBody(body as number)));
const parsed = (text: unknown) => (text === null ? null : (JSON.parse(text as string) as unknown));

const keyOf = (core: Core) => resolveReplicaKey(defaultKeyStore(dataDirOf(core))).key;

/** An export's file as its reader gets it: opened with the desk's key, the size recorded. */
async function plainOf(core: Core, fileName: string): Promise<string> {
  const bytes = core.db.$client
    .prepare(
      `SELECT CASE WHEN html_file = ? THEN html_bytes ELSE json_bytes END
       FROM data_request_exports WHERE html_file = ? OR json_file = ?`,
    )
    .pluck()
    .get(fileName, fileName, fileName) as number;
  const chunks: Buffer[] = [];
  const file = path.join(dataDirOf(core), EXPORTS_FOLDER, fileName);
  for await (const chunk of readPlain(file, keyOf(core), bytes)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** How many audit events of `action` the desk holds. */
const eventsOf = (core: Core, action: string) =>
  core.db.$client.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action);

/** The web door over `core`, on a free loopback port (close it when done). */
async function webDoorOf(core: Core) {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  return startWebDoor({ dispatch: core.dispatch, download: core.download, rendererDir, port: 0 });
}

/** `count` record views of Pedro written straight into the replica, each with `after(i)`. */
function addViewsOfPedro(core: Core, count: number, after: (i: number) => string): void {
  const db = core.db.$client;
  const insert = db.prepare(
    `INSERT INTO audit_events (id, at, agent_id, device_id, person_rut, action, before, after,
       reason, prev_hash, hash) VALUES (?, ?, 'agent-1', 'device', ?, 'person.view', NULL, ?, NULL, 'x', 'y')`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      insert.run(
        `view-${i}`,
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        PEDRO_BODY,
        after(i),
      );
    }
  })();
}

describe('the export of an access request', () => {
  it('holds everything on the person, field by field as the database has it', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    // A Los Héroes login too (the cast gives him ACHS Gestión): one login for three portals.
    core.db.$client
      .prepare(
        `INSERT OR IGNORE INTO accounts (person_rut, portal, registration_state, password_set)
         VALUES (?, 'portal_heroes', 'active', 1)`,
      )
      .run(PEDRO_BODY);
    // Some history: a call, a contact edit (an audit event and a mail), a Ley 21.719 request.
    call(core, 'interactions.open', { rut: PEDRO, reason: 'other' });
    call(core, 'contact.edit', {
      rut: PEDRO,
      email: 'pedro.nuevo@correo.cl',
      reason: 'Cambio pedido por el titular',
      identityCheck: ['serial_number', 'employer'],
      expectedVersion: call(core, 'persons.get', { rut: PEDRO }).version,
    });
    const number = accessRequest(core);
    const made = await exported(core, number);
    const folder = path.join(dataDirOf(core), EXPORTS_FOLDER);
    expect(fs.readdirSync(folder).sort()).toEqual([made.htmlFile, made.jsonFile].sort());
    // Named with Chile's time, as the screens show it (FIXED_NOW is 12:00 in Santiago).
    expect(made.jsonFile).toMatch(new RegExp(`^${number}-20261121-120000-[0-9a-f]{8}\\.json$`));
    // Sealed at rest: nothing of the person readable in the files on disk.
    for (const file of [made.htmlFile, made.jsonFile]) {
      expect(isSealed(path.join(folder, file))).toBe(true);
      const onDisk = fs.readFileSync(path.join(folder, file));
      expect(onDisk.includes('pedro.nuevo@correo.cl')).toBe(false);
      expect(onDisk.includes('12.345.678-5')).toBe(false);
    }
    const bundle = JSON.parse(await plainOf(core, made.jsonFile));
    const db = core.db.$client;

    const person = db.prepare('SELECT * FROM persons WHERE rut = ?').get(PEDRO_BODY) as Record<
      string,
      unknown
    >;
    expect(bundle.format).toBe('mesa-de-ayuda/ley-21719-export');
    expect(bundle.request).toMatchObject({ number, right: 'access' });
    const agentId = call(core, 'auth.session', {}).agentId as string;
    expect(bundle.generatedBy).toEqual({ agentId, displayName: 'Sara Supervisora' });
    expect(bundle.person).toEqual({
      rut: loginRut(rutFromBody(PEDRO_BODY)),
      givenNames: person['given_names'],
      lastName1: person['last_name1'],
      lastName2: person['last_name2'],
      email: 'pedro.nuevo@correo.cl',
      phone: person['phone'],
      serialNumberMasked: maskSerial(person['serial_number'] as string),
      isWorker: Boolean(person['is_worker']),
      isPensioner: Boolean(person['is_pensioner']),
    });
    expect(bundle.person.serialNumberMasked).not.toContain(String(person['serial_number']));

    const memberships = db
      .prepare(
        `SELECT m.*, c.legal_name FROM memberships m LEFT JOIN companies c ON c.rut = m.company_rut
         WHERE person_rut = ? ORDER BY m.id`,
      )
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(memberships.length).toBeGreaterThan(0);
    expect(bundle.memberships).toEqual(
      memberships.map((m) => ({
        companyRut: rutOf(m['company_rut']),
        companyName: m['legal_name'],
        role: m['role'],
        state: m['state'],
        // A list, not JSON text inside JSON.
        modules: JSON.parse(m['modules'] as string),
        agreementSigned: bool(m['agreement_signed']),
        agreementSignedAt: m['agreement_signed_at'],
        startedAt: m['started_at'],
        endedAt: m['ended_at'],
      })),
    );
    const accounts = db
      .prepare('SELECT * FROM accounts WHERE person_rut = ? ORDER BY id')
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(accounts.length).toBeGreaterThan(0);
    expect(bundle.accounts).toEqual(
      accounts.map((a) => ({
        portal: a['portal'],
        registrationState: a['registration_state'],
        passwordSet: bool(a['password_set']),
        emailVerified: bool(a['email_verified']),
        failedAttempts: a['failed_attempts'],
        lockedUntil: a['locked_until'],
        registrationBlocked: bool(a['registration_blocked']),
        lastLoginAt: a['last_login_at'],
      })),
    );
    const mails = db
      .prepare('SELECT * FROM mails WHERE person_rut = ? ORDER BY id')
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(mails.some((m) => m['to_address'] === 'pedro.nuevo@correo.cl')).toBe(true);
    expect(bundle.mails).toEqual(
      mails.map((m) => ({
        sentAt: m['sent_at'],
        portal: m['portal'],
        kind: m['kind'],
        outcome: m['outcome'],
        toAddress: m['to_address'],
      })),
    );
    const requests = db
      .prepare('SELECT * FROM access_requests WHERE person_rut = ? ORDER BY id')
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(bundle.accessRequests).toEqual(
      requests.map((r) => ({
        companyRut: rutOf(r['company_rut']),
        capacity: r['capacity'],
        state: r['state'],
        reason: r['reason'],
        requestedAt: r['requested_at'],
        decidedAt: r['decided_at'],
      })),
    );
    const calls = db
      .prepare('SELECT * FROM interactions WHERE person_rut = ? ORDER BY rowid')
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(calls).toHaveLength(1);
    expect(bundle.calls).toEqual(
      calls.map((c) => ({
        openedAt: c['opened_at'],
        closedAt: c['closed_at'],
        reason: c['reason'],
        outcome: c['outcome'],
        notes: c['notes'],
        agentId: c['agent_id'],
        followUpAt: c['follow_up_by'] === null ? null : c['follow_up_at'],
        followUpNote: c['follow_up_note'],
      })),
    );
    const dataRequests = db
      .prepare('SELECT * FROM data_requests WHERE person_rut = ? ORDER BY rowid')
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(bundle.dataRequests).toEqual(
      dataRequests.map((r) => ({
        number: r['number'],
        right: r['data_right'],
        state: r['state'],
        receivedAt: r['received_at'],
        dueDate: r['due_date'],
        detail: r['detail'],
      })),
    );
    // Audit events about him, up to the export itself (which is recorded after it).
    const audit = db
      .prepare(
        "SELECT * FROM audit_events WHERE person_rut = ? AND action != 'data_request.export' ORDER BY seq",
      )
      .all(PEDRO_BODY) as Array<Record<string, unknown>>;
    expect(audit.map((e) => e['action'])).toEqual(
      expect.arrayContaining(['person.view', 'person.update_contact', 'data_request.record']),
    );
    expect(bundle.auditEvents).toEqual(
      audit.map((e) => ({
        seq: e['seq'],
        at: e['at'],
        action: e['action'],
        agentId: e['agent_id'],
        deviceId: e['device_id'],
        before: parsed(e['before']),
        after: parsed(e['after']),
        reason: e['reason'],
      })),
    );
    expect(bundle.counts).toEqual({
      memberships: memberships.length,
      accounts: accounts.length,
      mails: mails.length,
      accessRequests: requests.length,
      calls: 1,
      dataRequests: dataRequests.length,
      auditEvents: audit.length,
    });
    expect(made.rows).toBe(
      Object.values(bundle.counts as Record<string, number>).reduce((a, b) => a + b, 0),
    );

    // The readable report: Spanish, printable, escaped.
    const html = await plainOf(core, made.htmlFile);
    expect(html).toMatch(/^<!doctype html><html lang="es-CL">/);
    expect(html).toContain(`Datos personales — solicitud ${number}`);
    expect(html).toContain('@media print');
    expect(html).toContain(String(person['given_names']));
    expect(html).toContain('pedro.nuevo@correo.cl');
    expect(html).toContain('<td>12.345.678-5</td>');
    expect(html).toContain('Cuentas en los portales');
    // A Los Héroes login named as the record names it: it opens Portal Empresas as well.
    expect(html).toContain('<td>Los Héroes (Portal Héroes, Portal Empresas y APP LH)</td>');
    expect(html).not.toContain('<script');
    // For the titular, in words: the desk's labels and names, never its codes or ids.
    const cells = [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((match) => match[1]!);
    expect(cells).toEqual(expect.arrayContaining(['Trabajador', 'Activa', 'Acceso', 'Recibida']));
    expect(cells).toEqual(
      expect.arrayContaining(['Vio la ficha', 'Registró una solicitud Ley 21.719']),
    );
    expect(cells).toContain('Sara Supervisora');
    // When his tie with the company began: a day, not the time of day the record was written.
    expect(cells).toContain(formatDate(memberships[0]!['started_at'] as string));
    expect(cells).not.toContain(formatDateTime(memberships[0]!['started_at'] as string));
    expect(cells).toContain(formatPhone(person['phone'] as string));
    for (const code of ['worker', 'active', 'access', 'received', 'person.view', 'achs_gestion']) {
      expect(cells).not.toContain(code);
    }
    expect(cells).not.toContain(agentId);
    expect(cells).not.toContain('null');
    expect(cells.some((text) => text.includes(core.context.deviceId))).toBe(false);
    expect(cells.some((text) => /^\d{4}-\d{2}-\d{2}/.test(text))).toBe(false);
    expect(cells.some((text) => text.startsWith('{'))).toBe(false);
    expect(html.match(/<tr>/g)!.length).toBeGreaterThanOrEqual(made.rows);

    // Audited: who made it, when, for which request.
    const event = db
      .prepare("SELECT * FROM audit_events WHERE action = 'data_request.export'")
      .get() as Record<string, unknown>;
    expect(event).toMatchObject({ id: made.id, agent_id: agentId, person_rut: PEDRO_BODY });
    expect(JSON.parse(event['after'] as string)).toMatchObject({
      number,
      files: [made.htmlFile, made.jsonFile],
      rows: made.rows,
    });
  });

  it('names the company of a change to his access, as the Auditoría does', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    call(core, 'companyUsers.change', changeAtAndes(PEDRO, 'disable'));
    const name = core.db.$client
      .prepare('SELECT legal_name FROM companies WHERE rut = 76543210')
      .pluck()
      .get() as string;
    const made = await exported(core, accessRequest(core));
    const html = await plainOf(core, made.htmlFile);
    expect(html).toContain(`Empresa: ${name} (76.543.210-3)`);
  });

  it('refuses a request of another right, another’s request, and an agent, writing no file', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    const rectification = accessRequest(core, 'rectification');
    const answer = await core.dispatch('dataRequests.export', { number: rectification });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_export_right']!({}) },
    });
    const access = accessRequest(core);
    signInAs(core, 'prevencion');
    expect(await core.dispatch('dataRequests.export', { number: access })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // An agent's own access request: its answer, the file, is a supervisor's to make — it holds
    // what her screens never show (walk 60b M1).
    signInAs(core, 'agente');
    const own = accessRequest(core);
    expect(await core.dispatch('dataRequests.export', { number: own })).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_export_supervisor']!({}) },
    });
    expect(fs.existsSync(path.join(dataDirOf(core), EXPORTS_FOLDER))).toBe(false);
  });

  it('downloads through the web door once, for the signed-in agent only', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    const number = accessRequest(core);
    const made = await exported(core, number);
    const door = await webDoorOf(core);
    try {
      const base = `http://127.0.0.1:${door.port}`;
      const link = call(core, 'dataRequests.download', { exportId: made.id, format: 'json' });
      expect(link).toMatchObject({ fileName: made.jsonFile, shownInFolder: false });
      // A HEAD neither uses the ticket up nor counts as a copy.
      expect((await fetch(base + link.url, { method: 'HEAD' })).status).toBe(405);
      const response = await fetch(base + link.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${made.jsonFile}"`,
      );
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const plain = Buffer.from(await plainOf(core, made.jsonFile));
      expect(response.headers.get('content-length')).toBe(String(plain.length));
      expect(Buffer.from(await response.arrayBuffer()).equals(plain)).toBe(true);
      // The copy handed out is audited: who took it, which file.
      const copies = () =>
        core.db.$client
          .prepare("SELECT * FROM audit_events WHERE action = 'data_request.download'")
          .all() as Array<Record<string, unknown>>;
      expect(copies()).toHaveLength(1);
      expect(copies()[0]).toMatchObject({ person_rut: PEDRO_BODY });
      expect(JSON.parse(copies()[0]!['after'] as string)).toEqual({
        number,
        fileName: made.jsonFile,
        format: 'json',
      });
      // And the request shows it under its export: when, who, which file.
      const [listed] = call(core, 'dataRequests.get', { number }).exports;
      expect(listed.copies).toEqual([
        { at: copies()[0]!['at'], agentName: 'Sara Supervisora', format: 'json' },
      ]);
      // Used once; a guessed ticket; a ticket whose agent signed out.
      expect((await fetch(base + link.url)).status).toBe(404);
      expect((await fetch(`${base}/download/${'0'.repeat(48)}`)).status).toBe(404);
      const html = call(core, 'dataRequests.download', { exportId: made.id, format: 'html' });
      call(core, 'auth.signOut', {});
      const refused = await fetch(base + html.url);
      expect(refused.status).toBe(404);
      expect(await refused.text()).toMatch(/ya se usó o expiró/);
      // Links that handed out nothing left no trace of a copy.
      expect(copies()).toHaveLength(1);
    } finally {
      await door.close();
    }
  });

  it('refuses or cuts off a download whose sealed file was altered, never a part as whole', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    const small = await exported(core, accessRequest(core));
    // A second export, larger than one sealed record: long audit events about him.
    addViewsOfPedro(core, 2_000, () => 'x'.repeat(200));
    const large = await exported(core, accessRequest(core));
    const alter = (fileName: string) => {
      const file = path.join(dataDirOf(core), EXPORTS_FOLDER, fileName);
      const sealed = fs.readFileSync(file);
      expect(sealed.length).toBeGreaterThan(0);
      sealed[sealed.length - 20]! ^= 1;
      fs.writeFileSync(file, sealed);
    };
    alter(small.jsonFile);
    alter(large.jsonFile);
    const door = await webDoorOf(core);
    const fetchJson = (exportId: string) => {
      const link = call(core, 'dataRequests.download', { exportId, format: 'json' });
      return fetch(`http://127.0.0.1:${door.port}${link.url}`);
    };
    try {
      // Found before the first byte: refused, and told why.
      const refused = await fetchJson(small.id);
      expect(refused.status).toBe(500);
      expect(await refused.text()).toBe(ruleMessages['data_request_file_unreadable']!({}));
      // Found after the first record went out: the download is cut, not completed.
      const cut = await fetchJson(large.id);
      expect(cut.status).toBe(200);
      await expect(cut.arrayBuffer()).rejects.toThrow();
      // The report beside it, untouched, still downloads whole.
      const link = call(core, 'dataRequests.download', { exportId: large.id, format: 'html' });
      const whole = await fetch(`http://127.0.0.1:${door.port}${link.url}`);
      expect(await whole.text()).toBe(await plainOf(core, large.htmlFile));
    } finally {
      await door.close();
    }
  });

  it('saves an opened copy where the agent chooses through the Electron door, whole or not at all', async () => {
    const chosen = tempDir();
    let answer: string | null = path.join(chosen, 'copia-pedro.json');
    const revealed: string[] = [];
    const core = seededCore(300, {
      as: 'supervisora',
      core: {
        door: 'electron',
        saveFile: async (fileName) => {
          expect(fileName).toMatch(/\.json$/);
          return answer;
        },
        revealFile: (file) => revealed.push(file),
      },
    });
    const made = await exported(core, accessRequest(core));
    const download = () =>
      core.dispatch('dataRequests.download', { exportId: made.id, format: 'json' });

    expect(await download()).toEqual({
      ok: true,
      value: { fileName: 'copia-pedro.json', url: null, shownInFolder: true },
    });
    expect(fs.readFileSync(path.join(chosen, 'copia-pedro.json'), 'utf8')).toBe(
      await plainOf(core, made.jsonFile),
    );
    expect(revealed).toEqual([path.join(chosen, 'copia-pedro.json')]);
    const copies = () => eventsOf(core, 'data_request.download');
    expect(copies()).toBe(1);

    // Cancelled: nothing written, nothing shown.
    answer = null;
    expect(await download()).toMatchObject({ ok: true, value: { shownInFolder: false } });
    expect(revealed).toHaveLength(1);

    // Altered at rest: refused with a Spanish message, and no copy (not even a part) is left.
    answer = path.join(chosen, 'otra.json');
    const file = path.join(dataDirOf(core), EXPORTS_FOLDER, made.jsonFile);
    const original = fs.readFileSync(file);
    const sealed = Buffer.from(original);
    sealed[sealed.length - 20]! ^= 1;
    fs.writeFileSync(file, sealed);
    expect(await download()).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_file_unreadable']!({}) },
    });
    expect(fs.readdirSync(chosen)).toEqual(['copia-pedro.json']);

    // Where it cannot be written (a folder by that name): told so, no part left beside it.
    fs.mkdirSync(path.join(chosen, 'carpeta'));
    answer = path.join(chosen, 'carpeta');
    fs.writeFileSync(file, original);
    expect(await download()).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_copy_failed']!({}) },
    });
    expect(fs.readdirSync(chosen).sort()).toEqual(['carpeta', 'copia-pedro.json']);
    // Never into the data folder, where only sealed files belong.
    answer = path.join(dataDirOf(core), EXPORTS_FOLDER, 'copia.json');
    expect(await download()).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_copy_in_data_folder']!({}) },
    });
    expect(fs.existsSync(answer)).toBe(false);
    // Only the copy that was saved is audited.
    expect(copies()).toBe(1);
  });
});

describe('removing an export’s files', () => {
  it('removes both files once asked, audited, and leaves the row saying who and when', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    const number = accessRequest(core);
    const made = await exported(core, number);
    const folder = path.join(dataDirOf(core), EXPORTS_FOLDER);
    // Only a supervisor: the officer may not see the request, the agent may not handle its
    // files (walk 60b M1).
    signInAs(core, 'prevencion');
    expect(core.dispatchNow('dataRequests.deleteExport', { exportId: made.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    signInAs(core, 'agente');
    expect(core.dispatchNow('dataRequests.deleteExport', { exportId: made.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(fs.readdirSync(folder)).toHaveLength(2);
    signInAs(core, 'supervisora');
    // A file that cannot be set aside (Windows: open in another program; here a folder in the
    // way): nothing is removed, nothing audited, and the agent is told.
    const blocker = path.join(folder, `${made.jsonFile}.deleting`);
    fs.mkdirSync(blocker);
    fs.writeFileSync(path.join(blocker, 'x'), '');
    expect(core.dispatchNow('dataRequests.deleteExport', { exportId: made.id })).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_delete_failed']!({}) },
    });
    fs.rmSync(blocker, { recursive: true });
    expect(fs.readdirSync(folder).sort()).toEqual([made.htmlFile, made.jsonFile].sort());
    const deletions = () => eventsOf(core, 'data_request.delete_export');
    expect(deletions()).toBe(0);

    const removed = call(core, 'dataRequests.deleteExport', { exportId: made.id });
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(deletions()).toBe(1);
    const event = core.db.$client
      .prepare("SELECT * FROM audit_events WHERE action = 'data_request.delete_export'")
      .get() as Record<string, unknown>;
    expect(event).toMatchObject({ person_rut: PEDRO_BODY });
    expect(JSON.parse(event['after'] as string)).toEqual({
      number,
      files: [made.htmlFile, made.jsonFile],
    });
    expect(removed).toMatchObject({
      id: made.id,
      removed: { at: event['at'], agentName: 'Sara Supervisora' },
    });
    expect(call(core, 'dataRequests.get', { number }).exports[0].removed).toEqual(removed.removed);
    // Nothing left to hand out; asked again (another window), the answer is the row as it is.
    expect(
      core.dispatchNow('dataRequests.download', { exportId: made.id, format: 'html' }),
    ).toEqual({
      ok: false,
      error: { code: 'rule', message: ruleMessages['data_request_file_missing']!({}) },
    });
    expect(call(core, 'dataRequests.deleteExport', { exportId: made.id })).toEqual(removed);
    expect(deletions()).toBe(1);
  });
});

const DAY_MS = 86_400_000;

describe('exports no longer needed', () => {
  it('lose their files on time once their request closed, audited as the system, never while open', async () => {
    const clock = { now: FIXED_NOW };
    const core = seededCore(300, { clock, as: 'supervisora' });
    const folder = path.join(dataDirOf(core), EXPORTS_FOLDER);
    const openNumber = accessRequest(core);
    const closedNumber = accessRequest(core);
    const kept = await exported(core, openNumber);
    const made = await exported(core, closedNumber);
    const exportOf = (number: string, id: string) =>
      (call(core, 'dataRequests.get', { number }).exports as Array<Record<string, unknown>>).find(
        (view) => view.id === id,
      )!;
    expect(exportOf(closedNumber, made.id).removalAt).toBeNull();
    clock.now = new Date(FIXED_NOW.getTime() + 2 * DAY_MS);
    call(core, 'dataRequests.move', { number: closedNumber, move: 'answer', reason: null });
    const due = new Date(clock.now.getTime() + EXPORT_KEPT_DAYS * DAY_MS);
    // The request says when; the open one's export stays as long as it is open.
    expect(exportOf(closedNumber, made.id).removalAt).toBe(due.toISOString());
    expect(exportOf(openNumber, kept.id).removalAt).toBeNull();

    const files = createExportFiles({
      context: core.context,
      dataDir: dataDirOf(core),
      log: () => {},
    });
    const onDisk = () => fs.readdirSync(folder).sort();
    const all = [kept.htmlFile, kept.jsonFile, made.htmlFile, made.jsonFile].sort();
    clock.now = new Date(due.getTime() - 1);
    expect(files.removeExpired()).toBe(0);
    expect(onDisk()).toEqual(all);
    expect(eventsOf(core, 'data_request.delete_export')).toBe(0);

    clock.now = due;
    expect(files.removeExpired()).toBe(1);
    expect(onDisk()).toEqual([kept.htmlFile, kept.jsonFile].sort());
    const event = core.db.$client
      .prepare("SELECT * FROM audit_events WHERE action = 'data_request.delete_export'")
      .get() as Record<string, unknown>;
    expect(event).toMatchObject({
      agent_id: SYSTEM_AGENT_ID,
      person_rut: PEDRO_BODY,
      at: due.toISOString(),
      interaction_id: null,
    });
    expect(JSON.parse(event['after'] as string)).toEqual({
      number: closedNumber,
      files: [made.htmlFile, made.jsonFile],
      automatic: true,
      closedAt: new Date(FIXED_NOW.getTime() + 2 * DAY_MS).toISOString(),
      keptDays: EXPORT_KEPT_DAYS,
    });
    expect(exportOf(closedNumber, made.id)).toMatchObject({
      removed: { at: due.toISOString(), agentName: systemAgentName, automatic: true },
      removalAt: null,
    });
    // The chain still verifies with the system's event in it.
    signInAs(core, 'supervisora');
    expect(call(core, 'audit.verify', {})).toMatchObject({ ok: true });
    // Once only; and no agent's action on the supervisor's Panel.
    expect(files.removeExpired()).toBe(0);
    expect(eventsOf(core, 'data_request.delete_export')).toBe(1);
    const panel = call(core, 'dashboard.panel', { range: 'today' });
    expect(panel.actionsByAgent.map((row: { agentId: string }) => row.agentId)).not.toContain(
      SYSTEM_AGENT_ID,
    );

    // Exported again after it closed: that export gets its own days.
    const again = await exported(core, closedNumber);
    expect(exportOf(closedNumber, again.id).removalAt).toBe(
      new Date(due.getTime() + EXPORT_KEPT_DAYS * DAY_MS).toISOString(),
    );
    expect(files.removeExpired()).toBe(0);
    expect(onDisk()).toEqual([kept.htmlFile, kept.jsonFile, again.htmlFile, again.jsonFile].sort());
  });

  it('lose them when a desk opens past their time, and keep them when they cannot be set aside', async () => {
    const clock = { now: FIXED_NOW };
    const first = seededCore(300, { clock, as: 'supervisora' });
    const dataDir = dataDirOf(first);
    const folder = path.join(dataDir, EXPORTS_FOLDER);
    const number = accessRequest(first);
    const made = await exported(first, number);
    call(first, 'dataRequests.move', { number, move: 'deny', reason: 'No acreditó identidad' });
    first.close();

    // A month and a day later, a file in the way (Windows: open in another program).
    const blocker = path.join(folder, `${made.htmlFile}.deleting`);
    fs.mkdirSync(blocker);
    fs.writeFileSync(path.join(blocker, 'x'), '');
    const logged: string[] = [];
    const later = { now: new Date(FIXED_NOW.getTime() + 31 * DAY_MS) };
    const open = () =>
      createCore({
        dataDir,
        door: 'web',
        version: 'test',
        now: () => later.now,
        log: (message) => logged.push(message),
      });
    const second = open();
    await vi.waitFor(() => expect(logged).toContain('an expired export could not be removed yet'));
    second.close();
    expect(fs.existsSync(path.join(folder, made.htmlFile))).toBe(true);
    expect(fs.existsSync(path.join(folder, made.jsonFile))).toBe(true);

    fs.rmSync(blocker, { recursive: true });
    const third = open();
    try {
      await vi.waitFor(() => expect(fs.readdirSync(folder)).toEqual([]));
      expect(eventsOf(third, 'data_request.delete_export')).toBe(1);
      expect(logged).toContain('the files of 1 Ley 21.719 exports were removed on time');
    } finally {
      third.close();
    }
  });
});

describe('exports written before sealing', () => {
  it('are sealed in place when the desk opens with a key, and read the same', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    const number = accessRequest(core);
    const made = await exported(core, number);
    const dataDir = dataDirOf(core);
    const folder = path.join(dataDir, EXPORTS_FOLDER);
    const plain = await plainOf(core, made.jsonFile);
    // A second export, removed (audited) but whose files a crash left set aside.
    const gone = await exported(core, number);
    // Made in the same second as the first: files of its own all the same.
    expect(gone.jsonFile).not.toBe(made.jsonFile);
    const goneFiles = [gone.htmlFile, gone.jsonFile].map((name) => path.join(folder, name));
    const goneBytes = goneFiles.map((file) => fs.readFileSync(file));
    call(core, 'dataRequests.deleteExport', { exportId: gone.id });
    goneFiles.forEach((file, i) => fs.writeFileSync(`${file}.deleting`, goneBytes[i]!));
    core.close();
    // As an earlier version left them: in the clear, and what a crash left behind (a part of an
    // export cut off; a file set aside whose removal was never audited, which is put back).
    fs.writeFileSync(path.join(folder, made.jsonFile), plain);
    fs.writeFileSync(path.join(folder, `${made.htmlFile}.part`), '<!doctype html><p>Pedro');
    fs.renameSync(path.join(folder, made.htmlFile), path.join(folder, `${made.htmlFile}.deleting`));
    const reopened = createCore({
      dataDir,
      door: 'web',
      version: 'test',
      demoPersons: 0,
      now: () => FIXED_NOW,
      log: () => {},
    });
    try {
      await vi.waitFor(() => {
        expect(isSealed(path.join(folder, made.jsonFile))).toBe(true);
        expect(fs.readdirSync(folder).sort()).toEqual([made.htmlFile, made.jsonFile].sort());
      });
      expect(fs.readFileSync(path.join(folder, made.jsonFile)).includes('12345678-5')).toBe(false);
      expect(await plainOf(reopened, made.jsonFile)).toBe(plain);
      // The report set aside without an audited removal is back, whole (sealed as it was).
      expect(isSealed(path.join(folder, made.htmlFile))).toBe(true);
      expect(await plainOf(reopened, made.htmlFile)).toMatch(/^<!doctype html>/);
    } finally {
      reopened.close();
    }
  });

  it('are tidied after a crash on a desk without a key too', async () => {
    const first = seededCore(300, { core: { replicaKeys: null }, as: 'supervisora' });
    const dataDir = dataDirOf(first);
    const folder = path.join(dataDir, EXPORTS_FOLDER);
    const number = accessRequest(first);
    const kept = await exported(first, number);
    const gone = await exported(first, number);
    // Removed and audited, but the crash came before the files went.
    call(first, 'dataRequests.deleteExport', { exportId: gone.id });
    first.close();
    for (const file of [gone.htmlFile, gone.jsonFile]) {
      fs.writeFileSync(path.join(folder, `${file}.deleting`), 'Pedro');
    }
    // Set aside, never audited: put back. A cut-off part: removed.
    fs.renameSync(path.join(folder, kept.jsonFile), path.join(folder, `${kept.jsonFile}.deleting`));
    fs.writeFileSync(path.join(folder, `${kept.htmlFile}.part`), '<!doctype html><p>Pedro');
    const reopened = createCore({
      dataDir,
      door: 'web',
      version: 'test',
      demoPersons: 0,
      replicaKeys: null,
      now: () => FIXED_NOW,
      log: () => {},
    });
    try {
      await vi.waitFor(() =>
        expect(fs.readdirSync(folder).sort()).toEqual([kept.htmlFile, kept.jsonFile].sort()),
      );
      expect(isSealed(path.join(folder, kept.jsonFile))).toBe(false);
    } finally {
      reopened.close();
    }
  });
});

describe('streaming a large export', () => {
  it('writes 100,000 audit events page by page, the files growing on disk, never whole in memory', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    const number = accessRequest(core);
    const db = core.db.$client;
    addViewsOfPedro(core, 100_000, (i) => `{"n":${i}}`);
    const expectedEvents = db
      .prepare('SELECT count(*) FROM audit_events WHERE person_rut = ?')
      .pluck()
      .get(PEDRO_BODY) as number;
    expect(expectedEvents).toBeGreaterThan(100_000);

    const pages: Array<{ section: string; rows: number; pageChars: number; onDisk: number }> = [];
    const session = signIn(core.context, 'supervisora', 'super600');
    const made = await exportDataRequest(core.context, session, number, {
      dataDir: dataDirOf(core),
      sealKey: keyOf(core),
      pageSize: 1000,
      log: (message, error) => console.error(message, error),
      onPage: (progress) => {
        pages.push({
          section: progress.section,
          rows: progress.rows,
          pageChars: progress.pageChars,
          onDisk: fs.statSync(progress.partFiles.json).size,
        });
      },
    });
    const finalSize = fs.statSync(path.join(dataDirOf(core), EXPORTS_FOLDER, made.jsonFile)).size;
    const auditPages = pages.filter((page) => page.section === 'auditEvents');
    expect(auditPages.length).toBe(Math.ceil(expectedEvents / 1000));
    // Memory held one page of text at a time: each a small fraction of the file.
    const largestPage = Math.max(...pages.map((page) => page.pageChars));
    expect(largestPage).toBeLessThan(finalSize / 20);
    // The file was on disk as it went, not written at the end: half way it already held a lot.
    const halfway = auditPages[Math.floor(auditPages.length / 2)]!;
    expect(halfway.onDisk).toBeGreaterThan(finalSize * 0.3);
    expect(halfway.onDisk).toBeLessThan(finalSize * 0.7);
    // The bundle is complete and well formed.
    const bundle = JSON.parse(await plainOf(core, made.jsonFile));
    expect(bundle.auditEvents).toHaveLength(expectedEvents);
    expect(bundle.counts.auditEvents).toBe(expectedEvents);
    expect(bundle.auditEvents[expectedEvents - 1].after).toEqual({ n: 99999 });
  });
});
