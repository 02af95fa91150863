/**
 * The packaging check: electron-builder's directory target, run offline against a stand-in
 * Electron distribution, must produce an app archive with what the app needs to start (the
 * built bundles, the migrations, the encrypting SQLite module's native binding) and nothing it
 * must not ship
 * (demo data or demo agents, devDependencies, source maps, sources, tests).
 */
import asar from '@electron/asar';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/built-app';
import { packageApp, productionClosure, type PackagedApp } from '../support/packaging';

let packaged: PackagedApp;
let files: string[] = [];
let archive = '';

/** Paths inside app.asar, without the leading slash, with forward slashes. */
const inArchive = () => files.map((file) => file.replace(/\\/g, '/').replace(/^\//, ''));

beforeAll(() => {
  packaged = packageApp();
  archive = path.join(packaged.resources, 'app.asar');
  files = asar.listPackage(archive, { isPack: false });
}, 120_000);

afterAll(() => {
  if (packaged) fs.rmSync(packaged.work, { recursive: true, force: true });
});

const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });

describe('the packaged app', () => {
  it('holds the built main, preload and renderer', () => {
    const paths = inArchive();
    for (const file of [
      'package.json',
      'out/main/index.js',
      // The worker thread that builds a snapshot's indexes (src/storage/db/index-worker.ts).
      'out/main/index-worker.js',
      // The worker thread that applies a large bulk load (src/main/bulk/apply-worker.ts).
      'out/main/bulk-apply-worker.js',
      // The one that reads a large bulk preview's members (src/main/bulk/members-worker.ts).
      'out/main/bulk-members-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(paths).toContain(file);
    }
    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as {
      main: string;
      devDependencies?: unknown;
      scripts?: unknown;
    };
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest.devDependencies).toBeUndefined();
  });

  it('ships every migration beside the archive', () => {
    const source = walk(path.join(ROOT, 'src/storage/db/migrations')).map((file) =>
      path.relative(path.join(ROOT, 'src/storage/db/migrations'), file),
    );
    const shipped = walk(path.join(packaged.resources, 'migrations')).map((file) =>
      path.relative(path.join(packaged.resources, 'migrations'), file),
    );
    expect(source.length).toBeGreaterThan(1);
    expect(shipped.sort()).toEqual(source.sort());
  });

  it('ships better-sqlite3-multiple-ciphers with its native binding unpacked from the archive', () => {
    const unpacked = path.join(packaged.resources, 'app.asar.unpacked/node_modules');
    const binding = path.join(
      unpacked,
      'better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    );
    expect(fs.existsSync(binding)).toBe(true);
    // The encrypting build replaces plain better-sqlite3: one SQLite in the app, not two.
    expect(fs.existsSync(path.join(unpacked, 'better-sqlite3'))).toBe(false);
    expect(inArchive().filter((file) => file.startsWith('node_modules/better-sqlite3/'))).toEqual(
      [],
    );
    expect(
      inArchive().filter((file) =>
        /^node_modules\/better-sqlite3-multiple-ciphers\/(deps|src)\//.test(file),
      ),
    ).toEqual([]);
  });

  it('starts from what it ships: every module the built main imports loads from the archive alone', () => {
    // The archive and its unpacked part, laid out as the installed app reads them, far from the
    // project's node_modules (the repository's own copies must not stand in for missing ones).
    const app = path.join(packaged.work, 'installed');
    asar.extractAll(archive, app);
    fs.cpSync(path.join(packaged.resources, 'app.asar.unpacked'), app, { recursive: true });
    const main = path.join(app, 'out/main');
    const bundles = walk(main).filter((file) => file.endsWith('.js'));
    const outside = new Set<string>();
    for (const bundle of bundles) {
      const code = fs.readFileSync(bundle, 'utf8');
      // Static imports head the bundle, one a line; dynamic ones are `import("…")` calls.
      const statics = code.matchAll(/^(?:import|export)\b[^;]*?["']([^"'./][^"']*)["'];?$/gm);
      const dynamics = code.matchAll(/\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g);
      for (const [, name] of [...statics, ...dynamics]) {
        if (!name!.startsWith('node:') && name !== 'electron') outside.add(name!);
      }
    }
    expect(outside).toContain('better-sqlite3-multiple-ciphers');
    // Each outside module is loaded (its own imports with it), and each shared chunk too; a module
    // that needs Electron's runtime to load (the updater) is only resolved.
    const check = path.join(main, 'check-imports.mjs');
    fs.writeFileSync(
      check,
      `const failed = [];
for (const name of ${JSON.stringify([...outside])}) {
  try { name === 'electron-updater' ? import.meta.resolve(name) : await import(name); }
  catch (error) { failed.push(name + ': ' + error.message); }
}
for (const chunk of ${JSON.stringify(
        bundles.filter((file) => file.includes(`${path.sep}chunks${path.sep}`)),
      )}) {
  try { await import(new URL('file://' + chunk).href); }
  catch (error) { failed.push(chunk + ': ' + error.message); }
}
console.log(JSON.stringify(failed));`,
    );
    const output = execFileSync(process.execPath, [check], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual([]);
  });

  it('ships no demo data and no demo agents', () => {
    const main = asar.extractFile(archive, 'out/main/index.js').toString();
    // The demo cast's public passwords and the demo seed's markers.
    for (const marker of ['agente600', 'super600', 'preven600', 'CAST_AGENTS', 'CAST_PERSONS']) {
      expect(main).not.toContain(marker);
    }
    expect(main).toContain('Esta versión no incluye datos de demostración.');
    const everything = [...inArchive(), ...walk(packaged.resources)];
    expect(everything.filter((file) => /\.(db|sqlite|db-wal)$/i.test(file))).toEqual([]);
  });

  it('ships no devDependencies: every module is reached from the production dependencies', () => {
    const modules = new Set(
      inArchive()
        .map((file) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    const closure = productionClosure();
    expect([...modules].filter((name) => !closure.has(name))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const devOnly = Object.keys(manifest.devDependencies).filter((name) => !closure.has(name));
    expect(devOnly.filter((name) => modules.has(name))).toEqual([]);
    for (const name of [
      'better-sqlite3-multiple-ciphers',
      'drizzle-orm',
      'zod',
      'electron-updater',
    ]) {
      expect(modules).toContain(name);
    }
  });

  it('ships no source maps, sources, tests or tooling', () => {
    const paths = [...inArchive(), ...walk(packaged.resources).map((f) => f.replace(/\\/g, '/'))];
    expect(paths.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(
      paths.filter((file) => /^(src|test|bench|scripts|\.github|resources)\//.test(file)),
    ).toEqual([]);
    expect(paths.filter((file) => /^out\/.*\.tsx?$/.test(file))).toEqual([]);
  });
});
