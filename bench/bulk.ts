/**
 * `npm run bench:bulk -- --persons 1000000 --rows 50000 [--rounds 3] [--data-dir D]
 * [--in-thread]`: a bulk load (issue 8) of `--rows` rows for the largest company of a seeded, encrypted replica, timed through
 * the core's channels, beside the same work done bare in the same run:
 *
 * - parseOnly: the file parsed alone (src/main/bulk/parse-file.ts);
 * - preview: `bulkLoads.preview` (base64 decode, parse, every row decided against the replica,
 *   whose members a file this large reads on a worker thread meanwhile, on a connection of its
 *   own: cold every time, as a first preview is);
 * - rawUpdate: the same updates (e-mails, states) as plain SQL in one transaction, run in a
 *   child process on its own connection to the same replica (`--raw-only`), so its pages do not
 *   fill the desk's cache and count in its RSS;
 * - apply: `bulkLoads.apply` until the batch is done (each row an action: write, outbox intent,
 *   audit event, batch row), with the desk's event loop's worst delay meanwhile (the main
 *   thread's: a batch this large runs on the bulk worker; `--in-thread` runs it on the main
 *   thread instead, for comparison) and the longest garbage collection on it.
 *
 * Every run starts from the same state: a copy, in ~/.cache/mesa-bench/bulk-<persons>-<cipher>,
 * of the seeded replica the search benchmark uses (bench/seed-cache.ts, built once per size in a
 * child process, so the RSS figure is the desk's own). A replica reused run after run grew by
 * each run's outbox, audit and mails (5.5 GB after a week's runs, eight times the seed), so later
 * runs measured another desk than earlier ones. `--data-dir D` runs on D as it is instead (seeded
 * there first when empty). `rssMb` is the peak resident size of the whole process: the worker
 * threads share it.
 *
 * Every row asks for a new e-mail (fresh per run, so a reused replica still changes) and every
 * third row flips the access; the company gets extra members first when it has fewer than
 * `--rows`.
 *
 * `--rounds N` (3 by default) does it all N times, each with a new file: a single run's ratio
 * moved by ±20% between runs of the same code on a busy 2-core machine. Each round pairs its own
 * raw baseline with its apply, and its parse with its preview (taken in turns, 3 each); the
 * ratios are each round's, and the figure is their median (`perRound` lists them). The lag,
 * the longest GC and the RSS are the worst over all rounds. Prints one JSON object as its last
 * line. Targets: preview ≤ 3× parse; apply ≥ 0.25× raw; event-loop lag ≤ 100 ms; RSS ≤ 600 MB.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCore, DATABASE_FILE } from '../src/main/core';
import { parseBulkFile } from '../src/main/bulk/parse-file';
import type Database from 'better-sqlite3';
import { makeReplicaDurable, openDatabase, REPLICA_CIPHER } from '../src/storage/db/database';
import { resolveReplicaKey } from '../src/main/db/open-replica';
import { defaultKeyStore, REPLICA_KEY_FILE } from '../src/main/db/replica-key';
import { createDemoDatabase } from '../src/storage/seed/seed-database';
import { seededRandom } from '../src/storage/seed/random';
import { checkDigit } from '../src/shared/rut';
import { benchCache, cachedReplica } from './seed-cache';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '50000' },
    'data-dir': { type: 'string' },
    'in-thread': { type: 'boolean', default: false },
    'seed-only': { type: 'boolean', default: false },
    'raw-only': { type: 'boolean', default: false },
    company: { type: 'string' },
    run: { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});
const persons = Number(values.persons);
const rowCount = Number(values.rows);
const roundCount = Math.max(1, Number(values.rounds));
const dataDir = values['data-dir'] ?? path.join(benchCache(), `bulk-${persons}-${REPLICA_CIPHER}`);
const file = path.join(dataDir, DATABASE_FILE);
fs.mkdirSync(dataDir, { recursive: true });

if (values['seed-only']) {
  const key = resolveReplicaKey(defaultKeyStore(dataDir)).key;
  createDemoDatabase({ file, persons, key });
  process.exit(0);
}

type Member = { rut: number; state: 'active' | 'disabled' };
const flip = (state: Member['state']) => (state === 'active' ? 'disabled' : 'active');

/** The company's members in a fixed shuffled order, and the first `rows` of them. */
function chooseMembers(db: Database.Database, companyRut: number) {
  const members = db
    .prepare(
      `SELECT person_rut AS rut, state FROM memberships
       WHERE company_rut = ? AND state IN ('active', 'disabled') ORDER BY person_rut`,
    )
    .all(companyRut) as Member[];
  const random = seededRandom(8);
  for (let i = members.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [members[i], members[j]] = [members[j]!, members[i]!];
  }
  return { members, chosen: members.slice(0, rowCount) };
}

