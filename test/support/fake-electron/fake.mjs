// A stand-in for the `electron` module: records what the built app asks of it and drives one
// scripted run (ready → window → probes → the window closes → quit), then writes a report.
// Loaded by register.mjs; see test/unit/boot-app.test.ts.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

const env = process.env;
const scenario = env.FAKE_ELECTRON_SCENARIO ?? 'boot';
let userData = env.FAKE_ELECTRON_USER_DATA ?? '';

export const report = {
  scenario,
  sandboxEnabled: false,
  singleInstanceLockRequested: false,
  readyAt: null,
  windows: [],
  ipcHandled: [],
  ipcRemoved: [],
  ipcAnswers: {},
  probes: {},
  permissionRequestHandler: false,
  applicationMenu: null,
  errorBoxes: [],
  messageBoxes: [],
  aboutPanel: null,
  exitCode: null,
  quitEvents: [],
  focused: 0,
  uncaught: [],
  log: [],
};

process.on('exit', () => {
  if (env.FAKE_ELECTRON_REPORT) {
    fs.writeFileSync(env.FAKE_ELECTRON_REPORT, JSON.stringify(report, null, 2));
  }
});
process.on('uncaughtException', (error) => {
  report.uncaught.push(String(error?.stack ?? error));
  process.exitCode = 70;
});
process.on('unhandledRejection', (error) => {
  report.uncaught.push(String(error?.stack ?? error));
  process.exitCode = 70;
});

/** An event object like Electron's: records preventDefault. */
function electronEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

const appEvents = new EventEmitter();
let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));
let quitting = false;

export const app = {
  isPackaged: env.FAKE_ELECTRON_PACKAGED === '1',
  on(event, listener) {
    appEvents.on(event, listener);
    return app;
  },
  once(event, listener) {
    appEvents.once(event, listener);
    return app;
  },
  off(event, listener) {
    appEvents.off(event, listener);
    return app;
  },
  removeListener(event, listener) {
    appEvents.off(event, listener);
    return app;
  },
  enableSandbox() {
    report.sandboxEnabled = true;
  },
  whenReady() {
    return ready;
  },
  isReady() {
    return report.readyAt !== null;
  },
  getPath(name) {
    if (name === 'userData') return userData;
    if (name === 'logs') return path.join(userData, 'logs');
    return path.join(userData, `fake-${name}`);
  },
  setPath(name, value) {
    if (name === 'userData') userData = value;
    report.log.push(`setPath ${name}`);
  },
  getAppPath() {
    return env.FAKE_ELECTRON_APP_PATH ?? process.cwd();
  },
  getVersion() {
    return env.FAKE_ELECTRON_VERSION ?? '0.0.0';
  },
  getName() {
    return 'Mesa de Ayuda';
  },
  getLocale() {
    return 'es-CL';
  },
  setAppUserModelId() {},
  setAboutPanelOptions(options) {
    report.aboutPanel = options;
  },
  showAboutPanel() {},
  requestSingleInstanceLock() {
    report.singleInstanceLockRequested = true;
    return env.FAKE_ELECTRON_SECOND_INSTANCE !== '1';
  },
  releaseSingleInstanceLock() {},
  quit() {
    if (quitting) return;
    quitting = true;
    setImmediate(() => {
      const before = electronEvent();
      report.quitEvents.push('before-quit');
      appEvents.emit('before-quit', before);
      const will = electronEvent();
      report.quitEvents.push('will-quit');
      appEvents.emit('will-quit', will);
      report.quitEvents.push('quit');
      appEvents.emit('quit', electronEvent(), 0);
      for (const window of BrowserWindow.getAllWindows()) window.destroy();
    });
  },
  exit(code = 0) {
    report.exitCode = code;
    process.exit(code);
  },
  focus() {},
};

