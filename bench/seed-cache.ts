/**
 * Seeded replicas for the benchmarks, kept in one cache folder so a 10-million-person replica is
 * built once: `$MESA_BENCH_CACHE` or ~/.cache/mesa-bench, one folder per size and kind
 * (`replica-<persons>-<cipher|plain>/`, named by cipher so a cache written in another one is
 * never opened), holding the data folder the desk opens and `seed.json` with the figures of the
 * run that built it.
 *
 * Run directly (`tsx bench/seed-cache.ts --persons N [--plain]`) it builds that replica in this
 * process — resumable: kill it and run it again, it continues — and prints the figures as one
 * JSON line: seed rows/s, and beside it the raw insert rate of the same machine measured in the
 * same run (the first rows of every table inserted straight into an empty replica of the same
 * kind, in transactions of 5,000), their ratio (target ≥ 0.5) and the seed's peak RSS.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { DATABASE_FILE } from '../src/main/core';
import {
  applyReplicaKey,
  openDatabase,
  openSqlite,
  REPLICA_CIPHER,
} from '../src/storage/db/database';
import { resolveReplicaKey } from '../src/main/db/open-replica';
import { defaultKeyStore } from '../src/main/db/replica-key';
import { createDemoDatabase } from '../src/storage/seed/seed-database';

export type SeedFigures = {
  persons: number;
  replica: 'encrypted' | 'plain';
  rows: number;
  seedSeconds: number;
  seedRowsPerSec: number;
  /** Persons an earlier, killed run had written (0: built in one go). */
  resumedFrom: number;
  rawInsertRows: number;
  rawInsertRowsPerSec: number;
  seedVsRawInsert: number;
  seedTarget: 0.5;
  seedPeakRssMb: number;
  fileMb: number;
  builtAt: string;
};

export const benchCache = () =>
  process.env['MESA_BENCH_CACHE'] ?? path.join(os.homedir(), '.cache', 'mesa-bench');

export const replicaFolder = (persons: number, plain: boolean) =>
  path.join(benchCache(), `replica-${persons}-${plain ? 'plain' : REPLICA_CIPHER}`);

const TABLES = [
  'companies',
  'persons',
  'memberships',
  'accounts',
  'mails',
  'access_requests',
  'company_signatories',
];
/** Raw inserts are measured on the first rows of each table, as many as 200,000 persons bring. */
const RAW_SAMPLE_PERSONS = 200_000;

/**
 * The cached replica of this size and kind, built first (in a child process, so the caller's
 * memory and caches stay its own) when the cache does not hold it yet.
 */
export function cachedReplica(
  persons: number,
  plain: boolean,
): { dataDir: string; seed: SeedFigures; builtNow: boolean } {
  const folder = replicaFolder(persons, plain);
  const figuresFile = path.join(folder, 'seed.json');
  let builtNow = false;
  if (!fs.existsSync(figuresFile)) {
    builtNow = true;
    const script = fileURLToPath(import.meta.url);
    const args = ['--import', 'tsx', script, '--persons', String(persons)];
    if (plain) args.push('--plain');
    const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (child.status !== 0) throw new Error(`seeding ${persons} persons failed (${child.status})`);
  }
  const seed = JSON.parse(fs.readFileSync(figuresFile, 'utf8')) as SeedFigures;
  return { dataDir: path.join(folder, 'data'), seed, builtNow };
}

/** The raw baselines' insert: `rows` into `table`, 5,000 rows a transaction. */
export function insertInBatches(
  target: Database.Database,
  table: string,
  columns: readonly string[],
  rows: Iterable<unknown>,
): number {
  const insert = target.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const flush = target.transaction((list: unknown[][]) => {
    for (const row of list) insert.run(...row);
  });
  let count = 0;
  let batch: unknown[][] = [];
  for (const row of rows as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === 5000) {
      flush(batch);
      count += batch.length;
      batch = [];
    }
  }
  flush(batch);
  return count + batch.length;
}

/** Copies the first rows of every table into an empty replica of the same kind, timed. */
function rawInsertRate(source: string, key: Buffer | undefined, persons: number, work: string) {
  const target = path.join(work, 'raw-insert.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  const raw = openDatabase({ file: target, key });
  // The seed's own durability: a throw-away file.
  raw.$client.pragma('synchronous = OFF');
  const read = openSqlite(source, { readonly: true });
  if (key) applyReplicaKey(read, key, source);
  const share = Math.min(1, RAW_SAMPLE_PERSONS / persons);
  let rows = 0;
  let seconds = 0;
  for (const table of TABLES) {
    const columns = (read.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((name) => name !== 'updated_at');
    const total = (read.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const limit = Math.ceil(total * share);
    const select = read
      .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY rowid LIMIT ?`)
      .raw();
    const started = performance.now();
    rows += insertInBatches(raw.$client, table, columns, select.iterate(limit));
    seconds += (performance.now() - started) / 1000;
  }
  read.close();
  raw.$client.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  return { rows, perSec: Math.round(rows / seconds) };
}

function build(persons: number, plain: boolean): SeedFigures {
  const folder = replicaFolder(persons, plain);
  const dataDir = path.join(folder, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const key = plain ? undefined : resolveReplicaKey(defaultKeyStore(dataDir)).key;
  let lastShown = 0;
  const summary = createDemoDatabase({
    file,
    persons,
    key,
    onProgress: (done, total) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (done - lastShown < total / 100 && done < total) return;
      lastShown = done;
      console.error(
        `  ${done.toLocaleString('es-CL')} / ${total.toLocaleString('es-CL')} personas`,
      );
    },
  });
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.error('Inserción directa (línea base del mismo equipo)…');
  const raw = rawInsertRate(file, key, persons, folder);
  const seedRowsPerSec = Math.round(summary.rows / summary.seconds);
  const figures: SeedFigures = {
    persons,
    replica: plain ? 'plain' : 'encrypted',
    rows: summary.rows,
    seedSeconds: Math.round(summary.seconds * 10) / 10,
    seedRowsPerSec,
    resumedFrom: summary.resumedFrom,
    rawInsertRows: raw.rows,
    rawInsertRowsPerSec: raw.perSec,
    seedVsRawInsert: Math.round((seedRowsPerSec / raw.perSec) * 100) / 100,
    seedTarget: 0.5,
    seedPeakRssMb: Math.round(peakRss / 1e6),
    fileMb: Math.round(fs.statSync(file).size / 1e6),
    builtAt: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(folder, 'seed.json'), `${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '1000000' },
      plain: { type: 'boolean', default: false },
    },
  });
  const persons = Number(values.persons);
  const folder = replicaFolder(persons, values.plain);
  if (fs.existsSync(path.join(folder, 'seed.json'))) {
    console.error(`Ya sembrada: ${folder}`);
    console.log(fs.readFileSync(path.join(folder, 'seed.json'), 'utf8').replace(/\s+/g, ' '));
  } else {
    console.error(
      `Sembrando ${persons.toLocaleString('es-CL')} personas en ${folder} (reanudable)…`,
    );
    console.log(JSON.stringify(build(persons, values.plain)));
  }
}
