// `node --import ./test/support/fake-electron/register.mjs out/main/index.js`: the built app
// runs under Node with `electron` resolved to the recording stand-in (import and require alike).
import { createRequire, register } from 'node:module';
import fake from './fake.mjs';

register(new URL('./hooks.mjs', import.meta.url));

// A packaged app finds its migrations under process.resourcesPath, as Electron sets it.
if (process.env.FAKE_ELECTRON_RESOURCES)
  process.resourcesPath = process.env.FAKE_ELECTRON_RESOURCES;

// CommonJS dependencies (electron-updater) `require('electron')`: hand them the same stand-in.
const require = createRequire(import.meta.url);
const electronPath = require.resolve('electron');
require.cache[electronPath] = {
  id: electronPath,
  filename: electronPath,
  loaded: true,
  exports: fake,
  children: [],
  paths: [],
};
