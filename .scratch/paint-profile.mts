// Profiles the Panel's first and a warm paint in Chromium on a reused bench replica.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config';
import { createCore } from '../src/main/core';
import { startWebDoor } from '../src/main/web/server';

const dataDir = process.argv[2]!;
const core = createCore({ dataDir, door: 'web', version: 'bench', demoPersons: 0 });
const signed = core.dispatchNow('auth.signIn', { username: 'supervisora', password: 'super600' });
if (!signed.ok) throw new Error('sign-in');
const door = await startWebDoor({ dispatch: core.dispatch, rendererDir: 'out/renderer', port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(door.url);
await page.getByRole('button', { name: 'Búsqueda', exact: true }).waitFor();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

async function timed(label: string) {
  return page.evaluate(`new Promise((resolve) => {
    const painted = () => {
      const figures = [...document.querySelectorAll('figure[data-chart]')];
      return figures.length === 8 &&
        !document.querySelector('.dashboard [role="progressbar"]') &&
        figures.every((f) => f.querySelector('.chart-empty, .recharts-bar-rectangle, .sync-tiles'));
    };
    const marks = {};
    const began = performance.now();
    [...document.querySelectorAll('button.tab')].find((b) => b.textContent === ${JSON.stringify(label)}).click();
    const check = () => {
      if (!marks.figs && document.querySelectorAll('figure[data-chart]').length) marks.figs = performance.now() - began;
      if (painted()) requestAnimationFrame(() => resolve({ total: performance.now() - began, ...marks }));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

for (let run = 0; run < 3; run++) {
  await page.getByRole('button', { name: 'Búsqueda', exact: true }).click();
  await page.waitForTimeout(300);
  await cdp.send('Profiler.start');
  const t = await timed('Panel');
  const { profile } = (await cdp.send('Profiler.stop')) as any;
  // self time per function
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas as number[];
  profile.samples.forEach((id: number, i: number) => {
    const n: any = byId.get(id);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anon)'} ${path.basename(cf.url)}:${cf.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18);
  console.log(`run ${run}`, JSON.stringify(t));
  for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
  fs.writeFileSync(`/tmp/panel-profile-${run}.cpuprofile`, JSON.stringify(profile));
}
await browser.close();
await door.close();
core.close();
