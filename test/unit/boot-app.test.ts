/**
 * The built desktop app, booted under Node against a recording stand-in for `electron`: it
 * starts, opens the replica, answers every contract channel through the IPC door, opens one
 * hardened window on the built renderer and preload, denies navigation, new windows and
 * permissions, and shuts down cleanly. The built preload exposes exactly the contract.
 * Catches the bundling and path mistakes that type checks cannot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../src/shared/channels';
import { createCore } from '../../src/main/core';
import { contract } from '../../src/shared/contract';
import { bootBuiltApp, buildApp, type BootReport } from '../support/built-app';

let out = '';
const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

beforeAll(() => {
  out = buildApp('boot-test', 'package');
}, 120_000);

afterAll(() => {
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the built main bundle', () => {
  let report: BootReport;
  let code: number | null;
  let version: string;
  let userData: string;
  let output: string;

  beforeAll(async () => {
    userData = tempDir('mesa-boot-');
    ({ report, code, version, output } = await bootBuiltApp({ out, userData }));
  }, 60_000);

  it('starts and ends by itself, with no error', () => {
    expect(report.uncaught, output).toEqual([]);
    expect(code, output).toBe(0);
    expect(report.readyAt).not.toBeNull();
    expect(report.errorBoxes).toEqual([]);
    expect(report.sandboxEnabled).toBe(true);
  });

  it('opens the replica in the user-data folder and answers through the IPC door', () => {
    const replica = path.join(userData, 'data', 'mesa-de-ayuda.db');
    expect(fs.existsSync(replica)).toBe(true);
    expect(report.ipcAnswers['trustedAppInfo']).toMatchObject({
      ok: true,
      value: { door: 'electron', version, dataDir: path.join(userData, 'data') },
    });
    expect(report.ipcAnswers['untrustedAppInfo']).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('registers one handler for every contract channel and no other', () => {
    expect([...report.ipcHandled].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(report.ipcHandled).size).toBe(report.ipcHandled.length);
  });

  it('opens one hardened window on the built renderer and the built preload', () => {
    expect(report.windows).toHaveLength(1);
    const [window] = report.windows;
    const prefs = window!.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(prefs['webSecurity']).not.toBe(false);
    expect(prefs['nodeIntegrationInWorker']).not.toBe(true);
    expect(prefs['nodeIntegrationInSubFrames']).not.toBe(true);
    expect(prefs['allowRunningInsecureContent']).not.toBe(true);
    expect(prefs['experimentalFeatures']).not.toBe(true);
    expect(prefs['preload']).toBe(path.join(out, 'preload', 'index.cjs'));
    expect(fs.existsSync(prefs['preload'] as string)).toBe(true);
    const loaded = window!.loadedUrl!;
    expect(loaded.startsWith('file:')).toBe(true);
    expect(fileURLToPath(loaded)).toBe(path.join(out, 'renderer', 'index.html'));
    expect(fs.existsSync(fileURLToPath(loaded))).toBe(true);
    expect(window!.shown).toBe(true);
  });

  it('denies navigation, webviews, new windows and permission requests', () => {
    expect(report.probes).toMatchObject({
      navigatePrevented: true,
      attachWebviewPrevented: true,
      windowOpen: { action: 'deny' },
      permissionGranted: false,
    });
  });

  it('asks in Spanish before a window whose dialog holds typed text closes or reloads', () => {
    const question = 'Lo que escribió en el diálogo abierto se perderá.';
    const buttons = ['Cerrar de todos modos', 'Seguir en el diálogo'];
    expect(report.probes['unloads']).toEqual([
      // «Cerrar de todos modos»: the unload goes on.
      { question, buttons, unloaded: true },
      // «Seguir en el diálogo»: the window stays, the dialog with it.
      { question, buttons, unloaded: false },
    ]);
  });

  it('shuts down cleanly: quit runs, the replica is closed (its WAL checkpointed away)', () => {
    expect(report.quitEvents).toEqual(['before-quit', 'will-quit', 'quit']);
    expect(report.exitCode).toBeNull();
    expect(fs.existsSync(path.join(userData, 'data', 'mesa-de-ayuda.db-wal'))).toBe(false);
  });
});

describe('the built app as a desktop app', () => {
  it('requests the single-instance lock; a second launch opens nothing and quits', async () => {
    const userData = tempDir('mesa-second-');
    const { code, report } = await bootBuiltApp({ out, userData, secondInstance: true });
    expect(code).toBe(0);
    expect(report.singleInstanceLockRequested).toBe(true);
    expect(report.windows).toEqual([]);
    expect(report.ipcHandled).toEqual([]);
    expect(report.quitEvents).toContain('will-quit');
    expect(fs.existsSync(path.join(userData, 'data'))).toBe(false);
  });

  it('brings the running window back when the app is launched again', async () => {
    const userData = tempDir('mesa-focus-');
    const { code, report } = await bootBuiltApp({ out, userData, scenario: 'second-instance' });
    expect(code).toBe(0);
    expect(report.singleInstanceLockRequested).toBe(true);
    expect(report.probes['restoredAfterSecondInstance']).toBe(true);
    expect(report.focused).toBeGreaterThan(0);
    expect(report.windows).toHaveLength(1);
  });

  it('shows a Spanish menu: Edición with copy and paste, Ver, Ayuda with Acerca de', async () => {
    const { report, version } = await bootBuiltApp({
      out,
      userData: tempDir('mesa-menu-'),
      scenario: 'about',
    });
    const menu = report.applicationMenu!;
    const labels = menu.map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['Edición', 'Ver', 'Ayuda']));
    const edit = menu.find((item) => item.label === 'Edición')!.submenu!;
    expect(edit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'copy', label: 'Copiar' }),
        expect.objectContaining({ role: 'paste', label: 'Pegar' }),
        expect.objectContaining({ role: 'cut', label: 'Cortar' }),
      ]),
    );
    const everyLabel = JSON.stringify(menu);
    expect(everyLabel).not.toMatch(/"label":"(Edit|View|Help|Copy|Paste|About)/);
    const help = menu.find((item) => item.label === 'Ayuda')!.submenu!;
    expect(help).toEqual([
      expect.objectContaining({ label: 'Acerca de Mesa de Ayuda', click: true }),
    ]);
    // Clicking it says the version.
    expect(report.messageBoxes).toHaveLength(1);
    expect(report.messageBoxes[0]!.message).toContain(`versión ${version}`);
  });

  it('remembers the window size and position in the user-data folder', async () => {
    const userData = tempDir('mesa-bounds-');
    const first = await bootBuiltApp({ out, userData, scenario: 'bounds' });
    expect(first.code).toBe(0);
    expect(fs.existsSync(path.join(userData, 'window-state.json'))).toBe(true);
    const second = await bootBuiltApp({ out, userData });
    expect(second.code).toBe(0);
    expect(second.report.windows[0]!.options).toMatchObject({
      x: 210,
      y: 120,
      width: 1111,
      height: 777,
    });
  });

  it('takes its user-data folder from MESA_USER_DATA_DIR (tests, side-by-side profiles)', async () => {
    const elsewhere = tempDir('mesa-profile-');
    const { code, report } = await bootBuiltApp({
      out,
      userData: tempDir('mesa-default-'),
      env: { MESA_USER_DATA_DIR: elsewhere },
    });
    expect(code).toBe(0);
    expect(report.ipcAnswers['trustedAppInfo']).toMatchObject({
      value: { dataDir: path.join(elsewhere, 'data') },
    });
    expect(fs.existsSync(path.join(elsewhere, 'window-state.json'))).toBe(true);
  });

  it('locks the desk when the computer is locked or goes to sleep', async () => {
    // A replica with agents in it (a packaged app's comes from the central API).
    const dataDir = tempDir('mesa-oslock-');
    createCore({
      dataDir,
      door: 'electron',
      version: 'test',
      demoPersons: 20,
      log: () => {},
    }).close();
    const { code, report } = await bootBuiltApp({
      out,
      userData: tempDir('mesa-oslock-user-'),
      scenario: 'os-lock',
      env: { MESA_DATA_DIR: dataDir, FAKE_ELECTRON_SIGN_IN: 'agente:agente600' },
    });
    expect(code).toBe(0);
    expect(report.ipcAnswers['signIn']).toMatchObject({ ok: true });
    expect(report.ipcAnswers['sessionAfterOsLock']).toEqual({ ok: true, value: null });
    expect(report.ipcAnswers['lockStateAfterOsLock']).toMatchObject({
      ok: true,
      value: { locked: { username: 'agente' } },
    });
    expect(report.ipcAnswers['unlock']).toMatchObject({ ok: true, value: { username: 'agente' } });
    expect(report.ipcAnswers['lockStateAfterSuspend']).toMatchObject({
      value: { locked: { username: 'agente' } },
    });
  });

  it('loads electron-updater when IT configured an update address, and still quits cleanly', async () => {
    const userData = tempDir('mesa-updates-');
    const { code, report, output } = await bootBuiltApp({
      out,
      userData,
      env: { MESA_UPDATE_URL: 'http://127.0.0.1:9/actualizaciones' },
    });
    expect(code, output).toBe(0);
    expect(report.uncaught).toEqual([]);
    expect(output).not.toContain('updates unavailable');
    expect(report.quitEvents).toEqual(['before-quit', 'will-quit', 'quit']);
  });

  it('quit while electron-updater is still loading: no updater starts on the closed replica', async () => {
    const { code, report, output } = await bootBuiltApp({
      out,
      userData: tempDir('mesa-updates-late-'),
      env: {
        MESA_UPDATE_URL: 'http://127.0.0.1:9/actualizaciones',
        // The window closes (and the app quits) long before the updater has loaded.
        FAKE_ELECTRON_UPDATER_DELAY_MS: '1500',
      },
    });
    expect(code, output).toBe(0);
    expect(report.uncaught).toEqual([]);
    // Before: "updates unavailable TypeError: The database connection is not open".
    expect(output).not.toContain('updates unavailable');
    expect(report.quitEvents).toEqual(['before-quit', 'will-quit', 'quit']);
  });

  it('says in Spanish, without a stack trace, when the data folder cannot be opened', async () => {
    const userData = tempDir('mesa-broken-');
    const notAFolder = path.join(userData, 'datos');
    fs.writeFileSync(notAFolder, 'not a folder');
    const { code, report } = await bootBuiltApp({
      out,
      userData,
      env: { MESA_DATA_DIR: notAFolder },
    });
    expect(code).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.windows).toEqual([]);
    expect(report.errorBoxes).toHaveLength(1);
    const [box] = report.errorBoxes;
    expect(box!.title).toBe('Mesa de Ayuda no pudo abrir sus datos');
    expect(box!.content).toContain(notAFolder);
    expect(box!.content).toContain('Esa ruta no es una carpeta');
    expect(box!.content).not.toMatch(/\n\s+at /);
  });

  it('says in Spanish, without a stack trace, when anything else stops it while starting', async () => {
    const { code, report } = await bootBuiltApp({
      out,
      userData: tempDir('mesa-no-window-'),
      env: { FAKE_ELECTRON_WINDOW_FAILS: '1' },
    });
    expect(code).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.errorBoxes).toHaveLength(1);
    const [box] = report.errorBoxes;
    expect(box!.title).toBe('Mesa de Ayuda no pudo iniciar');
    expect(box!.content).toContain("Detalle técnico: GPU process isn't usable");
    expect(box!.content).not.toMatch(/\n\s+at /);
  });

  it('keeps the replica encrypted, its key wrapped by the OS keychain (safeStorage)', async () => {
    const userData = tempDir('mesa-keychain-');
    const { code, report } = await bootBuiltApp({ out, userData });
    expect(report.uncaught).toEqual([]);
    expect(code).toBe(0);
    const dataDir = path.join(userData, 'data');
    const wrapped = JSON.parse(fs.readFileSync(path.join(dataDir, 'replica.key'), 'utf8'));
    expect(wrapped).toMatchObject({
      format: 'safeStorage',
      backend: process.platform === 'linux' ? 'gnome_libsecret' : null,
    });
    // The fake keychain marks what it wrapped; the key itself never reaches the disk in hex.
    expect(Buffer.from(wrapped.wrapped, 'base64').toString()).toMatch(/^fake-keychain:/);
    const head = fs.readFileSync(path.join(dataDir, 'mesa-de-ayuda.db')).subarray(0, 16);
    expect(head.toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it.runIf(process.platform === 'linux')(
    "refuses Linux's basic_text keychain and says in Spanish what is missing",
    async () => {
      const userData = tempDir('mesa-basic-text-');
      const { code, report } = await bootBuiltApp({
        out,
        userData,
        env: { FAKE_ELECTRON_KEYCHAIN: 'basic_text' },
      });
      expect(code).toBe(1);
      expect(report.windows).toEqual([]);
      expect(report.errorBoxes).toHaveLength(1);
      expect(report.errorBoxes[0]!.content).toContain('llavero del sistema');
      expect(report.errorBoxes[0]!.content).toContain('MESA_REPLICA_KEY');
      expect(fs.existsSync(path.join(userData, 'data', 'mesa-de-ayuda.db'))).toBe(false);
    },
  );
});

describe('the built preload', () => {
  it('exposes exactly the contract channels, frozen, each invoking its own channel', async () => {
    const code = fs.readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    const required: string[] = [];
    const exposed: [string, Record<string, (input: unknown) => unknown>][] = [];
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: Record<string, (input: unknown) => unknown>) =>
          exposed.push([key, value]),
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    // A sandboxed preload may only require what Electron's sandbox offers: here, `electron`.
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, {
      require: sandboxRequire,
      module,
      exports: module.exports,
      console,
    });
    expect(required.every((name) => name === 'electron')).toBe(true);
    expect(exposed.map(([key]) => key)).toEqual(['api']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort());
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.isFrozen(api)).toBe(true);
    // Each call carries on the agent its window acts for (main refuses a stale window's).
    const call = (channel: string) =>
      (api[channel] as (input: unknown, asAgent: string) => unknown)(
        { probe: channel },
        `agent-of-${channel}`,
      );
    for (const channel of channelNames) await call(channel);
    expect(invoked).toEqual(
      channelNames.map((channel) => [channel, { probe: channel }, `agent-of-${channel}`]),
    );
  });
});
