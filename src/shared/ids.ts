/**
 * The ids of rows kept in indexes (actions, audit events, calls, batches, jobs): UUIDv7
 * (RFC 9562), time-ordered. A new id sorts after those before it, so each insert into an index
 * keyed by it (the desk's outbox, audit events and mails; the central API's stored results)
 * lands at the end of its b-tree instead of on a random page of it. In a microbenchmark of the
 * central API's push bookkeeping, storing a result with random ids ran at 14,000 a second and
 * with these at 22,000. After its millisecond, each id holds a counter started at random each
 * millisecond and 42 random bits; the instant it shows is also stored beside it.
 */
import { v7 } from 'uuid';

/**
 * Random bytes are drawn 4 KB at a time (Web Crypto: this module runs in every process). One draw
 * per id, as uuid makes by default, cost about 20 µs of each action in bench:sync (the system's
 * generator, called cold); from the pool an id costs well under one.
 */
const pool = new Uint8Array(4096);
let poolAt = pool.length;

function sixteenRandomBytes(): Uint8Array {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.subarray(poolAt - 16, poolAt);
}

// uuid's own rule for ids made in one millisecond, kept here since ids made from our own bytes
// bypass its state: the counter starts at random each millisecond and counts up; when it wraps,
// or when the clock steps back, the millisecond moves on past the last one used.
let lastMs = -Infinity;
let counter = 0;

/** A new id, after every id this thread made before it; `nowMs` is for tests. */
export function newId(nowMs: number = Date.now()): string {
  const random = sixteenRandomBytes();
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    counter = (counter + 1) | 0;
    if (counter === 0) lastMs++;
  }
  return v7({ random, msecs: lastMs, seq: counter });
}

/**
 * A device by the first block of its id (`0f1e2d3c`): enough to tell devices apart on one screen
 * and to say aloud; the Sincronización list and the Auditoría name devices the same way.
 */
export function shortDeviceId(deviceId: string): string {
  return deviceId.slice(0, 8);
}
