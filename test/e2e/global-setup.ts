/**
 * Playwright's global setup: the web door and the central API bundled into `out/e2e/` for this
 * run (test/support/node-bundle.ts: a start loads one file instead of compiling the sources
 * through tsx; the suite starts them a hundred-odd times).
 */
import path from 'node:path';
import { bundleNodeEntries } from '../support/node-bundle';
import { BUNDLE_DIR_ENV, BUNDLED_ENTRIES } from './entries';

export default async function globalSetup(): Promise<void> {
  const outdir = path.resolve('out/e2e');
  await bundleNodeEntries(
    outdir,
    Object.fromEntries(Object.entries(BUNDLED_ENTRIES).map(([source, name]) => [name, source])),
  );
  // Read by the fixtures in every worker (Playwright hands the setup's environment on).
  process.env[BUNDLE_DIR_ENV] = outdir;
}
