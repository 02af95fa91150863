/**
 * The Electron door against a fake ipcMain: every contract channel registered, untrusted
 * senders refused, trusted calls reach dispatch unchanged.
 */
import { describe, expect, it } from 'vitest';
import {
  registerIpc,
  trustedSender,
  type IpcMainLike,
  type SenderLike,
} from '../../src/main/ipc/register-ipc';
import { channelNames } from '../../src/shared/channels';
import { contract } from '../../src/shared/contract';

type Handler = (event: SenderLike, input: unknown) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMainLike;
  return { ipc, handlers };
}

const frame = (url: string) => ({ senderFrame: { url } }) as unknown as SenderLike;
const APP = 'file:///opt/mesa/resources/app.asar/out/renderer/index.html';

describe('IPC door', () => {
  it('registers exactly the contract channels and removes them again', () => {
    const { ipc, handlers } = fakeIpcMain();
    const dispose = registerIpc(
      ipc,
      () => ({ ok: true, value: null }),
      () => true,
    );
    expect([...handlers.keys()].sort()).toEqual(Object.keys(contract).sort());
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('passes trusted calls to dispatch and returns its envelope', () => {
    const { ipc, handlers } = fakeIpcMain();
    const calls: unknown[] = [];
    registerIpc(
      ipc,
      (channel, input) => {
        calls.push([channel, input]);
        return { ok: true, value: 'answer' };
      },
      trustedSender(APP),
    );
    const answer = handlers.get('persons.search')!(frame(`${APP}#x`), { text: 'soto' });
    expect(answer).toEqual({ ok: true, value: 'answer' });
    expect(calls).toEqual([['persons.search', { text: 'soto' }]]);
  });

  it('passes on the agent the window acts for, and nothing that is not a name', () => {
    const { ipc, handlers } = fakeIpcMain();
    const calls: unknown[] = [];
    registerIpc(
      ipc,
      (channel, input, asAgent) => {
        calls.push(asAgent);
        return { ok: true, value: null };
      },
      trustedSender(APP),
    );
    const handle = handlers.get('persons.search')! as (
      event: SenderLike,
      input: unknown,
      asAgent?: unknown,
    ) => unknown;
    handle(frame(APP), { text: 'soto' }, 'agent-1');
    handle(frame(APP), { text: 'soto' }, { agentId: 'agent-1' });
    handle(frame(APP), { text: 'soto' });
    expect(calls).toEqual(['agent-1', null, null]);
  });

  it('refuses calls from any other page without dispatching', () => {
    const { ipc, handlers } = fakeIpcMain();
    let dispatched = 0;
    registerIpc(ipc, () => ({ ok: true, value: dispatched++ }), trustedSender(APP));
    for (const url of [
      'https://evil.example/index.html',
      'file:///tmp/other/index.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(handlers.get('persons.get')!(frame(url), { rut: '1-9' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(handlers.get('persons.get')!({ senderFrame: null } as SenderLike, {})).toMatchObject({
      ok: false,
    });
    expect(dispatched).toBe(0);
  });

  it('trusts a dev server by origin only', () => {
    const trusted = trustedSender('http://localhost:5173/');
    expect(trusted(frame('http://localhost:5173/some/route'))).toBe(true);
    expect(trusted(frame('http://localhost:5174/'))).toBe(false);
    expect(trusted(frame('http://127.0.0.1:5173/'))).toBe(false);
  });
});
