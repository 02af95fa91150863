/**
 * Vitest's order, with the files that take most of a minute or more started first. On a clean
 * checkout (CI) Vitest has no timings yet and starts the largest files first; the soak, a small
 * file that runs for over a minute, then started last and ran alone while the other fork sat
 * idle. From a clean checkout here, with two forks: 7.1 min before, 6.6 min with this order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Longest first (seconds each took in a clean-checkout run here, December 2026). */
const SLOW_FIRST = [
  'integration/soak.test.ts', // ~75
  'integration/sync-trust.test.ts', // ~60
  'integration/sync-crash.test.ts', // ~50
  'integration/sync.test.ts', // ~40
  'integration/sync-reachability.test.ts', // ~28
  'unit/boot-app.test.ts', // ~24
  'integration/central-api.test.ts', // ~24
];

const rank = (file: TestSpecification): number => {
  const index = SLOW_FIRST.findIndex((name) => file.moduleId.endsWith(`/${name}`));
  return index === -1 ? SLOW_FIRST.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: the rest keep Vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
