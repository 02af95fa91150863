/**
 * The local replica. RUT bodies are INTEGER PRIMARY KEYs (the check digit is derivable and kept
 * only for display). Times are ISO-8601 UTC strings. Every synced row carries the server's
 * `version` so later actions can say which state they were decided on.
 */
import { sql } from 'drizzle-orm';
import { ADMIN_KINDS } from '../../shared/rules/company-access';
import {
  DATA_REQUEST_CHANNELS,
  DATA_REQUEST_STATES,
  DATA_RIGHTS,
} from '../../shared/rules/data-requests';
import {
  AGENT_ROLES,
  MAIL_KINDS,
  MAIL_OUTCOMES,
  MEMBERSHIP_ROLES,
  MEMBERSHIP_STATES,
  PORTALS,
  REGISTRATION_STATES,
  REQUEST_CAPACITIES,
  REQUEST_STATES,
} from '../../shared/vocabulary';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const bool = (name: string) => integer(name, { mode: 'boolean' }).notNull().default(false);
const version = () => integer('version').notNull().default(1);
const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const companies = sqliteTable('companies', {
  rut: integer('rut').primaryKey(),
  dv: text('dv').notNull(),
  legalName: text('legal_name').notNull(),
  adherent: bool('adherent'),
  adherentSince: text('adherent_since'),
  adherentUntil: text('adherent_until'),
  /** JSON array of portals the company uses. */
  portals: text('portals').notNull().default('[]'),
  version: version(),
  updatedAt: updatedAt(),
});

export const persons = sqliteTable(
  'persons',
  {
    rut: integer('rut').primaryKey(),
    dv: text('dv').notNull(),
    givenNames: text('given_names').notNull(),
    lastName1: text('last_name1').notNull(),
    lastName2: text('last_name2').notNull().default(''),
    /** Folded `last1 last2 given`: alphabetical order without accents. */
    sortKey: text('sort_key').notNull(),
    /** Lower-cased; null when the person has none (rule 2: no e-mail, no registration). */
    email: text('email'),
    /** E.164, `+56912345678`. */
    phone: text('phone'),
    /** When the mobile last changed (any desk, the central API, a bulk load): for a day after,
     * it proves nothing of who a caller is (policy PHONE_PROOF_AFTER_CHANGE_MS). */
    phoneChangedAt: text('phone_changed_at'),
    /** Who changed the mobile last, by name as it was then (null: before 0032, or no agent). */
    phoneChangedBy: text('phone_changed_by'),
    /** When and by whom the e-mail last changed: a contact conflict says so (conflict-time.ts). */
    emailChangedAt: text('email_changed_at'),
    emailChangedBy: text('email_changed_by'),
    /** Identity-card serial number; never sent to the renderer unmasked. */
    serialNumber: text('serial_number'),
    isWorker: bool('is_worker'),
    isPensioner: bool('is_pensioner'),
    version: version(),
    updatedAt: updatedAt(),
  },
  // Looked up by e-mail and phone through key tables, not indexes (migration 0027).
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey(),
    personRut: integer('person_rut').notNull(),
    companyRut: integer('company_rut').notNull(),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    state: text('state', { enum: MEMBERSHIP_STATES }).notNull(),
    /** JSON array of module names granted. */
    modules: text('modules').notNull().default('[]'),
    agreementSigned: bool('agreement_signed'),
    /** When the Remote Access Agreement mail went out and when it was signed (rule 12). */
    agreementSentAt: text('agreement_sent_at'),
    agreementSignedAt: text('agreement_signed_at'),
    /** ACHS access administrators: which of the three kinds (rule 9); null for everyone else. */
    adminKind: text('admin_kind', {
      enum: ADMIN_KINDS,
    }),
    /** An `appointed` administrator: the legal representative who appointed them. */
    appointedBy: integer('appointed_by'),
    /** A company user who is not one of its workers (rule 13: "personas externas"). */
    external: bool('external'),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('memberships_person_company').on(table.personRut, table.companyRut),
    // A company's administrators and company users (migration 0027); its members are read
    // through memberships_by_company (below).
    index('memberships_company_staff')
      .on(table.companyRut, table.role, table.state)
      .where(sql`role IN ('access_admin', 'company_user')`),
  ],
);

