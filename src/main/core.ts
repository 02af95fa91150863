/**
 * The core behind both doors: the replica, the signed-in agent, the handler map typed from the
 * contract, and one `dispatch` that checks the session, parses input, runs the handler and
 * answers an envelope. Nothing here knows which door a call came through.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  contract,
  PUBLIC_CHANNELS,
  type AgentSession,
  type Channel,
  type ChannelOutput,
  type Contract,
  type Envelope,
  type ErrorCode,
} from '../shared/contract';
import { deniedMessages, errorMessages, ruleMessages } from '../shared/messages';
import { loginRut, readRut, rutFromBody } from '../shared/rut';
import { openDatabase, type Db } from './db/database';
import { createDemoDatabase } from './seed/seed-database';
import { clearRegistrationBlock, unlockAccount } from './services/account-actions';
import { exportAudit, listAudit, verifyAudit } from './services/audit-log';
import { createRepositories, type ServiceContext, type Session } from './services/context';
import { editContact } from './services/edit-contact';
import {
  ForbiddenError,
  NotFoundError,
  RuleError,
  StaleError,
  UnauthorizedError,
} from './services/errors';
import { buildPersonRecord, viewPersonRecord } from './services/get-person-record';
import {
  closeInteraction,
  currentInteraction,
  listInteractions,
  openInteraction,
} from './services/interactions';
import { changeMembershipState, changeRole } from './services/membership-actions';
import { resendMail } from './services/resend-mail';
import { searchPersons } from './services/search-persons';
import { signIn } from './services/sign-in';
import type { ActionReceipt } from './services/run-action';

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
  context: ServiceContext;
  handlers: Handlers;
  dispatch: (channel: string, input: unknown) => Envelope<unknown>;
  close: () => void;
};

/** This installation's identity, kept in the replica and stamped on every audit event. */
function deviceIdOf(db: Db): string {
  const sqlite = db.$client;
  const row = sqlite.prepare("SELECT value FROM sync_state WHERE key = 'device_id'").get() as
    { value: string } | undefined;
  if (row) return row.value;
  const id = randomUUID();
  sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('device_id', ?)").run(id);
  return id;
}

