/**
 * Help-desk policy values. Shared so the renderer can show what main will enforce.
 */
import { normalizePhone } from './phone';

/** A queued mail older than this when it reaches the server is not sent (never flood late). */
export const MAIL_FRESHNESS_MS = 2 * 60 * 60_000;

/**
 * How stale a device's «Último contacto» may get on the central API while it polls with nothing
 * new to pull (a write per poll is not worth it); the devices list says so.
 */
export const CONTACT_NOTED_MS = 5 * 60_000;

/**
 * A queue that has not moved for this long while the central API answers is an alarm on the
 * desk («la cola no avanza»): something support must look at.
 */
export const QUEUE_STUCK_AFTER_MS = 10 * 60_000;

/** A caller is not flooded: the same kind of mail to the same portal waits this long. */
export const MAIL_COOLDOWN_MINUTES = 10;

/**
 * Facts an agent may confirm with the caller before a sensitive action: only facts the system
 * holds (see identity-facts.ts for which ones a given person can be asked for).
 */
export const IDENTITY_FACTS = [
  'serial_number',
  'registered_phone',
  'registered_email',
  'employer',
] as const;
export type IdentityFact = (typeof IDENTITY_FACTS)[number];
/** Facts older versions accepted; kept only so old audit rows stay readable. */
export type RetiredIdentityFact = 'birth_date';
/** How many facts must match before a sensitive action. */
export const IDENTITY_FACTS_REQUIRED = 2;
/**
 * A mobile changed within this time, on any desk, proves nothing of who calls: changing it needs
 * no identity check, so one call could change it and then read its new digits back as proof.
 */
export const PHONE_PROOF_AFTER_CHANGE_MS = 24 * 3_600_000;
/**
 * When a mobile changed at `changedAt` (ISO, as persons.phone_changed_at keeps it; null: never
 * since it was loaded) proves who calls again; null when it already does at `now`.
 */
export function phoneNoProofUntil(changedAt: string | null, now: Date): string | null {
  if (changedAt === null) return null;
  const until = Date.parse(changedAt) + PHONE_PROOF_AFTER_CHANGE_MS;
  return until > now.getTime() ? new Date(until).toISOString() : null;
}

/** The longest notes a call closes with. */
export const CALL_NOTES_MAX = 2000;

/** Why people call, from the two FAQs. */
export const INTERACTION_REASONS = [
  'forgot_password',
  'locked_attempts',
  'first_registration',
  'mail_not_arriving',
  'rut_not_registered',
  'company_not_adherent',
  'dismissed',
  'email_change',
  'company_access',
  'agreement_pending',
  'profiles_permissions',
  'other',
] as const;
export type InteractionReason = (typeof INTERACTION_REASONS)[number];

export const INTERACTION_OUTCOMES = ['resolved', 'escalated', 'unresolved', 'callback'] as const;
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number];
/** Characters of notes a call closed with something still pending needs: what, and for whom. */
export const PENDING_NOTES_MIN = 3;
/**
 * A call closed unresolved, escalated or for a callback says in its notes what is pending; one
 * resolved with no action of the desk, how it was (advice, the caller's own steps): a
 * «Resuelto» with nothing behind it tells the next agent nothing.
 */
/**
 * A call or visit opened by mistake (the wrong button, a caller who hung up before a word) may be
 * discarded by its agent this long after it opened, while nothing is done in it: later, it was a
 * call, and is closed as one (with «No resuelto» and a note, if that is what it was).
 */
export const CALL_DISCARD_MS = 2 * 60_000;

export function notesRequired(outcome: InteractionOutcome, actions: number): boolean {
  return outcome !== 'resolved' || actions === 0;
}

/**
 * Someone calling for the person — a daughter for her father, a carer, a co-worker. Seed 000:
 * «el acceso es personal». With them on the line the desk explains, unlocks, and sends mails to
 * the person's own registered address (nothing reaches the caller); every other change to the
 * person's access or data waits until the person calls. A Ley 21.719 request is the exception:
 * the law lets a representative make it, and its own identity check (a signed document, the
 * card) decides, as for any request.
 */
