/**
 * `npm run bench:sync -- --persons 1000000`: the central API (a child process on 127.0.0.1,
 * seeded with N persons) → an empty desk replica in this process. Prints one JSON object as its
 * last line: initial sync rows/s, the same rows inserted straight into an empty replica, 10,000
 * queued actions drained, enqueue p95, this process's peak RSS and worst event-loop lag.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createCore, DATABASE_FILE } from '../src/main/core';
import { openDatabase } from '../src/main/db/database';
import { ENTITY_TABLES, ENTITIES } from '../src/shared/sync-protocol';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    actions: { type: 'string', default: '10000' },
    'central-dir': { type: 'string' },
  },
});
const persons = Number(values.persons);
const actions = Number(values.actions);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-bench-sync-'));
const centralDir = values['central-dir'] ?? path.join(work, 'central');

// --- the central API, seeded, in its own process -------------------------------------------
console.error(`Iniciando el sistema central con ${persons.toLocaleString('es-CL')} personas…`);
const central = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'src/central-api/start.ts',
    '--port',
    '0',
    '--data-dir',
    centralDir,
    '--demo-persons',
    String(persons),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
// Whatever happens to this run, the central API does not outlive it.
process.on('exit', () => central.kill('SIGTERM'));
const centralUrl = await new Promise<string>((resolve, reject) => {
  central.once('exit', (code) => reject(new Error(`central exited with ${code}`)));
  createInterface({ input: central.stdout! }).on('line', (line) => {
    try {
      const ready = JSON.parse(line) as { ready?: boolean; url?: string };
      if (ready.ready && ready.url) resolve(ready.url);
    } catch {
      // not the readiness line
    }
  });
});

// --- what this process costs while it syncs ---------------------------------------------------
let peakRss = 0;
let worstLagMs = 0;
let expected = performance.now() + 50;
const monitor = setInterval(() => {
  const now = performance.now();
  worstLagMs = Math.max(worstLagMs, now - expected);
  expected = now + 50;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const desk = createCore({
  dataDir: path.join(work, 'desk'),
  door: 'web',
  version: '0.1.0',
  demoPersons: 0,
  centralUrl,
  autoSync: false,
  log: (message, error) => console.error(message, error),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the contract shapes it
type Value = any;
const value = async (answer: unknown): Promise<Value> => {
  const envelope = (await answer) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.value;
};
await value(desk.dispatch('auth.signIn', { username: 'supervisora', password: 'super600' }));

console.error('Carga inicial…');
const started = performance.now();
await value(desk.dispatch('sync.now', {}));
const initialSeconds = (performance.now() - started) / 1000;
const rows = ENTITIES.reduce(
  (sum, entity) =>
    sum +
    (
      desk.db.$client.prepare(`SELECT count(*) AS n FROM ${ENTITY_TABLES[entity].table}`).get() as {
        n: number;
      }
    ).n,
  0,
);
const syncLagMs = worstLagMs;

// --- the same rows, straight into an empty replica ----------------------------------------------
console.error('Inserción directa de las mismas filas…');
const raw = openDatabase({ file: path.join(work, 'raw.db') });
const source = new Database(path.join(work, 'desk', DATABASE_FILE), { readonly: true });
let rawRows = 0;
const rawStarted = performance.now();
for (const entity of ENTITIES) {
  const { table, columns } = ENTITY_TABLES[entity];
  const insert = raw.$client.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const read = source.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw();
  let batch: unknown[][] = [];
  const flush = raw.$client.transaction((list: unknown[][]) => {
    for (const row of list) insert.run(...row);
  });
  for (const row of read.iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === 5000) {
      flush(batch);
      rawRows += batch.length;
      batch = [];
    }
  }
  flush(batch);
  rawRows += batch.length;
}
const rawSeconds = (performance.now() - rawStarted) / 1000;
source.close();
raw.$client.close();

// --- 10,000 actions queued, then drained ----------------------------------------------------------
console.error(`${actions.toLocaleString('es-CL')} acciones en cola…`);
const targets = desk.db.$client
  .prepare('SELECT rut, dv, version FROM persons ORDER BY rut LIMIT ?')
  .all(actions) as Array<{ rut: number; dv: string; version: number }>;
const enqueue: number[] = [];
targets.forEach((person, i) => {
  const t = performance.now();
  const envelope = desk.dispatchNow('contact.edit', {
    rut: `${person.rut}-${person.dv}`,
    phone: `+569${String(20_000_000 + i).padStart(8, '0')}`,
    reason: 'Benchmark',
    identityCheck: [],
    expectedVersion: person.version,
  });
  enqueue.push(performance.now() - t);
  if (!envelope.ok) throw new Error(envelope.error.message);
});
enqueue.sort((a, b) => a - b);
const pushStarted = performance.now();
const status = await value(desk.dispatch('sync.now', {}));
const pushSeconds = (performance.now() - pushStarted) / 1000;
if (status.pending !== 0) {
  throw new Error(
    `queue not drained: ${status.pending} pending (${status.state}: ${status.lastError})`,
  );
}

clearInterval(monitor);
desk.close();
central.kill('SIGTERM');
fs.rmSync(work, { recursive: true, force: true });

const result = {
  persons,
  rows,
  initialSyncSeconds: Math.round(initialSeconds * 10) / 10,
  initialSyncRowsPerSec: Math.round(rows / initialSeconds),
  rawInsertRowsPerSec: Math.round(rawRows / rawSeconds),
  initialVsRaw: Math.round((rows / initialSeconds / (rawRows / rawSeconds)) * 100) / 100,
  pushActionsPerSec: Math.round(targets.length / pushSeconds),
  enqueueP95Ms: Math.round(enqueue[Math.floor(enqueue.length * 0.95)]! * 1000) / 1000,
  rssMb: Math.round(peakRss / 1e6),
  maxEventLoopLagMsDuringSync: Math.round(syncLagMs),
};
console.error(result);
console.log(JSON.stringify(result));
