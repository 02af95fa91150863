/**
 * The local replica. RUT bodies are INTEGER PRIMARY KEYs (the check digit is derivable and kept
 * only for display). Times are ISO-8601 UTC strings. Every synced row carries the server's
 * `version` so later actions can say which state they were decided on.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    /** Identity-card serial number; never sent to the renderer unmasked. */
    serialNumber: text('serial_number'),
    isWorker: bool('is_worker'),
    isPensioner: bool('is_pensioner'),
    version: version(),
    updatedAt: updatedAt(),
  },
  (table) => [index('persons_email').on(table.email), index('persons_phone').on(table.phone)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey(),
    personRut: integer('person_rut').notNull(),
    companyRut: integer('company_rut').notNull(),
    role: text('role', { enum: ['worker', 'access_admin', 'company_user'] }).notNull(),
    state: text('state', { enum: ['active', 'disabled', 'paused', 'removed'] }).notNull(),
    /** JSON array of module names granted. */
    modules: text('modules').notNull().default('[]'),
    agreementSigned: bool('agreement_signed'),
    /** When the Remote Access Agreement mail went out and when it was signed (rule 12). */
    agreementSentAt: text('agreement_sent_at'),
    agreementSignedAt: text('agreement_signed_at'),
    /** ACHS access administrators: which of the three kinds (rule 9); null for everyone else. */
    adminKind: text('admin_kind', {
      enum: ['legal_representative', 'commercial_contact', 'appointed'],
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
    index('memberships_company_person').on(table.companyRut, table.personRut),
    // Issue 11: covers a company's counts and its administrators (migration 0016).
    index('memberships_company_role_state').on(table.companyRut, table.role, table.state),
  ],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey(),
    personRut: integer('person_rut').notNull(),
    portal: text('portal', {
      enum: ['achs_gestion', 'portal_heroes', 'portal_empresas'],
    }).notNull(),
    registrationState: text('registration_state', {
      enum: ['not_registered', 'pending_activation', 'active'],
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
      enum: ['achs_gestion', 'portal_heroes', 'portal_empresas'],
    }).notNull(),
    kind: text('kind', {
      enum: [
        'password_creation',
        'password_reset',
        'access_approval',
        'agreement_signature',
        'email_confirmation',
      ],
    }).notNull(),
    sentAt: text('sent_at').notNull(),
    /** `queued`: requested here, not yet sent by the central API. */
    outcome: text('outcome', {
      enum: ['queued', 'sent', 'delivered', 'bounced', 'failed'],
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
      enum: ['legal_representative', 'authorized_signatory', 'other'],
    }).notNull(),
    state: text('state', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    reason: text('reason'),
    requestedAt: text('requested_at').notNull(),
    decidedAt: text('decided_at'),
    agreementSigned: bool('agreement_signed'),
    version: version(),
  },
  (table) => [
    index('access_requests_person').on(table.personRut),
    index('access_requests_company').on(table.companyRut, table.state),
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
  },
  (table) => [
    index('interactions_person').on(table.personRut),
    index('interactions_agent').on(table.agentId, table.openedAt),
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
    index('audit_interaction').on(table.interactionId),
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
  },
  (table) => [
    index('outbox_person_state').on(table.personRut, table.state),
    index('outbox_state').on(table.state, table.seq),
  ],
);

/** Who signs in: call-center agents, supervisors, prevention officers (scoped to companies). */
export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['agent', 'supervisor', 'prevention'] }).notNull(),
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
