// Prepares better-sqlite3 for the desktop app. node_modules/better-sqlite3 stays built for Node
// (tests, web door, benchmarks); Electron needs the same module built for its own ABI, so a copy
// is built into node_modules/.cache/electron-sqlite/<electron version>/ and src/main/index.ts
// loads it from there. Runs before `npm start` and `npm run dev`; a no-op once built.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = require('electron/package.json').version;
const cacheDir = path.join(root, 'node_modules/.cache/electron-sqlite');
const target = path.join(cacheDir, electronVersion, 'better_sqlite3.node');

function fail(message) {
  console.error(
    `\n${message}\n\nMientras tanto, la aplicación completa funciona en el navegador: npm run start:web\n`,
  );
  process.exit(1);
}

if (fs.existsSync(target)) process.exit(0);

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

const source = path.dirname(require.resolve('better-sqlite3/package.json'));
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

console.log(`Preparando better-sqlite3 para Electron ${electronVersion} (solo la primera vez)…`);
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
      'No se pudo compilar better-sqlite3 para Electron. Revise que tenga las herramientas de\n' +
        'compilación (Windows: Visual Studio Build Tools; macOS: xcode-select --install) y conexión\n' +
        'para descargar los encabezados de Electron.',
    );
  }
}

fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
fs.rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 para Electron listo: ${path.relative(root, target)}`);
