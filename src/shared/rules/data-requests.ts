/**
 * Ley 21.719 data-subject requests as pure rules, the same on the desk and on the central API:
 * the rights (art. 4), how a request moves between states, which deadline applies, what a
 * temporary block allows, and the request's human-readable number. No dates are computed here
 * beyond choosing the rule; the arithmetic is in legal-deadlines.ts.
 */

import { MIN_REASON_LENGTH } from '../policy';
import {
  addCalendarDays,
  blockingDeadline,
  businessDaysBetween,
  calendarDaysBetween,
  responseDeadline,
  type CalendarDate,
} from './legal-deadlines';

/** Art. 4: acceso, rectificación, supresión, oposición, portabilidad, bloqueo (temporal). */
export const DATA_RIGHTS = [
  'access',
  'rectification',
  'deletion',
  'objection',
  'portability',
  'blocking',
] as const;
export type DataRight = (typeof DATA_RIGHTS)[number];

/**
 * Art. 11: a temporary block is obtained on a request of rectification, deletion or objection,
 * and holds while such a request is decided: the rights a block stands on.
 */
export const BLOCKABLE_RIGHTS: readonly DataRight[] = ['rectification', 'deletion', 'objection'];

/** How the request reached us. */
export const DATA_REQUEST_CHANNELS = ['phone', 'in_person', 'email', 'portal'] as const;
export type DataRequestChannel = (typeof DATA_REQUEST_CHANNELS)[number];

export const DATA_REQUEST_STATES = [
  'received',
  'in_progress',
  'extended',
  'answered',
  'denied',
] as const;
export type DataRequestState = (typeof DATA_REQUEST_STATES)[number];

/** States that still run against the deadline. */
export const OPEN_STATES: readonly DataRequestState[] = ['received', 'in_progress', 'extended'];
export const isOpen = (state: DataRequestState) => OPEN_STATES.includes(state);

/** Whether a block has a request to stand on among these: one of BLOCKABLE_RIGHTS still open. */
export function blockableOpen(
  requests: ReadonlyArray<{ right: DataRight; state: DataRequestState }>,
): boolean {
  return requests.some((r) => BLOCKABLE_RIGHTS.includes(r.right) && isOpen(r.state));
}

/**
 * How the caller's identity was established. `facts`: the registered facts compared on the call
 * (at least IDENTITY_FACTS_REQUIRED of them); the others are documents seen or signed.
 */
export const IDENTITY_METHODS = [
  'facts',
  'identity_card',
  'clave_unica',
  'signed_document',
] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/**
 * Whether an identity method can have been used on a channel: a card is shown in person; the
 * registered facts are compared by asking, on the phone or face to face — a mail or a portal
 * form that lists them compares nothing; ClaveÚnica is the titular signing in to the portal,
 * which no call, mail or counter sees. A document with an advanced electronic signature can
 * reach the agent whatever the channel (sent by mail during a call, shown at the counter).
 */
export function identityMethodFits(method: IdentityMethod, channel: DataRequestChannel): boolean {
  if (method === 'identity_card') return channel === 'in_person';
  if (method === 'facts') return channel === 'phone' || channel === 'in_person';
  if (method === 'clave_unica') return channel === 'portal';
  return true;
}

/** The longest titular's name taken for a request of someone the system holds nothing of. */
export const TITULAR_NAME_MAX = 200;

export type TitularWithoutDataRefusal =
  'titular_name_required' | 'titular_block_nothing' | 'titular_no_facts';

/** A titular's name as given: at least a name and a surname, in letters, and not too long. */
export function titularNameFits(name: string | null): boolean {
  const trimmed = name?.trim() ?? '';
  return /\p{L}{2,}\s+\p{L}{2,}/u.test(trimmed) && trimmed.length <= TITULAR_NAME_MAX;
}

/**
 * A request from someone the system holds no data of (their RUT has no person): the law still
 * wants it recorded and answered — the answer being that nothing of theirs is kept beyond the
 * request itself. Their name is taken as they say it (no record to take it from); no registered
 * facts exist to compare, so the identity is checked another way; and a temporary block has
 * nothing to block. Null: it may be recorded.
 */
export function titularWithoutDataRefusal(request: {
  right: DataRight;
  method: IdentityMethod;
  titularName: string | null;
}): TitularWithoutDataRefusal | null {
  if (!titularNameFits(request.titularName)) return 'titular_name_required';
  if (request.right === 'blocking') return 'titular_block_nothing';
  if (request.method === 'facts') return 'titular_no_facts';
  return null;
}

