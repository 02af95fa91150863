/**
 * An audit event's before/after as a person reads it: each field with its Spanish label and
 * its value shown the way the rest of the desk shows it (dates dd-mm-aaaa in Santiago, RUTs
 * with check digit, catalogue labels instead of codes). The audit screen and its CSV share it.
 */
import { shortDeviceId } from './ids';
import { formatDateTime, formatDay, formatNumber } from './format';
import {
  actionLabels,
  addressRefusalLabels,
  auditChoiceLabels,
  auditDeviceMessages,
  auditDetailLabels,
  auditMessages,
  causeShortLabels,
  companyAuditLabels,
  dataExportTexts,
  dataRequestLabels,
  fieldLabels,
  identityFactLabels,
  interactionOutcomeLabels,
  interactionReasonLabels,
  lockAuditLabels,
  mailKindLabels,
  membershipStateLabels,
  profileStandingLabels,
  moduleLabels,
  requestCapacityLabels,
  requestStateLabels,
  interactionAuditLabels,
  interactionKindWords,
  roleLabels,
  viewViaLabelsOf,
  exportFormatLabels,
  onBehalfText,
  portalLabels,
} from './messages';
import type { OnBehalfRelation } from './policy';
import type { InteractionKind } from './vocabulary';
import { formatPhone } from './phone';
import { formatRut, readRut, rutFromBody } from './rut';
import { blockingRequestIn } from './rules/data-requests';
import { fullName } from './format';

/** One field of an event: `before → after` when it changed, otherwise the value it had. */
export type AuditDetail = {
  label: string;
  /** Present when the event recorded the field before the action. */
  before?: string;
  /** Present when the event recorded the field after the action. */
  after?: string;
  /** Both sides recorded and different: show `before → after`. */
  changed: boolean;
};

/** Internal identifiers that mean nothing to a supervisor reading the event. */
// decisionId: a supervisor's decision asked of the central API, kept to audit it once.
const HIDDEN = new Set(['actionId', 'seenVersion', 'auditThroughSeq', 'decisionId']);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A day (`aaaa-mm-dd`), as legal deadlines are kept. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const lookup = (labels: Record<string, string>, value: unknown) =>
  typeof value === 'string' ? (labels[value] ?? value) : show(value);

/** A company or person RUT stored as its body (a number) or as text. */
function rutText(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    return formatRut(rutFromBody(value));
  }
  if (typeof value === 'string') {
    const rut = readRut(value);
    return rut ? formatRut(rut) : value;
  }
  return show(value);
}

function conflictsText(value: unknown): string {
  if (!Array.isArray(value)) return show(value);
  if (value.length === 0) return auditMessages.empty;
  const request = blockingRequestIn(
    value.map((item) => ({
      field: String((item as { field?: unknown } | null)?.field ?? ''),
      theirs: (item as { theirs?: unknown } | null)?.theirs,
    })),
  );
  if (request !== null) return auditMessages.blockedConflict(request);
  return value
    .map((item) => {
      const conflict = (item ?? {}) as { field?: unknown; yours?: unknown; theirs?: unknown };
      const field = typeof conflict.field === 'string' ? conflict.field : '';
      return auditMessages.conflict(
        fieldLabels[field] ?? auditDetailLabels[field] ?? field,
        valueText(field, conflict.yours),
        valueText(field, conflict.theirs),
      );
    })
    .join('; ');
}

/** Any value, without a field to tell what it is. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return auditMessages.empty;
  if (typeof value === 'boolean') return value ? auditMessages.yes : auditMessages.no;
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'number') return formatNumber(value);
  return JSON.stringify(value);
}

/**
 * Who an agent id is, and which company a RUT body is, when the reader knows (the Auditoría
 * screen and its CSV do: the company the event's change names, when the replica holds it).
 */
