/**
 * Files sealed at rest with the replica's key (db/sealed-files.ts): what goes in comes out, on
 * real files; anything cut, altered, moved or opened with another key fails instead of handing
 * out a part; a file written before sealing is handed out as it is.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  isSealed,
  readPlain,
  SEALED_RECORD_BYTES,
  SealedFileError,
  sealStream,
} from '../../src/main/db/sealed-files';
import { tempDir } from '../support/context';

const key = randomBytes(32);

/** Writes `pieces` through the sealer into a file, as the export does (many small writes). */
async function sealInto(file: string, pieces: Buffer[], sealKey = key): Promise<void> {
  await pipeline(Readable.from(pieces), sealStream(sealKey), fs.createWriteStream(file));
}

/** The file's plaintext, opened with `openKey` (null: a desk without a key). */
async function readAll(file: string, openKey: Buffer | null = key): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of readPlain(file, openKey ?? undefined)) chunks.push(chunk as Buffer);
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

describe('sealed files', () => {
  it.each(sizes)(
    'gives back exactly what was sealed (%i bytes), never in the clear on disk',
    async (size) => {
      const file = path.join(tempDir(), 'export.json');
      const plain = Buffer.from(
        Array.from({ length: size }, (_, i) => 'Pedro Pérez 12.345.678-5 '[i % 25]).join(''),
      );
      // Uneven pieces, as the export writes its pages.
      const pieces: Buffer[] = [];
      for (let at = 0; at < plain.length; at += 7_001) pieces.push(plain.subarray(at, at + 7_001));
      await sealInto(file, pieces);
      expect(isSealed(file)).toBe(true);
      const onDisk = fs.readFileSync(file);
      if (size >= 25) expect(onDisk.includes(Buffer.from('Pedro Pérez'))).toBe(false);
      expect((await readAll(file)).equals(plain)).toBe(true);
    },
  );

  it('refuses another key, an altered byte, a file cut short and records moved', async () => {
    const file = path.join(tempDir(), 'export.html');
    const plain = randomBytes(2 * SEALED_RECORD_BYTES + 500);
    await sealInto(file, [plain]);
    const sealed = fs.readFileSync(file);
    const fails = async (bytes: Buffer, openKey: Buffer | null = key) => {
      fs.writeFileSync(file, bytes);
      await expect(readAll(file, openKey)).rejects.toBeInstanceOf(SealedFileError);
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
    fs.writeFileSync(file, sealed);
    expect((await readAll(file)).equals(plain)).toBe(true);
  });

  it('hands out a file written before sealing as it is, and throws at once for a missing one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.json');
    fs.writeFileSync(file, '{"format":"mesa-de-ayuda/ley-21719-export"}');
    expect(isSealed(file)).toBe(false);
    expect((await readAll(file)).toString()).toBe('{"format":"mesa-de-ayuda/ley-21719-export"}');
    expect(() => readPlain(path.join(dir, 'gone.json'), key)).toThrow(/ENOENT/);
  });
});
