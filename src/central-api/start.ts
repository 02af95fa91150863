/**
 * `npm run central -- --port P --data-dir D [--demo-persons N] [--smtp-host H --smtp-port N]
 * [--reset-epoch] [--access-ttl-seconds S] [--min-client-version V]`
 *
 * Runs the central API on 127.0.0.1. A brand-new data folder receives the demo dataset; an
 * existing `central.db` is only migrated, never wiped. Prints one JSON line
 * `{"ready":true,"url":…,"port":…,"epoch":…,"dataDir":…}` once it accepts requests, and stops
 * cleanly on SIGINT/SIGTERM. `--reset-epoch` is for an operator who has just restored a backup:
 * every device then resyncs instead of trusting cursors the restored data no longer matches.
 *
 * `npm run central -- --data-dir D --revoke-device ID [--reason R]` (issue 11) revokes a device
 * in that database and exits, whether or not the server is running: its sessions end at once,
 * and at its next contact the desk wipes its replica, keeping its unsent actions in a file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseVersion } from '../shared/version';
import { DEFAULT_DEMO_PERSONS } from './database';
import { startCentralApi, DEFAULT_MIN_CLIENT_VERSION } from './server';
import { revokeFromCommandLine } from './revoke-device-cli';
import { log } from '../storage/log';

const USAGE =
  'Uso: npm run central -- --port P --data-dir D [--demo-persons N] [--smtp-host H --smtp-port N] [--reset-epoch] [--access-ttl-seconds S] [--min-client-version V] [--portal-key K]\n' +
  '     npm run central -- --data-dir D --revoke-device ID [--reason R]';

function fail(message: string): never {
  log.error(message);
  log.error(USAGE);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'demo-persons': { type: 'string', default: String(DEFAULT_DEMO_PERSONS) },
      'smtp-host': { type: 'string' },
      'smtp-port': { type: 'string' },
      'reset-epoch': { type: 'boolean', default: false },
      'access-ttl-seconds': { type: 'string' },
      'min-client-version': { type: 'string', default: DEFAULT_MIN_CLIENT_VERSION },
      'portal-key': { type: 'string' },
      'revoke-device': { type: 'string' },
      reason: { type: 'string' },
    },
  }));
} catch (error) {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? '';
  fail(
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `Opción desconocida: ${option}.`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `Falta el valor de ${option} o no corresponde a esa opción.`
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? 'Argumento inesperado: todas las opciones van con su nombre (--port, --data-dir, …).'
          : 'Argumentos inválidos.',
  );
}

const integer = (text: string | boolean | undefined): number | null =>
  typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text) : null;

// Issue 11: revoke a device and exit.
if (values['revoke-device'] !== undefined) {
  if (typeof values['data-dir'] !== 'string' || values['data-dir'].trim() === '') {
    fail('Falta --data-dir: la carpeta donde está central.db.');
  }
  const outcome = revokeFromCommandLine(
    path.resolve(values['data-dir']),
    String(values['revoke-device']),
    typeof values['reason'] === 'string' ? values['reason'] : null,
  );
  if (!outcome.ok) {
    log.error(outcome.message);
    process.exit(1);
  }
  // The answer for a script, whole: a device id and who revoked it, no personal data (the masking
  // logger could take a UUID's all-digit group for a RUT).
  process.stdout.write(`${JSON.stringify(outcome.revoked)}\n`);
  process.exit(0);
}

if (values['port'] === undefined) fail('Falta --port (use 0 para un puerto libre).');
const port = integer(values['port']);
if (port === null || port > 65535) {
  fail(`Puerto inválido: ${String(values['port'])}. Use un número entre 0 y 65535.`);
}
if (typeof values['data-dir'] !== 'string' || values['data-dir'].trim() === '') {
  fail('Falta --data-dir: la carpeta donde se guarda central.db.');
}
const demoPersons = integer(values['demo-persons']);
if (demoPersons === null) {
  fail(`Cantidad de personas inválida: ${String(values['demo-persons'])}. Use un entero ≥ 0.`);
}
const smtpHost = values['smtp-host'];
const smtpPortText = values['smtp-port'];
if ((smtpHost === undefined) !== (smtpPortText === undefined)) {
  fail('--smtp-host y --smtp-port van juntos: indique ambos o ninguno.');
}
let mail: { host: string; port: number } | undefined;
if (typeof smtpHost === 'string') {
  const smtpPort = integer(smtpPortText);
  if (smtpHost.trim() === '') fail('--smtp-host no puede estar vacío.');
  if (smtpPort === null || smtpPort < 1 || smtpPort > 65535) {
    fail(`Puerto SMTP inválido: ${String(smtpPortText)}. Use un número entre 1 y 65535.`);
  }
  mail = { host: smtpHost, port: smtpPort };
}
let accessTtlMs: number | undefined;
if (values['access-ttl-seconds'] !== undefined) {
  const seconds = integer(values['access-ttl-seconds']);
  if (seconds === null || seconds < 1) {
    fail(
      `Duración de acceso inválida: ${String(values['access-ttl-seconds'])}. Use segundos (entero ≥ 1).`,
    );
  }
  accessTtlMs = seconds * 1000;
}
const minClientVersion = String(values['min-client-version']);
if (!parseVersion(minClientVersion)) {
  fail(`Versión mínima inválida: ${minClientVersion}. Use semver, por ejemplo 0.1.0.`);
}

const dataDir = path.resolve(values['data-dir']);
let api;
try {
  api = await startCentralApi({
    dataDir,
    port,
    demoPersons,
    mail,
    accessTtlMs,
    minClientVersion,
    resetEpoch: values['reset-epoch'] === true,
    // The portals' key for their events (an agreement signed); without one that route is off.
    portalKey:
      typeof values['portal-key'] === 'string'
        ? values['portal-key']
        : process.env['MESA_PORTAL_KEY'] || undefined,
  });
} catch (error) {
  const code = (error as { code?: string }).code;
  log.error(
    code === 'EADDRINUSE'
      ? `El puerto ${port} ya está en uso.`
      : `No se pudo iniciar la API central: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}

log.out(JSON.stringify({ ready: true, url: api.url, port: api.port, epoch: api.epoch, dataDir }));
log.error(
  `API central en ${api.url} (época ${api.epoch}; correo: ${mail ? `SMTP ${mail.host}:${mail.port}` : 'carpeta mail-sink'})`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void api.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('Error al detener la API central', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
