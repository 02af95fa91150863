/**
 * Pulled pages on a real replica file: search indexing set aside during a snapshot, then built
 * in steps that survive a crash between them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/db/database';
import { createPersonSearchRepository } from '../../src/main/repositories/person-search-repository';
import { createReplicaWriter } from '../../src/main/sync/replica-writer';
import type { Change } from '../../src/shared/sync-protocol';
import { FIXED_NOW, tempDir } from '../support/context';

const person = (rut: number, given: string, last1: string): Change => ({
  entity: 'person',
  op: 'upsert',
  key: rut,
  row: {
    rut,
    dv: '0',
    given_names: given,
    last_name1: last1,
    last_name2: 'Díaz',
    sort_key: `${last1} diaz ${given}`.toLowerCase(),
    email: null,
    phone: null,
    serial_number: null,
    is_worker: 1,
    is_pensioner: 0,
    version: 1,
  },
});

describe('replica writer', () => {
  it('indexes a snapshot for search in steps that resume after a crash', () => {
    const file = path.join(tempDir(), 'replica.db');
    let db = openDatabase({ file });
    let writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    const names = ['Ana', 'Beto', 'Carla', 'Darío', 'Elena', 'Fabián', 'Gloria'];
    writer.applyPage(
      names.map((name, i) => person(1000 + i, name, 'Muñoz')),
      { cursor: 'c1', epoch: 'e', progress: { done: 7, total: 7 } },
    );
    expect(writer.indexPending()).toBe(true);
    expect(createPersonSearchRepository(db.$client).byNames(['munoz'], 50)).toEqual([]);
    expect(writer.indexStep(3)).toBe(true);

    db.$client.close(); // a crash between two steps
    db = openDatabase({ file });
    writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    expect(writer.indexPending()).toBe(true);
    while (writer.indexStep(3));
    expect(writer.indexPending()).toBe(false);

    const search = createPersonSearchRepository(db.$client);
    expect(
      search
        .byNames(['munoz'], 50)
        .map((row) => row.rut)
        .sort(),
    ).toEqual(names.map((_, i) => 1000 + i));
    const duplicates = db.$client
      .prepare(
        "SELECT rowid, count(*) AS n FROM person_fts WHERE person_fts MATCH 'munoz' GROUP BY rowid HAVING n > 1",
      )
      .all();
    expect(duplicates).toEqual([]);
    // The triggers are back: later changes are indexed as they arrive.
    writer.applyPage([person(2000, 'Hugo', 'Zúñiga')], {
      cursor: 'c2',
      epoch: 'e',
      progress: null,
    });
    expect(search.byNames(['zuniga'], 5).map((row) => row.rut)).toEqual([2000]);
    db.$client.close();
  });

  // The sync engine writes a large pulled page in parts, each a transaction of its own with the
  // event loop let through between them (sync-engine.ts, PAGE_PART_ROWS).
  it('moves the cursor with a page’s last part only; a crash between parts writes it again', () => {
    const file = path.join(tempDir(), 'replica.db');
    let db = openDatabase({ file });
    let writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    const rows = Array.from({ length: 6 }, (_, i) => person(4000 + i, `Persona${i}`, 'Vera'));
    const meta = { cursor: 'c1', epoch: 'e', progress: { done: 6, total: 6 } };
    const count = () =>
      (db.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;

    writer.applyPage(rows.slice(0, 3), { ...meta, startsSnapshot: true, partial: true });
    expect(count()).toBe(3);
    expect(writer.state('pull_cursor') ?? '').toBe('');

    db.$client.close(); // a crash between two parts: the page is pulled again, from its start
    db = openDatabase({ file });
    writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    writer.applyPage(rows.slice(0, 3), { ...meta, partial: true });
    writer.applyPage(rows.slice(3), meta);
    expect(count()).toBe(6);
    expect(writer.state('pull_cursor')).toBe('c1');
    expect(JSON.parse(writer.state('initial_sync')!)).toEqual({ done: 6, total: 6 });
    db.$client.close();
  });

  it('re-indexes a pulled person for search only when the name changed, never for an older version', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'replica.db') });
    const writer = createReplicaWriter(db.$client, () => FIXED_NOW);
    const search = createPersonSearchRepository(db.$client);
    const page = (changes: Change[], cursor: string) =>
      writer.applyPage(changes, { cursor, epoch: 'e', progress: null });
    page([person(3000, 'Inés', 'Rojas')], 'c1');
    // Counts what the search triggers react to: an UPDATE naming the indexed columns.
    db.$client.exec(`CREATE TEMP TABLE name_writes (rut INTEGER);
      CREATE TEMP TRIGGER count_name_writes AFTER UPDATE OF given_names, last_name1, last_name2
      ON main.persons BEGIN INSERT INTO name_writes VALUES (new.rut); END;`);
    const nameWrites = () =>
      (db.$client.prepare('SELECT count(*) AS n FROM name_writes').get() as { n: number }).n;

    // The desk's own change coming back: a new phone and version, the same name.
    const echo = person(3000, 'Inés', 'Rojas');
    page([{ ...echo, row: { ...echo.row!, phone: '+56911112222', version: 2 } }], 'c2');
    expect(nameWrites()).toBe(0);
    expect(db.$client.prepare('SELECT phone, version FROM persons WHERE rut = 3000').get()).toEqual(
      { phone: '+56911112222', version: 2 },
    );
    expect(search.byNames(['rojas'], 5).map((row) => row.rut)).toEqual([3000]);

    // A renamed person is re-indexed: the new name is found, the old one no longer.
    const renamed = person(3000, 'Inés', 'Castro');
    page([{ ...renamed, row: { ...renamed.row!, phone: '+56911112222', version: 3 } }], 'c3');
    expect(nameWrites()).toBe(1);
    expect(search.byNames(['castro'], 5).map((row) => row.rut)).toEqual([3000]);
    expect(search.byNames(['rojas'], 5)).toEqual([]);

    // An older version changes nothing, the name included.
    page([{ ...echo, row: { ...echo.row!, version: 2 } }], 'c4');
    expect(nameWrites()).toBe(1);
    expect(
      db.$client.prepare('SELECT last_name1, version FROM persons WHERE rut = 3000').get(),
    ).toEqual({ last_name1: 'Castro', version: 3 });
    db.$client.close();
  });
});

describe('an action the server refused', () => {
  it('puts back the server rows it sent, even at the version a pull already brought', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'replica.db') });
    const sqlite = db.$client;
    const writer = createReplicaWriter(sqlite, () => FIXED_NOW);
    const at = (phone: string, version: number): Change => {
      const change = person(1000, 'Ana', 'Muñoz');
      return { ...change, row: { ...change.row, phone, version } };
    };
    const phone = () => sqlite.prepare('SELECT phone FROM persons WHERE rut = 1000').pluck().get();
    writer.applyPage([at('+56911111111', 8)], { cursor: 'c1', epoch: 'e', progress: null });
    // Another agent's lane on this desk decided a new phone, still waiting to be sent...
    sqlite
      .prepare(
        `INSERT INTO outbox (action_id, kind, payload, created_at, person_rut, agent_id)
         VALUES ('b', 'person.update_contact', ?, ?, 1000, 'supervisor-demo')`,
      )
      .run(
        JSON.stringify({ changes: { phone: { from: '+56922222222', to: '+56933333333' } } }),
        FIXED_NOW.toISOString(),
      );
    // ...and a pull brings version 9, over which it is replayed while pending.
    writer.applyPage([at('+56922222222', 9)], { cursor: 'c2', epoch: 'e', progress: null });
    expect(phone()).toBe('+56933333333');

    // The server answers: a conflict; its person as it is now is version 9 with its own phone.
    sqlite.transaction(() => {
      sqlite.prepare("UPDATE outbox SET state = 'conflict' WHERE action_id = 'b'").run();
      writer.forgetAheadOf('b', [at('+56922222222', 9)]);
    })();
    expect(phone()).toBe('+56922222222');
    // Rows of another person in the answer are not this action's: left alone.
    sqlite.transaction(() => writer.forgetAheadOf('b', [person(2000, 'Otro', 'Pérez')]))();
    expect(sqlite.prepare('SELECT count(*) FROM persons WHERE rut = 2000').pluck().get()).toBe(0);
    db.$client.close();
  });
});

describe('a pending e-mail change replayed over pulled rows', () => {
  it('keeps the accounts unconfirmed and the change dated when it was decided, whatever page brings them (walk 59b)', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'replica.db') });
    const sqlite = db.$client;
    const writer = createReplicaWriter(sqlite, () => FIXED_NOW);
    const ana = (email: string, version: number): Change => {
      const change = person(1000, 'Ana', 'Muñoz');
      return { ...change, row: { ...change.row, email, version } };
    };
    const account: Change = {
      entity: 'account',
      op: 'upsert',
      key: 77,
      row: {
        id: 77,
        person_rut: 1000,
        portal: 'achs_gestion',
        registration_state: 'active',
        password_set: 1,
        email_verified: 1,
        failed_attempts: 0,
        locked_until: null,
        registration_blocked: 0,
        last_login_at: null,
        first_access_used: 0,
        version: 3,
      },
    };
    const decided = new Date(FIXED_NOW.getTime() - 40 * 60_000).toISOString();
    // An officer's change decided offline 40 minutes ago, still waiting on this desk.
    sqlite
      .prepare(
        `INSERT INTO outbox (action_id, kind, payload, created_at, person_rut, agent_id)
         VALUES ('e', 'person.update_contact', ?, ?, 1000, 'officer-demo')`,
      )
      .run(
        JSON.stringify({
          changes: { email: { from: 'ana@antes.cl', to: 'ana@nuevo.cl' } },
        }),
        decided,
      );
    // Another sign-in's snapshot: the person in one page, her account in the next.
    writer.applyPage([ana('ana@antes.cl', 4)], {
      cursor: 'c1',
      epoch: 'e',
      progress: null,
      startsSnapshot: true,
    });
    writer.applyPage([account], { cursor: 'c2', epoch: 'e', progress: null });
    const row = sqlite
      .prepare('SELECT email, email_changed_at FROM persons WHERE rut = 1000')
      .get() as { email: string; email_changed_at: string };
    expect(row).toEqual({ email: 'ana@nuevo.cl', email_changed_at: decided });
    expect(sqlite.prepare('SELECT email_verified FROM accounts WHERE id = 77').pluck().get()).toBe(
      0,
    );
    db.$client.close();
  });
});
