/**
 * `npm run seed -- --persons N --data-dir D [--replace]`: builds a demo replica of N persons in
 * D, with a progress bar. Refuses to overwrite an existing replica unless told to. Resumable:
 * killed midway, the same command continues where it stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../core';
import { formatNumber } from '../../shared/format';
import { createDemoDatabase } from '../../storage/seed/seed-database';
import { log } from '../../storage/log';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    'data-dir': { type: 'string', default: '.data/web' },
    seed: { type: 'string' },
    replace: { type: 'boolean', default: false },
  },
});

const persons = Number(values.persons);
if (!Number.isInteger(persons) || persons < 1 || persons > 10_000_000) {
  log.error(
    `--persons debe ser un número entero entre 1 y 10.000.000 (se recibió «${values.persons}»).`,
  );
  process.exit(2);
}
const dataDir = path.resolve(values['data-dir']);
const file = path.join(dataDir, DATABASE_FILE);
fs.mkdirSync(dataDir, { recursive: true });
if (fs.existsSync(file)) {
  if (!values.replace) {
    log.error(
      `Ya existe una réplica en ${file}. Use --replace para reemplazarla o elija otro --data-dir.`,
    );
    process.exit(2);
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

// A seed killed midway left its partial file: the same --persons and --seed continue it.
if (fs.existsSync(`${file}.partial`)) {
  log.error('Hay una siembra interrumpida en esta carpeta: se retoma donde quedó.');
}
const width = 30;
const summary = createDemoDatabase({
  file,
  persons,
  seed: values.seed === undefined ? undefined : Number(values.seed),
  onProgress: (done, total) => {
    if (!process.stderr.isTTY) return;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${formatNumber(done)} / ${formatNumber(total)} personas`,
    );
  },
});
if (process.stderr.isTTY) process.stderr.write('\n');
log.out(
  `Réplica de demostración lista: ${formatNumber(summary.persons)} personas, ${formatNumber(summary.companies)} empresas en ${summary.seconds.toFixed(1)} s → ${file}`,
);
