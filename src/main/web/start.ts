/**
 * `npm run start:web -- --port P --data-dir D`: runs the whole app in any browser on this
 * machine. Prints one JSON line `{"ready":true,"url":…}` when it accepts requests.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, DEFAULT_DEMO_PERSONS } from '../core';
import { startWebDoor } from './server';
import { log } from '../../storage/log';

const USAGE = `Uso: node --import tsx src/main/web/start.ts [opciones]
  --port N             puerto en 127.0.0.1 (5180; 0 elige uno libre)
  --data-dir D         carpeta de datos del equipo (.data/web)
  --demo-persons N     personas de la base de demostración (${DEFAULT_DEMO_PERSONS})
  --renderer-dir D     la interfaz compilada (out/renderer)
  --token T            la clave de un solo uso de la URL (una al azar si falta)
  --central URL        el sistema central con que sincroniza (p. ej. de npm run central)
  --help               esta ayuda`;

function readOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '5180' },
        'data-dir': { type: 'string', default: '.data/web' },
        'demo-persons': { type: 'string', default: String(DEFAULT_DEMO_PERSONS) },
        'renderer-dir': { type: 'string', default: 'out/renderer' },
        token: { type: 'string' },
        /** The central API to sync with (e.g. from `npm run central`). */
        central: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    // An unknown or incomplete option: said in words, with the usage, not as a stack trace.
    log.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = readOptions();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const port = Number(values.port);
const demoPersons = Number(values['demo-persons']);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.error(`Puerto inválido: ${values.port}. Use un número entre 0 y 65535.`);
  process.exit(2);
}
if (!Number.isInteger(demoPersons) || demoPersons < 0) {
  log.error(`Cantidad de personas inválida: ${values['demo-persons']}.`);
  process.exit(2);
}

const dataDir = path.resolve(values['data-dir']);
const core = createCore({
  dataDir,
  door: 'web',
  version: process.env['npm_package_version'] ?? '0.1.0',
  demoPersons,
  centralUrl: values.central,
});
let door: Awaited<ReturnType<typeof startWebDoor>>;
try {
  door = await startWebDoor({
    dispatch: core.dispatch,
    download: core.download,
    rendererDir: values['renderer-dir'],
    port,
    token: values.token,
  });
} catch (error) {
  // A port already taken (another door, the helper of a test): said in words, not as a stack.
  const code = (error as { code?: string }).code;
  log.error(
    code === 'EADDRINUSE'
      ? `El puerto ${port} ya está en uso en 127.0.0.1: cierre lo que lo ocupa o elija otro con --port (0 elige uno libre).`
      : `No se pudo abrir la Mesa de Ayuda (web): ${error instanceof Error ? error.message : String(error)}`,
  );
  core.close();
  process.exit(1);
}

log.out(JSON.stringify({ ready: true, url: door.url, port: door.port, dataDir }));
log.error(`Mesa de Ayuda (web) en ${door.url}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // However the door closes, the replica is closed and the process ends.
  void door
    .close()
    .catch((error: unknown) => log.error('the web door did not close cleanly', error))
    .then(() => {
      core.close();
      process.exit(0);
    });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
