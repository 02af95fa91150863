/**
 * Deterministic, realistic demo data: the same `persons` and `seed` always give the same rows.
 * A scripted cast of persons covers every account state of DOMAIN.md (see `cast.ts`); the rest
 * is drawn from Chilean name and company material. Writes with prepared statements in
 * transactions of a few thousand rows, in RUT order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db, type OpenOptions } from '../db/database';
import { checkDigit } from '../../shared/rut';
import { foldText } from '../../shared/text';
import type { AdminKind } from '../../shared/rules/company-access';
import type { MembershipRole, MembershipState, Portal } from '../../shared/vocabulary';
import { resumableRandom } from './random';
import { createAgentRepository } from '../repositories/agent-repository';
import { restoreKeyTable, setKeyTablesAside, type KeyTableAside } from '../db/key-tables';
import { BULK_LOAD_TRIGGERS_SQL, FILL_COMPANY_COUNTS_SQL } from '../repositories/company-counts';
import { fillPersonTermsSql } from '../db/person-terms';
import { CAST_AGENTS, CAST_COMPANIES, CAST_PERSONS, type CastPerson } from './cast';
import {
  COMPANY_KINDS,
  COMPANY_PLACES,
  COMPANY_SUFFIXES,
  GIVEN_NAMES_F,
  GIVEN_NAMES_M,
  MAIL_DOMAINS,
  SEED_MODULES,
  SURNAMES,
} from './names';

export type SeedOptions = {
  persons: number;
  /** Fixes every timestamp of the dataset (locks, mails) relative to this instant. */
  now?: Date;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
};

export type SeedSummary = {
  persons: number;
  companies: number;
  /** Rows written to every seeded table, companies and the cast included. */
  rows: number;
  /** Seconds spent seeding, summed over every run when the seed was resumed. */
  seconds: number;
  /** Persons already written by an earlier, interrupted run that this one continued (0: none). */
  resumedFrom: number;
};

/** The bulk-loaded tables: their secondary indexes are built once, after the rows. */
const SEEDED_TABLES = [
  'companies',
  'persons',
  'memberships',
  'accounts',
  'mails',
  'access_requests',
  'company_signatories',
];

const DEFAULT_SEED = 20261121;

/**
 * Builds a demo replica at `file` that did not exist: seeded into `file.partial` and renamed
 * into place only when complete, so an interrupted seed never leaves a half-built replica.
 *
 * Resumable: every batch commits with its progress (persons written, the generator's state,
 * seconds spent) in the partial file's `seed_progress` row, so after a process is killed the
 * next call with the same persons and seed continues where it stopped and builds the very same
 * rows. An error thrown inside this process (not a kill) still removes the partial file.
 */
export function createDemoDatabase(
  options: SeedOptions & Omit<OpenOptions, 'file'> & { file: string },
): SeedSummary {
  if (fs.existsSync(options.file)) throw new Error('database_exists');
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const partial = `${options.file}.partial`;
  const removePartial = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true });
  };
  let db: Db | null = null;
  let progress: SeedProgress | null = null;
  if (fs.existsSync(partial)) {
    try {
      db = openDatabase({ ...options, file: partial });
      progress = readProgress(db, options);
    } catch {
      progress = null;
    }
    if (!progress) {
      db?.$client.close();
      db = null;
      removePartial();
    }
  }
  db ??= openDatabase({ ...options, file: partial });
  let summary: SeedSummary;
  try {
    // A partial file is thrown away on any failure, so durability buys nothing here; a killed
    // process still loses nothing it committed (the WAL is in the OS's page cache).
    db.$client.pragma('synchronous = OFF');
    summary = runSeed(db, options, progress);
    db.$client.exec('DROP TABLE seed_progress');
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
  } catch (error) {
    db.$client.close();
    removePartial();
    throw error;
  }
  fs.renameSync(partial, options.file);
  return summary;
}

/** What an interrupted seed had done, committed with each batch. */
type SeedProgress = {
  persons: number;
  seed: number;
  now: number;
  written: number;
  next_index: number;
  rand_state: number;
  seconds: number;
  resumed_from: number;
  /** JSON: the FTS triggers and secondary indexes dropped for the load, to be restored. */
  dropped: string;
};

