/**
 * `npm run start:web -- --port P --data-dir D`: runs the whole app in any browser on this
 * machine. Prints one JSON line `{"ready":true,"url":…}` when it accepts requests.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, DEFAULT_DEMO_PERSONS } from '../core';
import { startWebDoor } from './server';
import { log } from '../../storage/log';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    'data-dir': { type: 'string', default: '.data/web' },
    'demo-persons': { type: 'string', default: String(DEFAULT_DEMO_PERSONS) },
    'renderer-dir': { type: 'string', default: 'out/renderer' },
    token: { type: 'string' },
    /** The central API to sync with (e.g. from `npm run central`). */
    central: { type: 'string' },
  },
});

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
const door = await startWebDoor({
  dispatch: core.dispatch,
  download: core.download,
  rendererDir: values['renderer-dir'],
  port,
  token: values.token,
});

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
