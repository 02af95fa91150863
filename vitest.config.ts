import os from 'node:os';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: a single one on a 2-core machine. Many
    // files here spend their time waiting on child processes, loopback servers and fsyncs, so
    // more forks than cores keep both cores busy. On a 2-core CI machine, from a clean checkout:
    // one fork 9 min, two 6.6 min, three 5.8 min.
    maxWorkers: Math.max(3, os.availableParallelism()),
    testTimeout: 30_000,
    // The minute-long files first, so the forks finish together (see the sequencer).
    sequence: { sequencer: SlowFirstSequencer },
  },
});
