/**
 * Bulk loads (issue 8): what each row of a company's file would do, decided before anything
 * changes. Pure: the caller hands in what the replica knows of each person. Shared so the
 * renderer can refuse an oversize file before sending it and word the same outcomes.
 */
import { normalizeEmail } from '../policy';
import type { MembershipState } from '../vocabulary';
import { companyRequester, type CompanyAuthority } from './company-access';
import { isValidRut, readRut } from '../rut';
import { foldText } from '../text';

/** Largest file accepted: a company's list of 100,000 people is about 6 MB; 20 MB leaves room. */
export const BULK_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Most data rows in one file. */
export const BULK_MAX_ROWS = 100_000;
/** The file crosses the door as base64: 4 characters per 3 bytes. */
export const BULK_MAX_BASE64_CHARS = Math.ceil(BULK_MAX_FILE_BYTES / 3) * 4;

export type { MembershipState };

/** One data row as read from the file: the text of the recognised columns. */
export type BulkRowInput = {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  line: number;
  rut: string;
  /** null: the file has no e-mail column, or the cell is empty (no change). */
  email: string | null;
  /** null: no state column, or empty (no change). */
  state: string | null;
};

/** What the replica knows of the person a row names, for the company loaded. */
export type PersonFacts = {
  email: string | null;
  version: number;
  /** Their membership in the company loaded; null when they have none there. */
  membership: { state: MembershipState; version: number } | null;
  /** They are a member of some other company. */
  otherCompany: boolean;
  /** Ley 21.719: a temporary block is in force — nothing of theirs may change meanwhile. */
  blocked?: boolean;
  /**
   * Rules 9, 12: the company's register names them legal representative: a company's file never
   * disables their access (shieldsRepresentative, company-access.ts).
   */
  legalRepresentative?: boolean;
};

