/**
 * `npm run demo:web` survives the central API going away (the offline drill a newcomer tries):
 * the web door keeps answering, and the terminal says what happened and how to bring it back.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../support/context';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()!();
});

it('keeps the web door running, offline, when the central API stops', async () => {
  const dataDir = tempDir();
  const demo = spawn(
    process.execPath,
    ['scripts/demo-web.mjs', '--central-port', '0', '--web-port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => demo.once('exit', resolve));
  stops.push(async () => {
    demo.kill('SIGTERM');
    await exited;
  });
  const lines: string[] = [];
  const waiters: Array<{ test: RegExp; resolve: (line: string) => void }> = [];
  const onLine = (line: string) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.test.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  createInterface({ input: demo.stdout }).on('line', onLine);
  createInterface({ input: demo.stderr }).on('line', onLine);
  const lineMatching = (test: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((line) => test.test(line));
      if (seen) return resolve(seen);
      waiters.push({ test, resolve });
      setTimeout(() => reject(new Error(`no line ${test} in:\n${lines.join('\n')}`)), 60_000);
    });

  const centralLine = await lineMatching(/^Sistema central: .* \(proceso (\d+)\)$/);
  const webLine = await lineMatching(/^Abra (http:\/\/127\.0\.0\.1:\d+\/#token=\w+) /);
  const centralPid = Number(/\(proceso (\d+)\)/.exec(centralLine)![1]);
  const webUrl = new URL(/^Abra (\S+)/.exec(webLine)![1]!);
  const token = webUrl.hash.slice('#token='.length);
  const info = () =>
    fetch(`${webUrl.origin}/api/app.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
  expect((await info()).status).toBe(200);

  process.kill(centralPid, 'SIGTERM');
  const said = await lineMatching(/El sistema central se detuvo/);
  expect(said).toContain('La Mesa de Ayuda sigue abierta sin conexión');
  await lineMatching(/Para volver a conectarla: npm run central -- --port \d+ --data-dir /);
  expect(demo.exitCode).toBeNull();
  expect((await info()).status).toBe(200);
}, 90_000);
