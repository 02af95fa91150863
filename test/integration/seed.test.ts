/**
 * The demo dataset: deterministic, realistic, every state present, never half-written.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db/database';
import { createDemoDatabase } from '../../src/storage/seed/seed-database';
import { isValidRut } from '../../src/shared/rut';
import { FIXED_NOW, tempDir } from '../support/context';

function build(persons: number, seed?: number) {
  const file = path.join(tempDir(), 'demo.db');
  createDemoDatabase({ file, persons, now: FIXED_NOW, seed });
  return openDatabase({ file });
}

function digest(db: ReturnType<typeof build>): string {
  const hash = createHash('sha256');
  for (const table of [
    'companies',
    'persons',
    'memberships',
    'accounts',
    'mails',
    'access_requests',
  ]) {
    for (const row of db.$client.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate()) {
      hash.update(JSON.stringify(row, (key, value) => (key === 'updated_at' ? undefined : value)));
    }
  }
  return hash.digest('hex');
}

describe('demo dataset', () => {
  it('is the same for the same size and seed, and differs for another seed', () => {
    const a = build(1500);
    const b = build(1500);
    const c = build(1500, 7);
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
    for (const db of [a, b, c]) db.$client.close();
  });

  it('has valid RUTs, accented names, a surname on over 10 % and every account state', () => {
    const db = build(5000);
    const q = (sql: string) => db.$client.prepare(sql).get() as { n: number };
    expect(q('SELECT count(*) AS n FROM persons').n).toBe(5000);
    const ruts = db.$client.prepare('SELECT rut, dv FROM persons').all() as Array<{
      rut: number;
      dv: string;
    }>;
    expect(ruts.every((r) => isValidRut({ body: r.rut, dv: r.dv }))).toBe(true);
    // The benchmark's common surname: carried (first or second) by over 10 % of persons.
    expect(
      q("SELECT count(*) AS n FROM persons WHERE 'González' IN (last_name1, last_name2)").n,
    ).toBeGreaterThan(500);
    const present = (where: string) => q(`SELECT count(*) AS n FROM ${where}`).n;
    expect(present("accounts WHERE locked_until > '2026-11-21T15:00:00.000Z'")).toBeGreaterThan(0);
    expect(present('accounts WHERE registration_blocked = 1')).toBeGreaterThan(0);
    expect(present("accounts WHERE registration_state = 'pending_activation'")).toBeGreaterThan(0);
    expect(present("accounts WHERE registration_state = 'not_registered'")).toBeGreaterThan(0);
    expect(present('persons WHERE email IS NULL')).toBeGreaterThan(0);
    expect(present('companies WHERE adherent = 0')).toBeGreaterThan(0);
    for (const state of ['active', 'disabled', 'paused', 'removed']) {
      expect(present(`memberships WHERE state = '${state}'`), state).toBeGreaterThan(0);
    }
    expect(
      present('(SELECT person_rut FROM memberships GROUP BY person_rut HAVING count(*) > 1)'),
    ).toBeGreaterThan(0);
    expect(present("access_requests WHERE state = 'rejected'")).toBeGreaterThan(0);
    // Rule 12: an agreement is signed after its request was approved, never while it is pending.
    expect(
      present(`memberships m JOIN access_requests r
        ON r.person_rut = m.person_rut AND r.company_rut = m.company_rut
        WHERE m.agreement_signed = 1 AND r.state = 'pending'`),
    ).toBe(0);
    // Dates in order: an agreement is sent before it is signed, and both within the membership.
    expect(
      present(`memberships WHERE agreement_signed_at < agreement_sent_at
        OR agreement_sent_at < started_at OR agreement_signed_at > ended_at`),
    ).toBe(0);
    expect(
      present("memberships WHERE state = 'removed' AND agreement_signed_at IS NOT NULL"),
    ).toBeGreaterThan(0);
    // A company profile is given only to someone with an e-mail: its approval, or the agreement
    // to sign, is mailed (rule 12); so nobody signed one without an address either.
    expect(
      present(`memberships m JOIN persons p ON p.rut = m.person_rut
        WHERE m.role <> 'worker' AND p.email IS NULL`),
    ).toBe(0);
    expect(present("memberships WHERE role <> 'worker'")).toBeGreaterThan(100);
    // No dismissal after today, and nobody dismissed from everything (with no pension) entered
    // a portal after the last dismissal.
    expect(present(`memberships WHERE ended_at > '${FIXED_NOW.toISOString()}'`)).toBe(0);
    const dismissed = `SELECT m.person_rut AS rut, max(m.ended_at) AS lost FROM memberships m
      JOIN persons p ON p.rut = m.person_rut WHERE p.is_pensioner = 0
      GROUP BY m.person_rut HAVING count(*) = count(m.ended_at)`;
    expect(present(`(${dismissed})`)).toBeGreaterThan(0);
    expect(
      present(`accounts a JOIN (${dismissed}) d ON d.rut = a.person_rut
        WHERE a.last_login_at >= d.lost`),
    ).toBe(0);
    expect(
      present(`accounts a JOIN (${dismissed}) d ON d.rut = a.person_rut
        WHERE a.last_login_at IS NOT NULL`),
    ).toBeGreaterThan(0);
    db.$client.close();
  });

  it('mailed every unsigned company profile «Firma pedida» dates: its approval, or the agreement', () => {
    const db = build(5000);
    const asked = db.$client
      .prepare(
        `SELECT m.person_rut, m.agreement_sent_at,
           (SELECT count(*) FROM mails x WHERE x.person_rut = m.person_rut
              AND x.kind IN ('access_approval', 'agreement_signature')) AS mailed
         FROM memberships m WHERE m.agreement_sent_at IS NOT NULL AND m.agreement_signed = 0`,
      )
      .all() as Array<{ person_rut: number; mailed: number }>;
    expect(asked.length).toBeGreaterThan(10);
    // The record said «Firma pedida el …» beside «No hay envíos registrados» (74 of 75).
    expect(asked.filter((row) => row.mailed === 0)).toEqual([]);
  });

  it('dates nothing of a company after its adherence ended, nor before it began (rule 6)', () => {
    const db = build(5000);
    const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
    expect(
      count('SELECT count(*) AS n FROM companies WHERE adherent_until IS NOT NULL'),
    ).toBeGreaterThan(2);
    expect(
      count('SELECT count(*) AS n FROM companies WHERE adherent_since >= adherent_until'),
    ).toBe(0);
    // Its people joined, were dismissed, asked and signed while it was adherent.
    const members = `memberships m JOIN companies c ON c.rut = m.company_rut`;
    expect(
      count(`SELECT count(*) AS n FROM ${members} WHERE c.adherent_until IS NOT NULL`),
    ).toBeGreaterThan(0);
    expect(
      count(`SELECT count(*) AS n FROM ${members}
        WHERE m.started_at < c.adherent_since OR m.started_at >= c.adherent_until
          OR m.ended_at > c.adherent_until OR m.agreement_sent_at >= c.adherent_until
          OR m.agreement_signed_at >= c.adherent_until`),
    ).toBe(0);
    expect(
      count(`SELECT count(*) AS n FROM access_requests r JOIN companies c ON c.rut = r.company_rut
        WHERE r.requested_at >= c.adherent_until OR r.decided_at >= c.adherent_until`),
    ).toBe(0);
    // Nobody whose every access ended (dismissed, or at a company no longer adherent) and who
    // has no pension entered a portal after the last of them ended: Ramón's company left.
    const lost = `SELECT m.person_rut AS rut,
        max(coalesce(min(m.ended_at, c.adherent_until), m.ended_at, c.adherent_until)) AS lost
      FROM ${members} JOIN persons p ON p.rut = m.person_rut WHERE p.is_pensioner = 0
      GROUP BY m.person_rut
      HAVING count(*) = count(coalesce(m.ended_at, c.adherent_until))`;
    expect(count(`SELECT count(*) AS n FROM (${lost}) WHERE rut = 7654321`)).toBe(1);
    expect(
      count(`SELECT count(*) AS n FROM accounts a JOIN (${lost}) l ON l.rut = a.person_rut
        WHERE a.last_login_at >= l.lost`),
    ).toBe(0);
    db.$client.close();
  });

  it('continues a killed seed where it stopped and builds the very same rows', () => {
    const persons = 12_000;
    const seed = 11;
    const file = path.join(tempDir(), 'demo.db');
    const killed = (killAt: number) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/support/seed-child.ts',
          file,
          String(persons),
          String(seed),
          FIXED_NOW.toISOString(),
          String(killAt),
        ],
        { encoding: 'utf8' },
      );
    // Killed in the middle of the rows, then again after the last row (before the indexes).
    expect(killed(5_000).signal).toBe('SIGKILL');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(true);
    expect(killed(persons).signal).toBe('SIGKILL');
    const summary = createDemoDatabase({ file, persons, now: FIXED_NOW, seed });
    expect(summary.resumedFrom).toBe(persons);
    expect(summary.persons).toBe(persons);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const resumed = openDatabase({ file });
    const whole = build(persons, seed);
    expect(digest(resumed)).toBe(digest(whole));
    const schema = (db: typeof whole) =>
      db.$client
        .prepare(
          "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all();
    expect(schema(resumed)).toEqual(schema(whole));
    // The full-text index holds every person: a search finds the same people in both.
    const fts = (db: typeof whole) =>
      db.$client
        .prepare("SELECT count(*) AS n FROM person_fts WHERE person_fts MATCH 'gonzalez'")
        .get();
    expect(fts(resumed)).toEqual(fts(whole));
    expect(resumed.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('builds into a folder that does not exist yet', () => {
    const file = path.join(tempDir(), 'nueva', 'carpeta', 'demo.db');
    createDemoDatabase({ file, persons: 50 });
    expect(fs.existsSync(file)).toBe(true);
  });

  it('never leaves a half-built replica behind', () => {
    const file = path.join(tempDir(), 'demo.db');
    expect(() =>
      createDemoDatabase({
        file,
        persons: 20_000,
        onProgress: (done) => {
          if (done > 5000) throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    createDemoDatabase({ file, persons: 100 });
    expect(() => createDemoDatabase({ file, persons: 100 })).toThrow('database_exists');
    const db = openDatabase({ file });
    expect(db.$client.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 100 });
    // Triggers are back: a new person is searchable.
    const triggers = db.$client
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'")
      .get() as { n: number };
    // The search's, the persons' terms', company counts' and key tables' (set aside and back), the
    // audit's, the person count's and the terms' sound keys' (persons' and companies').
    expect(triggers.n).toBe(30);
    // The key tables were filled once the rows were in.
    expect(db.$client.prepare('SELECT count(*) FROM memberships_by_company').pluck().get()).toBe(
      db.$client.prepare('SELECT count(*) FROM memberships').pluck().get(),
    );
    expect(db.$client.prepare('SELECT count(*) FROM persons_by_email').pluck().get()).toBe(
      db.$client.prepare('SELECT count(*) FROM persons WHERE email IS NOT NULL').pluck().get(),
    );
    expect(
      db.$client.prepare('SELECT count(*) FROM person_terms').pluck().get() as number,
    ).toBeGreaterThan(10);
    // Each term under its sound key too, filled with them (migration 0040's triggers).
    expect(db.$client.prepare('SELECT count(*) FROM person_sounds').pluck().get()).toBe(
      db.$client.prepare('SELECT count(*) FROM person_terms').pluck().get(),
    );
    // And the companies' terms (migration 0041's triggers): every one the company index has.
    db.$client.exec(
      "CREATE VIRTUAL TABLE temp.company_rows USING fts5vocab(main, 'company_fts', 'row')",
    );
    expect(
      db.$client
        .prepare('SELECT term FROM temp.company_rows EXCEPT SELECT term FROM company_sounds')
        .pluck()
        .all(),
    ).toEqual([]);
    expect(db.$client.prepare('SELECT count(*) FROM company_sounds').pluck().get()).toBe(
      db.$client.prepare('SELECT count(*) FROM temp.company_rows').pluck().get(),
    );
    db.$client.close();
  });
});
