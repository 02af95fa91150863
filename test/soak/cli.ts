/**
 * `npm run soak -- --kills 1000 [--minutes 60] [--persons 2000] [--seed N] [--keep DIR]`: the
 * soak of test/soak/soak.ts, bounded by kills and by time, on loopback only. Prints one JSON
 * line; exits 1 when anything was lost, doubled, out of order, or did not verify or converge.
 */
import { parseArgs } from 'node:util';
import { runSoak } from './soak';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '60' },
    persons: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    keep: { type: 'string' },
  },
});
const result = await runSoak({
  kills: Number(values.kills),
  maxMinutes: Number(values.minutes),
  persons: Number(values.persons),
  seed: values.seed === undefined ? undefined : Number(values.seed),
  workDir: values.keep,
  log: (line) => console.error(line),
});
console.log(JSON.stringify(result));
const clean =
  result.lost === 0 &&
  result.doubled === 0 &&
  result.outOfOrder === 0 &&
  result.mailsDoubled === 0 &&
  result.chainOk &&
  result.converged &&
  result.drained;
process.exit(clean ? 0 : 1);