/** A request's moves. `extend` happens once; `deny` and `extend` need a reason. */
export const DATA_REQUEST_MOVES = {
  start: { from: ['received'], to: 'in_progress', reason: false },
  extend: { from: ['received', 'in_progress'], to: 'extended', reason: true },
  answer: { from: ['received', 'in_progress', 'extended'], to: 'answered', reason: false },
  deny: { from: ['received', 'in_progress', 'extended'], to: 'denied', reason: true },
} as const satisfies Record<
  string,
  { from: readonly DataRequestState[]; to: DataRequestState; reason: boolean }
>;
export type DataRequestMove = keyof typeof DATA_REQUEST_MOVES;
export const DATA_REQUEST_MOVE_NAMES = Object.keys(DATA_REQUEST_MOVES) as DataRequestMove[];

/** What the titular asks, in a few words at least: it is what must be answered. */
export const MIN_DETAIL_LENGTH = 3;

export type MoveRefusal =
  | 'invalid_transition'
  | 'already_extended'
  | 'no_extension_for_blocking'
  | 'term_passed'
  | 'reason_required';

export type MoveCheck = { ok: true; to: DataRequestState } | { ok: false; code: MoveRefusal };

/**
 * May `request` make `move`, decided on `decidedOn` (Santiago)? The 30-day term may be extended
 * once (art. 11), before it ends: one already over is late, and an extension after the fact
 * would hide how late (walk 60b H1); a blocking request (2 business days) has no extension.
 */
export function checkMove(
  request: { state: DataRequestState; right: DataRight; extended: boolean; dueDate: CalendarDate },
  move: DataRequestMove,
  reason: string | null,
  decidedOn: CalendarDate,
): MoveCheck {
  const rule = DATA_REQUEST_MOVES[move];
  if (move === 'extend' && request.right === 'blocking') {
    return { ok: false, code: 'no_extension_for_blocking' };
  }
  if (move === 'extend' && request.extended) return { ok: false, code: 'already_extended' };
  if (move === 'extend' && decidedOn > request.dueDate) return { ok: false, code: 'term_passed' };
  if (!(rule.from as readonly DataRequestState[]).includes(request.state)) {
    return { ok: false, code: 'invalid_transition' };
  }
  if (rule.reason && (reason?.trim().length ?? 0) < MIN_REASON_LENGTH) {
    return { ok: false, code: 'reason_required' };
  }
  return { ok: true, to: rule.to };
}

/** Which term applies: blocking is answered in business days, every other right in calendar days. */
export function deadlineKind(right: DataRight): 'blocking' | 'response' {
  return right === 'blocking' ? 'blocking' : 'response';
}

/**
 * Whether a request was closed after its due date, and by how many days (business days for a
 * block, calendar days for the other rights, as its term was counted). A block closed the
 * weekend after its last day is late by no business day, yet late. `closedOn` is the day it was
 * answered or denied, in Santiago.
 */
export function closedLate(
  right: DataRight,
  dueDate: CalendarDate,
  closedOn: CalendarDate,
): { late: boolean; days: number } {
  if (closedOn <= dueDate) return { late: false, days: 0 };
  return {
    late: true,
    days:
      deadlineKind(right) === 'blocking'
        ? businessDaysBetween(dueDate, closedOn)
        : calendarDaysBetween(dueDate, closedOn),
  };
}

/** The due date a new request gets, from the day it was received (Santiago). */
export function firstDueDate(right: DataRight, receivedDate: CalendarDate): CalendarDate {
  return deadlineKind(right) === 'blocking'
    ? blockingDeadline(receivedDate).due
    : responseDeadline(receivedDate).due;
}

/** How far back a written request may be dated when it is recorded days after it arrived. */
export const RECEIVED_ON_MAX_DAYS_BACK = 30;

/** The channels a request arrives on in writing, to be recorded when someone reads it. */
export const WRITTEN_CHANNELS: readonly DataRequestChannel[] = ['email', 'portal'];

/**
 * Art. 11's term runs from the day the request was received, not the day it was typed in: a
 * call or a counter visit is received as it is recorded (today); a mail or a portal form on the
 * day it arrived, which is never after today. More than RECEIVED_ON_MAX_DAYS_BACK before is most
 * likely a typo (the year): it is recorded only once the agent confirms it (`lateConfirmed`),
 * with its term already run — the register says when it truly arrived, never a later day.
 */
export function receivedOnFits(
  channel: DataRequestChannel,
  receivedOn: CalendarDate,
  today: CalendarDate,
  lateConfirmed = false,
): 'ok' | 'spoken_today' | 'future' | 'too_old' {
  if (receivedOn > today) return 'future';
  if (receivedOn === today) return 'ok';
  if (!WRITTEN_CHANNELS.includes(channel)) return 'spoken_today';
  return receivedOn < addCalendarDays(today, -RECEIVED_ON_MAX_DAYS_BACK) && !lateConfirmed
    ? 'too_old'
    : 'ok';
}

