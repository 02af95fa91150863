/**
 * The desktop app: opens the replica, registers the IPC door, and shows one hardened window
 * (sandboxed, isolated, no Node in the renderer, navigation and new windows denied).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { createCore, type Core } from './core';
import { aboutText, menuTemplate } from './desktop/app-menu';
import { dataFolderErrorText, startErrorText } from './desktop/data-folder-error';
import { safeStorageKeyStore } from './desktop/safe-storage-key-store';
import { safeStorageDeviceSecretStore } from './desktop/safe-storage-device-secret';
import { saveDialogOptions } from './desktop/save-dialog';
import { leavesDespiteTyping, unsavedTypingQuestion } from './desktop/unsaved-typing';
import { envKeyStore, REPLICA_KEY_ENV, REPLICA_KEY_FILE } from './db/replica-key';
import {
  checkpointReplica,
  startUpdateController,
  type UpdateController,
} from './desktop/update-controller';
import { idleLockSeconds } from '../shared/idle-lock';
import { desktopMessages } from '../shared/messages';
import { initialBounds, MIN_SIZE, readWindowState, writeWindowState } from './desktop/window-state';
import { registerIpc, trustedSender } from './ipc/register-ipc';
import type { StoredTokens, TokenStore } from './sync/sync-engine';
import { log, logError } from '../storage/log';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Dev runs use the replica's SQLite module (better-sqlite3-multiple-ciphers) built for Electron
 * by scripts/electron-native.mjs; packaged apps get theirs rebuilt by electron-builder.
 */
function storagePaths() {
  if (app.isPackaged) {
    return { migrationsFolder: path.join(process.resourcesPath, 'migrations') };
  }
  const root = app.getAppPath();
  return {
    migrationsFolder: path.join(root, 'src/storage/db/migrations'),
    nativeBinding: path.join(
      root,
      'node_modules/.cache/electron-sqlite',
      process.versions.electron,
      'better-sqlite3-multiple-ciphers',
      'better_sqlite3.node',
    ),
  };
}

/** Central API tokens, encrypted by the OS keychain (safeStorage); kept in memory if unavailable. */
function safeTokenStore(file: string): TokenStore {
  let memory: StoredTokens | null = null;
  let loaded = false;
  const usable = safeStorage.isEncryptionAvailable();
  return {
    load() {
      // Decrypted once per run; every change goes through `save`, which keeps `memory` current.
      if (!usable || loaded) return memory;
      loaded = true;
      try {
        memory = JSON.parse(safeStorage.decryptString(fs.readFileSync(file))) as StoredTokens;
      } catch {
        memory = null;
      }
      return memory;
    },
    save(tokens) {
      memory = tokens;
      loaded = true;
      if (!usable) return;
      if (tokens === null) fs.rmSync(file, { force: true });
      else
        fs.writeFileSync(file, safeStorage.encryptString(JSON.stringify(tokens)), { mode: 0o600 });
    },
  };
}

/**
 * In development (`npm start`), the reference central API runs beside the app so a newcomer
 * sees the whole loop. A packaged app syncs with the address set in Ajustes.
 */
async function startDemoCentral(
  dataDir: string,
): Promise<{ url: string; child: ChildProcess } | null> {
  const node = process.env['npm_node_execpath'] ?? 'node';
  const root = app.getAppPath();
  const child = spawn(
    node,
    [
      '--import',
      'tsx',
      path.join(root, 'src/central-api/start.ts'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 60_000);
    child.once('error', () => resolve(null));
    child.once('exit', () => resolve(null));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const ready = JSON.parse(line) as { ready?: boolean; url?: string };
        if (ready.ready && ready.url) {
          clearTimeout(timer);
          resolve({ url: ready.url, child });
        }
      } catch {
        // not the readiness line
      }
    });
  });
}

/**
 * What IT configured at install, in config.json in the user-data folder:
 * `{"centralUrl": "https://…", "updateUrl": "https://…", "idleLockMinutes": 10}`.
 */
type InstalledConfig = { centralUrl?: string; updateUrl?: string; idleLockMinutes?: unknown };

function installedConfig(userData: string): InstalledConfig {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(userData, 'config.json'), 'utf8')) as {
      centralUrl?: unknown;
      updateUrl?: unknown;
      idleLockMinutes?: unknown;
    };
    return {
      centralUrl: typeof config.centralUrl === 'string' ? config.centralUrl : undefined,
      updateUrl: typeof config.updateUrl === 'string' ? config.updateUrl : undefined,
      idleLockMinutes: config.idleLockMinutes,
    };
  } catch {
    return {};
  }
}

