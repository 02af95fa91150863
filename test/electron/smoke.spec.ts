/**
 * The real desktop app, where an Electron binary exists (CI on Linux, Windows and macOS):
 * launched from the build on a fresh user-data folder, an agent signs in, finds a RUT, opens
 * the record, and quits; the renderer has no Node and sees exactly the contract's channels.
 * `npm run test:electron` (needs `node scripts/electron-native.mjs`, which it runs first).
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { channelNames } from '../../src/shared/channels';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PEDRO = 'Pedro Andrés González Muñoz';

test('starts, signs in, finds a RUT, opens the record, and quits cleanly', async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-electron-'));
  const app = await electron.launch({
    cwd: ROOT,
    // Linux CI runners forbid the unprivileged namespaces Chromium's sandbox needs.
    args: [ROOT, ...(process.platform === 'linux' && process.env['CI'] ? ['--no-sandbox'] : [])],
    env: {
      ...process.env,
      MESA_USER_DATA_DIR: userData,
      // Demo data on this machine only, no reference central API beside it.
      MESA_DEMO_CENTRAL: '0',
      // Linux CI runners have no OS keychain (safeStorage falls back to basic_text, which the app
      // refuses): the replica key is handed over the way IT would there.
      ...(process.platform === 'linux' && process.env['CI']
        ? { MESA_REPLICA_KEY: randomBytes(32).toString('hex') }
        : {}),
    } as Record<string, string>,
    timeout: 120_000,
  });
  try {
    const page = await app.firstWindow();
    await page.getByLabel('Usuario').fill('agente');
    await page.getByLabel('Contraseña').fill('agente600');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByText(/20\.000 personas/)).toBeVisible({ timeout: 60_000 });

    const search = page.getByRole('combobox', { name: 'Buscar' });
    await search.fill('12.345.678-5');
    await expect(
      page.getByRole('listbox', { name: 'Resultados' }).getByRole('option').first(),
    ).toContainText(PEDRO);
    await search.press('Enter');
    await expect(
      page.getByRole('region', { name: 'Ficha' }).getByRole('heading', { level: 1 }),
    ).toHaveText(PEDRO);

    const renderer = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys((window as unknown as { api: object }).api).sort(),
    }));
    expect(renderer).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: [...channelNames].sort(),
    });
  } finally {
    await app.close();
  }
  expect(fs.existsSync(path.join(userData, 'data', 'mesa-de-ayuda.db'))).toBe(true);
  expect(fs.existsSync(path.join(userData, 'data', 'mesa-de-ayuda.db-wal'))).toBe(false);
  fs.rmSync(userData, { recursive: true, force: true });
});