/** Deletion and objection are decided by the system of record: the desk only forwards them. */
export function forwardedForDecision(right: DataRight): boolean {
  return right === 'deletion' || right === 'objection';
}

/** The action kinds a Ley 21.719 request itself takes (outbox and audit). */
export const DATA_REQUEST_KINDS = [
  'data_request.record',
  'data_request.move',
  'data_request.unblock',
] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const isDataRequestKind = (kind: string): kind is DataRequestKind =>
  (DATA_REQUEST_KINDS as readonly string[]).includes(kind);

export type ActiveBlock = { requestNumber: string; since: string };
export type LinkedRequest = {
  number: string;
  personRut: number;
  right: DataRight;
  state: DataRequestState;
};

/**
 * The one change a request is answered through on the person's record: a rectification, by the
 * contact edit. No other right is answered by changing the person, so no other links a change.
 */
const ANSWERED_BY: Partial<Record<DataRight, string>> = { rectification: 'person.update_contact' };

/**
 * Whether an action may be taken under `linked` (the request it names): an open request of that
 * same person, whose right this very action answers. The desk refuses naming any other
 * (`data_request_not_linkable`); blockDecision lets only such an action through a block.
 */
export function linksTo(
  action: { kind: string; personRut: number },
  linked: LinkedRequest | null,
): boolean {
  return (
    linked !== null &&
    linked.personRut === action.personRut &&
    isOpen(linked.state) &&
    Object.hasOwn(ANSWERED_BY, linked.right) &&
    ANSWERED_BY[linked.right] === action.kind
  );
}

export type BlockDecision =
  { allowed: true } | { allowed: false; code: 'person_blocked'; requestNumber: string };

/**
 * THE blocking rule (art. 11 "bloqueo temporal"), for every action on a person, on the desk and
 * on the central API: while a block is active, nothing changes the person except the requests'
 * own actions (recording, moving or unblocking a Ley 21.719 request) and the change that answers
 * an open request of that same person (linksTo: a contact edit under its rectification) — not
 * any action naming any open request, the blocking one included.
 */
export function blockDecision(
  block: ActiveBlock | null,
  action: { kind: string; personRut: number; linked: LinkedRequest | null },
): BlockDecision {
  if (block === null) return { allowed: true };
  if (isDataRequestKind(action.kind)) return { allowed: true };
  if (linksTo(action, action.linked)) return { allowed: true };
  return { allowed: false, code: 'person_blocked', requestNumber: block.requestNumber };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Six readable characters naming this device (30 bits of its UUID, Crockford base 32: no I, L,
 * O or U), so numbers made offline on different desks never need a central allocation.
 */
export function deviceCode(deviceId: string): string {
  const hex = deviceId
    .replace(/[^0-9a-f]/gi, '')
    .slice(0, 8)
    .padEnd(8, '0');
  let value = Number.parseInt(hex, 16) >>> 2;
  let code = '';
  for (let i = 0; i < 6; i++) {
    code = CROCKFORD[value & 31] + code;
    value >>>= 5;
  }
  return code;
}

/** `SOL-7QK2MD-0001`: prefix, device code, this device's sequence. */
export function requestNumber(deviceId: string, sequence: number): string {
  return `SOL-${deviceCode(deviceId)}-${String(sequence).padStart(4, '0')}`;
}

export const REQUEST_NUMBER = /^SOL-[0-9A-HJKMNP-TV-Z]{6}-\d{4,}$/;

/**
 * The request whose temporary block a central conflict names (apply-intent's blockedOutcome:
 * field `blocked`, theirs = the request's number), or null for any other conflict. Such a
 * conflict is no other agent's value to weigh against the agent's own: it is a refusal, settled
 * only by keeping what the central has.
 */
export function blockingRequestIn(
  conflicts: ReadonlyArray<{ field: string; theirs: unknown }>,
): string | null {
  const blocked = conflicts.find((c) => c.field === 'blocked');
  return blocked ? String(blocked.theirs ?? '') : null;
}

/**
 * Who generates, downloads and removes the files that answer an access or portability request: a
 * supervisor (the data-protection contact). The file holds all the titular is owed — other agents'
 * requests with their text, who looked at the record — which an agent's screens never show («Su
 * detalle lo ve un supervisor»): registering a request is no way to read it (walk 60b M1).
 */
export function mayExportPersonData(role: 'agent' | 'supervisor' | 'prevention'): boolean {
  return role === 'supervisor';
}