/**
 * Key tables (migration 0027, src/storage/db/key-tables.ts): a large table's rows in the order a
 * lookup reads them, kept by triggers. WITHOUT ROWID in the migration: the key is the table.
 */
export const personsByEmail = sqliteTable(
  'persons_by_email',
  { email: text('email').notNull(), rut: integer('rut').notNull() },
  (table) => [primaryKey({ columns: [table.email, table.rut] })],
);
export const personsByPhone = sqliteTable(
  'persons_by_phone',
  { phone: text('phone').notNull(), rut: integer('rut').notNull() },
  (table) => [primaryKey({ columns: [table.phone, table.rut] })],
);
export const membershipsByCompany = sqliteTable(
  'memberships_by_company',
  {
    companyRut: integer('company_rut').notNull(),
    personRut: integer('person_rut').notNull(),
    role: text('role').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull(),
  },
  (table) => [primaryKey({ columns: [table.companyRut, table.personRut] })],
);

/**
 * Issue 11: each company's users, active users and active access administrators, kept by
 * triggers on memberships (migration 0020; see repositories/company-counts.ts).
 */
export const companyCounts = sqliteTable('company_counts', {
  companyRut: integer('company_rut').primaryKey(),
  users: integer('users').notNull(),
  active: integer('active').notNull(),
  admins: integer('admins').notNull(),
});

export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey(),
    personRut: integer('person_rut').notNull(),
    portal: text('portal', {
      enum: PORTALS,
    }).notNull(),
    registrationState: text('registration_state', {
      enum: REGISTRATION_STATES,
    }).notNull(),
    passwordSet: bool('password_set'),
    emailVerified: bool('email_verified'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: text('locked_until'),
    registrationBlocked: bool('registration_blocked'),
    /** Los Héroes: the first-access key (rule 16) was used or spent on failed attempts. */
    firstAccessUsed: bool('first_access_used'),
    lastLoginAt: text('last_login_at'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('accounts_person_portal').on(table.personRut, table.portal)],
);

export const mails = sqliteTable(
  'mails',
  {
    id: integer('id').primaryKey(),
    personRut: integer('person_rut').notNull(),
    portal: text('portal', {
      enum: PORTALS,
    }).notNull(),
    kind: text('kind', {
      enum: MAIL_KINDS,
    }).notNull(),
    sentAt: text('sent_at').notNull(),
    /** `queued`: requested here, not yet sent by the central API. */
    outcome: text('outcome', {
      enum: MAIL_OUTCOMES,
    }).notNull(),
    toAddress: text('to_address').notNull(),
    /** The action that queued it, when one did. */
    actionId: text('action_id'),
  },
  (table) => [
    index('mails_person_sent').on(table.personRut, table.sentAt),
    index('mails_action').on(table.actionId),
  ],
);

/** Portal Empresas access requests (rule 12). */
export const accessRequests = sqliteTable(
  'access_requests',
  {
    id: integer('id').primaryKey(),
    personRut: integer('person_rut').notNull(),
    companyRut: integer('company_rut').notNull(),
    capacity: text('capacity', {
      enum: REQUEST_CAPACITIES,
    }).notNull(),
    state: text('state', { enum: REQUEST_STATES }).notNull(),
    reason: text('reason'),
    requestedAt: text('requested_at').notNull(),
    decidedAt: text('decided_at'),
    agreementSigned: bool('agreement_signed'),
    version: version(),
  },
  (table) => [
    index('access_requests_person').on(table.personRut),
    index('access_requests_company').on(table.companyRut, table.state),
    // Issue 11: a company's newest requests without sorting all of them (migration 0020).
    index('access_requests_company_time').on(table.companyRut, table.requestedAt),
  ],
);

/**
 * A company's register (rule 12): its legal representatives and the persons enabled in its
 * TRF (register of authorised signatories). Only they may request Portal Empresas access.
 */
export const companySignatories = sqliteTable(
  'company_signatories',
  {
    id: integer('id').primaryKey(),
    companyRut: integer('company_rut').notNull(),
    personRut: integer('person_rut').notNull(),
    kind: text('kind', { enum: ['legal_representative', 'trf'] }).notNull(),
    version: version(),
  },
  (table) => [
    uniqueIndex('company_signatories_unique').on(table.companyRut, table.personRut, table.kind),
    index('company_signatories_person').on(table.personRut),
  ],
);