if (values['raw-only']) {
  const companyRut = Number(values.company);
  const key = resolveReplicaKey(defaultKeyStore(dataDir)).key;
  const db = openDatabase({ file, key });
  makeReplicaDurable(db.$client);
  const { chosen } = chooseMembers(db.$client, companyRut);
  const rawEmail = db.$client.prepare('UPDATE persons SET email = ? WHERE rut = ?');
  const rawState = db.$client.prepare(
    'UPDATE memberships SET state = ? WHERE person_rut = ? AND company_rut = ?',
  );
  // To other values than the file's, so the file still changes every row afterwards.
  const begun = performance.now();
  db.$client.transaction(() => {
    chosen.forEach((member, index) => {
      rawEmail.run(`raw.${values.run}.${member.rut}@bench.cl`, member.rut);
      if (index % 3 === 0) rawState.run(flip(member.state), member.rut, companyRut);
    });
  })();
  const rawMs = performance.now() - begun;
  db.$client.close();
  console.log(JSON.stringify({ rawMs }));
  process.exit(0);
}

if (!values['data-dir']) {
  // The seeded replica copied afresh (its key beside it): one run's writes never reach the next.
  const seeded = cachedReplica(persons, false).dataDir;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, REPLICA_KEY_FILE]) {
    const from = path.join(seeded, name);
    if (fs.existsSync(from)) {
      fs.copyFileSync(from, path.join(dataDir, name), fs.constants.COPYFILE_FICLONE);
    }
  }
} else if (!fs.existsSync(file)) {
  console.error(`Sembrando ${persons.toLocaleString('es-CL')} personas en ${dataDir}…`);
  const seeded = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/bulk.ts',
      '--seed-only',
      '--persons',
      String(persons),
      '--data-dir',
      dataDir,
    ],
    { stdio: 'inherit' },
  );
  if (seeded.status !== 0) throw new Error(`seeding failed (${seeded.status})`);
}

