/**
 * The built app for boot and packaging tests: `electron-vite build` into a folder of its own
 * (inside the project, so the bundle's imports resolve against node_modules), and a runner that
 * starts the built main bundle under Node with the recording stand-in for `electron`.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = path.join(ROOT, 'test/support/fake-electron/register.mjs');

/** Builds main, preload and renderer into node_modules/.cache/<name>/out; returns that folder. */
export function buildApp(name: string, mode?: string): string {
  // A fresh `npm ci` has no node_modules/.cache yet.
  const cache = path.join(ROOT, 'node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const base = fs.mkdtempSync(path.join(cache, `${name}-`));
  const out = path.join(base, 'out');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--outDir',
        out,
        '--logLevel',
        'warn',
        ...(mode ? ['--mode', mode] : []),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  } catch (error) {
    fs.rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return out;
}

export type BootReport = {
  scenario: string;
  sandboxEnabled: boolean;
  singleInstanceLockRequested: boolean;
  readyAt: string | null;
  windows: {
    options: {
      x?: number;
      y?: number;
      width?: number;
      height?: number;
      webPreferences?: Record<string, unknown>;
    };
    loadedUrl: string | null;
    shown: boolean;
  }[];
  ipcHandled: string[];
  ipcRemoved: string[];
  ipcAnswers: Record<string, unknown>;
  probes: Record<string, unknown>;
  permissionRequestHandler: boolean;
  applicationMenu: MenuItem[] | null;
  errorBoxes: { title: string; content: string }[];
  messageBoxes: { title?: string; message?: string; detail?: string }[];
  aboutPanel: Record<string, unknown> | null;
  exitCode: number | null;
  quitEvents: string[];
  focused: number;
  uncaught: string[];
  log: string[];
};
export type MenuItem = {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: boolean;
  submenu?: MenuItem[];
};

export type BootOptions = {
  out: string;
  scenario?: 'boot' | 'second-instance' | 'bounds' | 'about' | 'os-lock' | 'no-window';
  userData: string;
  packaged?: boolean;
  secondInstance?: boolean;
  env?: Record<string, string>;
};

/** The test's environment without the variables that would point the app elsewhere. */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(MESA_|ELECTRON_RENDERER_URL$|FAKE_ELECTRON_)/.test(key)) delete env[key];
  }
  return env;
}

/** Runs the built main bundle to its natural end; resolves with its exit code and report. */
export async function bootBuiltApp(options: BootOptions) {
  const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-resources-'));
  fs.cpSync(path.join(ROOT, 'src/storage/db/migrations'), path.join(resources, 'migrations'), {
    recursive: true,
  });
  const reportFile = path.join(resources, 'report.json');
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const child = spawn(
    process.execPath,
    // A URL, not a path: `--import C:\\…` would read as a URL scheme on Windows.
    ['--import', pathToFileURL(REGISTER).href, path.join(options.out, 'main/index.js')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inheritedEnv(),
        MESA_DEMO_CENTRAL: '0',
        FAKE_ELECTRON_SCENARIO: options.scenario ?? 'boot',
        FAKE_ELECTRON_USER_DATA: options.userData,
        FAKE_ELECTRON_PACKAGED: options.packaged === false ? '0' : '1',
        FAKE_ELECTRON_SECOND_INSTANCE: options.secondInstance ? '1' : '0',
        FAKE_ELECTRON_RESOURCES: resources,
        FAKE_ELECTRON_REPORT: reportFile,
        FAKE_ELECTRON_APP_PATH: path.dirname(options.out),
        FAKE_ELECTRON_VERSION: version,
        ...options.env,
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as BootReport;
  fs.rmSync(resources, { recursive: true, force: true });
  return { code, report, output, version: version as string };
}
