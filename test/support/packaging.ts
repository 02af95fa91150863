/**
 * Runs electron-builder's `dir` target offline, against a stand-in Electron distribution, on
 * the installer build (`electron-vite build --mode package`). electron-builder packs `out/**`
 * of the project (electron-builder.yml), so the build goes to the shared out/ folder; under
 * the e2e lock where `flock` exists (this tree is shared; CI machines have no concurrent build).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './built-app';

/** The files electron-builder needs from an unpacked Linux Electron: an executable and friends. */
function fakeElectronDist(dir: string, version: string): void {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  fs.writeFileSync(path.join(dir, 'locales', 'es.pak'), '');
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
}

export type PackagedApp = { work: string; appOutDir: string; resources: string; log: string };

export function packageApp(): PackagedApp {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-package-'));
  const electronVersion = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
  ).version as string;
  const dist = path.join(work, 'electron-dist');
  fakeElectronDist(dist, electronVersion);
  const output = path.join(work, 'release');
  const vite = [
    path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
    'build',
    '--mode',
    'package',
    '--logLevel',
    'warn',
  ];
  // npmRebuild off: rebuilding better-sqlite3-multiple-ciphers for Electron downloads Electron's headers, which
  // a machine without network cannot; `npm run dist` keeps it on (electron-builder.yml).
  const builder = [
    path.join(ROOT, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${dist}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ];
  const env = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  const options = { cwd: ROOT, env, encoding: 'utf8' as const };
  const flock = ['/usr/bin/flock', '/bin/flock'].find((file) => fs.existsSync(file));
  let log: string;
  if (flock) {
    const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
    const line = (args: string[]) => [process.execPath, ...args].map(quote).join(' ');
    const script = `${line(vite)} && ${line(builder)}`;
    log = execFileSync(flock, ['/tmp/e2e.lock', 'sh', '-c', script], options);
  } else {
    log =
      execFileSync(process.execPath, vite, options) +
      execFileSync(process.execPath, builder, options);
  }
  const appOutDir = path.join(output, 'linux-unpacked');
  return { work, appOutDir, resources: path.join(appOutDir, 'resources'), log };
}

/** Every package the production dependencies reach (hoisted layout, nested copies included). */
export function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    let dir = from;
    let manifest: string;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(candidate)) {
        manifest = candidate;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return;
      dir = parent;
    }
    const key = `${name}@${manifest}`;
    if (seen.has(key)) return;
    seen.add(key);
    const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...json.dependencies, ...json.optionalDependencies })) {
      visit(dep, path.dirname(manifest));
    }
  };
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const dep of Object.keys(root.dependencies)) visit(dep, ROOT);
  return new Set([...seen].map((key) => key.slice(0, key.indexOf('@', 1))));
}