export type AuditNames = {
  agent?: (agentId: string) => string;
  company?: AuditCompany | null;
  /** Who asked for a company's change (its callerRut), when the replica holds that person. */
  caller?: AuditPerson | null;
  /**
   * Whether the event's agent takes calls or, a prevention officer, makes visits (the event's
   * `agentKind`): who spoke for the person and where a record was opened from, in his words.
   * Not known: a call's.
   */
  kind?: InteractionKind;
  /** The event's own reason, shown beside its changes: a change's field that repeats it is left out. */
  reason?: string | null;
};

/** A person an event's change names: RUT body and full name. */
export type AuditPerson = { rut: number; name: string };

/** The company an event's change is about: its RUT body and legal name. */
export type AuditCompany = { rut: number; name: string };

/** A company's RUT, with its name before it when the reader knows that company. */
function companyText(value: unknown, company: AuditNames['company']): string {
  const rut = rutText(value);
  const body = typeof value === 'number' ? value : readRut(String(value))?.body;
  return company && body === company.rut ? auditMessages.company(company.name, rut) : rut;
}

const facts = (value: unknown) =>
  Array.isArray(value)
    ? value.map((fact) => lookup(identityFactLabels, fact)).join(', ')
    : show(value);

/** A person added on the phone (the company half): their name and e-mail. */
function newPersonText(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return show(value);
  const person = value as Record<string, unknown>;
  const part = (key: string) => (typeof person[key] === 'string' ? person[key] : null);
  const name = fullName({
    givenNames: part('givenNames'),
    lastName1: part('lastName1'),
    lastName2: part('lastName2'),
  });
  const email = typeof person['email'] === 'string' ? person['email'] : null;
  return [name, email].filter(Boolean).join(', ') || show(value);
}

/**
 * Who called (or, at a visit, spoke) in the person's name: «Juana González (Familiar)», or the
 * person.
 */
function onBehalfValue(value: unknown, kind: InteractionKind): string {
  if (value === null || value === undefined) return interactionKindWords[kind].onBehalf.itself;
  const who = value as Record<string, unknown>;
  return typeof who['name'] === 'string' && typeof who['relation'] === 'string'
    ? onBehalfText({ name: who['name'], relation: who['relation'] as OnBehalfRelation })
    : show(value);
}