export const ON_BEHALF_RELATIONS = ['family', 'carer', 'coworker', 'other'] as const;
export type OnBehalfRelation = (typeof ON_BEHALF_RELATIONS)[number];
export const ON_BEHALF_NAME_MIN = 2;
/** The caller's name as the agent writes it: at least ON_BEHALF_NAME_MIN letters («12345» is none). */
export function onBehalfNameFits(name: string): boolean {
  return (name.match(/\p{L}/gu)?.length ?? 0) >= ON_BEHALF_NAME_MIN;
}
const ON_BEHALF_ALLOWED: ReadonlySet<string> = new Set(['account.unlock', 'mail.resend']);

/** Whether an action for the person may be taken while someone else calls in their name. */
export function allowedOnBehalf(kind: string): boolean {
  return ON_BEHALF_ALLOWED.has(kind) || kind.startsWith('data_request.');
}

/**
 * Whether someone on the open call speaks in `personRut`'s name: the call's person, or whoever is
 * acted for first if the call names nobody yet. Another person acted for in the same call is not
 * the one spoken for. The desk's dialog and main's runAction ask the same (RUT as text or body).
 */
export function speaksFor<R>(
  call: { onBehalf: unknown; personRut: R | null } | null,
  personRut: R,
): boolean {
  return (
    call !== null &&
    call.onBehalf !== null &&
    (call.personRut === null || call.personRut === personRut)
  );
}

/** Whether the open call refuses `kind` for `personRut`: spoken for, and not allowedOnBehalf. */
export function refusedOnBehalf<R>(
  call: { onBehalf: unknown; personRut: R | null } | null,
  personRut: R,
  kind: string,
): boolean {
  return speaksFor(call, personRut) && !allowedOnBehalf(kind);
}

/** Supervisors see every agent's calls (and so who took each); others see their own. */
export function seesAllInteractions(role: 'agent' | 'supervisor' | 'prevention'): boolean {
  return role === 'supervisor';
}

/** Bulk loads (issue 8): a company's file changes many people at once, so supervisors only. */
export function mayBulkLoad(role: 'agent' | 'supervisor' | 'prevention'): boolean {
  return role === 'supervisor';
}

/**
 * One plain mailbox, as the portals' own forms take it: a local part of letters, digits and
 * `. _ % + -` (no dot at either end, none doubled) and a domain of letter, digit and hyphen
 * labels ending in a top-level domain of letters. Nothing a mailer could read as a list or a
 * display name («a,b@x.cl», «x;b@y.cl», «a<b@y.cl>», «a(c)@y.cl», quotes, spaces), nor an
 * accented local part no Chilean mailbox provider gives out: such text never becomes a
 * recipient, here or on the central API.
 */
const EMAIL =
  /^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Lower-cased e-mail, or null when it is not one (see EMAIL). */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  const local = email.slice(0, email.indexOf('@'));
  return email.length <= 254 && local.length <= 64 && EMAIL.test(email) ? email : null;
}

/** E.164 Chilean mobile (`+56 9 XXXX XXXX`), or null. */
export function normalizeMobile(input: string): string | null {
  const phone = normalizePhone(input);
  return phone !== null && phone.startsWith('+569') ? phone : null;
}

/**
 * A change's reason (an action, a bulk load or its undo, a re-assignment, a Ley 21.719 request's
 * extension or denial) is at least this long: a few words, said as one minimum everywhere.
 */
export const MIN_REASON_LENGTH = 3;
/** The longest reason any action keeps: every reason field of the desk and the wire caps it here. */
export const REASON_MAX = 500;

/**
 * What a supervisor asks of the central API from the desk (issue 11: revoking a device, giving
 * a company to a prevention officer or taking it) needs a reason this long, kept in the audit —
 * as long as the central API asks for an assignment's.
 */
export const MIN_ADMIN_REASON = 3;
