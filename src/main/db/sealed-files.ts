/**
 * Files the desk keeps beside its replica that hold personal data (the Ley 21.719 exports, a
 * revoked desk's unsent actions), sealed at rest with the replica's key: a stolen laptop yields
 * them no more than it yields the replica. They are opened only to hand a copy out (the web
 * door's download, the desktop's «Guardar como»). Large files go through the streams; a small
 * one may be sealed and opened at once (`sealBuffer`, `readPlainSync`), in the same format.
 *
 * Format: "MESASEAL", a version byte (1) and a random 16-byte salt; then records, each a
 * big-endian u32 of its plaintext length, its ciphertext and its 16-byte tag. AES-256-GCM, with a
 * key of the file's own (HKDF-SHA256 of the replica key and the salt, bound to the file's name),
 * the record's index as its nonce, and whether it is the last record as its associated data. The
 * last record is always written (empty if need be) and is the only one not full, so a file cut
 * short, a record changed, dropped or moved, another key, or a sealed file put in another's place
 * is refused, never handed out in part as if whole.
 *
 * A file without the magic (written before sealing, or by a desk whose replica is not encrypted)
 * is handed out as it is. Either way the caller says how many bytes the file must give
 * (`readPlain`'s `bytes`): one cut short by a crash is refused too.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline as streamPipeline } from 'node:stream/promises';

const MAGIC = Buffer.from('MESASEAL', 'latin1');
const VERSION = 1;
const SALT_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES;
const TAG_BYTES = 16;
/** Plaintext per record: memory holds one, a few of them per file being written. */
export const SEALED_RECORD_BYTES = 64 * 1024;

/** A sealed file that cannot be opened: cut short, altered, misplaced, or another key's. */
export class SealedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFileError';
  }
}

/** The file's own key: its salt, and its name (a sealed file moved over another is refused). */
const fileKey = (key: Buffer, salt: Buffer, name: string) =>
  Buffer.from(hkdfSync('sha256', key, salt, `mesa-de-ayuda sealed file v1\0${name}`, 32));

const nonceOf = (index: number) => {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(Math.floor(index / 2 ** 32), 4);
  nonce.writeUInt32BE(index >>> 0, 8);
  return nonce;
};

const LAST = Buffer.from([1]);
const NOT_LAST = Buffer.from([0]);

/** Bytes arriving in pieces, taken out in the sizes asked for (no copy of what stays). */
class Pieces {
  private list: Buffer[] = [];
  length = 0;
  add(piece: Buffer): void {
    this.list.push(piece);
    this.length += piece.length;
  }
  /** The first `n` bytes (n ≤ length), removed. */
  take(n: number): Buffer {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const first = this.list[0]!;
      if (first.length <= left) {
        out.push(first);
        this.list.shift();
        left -= first.length;
      } else {
        out.push(first.subarray(0, left));
        this.list[0] = first.subarray(left);
        left = 0;
      }
    }
    this.length -= n;
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }
  /** The first `n` bytes (n ≤ length), left in place. */
  peek(n: number): Buffer {
    const head = this.take(n);
    this.list.unshift(head);
    this.length += n;
    return head;
  }
}

/** The writing half: the header, then records (only the last one not full, and always one). */
function sealer(key: Buffer, name: string) {
  const salt = randomBytes(SALT_BYTES);
  const own = fileKey(key, salt, name);
  let index = 0;
  return {
    header: (): Buffer => Buffer.concat([MAGIC, Buffer.from([VERSION]), salt]),
    record(plain: Buffer, last: boolean): Buffer {
      const cipher = createCipheriv('aes-256-gcm', own, nonceOf(index++));
      cipher.setAAD(last ? LAST : NOT_LAST);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(plain.length);
      return Buffer.concat([length, body, cipher.getAuthTag()]);
    },
  };
}

/** A stream that takes plaintext and gives the bytes of the sealed file named `name`. */
export function sealStream(key: Buffer, name: string): Transform {
  const seal = sealer(key, name);
  const pending = new Pieces();
  let headerSent = false;
  const header = (stream: Transform) => {
    if (headerSent) return;
    headerSent = true;
    stream.push(seal.header());
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      header(this);
      pending.add(chunk);
      // A full record is never the last: the last one is written at the end, even empty.
      while (pending.length >= SEALED_RECORD_BYTES) {
        this.push(seal.record(pending.take(SEALED_RECORD_BYTES), false));
      }
      callback();
    },
    flush(callback: TransformCallback) {
      header(this);
      this.push(seal.record(pending.take(pending.length), true));
      callback();
    },
  });
}

/** The sealed file named `name` of a small plaintext, whole, at once (as sealStream writes it). */
export function sealBuffer(key: Buffer, name: string, plain: Buffer): Buffer {
  const seal = sealer(key, name);
  const parts = [seal.header()];
  let at = 0;
  for (; plain.length - at >= SEALED_RECORD_BYTES; at += SEALED_RECORD_BYTES) {
    parts.push(seal.record(plain.subarray(at, at + SEALED_RECORD_BYTES), false));
  }
  parts.push(seal.record(plain.subarray(at), true));
  return Buffer.concat(parts);
}

/**
 * The reading half: bytes in as they come, plaintext out record by record; `end` throws unless
 * the last record was read and nothing followed it.
 */