/** A field's value as the desk shows it. */
export function valueText(field: string, value: unknown, names: AuditNames = {}): string {
  const kind = names.kind ?? 'call';
  // Nobody in the person's name: the person called.
  if (field === 'onBehalf') return onBehalfValue(value, kind);
  if (value === null || value === undefined || value === '') return auditMessages.empty;
  switch (field) {
    case 'companyRut':
      return companyText(value, names.company);
    // A run's id tells its events apart from another run's: its first characters do, read whole
    // only by support (the machine export keeps it).
    case 'selectionId':
      return typeof value === 'string' && value.length > 8
        ? `${value.slice(0, 8)}…`
        : String(value);
    case 'personRut':
    case 'callPerson':
      return rutText(value);
    case 'callerRut': {
      // «Gloria Paz Morales Reyes (14.725.836-4)», not a bare RUT, when the reader knows her.
      const body = typeof value === 'number' ? value : readRut(String(value))?.body;
      return names.caller && body === names.caller.rut
        ? auditMessages.company(names.caller.name, rutText(value))
        : rutText(value);
    }
    case 'agentId':
    case 'sentBy':
      return typeof value === 'string' && names.agent ? names.agent(value) : show(value);
    // The company half (issue 7).
    case 'capacity':
      return lookup(requestCapacityLabels, value);
    case 'decision':
      return lookup(companyAuditLabels.decisions, value);
    case 'change':
      return lookup(companyAuditLabels.changes, value);
    case 'fromState':
      return lookup(membershipStateLabels, value);
    // An undone bulk load's address, confirmed again on these portals (no mail).
    case 'reverify':
      return Array.isArray(value)
        ? value.map((portal) => lookup(portalLabels, portal)).join(', ') || auditMessages.empty
        : show(value);
    case 'modules':
    case 'fromModules':
      return Array.isArray(value)
        ? value.map((module) => lookup(moduleLabels, module)).join(', ') || auditMessages.empty
        : show(value);
    case 'callerFacts':
      return facts(value);
    case 'newPerson':
      return newPersonText(value);
    // Actions taken over on a shared desk: how many (their ids mean nothing to a reader).
    case 'actions':
      return Array.isArray(value) ? formatNumber(value.length) : show(value);
    case 'phone':
      return typeof value === 'string' ? formatPhone(value) : show(value);
    // A revoked device (issue 11): by the start of its identifier, as Sincronización lists it.
    case 'deviceId':
      return typeof value === 'string' ? shortDeviceId(value) : show(value);
    // A membership's state (or its standing: an unsigned company profile), a Ley 21.719
    // request's or a Portal Empresas request's (their codes do not overlap).
    case 'state':
      return lookup(
        { ...profileStandingLabels, ...dataRequestLabels.states, ...requestStateLabels },
        value,
      );
    // Ley 21.719 requests (issue 10).
    case 'right':
      return lookup(dataRequestLabels.rights, value);
    case 'channel':
      return lookup(dataRequestLabels.channels, value);
    case 'identityMethod':
      return lookup(dataRequestLabels.identityMethods, value);
    case 'dueDate':
      return typeof value === 'string' && ISO_DATE.test(value) ? formatDay(value) : show(value);
    case 'files':
      return Array.isArray(value) ? value.map(show).join(', ') : show(value);
    // An export's rows per section.
    case 'counts':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value)
            .map(([section, count]) => {
              const title = (dataExportTexts.sections as Record<string, string>)[section];
              return `${title ?? section}: ${show(count)}`;
            })
            .join(', ')
        : show(value);
    case 'role':
      return lookup(roleLabels, value);
    case 'kind':
      return lookup({ ...mailKindLabels, ...actionLabels }, value);
    case 'reason':
      return lookup(interactionReasonLabels, value);
    case 'outcome':
      return lookup(interactionOutcomeLabels, value);
    // Privacy by default (issue 10): how a record was opened (an officer, from his visits, as
    // «Quién consultó esta ficha» says it); what an export held.
    case 'via':
      return lookup(viewViaLabelsOf[kind], value);
    case 'format':
      return lookup(exportFormatLabels, value);
    case 'choice':
      return lookup(auditChoiceLabels, value);
    case 'refused':
      return lookup(addressRefusalLabels, value);
    case 'centralChange':
      return centralChangeText(value);
    case 'identityCheck':
      return facts(value);
    case 'conflicts':
      return conflictsText(value);
    case 'confirmationMail':
      return confirmationMailText(value);
    // A record view: the causes its diagnosis showed (issue 10).
    case 'causes':
      return Array.isArray(value)
        ? value.map((code) => lookup(causeShortLabels, code)).join(', ') ||
            auditDeviceMessages.noCauses
        : show(value);
    default:
      return show(value);
  }
}

/** «a ana@x.cl (ACHS Gestión, Portal Héroes)»: where a contact change's confirmations go. */
function confirmationMailText(value: unknown): string {
  if (value === null || typeof value !== 'object') return show(value);
  const { to, portals } = value as Record<string, unknown>;
  if (typeof to !== 'string' || !Array.isArray(portals)) return show(value);
  return auditMessages.confirmationTo(
    to,
    portals.map((portal) => lookup(portalLabels, portal)),
  );
}

/** «el celular, por Sara Supervisora, el 06-12-2026 09:28»: what Sincronización showed. */
function centralChangeText(value: unknown): string {
  if (value === null || typeof value !== 'object') return show(value);
  const { of, at, by } = value as Record<string, unknown>;
  if ((of !== 'phone' && of !== 'email' && of !== 'contact') || typeof at !== 'string') {
    return show(value);
  }
  return auditMessages.centralChange(of, formatDateTime(at), typeof by === 'string' ? by : null);
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null || json === '') return null;
  try {
    const value: unknown = JSON.parse(json);
    // `null` recorded as JSON: nothing was recorded (never a «Detalle: —»).
    if (value === null) return null;
    if (typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return { value };
  } catch {
    return { value: json };
  }
}

