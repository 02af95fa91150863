/**
 * `window.api` for the web door: the same channels over HTTP on loopback. The session token
 * arrives in the URL fragment (never sent to a server), is kept for the tab, and leaves the
 * address bar at once.
 */
import { AS_AGENT_HEADER, channelNames } from '../../../shared/channels';
import type { Api, Envelope } from '../../../shared/contract';
import { errorMessages } from '../../../shared/messages';

const TOKEN_KEY = 'mesa.webToken';

function takeToken(): string {
  const match = /token=([a-f0-9]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * A web-door tab opened without the door's key (the address without its `#token=…`, and none
 * kept for the tab): every call would be refused, so it says how to open the desk instead of
 * offering a sign-in that cannot work.
 */
export function webKeyMissing(): boolean {
  return !/token=[a-f0-9]+/.test(window.location.hash) && !sessionStorage.getItem(TOKEN_KEY);
}

export function createWebBridge(): Api {
  const token = takeToken();
  const invoke = async (
    channel: string,
    input: unknown,
    asAgent?: string | null,
  ): Promise<Envelope<unknown>> => {
    try {
      const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          ...(asAgent ? { [AS_AGENT_HEADER]: asAgent } : {}),
        },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: errorMessages.internal } };
    }
  };
  return Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      (input: unknown, asAgent?: string | null) => invoke(channel, input, asAgent),
    ]),
  ) as Api;
}
