// Prepares the replica's SQLite module (better-sqlite3-multiple-ciphers: better-sqlite3 with
// encryption) for the desktop app. node_modules/ keeps the build for Node (tests, web door,
// benchmarks); Electron needs the same module built for its own ABI, so a copy is built into
// node_modules/.cache/electron-sqlite/<electron version>/<module>/ and src/main/index.ts loads it
// from there. Runs before `npm start` and `npm run dev`; a no-op once built for this version.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = require('electron/package.json').version;
const MODULE = 'better-sqlite3-multiple-ciphers';
const moduleVersion = require(`${MODULE}/package.json`).version;
const cacheDir = path.join(root, 'node_modules/.cache/electron-sqlite');
const target = path.join(cacheDir, electronVersion, MODULE, 'better_sqlite3.node');
// Which version of the module the cached binary was built from: an upgrade rebuilds it.
const stamp = path.join(path.dirname(target), 'version.txt');

function fail(message) {
  console.error(
    `\n${message}\n\nMientras tanto, la aplicación completa funciona en el navegador: npm run start:web\n`,
  );
  process.exit(1);
}

function alreadyBuilt() {
  try {
    return fs.existsSync(target) && fs.readFileSync(stamp, 'utf8') === moduleVersion;
  } catch {
    return false;
  }
}

if (alreadyBuilt()) process.exit(0);

try {
  // The package's main export is the path of the downloaded Electron binary.
  const binary = require('electron');
  if (typeof binary !== 'string' || !fs.existsSync(binary)) throw new Error('missing');
} catch {
  fail(
    'Falta el ejecutable de Electron (su descarga se omitió o falló).\n' +
      'Reinstálelo con: npm rebuild electron   (sin ELECTRON_SKIP_BINARY_DOWNLOAD)',
  );
}

const source = path.dirname(require.resolve(`${MODULE}/package.json`));
const work = path.join(cacheDir, `build-${electronVersion}`);
fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(source, work, {
  recursive: true,
  filter: (file) =>
    !file.includes(`${path.sep}build${path.sep}`) && !file.endsWith(`${path.sep}build`),
});

// A user-level `nodedir` (set on some machines) would make node-gyp build against Node's
// headers instead of Electron's.
const env = { ...process.env };
for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];
const run = (args) => execFileSync(process.execPath, args, { cwd: work, stdio: 'inherit', env });

console.log(
  `Preparando ${MODULE} ${moduleVersion} para Electron ${electronVersion} (solo la primera vez)…`,
);
try {
  // A prebuilt binary when the project publishes one for this Electron; else compile (≈1 min).
  run([
    require.resolve('prebuild-install/bin.js'),
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
  ]);
} catch {
  try {
    run([
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  } catch {
    fail(
      `No se pudo compilar ${MODULE} para Electron. Revise que tenga las herramientas de\n` +
        'compilación (Windows: Visual Studio Build Tools; macOS: xcode-select --install) y conexión\n' +
        'para descargar los encabezados de Electron.',
    );
  }
}

fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
fs.writeFileSync(stamp, moduleVersion);
fs.rmSync(work, { recursive: true, force: true });
console.log(`${MODULE} para Electron listo: ${path.relative(root, target)}`);