/**
 * A bulk load is named by its file where the event kept it («Carga masiva: «espiga.csv»»): its id
 * means nothing to a reader (the titular's report included).
 */
function namedBatch(side: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!side || typeof side['batchId'] !== 'string' || typeof side['fileName'] !== 'string') {
    return side;
  }
  const { fileName, ...rest } = side;
  return { ...rest, batchId: `«${fileName}»` };
}

/**
 * Fields whose meaning depends on the event: a screen lock's `reason` is not a call's, and a
 * locked session's `cause` is not a diagnosis's.
 */
const EVENT_FIELDS: Record<
  string,
  Record<string, { label: string; values: Record<string, string> }>
> = {
  'session.lock': {
    reason: { label: lockAuditLabels.lockReason, values: lockAuditLabels.reasons },
  },
  'session.end': { cause: { label: lockAuditLabels.cause, values: lockAuditLabels.causes } },
  'session.sign_in': {
    check: { label: lockAuditLabels.signInCheck, values: lockAuditLabels.signInChecks },
  },
  'session.sign_out': {
    cause: { label: lockAuditLabels.cause, values: lockAuditLabels.signOutCauses },
  },
  'session.sign_in_refused': {
    cause: { label: lockAuditLabels.cause, values: lockAuditLabels.refusalCauses },
  },
};

/**
 * The fields an event recorded, in the order it recorded them, with labels and values; `action`
 * is the event's, for the fields whose meaning depends on it.
 */
export function describeAuditChange(
  before: string | null,
  after: string | null,
  names: AuditNames = {},
  action?: string,
): AuditDetail[] {
  const own = (action !== undefined ? EVENT_FIELDS[action] : undefined) ?? {};
  const was = namedBatch(parse(before));
  const is = namedBatch(parse(after));
  const keys = [...new Set([...Object.keys(was ?? {}), ...Object.keys(is ?? {})])];
  // A rejection's code says less than its message: keep the code only when there is no message.
  // A request's decision is its state's change, said already; its rejection's reason, when it is
  // the event's own reason, is in that column.
  const stateChanged =
    was?.['state'] !== undefined && is?.['state'] !== undefined && was['state'] !== is['state'];
  const skip = (key: string) =>
    HIDDEN.has(key) ||
    (key === 'code' &&
      (typeof was?.['message'] === 'string' || typeof is?.['message'] === 'string')) ||
    (key === 'decision' && stateChanged) ||
    // A re-assignment's count says again how many actions «Acciones» already said.
    (key === 'count' && action === 'sync.reassign') ||
    // A contact change keeps both fields; the one it left as it was is no change to list.
    ((key === 'email' || key === 'phone') &&
      was !== null &&
      is !== null &&
      key in was &&
      key in is &&
      was[key] === is[key]) ||
    (key === 'rejectionReason' &&
      typeof names.reason === 'string' &&
      is?.['rejectionReason'] === names.reason);
  return keys
    .filter((key) => !skip(key))
    .map((key) => {
      const special = own[key];
      const label =
        special?.label ??
        (key === 'onBehalf' ? interactionKindWords[names.kind ?? 'call'].onBehalf.audit : null) ??
        ((key === 'reason' || key === 'callPerson') && names.kind
          ? interactionAuditLabels[names.kind][key]
          : null) ??
        auditDetailLabels[key] ??
        fieldLabels[key] ??
        (key === 'causes' ? auditDeviceMessages.causes : key);
      const text = (value: unknown) =>
        special ? lookup(special.values, value) : valueText(key, value, names);
      const detail: AuditDetail = { label, changed: false };
      if (was && key in was) detail.before = text(was[key]);
      if (is && key in is) detail.after = text(is[key]);
      detail.changed =
        detail.before !== undefined && detail.after !== undefined && detail.before !== detail.after;
      return detail;
    });
}

