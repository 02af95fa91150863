/**
 * The actions the central API did not apply as asked: conflicts (someone else changed the same
 * field: both values shown, the agent picks), rejections (with the reason), and actions applied
 * without the mails they asked, which reached the central too late to send them (someone must
 * ask them again). Nothing leaves this list without a person deciding, and the decision is
 * audited.
 */
import type { PendingAction, SyncIssue } from '../../shared/contract';
import { blockingRequestIn } from '../../shared/rules/data-requests';
import { loginRut, rutFromBody } from '../../shared/rut';
import type { ServiceContext, Session } from './context';
import type { IdentityFact } from '../../shared/policy';
import { editContact } from './edit-contact';
import { ForbiddenError, NotFoundError, RuleError } from './errors';
import { newId } from '../../shared/ids';
import { queuedActionName } from '../../shared/action-names';
import type { Change } from '../../shared/sync-protocol';
import { centralChangeOf } from '../sync/conflict-time';
import { syncMessages } from '../../shared/messages';
import { fullName } from '../../shared/format';
import { isOneOf, MAIL_KINDS, type MailKind } from '../../shared/vocabulary';

type Row = {
  action_id: string;
  agent_id: string | null;
  agent_name: string | null;
  kind: string;
  person_rut: number | null;
  created_at: string;
  /** applied: with a result, its mails were withheld (mail_withheld). */
  state: 'conflict' | 'rejected' | 'applied';
  result: string | null;
  payload: string;
  given_names: string | null;
  last_name1: string | null;
  last_name2: string | null;
  company_name: string | null;
  /** The person's contact as the replica has it now, with who changed it and when. */
  email: string | null;
  phone: string | null;
  email_changed_at: string | null;
  email_changed_by: string | null;
  phone_changed_at: string | null;
  phone_changed_by: string | null;
  /** Whether any action of this person still waits on this desk (the replica is then ahead). */
  person_pending: 0 | 1 | null;
};

// The company a membership or company action was about, named (an officer's issue may be about
// someone no longer on his laptop: the company still says where).
// Whose action it was, named (a supervisor sees every agent's).
const selectFrom = (
  outbox: string,
) => `SELECT o.seq, o.action_id, o.agent_id, a.display_name AS agent_name, o.kind, o.person_rut, o.created_at, o.state, o.result, o.payload,
    p.given_names, p.last_name1, p.last_name2, c.legal_name AS company_name,
    p.email, p.phone, p.email_changed_at, p.email_changed_by, p.phone_changed_at, p.phone_changed_by,
    EXISTS (SELECT 1 FROM outbox q WHERE q.person_rut = o.person_rut AND q.state = 'pending')
      AS person_pending
  FROM ${outbox} LEFT JOIN persons p ON p.rut = o.person_rut
  LEFT JOIN companies c ON c.rut = json_extract(o.payload, '$.companyRut')
  LEFT JOIN agents a ON a.id = o.agent_id`;
const SELECT = selectFrom('outbox o');
/**
 * The applied actions whose mails were withheld, from their partial index: SQLite would rather
 * walk every applied action by (state, seq), months of them, to find the few.
 */
const SELECT_WITHHELD = `${selectFrom('outbox o INDEXED BY outbox_mails_withheld')}
  WHERE o.state = 'applied' AND o.result IS NOT NULL`;

/** The bulk load an intent belongs to (apply-batch.ts writes it into its payload), if any. */
function batchIdOf(payload: string): string | null {
  try {
    const { batchId } = JSON.parse(payload) as { batchId?: unknown };
    return typeof batchId === 'string' ? batchId : null;
  } catch {
    return null;
  }
}

/** How many of a late load's people its row names (the rest are counted). */
export const LOAD_PERSONS_LISTED = 50;