const body = (rutText: string) => readRut(rutText)!.body;

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
  const repos = createRepositories(db);
  const context: ServiceContext = { db, repos, now, deviceId: deviceIdOf(db) };

  let session: Session | null = null;
  const agent = (): Session => {
    if (!session) throw new UnauthorizedError();
    return session;
  };
  const toSession = (s: Session): AgentSession => ({
    agentId: s.agentId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    companyRuts: s.companyRuts.map((rut) => loginRut(rutFromBody(rut))),
  });
  const result = (receipt: ActionReceipt, personRut: number) => ({
    ...receipt,
    record: buildPersonRecord(context, agent(), personRut),
  });
  const dayStart = (date: string | null) =>
    date === null ? null : new Date(`${date}T00:00:00-03:00`).toISOString();
  const dayEnd = (date: string | null) =>
    date === null
      ? null
      : new Date(Date.parse(`${date}T00:00:00-03:00`) + 86_400_000).toISOString();
  const auditFilter = (input: z.output<(typeof contract)['audit.export']['input']>) => ({
    personRut: input.personRut === null ? null : body(input.personRut),
    agentId: input.agentId,
    action: input.action,
    from: dayStart(input.from),
    to: dayEnd(input.to),
  });

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version,
      door: options.door,
      persons: repos.records.count(),
      pendingActions: repos.outbox.pendingCount(),
      dataDir: options.dataDir,
    }),
    'auth.signIn': (input) => {
      session = signIn(context, input.username, input.password);
      return toSession(session);
    },
    'auth.signOut': () => {
      session = null;
      return {};
    },
    'auth.session': () => (session ? toSession(session) : null),
    'persons.search': (input) => {
      const s = agent();
      return searchPersons(
        repos.search,
        input,
        now(),
        s.role === 'prevention' ? s.companyRuts : null,
      );
    },
    'persons.get': (input) => viewPersonRecord(context, agent(), input.rut),
    'contact.edit': (input) =>
      result(
        editContact(context, agent(), { ...input, personRut: body(input.rut) }),
        body(input.rut),
      ),
    'accounts.unlock': (input) =>
      result(
        unlockAccount(context, agent(), { ...input, personRut: body(input.rut) }),
        body(input.rut),
      ),
    'accounts.clearRegistrationBlock': (input) =>
      result(
        clearRegistrationBlock(context, agent(), { ...input, personRut: body(input.rut) }),
        body(input.rut),
      ),
    'mails.resend': (input) =>
      result(
        resendMail(context, agent(), { ...input, personRut: body(input.rut) }),
        body(input.rut),
      ),
    'memberships.changeState': (input) =>
      result(
        changeMembershipState(context, agent(), {
          ...input,
          personRut: body(input.rut),
          companyRut: body(input.companyRut),
        }),
        body(input.rut),
      ),
    'memberships.changeRole': (input) =>
      result(
        changeRole(context, agent(), {
          ...input,
          personRut: body(input.rut),
          companyRut: body(input.companyRut),
        }),
        body(input.rut),
      ),
    'interactions.open': (input) =>
      openInteraction(context, agent(), {
        personRut: input.rut === null ? null : body(input.rut),
        reason: input.reason,
      }),
    'interactions.close': (input) => closeInteraction(context, agent(), input),
    'interactions.current': () => currentInteraction(context, agent()),
    'interactions.list': (input) =>
      listInteractions(context, agent(), {
        personRut: input.rut === null ? null : body(input.rut),
        offset: input.offset,
        limit: input.limit,
      }),
    'audit.list': (input) => {
      const page = listAudit(context, agent(), auditFilter(input), input.offset, input.limit);
      return {
        total: page.total,
        events: page.events.map((event) => ({
          seq: event.seq,
          id: event.id,
          at: event.at,
          agentId: event.agentId,
          deviceId: event.deviceId,
          personRut: event.personRut === null ? null : loginRut(rutFromBody(event.personRut)),
          action: event.action,
          before: event.before,
          after: event.after,
          reason: event.reason,
          identityCheck: event.identityCheck,
          interactionId: event.interactionId,
          hash: event.hash,
        })),
      };
    },
    'audit.export': (input) => exportAudit(context, agent(), auditFilter(input)),
    'audit.verify': () => verifyAudit(context, agent()),
    'agents.list': () => {
      agent();
      return repos.agents
        .list()
        .map((a) => ({ agentId: a.id, displayName: a.displayName, role: a.role }));
    },
  };

  return {
    db,
    context,
    handlers,
    dispatch: (channel, input) => dispatch(handlers, channel, input, log, () => session !== null),
    close: () => db.$client.close(),
  };
}

function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

function failure(code: ErrorCode, message: string = errorMessages[code]): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** The one place a thrown error becomes what the agent reads. */
export function toFailure(error: unknown): Envelope<never> | null {
  if (error instanceof NotFoundError) return failure('not_found');
  if (error instanceof UnauthorizedError) return failure('unauthorized');
  if (error instanceof ForbiddenError) return failure('forbidden', deniedMessages[error.reason]);
  if (error instanceof StaleError) return failure('stale');
  if (error instanceof RuleError) {
    const message = ruleMessages[error.code]?.(error.params) ?? errorMessages.rule;
    return failure('rule', message);
  }
  return null;
}

/** Session → parse → run → envelope. Never throws: a handler's bug becomes `internal`, logged. */
export function dispatch(
  handlers: Handlers,
  channel: string,
  input: unknown,
  log: (message: string, error?: unknown) => void,
  signedIn: () => boolean = () => true,
): Envelope<unknown> {
  if (!isChannel(channel)) return failure('unknown_channel');
  if (!PUBLIC_CHANNELS.has(channel) && !signedIn()) return failure('unauthorized');
  const parsed = contract[channel].input.safeParse(input ?? {});
  if (!parsed.success) return failure('invalid_input');
  try {
    const handler = handlers[channel] as (value: unknown) => unknown;
    return { ok: true, value: handler(parsed.data) };
  } catch (error) {
    const known = toFailure(error);
    if (known) return known;
    log(`handler ${channel} failed`, error);
    return failure('internal');
  }
}
