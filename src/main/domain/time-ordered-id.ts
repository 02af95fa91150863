/**
 * Time-ordered action ids: UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then a
 * 12-bit counter within the millisecond, then 62 random bits. Any UUID check accepts them.
 *
 * A bulk load writes thousands of actions, and each id is a key of several indexes (the audit
 * event, the outbox intent, its mails, the batch row). Random (v4) ids land each insert on a
 * random page of those indexes; ids that grow with time append to the same few pages, so a
 * chunk's commit writes far fewer pages.
 */
import { randomFillSync } from 'node:crypto';

const pool = new Uint8Array(4096);
let poolAt = pool.length;
let lastMs = 0;
let counter = 0;

function randomBytes(count: number): Uint8Array {
  if (poolAt + count > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += count;
  return pool.subarray(poolAt - count, poolAt);
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Strictly increasing within this thread (a clock that steps back keeps the last millisecond). */
export function timeOrderedId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = 0;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const bytes = new Uint8Array(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes.set(randomBytes(8), 8);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const text = hex(bytes);
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
