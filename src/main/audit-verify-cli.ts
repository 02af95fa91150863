/**
 * `npm run audit:verify -- --data-dir D`: walks the audit log's hash chain and names the first
 * broken event, then checks the chain against the heads the central API anchored (issue 10):
 * a file rewritten and rehashed is caught there. Exit code 0 when the chain is whole and agrees
 * with its anchors (or has none yet, which it says), 1 when it is broken or disagrees, 2 on bad
 * usage or an unreadable replica.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from './core';
import { openDatabase } from '../storage/db/database';
import { isPlainSqliteFile } from './db/open-replica';
import { defaultKeyStore, REPLICA_KEY_ENV } from './db/replica-key';
import { anchorReportText } from '../shared/messages';
import { verifyAnchoredChain } from './services/audit-log';
import type { AnchoredChainReport } from '../shared/contract';
import { createAuditRepository } from './repositories/audit-repository';
import { log } from '../storage/log';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: '.data/web' } } });
const file = path.join(path.resolve(values['data-dir']), DATABASE_FILE);
if (!fs.existsSync(file)) {
  log.error(`No hay una réplica en ${file}. Indique la carpeta con --data-dir.`);
  process.exit(2);
}
// The replica is encrypted: its key comes from MESA_REPLICA_KEY or the folder's key file (the
// desktop app's is wrapped by the OS keychain, which only the app can open).
let key: Buffer | null = null;
if (!isPlainSqliteFile(file)) {
  try {
    key = defaultKeyStore(path.dirname(file)).load();
  } catch {
    key = null;
  }
  if (!key) {
    log.error(
      `La réplica está cifrada y no se encontró su llave. Entréguela en ${REPLICA_KEY_ENV} (64 caracteres hexadecimales).`,
    );
    process.exit(2);
  }
}
const db = openDatabase({ file, ...(key ? { key } : {}) });
let report: AnchoredChainReport;
try {
  report = verifyAnchoredChain(db.$client, createAuditRepository(db.$client));
} catch (error) {
  // A damaged file, or a replica too old for anchors: said plainly, never a stack trace.
  log.error(
    `No se pudo leer la auditoría de ${file}: ${error instanceof Error ? error.message : String(error)}`,
  );
  db.$client.close();
  process.exit(2);
}
db.$client.close();
if (report.ok) {
  log.out(`Cadena de auditoría íntegra: ${report.checked} eventos verificados.`);
} else {
  const { seq, id, problem } = report.firstBroken;
  const what =
    problem === 'link_broken'
      ? 'no enlaza con el anterior (falta o se reordenó un evento)'
      : 'fue modificado';
  log.out(
    `Cadena de auditoría ROTA en el evento #${seq} (${id}): ${what}. ${report.checked} eventos anteriores están íntegros.`,
  );
  process.exitCode = 1;
}
// Audit chain anchoring (issue 10): the chain against the heads the central API anchored.
log.out(anchorReportText(report.anchor));
if (report.anchor.state === 'disagrees') process.exitCode = 1;