class WebContents extends EventEmitter {
  constructor(window) {
    super();
    this.window = window;
    this.windowOpenHandler = null;
    this.sent = [];
    this.devToolsOpened = false;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
  getURL() {
    return this.window.loadedUrl ?? '';
  }
  openDevTools() {
    this.devToolsOpened = true;
  }
  isDestroyed() {
    return this.window.destroyed;
  }
}

const windows = [];

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed);
  }
  static getFocusedWindow() {
    return BrowserWindow.getAllWindows()[0] ?? null;
  }
  constructor(options = {}) {
    super();
    // A window that cannot be made (a broken GPU process, say): the app must say so and quit.
    if (env.FAKE_ELECTRON_WINDOW_FAILS === '1') throw new Error("GPU process isn't usable");
    this.options = options;
    this.destroyed = false;
    this.visible = false;
    this.minimized = false;
    this.maximized = false;
    this.bounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.loadedUrl = null;
    this.webContents = new WebContents(this);
    this.record = { options: JSON.parse(JSON.stringify(options)), loadedUrl: null, shown: false };
    windows.push(this);
    report.windows.push(this.record);
    appEvents.emit('web-contents-created', electronEvent(), this.webContents);
  }
  loadURL(url) {
    this.loadedUrl = url;
    this.record.loadedUrl = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadFile(file) {
    return this.loadURL(`file://${file}`);
  }
  show() {
    this.visible = true;
    this.record.shown = true;
  }
  focus() {
    report.focused += 1;
  }
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
    this.record.maximized = true;
  }
  isVisible() {
    return this.visible;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    this.bounds = { ...this.bounds, ...bounds };
  }
  isDestroyed() {
    return this.destroyed;
  }
  setMenu() {}
  close() {
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
    if (BrowserWindow.getAllWindows().length === 0 && !quitting) {
      appEvents.emit('window-all-closed');
    }
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

const ipcHandlers = new Map();
export const ipcMain = {
  handle(channel, handler) {
    if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcHandlers.set(channel, handler);
    report.ipcHandled.push(channel);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
    report.ipcRemoved.push(channel);
  },
  on() {},
  once() {},
  removeAllListeners() {},
};

export const ipcRenderer = {
  invoke() {
    throw new Error('ipcRenderer is not available in the main process');
  },
};
export const contextBridge = {
  exposeInMainWorld() {
    throw new Error('contextBridge is not available in the main process');
  },
};

let permissionRequestHandler = null;
let permissionCheckHandler = null;
export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      permissionRequestHandler = handler;
      report.permissionRequestHandler = true;
    },
    setPermissionCheckHandler(handler) {
      permissionCheckHandler = handler;
    },
  },
};

// A keychain that works (FAKE_ELECTRON_KEYCHAIN=basic_text: Linux without one). Its "encryption"
// is reversible and marked, so a test can tell wrapped from plain.
const keychain = env.FAKE_ELECTRON_KEYCHAIN ?? 'gnome_libsecret';
const WRAPPED = 'fake-keychain:';
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(WRAPPED + Buffer.from(text).toString('base64')),
  decryptString: (buffer) => {
    const text = buffer.toString();
    if (!text.startsWith(WRAPPED)) throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice(WRAPPED.length), 'base64').toString();
  },
  getSelectedStorageBackend: () => keychain,
};

/** The buttons a synchronous message box is answered with, in turn (then the first button). */
const syncAnswers = [];

export const dialog = {
  showErrorBox(title, content) {
    report.errorBoxes.push({ title, content });
  },
  showMessageBox(_window, options) {
    report.messageBoxes.push(options?.message ? options : _window);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  showMessageBoxSync(_window, options) {
    report.messageBoxes.push(options?.message ? options : _window);
    return syncAnswers.shift() ?? 0;
  },
};

/** Menu items keep only what the report needs (labels, roles, accelerators, submenus). */
function describeItem(item) {
  const out = {};
  for (const key of ['label', 'role', 'type', 'accelerator']) {
    if (item[key] !== undefined) out[key] = item[key];
  }
  if (typeof item.click === 'function') out.click = true;
  if (Array.isArray(item.submenu)) out.submenu = item.submenu.map(describeItem);
  return out;
}
const menuClicks = new Map();
function collectClicks(items, prefix) {
  for (const item of items) {
    const name = `${prefix}${item.label ?? item.role ?? item.type}`;
    if (typeof item.click === 'function') menuClicks.set(name, item.click);
    if (Array.isArray(item.submenu)) collectClicks(item.submenu, `${name} > `);
  }
}
export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    report.applicationMenu = menu ? menu.template.map(describeItem) : null;
    menuClicks.clear();
    if (menu) collectClicks(menu.template, '');
  },
};

export const screen = {
  getAllDisplays: () => [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ],
  getPrimaryDisplay: () => screen.getAllDisplays()[0],
};

export const shell = {
  openExternal: () => Promise.resolve(),
  showItemInFolder: () => undefined,
};

export const powerMonitor = new EventEmitter();
powerMonitor.getSystemIdleTime = () => 0;

