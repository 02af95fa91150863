/**
 * The flags a built worker thread starts with (src/storage/worker-thread.ts): the process's own,
 * less the TypeScript loader's, in each form Node accepts them; and a built worker started with
 * them, or as before where a flag left is one a thread refuses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker, withoutTypeScriptLoader } from '../../src/storage/worker-thread';

describe('withoutTypeScriptLoader', () => {
  it("drops tsx's preflight and loader, as `tsx` passes them", () => {
    expect(
      withoutTypeScriptLoader([
        '--require',
        '/work/main/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///work/main/node_modules/tsx/dist/loader.mjs',
        '--max-old-space-size=4096',
      ]),
    ).toEqual(['--max-old-space-size=4096']);
  });

  it('drops the `=` forms and Windows paths too', () => {
    expect(
      withoutTypeScriptLoader([
        '--import=file:///C:/app/node_modules/tsx/dist/loader.mjs',
        '-r',
        'C:\\app\\node_modules\\tsx\\dist\\preflight.cjs',
        '--cpu-prof',
      ]),
    ).toEqual(['--cpu-prof']);
  });

  it('keeps every other preloaded module, with its value', () => {
    const argv = [
      '--require',
      './instrument.cjs',
      '--import=./otel.mjs',
      '--cpu-prof-dir',
      '/tmp/p',
    ];
    expect(withoutTypeScriptLoader(argv)).toEqual(argv);
  });

  it('a flag last with no value is kept as it is', () => {
    expect(withoutTypeScriptLoader(['--require'])).toEqual(['--require']);
    expect(withoutTypeScriptLoader([])).toEqual([]);
  });
});

describe('startWorker', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-worker-'));
  const entry = path.join(dir, 'echo-worker.mjs');
  fs.writeFileSync(
    entry,
    "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage(workerData);\n",
  );
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const echo = (worker: Worker) =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });

  it('starts a built entry without the loader', async () => {
    const worker = startWorker(entry, 'hola', [
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
    ]);
    await expect(echo(worker)).resolves.toBe('hola');
  });

  it('still starts when a flag left is one a thread refuses', async () => {
    const worker = startWorker(entry, 'chao', [
      '--expose-gc',
      '--import',
      'file:///app/node_modules/tsx/dist/loader.mjs',
    ]);
    await expect(echo(worker)).resolves.toBe('chao');
  });
});
