/**
 * The wire protocol between a desktop (or field laptop) and the central API. Both sides parse
 * with these schemas; the OpenAPI document served by the central API describes the same shapes.
 *
 *   POST /auth/sign-in   SignInRequest  → TokenResponse            (401 invalid_credentials)
 *   POST /auth/refresh   RefreshRequest → TokenResponse            (401 invalid_token)
 *   POST /auth/sign-out  RefreshRequest → SignOutResponse          (issue 11)
 *   GET  /sync/pull?cursor=C&limit=N    → PullResponse             (410 resync_required)
 *   POST /sync/push      PushRequest    → PushResponse             (409 device_fork)
 *   POST /admin/devices/revoke RevokeDeviceRequest → RevokeDeviceResponse (supervisors; issue 11)
 *   GET  /admin/devices                → DeviceListResponse (supervisors; issue 11)
 *   POST /admin/agent-scope ScopeAssignment → ScopeAssignmentResponse (supervisors; issue 11)
 *   GET  /admin/officers               → OfficerListResponse (supervisors; issue 11)
 *   GET  /health                        → { ok, epoch }
 *   GET  /openapi.json
 *
 * Every authenticated request carries `Authorization: Bearer <accessToken>`, `X-Device-Id`,
 * `X-Device-Secret` (issue 11; refresh too) and `X-Client-Version`. Any of them may answer 401 (token expired: refresh or sign in again),
 * 426 `{ error: { code: 'upgrade_required', minVersion } }` (client too old: stop, keep the
 * queue) or 503 with `Retry-After` (try later). Errors are `{ error: { code, message } }`.
 */
import { z } from 'zod';
import { AGENT_ROLES, MAIL_KINDS } from './vocabulary';
import { MIN_REASON_LENGTH, REASON_MAX } from './policy';

export const PROTOCOL_VERSION = 1;

/** Rows travel with the replica's own column names; both databases share the entity schema. */
export const ENTITIES = [
  'company',
  'person',
  'membership',
  'account',
  'mail',
  'access_request',
  'signatory',
  // Ley 21.719 requests (issue 10); a desk that does not know it skips it.
  'data_request',
] as const;
export type Entity = (typeof ENTITIES)[number];

/** Table and primary-key column of each entity, and the columns a pulled row may set. */
export const ENTITY_TABLES: Record<
  Entity,
  { table: string; key: string; columns: readonly string[] }
> = {
  company: {
    table: 'companies',
    key: 'rut',
    columns: [
      'rut',
      'dv',
      'legal_name',
      'adherent',
      'adherent_since',
      'adherent_until',
      'portals',
      'version',
    ],
  },
  person: {
    table: 'persons',
    key: 'rut',
    columns: [
      'rut',
      'dv',
      'given_names',
      'last_name1',
      'last_name2',
      'sort_key',
      'email',
      'phone',
      'phone_changed_at',
      'phone_changed_by',
      'email_changed_at',
      'email_changed_by',
      'serial_number',
      'is_worker',
      'is_pensioner',
      'version',
    ],
  },
  membership: {
    table: 'memberships',
    key: 'id',
    columns: [
      'id',
      'person_rut',
      'company_rut',
      'role',
      'state',
      'modules',
      'agreement_signed',
      'started_at',
      'ended_at',
      'agreement_sent_at',
      'agreement_signed_at',
      'admin_kind',
      'appointed_by',
      'external',
      'version',
    ],
  },
  account: {
    table: 'accounts',
    key: 'id',
    columns: [
      'id',
      'person_rut',
      'portal',
      'registration_state',
      'password_set',
      'email_verified',
      'failed_attempts',
      'locked_until',
      'registration_blocked',
      'last_login_at',
      'first_access_used',
      'version',
    ],
  },
  mail: {
    table: 'mails',
    key: 'id',
    columns: [
      'id',
      'person_rut',
      'portal',
      'kind',
      'sent_at',
      'outcome',
      'to_address',
      'action_id',
    ],
  },
  access_request: {
    table: 'access_requests',
    key: 'id',
    columns: [
      'id',
      'person_rut',
      'company_rut',
      'capacity',
      'state',
      'reason',
      'requested_at',
      'decided_at',
      'agreement_signed',
      'version',
    ],
  },
  signatory: {
    table: 'company_signatories',
    key: 'id',
    columns: ['id', 'company_rut', 'person_rut', 'kind', 'version'],
  },
  // Ley 21.719 requests (issue 10).
  data_request: {
    table: 'data_requests',
    key: 'id',
    columns: [
      'id',
      'number',
      'person_rut',
      'data_right',
      'channel',
      'identity_check',
      'detail',
      'state',
      'state_reason',
      'extension_reason',
      'received_at',
      'received_date',
      'due_date',
      'extended_at',
      'closed_at',
      'blocked_at',
      'unblocked_at',
      'agent_id',
      'interaction_id',
      'titular_name',
      'version',
    ],
  },
};

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), minVersion: z.string().optional() }),
});

