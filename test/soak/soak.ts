/**
 * The soak (issue 11, "nothing lost"): a desk child process (test/soak/desk-child.ts) does an
 * agent's day against the central API (a child process too, on a fixed loopback port, mailing a
 * real SMTP receiver) through the fault proxy, and is killed with SIGKILL at random moments and
 * restarted on the same data folder; the central API is restarted now and then. At the end the
 * desk drains its queue without faults and pulls once more, and the run checks:
 * - lost: actions the desk acknowledged that the central never processed;
 * - doubled: actions processed twice on the central (two results on one device, or two mails);
 * - outOfOrder: per agent, actions processed in another order than the desk acknowledged them;
 * - mailsDoubled: mails the SMTP receiver got more than once (by the central's mail id);
 * - chainOk: the desk's audit chain verifies; converged: every replicated table of the desk
 *   equals the central's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { DATABASE_FILE } from '../../src/main/core';
import { openDatabase, openSqlite } from '../../src/storage/db/database';
import { defaultKeyStore } from '../../src/main/db/replica-key';
import { verifyChain } from '../../src/main/domain/audit-chain';
import { createAuditRepository } from '../../src/main/repositories/audit-repository';
import { seededRandom } from '../../src/storage/seed/random';
import { ENTITIES, ENTITY_TABLES } from '../../src/shared/sync-protocol';
import { startFaultProxy, type Fault } from '../support/fault-proxy';
import { bundleNodeEntries } from '../support/node-bundle';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const DESK_SOURCE = path.join(HERE, 'desk-child.ts');
const CENTRAL_SOURCE = path.join(ROOT, 'src/central-api/start.ts');

export type SoakOptions = {
  kills: number;
  /** Stops killing once this much time has gone by, whatever the count (bounded in time). */
  maxMinutes: number;
  persons?: number;
  seed?: number;
  /** Restart the central API after this many kills, on average. */
  centralEvery?: number;
  workDir?: string;
  log?: (line: string) => void;
};

export type SoakResult = {
  kills: number;
  centralRestarts: number;
  actionsAcknowledged: number;
  processed: number;
  /** Mutations the central received more than once (lost answers, duplicates, resends). */
  replayedMutations: number;
  lost: number;
  doubled: number;
  outOfOrder: number;
  mailsSent: number;
  mailsDoubled: number;
  chainOk: boolean;
  converged: boolean;
  drained: boolean;
  seconds: number;
};

type Child = {
  process: ChildProcess;
  lines: AsyncIterableIterator<string>;
  exited: Promise<void>;
};

