/**
 * Audit chain anchoring (issue 10): the head of a desk's audit chain goes to the central API with
 * each sync and is kept there per device; the desk keeps the anchors it is answered and checks
 * its chain against them. Real replicas (encrypted SQLite files), the real central API on
 * loopback, the real CLI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/core';
import { openDatabase } from '../../src/storage/db/database';
import { defaultKeyStore } from '../../src/main/db/replica-key';
import { auditHash, type AuditFields } from '../../src/main/domain/audit-chain';
import { act, openDesk, startCentral, syncNow, type Desk } from '../support/sync-setup';
import { tempDir } from '../support/context';
import { verifyAudit } from '../../src/main/services/audit-log';

const PERSONS = ['12345678-5', '11111111-1', '9876543-3', '15234567-4'];

/** Views some records (each one an audit event) and syncs: the head is anchored. */
/** A supervisor's desk over `dataDir`, with the replica pulled from the central API. */
async function openSynced(url: string, dataDir: string = tempDir()): Promise<Desk> {
  const desk = await openDesk(url, { user: 'supervisora', dataDir });
  await syncNow(desk);
  return desk;
}

async function viewAndSync(desk: Desk, ruts: string[]): Promise<void> {
  for (const rut of ruts) act(desk, 'persons.get', { rut });
  await syncNow(desk);
}

/**
 * What someone with the file and its key does: drops the append-only triggers, changes event
 * `seq` and recomputes that hash and every later one, so the local chain verifies clean.
 */
function rewriteAndRehash(dataDir: string, seq: number): void {
  const key = defaultKeyStore(dataDir).load()!;
  const db = openDatabase({ file: path.join(dataDir, DATABASE_FILE), key });
  const sqlite = db.$client;
  sqlite.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
  sqlite.prepare("UPDATE audit_events SET reason = 'nada que ver aquí' WHERE seq = ?").run(seq);
  type Row = AuditFields & { seq: number; prevHash: string; hash: string };
  const rows = sqlite
    .prepare(
      `SELECT seq, id, at, agent_id AS agentId, device_id AS deviceId, person_rut AS personRut,
         action, before, after, reason, identity_check AS identityCheck,
         interaction_id AS interactionId, prev_hash AS prevHash, hash
       FROM audit_events ORDER BY seq`,
    )
    .all() as Row[];
  const update = sqlite.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = rows[0]!.prevHash;
  for (const row of rows) {
    const hash = auditHash(prev, row);
    update.run(prev, hash, row.seq);
    prev = hash;
  }
  sqlite.close();
}