const fake = {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  session,
  safeStorage,
  dialog,
  Menu,
  screen,
  shell,
  powerMonitor,
};
export default fake;

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** What a trusted and an untrusted frame get from one channel. */
async function callChannel(channel, input, url) {
  const handler = ipcHandlers.get(channel);
  if (!handler) return { missing: true };
  return await handler({ senderFrame: { url } }, input);
}

async function probeWindow(window) {
  const contents = window.webContents;
  const navigate = electronEvent();
  contents.emit('will-navigate', navigate, 'https://example.com/');
  const redirect = electronEvent();
  contents.emit('will-redirect', redirect, 'https://example.com/');
  const webview = electronEvent();
  contents.emit('will-attach-webview', webview, {}, {});
  const opened = contents.windowOpenHandler?.({ url: 'https://example.com/' }) ?? null;
  // A dialog holding typed text stopped an unload: asked, then left (button 0) or stayed (1).
  const unloads = [0, 1].map((button) => {
    syncAnswers.push(button);
    const unload = electronEvent();
    const asked = report.messageBoxes.length;
    contents.emit('will-prevent-unload', unload);
    // Taken back out: the report's list keeps the boxes the app showed by itself.
    const [box] = report.messageBoxes.splice(asked);
    return {
      question: box?.message ?? null,
      buttons: box?.buttons ?? null,
      unloaded: unload.defaultPrevented,
    };
  });
  const permission = await new Promise((resolve) => {
    if (!permissionRequestHandler) return resolve('no handler');
    permissionRequestHandler(contents, 'media', (granted) => resolve(granted), {});
  });
  const permissionCheck = permissionCheckHandler
    ? permissionCheckHandler(contents, 'media', 'file://', {})
    : 'no handler';
  report.probes = {
    navigatePrevented: navigate.defaultPrevented,
    redirectPrevented: redirect.defaultPrevented,
    attachWebviewPrevented: webview.defaultPrevented,
    windowOpen: opened,
    unloads,
    permissionGranted: permission,
    permissionCheck,
  };
  const url = window.loadedUrl;
  report.ipcAnswers = {
    trustedAppInfo: await callChannel('app.info', {}, url),
    untrustedAppInfo: await callChannel('app.info', {}, 'https://evil.example/'),
  };
}

async function drive() {
  report.readyAt = new Date().toISOString();
  appEvents.emit('ready', electronEvent(), {});
  readyResolve();
  if (scenario === 'no-window') return;
  // Wait for the app to open its window and load the renderer.
  for (let i = 0; i < 500 && !windows.some((window) => window.loadedUrl); i += 1) {
    if (quitting || report.exitCode !== null) return;
    await settle();
  }
  const window = windows.find((candidate) => candidate.loadedUrl);
  if (!window) {
    report.log.push('no window was loaded');
    return;
  }
  await settle();
  await probeWindow(window);
  if (scenario === 'second-instance') {
    window.minimized = true;
    appEvents.emit('second-instance', electronEvent(), ['mesa', '--again'], process.cwd(), {});
    report.probes.restoredAfterSecondInstance = !window.minimized;
  }
  if (scenario === 'os-lock') {
    const [username, password] = (env.FAKE_ELECTRON_SIGN_IN ?? ':').split(':');
    const url = window.loadedUrl;
    report.ipcAnswers.signIn = await callChannel('auth.signIn', { username, password }, url);
    powerMonitor.emit('lock-screen');
    report.ipcAnswers.sessionAfterOsLock = await callChannel('auth.session', {}, url);
    report.ipcAnswers.lockStateAfterOsLock = await callChannel('auth.lockState', {}, url);
    report.ipcAnswers.unlock = await callChannel('auth.unlock', { password }, url);
    powerMonitor.emit('suspend');
    report.ipcAnswers.lockStateAfterSuspend = await callChannel('auth.lockState', {}, url);
  }
  if (scenario === 'bounds') {
    window.setBounds({ x: 210, y: 120, width: 1111, height: 777 });
    window.emit('resize');
    window.emit('move');
  }
  if (scenario === 'about') {
    const click = [...menuClicks.entries()].find(([name]) => /Acerca de/.test(name));
    if (click) await click[1]({}, window, {});
    await settle();
  }
  // The agent closes the window: what a real close does, then the app decides to quit.
  window.close();
}

setImmediate(() => {
  void drive().catch((error) => {
    report.uncaught.push(String(error?.stack ?? error));
    process.exitCode = 70;
  });
});
