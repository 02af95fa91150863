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

/** Calls a channel and returns its value; a failed envelope becomes an `ApiError` in Spanish. */
export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const invoke = api[channel] as unknown as (value: ChannelInput<C>) => Promise<Envelope<unknown>>;
  const envelope = await invoke(input);
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
  return envelope.value as ChannelOutput<C>;
}