/** `Correo: a@x.cl → b@x.cl`, or `Empresa: 76.543.210-3` for a field that did not change. */
export function auditDetailLine(detail: AuditDetail): string {
  if (detail.changed) return `${detail.label}: ${detail.before} → ${detail.after}`;
  return `${detail.label}: ${detail.after ?? detail.before}`;
}

/** The identity facts the agent marked as matching, by their labels. */
export function identityCheckText(json: string | null): string {
  if (json === null || json === '') return '';
  try {
    return valueText('identityCheck', JSON.parse(json));
  } catch {
    return json;
  }
}

/**
 * The audit's «Identidad verificada» column: the facts checked of the person acted on, or — a
 * change a company asked for (rule 13) — of whoever asked for it, said as theirs; or — a Ley
 * 21.719 request checked otherwise (a card shown, ClaveÚnica, a signed document) — how: the
 * column is never blank where identities were checked.
 */
export function identityColumnText(identityCheck: string | null, after: string | null): string {
  const own = identityCheckText(identityCheck);
  if (own !== '' || after === null) return own;
  try {
    const details = JSON.parse(after) as Record<string, unknown> | null;
    const facts = details?.['callerFacts'];
    if (Array.isArray(facts) && facts.length > 0) {
      return auditMessages.requesterChecked(valueText('callerFacts', facts));
    }
    const method = details?.['identityMethod'];
    return typeof method === 'string' && method !== 'facts'
      ? valueText('identityMethod', method)
      : '';
  } catch {
    return '';
  }
}

/**
 * An action's label from the catalogue (the code itself only for an action it lacks); an
 * interaction's in the words of its `kind` when the row knows it (a call, or an officer's visit).
 */
export function actionText(action: string, kind?: InteractionKind): string {
  return (kind && interactionAuditLabels[kind].actions[action]) ?? actionLabels[action] ?? action;
}

/** `dd-mm-aaaa` as typed (also `dd/mm/aaaa`, `d-m-aaaa`), whether or not that day exists. */
const DAY_INPUT = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** Written as a date, whether or not the calendar has that day (31-02-2026 is written as one). */
export function looksLikeDayInput(input: string): boolean {
  return DAY_INPUT.test(input.trim());
}

/**
 * A date the supervisor typed as `dd-mm-aaaa` (also `dd/mm/aaaa`, `d-m-aaaa`): the ISO date
 * `aaaa-mm-dd` the API takes, `null` for an empty field, or `'invalid'` for anything else
 * (including days that do not exist, like 31-02-2026).
 */
export function parseDayInput(input: string): string | null | 'invalid' {
  const text = input.trim();
  if (text === '') return null;
  const match = DAY_INPUT.exec(text);
  if (!match) return 'invalid';
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return 'invalid';
  }
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The device an event was recorded on, as a supervisor reads it (issue 10): this desk, or
 * another one by the first characters of its identifier (the whole one is in the CSV).
 */
export function deviceText(deviceId: string, thisDeviceId: string | null): string {
  if (deviceId === thisDeviceId) return auditDeviceMessages.thisDevice;
  return auditDeviceMessages.otherDevice(shortDeviceId(deviceId));
}

/**
 * The same device in the spreadsheet export: the words the screen shows, with the whole
 * identifier (the file leaves the desk, and another desk's supervisor must tell them apart).
 */
export function deviceCsvText(deviceId: string, thisDeviceId: string | null): string {
  return deviceId === thisDeviceId
    ? auditDeviceMessages.thisDeviceWhole(deviceId)
    : auditDeviceMessages.otherDeviceWhole(deviceId);
}