// The worker as the desktop app ships it (`npm run bench:bulk` builds it first); from source,
// the thread would also load the TypeScript loader.
const builtWorker = path.resolve('out/main/bulk-apply-worker.js');
const core = createCore({
  dataDir,
  door: 'web',
  version: 'bench',
  demoPersons: 0,
  log: (message, error) => console.error(message, error ?? ''),
  ...(values['in-thread']
    ? { bulkWorker: false as const }
    : fs.existsSync(builtWorker)
      ? {
          bulkWorker: {
            entry: builtWorker,
            membersEntry: path.resolve('out/main/bulk-members-worker.js'),
          },
        }
      : {}),
});
const sqlite = core.db.$client;
const dispatch = (channel: string, input: unknown) => {
  const envelope = core.dispatchNow(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the contract shapes it
  return envelope.value as any;
};
dispatch('auth.signIn', { username: 'supervisora', password: 'super600' });

// The largest adherent company (from the counts the triggers keep: no scan of every membership),
// grown to `rows` active members when it is smaller.
const company = sqlite
  .prepare(
    `SELECT c.rut FROM companies c JOIN company_counts n ON n.company_rut = c.rut
     WHERE c.adherent = 1 ORDER BY n.users DESC LIMIT 1`,
  )
  .pluck()
  .get() as number;
const memberCount = () =>
  sqlite
    .prepare(
      "SELECT count(*) FROM memberships_by_company WHERE company_rut = ? AND state IN ('active', 'disabled')",
    )
    .pluck()
    .get(company) as number;
if (memberCount() < rowCount) {
  const missing = rowCount - memberCount();
  console.error(`La empresa recibe ${missing.toLocaleString('es-CL')} miembros más…`);
  const insert = sqlite.prepare(
    `INSERT OR IGNORE INTO memberships (person_rut, company_rut, role, state, started_at)
     SELECT rut, ?, 'worker', 'active', '2024-01-01T00:00:00.000Z' FROM persons
     WHERE rut NOT IN (SELECT person_rut FROM memberships_by_company WHERE company_rut = ?)
     ORDER BY rut LIMIT ?`,
  );
  insert.run(company, company, missing);
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

/**
 * The same updates as plain SQL in one transaction, in a child process on its own connection
 * (the desk's key, cache and durability): the baseline's pages then do not fill the desk's cache.
 */
function rawUpdate(run: string): number {
  const raw = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/bulk.ts',
      '--raw-only',
      '--persons',
      String(persons),
      '--rows',
      String(rowCount),
      '--data-dir',
      dataDir,
      '--company',
      String(company),
      '--run',
      run,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (raw.status !== 0) throw new Error(`raw update failed (${raw.status})`);
  return (JSON.parse(raw.stdout.trim().split('\n').pop()!) as { rawMs: number }).rawMs;
}

/**
 * A company's file as "CSV UTF-8" from Excel (BOM, `;`, CRLF): a new e-mail for every chosen
 * member, and every third one's access flipped from the state it has now (read after the raw
 * update, which flipped it).
 */
function companyFile(run: string): { bytes: Uint8Array; contentBase64: string } {
  const { chosen } = chooseMembers(sqlite, company);
  const lines = ['RUT;Correo electrónico;Estado'];
  chosen.forEach((member, index) => {
    const state =
      index % 3 === 0 ? (member.state === 'active' ? 'Inhabilitado' : 'Habilitado') : '';
    lines.push(
      `${member.rut}-${checkDigit(member.rut)};bulk.${run}.${member.rut}@bench.cl;${state}`,
    );
  });
  const bytes = new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
  return { bytes, contentBase64: Buffer.from(bytes).toString('base64') };
}

// The peak, and how much of it was the main thread's V8 heap then (the rest: the worker's heap,
// the SQLite page caches, code).
let peakRss = process.memoryUsage().rss;
let heapAtPeak = process.memoryUsage().heapTotal;
// What the desk was doing when the peak came.
let phase = 'start';
let phaseAtPeak = phase;
const samplePeak = () => {
  const memory = process.memoryUsage();
  if (memory.rss <= peakRss) return;
  peakRss = memory.rss;
  heapAtPeak = memory.heapTotal;
  phaseAtPeak = phase;
};
const sampler = setInterval(samplePeak, 50);

// The worst event-loop delay during an apply, over all rounds: a histogram per round, as one
// enabled again would also count the blocking baseline run between rounds.
let maxLagNs = 0;
// When the worst delay happened (from the start of its apply), and the main thread's longest
// garbage collection.
let worstGap = { ms: 0, atMs: 0 };
let maxGcMs = 0;
const gcs = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) maxGcMs = Math.max(maxGcMs, entry.duration);
});

type Round = {
  parseMs: number;
  previewMs: number;
  rawMs: number;
  applyMs: number;
  rssAfterPreview: number;
};

