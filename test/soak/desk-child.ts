/**
 * The soak's desk: a desktop core in its own process, doing an agent's day until it is killed.
 *   desk-child.ts <dataDir> <centralUrl> work <agent> <seed>  → works until killed
 *   desk-child.ts <dataDir> <centralUrl> drain                 → pushes every agent's queue, then
 *                                                               waits for "pull" on stdin
 * Prints one JSON line per event: {"ready":…} once signed in, {"ack":…} for every action the
 * desk acknowledged (committed locally and answered ok), {"drained":…}/{"pulled":…} at the end.
 */
import { createCore } from '../../src/main/core';
import { seededRandom } from '../../src/storage/seed/random';
import { formatRut } from '../../src/shared/rut';

export const SOAK_AGENTS = {
  agente: 'agente600',
  supervisora: 'super600',
} as const;
export type SoakAgent = keyof typeof SOAK_AGENTS;

const [dataDir, centralUrl, mode, agentArg, seedArg] = process.argv.slice(2) as [
  string,
  string,
  'work' | 'drain',
  SoakAgent | undefined,
  string | undefined,
];
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const core = createCore({
  dataDir,
  door: 'web',
  version: '0.1.0',
  demoPersons: 0,
  centralUrl,
  autoSync: false,
  log: () => {},
  syncOptions: { baseDelayMs: 50, maxDelayMs: 500, pageSize: 500 },
});
type Envelope = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the contract shapes it
type Value = any;
const call = async (channel: string, input: unknown): Promise<Envelope> =>
  (await (core.dispatch as (c: string, i: unknown) => unknown)(channel, input)) as Envelope;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signIn(agent: SoakAgent): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const answer = await call('auth.signIn', { username: agent, password: SOAK_AGENTS[agent] });
    if (answer.ok) return;
    if (attempt > 200) throw new Error(`sign-in of ${agent} failed: ${answer.error?.message}`);
    await sleep(100);
  }
}

async function syncNow(): Promise<Value> {
  const answer = await call('sync.now', {});
  return answer.ok ? answer.value : null;
}

if (mode === 'drain') {
  // Every agent signs in and pushes until its queue is empty (their actions travel only with
  // their own tokens), then, when told, one last pull so the replica shows the central's truth.
  for (let round = 0; round < 20; round++) {
    let pending = 0;
    for (const agent of Object.keys(SOAK_AGENTS) as SoakAgent[]) {
      await signIn(agent);
      for (let i = 0; i < 50; i++) {
        const status = await syncNow();
        if (status && status.pending === 0) break;
        await sleep(100);
      }
      pending = (
        core.db.$client
          .prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'")
          .get() as {
          n: number;
        }
      ).n;
      if (pending === 0) break;
    }
    if (pending === 0) break;
  }
  const pending = core.db.$client
    .prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'")
    .get() as { n: number };
  print({ drained: pending.n === 0, pending: pending.n });
  for await (const line of process.stdin) {
    if (String(line).includes('pull')) break;
  }
  for (let i = 0; i < 20; i++) {
    const status = await syncNow();
    if (status && status.state === 'idle') break;
    await sleep(200);
  }
  core.close();
  print({ pulled: true });
  process.exit(0);
}

// --- a day's work, until killed ---------------------------------------------------------------
const agent = agentArg ?? 'agente';
const rand = seededRandom(Number(seedArg ?? 1));
await signIn(agent);
// The replica may be empty after a wipe or on the very first start: pull before working.
for (let i = 0; i < 50; i++) {
  const status = await syncNow();
  const persons = core.db.$client.prepare('SELECT count(*) AS n FROM persons').get() as {
    n: number;
  };
  if (persons.n > 0 && status) break;
  await sleep(100);
}
print({ ready: true, agent });

const randomPerson = () =>
  core.db.$client
    .prepare('SELECT rut, dv, last_name1 FROM persons WHERE rowid >= ? ORDER BY rowid LIMIT 1')
    .get(Math.floor(rand() * 30_000_000)) as
    { rut: number; dv: string; last_name1: string } | undefined;

const ack = (kind: string, value: Value) => print({ ack: value.actionId as string, agent, kind });

async function editPhone(): Promise<void> {
  const person = randomPerson();
  if (!person) return;
  const rut = formatRut({ body: person.rut, dv: person.dv });
  const record = await call('persons.get', { rut });
  if (!record.ok) return;
  const answer = await call('contact.edit', {
    rut,
    phone: `+569${String(10_000_000 + Math.floor(rand() * 89_999_999))}`,
    reason: 'Soak: corrección de contacto',
    identityCheck: [],
    expectedVersion: (record.value as Value).version,
  });
  if (answer.ok) ack('contact.edit', answer.value);
}

async function resendMail(): Promise<void> {
  const person = randomPerson();
  if (!person) return;
  const rut = formatRut({ body: person.rut, dv: person.dv });
  const record = await call('persons.get', { rut });
  if (!record.ok) return;
  const value = record.value as Value;
  const account = (value.accounts ?? []).find(
    (a: Value) => a.registrationState === 'active' || a.registrationState === 'pending_activation',
  );
  if (!account || !value.email) return;
  const answer = await call('mails.resend', {
    rut,
    portal: account.portal,
    kind: account.registrationState === 'active' ? 'password_reset' : 'password_creation',
  });
  if (answer.ok) ack('mails.resend', answer.value);
}

async function search(): Promise<void> {
  const person = randomPerson();
  if (!person) return;
  await call('persons.search', {
    text: rand() < 0.5 ? String(person.rut).slice(0, 6) : person.last_name1,
  });
}

for (;;) {
  const r = rand();
  if (r < 0.3) await search();
  else if (r < 0.6) await editPhone();
  else if (r < 0.8) await resendMail();
  else if (r < 0.84) {
    // A bulk-sized burst: dozens of actions in a row, then one sync.
    const size = 20 + Math.floor(rand() * 40);
    for (let i = 0; i < size; i++) await editPhone();
    await syncNow();
  } else if (r < 0.97) await syncNow();
  else {
    // Signs out and back in (the same agent: the shift goes on).
    await call('auth.signOut', {});
    await signIn(agent);
  }
}