/** The file a bulk load read, by its id (null: a load this desk no longer holds). */
const loadFileName = (ctx: ServiceContext, batchId: string): string | null =>
  (ctx.db.$client
    .prepare('SELECT file_name FROM bulk_batches WHERE id = ?')
    .pluck()
    .get(batchId) as string | undefined) ?? null;

/**
 * A bulk load's actions applied without their mails are one row, not one per changed address:
 * a load of thousands pushed late would bury everything else (and the badge would count them
 * all). The load's first action stands for it, with every mail kind any of them lacked.
 */
export function groupedByLoad(
  rows: ReadonlyArray<{ issue: SyncIssue; batchId: string | null }>,
  fileNameOf: (batchId: string) => string | null,
): SyncIssue[] {
  const loads = new Map<string, SyncIssue & { batch: NonNullable<SyncIssue['batch']> }>();
  const listed: SyncIssue[] = [];
  for (const { issue, batchId } of rows) {
    if (issue.state !== 'mail_withheld' || batchId === null) {
      listed.push(issue);
      continue;
    }
    const person =
      issue.personRut === null ? [] : [{ rut: issue.personRut, name: issue.personName }];
    const load = loads.get(batchId);
    if (load) {
      load.batch.count++;
      if (load.batch.persons.length < LOAD_PERSONS_LISTED) load.batch.persons.push(...person);
      for (const kind of issue.mailsWithheld) {
        if (!load.mailsWithheld.includes(kind)) load.mailsWithheld.push(kind);
      }
      continue;
    }
    const first = {
      ...issue,
      mailsWithheld: [...issue.mailsWithheld],
      batch: { id: batchId, fileName: fileNameOf(batchId), count: 1, persons: person },
    };
    loads.set(batchId, first);
    listed.push(first);
  }
  return listed;
}

/** What names the action in its intent's payload (queuedActionName). */
function namingOf(payload: string): { change?: unknown; decision?: unknown } {
  try {
    const { change, decision } = JSON.parse(payload) as { change?: unknown; decision?: unknown };
    return { change, decision };
  } catch {
    return {};
  }
}

/** What stands an action in this list: not applied as asked, or applied without its mails. */
const IN_LIST = `(o.state IN ('conflict', 'rejected') OR (o.state = 'applied' AND o.result IS NOT NULL))`;

function toIssue(row: Row): SyncIssue {
  const result = row.result
    ? (JSON.parse(row.result) as {
        code?: string;
        message?: string;
        conflicts?: SyncIssue['conflicts'];
        centralChange?: Partial<NonNullable<SyncIssue['centralChange']>> | null;
        mailsWithheld?: unknown;
      })
    : {};
  const withheld = Array.isArray(result.mailsWithheld)
    ? result.mailsWithheld.filter((kind): kind is MailKind => isOneOf(MAIL_KINDS, kind))
    : [];
  return {
    actionId: row.action_id,
    kind: queuedActionName(row.kind, namingOf(row.payload)),
    agentId: row.agent_id,
    agentName: row.agent_name,
    personRut: row.person_rut === null ? null : loginRut(rutFromBody(row.person_rut)),
    personName: row.given_names
      ? fullName({
          givenNames: row.given_names,
          lastName1: row.last_name1,
          lastName2: row.last_name2,
        })
      : null,
    companyName: row.company_name,
    createdAt: row.created_at,
    state: row.state === 'applied' ? 'mail_withheld' : row.state,
    code: result.code ?? null,
    message: result.message ?? null,
    mailsWithheld: withheld,
    ...centralSideNow(
      row,
      (result.conflicts ?? []).map((conflict) => withBefore(conflict, row.payload)),
      storedCentralChange(result.centralChange),
    ),
  };
}

/**
 * A contact conflict's central side as it is now, not as the refusal found it: the central may
 * have changed the field again since (another agent, a re-assigned action applied). With no
 * action of that person waiting here, the replica holds what the central had at the last pull,
 * with who changed it and when (persons.*_changed_at / _by); otherwise the refusal's values stay.
 */