function opener(key: Buffer, name: string) {
  const buffered = new Pieces();
  let own: Buffer | null = null;
  let index = 0;
  let ended = false;
  return {
    add(chunk: Buffer): Buffer[] {
      buffered.add(chunk);
      const out: Buffer[] = [];
      if (!own) {
        if (buffered.length < HEADER_BYTES) return out;
        const head = buffered.take(HEADER_BYTES);
        if (!head.subarray(0, MAGIC.length).equals(MAGIC) || head[MAGIC.length] !== VERSION) {
          throw new SealedFileError('not a sealed file of this version');
        }
        own = fileKey(key, head.subarray(MAGIC.length + 1), name);
      }
      while (buffered.length >= 4) {
        const length = buffered.peek(4).readUInt32BE(0);
        if (length > SEALED_RECORD_BYTES) throw new SealedFileError('record too long');
        if (buffered.length < 4 + length + TAG_BYTES) break;
        if (ended) throw new SealedFileError('data after the last record');
        const whole = buffered.take(4 + length + TAG_BYTES);
        // The last record is the one that is not full: only the last may be, and it always is.
        const last = length < SEALED_RECORD_BYTES;
        const decipher = createDecipheriv('aes-256-gcm', own, nonceOf(index++));
        decipher.setAAD(last ? LAST : NOT_LAST);
        decipher.setAuthTag(whole.subarray(4 + length));
        const plain = decipher.update(whole.subarray(4, 4 + length));
        try {
          decipher.final();
        } catch {
          throw new SealedFileError('record altered, misplaced, or sealed with another key');
        }
        out.push(plain);
        ended = last;
      }
      return out;
    },
    end(): void {
      if (!ended || buffered.length !== 0) throw new SealedFileError('file cut short');
    },
  };
}

/** A stream that takes the bytes of the sealed file named `name` and gives its plaintext. */
export function openStream(key: Buffer, name: string): Transform {
  const open = opener(key, name);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        for (const plain of open.add(chunk)) this.push(plain);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        open.end();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/**
 * A small file's plaintext, at once: opened when sealed (with `key`, under its own name), as it
 * is otherwise. Throws ENOENT for a missing file, a SealedFileError for one that cannot be opened
 * whole (cut, altered, misplaced, another key, none given).
 */
export function readPlainSync(file: string, key: Buffer | undefined): Buffer {
  const bytes = fs.readFileSync(file);
  if (!(bytes.length >= MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC))) {
    return bytes;
  }
  if (!key) throw new SealedFileError('sealed, and this desk has no key to open it');
  const open = opener(key, path.basename(file));
  const plain = Buffer.concat(open.add(bytes));
  open.end();
  return plain;
}

/** Whether a file starts as a sealed file does. Throws when it cannot be read (ENOENT). */
export function isSealed(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    return startsSealed(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function startsSealed(fd: number): boolean {
  const head = Buffer.alloc(MAGIC.length);
  return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
}

/** Fails the stream unless it gave exactly `bytes` bytes. */
function exactly(bytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > bytes) return callback(new SealedFileError('longer than recorded'));
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      callback(seen === bytes ? null : new SealedFileError('shorter than recorded'));
    },
  });
}

/**
 * A file's plaintext as a stream, which must come to `bytes` bytes: opened when sealed, as it is
 * otherwise. The file is opened once, and what it held then is what is read (a file sealed in
 * place meanwhile does not change it). Throws at once when the file is missing; one that cannot
 * be opened whole (cut, altered, misplaced, another key, none given) fails the stream with a
 * SealedFileError.
 */
export function readPlain(file: string, key: Buffer | undefined, bytes: number): Readable {
  const fd = fs.openSync(file, 'r');
  let sealed: boolean;
  try {
    sealed = startsSealed(fd);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  const source = fs.createReadStream('', { fd, start: 0 });
  const checked = exactly(bytes);
  if (!sealed) {
    pipeline(source, checked, () => {});
    return checked;
  }
  if (!key) {
    source.destroy();
    process.nextTick(() =>
      checked.destroy(new SealedFileError('sealed, and this desk has no key to open it')),
    );
    return checked;
  }
  pipeline(source, openStream(key, path.basename(file)), checked, () => {});
  return checked;
}

/**
 * A file in the clear sealed where it lies: written sealed beside itself, flushed to disk, then
 * renamed over it (a crash leaves the one or the other, never a mix). A sealed file is left as it
 * is, and one removed while it was being sealed stays removed; the sealed file keeps the clear
 * one's permissions. Gives whether it sealed it. The clear copy's blocks are freed, not
 * overwritten (on an SSD nothing could promise that).
 */
export async function sealInPlace(file: string, key: Buffer): Promise<boolean> {
  if (isSealed(file)) return false;
  const sealing = `${file}.sealing`;
  // The sealed file keeps the clear one's permissions (a private file stays private).
  const mode = fs.statSync(file).mode & 0o777;
  const out = fs.createWriteStream(sealing, { flags: 'w', flush: true, mode: 0o600 });
  try {
    await streamPipeline(fs.createReadStream(file), sealStream(key, path.basename(file)), out);
    fs.chmodSync(sealing, mode);
    // Removed meanwhile (an export's files deleted by the agent): it must not come back.
    if (!fs.existsSync(file)) {
      fs.rmSync(sealing, { force: true });
      return false;
    }
    fs.renameSync(sealing, file);
    return true;
  } catch (error) {
    // The copy may still be opening when the read fails (the file removed meanwhile): once it
    // is closed it exists, and goes.
    // (Only 'close' is awaited: the pipeline's error is emitted on it first.)
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    fs.rmSync(sealing, { force: true });
    throw error;
  }
}
