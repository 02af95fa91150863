/**
 * The Node entries the end-to-end tests start, and how: from the bundle global-setup.ts built
 * for this run when there is one, from source through tsx otherwise.
 */
import path from 'node:path';

/** Source entry → its bundle's name in `out/e2e/`. */
export const BUNDLED_ENTRIES: Record<string, string> = {
  'src/main/web/start.ts': 'web-door',
  'src/central-api/start.ts': 'central-api',
};

export const BUNDLE_DIR_ENV = 'MESA_E2E_BUNDLE_DIR';

/** The arguments to `node` that run `entry` (a source path) with `args`. */
export function nodeArgs(entry: string, args: string[]): string[] {
  const dir = process.env[BUNDLE_DIR_ENV];
  const bundle = BUNDLED_ENTRIES[entry];
  if (dir && bundle) return [path.join(dir, `${bundle}.mjs`), ...args];
  return ['--import', 'tsx', entry, ...args];
}
