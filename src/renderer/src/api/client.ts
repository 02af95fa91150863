/**
 * The renderer's only way to the core: `window.api` from the Electron preload, or the web
 * bridge when the page is served by the web door. Both implement the same `Api`.
 */
import type {
  Api,
  Channel,
  ChannelInput,
  ChannelOutput,
  Envelope,
  ErrorCode,
} from '../../../shared/contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    api?: Api;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const api: Api = window.api ?? createWebBridge();

/**
 * The agent this window acts for (its session store keeps it current), sent with every call,
 * and what the window does when main answers that this agent's session here has ended.
 */
const caller: { agentId: string | null; ended: (message: string) => void } = {
  agentId: null,
  ended: () => undefined,
};

export function actFor(agentId: string | null): void {
  caller.agentId = agentId;
}

export function whenSessionChanged(ended: (message: string) => void): void {
  caller.ended = ended;
}

/** Calls a channel and returns its value; a failed envelope becomes an `ApiError` in Spanish. */
export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const invoke = api[channel] as unknown as (
    value: ChannelInput<C>,
    asAgent: string | null,
  ) => Promise<Envelope<unknown>>;
  const asAgent = caller.agentId;
  const envelope = await invoke(input, asAgent);
  if (!envelope.ok) {
    // Only if the window still believes in the agent it asked for (not already signed out).
    if (envelope.error.code === 'session_changed' && caller.agentId === asAgent) {
      caller.ended(envelope.error.message);
    }
    throw new ApiError(envelope.error.code, envelope.error.message);
  }
  return envelope.value as ChannelOutput<C>;
}
