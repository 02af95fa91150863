/**
 * Files sealed at rest with the replica's key (db/sealed-files.ts): what goes in comes out, on
 * real files; anything cut, altered, moved, put in another's place, of another size than recorded
 * or opened with another key fails instead of handing out a part; a file written before sealing
 * is handed out as it is; a read started before a file is sealed in place reads what it opened.
 * And the export's writer (textSink) fails, never hangs, when its file fails.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  isSealed,
  readPlain,
  readPlainSync,
  SEALED_RECORD_BYTES,
  sealBuffer,
  SealedFileError,
  sealInPlace,
  sealStream,
} from '../../src/main/db/sealed-files';
import { textSink } from '../../src/main/services/data-export';
import { tempDir } from '../support/context';

const key = randomBytes(32);

/** Writes `pieces` through the sealer into a file, as the export does (many small writes). */
async function sealInto(file: string, pieces: Buffer[], sealKey = key): Promise<void> {
  await pipeline(
    Readable.from(pieces),
    sealStream(sealKey, path.basename(file)),
    fs.createWriteStream(file),
  );
}

/** The file's plaintext, which must be `bytes` long, opened with `openKey` (null: no key). */
async function readAll(file: string, bytes: number, openKey: Buffer | null = key): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readPlain(file, openKey ?? undefined, bytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const sizes = [
  0,
  1,
  SEALED_RECORD_BYTES - 1,
  SEALED_RECORD_BYTES,
  SEALED_RECORD_BYTES + 1,
  3 * SEALED_RECORD_BYTES + 12_345,
];

const text = (size: number) =>
  Buffer.from(Array.from({ length: size }, (_, i) => 'Pedro Pérez 12.345.678-5 '[i % 25]).join(''));

describe('sealed files', () => {
  it.each(sizes)(
    'gives back exactly what was sealed (%i bytes), never in the clear on disk',
    async (size) => {
      const file = path.join(tempDir(), 'export.json');
      const plain = text(size);
      // Uneven pieces, as the export writes its pages.
      const pieces: Buffer[] = [];
      for (let at = 0; at < plain.length; at += 7_001) pieces.push(plain.subarray(at, at + 7_001));
      await sealInto(file, pieces);
      expect(isSealed(file)).toBe(true);
      const onDisk = fs.readFileSync(file);
      if (size >= 25) expect(onDisk.includes(Buffer.from('Pedro Pérez'))).toBe(false);
      expect((await readAll(file, plain.length)).equals(plain)).toBe(true);
    },
  );

  it('refuses another key, an altered byte, a file cut short, records moved, another size', async () => {
    const file = path.join(tempDir(), 'export.html');
    const plain = randomBytes(2 * SEALED_RECORD_BYTES + 500);
    await sealInto(file, [plain]);
    const sealed = fs.readFileSync(file);
    const fails = async (bytes: Buffer, openKey: Buffer | null = key, size = plain.length) => {
      fs.writeFileSync(file, bytes);
      await expect(readAll(file, size, openKey)).rejects.toBeInstanceOf(SealedFileError);
    };
    await fails(sealed, randomBytes(32));
    await fails(sealed, null);
    const altered = Buffer.from(sealed);
    altered[altered.length - 100]! ^= 1;
    await fails(altered);
    // Cut at the end of the first record: whole records, but not the last one.
    const header = 8 + 1 + 16;
    const record = 4 + SEALED_RECORD_BYTES + 16;
    await fails(sealed.subarray(0, header + record));
    await fails(sealed.subarray(0, sealed.length - 1));
    await fails(sealed.subarray(0, header));
    // The two full records swapped.
    await fails(
      Buffer.concat([
        sealed.subarray(0, header),
        sealed.subarray(header + record, header + 2 * record),
        sealed.subarray(header, header + record),
        sealed.subarray(header + 2 * record),
      ]),
    );
    // Something after the last record.
    await fails(Buffer.concat([sealed, sealed.subarray(header, header + record)]));
    // Whole, but not the size the export recorded.
    await fails(sealed, key, plain.length + 1);
    fs.writeFileSync(file, sealed);
    expect((await readAll(file, plain.length)).equals(plain)).toBe(true);
  });

  it('refuses a sealed file put in the place of another one', async () => {
    const dir = tempDir();
    const pedro = path.join(dir, 'SOL-1-pedro.json');
    const camila = path.join(dir, 'SOL-2-camila.json');
    await sealInto(pedro, [text(1000)]);
    await sealInto(camila, [text(1000)]);
    fs.copyFileSync(camila, pedro);
    await expect(readAll(pedro, 1000)).rejects.toBeInstanceOf(SealedFileError);
  });

  it('hands out a file written before sealing as it is, if whole; throws at once for a missing one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.json');
    const old = '{"format":"mesa-de-ayuda/ley-21719-export"}';
    fs.writeFileSync(file, old);
    expect(isSealed(file)).toBe(false);
    expect((await readAll(file, old.length)).toString()).toBe(old);
    // Cut short by a crash (here: empty), it is refused like a sealed one.
    fs.writeFileSync(file, '');
    await expect(readAll(file, old.length)).rejects.toBeInstanceOf(SealedFileError);
    expect(() => readPlain(path.join(dir, 'gone.json'), key, 0)).toThrow(/ENOENT/);
  });

  it('reads what it opened while the file is sealed in place', async () => {
    const file = path.join(tempDir(), 'old.html');
    const plain = text(5 * SEALED_RECORD_BYTES);
    fs.writeFileSync(file, plain);
    // Its sealed version, made beside it under the same name, lands the moment after the read
    // starts: as sealInPlace's rename would.
    const sealedCopy = path.join(tempDir(), 'old.html');
    fs.writeFileSync(sealedCopy, plain);
    expect(await sealInPlace(sealedCopy, key)).toBe(true);
    const reading = readPlain(file, key, plain.length);
    fs.renameSync(sealedCopy, file);
    const chunks: Buffer[] = [];
    for await (const chunk of reading) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(plain)).toBe(true);
    // Sealed now, it reads the same; sealing it again does nothing.
    expect(isSealed(file)).toBe(true);
    expect((await readAll(file, plain.length)).equals(plain)).toBe(true);
    expect(await sealInPlace(file, key)).toBe(false);
  });
});