/** One call or visit. Filled by the actions issue. */
export const interactions = sqliteTable(
  'interactions',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id').notNull(),
    personRut: integer('person_rut'),
    reason: text('reason').notNull(),
    outcome: text('outcome'),
    notes: text('notes'),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
    /** Someone calling in the person's name: who, and how related (migration 0030). */
    onBehalfName: text('on_behalf_name'),
    onBehalfRelation: text('on_behalf_relation'),
    /**
     * A call, or a prevention officer's visit: written when it opens, from who opened it, and
     * never read again from the agent's role (migration 0033).
     */
    kind: text('kind', { enum: ['call', 'visit'] })
      .notNull()
      .default('call'),
    /**
     * Closed as «Derivado» or «Volver a contactar»: when its agent or a supervisor said it was
     * attended to, who, and what was done (migration 0043; shared/rules/follow-up.ts).
     */
    followUpAt: text('follow_up_at'),
    followUpBy: text('follow_up_by'),
    followUpNote: text('follow_up_note'),
  },
  (table) => [
    // A person's calls with one agent, newest first: the record's list (migration 0025).
    // Both carry the kind: a list's count of visits reads its index alone (migration 0033).
    index('interactions_person').on(table.personRut, table.agentId, table.openedAt, table.kind),
    // …and their outcome, for Llamadas' «Resultado» with one agent (migration 0043).
    index('interactions_agent').on(table.agentId, table.openedAt, table.kind, table.outcome),
    // The agent's call in progress, read on every view and action (migration 0025).
    index('interactions_open')
      .on(table.agentId, table.openedAt)
      .where(sql`${table.closedAt} IS NULL`),
    // The Panel and the Llamadas list (issue 10, migration 0012).
    index('interactions_opened').on(table.openedAt, table.reason, table.outcome),
    // Visits only, by date: the Panel's count and the lists' (migration 0033).
    index('interactions_visits')
      .on(table.openedAt, table.agentId, table.personRut)
      .where(sql`${table.kind} = 'visit'`),
    // Those waiting to be attended to, by date: Llamadas' «Por atender» (migration 0043).
    index('interactions_awaiting')
      .on(table.openedAt, table.agentId)
      .where(sql`outcome IN ('escalated', 'callback') AND follow_up_at IS NULL`),
  ],
);

