/**
 * Test context: real SQLite files in a fresh temporary data directory, a fixed clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../src/main/core';

export const FIXED_NOW = new Date('2026-11-21T15:00:00.000Z');

const cleanups: Array<() => void> = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A core over a fresh data directory seeded with `persons` demo persons. */
export function seededCore(persons = 3000, now: Date = FIXED_NOW): Core {
  const core = createCore({
    dataDir: tempDir(),
    door: 'web',
    version: 'test',
    demoPersons: persons,
    now: () => now,
    log: () => {},
  });
  cleanups.unshift(() => core.close());
  return core;
}
