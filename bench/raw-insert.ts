/**
 * bench:sync's raw-insert baseline in a process of its own (sync-baselines.ts `rawInsert`):
 * `tsx bench/raw-insert.ts --source-dir D --target F [--encrypted]`. The key is the synced
 * desk's own (its key store in D). Prints `{ rows, seconds }` as its last line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../src/main/core';
import { resolveReplicaKey } from '../src/main/db/open-replica';
import { defaultKeyStore } from '../src/main/db/replica-key';
import { rawInsert } from './sync-baselines';

const { values } = parseArgs({
  options: {
    'source-dir': { type: 'string' },
    target: { type: 'string' },
    encrypted: { type: 'boolean', default: false },
  },
});
const sourceDir = values['source-dir']!;
const key = values.encrypted ? resolveReplicaKey(defaultKeyStore(sourceDir)).key : undefined;
console.log(JSON.stringify(rawInsert(path.join(sourceDir, DATABASE_FILE), values.target!, key)));
