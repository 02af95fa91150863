/**
 * A seed in its own process that kills itself (SIGKILL) once `killAt` persons are written:
 *   seed-child.ts <file> <persons> <seed> <nowIso> <killAt>
 * `killAt` equal to `persons` kills it after the last row, before indexes and full-text.
 */
import { createDemoDatabase } from '../../src/storage/seed/seed-database';

const [file, persons, seed, now, killAt] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
createDemoDatabase({
  file,
  persons: Number(persons),
  seed: Number(seed),
  now: new Date(now),
  onProgress: (done) => {
    if (done >= Number(killAt)) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without being killed\n');
