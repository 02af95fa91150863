/**
 * A Ley 21.719 export's opened copy saved where the agent chose, through the Electron door's
 * «Guardar como» (data-request-handlers.ts hands it the opened file and the audit to write).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SealedFileError } from '../db/sealed-files';
import { RuleError } from './errors';

/**
 * The opened copy written where the agent chose, whole or not at all, and accounted for: written
 * beside it first under a name of its own, renamed into place once complete, then audited.
 * Never into the data folder (where only sealed files belong).
 */
export async function saveCopy(
  open: () => Readable,
  target: string,
  dataDir: string,
  audit: () => void,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  const inside = path.relative(path.resolve(dataDir), path.resolve(target));
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
    throw new RuleError('data_request_copy_in_data_folder');
  }
  const part = `${target}.${randomBytes(4).toString('hex')}.part`;
  let saved = false;
  try {
    await pipeline(open(), fs.createWriteStream(part, { flags: 'wx' }));
    fs.renameSync(part, target);
    saved = true;
    // Audited once it is there (never a copy recorded that was not made); one that cannot be
    // audited is removed again.
    audit();
  } catch (error) {
    fs.rmSync(saved ? target : part, { force: true });
    log('data request copy failed', error);
    if (error instanceof SealedFileError) throw new RuleError('data_request_file_unreadable');
    // The export's own file gone (not the place chosen for the copy): export again.
    const { code, path: where } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' && where !== part) throw new RuleError('data_request_file_missing');
    throw new RuleError('data_request_copy_failed');
  }
}
