import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright cannot download its browsers on every machine: use Debian's Chromium where it
// is installed, Playwright's own browser elsewhere.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'test/e2e',
  // The web door and the central API bundled once for the run (test/e2e/global-setup.ts).
  globalSetup: './test/e2e/global-setup.ts',
  // A whole flow (sign-in, several screens, the worker threads behind them) on two cores with
  // two workers: 30 s left the slower flows a second or two short on a busy machine.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  workers: 2,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 820 },
    launchOptions: fs.existsSync(DEBIAN_CHROMIUM)
      ? { executablePath: DEBIAN_CHROMIUM, args: chromiumArgs }
      : {},
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
