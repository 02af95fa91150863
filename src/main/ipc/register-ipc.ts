/**
 * The Electron door: one `ipcMain.handle` per contract channel, each checking that the call
 * comes from our own renderer before dispatching. Takes an `IpcMainLike` so it is tested
 * without the Electron runtime.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/channels';
import type { Answer } from '../../shared/contract';
import { errorMessages } from '../../shared/messages';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type SenderLike = Pick<IpcMainInvokeEvent, 'senderFrame'>;
type Dispatch = (channel: string, input: unknown, asAgent: string | null) => Answer;

/** Accepts only frames showing the renderer we loaded (same file, or same dev-server origin). */
export function trustedSender(rendererUrl: string): (event: SenderLike) => boolean {
  const allowed = new URL(rendererUrl);
  return (event) => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl) return false;
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (allowed.protocol === 'file:') {
      return url.protocol === 'file:' && url.pathname === allowed.pathname;
    }
    return url.origin === allowed.origin;
  };
}

export function registerIpc(
  ipc: IpcMainLike,
  dispatch: Dispatch,
  isTrusted: (event: SenderLike) => boolean,
): () => void {
  for (const channel of channelNames) {
    ipc.handle(channel, (event: SenderLike, input: unknown, asAgent?: unknown) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'forbidden', message: errorMessages.forbidden } };
      }
      return dispatch(channel, input, typeof asAgent === 'string' ? asAgent : null);
    });
  }
  return () => {
    for (const channel of channelNames) ipc.removeHandler(channel);
  };
}
