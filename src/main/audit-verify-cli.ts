/**
 * `npm run audit:verify -- --data-dir D`: walks the audit log's hash chain and names the first
 * broken event. Exit code 0 when the chain is whole, 1 when it is broken, 2 on bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from './core';
import { openDatabase } from './db/database';
import { verifyChain } from './domain/audit-chain';
import { createAuditRepository } from './repositories/audit-repository';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: '.data/web' } } });
const file = path.join(path.resolve(values['data-dir']), DATABASE_FILE);
if (!fs.existsSync(file)) {
  console.error(`No hay una réplica en ${file}. Indique la carpeta con --data-dir.`);
  process.exit(2);
}
const db = openDatabase({ file });
const report = verifyChain(createAuditRepository(db.$client).iterate());
db.$client.close();
if (report.ok) {
  console.log(`Cadena de auditoría íntegra: ${report.checked} eventos verificados.`);
} else {
  const { seq, id, problem } = report.firstBroken;
  const what =
    problem === 'link_broken'
      ? 'no enlaza con el anterior (falta o se reordenó un evento)'
      : 'fue modificado';
  console.log(
    `Cadena de auditoría ROTA en el evento #${seq} (${id}): ${what}. ${report.checked} eventos anteriores están íntegros.`,
  );
  process.exitCode = 1;
}