describe('a file sealed in place', () => {
  it.skipIf(process.platform === 'win32')('keeps its permissions', async () => {
    const dir = tempDir();
    for (const mode of [0o600, 0o644]) {
      const file = path.join(dir, `modo-${mode.toString(8)}.json`);
      fs.writeFileSync(file, text(1000));
      fs.chmodSync(file, mode);
      expect(await sealInPlace(file, key)).toBe(true);
      expect(isSealed(file)).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(mode);
    }
  });
});

describe('small files sealed and opened at once', () => {
  it.each(sizes)('the same format as the stream’s (%i bytes), both ways', async (size) => {
    const dir = tempDir();
    const plain = text(size);
    // Sealed at once, opened by the stream reader…
    const atOnce = path.join(dir, 'acciones.json');
    fs.writeFileSync(atOnce, sealBuffer(key, 'acciones.json', plain));
    expect(isSealed(atOnce)).toBe(true);
    if (size >= 25)
      expect(fs.readFileSync(atOnce).includes(Buffer.from('Pedro Pérez'))).toBe(false);
    expect((await readAll(atOnce, plain.length)).equals(plain)).toBe(true);
    // …and sealed by the stream, opened at once.
    const streamed = path.join(dir, 'otro.json');
    await sealInto(streamed, [plain]);
    expect(readPlainSync(streamed, key).equals(plain)).toBe(true);
    expect(readPlainSync(atOnce, key).equals(plain)).toBe(true);
  });

  it('refuses another key, no key, an altered byte, a file cut short or moved; a clear file is as it is', () => {
    const dir = tempDir();
    const file = path.join(dir, 'acciones.json');
    const plain = text(SEALED_RECORD_BYTES + 99);
    const sealed = sealBuffer(key, 'acciones.json', plain);
    fs.writeFileSync(file, sealed);
    expect(() => readPlainSync(file, randomBytes(32))).toThrow(SealedFileError);
    expect(() => readPlainSync(file, undefined)).toThrow(SealedFileError);
    const altered = Buffer.from(sealed);
    altered[altered.length - 20]! ^= 1;
    fs.writeFileSync(file, altered);
    expect(() => readPlainSync(file, key)).toThrow(SealedFileError);
    fs.writeFileSync(file, sealed.subarray(0, sealed.length - 1));
    expect(() => readPlainSync(file, key)).toThrow(SealedFileError);
    const moved = path.join(dir, 'otro-nombre.json');
    fs.writeFileSync(moved, sealed);
    expect(() => readPlainSync(moved, key)).toThrow(SealedFileError);
    fs.writeFileSync(file, plain);
    expect(readPlainSync(file, key).equals(plain)).toBe(true);
    expect(() => readPlainSync(path.join(dir, 'no-existe.json'), key)).toThrow(/ENOENT/);
  });
});

describe('sealing in place', () => {
  it('leaves removed a file removed while it was being sealed in place', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.json');
    fs.writeFileSync(file, randomBytes(4 * 1024 * 1024));
    const sealing = sealInPlace(file, key).catch(() => false);
    // Removed once the sealing has started reading it (as «Eliminar archivos» would).
    await new Promise((resolve) => setImmediate(resolve));
    fs.rmSync(file);
    expect(await sealing).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('the export writer', () => {
  /** A file that fails as a full disk does: its first write fails, a moment later. */
  const failingFile = () =>
    new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, callback) {
        setTimeout(() => callback(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })), 5);
      },
    });

  it.each([
    ['sealed', true],
    ['in the clear', false],
  ])('fails, never hangs, when its file fails (%s)', async (_label, sealed) => {
    const sink = textSink(failingFile(), sealed ? sealStream(key, 'export.json') : null);
    const page = 'x'.repeat(40_000);
    const writing = (async () => {
      for (let i = 0; i < 50; i++) await sink.write(page);
      return sink.end();
    })();
    await expect(writing).rejects.toThrow('ENOSPC');
  });

  it('counts the plaintext it wrote', async () => {
    const file = path.join(tempDir(), 'export.json');
    const sink = textSink(fs.createWriteStream(file), sealStream(key, 'export.json'));
    await sink.write('{"nombre":"Pedro Pérez"');
    await sink.write('}');
    const bytes = await sink.end();
    expect(bytes).toBe(Buffer.byteLength('{"nombre":"Pedro Pérez"}'));
    expect((await readAll(file, bytes)).toString()).toBe('{"nombre":"Pedro Pérez"}');
  });
});