/** Append-only, hash-chained. Filled by the actions issue. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    agentId: text('agent_id').notNull(),
    deviceId: text('device_id').notNull(),
    personRut: integer('person_rut'),
    action: text('action').notNull(),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
    identityCheck: text('identity_check'),
    interactionId: text('interaction_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_person').on(table.personRut),
    index('audit_agent').on(table.agentId),
    // Only events taken during a call have one (migration 0022).
    index('audit_interaction')
      .on(table.interactionId)
      .where(sql`${table.interactionId} IS NOT NULL`),
    // The Panel (issue 10, migrations 0012, 0029, 0030, 0034, 0039, 0042, 0043): actions agents
    // took, not a bulk load's events, and views that showed a diagnosis.
    index('audit_actions_at')
      .on(
        table.at,
        table.action,
        table.agentId,
        sql`instr(ifnull(${table.after}, ''), '"batchId":"')`,
      )
      .where(
        sql`${table.action} NOT IN ('person.view', 'interaction.open', 'interaction.close', 'interaction.set_reason', 'interaction.set_person', 'interaction.set_caller', 'interaction.discard', 'interaction.follow_up', 'session.lock', 'session.unlock', 'session.end', 'session.sign_in', 'session.sign_out', 'session.sign_in_refused') AND (${table.action} = 'sync.resolve' OR instr(ifnull(${table.after}, ''), '"batchId":"') = 0)`,
      ),
    index('audit_diagnosis_at')
      .on(table.at, table.personRut, table.after)
      .where(sql`${table.action} = 'person.view' AND ${table.after} IS NOT NULL`),
  ],
);

/** Intents waiting to reach the central API, in order: what to do and the version it was decided on. */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey(),
    actionId: text('action_id').notNull().unique(),
    kind: text('kind').notNull(),
    /** Who took it: only that agent's token may push it. */
    agentId: text('agent_id'),
    /** The person the action is about, so the record can show it as pending. */
    personRut: integer('person_rut'),
    payload: text('payload').notNull(),
    createdAt: text('created_at').notNull(),
    /**
     * pending → applied | conflict | rejected (the server's answer); a conflict or rejection
     * the agent has dealt with becomes resolved.
     */
    state: text('state', { enum: ['pending', 'applied', 'conflict', 'rejected', 'resolved'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The server's answer: rejection code and message, or the conflicting fields. */
    result: text('result'),
    // A shared desk (issue 11): a supervisor who took over another agent's pending actions
    // sends them with their own token; the lane (agent_id) stays the deciding agent's.
    sentBy: text('sent_by'),
    reassignReason: text('reassign_reason'),
    reassignedAt: text('reassigned_at'),
    /** When the central answered it (sync/outbox-retention.ts keeps a confirmed one a while). */
    answeredAt: text('answered_at'),
  },
  (table) => [
    index('outbox_person_state').on(table.personRut, table.state),
    index('outbox_state').on(table.state, table.seq),
    index('outbox_agent_seq').on(table.agentId, table.seq),
    // Applied without the mails it asked (sync-issues.ts): a few rows, never the enqueue's.
    index('outbox_mails_withheld')
      .on(table.seq)
      .where(sql`${table.state} = 'applied' AND ${table.result} IS NOT NULL`),
  ],
);

/** Who signs in: call-center agents, supervisors, prevention officers (scoped to companies). */
export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: AGENT_ROLES }).notNull(),
  /** scrypt, see domain/password.ts */
  passwordHash: text('password_hash').notNull(),
  /** JSON array of company RUT bodies a prevention officer is assigned to. */
  companyRuts: text('company_ruts').notNull().default('[]'),
  /** The agent as a person, when they also hold memberships (an access administrator). */
  personRut: integer('person_rut'),
  active: bool('active'),
  /** With a central API: offline sign-in is allowed until then (set at each online sign-in). */
  offlineUntil: text('offline_until'),
});

