import { defineConfig } from '@playwright/test';

// The real Electron app (test/electron), where its binary could be downloaded: CI.
export default defineConfig({
  testDir: 'test/electron',
  timeout: 180_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
