/**
 * `npm run bench:push-groups -- [--persons 100000] [--desks 4] [--actions 10000] [--rounds 3]`:
 * the central API's group commit (src/central-api/push.ts). The same kind of push batches (200
 * phone changes each, as a desk sends them) from `--desks` devices, applied by the central's push
 * module on one central database (synchronous = FULL), two ways in the same run:
 * - together: each round of batches, one from every desk, arrives at once (one group, one commit);
 * - one by one: the same number of batches, each awaited before the next (a commit each), the
 *   baseline.
 * No HTTP: what is compared is the commit, not the transport. Each round runs both ways in turn,
 * alternating which goes first, on fresh devices and persons' current phones; prints one JSON
 * object as its last line with each way's median actions/s and their ratio (together ÷ one by
 * one).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Auth, Authenticated } from '../src/central-api/auth';
import { createChangeLog } from '../src/central-api/change-log';
import { openCentralDatabase } from '../src/central-api/database';
import { createPush } from '../src/central-api/push';
import { PUSH_BATCH_SIZE } from '../src/main/sync/sync-engine';
import { phoneChanges } from './push-mutations';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    desks: { type: 'string', default: '4' },
    actions: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
  },
});
const desks = Math.max(1, Number(values.desks));
const perDesk = Math.floor(Number(values.actions) / desks);
const rounds = Math.max(1, Number(values.rounds));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-bench-push-groups-'));
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
console.error(
  `Sembrando un sistema central de ${Number(values.persons).toLocaleString('es-CL')} personas…`,
);
const { db } = openCentralDatabase({
  dataDir,
  demoPersons: Number(values.persons),
  now: new Date(),
  resetEpoch: false,
});
const sqlite = db.$client;
const AGENT = 'bench-push-groups';
const scope = { role: 'supervisor' as const, companyRuts: [], adminOfCompanyRuts: [] };
const push = createPush({
  sqlite,
  auth: { scopeOf: () => scope } as unknown as Auth,
  changeLog: createChangeLog(sqlite, () => new Date()),
  now: () => new Date(),
  epoch: 'bench',
  log: (message, error) => console.error(message, error ?? ''),
  onMailsQueued: () => {},
});

const persons = sqlite
  .prepare('SELECT rut, phone FROM persons ORDER BY rut LIMIT ?')
  .all(desks * perDesk) as Array<{ rut: number; phone: string | null }>;
if (persons.length < desks * perDesk) throw new Error('too few persons for the actions asked');
let nextPhone = 40_000_000;

/** One way of pushing every desk's actions; returns actions per second. */
async function run(way: 'together' | 'oneByOne'): Promise<number> {
  const at = new Date().toISOString();
  const devices = Array.from({ length: desks }, (_, d) => {
    const who: Authenticated = {
      agent: {
        agentId: AGENT,
        username: 'bench',
        displayName: 'Bench',
        role: 'supervisor',
        companyRuts: [],
        personRut: null,
        active: true,
      },
      deviceId: randomUUID(),
    };
    const mine = persons.slice(d * perDesk, (d + 1) * perDesk);
    const phones = mine.map(() => `+569${nextPhone++}`);
    const mutations = phoneChanges(AGENT, mine, 1, (i) => phones[i]!, at);
    // The next round changes each phone from the one it gets now.
    mine.forEach((person, i) => (person.phone = phones[i]!));
    return { who, mutations };
  });
  const batch = (d: number, start: number) => {
    const { who, mutations } = devices[d]!;
    return push.push(who, {
      deviceId: who.deviceId,
      sentAt: at,
      mutations: mutations.slice(start, start + PUSH_BATCH_SIZE),
    });
  };
  const check = (outcome: Awaited<ReturnType<typeof batch>>) => {
    if (outcome.kind !== 'ok' || outcome.response.results.some((r) => r.status !== 'applied')) {
      throw new Error(`a batch was not applied whole (${outcome.kind})`);
    }
  };
  const started = performance.now();
  for (let start = 0; start < perDesk; start += PUSH_BATCH_SIZE) {
    if (way === 'together') {
      for (const outcome of await Promise.all(devices.map((_, d) => batch(d, start))))
        check(outcome);
    } else {
      for (let d = 0; d < desks; d++) check(await batch(d, start));
    }
  }
  return Math.round((desks * perDesk) / ((performance.now() - started) / 1000));
}

const figures: Record<'together' | 'oneByOne', number[]> = { together: [], oneByOne: [] };
for (let round = 1; round <= rounds; round++) {
  const order =
    round % 2 === 1 ? (['oneByOne', 'together'] as const) : (['together', 'oneByOne'] as const);
  for (const way of order) {
    figures[way].push(await run(way));
    console.error(`ronda ${round} ${way}: ${figures[way].at(-1)} acciones/s`);
  }
}
sqlite.close();

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const together = median(figures.together);
const oneByOne = median(figures.oneByOne);
console.log(
  JSON.stringify({
    persons: Number(values.persons),
    desks,
    actions: desks * perDesk,
    batchSize: PUSH_BATCH_SIZE,
    rounds,
    togetherActionsPerSec: together,
    oneByOneActionsPerSec: oneByOne,
    togetherVsOneByOne: Math.round((together / oneByOne) * 100) / 100,
    perRound: figures,
  }),
);
