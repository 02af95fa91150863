/**
 * Worker thread entry (deferred-indexes.ts): opens the replica on its own connection and builds
 * what a snapshot set aside — its secondary indexes, one transaction each, then its search index
 * in large steps, then merged into one segment in small ones — then says so and ends. Its own
 * entry in electron.vite.config.ts (out/main/index-worker.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applyReplicaKey, openSqlite } from './database';
import { buildIndexesNow, mergeSearchIndexStep, searchIndexStep } from './deferred-indexes';

/** Persons indexed for search per transaction: the main connection waits at most one step. */
const SEARCH_CHUNK = 100_000;
/** Leaf pages merged per transaction (a few hundred milliseconds at most). */
const MERGE_PAGES = 500;

const input = workerData as { file: string; key: string | null; nativeBinding: string | null };
try {
  const sqlite = openSqlite(
    input.file,
    input.nativeBinding ? { nativeBinding: input.nativeBinding } : {},
  );
  try {
    if (input.key) {
      applyReplicaKey(sqlite, Buffer.from(input.key, 'hex'), input.file);
      // CREATE INDEX sorts: on disk that would be unencrypted.
      sqlite.pragma('temp_store = MEMORY');
    }
    // The main connection may be committing a page or an action: wait for it.
    sqlite.pragma('busy_timeout = 10000');
    // An index build reads its table once, in order, and writes the index in order: a cache
    // does not spare it a read (tables of a large replica are many times any cache), and its
    // sort already holds every entry in memory (temp_store above). 8 MB: with 64 MB here and the
    // window's cache kept, a 1M initial sync peaked at 495 MB, against 424-442 MB now.
    sqlite.pragma('cache_size = -8192');
    buildIndexesNow(sqlite);
    // Indexing for search writes into the full-text index's segments, re-reading its pages.
    sqlite.pragma('cache_size = -65536');
    while (searchIndexStep(sqlite, SEARCH_CHUNK));
    // The search index arrived in steps, a segment each: merged into one, in steps too.
    while (mergeSearchIndexStep(sqlite, MERGE_PAGES));
  } finally {
    sqlite.close();
  }
  parentPort!.postMessage({ ok: true });
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  });
}
