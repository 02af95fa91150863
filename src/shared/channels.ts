/**
 * The channel names alone, without schemas, so the sandboxed preload can allow-list them
 * without bundling zod. `contract.ts` must declare exactly these (its `satisfies` checks it).
 */
export const channelNames = [
  'app.info',
  'auth.signIn',
  'auth.signOut',
  'auth.session',
  // The screen lock (issue 9).
  'auth.lock',
  'auth.unlock',
  'auth.lockState',
  'persons.search',
  'persons.get',
  'contact.edit',
  'accounts.unlock',
  'accounts.clearRegistrationBlock',
  'mails.resend',
  'memberships.changeState',
  'memberships.changeRole',
  'interactions.open',
  'interactions.close',
  'interactions.setReason',
  'interactions.current',
  'interactions.list',
  'audit.list',
  'audit.export',
  'audit.verify',
  'agents.list',
  'sync.status',
  'sync.now',
  'sync.configure',
  'sync.issues',
  'sync.pending',
  'sync.resolve',
  // The company half (issue 7).
  'companies.get',
  'companies.users',
  'requests.list',
  'requests.record',
  'requests.decide',
  'companyUsers.add',
  'companyUsers.change',
  'companyUsers.setModules',
  // The supervisor's Panel and the Llamadas list's paging (issue 10).
  'interactions.count',
  'dashboard.panel',
] as const;
export type ChannelName = (typeof channelNames)[number];