/** Cursors, epoch, device identity: one value per key. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// ── Ley 21.719 data-subject requests (issue 10), migration 0011 ──────────────────────────────

/** A data-subject request; replicated (`data_request` entity). See shared/rules/data-requests.ts. */
export const dataRequests = sqliteTable(
  'data_requests',
  {
    id: integer('id').primaryKey(),
    /** `SOL-7QK2MD-0001`: unique across desks (device code + the device's sequence). */
    number: text('number').notNull(),
    personRut: integer('person_rut').notNull(),
    /** The titular's name as they gave it, when the system holds no person with that RUT. */
    titularName: text('titular_name'),
    right: text('data_right', {
      enum: DATA_RIGHTS,
    }).notNull(),
    channel: text('channel', { enum: DATA_REQUEST_CHANNELS }).notNull(),
    /** JSON `{ method, facts }`: how the titular's identity was established. */
    identityCheck: text('identity_check').notNull(),
    /** What exactly is asked, in the titular's words. */
    detail: text('detail').notNull(),
    state: text('state', {
      enum: DATA_REQUEST_STATES,
    }).notNull(),
    /** Why it was denied. */
    stateReason: text('state_reason'),
    extensionReason: text('extension_reason'),
    receivedAt: text('received_at').notNull(),
    /** Santiago calendar dates, `aaaa-mm-dd`. */
    receivedDate: text('received_date').notNull(),
    dueDate: text('due_date').notNull(),
    extendedAt: text('extended_at'),
    closedAt: text('closed_at'),
    blockedAt: text('blocked_at'),
    unblockedAt: text('unblocked_at'),
    agentId: text('agent_id').notNull(),
    interactionId: text('interaction_id'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('data_requests_number').on(table.number),
    index('data_requests_person').on(table.personRut),
    index('data_requests_due').on(table.dueDate),
    index('data_requests_agent_due').on(table.agentId, table.dueDate),
  ],
);

/**
 * Failed sign-ins this desk decided itself, offline or with no central API (desk-only): the
 * attempts' limit (services/local-sign-in-limit.ts) survives a restart.
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    username: text('username').notNull(),
    at: text('at').notNull(),
  },
  (table) => [index('sign_in_failures_user').on(table.username, table.at)],
);

/** Exports made on this desk for access and portability requests (desk-only). */
export const dataRequestExports = sqliteTable(
  'data_request_exports',
  {
    id: text('id').primaryKey(),
    requestNumber: text('request_number').notNull(),
    personRut: integer('person_rut').notNull(),
    agentId: text('agent_id').notNull(),
    createdAt: text('created_at').notNull(),
    htmlFile: text('html_file').notNull(),
    jsonFile: text('json_file').notNull(),
    htmlBytes: integer('html_bytes').notNull(),
    jsonBytes: integer('json_bytes').notNull(),
    rows: integer('rows').notNull(),
  },
  (table) => [index('data_request_exports_request').on(table.requestNumber)],
);
// --- Audit chain anchoring (issue 10) ---------------------------------------------------------
/**
 * The heads of this device's audit chain as the central API anchored them (its answer to each
 * sync's anchor request). `audit:verify` and the audit screen check the local chain against
 * them. The central API's copy is the authority: a later answer overwrites a changed row here.
 */
export const auditAnchors = sqliteTable('audit_anchors', {
  seq: integer('seq').primaryKey(),
  hash: text('hash').notNull(),
  /** When the central API received it (its clock). */
  anchoredAt: text('anchored_at').notNull(),
  /** When this desk last heard it from the central API (this desk's clock). */
  receivedAt: text('received_at').notNull(),
});

// ---- Bulk loads (issue 8) ----

/**
 * One load of a company's file (or the undo of one): who, why, and its counters, kept in the
 * same transaction as each chunk of rows. At most one batch per company is applying or
 * interrupted at a time (the partial unique index).
 */
export const bulkBatches = sqliteTable(
  'bulk_batches',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['load', 'undo'] }).notNull(),
    undoOf: text('undo_of'),
    companyRut: integer('company_rut').notNull(),
    agentId: text('agent_id').notNull(),
    reason: text('reason').notNull(),
    fileName: text('file_name').notNull(),
    /** JSON array: the file's header row, so reports go back with the same columns. */
    header: text('header').notNull(),
    /**
     * preparing (rows being recorded) → applying → done | cancelled; interrupted (found after a
     * crash) → applying | closed.
     */
    state: text('state', {
      enum: ['preparing', 'applying', 'interrupted', 'cancelled', 'done', 'closed'],
    }).notNull(),
    total: integer('total').notNull(),
    planned: integer('planned').notNull(),
    applied: integer('applied').notNull().default(0),
    refused: integer('refused').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
    undoneBy: text('undone_by'),
  },
  (table) => [
    uniqueIndex('bulk_batches_one_running')
      .on(table.companyRut)
      .where(sql`${table.state} in ('preparing', 'applying', 'interrupted')`),
    index('bulk_batches_created').on(table.createdAt),
  ],
);

/** Every row of the file: its cells, the planned change, and what became of it. */
export const bulkBatchRows = sqliteTable(
  'bulk_batch_rows',
  {
    batchId: text('batch_id').notNull(),
    seq: integer('seq').notNull(),
    line: integer('line').notNull(),
    personRut: integer('person_rut'),
    /** JSON array of the row's cells as read. */
    cells: text('cells').notNull(),
    /** JSON PlannedChange without the RUT; null for rows refused or skipped at preview. */
    plan: text('plan'),
    state: text('state', { enum: ['pending', 'applied', 'refused', 'skipped'] })
      .notNull()
      .default('pending'),
    /** Why refused or skipped (a preview outcome or an apply refusal). */
    code: text('code'),
    /**
     * The file's other row this one was measured against: for a RUT repeated with other values
     * one that differs, for a repeated row its first (migration 0038).
     */
    otherLine: integer('other_line'),
    before: text('before'),
    after: text('after'),
    emailActionId: text('email_action_id'),
    stateActionId: text('state_action_id'),
  },
  (table) => [
    // Read in (batch, seq) order only: no secondary index (migration 0022).
    primaryKey({ columns: [table.batchId, table.seq] }),
  ],
);
