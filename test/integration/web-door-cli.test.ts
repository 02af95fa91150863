/**
 * The web door's command line: `--help` prints its options; an unknown one is said in words with
 * them, and exits 2 (no stack trace).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/main/web/start.ts', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('web door command line', () => {
  it('prints its options with --help, and refuses an unknown one in words', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Uso: .*start\.ts \[opciones\]/);
    expect(help.stdout).toMatch(/--demo-persons N/);

    const unknown = run(['--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
    expect(unknown.stderr).toMatch(/Uso: /);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
