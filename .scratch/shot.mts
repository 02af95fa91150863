// Screenshots of a screen at a size, through a demo web door: tsx .scratch/shot.mts <tab> <w> <h> <out>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config';
import { createCore } from '../src/main/core';
import { startWebDoor } from '../src/main/web/server';

const [tab, w, h, out] = process.argv.slice(2);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shot-'));
const core = createCore({ dataDir, door: 'web', version: 'shot', demoPersons: 2000 });
const door = await startWebDoor({ dispatch: core.dispatch, rendererDir: 'out/renderer', port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
await page.goto(door.url);
await page.getByLabel('Usuario').fill('supervisora');
await page.getByLabel('Contraseña').fill('super600');
await page.getByRole('button', { name: 'Ingresar' }).click();
await page.getByRole('combobox', { name: 'Buscar' }).fill('12.345.678-5');
await page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first().click();
await page.waitForTimeout(500);
if (process.env['EDIT']) {
  await page.getByRole('region', { name: 'Ficha' }).getByRole('button', { name: 'Editar contacto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Editar datos de contacto' });
  await dialog.getByLabel('Celular', { exact: true }).fill('+56 9 1111 2222');
  await dialog.getByLabel('Motivo').fill(process.env['EDIT']);
  await dialog.getByRole('button', { name: 'Guardar' }).click();
  await page.waitForTimeout(500);
}
await page.getByRole('button', { name: tab!, exact: true }).click();
await page.waitForTimeout(800);
if (tab === 'Auditoría') {
  await page.getByLabel(/Incluir consultas/).check();
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await page.waitForTimeout(800);
}
const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const wide = await page.evaluate(() =>
  [...document.querySelectorAll('table')].map((t) => {
    const r = t.getBoundingClientRect();
    const p = t.parentElement!.getBoundingClientRect();
    return { right: Math.round(r.right), parentRight: Math.round(p.right), w: Math.round(r.width) };
  }),
);
console.log(JSON.stringify({ overflow, wide }));
await page.screenshot({ path: out! });
await browser.close();
await door.close();
core.close();