const PROGRESS_TABLE = `CREATE TABLE seed_progress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  persons INTEGER NOT NULL, seed INTEGER NOT NULL, now INTEGER NOT NULL, phase TEXT NOT NULL,
  written INTEGER NOT NULL, next_index INTEGER NOT NULL, rand_state INTEGER NOT NULL,
  seconds REAL NOT NULL, resumed_from INTEGER NOT NULL, dropped TEXT NOT NULL
)`;

/** The partial file's progress when it is the same seed (size and seed), else null. */
function readProgress(db: Db, options: SeedOptions): SeedProgress | null {
  const table = db.$client
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seed_progress'")
    .get();
  if (!table) return null;
  const row = db.$client.prepare('SELECT * FROM seed_progress WHERE id = 1').get() as
    SeedProgress | undefined;
  if (!row) return null;
  // The instant the rows are relative to is the interrupted run's (a restart has another clock).
  return row.persons === options.persons && row.seed === (options.seed ?? DEFAULT_SEED)
    ? row
    : null;
}

/** `keyTables` is absent from the progress of a seed begun before migration 0027. */
type Dropped = { triggers: string[]; indexes: string[]; keyTables?: KeyTableAside[] };

/**
 * Bulk load: the full-text and company-count triggers, the seeded tables' secondary indexes and
 * their key tables (emptied, triggers dropped: key-tables.ts) are set aside, and built once at
 * the end (a sort instead of millions of random B-tree inserts). Their SQL is recorded with the
 * progress, so a resumed seed restores them too.
 */
function dropForBulkLoad(sqlite: Db['$client']): Dropped {
  const triggers = sqlite.prepare(BULK_LOAD_TRIGGERS_SQL).all() as Array<{
    name: string;
    sql: string;
  }>;
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(SEEDED_TABLES)) as Array<{ name: string; sql: string }>;
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  return {
    triggers: triggers.map((t) => t.sql),
    indexes: indexes.map((i) => i.sql),
    keyTables: setKeyTablesAside(sqlite, SEEDED_TABLES),
  };
}

/** Builds what dropForBulkLoad took away; each step is skipped when a previous run finished it. */
function restoreAfterBulkLoad(sqlite: Db['$client'], dropped: Dropped): void {
  const exists = sqlite.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND sql = ?');
  // Index sorts may spill: both cores sort, and the spill goes to temporary files rather than
  // memory (demo data, so an unencrypted spill is harmless), which keeps the seed's memory bounded.
  sqlite.pragma('threads = 2');
  sqlite.pragma('temp_store = FILE');
  for (const sql of dropped.indexes) if (!exists.get('index', sql)) sqlite.exec(sql);
  for (const table of dropped.keyTables ?? [])
    sqlite.transaction(() => restoreKeyTable(sqlite, table))();
  // The full-text rebuild and its triggers commit together: a kill in between redoes both.
  const fts = dropped.triggers.filter((sql) => !exists.get('trigger', sql));
  if (fts.length > 0) {
    sqlite.transaction(() => {
      // Rebuilt, then merged into one segment each (mergeSearchIndexStep says why).
      sqlite.exec(`INSERT INTO person_fts(person_fts) VALUES ('rebuild');
        INSERT INTO company_fts(company_fts) VALUES ('rebuild');
        INSERT INTO person_fts(person_fts) VALUES ('optimize');
        INSERT INTO company_fts(company_fts) VALUES ('optimize');`);
      // The companies' user counts and the persons' search terms (issue 11), made once like the
      // index is built once.
      sqlite.exec(FILL_COMPANY_COUNTS_SQL);
      sqlite.exec(fillPersonTermsSql('persons'));
      for (const sql of fts) sqlite.exec(sql);
    })();
  }
  sqlite.pragma('temp_store = DEFAULT');
}

type CompanyRow = {
  rut: number;
  name: string;
  adherent: boolean;
  caja: boolean;
  /** Its adherence, in ms: since when, and until when (null: still adherent). */
  since: number;
  until: number | null;
};

const BATCH = 5_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** When the cast's dismissals happened. */
const CAST_DISMISSED_AGO = 20 * DAY;
/** When the cast's companies no longer adherent stopped being so. */
const CAST_ADHERENCE_ENDED_AGO = 40 * DAY;

/**
 * A portal's last entry of someone who lost their access at `lostAt` (ms): the entry drawn when
 * it came before that, or the day before it (none stays none).
 */
