/**
 * G1: no action is lost, and none applied twice, when the desk process is killed (SIGKILL) at
 * each of the four points around a push: after the local commit, while the request is on its
 * way, after the server committed but before the answer arrived, and after the answer arrived
 * but before the desk recorded it. The desk runs in a child process (test/support/sync-child.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/core';
import { openReplicaReadonly } from '../support/replica-file';
import type { Fault } from '../support/fault-proxy';
import { tempDir } from '../support/context';
import { startCentral, startProxy } from '../support/sync-setup';

const CHILD = path.resolve('test/support/sync-child.ts');

type Run = {
  child: ChildProcess;
  lines: AsyncIterableIterator<string>;
  exited: Promise<number | null>;
};

function run(...args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator](),
    exited,
  };
}

async function next(run: Run): Promise<Record<string, unknown>> {
  const line = await run.lines.next();
  if (line.done) throw new Error('child ended without answering');
  return JSON.parse(line.value) as Record<string, unknown>;
}

async function kill(run: Run): Promise<void> {
  run.child.kill('SIGKILL');
  await run.exited;
}

const POINTS: Array<[string, 'before-send' | Fault['kind'] | 'crash-after-answer']> = [
  ['after the local commit, before sending', 'before-send'],
  ['while the request is on its way', 'hold'],
  ['after the server committed, before the answer arrived', 'hold_response'],
  ['after the answer arrived, before the desk recorded it', 'crash-after-answer'],
];

describe('killed around a push (G1)', () => {
  it.each(POINTS)('%s: nothing lost, nothing applied twice', async (_point, where) => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const dataDir = tempDir();
    const initial = run(dataDir, proxy.url, 'sync');
    expect(await next(initial)).toMatchObject({ status: { state: 'idle' } });
    await initial.exited;
    const before = central.db.$client
      .prepare('SELECT version FROM persons WHERE rut = 12345678')
      .get() as {
      version: number;
    };

    const acting = run(dataDir, proxy.url, 'act');
    const { committed } = (await next(acting)) as { committed: [string, string] };
    await kill(acting);

    if (where === 'hold' || where === 'hold_response') {
      const syncing = run(dataDir, proxy.url, 'sync');
      const held = new Promise<void>((resolve) =>
        proxy.setFaults((request) =>
          request.path === '/sync/push'
            ? { kind: where, onHeld: () => resolve() }
            : { kind: 'pass' },
        ),
      );
      await held;
      await kill(syncing);
      proxy.setFaults(() => ({ kind: 'pass' }));
    } else if (where === 'crash-after-answer') {
      const crashing = run(dataDir, proxy.url, 'sync', 'crash-after-answer');
      expect(await crashing.exited).toBeNull();
    }

    const recovering = run(dataDir, proxy.url, 'sync');
    expect(await next(recovering)).toMatchObject({ status: { state: 'idle', pending: 0 } });
    await recovering.exited;

    const server = central.db.$client;
    const [phoneAction, mailAction] = committed;
    expect(server.prepare('SELECT phone, version FROM persons WHERE rut = 12345678').get()).toEqual(
      {
        phone: '+56981818181',
        version: before.version + 1,
      },
    );
    expect(
      server.prepare('SELECT count(*) AS n FROM mails WHERE action_id = ?').get(mailAction),
    ).toEqual({ n: 1 });
    expect(
      server
        .prepare('SELECT count(*) AS n FROM mutation_results WHERE action_id IN (?, ?)')
        .get(phoneAction, mailAction),
    ).toEqual({ n: 2 });
    const replica = openReplicaReadonly(dataDir, DATABASE_FILE);
    expect(replica.prepare('SELECT action_id, state FROM outbox ORDER BY seq').all()).toEqual([
      { action_id: phoneAction, state: 'applied' },
      { action_id: mailAction, state: 'applied' },
    ]);
    replica.close();
  });
});