function centralSideNow(
  row: Row,
  conflicts: SyncIssue['conflicts'],
  stored: SyncIssue['centralChange'],
): Pick<SyncIssue, 'conflicts' | 'centralChange'> {
  const contact = conflicts.filter((c) => c.field === 'email' || c.field === 'phone');
  if (
    row.state !== 'conflict' ||
    contact.length === 0 ||
    row.person_pending !== 0 ||
    row.given_names === null // no longer on this desk: the refusal is all there is
  ) {
    return { conflicts, centralChange: stored };
  }
  const now: Change = {
    entity: 'person',
    op: 'upsert',
    key: row.person_rut!,
    row: {
      email_changed_at: row.email_changed_at,
      email_changed_by: row.email_changed_by,
      phone_changed_at: row.phone_changed_at,
      phone_changed_by: row.phone_changed_by,
    },
  };
  const unchanged = contact.every((c) => c.theirs === row[c.field as 'email' | 'phone']);
  return {
    conflicts: conflicts.map((c) =>
      c.field === 'email' || c.field === 'phone' ? { ...c, theirs: row[c.field] } : c,
    ),
    // Undated in the replica (changed before it kept dates): the refusal's words hold only
    // while its values do.
    // The refusal's words while its values hold (the replica's row may predate who/when, 0032);
    // the replica's own once the value moved.
    centralChange:
      unchanged && stored !== null ? stored : centralChangeOf(contact, [now], row.person_rut),
  };
}

/**
 * A kept answer's `centralChange` as the contract has it now: one kept before it said who (or
 * of a kind no longer said: `record`) still reads, with nobody named or nothing at all.
 */
function storedCentralChange(
  stored: Partial<NonNullable<SyncIssue['centralChange']>> | null | undefined,
): SyncIssue['centralChange'] {
  if (!stored || typeof stored.at !== 'string') return null;
  const of = stored.of;
  if (of !== 'phone' && of !== 'email' && of !== 'contact') return null;
  return { at: stored.at, of, by: typeof stored.by === 'string' ? stored.by : null };
}

/**
 * A contact change's conflict with what the agent saw before changing it (the intent's `from`):
 * the three values side by side tell a correction of the same mistake from a real disagreement.
 */
function withBefore(
  conflict: SyncIssue['conflicts'][number],
  payload: string,
): SyncIssue['conflicts'][number] {
  try {
    const changes = (JSON.parse(payload) as { changes?: Record<string, { from?: unknown }> })
      .changes;
    const change = changes?.[conflict.field];
    return change && 'from' in change ? { ...conflict, before: change.from } : conflict;
  } catch {
    return conflict;
  }
}

/**
 * The actions the server did not apply, or applied without their mails, one agent's (`mine`) or
 * everyone's: from the (state, seq) index and the withheld mails' partial one either way
 * (`+agent_id`: see OUTBOX_SQL.pendingOfAgent). `mine` takes the agent twice.
 */
export const syncIssuesSql = (mine: boolean) => {
  const agent = mine ? 'AND +o.agent_id = ?' : '';
  return `${SELECT} WHERE o.state IN ('conflict', 'rejected') ${agent}
    UNION ALL ${SELECT_WITHHELD} ${agent} ORDER BY seq`;
};

/** A supervisor sees every agent's; anyone else, their own (a null session: all, for counts). */
export function listSyncIssues(ctx: ServiceContext, session: Session | null = null): SyncIssue[] {
  const mine = session !== null && session.role !== 'supervisor';
  const rows = ctx.db.$client
    .prepare(syncIssuesSql(mine))
    .all(...(mine ? [session.agentId, session.agentId] : [])) as Row[];
  return groupedByLoad(
    rows.map((row) => ({
      issue: toIssue(row),
      batchId: row.state === 'applied' ? batchIdOf(row.payload) : null,
    })),
    (batchId) => loadFileName(ctx, batchId),
  );
}