function entryBefore(entry: string | null, lostAt: number): string | null {
  if (entry === null || Date.parse(entry) < lostAt) return entry;
  return new Date(lostAt - DAY).toISOString();
}

function runSeed(db: Db, options: SeedOptions, resume: SeedProgress | null): SeedSummary {
  let lap = performance.now();
  const sqlite = db.$client;
  if (!resume) {
    const existing = sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number };
    if (existing.n > 0) throw new Error('database_not_empty');
  }

  const rand = resumableRandom(options.seed ?? DEFAULT_SEED);
  const now = resume ? resume.now : (options.now ?? new Date()).getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  let seconds = resume?.seconds ?? 0;
  const spent = () => {
    const at = performance.now();
    seconds += (at - lap) / 1000;
    lap = at;
    return seconds;
  };

  const surnameTotal = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);
  const surname = (): string => {
    let target = rand() * surnameTotal;
    for (const [name, weight] of SURNAMES) {
      target -= weight;
      if (target < 0) return name;
    }
    return SURNAMES[0]![0];
  };

  const insertCompany = sqlite.prepare(
    `INSERT INTO companies (rut, dv, legal_name, adherent, adherent_since, adherent_until, portals)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPerson = sqlite.prepare(
    `INSERT INTO persons (rut, dv, given_names, last_name1, last_name2, sort_key, email, phone,
       serial_number, is_worker, is_pensioner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setEmail = sqlite.prepare('UPDATE persons SET email = ? WHERE rut = ?');
  const insertMembership = sqlite.prepare(
    `INSERT INTO memberships (person_rut, company_rut, role, state, modules, agreement_signed,
       started_at, ended_at, agreement_sent_at, agreement_signed_at, admin_kind, appointed_by,
       external) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSignatory = sqlite.prepare(
    'INSERT INTO company_signatories (company_rut, person_rut, kind) VALUES (?, ?, ?)',
  );
  const insertAccount = sqlite.prepare(
    `INSERT INTO accounts (person_rut, portal, registration_state, password_set, email_verified,
       failed_attempts, locked_until, registration_blocked, last_login_at, first_access_used)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMail = sqlite.prepare(
    `INSERT INTO mails (person_rut, portal, kind, sent_at, outcome, to_address)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertAccessRequest = sqlite.prepare(
    `INSERT INTO access_requests (person_rut, company_rut, capacity, state, reason, requested_at,
       decided_at, agreement_signed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // Companies: the cast's first, then generated ones with unique names.
  const companyCount = Math.max(CAST_COMPANIES.length + 8, Math.round(options.persons / 40));
  const companies: CompanyRow[] = [];
  const companyByRut = new Map<number, CompanyRow>();
  const usedNames = new Set<string>();
  /**
   * A company's adherence: never ended before it began, with a month at least in between (its
   * people joined, asked and signed while it was adherent).
   */
  const adherence = (since: number, until: number | null) =>
    until === null
      ? { since, until }
      : { since: Math.min(since, until - 30 * DAY), until: Math.max(since, until) };
  const addCompany = (
    row: Omit<CompanyRow, 'since' | 'until'>,
    from: number,
    to: number | null,
  ) => {
    const company: CompanyRow = { ...row, ...adherence(from, to) };
    companies.push(company);
    companyByRut.set(company.rut, company);
    usedNames.add(company.name);
    const portals = company.caja ? ['portal_heroes', 'portal_empresas'] : ['achs_gestion'];
    insertCompany.run(
      company.rut,
      checkDigit(company.rut),
      company.name,
      company.adherent ? 1 : 0,
      iso(company.since),
      company.until === null ? null : iso(company.until),
      JSON.stringify(portals),
    );
  };
  const generateCompanies = () => {
    for (const cast of CAST_COMPANIES) {
      addCompany(
        { rut: cast.rut, name: cast.name, adherent: cast.adherent, caja: cast.caja },
        now - 3000 * DAY,
        cast.adherent ? null : now - CAST_ADHERENCE_ENDED_AGO,
      );
    }
    for (let i = 0; companies.length < companyCount; i++) {
      const rut = 76_000_000 + i * 61 + Math.floor(rand() * 61);
      if (companyByRut.has(rut)) continue;
      const shape = rand();
      const core =
        shape < 0.4
          ? `${pick(COMPANY_KINDS)} ${pick(COMPANY_PLACES)}`
          : shape < 0.7
            ? `${pick(COMPANY_KINDS)} ${surname()} Hermanos`
            : `${pick(COMPANY_KINDS)} ${surname()} ${pick(COMPANY_PLACES)}`;
      let name = `${core} ${pick(COMPANY_SUFFIXES)}`;
      // Rare collisions get a branch number, as real registries show them.
      for (let branch = 2; usedNames.has(name); branch++)
        name = `${core} ${branch} ${pick(COMPANY_SUFFIXES)}`;
      const adherent = rand() >= 0.08;
      addCompany(
        { rut, name, adherent, caja: rand() < 0.35 },
        now - Math.floor(rand() * 5000) * DAY,
        adherent ? null : now - Math.floor(rand() * 400) * DAY,
      );
    }
  };

  const authorities = new Map<number, { representative: number | null }>();
  const companyAuthority = (company: CompanyRow) => {
    let authority = authorities.get(company.rut);
    if (!authority) authorities.set(company.rut, (authority = { representative: null }));
    return authority;
  };

  // Large companies first: a skewed pick makes a few employers big, most small.
  // Filled once the companies are written (or, on a resume, read back).
  let generatedCompanies: CompanyRow[] = [];
  const employer = (): CompanyRow =>
    generatedCompanies[Math.floor(generatedCompanies.length * rand() ** 3)]!;

  const writeAccount = (
    personRut: number,
    portal: Portal,
    email: string | null,
    state: AccountDraft,
  ) => {
    insertAccount.run(
      personRut,
      portal,
      state.registrationState,
      state.passwordSet ? 1 : 0,
      state.emailVerified ? 1 : 0,
      state.failedAttempts,
      state.lockedUntil,
      state.registrationBlocked ? 1 : 0,
      state.lastLoginAt,
      state.passwordSet || state.lastLoginAt !== null ? 1 : 0,
    );
    if (email === null) return;
    for (const mail of state.mails) {
      insertMail.run(personRut, mail.portal ?? portal, mail.kind, mail.sentAt, mail.outcome, email);
    }
  };

  const drawAccount = (hasEmail: boolean): AccountDraft => {
    const r = rand();
    const lastLoginAt = iso(now - Math.floor(rand() * 120 * DAY));
    const sentAgo = (days: number) => iso(now - Math.floor(rand() * days * DAY) - 5 * MINUTE);
    const outcome = () => (rand() < 0.05 ? 'bounced' : rand() < 0.5 ? 'delivered' : 'sent');
    if (!hasEmail || r < 0.08) {
      return draft('not_registered', { lastLoginAt: null });
    }
    if (r < 0.1) {
      return draft('not_registered', { registrationBlocked: true, lastLoginAt: null });
    }
    if (r < 0.2) {
      return draft('pending_activation', {
        lastLoginAt: null,
        mails: [{ kind: 'password_creation', sentAt: sentAgo(20), outcome: outcome() }],
      });
    }
    if (r < 0.23) {
      const attempts = 6 + Math.floor(rand() * 4);
      return draft('active', {
        failedAttempts: attempts,
        lockedUntil: iso(now + (5 + Math.floor(rand() * 55)) * MINUTE),
        lastLoginAt,
        mails:
          rand() < 0.5 ? [{ kind: 'password_reset', sentAt: sentAgo(1), outcome: outcome() }] : [],
      });
    }
    return draft('active', {
      failedAttempts: rand() < 0.1 ? 1 + Math.floor(rand() * 4) : 0,
      emailVerified: rand() < 0.95,
      lastLoginAt,
      mails:
        rand() < 0.2 ? [{ kind: 'password_reset', sentAt: sentAgo(90), outcome: outcome() }] : [],
    });
  };

  // Persons: the cast first, then bodies spread over 5.000.000–25.000.000 in ascending order.
  const castBodies = new Set(CAST_PERSONS.map((p) => p.rut));
  const agents = createAgentRepository(sqlite);
  let written = CAST_PERSONS.length;
  let index = 0;
  if (resume) {
    // The companies, their order and their legal representatives, as the interrupted run had them.
    const castRuts = new Map<number, number>(CAST_COMPANIES.map((c, i) => [c.rut, i]));
    const stored = sqlite
      .prepare(
        `SELECT rut, legal_name, adherent, portals, adherent_since, adherent_until
         FROM companies ORDER BY rut`,
      )
      .all() as Array<{
      rut: number;
      legal_name: string;
      adherent: number;
      portals: string;
      adherent_since: string;
      adherent_until: string | null;
    }>;
    const cast = stored.filter((c) => castRuts.has(c.rut));
    cast.sort((x, y) => castRuts.get(x.rut)! - castRuts.get(y.rut)!);
    for (const c of [...cast, ...stored.filter((c) => !castRuts.has(c.rut))]) {
      const company: CompanyRow = {
        rut: c.rut,
        name: c.legal_name,
        adherent: c.adherent === 1,
        caja: c.portals.includes('portal_heroes'),
        since: Date.parse(c.adherent_since),
        until: c.adherent_until === null ? null : Date.parse(c.adherent_until),
      };
      companies.push(company);
      companyByRut.set(company.rut, company);
    }
    const representatives = sqlite
      .prepare(
        "SELECT company_rut, person_rut FROM company_signatories WHERE kind = 'legal_representative' ORDER BY id",
      )
      .all() as Array<{ company_rut: number; person_rut: number }>;
    for (const r of representatives) {
      authorities.set(r.company_rut, { representative: r.person_rut });
    }
    written = resume.written;
    index = resume.next_index;
    rand.restore(resume.rand_state);
  } else {
    sqlite.transaction(() => {
      sqlite.exec(PROGRESS_TABLE);
      const dropped = dropForBulkLoad(sqlite);
      generateCompanies();
      for (const cast of CAST_PERSONS) writeCastPerson(cast);
      for (const agent of CAST_AGENTS)
        agents.insert({ ...agent, active: true, offlineUntil: null });
      sqlite
        .prepare(
          `INSERT INTO seed_progress (id, persons, seed, now, phase, written, next_index, rand_state,
             seconds, resumed_from, dropped) VALUES (1, ?, ?, ?, 'rows', ?, 0, ?, ?, 0, ?)`,
        )
        .run(
          options.persons,
          options.seed ?? DEFAULT_SEED,
          now,
          written,
          rand.state(),
          spent(),
          JSON.stringify(dropped),
        );
    })();
  }
  generatedCompanies = companies.slice(CAST_COMPANIES.length);
  const saveProgress = sqlite.prepare(
    `UPDATE seed_progress SET phase = ?, written = ?, next_index = ?, rand_state = ?, seconds = ?
     WHERE id = 1`,
  );
  const resumedFrom = resume ? resume.written : 0;

  const generated = Math.max(0, options.persons - CAST_PERSONS.length);
  const step = Math.max(1, Math.floor(20_000_000 / Math.max(generated, 1)));
  while (written < options.persons) {
    sqlite.transaction(() => {
      const end = Math.min(options.persons, written + BATCH);
      while (written < end) {
        const body = 5_000_000 + index * step + Math.floor(rand() * step);
        index++;
        if (castBodies.has(body)) continue;
        writeGeneratedPerson(body);
        written++;
      }
      saveProgress.run('rows', written, index, rand.state(), spent());
    })();
    options.onProgress?.(written, options.persons);
  }
  // Secondary indexes, full-text and triggers, built once over all the rows.
  const { dropped } = sqlite.prepare('SELECT dropped FROM seed_progress').get() as {
    dropped: string;
  };
  restoreAfterBulkLoad(sqlite, JSON.parse(dropped) as Dropped);
  let rows = 0;
  for (const table of SEEDED_TABLES) {
    rows += (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  function writeGeneratedPerson(body: number): void {
    const female = rand() < 0.5;
    const names = female ? GIVEN_NAMES_F : GIVEN_NAMES_M;
    const first = pick(names);
    let second = rand() < 0.6 ? pick(names) : '';
    if (second === first) second = '';
    const givenNames = second ? `${first} ${second}` : first;
    const last1 = surname();
    const last2 = surname();
    const address = (domain: string) =>
      `${foldText(first)}.${foldText(last1)}${body % 997}@${domain}`.replace(/ /g, '');
    const drawnEmail = rand() < 0.88 ? address(pick(MAIL_DOMAINS)) : null;
    let email = drawnEmail;
    const phone = rand() < 0.8 ? `+569${10_000_000 + Math.floor(rand() * 89_999_999)}` : null;
    const serial = String(100_000_000 + Math.floor(rand() * 499_999_999));
    const pensioner = rand() < 0.12;
    const memberCount = pensioner && rand() < 0.6 ? 0 : rand() < 0.82 ? 1 : rand() < 0.78 ? 2 : 3;

    insertPerson.run(
      body,
      checkDigit(body),
      givenNames,
      last1,
      last2,
      foldText(`${last1} ${last2} ${givenNames}`),
      email,
      phone,
      serial,
      memberCount > 0 ? 1 : 0,
      pensioner ? 1 : 0,
    );

    const portals = new Set<Portal>();
    if (pensioner) portals.add('portal_heroes');
    const chosen = new Set<number>();
    // When a person with no pension lost their access, every membership ended or at a company
    // no longer adherent: nobody entered a portal after that.
    let lostAccessAt: number | null = null;
    let keepsAccess = pensioner || memberCount === 0;
    let companyProfile = false;
    // The mail that asked each company profile's signature, on the day «Firma pedida el …» says:
    // an approved request's approval (it carries the agreement's link, seed 002: one mail), or,
    // for a profile the company added (its request refused or still waiting), the agreement's
    // own. Written
    // once the address is settled.
    const signatureMails: Array<{ kind: 'access_approval' | 'agreement_signature'; at: number }> =
      [];
    for (let m = 0; m < memberCount; m++) {
      const company = employer();
      if (chosen.has(company.rut)) continue;
      chosen.add(company.rut);
      const roleDraw = rand();
      const role: MembershipRole =
        roleDraw < 0.01 ? 'access_admin' : roleDraw < 0.04 ? 'company_user' : 'worker';
      if (role !== 'worker') companyProfile = true;
      const stateDraw = rand();
      const state: MembershipState =
        stateDraw < 0.86
          ? 'active'
          : stateDraw < 0.91
            ? 'disabled'
            : stateDraw < 0.93
              ? 'paused'
              : 'removed';
      const modules = SEED_MODULES[company.caja ? 'empresas' : 'achs'].filter(() => rand() < 0.4);
      const signed = role !== 'worker' && rand() < 0.75;
      // Joined while the company was adherent, with days left for a request, its decision and
      // the agreement before its adherence ended.
      const startedAt = Math.max(
        company.since,
        Math.min(now - Math.floor(rand() * 3000) * DAY, (company.until ?? now + 5 * DAY) - 5 * DAY),
      );
      // Who this person is for the company: its register (legal representatives, TRF) and,
      // at an ACHS company, which kind of access administrator (rule 9).
      const authority = companyAuthority(company);
      let adminKind: AdminKind | null = null;
      let appointedBy: number | null = null;
      let capacity: 'legal_representative' | 'authorized_signatory' | 'other' = 'other';
      if (role === 'access_admin' && authority.representative === null) {
        authority.representative = body;
        insertSignatory.run(company.rut, body, 'legal_representative');
        capacity = 'legal_representative';
        if (!company.caja) adminKind = 'legal_representative';
      } else if (role !== 'worker' && company.caja && rand() < 0.6) {
        insertSignatory.run(company.rut, body, 'trf');
        capacity = 'authorized_signatory';
      } else if (role === 'access_admin' && !company.caja) {
        adminKind =
          authority.representative !== null && rand() < 0.5 ? 'appointed' : 'commercial_contact';
        appointedBy = adminKind === 'appointed' ? authority.representative : null;
      }
      const needsAgreement = role !== 'worker' && company.caja;
      // A dismissal is never dated after today (drawn only for one: the draws stay in order).
      // Nor after the company stopped being adherent: it reports nothing since.
      const endedAt =
        state === 'removed'
          ? Math.min(startedAt + Math.floor(rand() * 200 + 1) * DAY, company.until ?? now)
          : null;
      // Rule 6: a company no longer adherent took this access away when it left.
      const accessEndedAt =
        endedAt !== null && company.until !== null
          ? Math.min(endedAt, company.until)
          : (endedAt ?? company.until);
      if (accessEndedAt === null) keepsAccess = true;
      else lostAccessAt = Math.max(lostAccessAt ?? 0, accessEndedAt);
      insertMembership.run(
        body,
        company.rut,
        role,
        state,
        JSON.stringify(modules),
        signed ? 1 : 0,
        iso(startedAt),
        endedAt === null ? null : iso(endedAt),
        needsAgreement ? iso(startedAt + 3 * DAY) : null,
        needsAgreement && signed ? iso(startedAt + 4 * DAY) : null,
        adminKind,
        appointedBy,
        role === 'company_user' && rand() < 0.3 ? 1 : 0,
      );
      portals.add(company.caja ? 'portal_heroes' : 'achs_gestion');
      if (needsAgreement) {
        // The register decides (rule 12): only a legal representative or a TRF signatory is
        // approved; anyone else was rejected.
        const decision = rand();
        // A signed agreement came after an approval: its request is not pending still.
        const requestState =
          capacity === 'other' ? 'rejected' : signed || decision < 0.85 ? 'approved' : 'pending';
        const requestedAt = startedAt + DAY;
        insertAccessRequest.run(
          body,
          company.rut,
          capacity,
          requestState,
          requestState === 'rejected' ? REJECTED_REASON : null,
          iso(requestedAt),
          requestState === 'pending' ? null : iso(requestedAt + 2 * DAY),
          signed ? 1 : 0,
        );
        if (requestState === 'approved') {
          signatureMails.push({ kind: 'access_approval', at: requestedAt + 2 * DAY });
        } else {
          signatureMails.push({ kind: 'agreement_signature', at: startedAt + 3 * DAY });
        }
      }
    }
    // A company profile is only given to someone with an e-mail (its approval, or the agreement,
    // is mailed): one drawn without gets an address, with no draw. Its logins are drawn as they
    // were (never registered, no mail), so every later person's draws stay the same.
    if (email === null && companyProfile) {
      email = address(MAIL_DOMAINS[body % MAIL_DOMAINS.length]!);
      setEmail.run(email, body);
    }
    for (const mail of signatureMails) {
      insertMail.run(body, 'portal_empresas', mail.kind, iso(mail.at), 'delivered', email);
    }
    for (const portal of portals) {
      const account = drawAccount(drawnEmail !== null);
      if (!keepsAccess && lostAccessAt !== null) {
        account.lastLoginAt = entryBefore(account.lastLoginAt, lostAccessAt);
      }
      writeAccount(body, portal, email, account);
    }
  }

  /** A cast dismissal: three weeks ago, or the day before its company stopped being adherent. */
  function castEndedAt(membership: CastPerson['memberships'][number]): number | null {
    if (membership.state !== 'removed') return null;
    const until = companyByRut.get(membership.companyRut)!.until;
    return Math.min(now - CAST_DISMISSED_AGO, (until ?? now) - DAY);
  }

  function writeCastPerson(cast: CastPerson): void {
    insertPerson.run(
      cast.rut,
      checkDigit(cast.rut),
      cast.givenNames,
      cast.lastName1,
      cast.lastName2,
      foldText(`${cast.lastName1} ${cast.lastName2} ${cast.givenNames}`),
      cast.email,
      cast.phone,
      cast.serialNumber,
      (cast.worker ?? cast.memberships.length > 0) ? 1 : 0,
      cast.pensioner ? 1 : 0,
    );
    for (const signatory of cast.signatories ?? []) {
      insertSignatory.run(signatory.companyRut, cast.rut, signatory.kind);
      if (signatory.kind === 'legal_representative') {
        companyAuthority(companyByRut.get(signatory.companyRut)!).representative = cast.rut;
      }
    }
    for (const membership of cast.memberships) {
      const company = companyByRut.get(membership.companyRut)!;
      const needsAgreement = membership.role !== 'worker' && company.caja;
      const endedAt = castEndedAt(membership);
      // A live company profile is this week's (its request approved, or its user added, two
      // days ago: «en la empresa desde» cannot precede them); anything else is years old.
      const startedAt = needsAgreement && endedAt === null ? now - 2 * DAY : now - 900 * DAY;
      // A membership that has ended had its agreement in its first days; a live one, this week.
      const agreementSentAt = endedAt === null ? now - 2 * DAY : startedAt + 1 * DAY;
      insertMembership.run(
        cast.rut,
        membership.companyRut,
        membership.role,
        membership.state,
        JSON.stringify(membership.modules ?? [company.caja ? 'trabajadores' : 'siniestros']),
        membership.agreementSigned ? 1 : 0,
        iso(startedAt),
        endedAt === null ? null : iso(endedAt),
        needsAgreement ? iso(agreementSentAt) : null,
        needsAgreement && membership.agreementSigned ? iso(agreementSentAt + DAY) : null,
        membership.adminKind ?? null,
        membership.appointedBy ?? null,
        membership.external ? 1 : 0,
      );
      // A user the company added was mailed the agreement itself, «Firma pedida el …»: the
      // record's mail history says it too (one from a request has its approval's mail, cast).
      if (needsAgreement && !membership.accessRequest && cast.email !== null) {
        insertMail.run(
          cast.rut,
          'portal_empresas',
          'agreement_signature',
          iso(agreementSentAt),
          'delivered',
          cast.email,
        );
      }
      if (membership.accessRequest) {
        insertAccessRequest.run(
          cast.rut,
          membership.companyRut,
          cast.signatories?.find((s) => s.companyRut === membership.companyRut)?.kind === 'trf'
            ? 'authorized_signatory'
            : 'legal_representative',
          membership.accessRequest,
          null,
          iso(now - 3 * DAY),
          membership.accessRequest === 'pending' ? null : iso(now - 2 * DAY),
          membership.agreementSigned ? 1 : 0,
        );
      }
    }
    for (const request of cast.requests ?? []) {
      const at = now - request.daysAgo * DAY - 2 * 60 * MINUTE;
      insertAccessRequest.run(
        cast.rut,
        request.companyRut,
        request.capacity,
        request.state,
        request.reason ?? null,
        iso(at),
        request.state === 'pending' ? null : iso(at + DAY),
        0,
      );
    }
    // With no pension, dismissed from every company or left at companies no longer adherent
    // (rule 6): no entry since the last access ended.
    const accessEnds = cast.memberships.map((membership) => {
      const until = companyByRut.get(membership.companyRut)!.until;
      const endedAt = castEndedAt(membership);
      return endedAt === null ? until : Math.min(endedAt, until ?? endedAt);
    });
    const lostAccessAt =
      !cast.pensioner && accessEnds.length > 0 && accessEnds.every((at) => at !== null)
        ? Math.max(...accessEnds)
        : null;
    for (const account of cast.accounts) {
      const lastLoginAt =
        account.registrationState === 'active' && (account.passwordSet ?? true)
          ? iso(now - 2 * DAY)
          : null;
      writeAccount(cast.rut, account.portal, cast.email, {
        registrationState: account.registrationState,
        passwordSet: account.passwordSet ?? account.registrationState === 'active',
        emailVerified: account.registrationState === 'active',
        failedAttempts: account.failedAttempts ?? 0,
        lockedUntil:
          account.lockedForMinutes === undefined
            ? null
            : iso(now + account.lockedForMinutes * MINUTE),
        registrationBlocked: account.registrationBlocked ?? false,
        // Nobody entered without a password: a login never used has no last entry.
        lastLoginAt: lostAccessAt === null ? lastLoginAt : entryBefore(lastLoginAt, lostAccessAt),
        mails: (account.mails ?? []).map((mail) => ({
          kind: mail.kind,
          portal: mail.portal,
          sentAt: iso(now - mail.minutesAgo * MINUTE),
          outcome: mail.outcome,
        })),
      });
    }
  }

  return {
    persons: written,
    companies: companies.length,
    rows,
    seconds: spent(),
    resumedFrom,
  };
}

const REJECTED_REASON =
  'El solicitante no es representante legal ni firmante de la TRF de la empresa.';

type MailDraft = {
  kind: 'password_creation' | 'password_reset' | 'access_approval' | 'agreement_signature';
  portal?: Portal;
  sentAt: string;
  outcome: 'sent' | 'delivered' | 'bounced';
};

type AccountDraft = {
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  passwordSet: boolean;
  emailVerified: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  registrationBlocked: boolean;
  lastLoginAt: string | null;
  mails: MailDraft[];
};

function draft(
  registrationState: AccountDraft['registrationState'],
  rest: Partial<Omit<AccountDraft, 'registrationState'>>,
): AccountDraft {
  return {
    registrationState,
    passwordSet: registrationState === 'active',
    emailVerified: registrationState === 'active',
    failedAttempts: 0,
    lockedUntil: null,
    registrationBlocked: false,
    lastLoginAt: null,
    mails: [],
    ...rest,
  };
}
