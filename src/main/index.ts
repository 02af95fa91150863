/**
 * The desktop app: opens the replica, registers the IPC door, and shows one hardened window
 * (sandboxed, isolated, no Node in the renderer, navigation and new windows denied).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { createCore, type Core } from './core';
import { registerIpc, trustedSender } from './ipc/register-ipc';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Dev runs use a better-sqlite3 built for Electron by scripts/electron-native.mjs. */
function storagePaths() {
  if (app.isPackaged) {
    return { migrationsFolder: path.join(process.resourcesPath, 'migrations') };
  }
  const root = app.getAppPath();
  return {
    migrationsFolder: path.join(root, 'src/main/db/migrations'),
    nativeBinding: path.join(
      root,
      'node_modules/.cache/electron-sqlite',
      process.versions.electron,
      'better_sqlite3.node',
    ),
  };
}

function rendererUrl(): string {
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && devServer) return devServer;
  return pathToFileURL(path.join(here, '../renderer/index.html')).href;
}

function createWindow(url: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Mesa de Ayuda',
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

app.enableSandbox();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => app.quit());

let core: Core | null = null;
app.on('will-quit', () => core?.close());

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false),
  );
  const url = rendererUrl();
  try {
    core = createCore({
      dataDir: process.env['MESA_DATA_DIR'] ?? path.join(app.getPath('userData'), 'data'),
      door: 'electron',
      version: app.getVersion(),
      ...storagePaths(),
    });
  } catch (error) {
    dialog.showErrorBox(
      'Mesa de Ayuda no pudo abrir sus datos',
      `No se pudo abrir la base de datos local. Cierre otras copias de la aplicación e intente de nuevo.\n\n${String(error)}`,
    );
    app.exit(1);
    return;
  }
  const opened = core;
  registerIpc(ipcMain, (channel, input) => opened.dispatch(channel, input), trustedSender(url));
  createWindow(url);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(url);
  });
});