/**
 * Self-update of an installed app from the address IT configured (`updateUrl`, or
 * MESA_UPDATE_URL); none configured, no checks. electron-updater is loaded only then.
 */
async function startUpdates(
  core: Core,
  feedUrl: string | undefined,
): Promise<UpdateController | null> {
  if (!app.isPackaged || !feedUrl) return null;
  const { default: updaterModule } = await import('electron-updater');
  const sqlite = core.db.$client;
  // The app quit (and closed the replica) while the updater loaded: nothing left to update.
  if (!sqlite.open) return null;
  const openCalls = sqlite
    .prepare('SELECT opened_at FROM interactions WHERE closed_at IS NULL')
    .pluck();
  return startUpdateController({
    updater: updaterModule.autoUpdater,
    feedUrl,
    currentVersion: app.getVersion(),
    situation: () => ({
      openCallsSince: openCalls.all() as string[],
      writing: sqlite.inTransaction,
    }),
    flushToDisk: () => checkpointReplica(sqlite),
    ask: async (version) => {
      const text = desktopMessages.update;
      const options = {
        type: 'info' as const,
        title: text.title,
        message: text.message(version),
        detail: text.detail,
        buttons: [text.restart, text.later],
        defaultId: 0,
        cancelId: 1,
      };
      const owner = BrowserWindow.getAllWindows()[0];
      const answer = await (owner
        ? dialog.showMessageBox(owner, options)
        : dialog.showMessageBox(options));
      return answer.response === 0;
    },
    beforeInstall: () => {
      // The replica closes and the installer takes over: no dialog can be kept open now.
      quittingForUpdate = true;
      core.close();
    },
    log: logError,
  });
}

/**
 * Set once the agent chose «Reiniciar para actualizar»: the replica is closed and the window
 * goes without asking about a dialog's typed text (keeping it would keep a desk that can no
 * longer save anything).
 */
let quittingForUpdate = false;

function rendererUrl(): string {
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && devServer) return devServer;
  return pathToFileURL(path.join(here, '../renderer/index.html')).href;
}

const APP_NAME = 'Mesa de Ayuda';

/** Size and position as the agent left them, kept in the user-data folder. */
function windowStateFile(): string {
  return path.join(app.getPath('userData'), 'window-state.json');
}

