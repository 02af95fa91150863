/**
 * The core behind both doors: the replica, the handler map typed from the contract, and one
 * `dispatch` that parses input, runs the handler and answers an envelope. Nothing here knows
 * which door a call came through.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  contract,
  type Channel,
  type ChannelOutput,
  type Contract,
  type Envelope,
  type ErrorCode,
} from '../shared/contract';
import { errorMessages } from '../shared/messages';
import { openDatabase, type Db } from './db/database';
import { createPersonRecordRepository } from './repositories/person-record-repository';
import { createPersonSearchRepository } from './repositories/person-search-repository';
import { createDemoDatabase } from './seed/seed-database';
import { getPersonRecord, NotFoundError } from './services/get-person-record';
import { searchPersons } from './services/search-persons';

export const DATABASE_FILE = 'mesa-de-ayuda.db';
/** Persons in the demo dataset an empty data directory receives on first start. */
export const DEFAULT_DEMO_PERSONS = 20_000;

export type CoreOptions = {
  dataDir: string;
  door: 'electron' | 'web';
  version: string;
  /** Persons to seed when the replica is empty; 0 leaves it empty. */
  demoPersons?: number;
  migrationsFolder?: string;
  nativeBinding?: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
};

export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>) => ChannelOutput<C>;
};

export type Core = {
  db: Db;
  handlers: Handlers;
  dispatch: (channel: string, input: unknown) => Envelope<unknown>;
  close: () => void;
};

export function createCore(options: CoreOptions): Core {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? (() => new Date());
  const file = path.join(options.dataDir, DATABASE_FILE);
  const storage = {
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
  };
  const demoPersons = options.demoPersons ?? DEFAULT_DEMO_PERSONS;
  // Only a brand-new data directory gets demo data; an existing replica is never touched.
  if (demoPersons > 0 && !fs.existsSync(file)) {
    createDemoDatabase({ ...storage, file, persons: demoPersons, now: now() });
  }
  const db = openDatabase({ ...storage, file });
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));

  const records = createPersonRecordRepository(db);
  const search = createPersonSearchRepository(db.$client);

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version,
      door: options.door,
      persons: records.count(),
      dataDir: options.dataDir,
    }),
    'persons.search': (input) => searchPersons(search, input, now()),
    'persons.get': (input) => getPersonRecord(records, input.rut, now()),
  };

  return {
    db,
    handlers,
    dispatch: (channel, input) => dispatch(handlers, channel, input, log),
    close: () => db.$client.close(),
  };
}

function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

function failure(code: ErrorCode): Envelope<never> {
  return { ok: false, error: { code, message: errorMessages[code] } };
}

/** Parse → run → envelope. Never throws: a handler's bug becomes `internal`, logged here. */
export function dispatch(
  handlers: Handlers,
  channel: string,
  input: unknown,
  log: (message: string, error?: unknown) => void,
): Envelope<unknown> {
  if (!isChannel(channel)) return failure('unknown_channel');
  const parsed = contract[channel].input.safeParse(input ?? {});
  if (!parsed.success) return failure('invalid_input');
  try {
    const handler = handlers[channel] as (value: unknown) => unknown;
    return { ok: true, value: handler(parsed.data) };
  } catch (error) {
    if (error instanceof NotFoundError) return failure('not_found');
    log(`handler ${channel} failed`, error);
    return failure('internal');
  }
}
