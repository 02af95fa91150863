/**
 * The central database's WAL checkpoints run on a thread of their own (checkpointer.ts): the main
 * connection's commits do not checkpoint while the thread does, unless the WAL passes its bound,
 * and the main connection checkpoints as SQLite does by default again when the thread is stopped
 * or cannot start. Real SQLite files, a real worker thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startCheckpointer,
  WAL_PAGES_WITH_THREAD,
  type Checkpointer,
} from '../../src/central-api/checkpointer';
import { SqliteDriver } from '../../src/storage/db/connection';
import { tempDir } from '../support/context';
import { startCentral } from '../support/sync-setup';

type Sqlite = InstanceType<typeof SqliteDriver>;

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function walDatabase() {
  const file = path.join(tempDir(), 'central.db');
  const sqlite = new SqliteDriver(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)');
  open.push(sqlite);
  return { file, sqlite };
}

const autocheckpoint = (sqlite: Sqlite) => sqlite.pragma('wal_autocheckpoint', { simple: true });
const size = (file: string) => fs.statSync(file).size;

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const MB = 1_000_000;
/** About 4 MB in one commit: about a thousand pages in the WAL. */
function writeFourMegabytes(sqlite: Sqlite) {
  const insert = sqlite.prepare('INSERT INTO pages (bytes) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 1000; i++) insert.run(Buffer.alloc(4000, i % 251));
  })();
}

describe('central WAL checkpointer', () => {
  it('copies the WAL into the database file from its own thread, not in the commit', async () => {
    const { file, sqlite } = walDatabase();
    const checkpointer: Checkpointer = startCheckpointer(sqlite, {
      file,
      log: () => {},
      everyMs: 20,
    });
    open.push(checkpointer);
    expect(autocheckpoint(sqlite)).toBe(WAL_PAGES_WITH_THREAD);
    expect(checkpointer.running).toBe(true);

    const before = size(file);
    writeFourMegabytes(sqlite);
    // Past SQLite's 1,000 pages, yet written to the WAL only: the commit did not checkpoint.
    expect(size(file)).toBe(before);
    // The thread did, while this one only waited.
    await until(() => size(file) > 4 * MB, 'the pages to reach the database file');

    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    expect(autocheckpoint(sqlite)).toBe(1000);
  });

  it('keeps the WAL bounded when the thread falls behind', async () => {
    const { file, sqlite } = walDatabase();
    // A thread that never gets to it: the bound alone keeps the WAL in check.
    const checkpointer = startCheckpointer(sqlite, {
      file,
      log: () => {},
      everyMs: 60_000,
      walPages: 2000,
    });
    open.push(checkpointer);
    for (let i = 0; i < 5; i++) writeFourMegabytes(sqlite);
    // 20 MB written; a checkpoint at each commit past 2,000 pages, and the WAL started over.
    expect(size(`${file}-wal`)).toBeLessThan(13 * MB);
    expect(size(file)).toBeGreaterThan(8 * MB);
  });

  it('leaves the checkpoints to the main connection when its thread cannot start', async () => {
    const { file, sqlite } = walDatabase();
    const logged: string[] = [];
    const checkpointer = startCheckpointer(sqlite, {
      file,
      log: (message) => logged.push(message),
      everyMs: 20,
      entry: path.join(tempDir(), 'missing-thread.ts'),
    });
    open.push(checkpointer);
    await until(() => !checkpointer.running, 'the thread to end');
    expect(autocheckpoint(sqlite)).toBe(1000);
    expect(logged).toEqual([expect.stringContaining('the main connection checkpoints')]);

    // The main connection checkpoints at the commit that fills the WAL past 1,000 pages.
    writeFourMegabytes(sqlite);
    expect(size(file)).toBeGreaterThan(4 * MB);
  });

  it('runs beside the central API, which stops it when it closes', async () => {
    const central = await startCentral({ persons: 20 });
    expect(central.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(
      WAL_PAGES_WITH_THREAD,
    );
    await central.close();
  });
});
