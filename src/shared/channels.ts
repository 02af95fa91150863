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
  // Acting on a selection of people (issue 8, item 2).
  'selection.resolve',
  'selection.preview',
  'selection.start',
  'selection.status',
  'selection.cancel',
  'selection.undo',
  'selection.export',
  // Sync at scale (issue 11): the network hint, a shared desk's queues.
  'sync.hint',
  'sync.reassign',
  // Device trust (issue 11).
  'sync.reenrol',
  // Ley 21.719 data-subject requests (issue 10).
  'dataRequests.record',
  'dataRequests.list',
  'dataRequests.get',
  'dataRequests.move',
  'dataRequests.unblock',
  'dataRequests.export',
  'dataRequests.download',
  'dataRequests.byDeadline',
  // Privacy by default (issue 10).
  'persons.viewers',
] as const;
export type ChannelName = (typeof channelNames)[number];