function createWindow(url: string): BrowserWindow {
  const stateFile = windowStateFile();
  const start = initialBounds(
    readWindowState(stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...start.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: APP_NAME,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (start.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    writeWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  // A dialog holding what the agent typed stops the window from closing or reloading: asked
  // here (desktop/unsaved-typing.ts). Default prevented: the window goes after all.
  window.webContents.on('will-prevent-unload', (event) => {
    const ask = (question: typeof unsavedTypingQuestion) =>
      dialog.showMessageBoxSync(window, question);
    if (leavesDespiteTyping({ quittingForUpdate, ask })) event.preventDefault();
  });
  window.loadURL(url).catch((error: unknown) => log.error('the window could not load', error));
  return window;
}

function showAbout(): void {
  const text = aboutText(APP_NAME, app.getVersion());
  const owner = BrowserWindow.getFocusedWindow();
  const options = { type: 'info' as const, ...text };
  void (owner ? dialog.showMessageBox(owner, options) : dialog.showMessageBox(options));
}

function installMenu(): void {
  const template = menuTemplate({
    appName: APP_NAME,
    platform: process.platform,
    packaged: app.isPackaged,
    onAbout: showAbout,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
}

/** A second launch focuses the running window instead of opening the replica twice. */
function focusExistingWindow(): void {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

app.enableSandbox();

// Tests and side-by-side profiles: a user-data folder of their own (before the instance lock,
// which is per folder).
const userDataOverride = process.env['MESA_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

// Only one running copy opens the replica; a second launch hands over to it and quits.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();
else start();

function start(): void {
  app.on('second-instance', focusExistingWindow);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.on('window-all-closed', () => app.quit());

  let core: Core | null = null;
  let demoCentral: ChildProcess | null = null;
  let updates: UpdateController | null = null;
  app.on('will-quit', () => {
    updates?.stop();
    core?.close();
    core = null;
    demoCentral?.kill();
  });

  app
    .whenReady()
    .then(async () => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
        grant(false),
      );
      installMenu();
      const url = rendererUrl();
      const userData = app.getPath('userData');
      const config = installedConfig(userData);
      let centralUrl = process.env['MESA_CENTRAL_URL'] ?? config.centralUrl;
      if (!centralUrl && !app.isPackaged && process.env['MESA_DEMO_CENTRAL'] !== '0') {
        const demo = await startDemoCentral(path.join(userData, 'central-demo'));
        demoCentral = demo?.child ?? null;
        centralUrl = demo?.url;
      }
      const dataDir = process.env['MESA_DATA_DIR'] ?? path.join(userData, 'data');
      try {
        // The replica's key: wrapped by the OS keychain, unless IT hands it over in the environment.
        const keyFromEnv = process.env[REPLICA_KEY_ENV];
        const replicaKeys = keyFromEnv
          ? envKeyStore(keyFromEnv)
          : safeStorageKeyStore(path.join(dataDir, REPLICA_KEY_FILE), safeStorage);
        core = createCore({
          replicaKeys,
          dataDir,
          door: 'electron',
          version: app.getVersion(),
          // The replica comes from the central API. Demo data (and its demo agents, whose passwords
          // are public) only ever exists in a development run without one.
          demoPersons: centralUrl || app.isPackaged ? 0 : undefined,
          centralUrl,
          tokenStore: safeTokenStore(path.join(userData, 'central-session.bin')),
          // This device's own secret (issue 11), kept like the tokens.
          deviceSecretStore: safeStorageDeviceSecretStore(
            path.join(userData, 'device-secret.bin'),
            safeStorage,
            path.join(dataDir, 'device-secret.json'),
          ),
          // Ley 21.719 exports: the agent saves a copy where they choose, shown in its folder.
          saveFile: async (fileName) => {
            const options = saveDialogOptions(fileName, app.getPath('downloads'));
            const owner = BrowserWindow.getFocusedWindow();
            const answer = await (owner
              ? dialog.showSaveDialog(owner, options)
              : dialog.showSaveDialog(options));
            return answer.canceled || !answer.filePath ? null : answer.filePath;
          },
          revealFile: (file) => shell.showItemInFolder(file),
          // Large bulk loads: the worker's own bundle, beside this one (electron.vite.config.ts).
          bulkWorker: {
            entry: path.join(here, 'bulk-apply-worker.js'),
            membersEntry: path.join(here, 'bulk-members-worker.js'),
          },
          // The worker thread that builds a snapshot's indexes: its own entry beside this bundle.
          indexWorkerFile: path.join(here, 'index-worker.js'),
          idleLockSeconds: idleLockSeconds({
            envSeconds: process.env['MESA_IDLE_LOCK_SECONDS'],
            configMinutes: config.idleLockMinutes,
          }),
          ...storagePaths(),
        });
      } catch (error) {
        log.error('Mesa de Ayuda could not open its data folder', error);
        const text = dataFolderErrorText(error, dataDir);
        dialog.showErrorBox(text.title, text.body);
        demoCentral?.kill();
        app.exit(1);
        return;
      }
      const opened = core;
      registerIpc(
        ipcMain,
        (channel, input, asAgent) => opened.dispatch(channel, input, asAgent),
        trustedSender(url),
      );
      createWindow(url);
      // A laptop closed or a computer locked locks the desk too; the renderer notices on its next
      // look at the lock state (src/renderer/src/lock/LockGate.tsx).
      const lockNow = () => {
        void opened.dispatch('auth.lock', { reason: 'system' });
      };
      powerMonitor.on('lock-screen', lockNow);
      powerMonitor.on('suspend', lockNow);
      // Waking up usually means a network again: a hint for the sync engine to probe now.
      powerMonitor.on('resume', () => opened.sync()?.networkHint(true));
      updates = await startUpdates(
        opened,
        process.env['MESA_UPDATE_URL'] ?? config.updateUrl,
      ).catch((error: unknown) => {
        log.error('updates unavailable', error);
        return null;
      });
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow(url);
      });
    })
    .catch((error: unknown) => {
      // Anything else that failed while starting: said in Spanish, the replica closed, no stack.
      log.error('Mesa de Ayuda could not start', error);
      const text = startErrorText(error);
      dialog.showErrorBox(text.title, text.body);
      core?.close();
      core = null;
      demoCentral?.kill();
      app.exit(1);
    });
}
