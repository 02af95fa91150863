/**
 * Migrations: a replica from every earlier schema version upgrades in place, keeping its rows,
 * and reopening an up-to-date replica changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, sourceMigrationsFolder } from '../../src/storage/db/database';
import { createPersonSearchRepository } from '../../src/main/repositories/person-search-repository';
import { tempDir } from '../support/context';
import { nameSound } from '../../src/shared/name-sound';
import { awaitsFollowUpSql } from '../../src/shared/rules/follow-up';

type Journal = { entries: Array<{ idx: number; tag: string }> };
const journal = JSON.parse(
  fs.readFileSync(path.join(sourceMigrationsFolder, 'meta/_journal.json'), 'utf8'),
) as Journal;

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const folder = tempDir();
  fs.cpSync(sourceMigrationsFolder, folder, { recursive: true });
  const truncated = { ...journal, entries: journal.entries.slice(0, count) };
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(truncated));
  return folder;
}

describe('migrations', () => {
  it('has more than one version to upgrade from', () => {
    expect(journal.entries.length).toBeGreaterThanOrEqual(2);
  });

  it.each(journal.entries.slice(0, -1).map((entry) => [entry.tag, entry.idx + 1]))(
    'upgrades a replica made at %s without losing rows',
    (_tag, count) => {
      const file = path.join(tempDir(), 'old.db');
      const old = openDatabase({ file, migrationsFolder: migrationsUpTo(count as number) });
      old.$client
        .prepare(
          `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key, email)
           VALUES (12345678, '5', 'Pedro Andrés', 'González', 'Muñoz', 'gonzalez munoz pedro andres', 'p@x.cl')`,
        )
        .run();
      old.$client.close();

      const upgraded = openDatabase({ file });
      const applied = upgraded.$client
        .prepare('SELECT count(*) AS n FROM __drizzle_migrations')
        .get() as { n: number };
      expect(applied.n).toBe(journal.entries.length);
      const person = upgraded.$client
        .prepare('SELECT given_names, email FROM persons WHERE rut = 12345678')
        .get();
      expect(person).toEqual({ given_names: 'Pedro Andrés', email: 'p@x.cl' });
      // Rows written before the search index existed are found by it after the upgrade.
      const search = createPersonSearchRepository(upgraded.$client);
      expect(search.byNames(['munoz', 'ped'], 10).map((row) => row.rut)).toEqual([12345678]);
      // And as it sounds, from the sound keys migration 0040 took of the terms already there.
      expect(
        search
          .byNamesSoundingLike(['gonsales', 'munos'], 10, { kind: 'everyone' })
          .map((row) => row.rut),
      ).toEqual([12345678]);
      // And by e-mail, from the key table filled by migration 0027.
      expect(
        upgraded.$client
          .prepare("SELECT rut FROM persons_by_email WHERE email = 'p@x.cl'")
          .pluck()
          .all(),
      ).toEqual([12345678]);
      upgraded.$client.close();
    },
  );

  it('merges the Portal Héroes and Portal Empresas accounts into one Los Héroes login, losing nothing', () => {
    const before = journal.entries.findIndex((entry) => entry.tag === '0009_one_los_heroes_login');
    expect(before).toBeGreaterThan(0);
    const file = path.join(tempDir(), 'two-accounts.db');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(before) });
    const sql = old.$client;
    const person = sql.prepare(
      `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key, email) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    person.run(10203040, '0', 'Héctor', 'Contreras', 'contreras hector', 'h@x.cl');
    person.run(13579246, '2', 'Marcela', 'Fuentes', 'fuentes marcela', 'm@x.cl');
    person.run(12345678, '5', 'Pedro', 'González', 'gonzalez pedro', 'p@x.cl');
    const account = sql.prepare(
      `INSERT INTO accounts (person_rut, portal, registration_state, password_set, email_verified,
         failed_attempts, locked_until, registration_blocked, last_login_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Héctor: only a Portal Empresas account, never entered.
    account.run(10203040, 'portal_empresas', 'active', 0, 1, 0, null, 0, null, 3);
    // Marcela: an affiliate with a password, and a Portal Empresas account locked later.
    account.run(
      13579246,
      'portal_heroes',
      'active',
      1,
      1,
      1,
      null,
      0,
      '2026-11-01T10:00:00.000Z',
      4,
    );
    account.run(
      13579246,
      'portal_empresas',
      'active',
      0,
      0,
      6,
      '2026-11-21T16:00:00.000Z',
      0,
      null,
      7,
    );
    // Pedro: ACHS only, untouched.
    account.run(
      12345678,
      'achs_gestion',
      'active',
      1,
      1,
      6,
      '2026-11-21T15:45:00.000Z',
      0,
      null,
      2,
    );
    const mail = sql.prepare(
      `INSERT INTO mails (id, person_rut, portal, kind, sent_at, outcome, to_address) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    mail.run(
      1,
      13579246,
      'portal_empresas',
      'agreement_signature',
      '2026-11-20T10:00:00.000Z',
      'sent',
      'm@x.cl',
    );
    mail.run(
      2,
      13579246,
      'portal_heroes',
      'password_reset',
      '2026-11-19T10:00:00.000Z',
      'sent',
      'm@x.cl',
    );
    sql
      .prepare(
        `INSERT INTO outbox (action_id, kind, agent_id, person_rut, payload, created_at)
         VALUES ('a1', 'account.unlock', 'agent-demo', 13579246, '{"portal":"portal_empresas"}', '2026-11-21T15:00:00.000Z')`,
      )
      .run();
    sql.close();

    const upgraded = openDatabase({ file }).$client;
    const accounts = upgraded
      .prepare(
        `SELECT person_rut, portal, registration_state, password_set, email_verified, failed_attempts,
           locked_until, first_access_used, last_login_at, version FROM accounts ORDER BY person_rut`,
      )
      .all();
    expect(accounts).toEqual([
      {
        person_rut: 10203040,
        portal: 'portal_heroes',
        registration_state: 'active',
        password_set: 0,
        email_verified: 1,
        failed_attempts: 0,
        locked_until: null,
        first_access_used: 0,
        last_login_at: null,
        version: 4,
      },
      {
        person_rut: 12345678,
        portal: 'achs_gestion',
        registration_state: 'active',
        password_set: 1,
        email_verified: 1,
        failed_attempts: 6,
        locked_until: '2026-11-21T15:45:00.000Z',
        first_access_used: 0,
        last_login_at: null,
        version: 2,
      },
      {
        person_rut: 13579246,
        portal: 'portal_heroes',
        registration_state: 'active',
        password_set: 1,
        email_verified: 1,
        failed_attempts: 6,
        locked_until: '2026-11-21T16:00:00.000Z',
        first_access_used: 0,
        last_login_at: '2026-11-01T10:00:00.000Z',
        version: 8,
      },
    ]);
    // Mails keep the portal they came from; the queue is untouched.
    expect(upgraded.prepare('SELECT id, portal FROM mails ORDER BY id').all()).toEqual([
      { id: 1, portal: 'portal_empresas' },
      { id: 2, portal: 'portal_heroes' },
    ]);
    expect(upgraded.prepare('SELECT action_id, state FROM outbox').all()).toEqual([
      { action_id: 'a1', state: 'pending' },
    ]);
    upgraded.close();
  });

  it('dates a mobile this desk changed before persons kept the date, from its audit (0028)', () => {
    const file = path.join(tempDir(), 'phones.db');
    const at = journal.entries.findIndex((entry) => entry.tag === '0028_phone_changed_at');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(at) });
    const insertPerson = old.$client.prepare(
      `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key, phone)
       VALUES (?, 'k', 'Ana', 'Soto', 'soto ana', '+56911111111')`,
    );
    for (const rut of [1, 2, 3]) insertPerson.run(rut);
    const event = old.$client.prepare(
      `INSERT INTO audit_events (id, at, agent_id, device_id, person_rut, action, before, after,
         prev_hash, hash) VALUES (?, ?, 'a', 'd', ?, 'person.update_contact', ?, ?, '', '')`,
    );
    const phone = (value: string) => JSON.stringify({ phone: value });
    const mail = (value: string) => JSON.stringify({ email: value });
    // Person 1: two phone changes (the later one counts); 2: an e-mail change only; 3: none.
    event.run('e1', '2026-11-30T10:00:00.000Z', 1, phone('+56911111110'), phone('+56922222222'));
    event.run('e2', '2026-12-01T09:30:00.000Z', 1, phone('+56922222222'), phone('+56911111111'));
    event.run('e3', '2026-12-01T11:00:00.000Z', 2, mail('a@x.cl'), mail('b@x.cl'));
    old.$client.close();

    const upgraded = openDatabase({ file });
    expect(
      upgraded.$client.prepare('SELECT rut, phone_changed_at FROM persons ORDER BY rut').all(),
    ).toEqual([
      { rut: 1, phone_changed_at: '2026-12-01T09:30:00.000Z' },
      { rut: 2, phone_changed_at: null },
      { rut: 3, phone_changed_at: null },
    ]);
    upgraded.$client.close();
  });

  it("stores each interaction's kind, a visit where its agent is a prevention officer (0033)", () => {
    const file = path.join(tempDir(), 'kinds.db');
    const at = journal.entries.findIndex((entry) => entry.tag === '0033_interaction_kind');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(at) });
    const agent = old.$client.prepare(
      `INSERT INTO agents (id, username, display_name, role, password_hash, active)
       VALUES (?, ?, ?, ?, 'x', 1)`,
    );
    agent.run('officer', 'prevencion', 'Tomás', 'prevention');
    agent.run('agent', 'agente', 'Ana', 'agent');
    agent.run('boss', 'supervisora', 'Sara', 'supervisor');
    const interaction = old.$client.prepare(
      `INSERT INTO interactions (id, agent_id, person_rut, reason, opened_at, closed_at)
       VALUES (?, ?, 12345678, 'other', ?, NULL)`,
    );
    interaction.run('v1', 'officer', '2026-11-20T10:00:00.000Z');
    interaction.run('v2', 'officer', '2026-11-21T10:00:00.000Z');
    interaction.run('c1', 'agent', '2026-11-21T11:00:00.000Z');
    interaction.run('c2', 'boss', '2026-11-21T12:00:00.000Z');
    // An agent this desk does not know took a call, as the old rule said.
    interaction.run('c3', 'gone', '2026-11-21T13:00:00.000Z');
    old.$client.close();

    const upgraded = openDatabase({ file }).$client;
    expect(upgraded.prepare('SELECT id, kind FROM interactions ORDER BY id').all()).toEqual([
      { id: 'c1', kind: 'call' },
      { id: 'c2', kind: 'call' },
      { id: 'c3', kind: 'call' },
      { id: 'v1', kind: 'visit' },
      { id: 'v2', kind: 'visit' },
    ]);
    // Stored now: the officer made supervisor keeps his visits.
    upgraded.prepare("UPDATE agents SET role = 'supervisor' WHERE id = 'officer'").run();
    expect(
      upgraded
        .prepare("SELECT id FROM interactions WHERE kind = 'visit' ORDER BY id")
        .pluck()
        .all(),
    ).toEqual(['v1', 'v2']);
    // Neither a call nor a visit is no interaction.
    expect(() =>
      upgraded.prepare("UPDATE interactions SET kind = 'meeting' WHERE id = 'c1'").run(),
    ).toThrow(/CHECK constraint failed/);
    upgraded.close();
  });

  it('starts «Por atender» at the upgrade: calls closed before it do not wait, and nobody is said to have attended them (0043)', () => {
    const file = path.join(tempDir(), 'follow-up.db');
    const at = journal.entries.findIndex((entry) => entry.tag === '0043_call_follow_up');
    const old = openDatabase({ file, migrationsFolder: migrationsUpTo(at) });
    const interaction = old.$client.prepare(
      `INSERT INTO interactions (id, agent_id, person_rut, reason, outcome, opened_at, closed_at)
       VALUES (?, 'agent', 12345678, 'other', ?, ?, ?)`,
    );
    interaction.run('handed', 'escalated', '2026-06-01T10:00:00.000Z', '2026-06-01T10:05:00.000Z');
    interaction.run('back', 'callback', '2026-06-02T10:00:00.000Z', '2026-06-02T10:05:00.000Z');
    interaction.run('done', 'resolved', '2026-06-03T10:00:00.000Z', '2026-06-03T10:05:00.000Z');
    interaction.run('open', null, '2026-06-04T10:00:00.000Z', null);
    old.$client.close();

    const upgraded = openDatabase({ file }).$client;
    expect(
      upgraded
        .prepare('SELECT id, follow_up_at, follow_up_by FROM interactions ORDER BY opened_at')
        .all(),
    ).toEqual([
      { id: 'handed', follow_up_at: '2026-06-01T10:05:00.000Z', follow_up_by: null },
      { id: 'back', follow_up_at: '2026-06-02T10:05:00.000Z', follow_up_by: null },
      { id: 'done', follow_up_at: null, follow_up_by: null },
      { id: 'open', follow_up_at: null, follow_up_by: null },
    ]);
    expect(
      upgraded
        .prepare(`SELECT count(*) FROM interactions WHERE ${awaitsFollowUpSql()}`)
        .pluck()
        .get(),
    ).toBe(0);
    // The list's term is its index's WHERE, exactly.
    const index = upgraded
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'interactions_awaiting'")
      .pluck()
      .get() as string;
    expect(index.endsWith(`WHERE ${awaitsFollowUpSql()}`)).toBe(true);
    // One closed from now on waits.
    upgraded
      .prepare(
        `INSERT INTO interactions (id, agent_id, person_rut, reason, outcome, opened_at, closed_at)
         VALUES ('new', 'agent', 12345678, 'other', 'escalated', '2026-12-07T10:00:00.000Z',
           '2026-12-07T10:05:00.000Z')`,
      )
      .run();
    expect(
      upgraded.prepare(`SELECT id FROM interactions WHERE ${awaitsFollowUpSql()}`).pluck().all(),
    ).toEqual(['new']);
    upgraded.close();
  });

  it('reopens an up-to-date replica without touching its data', () => {
    const file = path.join(tempDir(), 'current.db');
    const first = openDatabase({ file });
    first.$client
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key) VALUES (1, '9', 'Ana', 'Soto', 'soto ana')`,
      )
      .run();
    first.$client.close();
    const again = openDatabase({ file });
    expect(again.$client.prepare('SELECT count(*) AS n FROM persons').get()).toEqual({ n: 1 });
    expect(again.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    again.$client.close();
  });

  it('keeps the search index in step with inserts, renames and deletes', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'fts.db') });
    const search = createPersonSearchRepository(db.$client);
    db.$client
      .prepare(
        `INSERT INTO persons (rut, dv, given_names, last_name1, sort_key) VALUES (1, '9', 'Ana', 'Soto', 'soto ana')`,
      )
      .run();
    expect(search.byNames(['soto'], 5).map((row) => row.rut)).toEqual([1]);
    db.$client.prepare(`UPDATE persons SET last_name1 = 'Ñuñez' WHERE rut = 1`).run();
    expect(search.byNames(['soto'], 5)).toEqual([]);
    expect(search.byNames(['nunez'], 5).map((row) => row.rut)).toEqual([1]);
    db.$client.prepare('DELETE FROM persons WHERE rut = 1').run();
    expect(search.byNames(['nunez'], 5)).toEqual([]);
    db.$client.close();
  });

  it('keeps the persons’ terms in step: a term leaves with the last person who has it', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'terms.db') });
    // Each term is kept under its sound key too (migration 0040), in step with person_terms.
    const sounds = () =>
      db.$client
        .prepare('SELECT term, sound FROM person_sounds ORDER BY term')
        .all()
        .map((row) => {
          const { term, sound } = row as { term: string; sound: string };
          expect(sound).toBe(nameSound(term));
          return term;
        });
    const terms = () => {
      const listed = db.$client
        .prepare('SELECT term FROM person_terms ORDER BY term')
        .pluck()
        .all();
      expect(sounds()).toEqual(listed);
      return listed;
    };
    const insert = db.$client.prepare(
      `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key)
       VALUES (?, '9', ?, ?, ?, '')`,
    );
    insert.run(1, 'Ana María', 'Soto', '');
    insert.run(2, 'Bea', 'Soto', 'Ærø');
    expect(terms()).toEqual(['ana', 'bea', 'maria', 'soto', 'ærø']);
    db.$client.prepare(`UPDATE persons SET last_name1 = 'Ñuñez' WHERE rut = 1`).run();
    expect(terms()).toEqual(['ana', 'bea', 'maria', 'nunez', 'soto', 'ærø']);
    db.$client.prepare(`UPDATE persons SET given_names = 'Ana' WHERE rut = 1`).run();
    expect(terms()).toEqual(['ana', 'bea', 'nunez', 'soto', 'ærø']);
    db.$client.prepare('DELETE FROM persons WHERE rut = 1').run();
    expect(terms()).toEqual(['bea', 'soto', 'ærø']);
    db.$client.prepare('DELETE FROM persons WHERE rut = 2').run();
    expect(terms()).toEqual([]);
    db.$client.close();
  });
});
