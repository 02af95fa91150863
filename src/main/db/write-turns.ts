/**
 * Two connections write the replica while a large bulk load runs: the desk's own (main thread)
 * and the bulk worker's (src/main/bulk/apply-worker.ts). SQLite lets one write at a time; this
 * module makes them take turns without either side failing or waiting long:
 *
 * - Every write transaction of the main connection starts with BEGIN IMMEDIATE. A deferred one
 *   that reads first (as every action does: the audit chain's head) and then writes fails at
 *   once with SQLITE_BUSY while the worker holds the lock — SQLite calls no busy handler for a
 *   read that turns into a write. IMMEDIATE takes the write lock first, so the read of the
 *   chain's head is the newest one: two connections can never fork the chain.
 * - While the main thread waits for, or holds, the write lock it raises a shared counter. The
 *   worker looks at it between rows: it commits what it has and waits until the counter drops,
 *   so an agent's action waits at most one row and one commit, never a whole chunk.
 *
 * Writes outside a transaction (a single statement) raise the counter too. Read-only work is
 * untouched: in WAL mode readers never wait for the writer.
 */
import type Database from 'better-sqlite3';

/** One Int32 the main thread raises while it wants the write lock; shared with the worker. */
export type WriteTurns = Int32Array;

export function newWriteTurns(): WriteTurns {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Main thread: runs `work` with the counter raised. */
function takingTurn<T>(turns: WriteTurns, work: () => T): T {
  Atomics.add(turns, 0, 1);
  try {
    return work();
  } finally {
    Atomics.sub(turns, 0, 1);
    Atomics.notify(turns, 0);
  }
}

/** Worker: whether the main thread is waiting for the lock (end the transaction now). */
export function mainWantsLock(turns: WriteTurns): boolean {
  return Atomics.load(turns, 0) > 0;
}

/** Worker, between transactions: let the main thread write first; at most `limitMs` here. */
export function waitForMain(turns: WriteTurns, limitMs = 1000): void {
  const until = Date.now() + limitMs;
  for (;;) {
    const wanting = Atomics.load(turns, 0);
    const left = until - Date.now();
    if (wanting === 0 || left <= 0) return;
    Atomics.wait(turns, 0, wanting, Math.min(left, 50));
  }
}

type TransactionFn = Database.Database['transaction'];

/**
 * Makes the main connection share the write lock fairly: top-level transactions run IMMEDIATE
 * with the counter raised (nested ones stay savepoints; `.deferred()` is still there for a
 * read-only snapshot), and statements that write outside a transaction raise it as well.
 */
export function shareWriteLock(sqlite: Database.Database, turns: WriteTurns): void {
  const transaction = sqlite.transaction.bind(sqlite) as TransactionFn;
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const wrapped = transaction(fn);
    const immediate = (...args: unknown[]) =>
      sqlite.inTransaction ? wrapped(...args) : takingTurn(turns, () => wrapped.immediate(...args));
    return Object.assign(immediate, {
      default: immediate,
      deferred: wrapped.deferred,
      immediate,
      exclusive: wrapped.exclusive,
      database: sqlite,
    });
  }) as TransactionFn;

  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    if (!statement.readonly) {
      const run = statement.run.bind(statement);
      statement.run = (...params: unknown[]) =>
        sqlite.inTransaction ? run(...params) : takingTurn(turns, () => run(...params));
    }
    return statement;
  }) as Database.Database['prepare'];

  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (source: string) =>
    sqlite.inTransaction ? exec(source) : takingTurn(turns, () => exec(source));
}