/**
 * The withheld mails' notes of one bulk load, taken all at once: every one of its actions
 * still listed as applied without its mails (this agent's alone, unless a supervisor). How many.
 */
function settleLoadWithheld(ctx: ServiceContext, session: Session, batchId: string): number {
  const mine = session.role !== 'supervisor';
  return ctx.db.$client
    .prepare(
      `UPDATE outbox SET result = NULL WHERE seq IN (
         SELECT seq FROM outbox INDEXED BY outbox_mails_withheld
         WHERE state = 'applied' AND result IS NOT NULL
           AND json_extract(payload, '$.batchId') = ? ${mine ? 'AND agent_id = ?' : ''})`,
    )
    .run(...(mine ? [batchId, session.agentId] : [batchId])).changes;
}

type PendingRow = {
  action_id: string;
  kind: string;
  change: unknown;
  decision: unknown;
  agent_id: string | null;
  agent_name: string | null;
  agent_active: number | null;
  person_rut: number | null;
  given_names: string | null;
  last_name1: string | null;
  last_name2: string | null;
  created_at: string;
  sent_by: string | null;
  sent_by_name: string | null;
  reassign_reason: string | null;
  mail_kind: string | null;
};

/**
 * The pending actions' rows, with who took them and on whom: one agent's (`mine`) or everyone's.
 * From the (state, seq) index either way (`+agent_id`: see OUTBOX_SQL.pendingOfAgent); the mail
 * an action queued here, by the mails' index of actions.
 */
export const pendingActionsSql = (mine: boolean) =>
  `SELECT o.action_id, o.kind, json_extract(o.payload, '$.change') AS change,
     json_extract(o.payload, '$.decision') AS decision, o.agent_id,
     a.display_name AS agent_name, a.active AS agent_active, o.person_rut,
     p.given_names, p.last_name1, p.last_name2, o.created_at,
     o.sent_by, s.display_name AS sent_by_name, o.reassign_reason,
     (SELECT m.kind FROM mails m WHERE m.action_id = o.action_id ORDER BY m.id LIMIT 1) AS mail_kind
   FROM outbox o
   LEFT JOIN agents a ON a.id = o.agent_id
   LEFT JOIN agents s ON s.id = o.sent_by
   LEFT JOIN persons p ON p.rut = o.person_rut
   WHERE o.state = 'pending' ${mine ? 'AND +o.agent_id = ?' : ''}
   ORDER BY o.seq`;

/**
 * The actions waiting to reach the central API, oldest first: the same rows the status counts
 * (`state = 'pending'`) and the record lists for its person. A supervisor sees every agent's;
 * anyone else, their own (the others are only counted, in the status).
 */
export function listPendingActions(ctx: ServiceContext, session: Session): PendingAction[] {
  const mine = session.role !== 'supervisor';
  const rows = ctx.db.$client
    .prepare(pendingActionsSql(mine))
    .all(...(mine ? [session.agentId] : [])) as PendingRow[];
  return rows.map((row) => ({
    actionId: row.action_id,
    kind: queuedActionName(row.kind, row),
    agentId: row.agent_id,
    agentName: row.agent_name,
    agentDisabled: row.agent_active === 0,
    personRut: row.person_rut === null ? null : loginRut(rutFromBody(row.person_rut)),
    personName: row.given_names
      ? fullName({
          givenNames: row.given_names,
          lastName1: row.last_name1,
          lastName2: row.last_name2,
        })
      : null,
    createdAt: row.created_at,
    sentBy: row.sent_by,
    sentByName: row.sent_by_name,
    reassignReason: row.reassign_reason,
    mailKind: row.mail_kind,
  }));
}