/** `script` is a bundle (bundleNodeEntries): plain JavaScript, no TypeScript loader. */
function start(script: string, args: string[], stdin: 'ignore' | 'pipe' = 'ignore'): Child {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    stdio: [stdin, 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator](),
    exited,
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startSmtp() {
  const byMailId = new Map<string, number>();
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = /^X-Mesa-Mail-Id: *(\S+)/im.exec(raw)?.[1] ?? `unknown-${received}`;
        byMailId.set(id, (byMailId.get(id) ?? 0) + 1);
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address() as net.AddressInfo;
  return {
    port: address.port,
    byMailId,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Ack = { ack: string; agent: string; kind: string };

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const deadline = started + options.maxMinutes * 60_000;
  const rand = seededRandom(options.seed ?? 611);
  const work = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-soak-'));
  const centralDir = path.join(work, 'central');
  const deskDir = path.join(work, 'desk');
  fs.mkdirSync(deskDir, { recursive: true });
  // The desk and the central start some forty times: bundled once, each start loads one file
  // instead of compiling the sources through tsx (test/support/node-bundle.ts). Inside the
  // project, so the bundles find its node_modules.
  const bundles = path.join(ROOT, 'out', 'soak', String(process.pid));
  await bundleNodeEntries(bundles, { desk: DESK_SOURCE, central: CENTRAL_SOURCE });
  const deskEntry = path.join(bundles, 'desk.mjs');
  const centralEntry = path.join(bundles, 'central.mjs');
  const smtp = await startSmtp();
  const port = await freePort();
  const centralUrl = `http://127.0.0.1:${port}`;
  const children = new Set<Child>();
  const track = (child: Child) => {
    children.add(child);
    void child.exited.then(() => children.delete(child));
    return child;
  };

  let central: Child | null = null;
  const startCentral = async () => {
    for (let attempt = 0; ; attempt++) {
      const child = track(
        start(centralEntry, [
          '--port',
          String(port),
          '--data-dir',
          centralDir,
          '--demo-persons',
          String(options.persons ?? 2000),
          '--smtp-host',
          '127.0.0.1',
          '--smtp-port',
          String(smtp.port),
        ]),
      );
      const line = await child.lines.next();
      if (!line.done && line.value.includes('"ready":true')) {
        central = child;
        return;
      }
      // The port may still be held for a moment after the previous process ended.
      if (attempt > 20) throw new Error('the central API does not start');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const stopCentral = async () => {
    if (!central) return;
    const stopping = central;
    central = null;
    stopping.process.kill('SIGTERM');
    await stopping.exited;
  };

  const proxy = await startFaultProxy(centralUrl);
  // Pushes meet replays most (a lost answer or a duplicated request is what idempotency is
  // for); every other sync and sign-in request meets the same faults, less often.
  const faults = (request: { path: string }): Fault => {
    if (!request.path.startsWith('/sync/') && !request.path.startsWith('/auth/')) {
      return { kind: 'pass' };
    }
    const r = rand() / (request.path.startsWith('/sync/push') ? 1 : 0.3);
    if (r < 0.05) return { kind: 'drop_request' };
    if (r < 0.17) return { kind: 'drop_response' };
    if (r < 0.29) return { kind: 'duplicate' };
    if (r < 0.34) return { kind: 'respond', status: 503 };
    return { kind: 'pass' };
  };
  proxy.setFaults(faults);

  const acks: Ack[] = [];
  let kills = 0;
  let centralRestarts = 0;
  const centralEvery = options.centralEvery ?? 10;
  try {
    await startCentral();
    const agents = ['agente', 'supervisora'];
    while (kills < options.kills && performance.now() < deadline) {
      const agent = agents[Math.floor(rand() * agents.length)]!;
      const desk = track(
        start(deskEntry, [deskDir, proxy.url, 'work', agent, String(Math.floor(rand() * 2 ** 31))]),
      );
      // Reads every line the desk prints until it dies; acks are recorded as they arrive.
      let ready!: () => void;
      const isReady = new Promise<void>((resolve) => (ready = resolve));
      const reading = (async () => {
        for await (const line of desk.lines) {
          const event = JSON.parse(line) as Partial<Ack> & { ready?: boolean };
          if (event.ready) ready();
          if (event.ack) acks.push(event as Ack);
        }
      })();
      // Most kills land while the desk works; some while it starts, signs in or pulls.
      const early = rand() < 0.15;
      if (!early) await Promise.race([isReady, desk.exited]);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.floor(rand() * (early ? 2500 : 1500))),
      );
      desk.process.kill('SIGKILL');
      await desk.exited;
      await reading;
      kills++;
      if (rand() < 1 / centralEvery) {
        await stopCentral();
        await startCentral();
        centralRestarts++;
      }
      if (kills % 10 === 0) log(`${kills} caídas, ${acks.length} acciones confirmadas`);
    }

    // --- the end of the day: no more faults, every queue drained, one last pull ----------------
    proxy.setFaults(() => ({ kind: 'pass' }));
    const drain = track(start(deskEntry, [deskDir, proxy.url, 'drain'], 'pipe'));
    const drainedLine = await drain.lines.next();
    const drained =
      !drainedLine.done && (JSON.parse(drainedLine.value) as { drained: boolean }).drained;
    // Mails go out after the push: wait until the central has sent every one it queued.
    const centralFile = path.join(centralDir, 'central.db');
    const readCentral = () => openSqlite(centralFile, { readonly: true });
    for (let i = 0; i < 300; i++) {
      const db = readCentral();
      const open = db
        .prepare("SELECT count(*) AS n FROM mail_jobs WHERE state IN ('pending', 'sending')")
        .get() as { n: number };
      db.close();
      if (open.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    drain.process.stdin!.write('pull\n');
    for await (const line of drain.lines) if (line.includes('pulled')) break;
    await drain.exited;
    await stopCentral();

    // --- the checks --------------------------------------------------------------------------
    const db = readCentral();
    const results = db
      .prepare(
        'SELECT rowid AS at, device_id, action_id, agent_id FROM mutation_results ORDER BY rowid',
      )
      .all() as Array<{ at: number; device_id: string; action_id: string; agent_id: string }>;
    const firstAt = new Map<string, number>();
    const perDevice = new Map<string, number>();
    for (const row of results) {
      if (!firstAt.has(row.action_id)) firstAt.set(row.action_id, row.at);
      const key = `${row.device_id}:${row.action_id}`;
      perDevice.set(key, (perDevice.get(key) ?? 0) + 1);
    }
    const mailsPerAction = db
      .prepare(
        'SELECT action_id, count(*) AS n FROM mails WHERE action_id IS NOT NULL GROUP BY action_id HAVING n > 1',
      )
      .all() as Array<{ action_id: string; n: number }>;
    const twice = new Set<string>(mailsPerAction.map((m) => m.action_id));
    for (const [key, n] of perDevice) if (n > 1) twice.add(key.slice(key.indexOf(':') + 1));
    const acknowledged = new Set(acks.map((a) => a.ack));
    const lost = [...acknowledged].filter((id) => !firstAt.has(id));
    let outOfOrder = 0;
    for (const agent of new Set(acks.map((a) => a.agent))) {
      let last = 0;
      for (const a of acks.filter((x) => x.agent === agent)) {
        const at = firstAt.get(a.ack);
        if (at === undefined) continue;
        if (at < last) outOfOrder++;
        last = Math.max(last, at);
      }
    }

    // The desk's replica: its audit chain, and every replicated table beside the central's.
    const key = defaultKeyStore(deskDir).load();
    const deskDb = openDatabase({
      file: path.join(deskDir, DATABASE_FILE),
      ...(key ? { key } : {}),
    });
    const chain = verifyChain(createAuditRepository(deskDb.$client).iterate());
    const digest = (sqlite: ReturnType<typeof openSqlite>) => {
      const hash = createHash('sha256');
      for (const entity of ENTITIES) {
        const { table, key: column, columns } = ENTITY_TABLES[entity];
        for (const row of sqlite
          .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${column}`)
          .raw()
          .iterate()) {
          hash.update(JSON.stringify(row));
        }
      }
      return hash.digest('hex');
    };
    const converged = digest(deskDb.$client) === digest(db);
    deskDb.$client.close();
    db.close();

    const pushes = new Map<string, number>();
    for (const request of proxy.seen) {
      if (request.path !== '/sync/push') continue;
      try {
        const body = JSON.parse(request.body) as { mutations?: Array<{ actionId: string }> };
        for (const m of body.mutations ?? [])
          pushes.set(m.actionId, (pushes.get(m.actionId) ?? 0) + 1);
      } catch {
        // not a push body
      }
    }

    return {
      kills,
      centralRestarts,
      actionsAcknowledged: acknowledged.size,
      processed: firstAt.size,
      replayedMutations: [...pushes.values()].filter((n) => n > 1).length,
      lost: lost.length,
      doubled: twice.size,
      outOfOrder,
      mailsSent: smtp.received(),
      mailsDoubled: [...smtp.byMailId.values()].filter((n) => n > 1).length,
      chainOk: chain.ok,
      converged,
      drained,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    for (const child of children) child.process.kill('SIGKILL');
    await Promise.all([...children].map((c) => c.exited));
    await proxy.close();
    await smtp.close();
    if (!options.workDir) fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(bundles, { recursive: true, force: true });
  }
}
