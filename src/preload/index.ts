/**
 * Exposes `window.api`: one function per allow-listed channel, nothing else. Bundled as
 * CommonJS because the renderer is sandboxed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../shared/channels';

const api = Object.fromEntries(
  channelNames.map((channel) => [
    channel,
    (input: unknown, asAgent?: string | null) => ipcRenderer.invoke(channel, input, asAgent),
  ]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