/** A computer's name as the devices list shows it (a host name is at most 63 per label). */
export const DEVICE_NAME_MAX = 100;

export const SignInRequest = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  deviceId: z.string().uuid(),
  /**
   * Issue 11: the device's own secret (32 random bytes, base64url), kept by the central as a
   * hash at the device's first sign-in and proven on every later call (`X-Device-Secret`).
   * A client that sends none is too old: 426.
   */
  deviceSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** The first outbox id a newly enrolled device will push (a re-enrolled desk keeps its ids). */
  nextMutationId: z.number().int().positive().optional(),
  /**
   * Issue 11: the computer's name (its host name), which the supervisor's list of devices shows
   * beside the id; kept at enrolment and at each sign-in. Absent from an older desk.
   */
  deviceName: z.string().trim().min(1).max(DEVICE_NAME_MAX).optional(),
  /**
   * A re-enrolled desk's identity before (revoked, or a duplicate): its id and its secret. When
   * the secret proves it, the new device is listed as the same computer; else it is ignored.
   */
  formerDevice: z
    .object({
      deviceId: z.string().max(64),
      secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    })
    .optional(),
});

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
/** POST /auth/sign-out RefreshRequest → SignOutResponse: the desk's sign-out, ended here too. */
export const SignOutResponse = z.object({ signedOut: z.boolean() });

export const AgentProfile = z.object({
  agentId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(AGENT_ROLES),
  /** RUT bodies of a prevention officer's companies. */
  companyRuts: z.array(z.number().int()),
  personRut: z.number().int().nullable(),
});
export type AgentProfile = z.infer<typeof AgentProfile>;