function verifyCli(dataDir: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/main/audit-verify-cli.ts', '--data-dir', dataDir],
    { encoding: 'utf8' },
  );
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the audit chain anchored in the central API', () => {
  it('anchors the head with each sync and catches a file rewritten and rehashed', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    const desk = await openSynced(central.url, dataDir);
    await viewAndSync(desk, PERSONS.slice(0, 2));
    await viewAndSync(desk, PERSONS.slice(2));
    const before = act(desk, 'audit.verify', {});
    expect(before).toMatchObject({ ok: true, anchor: { state: 'agrees', unanchored: 0 } });
    expect(before.anchor.anchors).toBeGreaterThanOrEqual(2);
    const anchoredSeqs = (
      desk.db.$client.prepare('SELECT seq FROM audit_anchors ORDER BY seq').all() as Array<{
        seq: number;
      }>
    ).map((row) => row.seq);
    desk.close();

    // Event 2 is rewritten; every later hash recomputed: the chain alone sees nothing.
    rewriteAndRehash(dataDir, 2);
    const reopened = await openSynced(central.url, dataDir);
    const after = act(reopened, 'audit.verify', {});
    const firstAnchorFrom2 = anchoredSeqs.find((seq) => seq >= 2)!;
    expect(after).toMatchObject({
      ok: true,
      anchor: { state: 'disagrees', seq: firstAnchorFrom2, problem: 'hash_differs' },
    });
    expect(typeof after.anchor.anchoredAt).toBe('string');

    reopened.close();
    const cli = verifyCli(dataDir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('Cadena de auditoría íntegra');
    expect(cli.out).toContain(`El evento N° ${firstAnchorFrom2}, respaldado el `);
    expect(cli.out).toContain('la auditoría fue reescrita desde ese evento o antes');
    expect(cli.err).toBe('');
  });

  it('takes the central API as the authority: doctored local anchors are put right by the next sync', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    const desk = await openSynced(central.url, dataDir);
    await viewAndSync(desk, PERSONS);
    desk.close();

    // The rewriter also rewrites the anchors the desk holds, so they match the new hashes.
    rewriteAndRehash(dataDir, 1);
    const key = defaultKeyStore(dataDir).load()!;
    const db = openDatabase({ file: path.join(dataDir, DATABASE_FILE), key });
    db.$client.exec(
      'UPDATE audit_anchors SET hash = (SELECT hash FROM audit_events e WHERE e.seq = audit_anchors.seq)',
    );
    db.$client.close();

    const reopened = await openDesk(central.url, { user: 'supervisora', dataDir });
    expect(act(reopened, 'audit.verify', {}).anchor.state).toBe('agrees');
    await syncNow(reopened);
    expect(act(reopened, 'audit.verify', {}).anchor).toMatchObject({
      state: 'disagrees',
      problem: 'hash_differs',
    });
  });

  it('catches events removed from the end of the chain', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    const desk = await openSynced(central.url, dataDir);
    await viewAndSync(desk, PERSONS);
    const head = desk.db.$client.prepare('SELECT max(seq) AS n FROM audit_events').get() as {
      n: number;
    };
    desk.db.$client.exec('DROP TRIGGER audit_events_no_delete');
    desk.db.$client.prepare('DELETE FROM audit_events WHERE seq = ?').run(head.n);
    expect(act(desk, 'audit.verify', {})).toMatchObject({
      ok: true,
      anchor: { state: 'disagrees', seq: head.n, problem: 'event_missing' },
    });
  });

  it('keeps the anchors across restarts of the desk and of the central API', async () => {
    const centralDir = tempDir();
    const central = await startCentral({ dataDir: centralDir });
    const dataDir = tempDir();
    const desk = await openSynced(central.url, dataDir);
    await viewAndSync(desk, PERSONS);
    const anchored = act(desk, 'audit.verify', {}).anchor;
    expect(anchored.state).toBe('agrees');
    desk.close();
    await central.close();

    // The desk, restarted with no central API to reach, still holds and checks its anchors.
    const offline = await openDesk('http://127.0.0.1:9', { user: null, dataDir });
    expect(verifyAudit(offline.context, null).anchor).toEqual(anchored);
    offline.close();

    // The central API, restarted, still holds this device's anchors and answers them.
    const again = await startCentral({ dataDir: centralDir });
    const back = await openSynced(again.url, dataDir);
    back.db.$client.exec('DELETE FROM audit_anchors');
    expect(act(back, 'audit.verify', {}).anchor).toEqual({ state: 'none' });
    await syncNow(back);
    const report = act(back, 'audit.verify', {});
    expect(report.anchor.state).toBe('agrees');
    expect(report.anchor.lastSeq).toBeGreaterThanOrEqual(anchored.lastSeq);
    expect(report.anchor.anchors).toBeGreaterThan(anchored.anchors - 1);
  });

  it('says honestly when a device has no anchor yet', async () => {
    const central = await startCentral();
    const dataDir = tempDir();
    // Signed in (an audited event) and not synced since: nothing anchored yet.
    const desk = await openDesk(central.url, { user: 'supervisora', dataDir });
    expect(desk.db.$client.prepare('SELECT action FROM audit_events').pluck().all()).toEqual([
      'session.sign_in',
    ]);
    const report = act(desk, 'audit.verify', {});
    expect(report).toMatchObject({ ok: true, anchor: { state: 'none' } });
    desk.close();
    const cli = verifyCli(dataDir);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('aún no ha enviado puntos de control de su auditoría');
  });

  it('refuses to move an anchor: the central API keeps the first hash it got for a sequence', async () => {
    const central = await startCentral();
    const desk = await openSynced(central.url);
    await viewAndSync(desk, PERSONS);
    const deviceId = (
      desk.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'device_id'").get() as {
        value: string;
      }
    ).value;
    const rows = central.db.$client
      .prepare('SELECT seq, hash FROM device_audit_anchors WHERE device_id = ?')
      .all(deviceId) as Array<{ seq: number; hash: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(() =>
      central.db.$client.prepare('UPDATE device_audit_anchors SET hash = 0').run(),
    ).toThrow(/append-only/);
    expect(() => central.db.$client.prepare('DELETE FROM device_audit_anchors').run()).toThrow(
      /append-only/,
    );
  });
});