export const REFUSAL_CODES = [
  'invalid_rut',
  /** Rule 5: the RUT is nobody's on the desk; a load does not create people. */
  'not_registered',
  'not_in_company',
  'other_company',
  'invalid_email',
  'invalid_state',
  'duplicate_conflict',
  'company_not_adherent',
  'dismissed',
  'paused',
  'empty_row',
  'person_blocked',
  /** Rules 9, 12: disabling the company's registered legal representative. */
  'representative_register',
  /**
   * Rules 9, 12: the company's register names them legal representative, but they have no access
   * (membership) there: a load changes the accesses a company has, it gives none.
   */
  'representative_no_access',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/**
 * E-mail: what the replica has now and what the file asks for. A load that changed it keeps
 * which portals had `from` confirmed (`verified`: the change cleared them, rule 10); its undo
 * carries them as `reverify`: the address they had confirmed comes back confirmed, with no mail.
 */
export type EmailChange = {
  from: string | null;
  to: string;
  verified?: readonly string[];
  reverify?: readonly string[];
  /** The undo's: the load's e-mail action it undoes, which the central checks `reverify` against. */
  undoOf?: string;
};

export type PlannedChange = {
  personRut: number;
  email: EmailChange | null;
  /** Membership state, enable or disable. */
  state: { from: MembershipState; to: 'active' | 'disabled' } | null;
};

/**
 * What a change that applies does beyond its own row, said before the load is applied (a warning,
 * not a refusal: every rule lets the row go; warnRows).
 */
export const WARNINGS = ['last_admin', 'shared_email', 'other_access'] as const;
export type Warning = (typeof WARNINGS)[number];

export type RowWarnings = {
  /**
   * Rule 9: the row disables one of the company's last persons who may change profiles (its
   * access administrators, companyRequester): after the load the company has none.
   */
  lastAdmin?: true;
  /**
   * The e-mail the row gives is another person's too: one the replica holds now (`line` null), or
   * one another row of the file gives the same address (`line`, that row's).
   */
  sharedEmail?: { personRut: number; line: number | null };
  /**
   * The row changes the e-mail of someone who also gets in through another company (its name):
   * one login, one e-mail (rules 8, 10), so that company's access changes too, and the accounts
   * there wait for the confirmation mail. A company's file rewriting what another company's
   * access uses is said before it applies.
   */
  otherAccess?: { company: string };
};

export type RowOutcome =
  | ({ kind: 'change'; warnings?: RowWarnings } & PlannedChange)
  | { kind: 'nothing'; personRut: number }
  /** The same RUT with the same values earlier in the file: applied once. */
  | { kind: 'duplicate'; personRut: number; firstLine: number }
  | {
      kind: 'refused';
      reason: RefusalCode;
      personRut: number | null;
      /** duplicate_conflict: the file's other row with this RUT (its first, or the next). */
      otherLine?: number;
    };

/** Filters and totals: a change row counts under each effect it has. */
export const OUTCOME_FILTERS = [
  'new_email',
  'enable',
  'disable',
  'nothing',
  'duplicate',
  'refused',
  /** Change rows with a warning (warnRows). */
  'warned',
] as const;
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

/** Why «Deshacer esta carga» could not take a change back (irreversibleBecause). */
export type Irreversible = 'cannot_restore_email' | 'cannot_restore_pause';

/**
 * `irreversible`: changes «Deshacer esta carga» could not take back (reversePlan), by why, said
 * before the load is applied. `warnings`: change rows by each warning they carry (warnRows).
 */
export type Totals = Record<OutcomeFilter, number> & {
  rows: number;
  changes: number;
  /**
   * Rows refused as nobody of this company (STRANGER_REFUSALS): most of a file being such rows
   * says it is another company's file.
   */
  strangers: number;
  irreversible: Record<Irreversible, number>;
  warnings: Record<Warning, number>;
};

export function outcomeFilters(outcome: RowOutcome): OutcomeFilter[] {
  switch (outcome.kind) {
    case 'change': {
      const effects: OutcomeFilter[] = [];
      if (outcome.email) effects.push('new_email');
      if (outcome.state) effects.push(outcome.state.to === 'active' ? 'enable' : 'disable');
      if (outcome.warnings) effects.push('warned');
      return effects;
    }
    case 'nothing':
      return ['nothing'];
    case 'duplicate':
      return ['duplicate'];
    default:
      return ['refused'];
  }
}

const ENABLED = new Set(['habilitado', 'habilitada', 'activo', 'activa', 'si', 'habilitar']);
const DISABLED = new Set([
  'inhabilitado',
  'inhabilitada',
  'deshabilitado',
  'deshabilitada',
  'inactivo',
  'inactiva',
  'no',
  'inhabilitar',
  'deshabilitar',
]);

/** `habilitado` → active, `inhabilitado` → disabled, empty → no change, else invalid. */
export function readStateCell(text: string | null): 'active' | 'disabled' | null | 'invalid' {
  if (text === null) return null;
  const folded = foldText(text).trim();
  if (folded === '') return null;
  if (ENABLED.has(folded)) return 'active';
  if (DISABLED.has(folded)) return 'disabled';
  return 'invalid';
}

/** The e-mail cell: empty → no change; otherwise normalised, or 'invalid'. */
export function readEmailCell(text: string | null): string | null | 'invalid' {
  if (text === null || text.trim() === '') return null;
  return normalizeEmail(text) ?? 'invalid';
}

/** A row whose outcome depends on what the replica holds of its person. */
type Asking = {
  kind: 'ask';
  body: number;
  email: string | null;
  state: 'active' | 'disabled' | null;
};
/** A row its own cells refuse. */
type Bad = { kind: 'bad'; reason: RefusalCode; body: number | null };

function readRow(row: BulkRowInput): Asking | Bad {
  const rut = readRut(row.rut);
  if (!rut || !isValidRut(rut)) return { kind: 'bad', reason: 'invalid_rut', body: null };
  const email = readEmailCell(row.email);
  if (email === 'invalid') return { kind: 'bad', reason: 'invalid_email', body: rut.body };
  const state = readStateCell(row.state);
  if (state === 'invalid') return { kind: 'bad', reason: 'invalid_state', body: rut.body };
  if (email === null && state === null) return { kind: 'bad', reason: 'empty_row', body: rut.body };
  return { kind: 'ask', body: rut.body, email, state };
}

const refusal = (reason: RefusalCode, personRut: number | null): RowOutcome => ({
  kind: 'refused',
  reason,
  personRut,
});

/** One row against what the replica holds. */
export function decideRow(
  read: { body: number; email: string | null; state: 'active' | 'disabled' | null },
  facts: PersonFacts | null,
  companyAdherent: boolean,
): RowOutcome {
  const personRut = read.body;
  if (!facts) return refusal('not_registered', personRut);
  if (!facts.membership) {
    // Rules 9, 12: the company's register names him; «not of this company» would be untrue.
    if (facts.legalRepresentative) return refusal('representative_no_access', personRut);
    return refusal(facts.otherCompany ? 'other_company' : 'not_in_company', personRut);
  }
  // Rule 6: nobody of a company that is no longer adherent can get in; its file changes nothing.
  if (!companyAdherent) return refusal('company_not_adherent', personRut);
  // Rule 7: a dismissal ended the membership; the file cannot bring it back or edit through it.
  if (facts.membership.state === 'removed') return refusal('dismissed', personRut);
  const email =
    read.email !== null && read.email !== facts.email
      ? { from: facts.email, to: read.email }
      : null;
  let state: PlannedChange['state'] = null;
  const current = facts.membership.state;
  if (read.state === 'active' && current !== 'active') {
    // A pause is the company representative's decision (rule 13): resumed on the record.
    if (current === 'paused') return refusal('paused', personRut);
    state = { from: current, to: 'active' };
  } else if (read.state === 'disabled' && current !== 'disabled') {
    state = { from: current, to: 'disabled' };
  }
  if (!email && !state) return { kind: 'nothing', personRut };
  // Ley 21.719: while a temporary block lasts, only its own request's actions change the person.
  if (facts.blocked) return refusal('person_blocked', personRut);
  // Rules 9, 12: the representative's access follows the register, not a file of the company's.
  if (state?.to === 'disabled' && facts.legalRepresentative) {
    return refusal('representative_register', personRut);
  }
  return { kind: 'change', personRut, email, state };
}

/**
 * A file's rows read on their own, before the replica is asked anything: each row's outcome
 * where the file alone decides it (a bad cell, a duplicate), or what it asks of its person.
 * The desk reads the file so while the company's members are still being read.
 */
export type FileReading = ReadonlyArray<RowOutcome | Asking>;

/**
 * Every row read, and duplicates found: the same RUT with different values refuses all its
 * rows; identical repeats apply once.
 */
export function readRows(rows: readonly BulkRowInput[]): FileReading {
  const reads = rows.map(readRow);
  // The same values: what the rows ask, or (refused) the same reason for the same cells (an
  // empty cell and a missing one alike).
  const same = (one: number, other: number) => {
    const [a, b] = [reads[one]!, reads[other]!];
    if (a.kind === 'ask' && b.kind === 'ask') return a.email === b.email && a.state === b.state;
    return (
      a.kind === 'bad' &&
      b.kind === 'bad' &&
      a.reason === b.reason &&
      (rows[one]!.email ?? '') === (rows[other]!.email ?? '') &&
      (rows[one]!.state ?? '') === (rows[other]!.state ?? '')
    );
  };
  const first = new Map<number, number>();
  // A conflicting RUT's first row that asks something else than its first row: each of its rows
  // names one that differs from it, without a scan per row (a file may repeat a RUT thousands
  // of times).
  const firstDifferent = new Map<number, number>();
  reads.forEach((read, index) => {
    if (read.body === null) return;
    const seen = first.get(read.body);
    if (seen === undefined) first.set(read.body, index);
    else if (!firstDifferent.has(read.body) && !same(seen, index)) {
      firstDifferent.set(read.body, index);
    }
  });
  return reads.map((read, index): RowOutcome | Asking => {
    if (read.body !== null) {
      const different = firstDifferent.get(read.body);
      if (different !== undefined) {
        const head = first.get(read.body)!;
        const other = index !== head && !same(head, index) ? head : different;
        return {
          kind: 'refused',
          reason: 'duplicate_conflict',
          personRut: read.body,
          otherLine: rows[other]!.line,
        };
      }
      const seen = first.get(read.body)!;
      if (seen !== index) {
        return { kind: 'duplicate', personRut: read.body, firstLine: rows[seen]!.line };
      }
    }
    return read.kind === 'bad' ? refusal(read.reason, read.body) : read;
  });
}

/** Refusals of a RUT that is nobody of the company loaded. */
const STRANGER_REFUSALS: ReadonlySet<RefusalCode> = new Set([
  'not_registered',
  'not_in_company',
  'other_company',
]);

/**
 * Whether a file looks like another company's: most of its rows, and at least ten, are nobody of
 * the company loaded. A few strangers are a company's typos; most are the wrong file.
 */
export function looksLikeOtherCompanysFile(totals: Pick<Totals, 'rows' | 'strangers'>): boolean {
  return totals.strangers >= 10 && totals.strangers * 2 > totals.rows;
}

/** Adds one outcome to the totals: a change counts under each effect it has. */
function count(totals: Totals, outcome: RowOutcome): void {
  if (outcome.kind === 'change') {
    totals.changes += 1;
    const because = irreversibleBecause(outcome);
    if (because !== null) totals.irreversible[because] += 1;
    if (outcome.email) totals.new_email += 1;
    if (outcome.state) totals[outcome.state.to === 'active' ? 'enable' : 'disable'] += 1;
  } else if (outcome.kind === 'refused') {
    totals.refused += 1;
    if (STRANGER_REFUSALS.has(outcome.reason)) totals.strangers += 1;
  } else totals[outcome.kind] += 1;
}

/** The rows of a file read (readRows), each decided against the replica, and the totals. */
export function decideRows(
  reading: FileReading,
  companyAdherent: boolean,
  lookup: (personRut: number) => PersonFacts | null,
): { outcomes: RowOutcome[]; totals: Totals } {
  const totals: Totals = {
    rows: reading.length,
    changes: 0,
    strangers: 0,
    irreversible: { cannot_restore_email: 0, cannot_restore_pause: 0 },
    warnings: { last_admin: 0, shared_email: 0, other_access: 0 },
    new_email: 0,
    enable: 0,
    disable: 0,
    nothing: 0,
    duplicate: 0,
    refused: 0,
    warned: 0,
  };
  const outcomes = reading.map((read): RowOutcome => {
    const outcome =
      read.kind === 'ask' ? decideRow(read, lookup(read.body), companyAdherent) : read;
    count(totals, outcome);
    return outcome;
  });
  return { outcomes, totals };
}

/** What the file's warnings ask of the company and the replica (warnRows). */
export type CompanyFacts = {
  /** Its register's legal representatives and its access administrators (rule 9). */
  authority: CompanyAuthority;
  /**
   * Who holds each e-mail the file's rows ask for (emailsAsked) in the replica now, by RUT; an
   * e-mail nobody holds may be missing.
   */
  emailHolders: ReadonlyMap<string, readonly number[]>;
  /**
   * Another company the person holds an access in (not a dismissal's), by its name; null: none.
   * Asked only of the rows that change an e-mail (the desk reads all such members at once).
   */
  accessElsewhere?: (personRut: number) => string | null;
};

/**
 * The addresses the file's rows ask for, once each: what emailHolders is asked about. Known from
 * the file alone (readRows), before any row is decided, so the replica is asked while the
 * company's members are still being read; a row whose address is already its person's is asked
 * about too, and warnRows looks only at those that change.
 */
export function emailsAsked(reading: FileReading): string[] {
  const asked = new Set<string>();
  for (const read of reading) {
    if (read.kind === 'ask' && read.email !== null) asked.add(read.email);
  }
  return [...asked];
}

/**
 * Rule 9: who may change the company's profiles now (companyRequester: its legal representatives
 * and access administrators whose standing lets them ask), and after the file's state changes.
 */
function profileChangers(
  authority: CompanyAuthority,
  planned: ReadonlyMap<number, MembershipState>,
) {
  const representatives = new Set<number>();
  for (const s of authority.signatories) {
    if (s.kind === 'legal_representative') representatives.add(s.personRut);
  }
  const admins = new Map<number, Array<CompanyAuthority['admins'][number]>>();
  for (const admin of authority.admins) {
    const own = admins.get(admin.personRut);
    if (own) own.push(admin);
    else admins.set(admin.personRut, [admin]);
  }
  const now: number[] = [];
  const after: number[] = [];
  for (const rut of new Set([...representatives, ...admins.keys()])) {
    // One person's own authority: the rule asked about him alone, over his own rows.
    const own = (state: (admin: CompanyAuthority['admins'][number]) => MembershipState) =>
      companyRequester(rut, {
        onEmpresas: authority.onEmpresas,
        signatories: representatives.has(rut)
          ? [{ personRut: rut, kind: 'legal_representative' }]
          : [],
        admins: (admins.get(rut) ?? []).map((admin) => ({ ...admin, state: state(admin) })),
      })?.ok === true;
    if (own((admin) => admin.state)) now.push(rut);
    if (own((admin) => planned.get(rut) ?? admin.state)) after.push(rut);
  }
  return { now, after };
}

/**
 * What the change rows do beyond themselves, said before the load is applied; warnings, not
 * refusals, for every rule lets each row go (rule 11: a load may change e-mails and disable
 * accesses en masse):
 * - `last_admin` (rule 9): the rows that disable the last persons who may change the company's
 *   profiles (companyRequester), when the company has some now and would have none after —
 *   then only the call center could. A company may mean it (its administrator left), so the
 *   supervisor is told before applying, not refused.
 * - `shared_email`: the row gives an address another person holds after the load — one the
 *   replica holds (unless the file changes it away from them) or one another row of the file
 *   gives too. Families and shared mailboxes exist, so it may be right; the supervisor checks.
 * - `other_access`: the row changes the e-mail of someone who also gets in through another
 *   company (an outside user, a worker of two): the e-mail is the login's, so it changes there
 *   too. The company may know the new address well; the supervisor confirms first.
 * One pass over the rows, and one over the company's administrators.
 */
export function warnRows(
  decided: { outcomes: RowOutcome[]; totals: Totals },
  rows: ReadonlyArray<{ line: number }>,
  company: CompanyFacts,
): { outcomes: RowOutcome[]; totals: Totals } {
  // Each person's planned state and e-mail (readRows leaves at most one change row per person).
  const planned = new Map<number, MembershipState>();
  const newEmail = new Map<number, string>();
  // The first two rows that give each address (to different persons).
  const givers = new Map<string, number[]>();
  decided.outcomes.forEach((outcome, index) => {
    if (outcome.kind !== 'change') return;
    if (outcome.state) planned.set(outcome.personRut, outcome.state.to);
    if (!outcome.email) return;
    newEmail.set(outcome.personRut, outcome.email.to);
    const first = givers.get(outcome.email.to);
    if (!first) givers.set(outcome.email.to, [index]);
    else if (first.length < 2) first.push(index);
  });
  const changers = profileChangers(company.authority, planned);
  const lastAdmins = changers.after.length === 0 ? new Set(changers.now) : new Set<number>();

  const totals: Totals = {
    ...decided.totals,
    warned: 0,
    warnings: { last_admin: 0, shared_email: 0, other_access: 0 },
  };
  const outcomes = decided.outcomes.map((outcome, index): RowOutcome => {
    if (outcome.kind !== 'change') return outcome;
    const warnings: RowWarnings = {};
    if (outcome.state?.to === 'disabled' && lastAdmins.has(outcome.personRut)) {
      warnings.lastAdmin = true;
    }
    if (outcome.email) {
      const to = outcome.email.to;
      // Someone of the replica who keeps it: not this person, and not moved off it by the file.
      const holder = (company.emailHolders.get(to) ?? []).find(
        (rut) => rut !== outcome.personRut && (newEmail.get(rut) ?? to) === to,
      );
      const other = givers.get(to)!.find((row) => row !== index);
      if (holder !== undefined) warnings.sharedEmail = { personRut: holder, line: null };
      else if (other !== undefined) {
        const person = (decided.outcomes[other] as { personRut: number }).personRut;
        warnings.sharedEmail = { personRut: person, line: rows[other]!.line };
      }
      const elsewhere = company.accessElsewhere?.(outcome.personRut) ?? null;
      if (elsewhere !== null) warnings.otherAccess = { company: elsewhere };
    }
    if (!warnings.lastAdmin && !warnings.sharedEmail && !warnings.otherAccess) return outcome;
    totals.warned += 1;
    if (warnings.lastAdmin) totals.warnings.last_admin += 1;
    if (warnings.sharedEmail) totals.warnings.shared_email += 1;
    if (warnings.otherAccess) totals.warnings.other_access += 1;
    return { ...outcome, warnings };
  });
  return { outcomes, totals };
}

/**
 * Every row of a file, from its cells to its outcome (readRows, then decideRows), and with the
 * company's facts its warnings (warnRows).
 */
export function previewRows(
  rows: readonly BulkRowInput[],
  companyAdherent: boolean,
  lookup: (personRut: number) => PersonFacts | null,
  company?: CompanyFacts,
): { outcomes: RowOutcome[]; totals: Totals } {
  const decided = decideRows(readRows(rows), companyAdherent, lookup);
  return company ? warnRows(decided, rows, company) : decided;
}

// ---- Applying and undoing a planned row ----

export type ApplyCheck =
  /** Write it. */
  | { kind: 'write'; email: boolean; state: boolean }
  /** Already as planned (another desk, the same file twice): nothing to write. */
  | { kind: 'already' }
  | { kind: 'refused'; reason: ApplyRefusal };

export const APPLY_REFUSALS = [
  'changed_since',
  'person_gone',
  'no_membership',
  'company_not_adherent',
  'forbidden',
  /** Older batches' single word for the two below. */
  'cannot_restore',
  'cannot_restore_email',
  'cannot_restore_pause',
  'invalid_transition',
  'person_blocked',
  'representative_register',
] as const;
export type ApplyRefusal = (typeof APPLY_REFUSALS)[number];

/**
 * At apply (and undo) time, against the row as it is now: each field must still hold what the
 * preview saw (`from`), or already hold what the file asks (`to`); anything else changed since
 * and is refused, never overwritten.
 */
export function checkPlannedRow(
  plan: Omit<PlannedChange, 'personRut'>,
  now: {
    email: string | null;
    membershipState: MembershipState | null;
    /** Ley 21.719: a temporary block registered since the preview refuses the write too. */
    blocked?: boolean;
    /** Rules 9, 12: the register names them legal representative (decideRow). */
    legalRepresentative?: boolean;
  } | null,
  companyAdherent: boolean,
): ApplyCheck {
  if (!now) return { kind: 'refused', reason: 'person_gone' };
  let email = false;
  let state = false;
  if (plan.email) {
    if (now.email === plan.email.to) email = false;
    else if (now.email === plan.email.from) email = true;
    else return { kind: 'refused', reason: 'changed_since' };
  }
  if (plan.state) {
    if (now.membershipState === null) return { kind: 'refused', reason: 'no_membership' };
    if (now.membershipState === plan.state.to) state = false;
    else if (now.membershipState === plan.state.from) state = true;
    else return { kind: 'refused', reason: 'changed_since' };
    if (state && plan.state.to === 'active') {
      if (plan.state.from !== 'disabled') return { kind: 'refused', reason: 'invalid_transition' };
      if (!companyAdherent) return { kind: 'refused', reason: 'company_not_adherent' };
    }
  }
  if (!email && !state) return { kind: 'already' };
  if (now.blocked) return { kind: 'refused', reason: 'person_blocked' };
  if (state && plan.state?.to === 'disabled' && now.legalRepresentative) {
    return { kind: 'refused', reason: 'representative_register' };
  }
  return { kind: 'write', email, state };
}

/**
 * Which part of an applied change has no undo, in the report's words; null: all of it has. An
 * e-mail cannot go back to none (rule 2: no e-mail, no registration), and a pause is not a state
 * a load can restore.
 */
export function irreversibleBecause(
  applied: Omit<PlannedChange, 'personRut'>,
): Irreversible | null {
  if (applied.email && applied.email.from === null) return 'cannot_restore_email';
  if (applied.state && applied.state.from !== 'active' && applied.state.from !== 'disabled') {
    return 'cannot_restore_pause';
  }
  return null;
}

/** What an undo that took back only part of a row kept, said on its row of the report. */
export type KeptByUndo = 'email_kept' | 'pause_kept';

/**
 * The change that undoes an applied one: each part that can be taken back is, the other kept
 * (`kept` says which); null when no part can. A worker a load gave an e-mail and disabled gets
 * the access back, and keeps the e-mail.
 */
export function reversePlan(
  applied: Omit<PlannedChange, 'personRut'>,
): (Omit<PlannedChange, 'personRut'> & { kept: KeptByUndo | null }) | null {
  const email =
    applied.email && applied.email.from !== null
      ? {
          from: applied.email.to,
          to: applied.email.from,
          ...(applied.email.verified?.length ? { reverify: applied.email.verified } : {}),
        }
      : null;
  const from = applied.state?.from;
  const state =
    applied.state && (from === 'active' || from === 'disabled')
      ? { from: applied.state.to, to: from }
      : null;
  if (!email && !state) return null;
  const kept =
    applied.email && !email ? 'email_kept' : applied.state && !state ? 'pause_kept' : null;
  return { email, state, kept };
}

/**
 * Once an address is written, which portals' accounts it leaves unconfirmed, and which an undo
 * confirms again (those it asks for among the ones the write touched); the others get a
 * confirmation mail (rule 10). The desk and the central API both apply it.
 */
export function reconfirm(
  touched: readonly string[],
  reverify: readonly string[] | undefined,
): { reverified: string[]; toConfirm: string[] } {
  const again = new Set(reverify ?? []);
  return {
    reverified: touched.filter((portal) => again.has(portal)),
    toConfirm: touched.filter((portal) => !again.has(portal)),
  };
}

// ---- Reading the header row ----

export type ColumnRole = 'rut' | 'dv' | 'email' | 'state';

const HEADER_NAMES: Record<ColumnRole, string[]> = {
  rut: [
    'rut',
    'rutpersona',
    'rutusuario',
    'ruttrabajador',
    'rutdelusuario',
    'rutdeltrabajador',
    'run',
  ],
  dv: ['dv', 'digitoverificador', 'digito'],
  email: [
    'correo',
    'correoelectronico',
    'email',
    'mail',
    'correoe',
    'emailusuario',
    'correousuario',
    'nuevocorreo',
  ],
  state: [
    'estado',
    'estadousuario',
    'estadodelusuario',
    'estadoacceso',
    'estadodelacceso',
    'habilitado',
    'estadohabilitacion',
    // An HR system's export in English.
    'status',
    'state',
  ],
};

/**
 * Which of the header's columns a load reads, as titled in the file, and the titled ones it does
 * not use: a «Situación» column the file meant as the state is seen to be ignored before «Aplicar».
 */
export function columnsRead(
  header: readonly string[],
  columns: Partial<Record<ColumnRole, number>>,
): { rut: string; email: string | null; state: string | null; unused: string[] } {
  const title = (role: ColumnRole) => {
    const index = columns[role];
    return index === undefined ? null : (header[index] ?? '').trim();
  };
  const used = new Set(Object.values(columns));
  return {
    rut: title('rut') ?? '',
    email: title('email'),
    state: title('state'),
    unused: header
      .map((cell, index) => (used.has(index) ? '' : cell.trim()))
      .filter((cell) => cell !== ''),
  };
}

/** A header cell folded: lower case, no accents, letters and digits only. */
export function foldHeader(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Which column holds what; null when the row is not a header we recognise. A role two columns
 * claim («Correo» and «Email») is `repeated`, with the titles as written: which one is meant
 * only the file's author knows, so the file is refused rather than one silently chosen.
 */
export function recogniseHeader(
  cells: readonly string[],
): Partial<Record<ColumnRole, number>> | { repeated: string[] } | null {
  const found: Partial<Record<ColumnRole, number>> = {};
  let repeated: string[] | null = null;
  cells.forEach((cell, index) => {
    const folded = foldHeader(cell);
    for (const role of Object.keys(HEADER_NAMES) as ColumnRole[]) {
      if (!HEADER_NAMES[role].includes(folded)) continue;
      const first = found[role];
      if (first === undefined) found[role] = index;
      else repeated ??= [cells[first]!.trim(), cell.trim()];
    }
  });
  if (found.rut === undefined) return null;
  if (found.email === undefined && found.state === undefined) return null;
  return repeated ? { repeated } : found;
}

/**
 * A row's cells but its RUT and check digit columns (shown beside them in a load's report), in the
 * file's order, wherever those columns stood.
 */
export function otherCellsReader(
  header: readonly string[],
): (cells: readonly string[]) => string[] {
  const columns = recogniseHeader(header);
  const rutColumns = columns === null || 'repeated' in columns ? [0] : [columns.rut, columns.dv];
  return (cells) => cells.filter((_, index) => !rutColumns.includes(index));
}

/**
 * How a file's rows give their RUT, read by its `header` (its RUT column, joined to a DV column
 * of its own): the parser's reading of each row, and what a refusal of that RUT is said about.
 */
export function rutReader(header: readonly string[]): (cells: readonly string[]) => string {
  const columns = recogniseHeader(header);
  if (columns === null || 'repeated' in columns || columns.rut === undefined) return () => '';
  const at = (cells: readonly string[], index: number | undefined) =>
    index === undefined ? '' : (cells[index] ?? '').trim();
  return (cells) => {
    const rut = at(cells, columns.rut);
    const dv = at(cells, columns.dv);
    return dv ? `${rut}-${dv}` : rut;
  };
}