/** One round: the raw baseline, then a new file parsed, previewed and applied. */
async function round(index: number): Promise<Round> {
  const run = `${Date.now().toString(36)}${index}`;
  phase = 'raw';
  const rawMs = rawUpdate(run);
  phase = 'preview';
  const { bytes, contentBase64 } = companyFile(run);
  // A large file's preview answers once its members, read on the bulk worker, have arrived.
  const load = async () => {
    const envelope = await core.dispatch('bulkLoads.preview', {
      companyRut: `${company}-${checkDigit(company)}`,
      fileName: 'bench.csv',
      contentBase64,
    });
    if (!envelope.ok) throw new Error(`bulkLoads.preview: ${envelope.error.message}`);
    return envelope.value as { previewId: string; totals: { changes: number; refused: number } };
  };
  // Parse and preview taken in turns, so both meet the same state of the machine.
  const parseTimes: number[] = [];
  const previewTimes: number[] = [];
  let preview: Awaited<ReturnType<typeof load>> | null = null;
  for (let i = 0; i < 3; i++) {
    let started = performance.now();
    await parseBulkFile(bytes);
    parseTimes.push(performance.now() - started);
    started = performance.now();
    preview = await load();
    previewTimes.push(performance.now() - started);
  }
  const rssAfterPreview = process.memoryUsage().rss;
  if (preview!.totals.changes !== rowCount) {
    throw new Error(`expected ${rowCount} changes, got ${JSON.stringify(preview!.totals)}`);
  }

  let lastTick = performance.now();
  const started = lastTick;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - lastTick > worstGap.ms) worstGap = { ms: now - lastTick, atMs: now - started };
    lastTick = now;
  }, 5);
  gcs.observe({ entryTypes: ['gc'] });
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  phase = 'apply';
  let batch = dispatch('bulkLoads.apply', { previewId: preview!.previewId, reason: 'Benchmark' });
  // Polled as the screen polls it, while the chunks run between polls.
  while (batch.state === 'preparing' || batch.state === 'applying') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    batch = dispatch('bulkLoads.status', { batchId: batch.batchId });
  }
  const applyMs = performance.now() - started;
  lag.disable();
  maxLagNs = Math.max(maxLagNs, lag.max);
  clearInterval(ticker);
  gcs.disconnect();
  samplePeak();
  if (batch.state !== 'done' || batch.applied !== rowCount) {
    throw new Error(`the batch did not apply every row: ${JSON.stringify(batch)}`);
  }
  // The batch's checkpoint runs on its worker once the batch is reported done; the next round
  // starts when it is over, on an empty WAL, as the first did.
  phase = 'checkpoint';
  await emptyWal();
  return {
    parseMs: median(parseTimes),
    previewMs: median(previewTimes),
    rawMs,
    applyMs,
    rssAfterPreview,
  };
}

/** Waits out the worker's own checkpoint (a busy answer), for at most a minute. */
async function emptyWal() {
  for (let tries = 0; tries < 600; tries++) {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result!.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the WAL could not be emptied between rounds');
}

await emptyWal();
const companyMembers = memberCount();
const rounds: Round[] = [];
for (let i = 0; i < roundCount; i++) rounds.push(await round(i));
clearInterval(sampler);
core.close();

const perSec = (ms: number) => Math.round(rowCount / (ms / 1000));
const ratios = {
  previewOverParse: rounds.map((r) => Number((r.previewMs / r.parseMs).toFixed(2))),
  applyOverRaw: rounds.map((r) => Number((r.rawMs / r.applyMs).toFixed(3))),
  rawUpdateRowsPerSec: rounds.map((r) => perSec(r.rawMs)),
  applyRowsPerSec: rounds.map((r) => perSec(r.applyMs)),
};
const figures = {
  persons,
  rows: rowCount,
  companyMembers,
  rounds: roundCount,
  parseOnlyRowsPerSec: perSec(median(rounds.map((r) => r.parseMs))),
  previewRowsPerSec: perSec(median(rounds.map((r) => r.previewMs))),
  previewOverParse: median(ratios.previewOverParse),
  rawUpdateRowsPerSec: perSec(median(rounds.map((r) => r.rawMs))),
  applyRowsPerSec: perSec(median(rounds.map((r) => r.applyMs))),
  applyOverRaw: median(ratios.applyOverRaw),
  perRound: ratios,
  applyOn: values['in-thread'] ? 'main thread' : 'bulk worker',
  maxEventLoopLagMs: Number((maxLagNs / 1e6).toFixed(1)),
  worstLagAtMs: Math.round(worstGap.atMs),
  maxGcPauseMs: Number(maxGcMs.toFixed(1)),
  rssMb: Math.round(peakRss / 1024 / 1024),
  mainHeapAtPeakMb: Math.round(heapAtPeak / 1024 / 1024),
  peakDuring: phaseAtPeak,
  rssAfterPreviewMb: Math.round(Math.max(...rounds.map((r) => r.rssAfterPreview)) / 1024 / 1024),
  targets: {
    previewOverParse: '≤ 3',
    applyOverRaw: '≥ 0.25',
    maxEventLoopLagMs: '≤ 100',
    rssMb: '≤ 600',
  },
};
console.log(JSON.stringify(figures));
