/**
 * The web door's command line: `--help` prints its options; an unknown one is said in words with
 * them, and exits 2 (no stack trace); a port already taken is said in words, and exits 1.
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/context';

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

  it('says a port already taken in words, and exits 1', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const busy = run(['--port', String(port), '--data-dir', tempDir(), '--demo-persons', '10']);
      expect(busy.status).toBe(1);
      expect(busy.stderr).toContain(`El puerto ${port} ya está en uso en 127.0.0.1`);
      expect(busy.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
