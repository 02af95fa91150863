/**
 * Which audit events are work on someone's account, and which are not: one list for the Panel
 * (dashboard-repository.ts), a call's actions and a record's calls (interaction-repository.ts).
 */

/**
 * Audit events that are not actions an agent took on someone: record views, calls opening and
 * closing (and attended to after), screen locks, sign-ins and sign-outs. Must match the partial index `audit_actions_at`
 * (migrations 0012, 0029, 0030, 0034, 0039, 0042, 0043).
 */
export const NOT_ACTIONS = [
  'person.view',
  'interaction.open',
  'interaction.close',
  'interaction.set_reason',
  'interaction.set_person',
  'interaction.set_caller',
  'interaction.discard',
  'interaction.follow_up',
  'session.lock',
  'session.unlock',
  'session.end',
  'session.sign_in',
  'session.sign_out',
  'session.sign_in_refused',
] as const;

/**
 * Audit events that are acts of supervision on the desk itself, or refusals, not work on a
 * caller's account: exporting the audit, the central address, devices, an officer's companies,
 * taking over actions; and attempts the rules refused. The Panel counts them apart, so they
 * neither swell nor hide the agents' work.
 */
export const SUPERVISION_ACTIONS = [
  'audit.export',
  'central.configure',
  'central.configure_refused',
  'device.revoke',
  'scope.assign',
  'scope.unassign',
  'sync.reassign',
  'person.view_denied',
  'person.search_denied',
  'company.view_denied',
] as const;

/**
 * The events of a bulk load — its rows' actions and the load's own `bulk.load` / `bulk.undo` —
 * are left out of the agents' actions (walk 58b: 2,243 «Cambió datos de contacto» beside two
 * taken on calls); the Panel counts the loads apart, from their batches. Each such event names
 * its batch in `after` (`{"batchId":"…"}`, apply-batch.ts). A JSON key in quotes can appear there
 * only as a key: a quote inside a value is written `\"`. `instr`, never a JSON function, so a
 * value that is not JSON can never make an event fail to be recorded. A supervisor's review of a
 * load's withheld mails (`sync.resolve`, sync-issues.ts) names the load too, and stays hers
 * (review 59 L2). Word for word the term of the partial index `audit_actions_at` (migration
 * 0042), so SQLite uses it.
 */
export const NOT_BULK_LOAD_SQL = `(action = 'sync.resolve' OR instr(ifnull(after, ''), '"batchId":"') = 0)`;

/** A list of actions as an SQL `IN (…)` list (fixed codes, never input). */
export const quoted = (actions: readonly string[]) =>
  actions.map((action) => `'${action}'`).join(', ');

/**
 * What a call's row does not list as done in it: views, the call's own changes, screen locks
 * (NOT_ACTIONS), and refused looks and acts of supervision (SUPERVISION_ACTIONS), as the Panel.
 */
export const NOT_CALL_WORK_ACTIONS: readonly string[] = [...NOT_ACTIONS, ...SUPERVISION_ACTIONS];
