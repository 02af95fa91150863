/**
 * `npm run bench:ui -- --data-dir D` (a replica made with `npm run seed`) or `--persons N`:
 * serves the app through the web door, drives Chromium, and measures keystroke → painted results
 * as the renderer itself measures it (the frame after the results commit). Reports, never
 * asserts. Prints one JSON object as its last line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config';
import { createCore, DATABASE_FILE } from '../src/main/core';
import { createDemoDatabase } from '../src/storage/seed/seed-database';
import { startWebDoor } from '../src/main/web/server';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    'data-dir': { type: 'string' },
    samples: { type: 'string', default: '15' },
  },
});
const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-bench-ui-'));
if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
  console.error(`Sembrando ${values.persons} personas en ${dataDir}…`);
  createDemoDatabase({ file: path.join(dataDir, DATABASE_FILE), persons: Number(values.persons) });
}
const core = createCore({ dataDir, door: 'web', version: 'bench', demoPersons: 0 });
const info = core.dispatchNow('app.info', {});
if (!info.ok) throw new Error(info.error.message);
const persons = (info.value as { persons: number }).persons;
// The web door serves one agent session; signing in here lets the page skip the form.
core.dispatchNow('auth.signIn', { username: 'agente', password: 'agente600' });
const door = await startWebDoor({ dispatch: core.dispatch, rendererDir: 'out/renderer', port: 0 });
const browser = await chromium.launch(
  fs.existsSync('/usr/bin/chromium')
    ? { executablePath: '/usr/bin/chromium', args: chromiumArgs }
    : {},
);
const page = await browser.newPage();
await page.goto(door.url);
const search = page.getByRole('combobox', { name: 'Buscar' });
await search.waitFor();

const samples = Number(values.samples);
const texts: Record<string, string[]> = {
  'rut-exact': ['12.345.678-5', '11.111.111-1', '9.876.543-3', '16.789.012-1'],
  'name-two-words': ['gonzalez ped', 'munoz sep', 'rojas mar', 'silva fra', 'soto cam'],
  'name-common-surname': ['gonzalez'],
};

async function keystroke(text: string): Promise<number> {
  await search.fill(text.slice(0, -1));
  const status = page.locator('footer.statusbar');
  // Settle the previous text, then time the last key alone.
  await page.waitForTimeout(50);
  const before = Number(await status.getAttribute('data-paint-seq'));
  await search.press(text.slice(-1));
  await page.waitForFunction(
    (seq) =>
      Number(document.querySelector('footer.statusbar')?.getAttribute('data-paint-seq')) > seq,
    before,
  );
  return Number(await status.getAttribute('data-paint-ms'));
}

const results = [];
for (const [name, list] of Object.entries(texts)) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await keystroke(list[i % list.length]!));
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  results.push({ name, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: times[times.length - 1] });
  console.error(`${name.padEnd(20)} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`);
}

await browser.close();
await door.close();
core.close();
if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ persons, keystrokeToPaint: results }));
