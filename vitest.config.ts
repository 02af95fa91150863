import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: a single one on a 2-core machine. Many
    // files here spend their time waiting on child processes, loopback servers and fsyncs, so a
    // fork per core (two at least) keeps both cores busy: 9 min → 6 min for the suite here.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 30_000,
  },
});