export function resolveSyncIssue(
  ctx: ServiceContext,
  session: Session,
  actionId: string,
  choice: 'keep_theirs' | 'keep_mine' | 'dismiss',
): SyncIssue[] {
  const sqlite = ctx.db.$client;
  sqlite.transaction(() => {
    /** A bulk load's withheld mails taken note of at once: which load, how many actions. */
    let settled: { batchId: string; fileName: string | null; count: number } | null = null;
    const row = sqlite.prepare(`${SELECT} WHERE o.action_id = ? AND ${IN_LIST}`).get(actionId) as
      Row | undefined;
    if (!row) throw new NotFoundError('sync_issue');
    if (session.role !== 'supervisor' && row.agent_id !== session.agentId) {
      throw new ForbiddenError('role');
    }
    const issue = toIssue(row);
    // A temporary block (Ley 21.719) is no value of someone else's: nothing to force over it.
    const blockedBy = blockingRequestIn(issue.conflicts);
    if (choice === 'keep_mine' && blockedBy !== null) {
      throw new RuleError('person_blocked', { number: blockedBy });
    }
    if (choice === 'keep_mine') {
      // Sending my value again is a new contact edit with every safeguard of one: validation,
      // the identity facts checked for the original action, confirmation of a new e-mail.
      if (
        issue.state !== 'conflict' ||
        row.kind !== 'person.update_contact' ||
        row.person_rut === null
      ) {
        throw new RuleError('no_change');
      }
      const wanted = Object.fromEntries(issue.conflicts.map((c) => [c.field, c.yours]));
      const original = sqlite
        .prepare('SELECT identity_check FROM audit_events WHERE id = ?')
        .get(actionId) as { identity_check: string | null } | undefined;
      const person = ctx.repos.writes.person(row.person_rut);
      // Gone from this desk (an officer's company taken from him): said so, not «búsquela».
      if (!person) throw new RuleError('person_left_desk');
      editContact(ctx, session, {
        personRut: row.person_rut,
        email: typeof wanted['email'] === 'string' ? wanted['email'] : undefined,
        phone:
          'phone' in wanted
            ? typeof wanted['phone'] === 'string'
              ? wanted['phone']
              : ''
            : undefined,
        reason: syncMessages.keepMineReason,
        identityCheck: original?.identity_check
          ? (JSON.parse(original.identity_check) as IdentityFact[])
          : [],
        expectedVersion: person.version,
        // A decision of the call it was taken in, sent again: not an act of whatever is open.
        outsideCall: true,
      });
    }
    if (issue.state === 'mail_withheld') {
      // It was applied: it stays so (a central restored from a backup is sent it again), and only
      // the note of its mails goes. Nothing but «Entendido» settles it.
      if (choice !== 'dismiss') throw new RuleError('no_change');
      // A bulk load's are listed as one: taken note of as one (groupedByLoad).
      const batchId = batchIdOf(row.payload);
      if (batchId !== null) {
        settled = {
          batchId,
          fileName: loadFileName(ctx, batchId),
          count: settleLoadWithheld(ctx, session, batchId),
        };
      } else {
        sqlite.prepare('UPDATE outbox SET result = NULL WHERE action_id = ?').run(actionId);
      }
    } else {
      sqlite.prepare("UPDATE outbox SET state = 'resolved' WHERE action_id = ?").run(actionId);
    }
    ctx.repos.audit.append({
      id: newId(),
      at: ctx.now().toISOString(),
      agentId: session.agentId,
      deviceId: ctx.deviceId,
      // A load's is about many people: none of them in particular (nor in their data exports).
      personRut: settled ? null : row.person_rut,
      action: 'sync.resolve',
      before: row.result,
      after: JSON.stringify({ choice, actionId, ...settled }),
      reason: null,
      identityCheck: null,
      // Desk work, not a call's: the original action's row in its own call says it was
      // reviewed (actionSyncWords.resolved); a call or visit open now had no part in it.
      interactionId: null,
    });
  })();
  return listSyncIssues(ctx, session);
}
