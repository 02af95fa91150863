/**
 * The channel names alone, without schemas, so the sandboxed preload can allow-list them
 * without bundling zod. `contract.ts` must declare exactly these (checked by its `satisfies`
 * and by the type test below).
 */
export const channelNames = ['app.info', 'persons.search', 'persons.get'] as const;
export type ChannelName = (typeof channelNames)[number];