export const TokenResponse = z.object({
  accessToken: z.string(),
  /** ISO instant, server clock. */
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshExpiresAt: z.string(),
  agent: AgentProfile,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/**
 * A JSON object taken as it came: a pulled row (the replica writer reads only its table's
 * columns, by name) or a pushed intent's payload (the shared rules read each field they need and
 * check it). Not `z.record`, which copies every object key by key: a 5,000-row pull page spent
 * more on that copy than on parsing its JSON, and a push's validation took almost twice as long.
 */
const JsonObject = z
  .custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    { message: 'expected a JSON object' },
  )
  .meta({ type: 'object', additionalProperties: {} });

export const Change = z.object({
  /** One of ENTITIES; a newer server may send others, which an older desk skips. */
  entity: z.string(),
  op: z.string(),
  /** Primary key value (RUT body or id). */
  key: z.number().int(),
  /** The row with the replica's column names; null for deletions. */
  row: JsonObject.nullable(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  /** The server dataset's incarnation: a new epoch means the server was restored. */
  epoch: z.string(),
  /** Opaque; send it back to get the next page. Store it with the page, in one transaction. */
  cursor: z.string(),
  hasMore: z.boolean(),
  changes: z.array(Change),
  /** Initial sync only: rows sent so far and in all, for a progress bar. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /**
   * The highest action id of this device the server has processed: a desk holding actions it
   * believes applied above this sends them again (the server was restored from a backup).
   */
  lastProcessed: z.number().int().optional(),
  // Scope follows assignments (issue 11).
  /**
   * The agent's scope on the server now: every person (null) or the people of these companies.
   * A desk follows it for its own checks; an older server does not send it.
   */
  scope: z.object({ companyRuts: z.array(z.number().int()).nullable() }).optional(),
  /**
   * While the scope changed and the replica is being brought to it (people of a company newly
   * assigned arriving, those of a company taken away leaving): rows of that change so far and
   * in all, for a progress bar. Null or absent otherwise.
   */
  scopeChange: z.object({ done: z.number().int(), total: z.number().int() }).nullable().optional(),
  /**
   * Per lane (agent) of this device, the highest action id the server has processed: a desk
   * holding a lane's actions as applied above it sends them again (a restored server).
   */
  lanes: z.array(z.object({ agentId: z.string(), lastProcessed: z.number().int() })).optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const Mutation = z.object({
  /** The outbox sequence number: strictly increasing per device, never reused. */
  id: z.number().int().positive(),
  actionId: z.string().uuid(),
  /** The agent who took the action (must be the token's agent). */
  agentId: z.string(),
  kind: z.string().max(64),
  personRut: z.number().int().nullable(),
  /** The intent, see src/intents/apply-intent.ts. */
  payload: JsonObject,
  /** When the agent decided it, client clock (only compared with `sentAt`, same clock). */
  decidedAt: z.string(),
  /** sha256 of the canonical payload: the same id with another hash means a cloned device. */
  payloadHash: z.string().length(64),
  // A shared desk (issue 11): each agent's actions are a lane of their own on the device.
  /**
   * The id of the previous action of the same lane on this device (0: the lane's first). With
   * it the server orders and checks each agent's actions apart, so one agent's waiting
   * actions never hold back another's; without it (an older desk) the device is one lane.
   */
  after: z.number().int().nonnegative().optional(),
  /**
   * Re-assigned by a supervisor: the agent who decided the action (its lane), when the token's
   * agent (`agentId`, a supervisor) sends it under their own authority, and why.
   */
  decidedBy: z.string().optional(),
  reassignReason: z.string().max(REASON_MAX).optional(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  deviceId: z.string().uuid(),
  /** Client clock when sending: with `decidedAt` it gives an action's age without trusting clocks. */
  sentAt: z.string(),
  mutations: z.array(Mutation).min(1).max(200),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Why the central API did not apply a queued action (`MutationResult.code` of a rejection); each
 * has its Spanish words in shared/messages/central-api.ts (`rejectionMessages`).
 */
export type RejectionCode =
  | 'unknown_kind'
  | 'invalid_payload'
  | 'entity_gone'
  | 'forbidden'
  | 'no_email'
  | 'invalid_email'
  | 'invalid_phone'
  | 'mail_not_applicable'
  /** A mail promised to one address, when the person's registered one is another by now. */
  | 'email_changed'
  | 'stale_command'
  | 'company_not_adherent'
  | 'invalid_transition'
  | 'requester_not_signatory'
  | 'request_decided'
  | 'caller_not_authorized'
  | 'admin_needs_representative'
  | 'admin_not_by_profile_change'
  | 'profile_not_by_change'
  | 'outsider_not_worker'
  | 'company_caller_required'
  | 'company_not_on_empresas'
  | 'already_user'
  | 'person_other_name'
  | 'change_not_on_portal'
  | 'module_not_offered'
  | 'caller_grants_self'
  | 'representative_register'
  | 'representative_modules'
  // Ley 21.719 requests (issue 10).
  | 'already_blocked'
  | 'block_without_request'
  | 'duplicate_number'
  | 'person_blocked';

export const MutationResult = z.object({
  id: z.number().int(),
  actionId: z.string(),
  status: z.enum(['applied', 'conflict', 'rejected']),
  /** True when this answer is the stored one for an id already processed. */
  duplicate: z.boolean(),
  /** rejected: why (e.g. company_not_adherent, stale_command, forbidden, entity_gone). */
  code: z.string().optional(),
  message: z.string().optional(),
  /** conflict: per field, what the device wanted and what the server has. */
  conflicts: z
    .array(z.object({ field: z.string(), yours: z.unknown(), theirs: z.unknown() }))
    .optional(),
  /**
   * conflict / rejected: the server's rows of the person the action was about, as they are when
   * this answer is made (never stored). A desk that showed the change ahead puts them back: a
   * pull may already have brought their version, so it would never correct them.
   */
  current: z.array(Change).optional(),
  /**
   * applied (or a conflict with another field applied): the mails the action asks for that were
   * not sent, because it reached the central
   * more than MAIL_FRESHNESS_MS after it was decided (policy.ts): applied without them, the
   * desk lists them for someone to ask again (an approval's, a new address's confirmation).
   */
  mailsWithheld: z.array(z.enum(MAIL_KINDS)).optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  epoch: z.string(),
  /** Highest mutation id of this device the server has processed. */
  lastProcessed: z.number().int(),
  results: z.array(MutationResult),
  /** Set when the batch skipped ids: the server processes nothing past this one. */
  expectedNext: z.number().int().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Health = z.object({ ok: z.literal(true), epoch: z.string() });

/**
 * Portal Empresas tells the central API that a person signed the Remote Access Agreement for a
 * company (rule 12): the company profile is assigned and every desk learns it at its next pull.
 */
export const AgreementSigned = z.object({
  personRut: z.number().int().positive(),
  companyRut: z.number().int().positive(),
});
export const AgreementSignedResponse = z.object({
  signed: z.literal(true),
  at: z.string(),
  /**
   * The company profile is assigned now (rule 12). false: the access is paused or disabled — the
   * signature is kept, and the profile is assigned when the company gives the access back.
   */
  assigned: z.boolean(),
});
export type AgreementSignedResponse = z.infer<typeof AgreementSignedResponse>;

// --- Issue 11: device trust -------------------------------------------------------------------

/** A supervisor revokes a device: it stops syncing, its sessions end, its replica is wiped. */
export const RevokeDeviceRequest = z.object({
  deviceId: z.string().uuid(),
  reason: z.string().trim().min(1).max(REASON_MAX).optional(),
  /** The desk's id of this decision: the same request sent again gets the first answer. */
  decisionId: z.string().uuid().optional(),
});
export type RevokeDeviceRequest = z.input<typeof RevokeDeviceRequest>;
export const RevokeDeviceResponse = z.object({
  deviceId: z.string(),
  /** The first revocation's, when the device was already revoked. */
  revokedAt: z.string(),
  revokedBy: z.string(),
  /** False: it was already revoked, and stays as it was (absent from older servers: true). */
  changed: z.boolean().default(true),
});
/**
 * An enrolled device as a supervisor sees it before revoking one: who enrolled it, which active
 * agents hold a session on it (a refresh token that has not expired: signing out on the desk, or
 * another agent signing in there, ends it), and when it was last heard from (its latest push,
 * pull or token). Names
 * are the agents' display names; a revocation from the command line names nobody (null).
 */
export const DeviceSummary = z.object({
  deviceId: z.string(),
  enrolledAt: z.string(),
  enrolledBy: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  signedIn: z.array(z.string()),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /**
   * The same computer under another identity: the one it took over from (proven with that
   * identity's secret at its first sign-in), and the one that took over from it. Absent from
   * an older central's answer.
   */
  formerDeviceId: z.string().nullable().default(null),
  nextDeviceId: z.string().nullable().default(null),
  /** The computer's name as its desk last gave it (SignInRequest.deviceName). */
  name: z.string().nullable().default(null),
  /** A revoked device was told so, and so wiped its replica: the first time, when. */
  revocationToldAt: z.string().nullable().default(null),
  /** False for a device revoked before the central kept that (told or not, unknown). */
  revocationToldKnown: z.boolean().default(false),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
/** Devices in use first (latest contact first), then the revoked ones (latest first). */
export const DeviceListResponse = z.object({ devices: z.array(DeviceSummary) });
// --- Scope follows assignments (issue 11) ----------------------------------------------------
// POST /admin/agent-scope ScopeAssignment → ScopeAssignmentResponse; GET /admin/officers →
// OfficerListResponse. Supervisors only.

/** Assigning a company to a prevention officer, or taking it from him: who, why, when. */
export const ScopeAssignment = z.object({
  username: z.string().min(1).max(100),
  companyRut: z.number().int().positive(),
  assigned: z.boolean(),
  reason: z.string().trim().min(MIN_REASON_LENGTH).max(REASON_MAX),
  /** The desk's id of this decision: the same request sent again gets the first answer. */
  decisionId: z.string().uuid().optional(),
});
export type ScopeAssignment = z.infer<typeof ScopeAssignment>;
export const ScopeAssignmentResponse = z.object({
  username: z.string(),
  /** The officer's name, for the supervisor's audit (absent from older servers). */
  displayName: z.string().optional(),
  companyRuts: z.array(z.number().int()),
  /** False when the agent already had (or already lacked) that company. */
  changed: z.boolean(),
});
/** A prevention officer and the companies (RUT bodies) assigned to him. */
export const OfficerSummary = z.object({
  username: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  companyRuts: z.array(z.number().int()),
});
export type OfficerSummary = z.infer<typeof OfficerSummary>;
export const OfficerListResponse = z.object({ officers: z.array(OfficerSummary) });

// --- Audit chain anchoring (issue 10) ---------------------------------------------------------
// POST /sync/anchor  AnchorRequest → AnchorResponse. Each sync cycle, right after its push, a
// device sends the head of its local audit hash chain; the server keeps it (per device, never
// changed) and answers with the latest anchors it holds for that device, which the desk stores
// and checks its chain against (`audit:verify`, the audit screen).

export const AuditHead = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the head event was written, device clock. */
  at: z.string().max(40),
});
export type AuditHead = z.infer<typeof AuditHead>;

export const AnchorRequest = z.object({ deviceId: z.string().uuid(), head: AuditHead });
export type AnchorRequest = z.infer<typeof AnchorRequest>;

export const AuditAnchor = z.object({
  seq: z.number().int().positive(),
  hash: z.string(),
  /** When the server received it, server clock. */
  anchoredAt: z.string(),
});
export type AuditAnchor = z.infer<typeof AuditAnchor>;

/** Anchors answered per request, newest first. */
export const MAX_ANCHORS_ANSWERED = 50;

export const AnchorResponse = z.object({
  anchors: z.array(AuditAnchor).max(MAX_ANCHORS_ANSWERED),
  /**
   * The head sent disagrees with what this server anchored for that sequence number (or comes
   * below the highest one anchored): nothing was stored; the desk's verify says where.
   */
  disagrees: z.boolean(),
});
export type AnchorResponse = z.infer<typeof AnchorResponse>;
