/**
 * Files the desk keeps beside its replica that hold personal data (the Ley 21.719 exports), sealed
 * at rest with the replica's key: a stolen laptop yields them no more than it yields the replica.
 * They are opened only to hand a copy out (the web door's download, the desktop's «Guardar como»).
 *
 * Format: "MESASEAL", a version byte (1) and a random 16-byte salt; then records, each a
 * big-endian u32 of its plaintext length, its ciphertext and its 16-byte tag. AES-256-GCM, with a
 * key of the file's own (HKDF-SHA256 of the replica key and the salt), the record's index as
 * its nonce, and whether it is the last record as its associated data. The last record is always
 * written (empty if need be), so a file cut short, a record changed, dropped or moved, or another
 * key is refused, never handed out in part as if whole.
 *
 * A file without the magic (written before sealing, or by a desk whose replica is not encrypted)
 * is handed out as it is.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';

const MAGIC = Buffer.from('MESASEAL', 'latin1');
const VERSION = 1;
const SALT_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES;
const TAG_BYTES = 16;
/** Plaintext per record: memory holds one, a few of them per file being written. */
export const SEALED_RECORD_BYTES = 64 * 1024;
const INFO = Buffer.from('mesa-de-ayuda sealed file v1', 'latin1');

/** A sealed file that cannot be opened: cut short, altered, or sealed with another key. */
export class SealedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFileError';
  }
}

const fileKey = (key: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', key, salt, INFO, 32));

const nonceOf = (index: number) => {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(Math.floor(index / 2 ** 32), 4);
  nonce.writeUInt32BE(index >>> 0, 8);
  return nonce;
};

const LAST = Buffer.from([1]);
const NOT_LAST = Buffer.from([0]);

/** A stream that takes plaintext and gives the sealed file's bytes. */
export function sealStream(key: Buffer): Transform {
  const salt = randomBytes(SALT_BYTES);
  const own = fileKey(key, salt);
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const record = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', own, nonceOf(index++));
    cipher.setAAD(last ? LAST : NOT_LAST);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(plain.length);
    return Buffer.concat([length, body, cipher.getAuthTag()]);
  };
  let headerSent = false;
  const header = (stream: Transform) => {
    if (headerSent) return;
    headerSent = true;
    stream.push(Buffer.concat([MAGIC, Buffer.from([VERSION]), salt]));
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      header(this);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SEALED_RECORD_BYTES) return callback();
      let all = Buffer.concat(pending);
      // A full record is never the last: the last one is written at the end, even empty.
      while (all.length >= SEALED_RECORD_BYTES) {
        this.push(record(all.subarray(0, SEALED_RECORD_BYTES), false));
        all = all.subarray(SEALED_RECORD_BYTES);
      }
      pending = [all];
      pendingBytes = all.length;
      callback();
    },
    flush(callback: TransformCallback) {
      header(this);
      this.push(record(Buffer.concat(pending), true));
      pending = [];
      callback();
    },
  });
}

/** A stream that takes a sealed file's bytes and gives its plaintext, or fails. */
export function openStream(key: Buffer): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let own: Buffer | null = null;
  let index = 0;
  let ended = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      try {
        if (!own) {
          if (buffered.length < HEADER_BYTES) return callback();
          if (
            !buffered.subarray(0, MAGIC.length).equals(MAGIC) ||
            buffered[MAGIC.length] !== VERSION
          ) {
            throw new SealedFileError('not a sealed file of this version');
          }
          own = fileKey(key, buffered.subarray(MAGIC.length + 1, HEADER_BYTES));
          buffered = buffered.subarray(HEADER_BYTES);
        }
        for (;;) {
          if (buffered.length < 4) break;
          const length = buffered.readUInt32BE(0);
          if (length > SEALED_RECORD_BYTES) throw new SealedFileError('record too long');
          const size = 4 + length + TAG_BYTES;
          if (buffered.length < size) break;
          if (ended) throw new SealedFileError('data after the last record');
          // The last record is the one that is not full: only the last may be, and it always is.
          const last = length < SEALED_RECORD_BYTES;
          const decipher = createDecipheriv('aes-256-gcm', own, nonceOf(index++));
          decipher.setAAD(last ? LAST : NOT_LAST);
          decipher.setAuthTag(buffered.subarray(4 + length, size));
          const plain = decipher.update(buffered.subarray(4, 4 + length));
          try {
            decipher.final();
          } catch {
            throw new SealedFileError('record altered, or sealed with another key');
          }
          this.push(plain);
          ended = last;
          buffered = buffered.subarray(size);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      callback(ended && buffered.length === 0 ? null : new SealedFileError('file cut short'));
    },
  });
}

/** Whether a file starts as a sealed file does. Throws when it cannot be read (ENOENT). */
export function isSealed(file: string): boolean {
  const head = Buffer.alloc(MAGIC.length);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file's plaintext as a stream: opened when sealed, as it is otherwise. Throws at once when the
 * file is missing; a sealed file that fails (cut, altered, another key, none given) fails the
 * stream with a SealedFileError.
 */
export function readPlain(file: string, key: Buffer | undefined): Readable {
  const sealed = isSealed(file);
  const source = fs.createReadStream(file);
  if (!sealed) return source;
  if (!key) {
    source.destroy();
    const refused = new Transform();
    process.nextTick(() =>
      refused.destroy(new SealedFileError('sealed, and this desk has no key to open it')),
    );
    return refused;
  }
  const opened = openStream(key);
  pipeline(source, opened, () => {});
  return opened;
}

/**
 * A file in the clear sealed where it lies: written sealed beside itself, then renamed over it
 * (a crash leaves the one or the other, never a mix). A sealed file is left as it is. Gives
 * whether it sealed it.
 */
export async function sealInPlace(file: string, key: Buffer): Promise<boolean> {
  if (isSealed(file)) return false;
  const sealing = `${file}.sealing`;
  try {
    await streamPipeline(
      fs.createReadStream(file),
      sealStream(key),
      fs.createWriteStream(sealing, { flags: 'w', flush: true }),
    );
    fs.renameSync(sealing, file);
    return true;
  } catch (error) {
    fs.rmSync(sealing, { force: true });
    throw error;
  }
}
