/**
 * The flags a built worker thread starts with (src/main/worker-thread.ts): the process's own,
 * less the TypeScript loader's, in each form Node accepts them.
 */
import { describe, expect, it } from 'vitest';
import { withoutTypeScriptLoader } from '../../src/main/worker-thread';

describe('withoutTypeScriptLoader', () => {
  it("drops tsx's preflight and loader, as `tsx` passes them", () => {
    expect(
      withoutTypeScriptLoader([
        '--require',
        '/work/main/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///work/main/node_modules/tsx/dist/loader.mjs',
        '--max-old-space-size=4096',
      ]),
    ).toEqual(['--max-old-space-size=4096']);
  });

  it('drops the `=` forms and Windows paths too', () => {
    expect(
      withoutTypeScriptLoader([
        '--import=file:///C:/app/node_modules/tsx/dist/loader.mjs',
        '-r',
        'C:\\app\\node_modules\\tsx\\dist\\preflight.cjs',
        '--cpu-prof',
      ]),
    ).toEqual(['--cpu-prof']);
  });

  it('keeps every other preloaded module, with its value', () => {
    const argv = [
      '--require',
      './instrument.cjs',
      '--import=./otel.mjs',
      '--cpu-prof-dir',
      '/tmp/p',
    ];
    expect(withoutTypeScriptLoader(argv)).toEqual(argv);
  });

  it('a flag last with no value is kept as it is', () => {
    expect(withoutTypeScriptLoader(['--require'])).toEqual(['--require']);
    expect(withoutTypeScriptLoader([])).toEqual([]);
  });
});
