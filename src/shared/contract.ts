/**
 * The one contract between the renderer and the core: every channel with its input and
 * output schema. Both doors (Electron IPC and the loopback web door) serve exactly this.
 */
import { z } from 'zod';
import { parseRut } from './rut';
import type { ChannelName } from './channels';
import {
  CALL_NOTES_MAX,
  IDENTITY_FACTS,
  INTERACTION_OUTCOMES,
  INTERACTION_REASONS,
  ON_BEHALF_NAME_MIN,
  onBehalfNameFits,
  ON_BEHALF_RELATIONS,
  REASON_MAX,
} from './policy';
import {
  DATA_REQUEST_CHANNELS,
  DATA_REQUEST_MOVE_NAMES,
  DATA_REQUEST_STATES,
  DATA_RIGHTS,
  IDENTITY_METHODS,
} from './rules/data-requests';
import { BULK_MAX_BASE64_CHARS, OUTCOME_FILTERS } from './rules/bulk-load';
import { COMPANY_USER_CHANGE_KINDS } from './rules/membership-transitions';
import { ADMIN_KINDS } from './rules/company-access';
import { FOLLOW_UP_NOTE_MIN } from './rules/follow-up';
import {
  AGENT_ROLES,
  INTERACTION_KINDS,
  MAIL_KINDS,
  MAIL_OUTCOMES,
  MEMBERSHIP_ROLES,
  MEMBERSHIP_STATES,
  PORTALS,
  REQUEST_CAPACITIES,
  REGISTRATION_STATES,
  REQUEST_STATES,
} from './vocabulary';
import { DeviceSummary } from './sync-protocol';

/** A person's or company's RUT as text in any usual form, validated (check digit included). */
export const RutInput = z
  .string()
  .max(20)
  .refine((text) => parseRut(text) !== null, { message: 'invalid_rut' });

export const Portal = z.enum(PORTALS);
export type Portal = z.infer<typeof Portal>;

export const MembershipRole = z.enum(MEMBERSHIP_ROLES);
export const AdminKind = z.enum(ADMIN_KINDS);
export const RequestCapacity = z.enum(REQUEST_CAPACITIES);
export const RequestState = z.enum(REQUEST_STATES);

/** Causes of "cannot get in", in ranking order: the first ones block everything after them. */
export const CAUSE_CODES = [
  'not_in_replica',
  'no_membership',
  'company_not_adherent',
  'dismissed',
  'membership_disabled',
  'membership_paused',
  'registration_blocked',
  'temporarily_locked',
  'no_email',
  'mail_bounced',
  'password_link_unused',
  'email_unverified',
  'agreement_unsigned',
  'access_request_rejected',
  'access_request_pending',
  'not_registered',
  // What to tell the caller rather than what blocks them (rules 16 and 17).
  'first_access_used',
  'first_access_key',
  'usual_password',
  'achs_virtual_keys',
  // One company closed while others stay open (seed 000: «podrás seguir accediendo a las demás»).
  'other_companies_open',
  // A company closed while the affiliate profile on Los Héroes' login stays open (rule 14).
  'affiliate_profile_open',
] as const;
export type CauseCode = (typeof CAUSE_CODES)[number];
/** Causes that are advice for the caller, not something in the way: shown as advice. */
export const ADVICE_CAUSES: ReadonlySet<CauseCode> = new Set([
  'first_access_used',
  'first_access_key',
  'usual_password',
  'achs_virtual_keys',
  'other_companies_open',
  'affiliate_profile_open',
]);
/**
 * Advice that explains nothing closed (how to enter, which keys): alone, the diagnosis still says
 * «Sin impedimentos a la vista» first. A company closed while others stay open is why they call:
 * it leads.
 */
export const TIP_CAUSES: ReadonlySet<CauseCode> = new Set([
  'first_access_key',
  'usual_password',
  'achs_virtual_keys',
]);
export const MembershipState = z.enum(MEMBERSHIP_STATES);
export const RegistrationState = z.enum(REGISTRATION_STATES);
export const MailKind = z.enum(MAIL_KINDS);
export const MailOutcome = z.enum(MAIL_OUTCOMES);
export type MailKind = z.infer<typeof MailKind>;
export const Role = z.enum(AGENT_ROLES);
export const IdentityFact = z.enum(IDENTITY_FACTS);
export const InteractionReason = z.enum(INTERACTION_REASONS);
export const InteractionOutcome = z.enum(INTERACTION_OUTCOMES);
export const InteractionKind = z.enum(INTERACTION_KINDS);
export const OnBehalfRelation = z.enum(ON_BEHALF_RELATIONS);

/** May the signed-in agent do this here, and if not, why. */
export const Decision = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true) }),
  z.object({
    allowed: z.literal(false),
    // data_blocked: Ley 21.719 temporary block (issue 10).
    reason: z.enum([
      'role',
      'out_of_scope',
      'not_access_admin',
      'data_blocked',
      'company_not_adherent',
      'help_desk_only',
      // Rules 9, 12: the legal representative's access follows the register (shieldsRepresentative).
      'representative_register',
      'profile_not_by_change',
      'outsider_not_worker',
      'representative_profile',
      // Rules 9, 12: nor his modules (shieldsRepresentative).
      'representative_modules',
      // Rules 9, 12, 13: a change of his access only he may ask for, and he cannot now
      // (companyChangeWaits: his agreement unsigned, no company profile, his profile not active,
      // or no facts of his to check) — REPRESENTATIVE_WAIT_REASONS.
      'representative_unsigned',
      'representative_no_profile',
      'representative_inactive',
      'representative_unlisted',
      // The system holds fewer facts of the person than the identity check asks for.
      'identity_unverifiable',
      // The e-mail shown is another agent's change still waiting on this desk (resend-mail.ts).
      'email_held',
    ]),
  }),
]);
export type Decision = z.infer<typeof Decision>;

export const Fix = z.discriminatedUnion('action', [
  z.object({ action: z.literal('unlock'), portal: Portal }),
  z.object({ action: z.literal('clear_registration_block'), portal: Portal }),
  z.object({ action: z.literal('resend_mail'), portal: Portal, kind: MailKind }),
  z.object({ action: z.literal('edit_contact') }),
  z.object({ action: z.literal('enable_membership'), companyRut: z.string() }),
  z.object({ action: z.literal('resume_membership'), companyRut: z.string() }),
]);
export type Fix = z.infer<typeof Fix>;

/** Why the person cannot get in, most likely first (see main/domain/diagnosis.ts). */
export const Cause = z.object({
  code: z.enum(CAUSE_CODES),
  portal: Portal.optional(),
  companyRut: z.string().optional(),
  companyName: z.string().optional(),
  until: z.string().optional(),
  attempts: z.number().int().optional(),
  lastSentAt: z.string().optional(),
  /** Which mail that was, when more than one kind serves the cause (the approval's, the agreement's). */
  lastSentKind: MailKind.optional(),
  /** That mail was asked for on this desk and the central API has not sent it yet. */
  lastMailWaiting: z.boolean().optional(),
  /** That mail went to this address, which is no longer the person's (the e-mail was corrected). */
  lastSentTo: z.string().optional(),
  reason: z.string().optional(),
  /**
   * access_request_pending: the register does not name the requester (rule 12), so the request
   * can only be rejected.
   */
  notInRegister: z.boolean().optional(),
  /**
   * dismissed, other_companies_open, affiliate_profile_open: the profile held there (a company's user taken off is not a
   * dismissed worker).
   */
  role: MembershipRole.optional(),
  /**
   * other_companies_open: the closed access's state, and the companies still open to them through
   * the same login (they choose the company on entering); affiliate_profile_open: the closed
   * one's state (none: its company is no longer adherent).
   */
  state: MembershipState.optional(),
  /**
   * membership_disabled, membership_paused: false when the company is no longer adherent
   * (rule 6): nobody can give the access back until it adheres again.
   */
  companyAdherent: z.boolean().optional(),
  /**
   * membership_disabled, membership_paused: nobody but the person could ask for it back now
   * (othersMayAsk, shared/rules/company-access.ts).
   */
  nobodyAsks: z.literal(true).optional(),
  others: z.array(z.string()).optional(),
  /** other_companies_open: companies still open on the other portal, with its own login. */
  elsewhere: z
    .object({
      portal: Portal,
      companies: z.array(z.string()),
      /**
       * Its login not yet open to them: ACHS Gestión never registered, or its link not yet used;
       * Portal Empresas entered with its first-access key, or that key already used (rule 16).
       */
      account: z
        .enum(['not_registered', 'pending_activation', 'first_access', 'first_access_used'])
        .optional(),
    })
    .optional(),
  /**
   * affiliate_profile_open: the profile that still opens Los Héroes' login (rule 14); dismissed:
   * that login stays open beside the dismissal; usual_password: the profile beside the company
   * one, to switch between (none: a company user who is no affiliate has the company one alone).
   */
  profile: z.enum(['pensioner', 'affiliate']).optional(),
  /** affiliate_profile_open: where that login stands (no account: not registered, rule 2). */
  login: RegistrationState.optional(),
  /**
   * membership_paused, membership_disabled, other_companies_open: the company profile there
   * waits for its Remote Access Agreement too, and the mail that asks for it waits until the
   * access is given back (rule 12; signatureWaitsForAccess, shared/rules/access.ts).
   */
  agreementWaits: z.boolean().optional(),
  /**
   * password_link_unused, email_unverified, agreement_unsigned: the newest mail bounced at the
   * person's address (mail_bounced): no link reaches them until it is corrected.
   */
  bounced: z.boolean().optional(),
  /**
   * temporarily_locked: the login opens no company now (an access disabled or paused, a profile
   * awaiting its signature, none yet): waiting out the lock or resetting the password does not
   * let them in until one opens (hasAccessAt, shared/rules/access.ts).
   */
  withoutAccess: z.literal(true).optional(),
  /**
   * agreement_unsigned: how the first entry to Portal Empresas goes once signed (rule 16): with
   * the first-access key, or with the password the Los Héroes login already has.
   */
  firstEntry: z.enum(['first_access_key', 'usual_password']).optional(),
  fix: Fix.nullable(),
});
export type Cause = z.infer<typeof Cause>;

/** Why an account or person cannot get in, as codes: the renderer words them. */
export const Badge = z.discriminatedUnion('code', [
  z.object({ code: z.literal('active') }),
  z.object({
    code: z.literal('temporarily_locked'),
    until: z.string(),
    attempts: z.number().int(),
  }),
  z.object({ code: z.literal('registration_blocked') }),
  z.object({ code: z.literal('disabled') }),
  z.object({ code: z.literal('no_email') }),
  z.object({ code: z.literal('pending_activation') }),
  z.object({ code: z.literal('not_registered') }),
  z.object({ code: z.literal('company_not_adherent') }),
  // Rule 12: a company profile whose Remote Access Agreement is unsigned, and nothing else open.
  z.object({ code: z.literal('pending_signature') }),
]);
export type Badge = z.infer<typeof Badge>;

/** The longest search text: the box stops there, so nothing typed is ever refused. */
export const SEARCH_TEXT_MAX = 200;
export const SearchQuery = z.object({
  text: z.string().max(SEARCH_TEXT_MAX),
  /** Restrict to the members of one company (login form of its RUT). */
  companyRut: RutInput.nullable().default(null),
  offset: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
  /**
   * The desk reading the same search again by itself (after a sync): not the agent's ask, so a
   * RUT it finds outside an officer's companies is not audited as his search (issue 10).
   */
  refresh: z.boolean().default(false),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const PersonHit = z.object({
  rut: z.string(),
  givenNames: z.string(),
  lastName1: z.string(),
  lastName2: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyName: z.string().nullable(),
  companyCount: z.number().int(),
  badges: z.array(Badge),
  /**
   * Actions taken on this desk that the central API has not confirmed yet: the badges show the
   * desk's state, which the portal does not have yet (never a plain green «Activo» then).
   */
  held: z.boolean(),
  /** sounds_like: the name as written matched nobody; this one sounds like it (name-sound.ts). */
  matchedBy: z.enum(['rut', 'rut_prefix', 'phone', 'email', 'name', 'sounds_like', 'company']),
});
export type PersonHit = z.infer<typeof PersonHit>;

export const CompanyHit = z.object({
  rut: z.string(),
  legalName: z.string(),
  adherent: z.boolean(),
  memberCount: z.number().int(),
});
export type CompanyHit = z.infer<typeof CompanyHit>;

export const SearchNotice = z.discriminatedUnion('code', [
  z.object({ code: z.literal('invalid_check_digit'), expected: z.string(), typed: z.string() }),
  z.object({ code: z.literal('capped'), cap: z.number().int() }),
  /** More companies match the name than are listed. */
  z.object({ code: z.literal('companies_capped'), shown: z.number().int() }),
  z.object({ code: z.literal('rut_not_found'), rut: z.string() }),
  /** A prevention officer's search: the RUT is not among his companies' people. */
  z.object({ code: z.literal('rut_outside_scope'), rut: z.string() }),
  /** Not found while the replica is still being filled: nothing can be said yet. */
  z.object({ code: z.literal('rut_not_synced_yet'), rut: z.string() }),
  /** Nobody's name is written as typed: the persons listed are those whose names sound like it. */
  z.object({
    code: z.literal('sounds_like'),
    typed: z.string(),
    /** The names that sound like it are companies' (no company's nor anybody's is written so). */
    companies: z.literal(true).optional(),
  }),
]);
export type SearchNotice = z.infer<typeof SearchNotice>;

export const SearchPage = z.object({
  text: z.string(),
  company: CompanyHit.nullable(),
  companies: z.array(CompanyHit),
  persons: z.array(PersonHit),
  offset: z.number().int(),
  hasMore: z.boolean(),
  /** Persons the agent can page through for this text (at most the cap; see `capped`). */
  total: z.number().int(),
  notices: z.array(SearchNotice),
});
export type SearchPage = z.infer<typeof SearchPage>;

const ContactChange = z.object({ at: z.string(), by: z.string().nullable() });

export const PersonRecord = z.object({
  rut: z.string(),
  givenNames: z.string(),
  lastName1: z.string(),
  lastName2: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Only the last three characters of the card serial number ever leave main. */
  serialNumberMasked: z.string().nullable(),
  /** The facts a caller can be asked to prove who they are, masked (shared/identity-facts.ts). */
  identityFacts: z.array(z.object({ fact: IdentityFact, shown: z.array(z.string()) })),
  /** The mobile changed lately: it is not among the facts until then (policy phoneNoProofUntil). */
  phoneNoProofUntil: z.string().nullable(),
  /**
   * When the e-mail and the mobile last changed, and who changed them, by name (null: no change
   * recorded since the desk kept one; `by` null: nobody named, as a change before 0032).
   */
  contactChanged: z.object({ email: ContactChange.nullable(), phone: ContactChange.nullable() }),
  isWorker: z.boolean(),
  isPensioner: z.boolean(),
  version: z.number().int(),
  badges: z.array(Badge),
  diagnosis: z.array(Cause),
  can: z.object({
    editContact: Decision,
    /** A new e-mail: editContact, and the identity check it asks for possible here. */
    changeEmail: Decision,
    unlock: Decision,
    clearRegistrationBlock: Decision,
    resendMail: Decision,
  }),
  accounts: z.array(
    z.object({
      portal: Portal,
      version: z.number().int(),
      registrationState: RegistrationState,
      passwordSet: z.boolean(),
      emailVerified: z.boolean(),
      failedAttempts: z.number().int(),
      lockedUntil: z.string().nullable(),
      registrationBlocked: z.boolean(),
      lastLoginAt: z.string().nullable(),
      firstAccessUsed: z.boolean(),
      badges: z.array(Badge),
      /**
       * Whether its login opens a company now (hasAccessAt, shared/rules/access.ts): a lock on
       * one that does not is not all that keeps them out (Cause.withoutAccess says so too).
       */
      hasAccess: z.boolean(),
      /** The mails that fit this account now (shared/rules/access.ts): all the record offers. */
      mailKinds: z.array(MailKind),
    }),
  ),
  memberships: z.array(
    z.object({
      companyRut: z.string(),
      companyName: z.string(),
      companyAdherent: z.boolean(),
      companyAdherentSince: z.string().nullable(),
      companyAdherentUntil: z.string().nullable(),
      /** The company is on Portal Empresas: its non-worker profiles need the agreement. */
      companyOnEmpresas: z.boolean(),
      role: MembershipRole,
      state: MembershipState,
      modules: z.array(z.string()),
      agreementSigned: z.boolean(),
      agreementSentAt: z.string().nullable(),
      agreementSignedAt: z.string().nullable(),
      /** Portal Empresas: the company profile is assigned (agreement signed, rule 12). */
      companyProfileAssigned: z.boolean(),
      adminKind: AdminKind.nullable(),
      external: z.boolean(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      version: z.number().int(),
      /**
       * Rule 9: the company's other access administrators with their profile assigned, whom a
       * user asks for modules (seed 000: «si no sabes quién es, llama al 600»). Empty where the
       * access is closed or the company no longer adherent: nobody there can give anything.
       */
      accessAdmins: z.array(
        z.object({ rut: z.string(), name: z.string(), kind: AdminKind.nullable() }),
      ),
      /** How many more there are than `accessAdmins` names (the company's page lists them). */
      accessAdminsMore: z.number().int(),
      /**
       * Paused or disabled at an adherent company, and nobody but the person could ask for it back
       * now (othersMayAsk: its representative has not signed, say).
       */
      nobodyAsks: z.literal(true).optional(),
      can: z.object({
        disable: Decision,
        enable: Decision,
        pause: Decision,
        resume: Decision,
        dismiss: Decision,
        changeRole: Decision,
      }),
    }),
  ),
  mails: z.array(
    z.object({
      portal: Portal,
      kind: MailKind,
      sentAt: z.string(),
      outcome: MailOutcome,
      toAddress: z.string(),
    }),
  ),
  /**
   * The companies whose register names this person (legal representative, TRF): not an access,
   * but what lets them ask for one (rule 12) and speak for the company (rules 9, 13).
   */
  registers: z.array(
    z.object({
      companyRut: z.string(),
      companyName: z.string(),
      kind: z.enum(['legal_representative', 'trf']),
    }),
  ),
  /** Portal Empresas access requests this person made, oldest first. */
  accessRequests: z.array(
    z.object({
      companyRut: z.string(),
      companyName: z.string(),
      capacity: RequestCapacity,
      state: RequestState,
      reason: z.string().nullable(),
      requestedAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  /** Actions taken here that the central API has not confirmed yet. */
  pendingActions: z.array(
    z.object({
      actionId: z.string(),
      kind: z.string(),
      createdAt: z.string(),
      /**
       * Whose session it leaves with (a re-assigned one's supervisor): on a shared desk, another
       * agent's waits for them to sign in again.
       */
      agentId: z.string().nullable(),
      agentName: z.string().nullable(),
      /** That agent is disabled (the central said so here): they will not sign in again. */
      agentDisabled: z.boolean(),
      /**
       * An unlock: the lock the portal keeps until it arrives (rule 3), while it lasts — the
       * record shows the account unlocked, the caller is still locked out.
       */
      portalLock: z.object({ portal: Portal, until: z.string() }).optional(),
    }),
  ),
  /**
   * Actions on this person the central API did not apply (in conflict, rejected), until someone
   * settles them in Sincronización: what the record showed as done did not happen there.
   */
  unsettledActions: z.array(
    z.object({
      actionId: z.string(),
      kind: z.string(),
      state: z.enum(['conflict', 'rejected']),
      agentId: z.string().nullable(),
      agentName: z.string().nullable(),
    }),
  ),
  /** Built while the replica may be missing data: no cause or script is certain. */
  replicaIncomplete: z.boolean(),
  interactions: z.array(z.lazy(() => Interaction)),
  /** Ley 21.719 (issue 10): an active temporary block, and this person's requests. */
  dataProtection: z.lazy(() => PersonDataProtection),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const Interaction = z.object({
  id: z.string(),
  /**
   * A call, or a prevention officer's visit (shared/rules/interaction-kind.ts): each row is named
   * by what it is, whoever is signed in.
   */
  kind: InteractionKind,
  agentId: z.string(),
  personRut: z.string().nullable(),
  /** The caller's full name, when the RUT is in the replica. */
  personName: z.string().nullable(),
  /** The agent's display name, when this replica knows the agent. */
  agentName: z.string().nullable(),
  reason: InteractionReason,
  outcome: InteractionOutcome.nullable(),
  notes: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  actions: z.array(
    z.object({
      action: z.string(),
      at: z.string(),
      personRut: z.string().nullable(),
      /** Whom it acted on, by name, when not the call's person (null: not on this desk). */
      personName: z.string().nullable().optional(),
      /** A company's change: who of it asked, when not the call's person (name null: not here). */
      requestedBy: z.object({ rut: z.string(), name: z.string().nullable() }).optional(),
      /** Not (yet) applied by the central API: waiting, in conflict, rejected, or resolved. */
      sync: z.enum(['pending', 'conflict', 'rejected', 'resolved']).nullable(),
      /** A mail asked (`mail.resend`): which one, so a «no me llega» call later knows. */
      mailKind: MailKind.optional(),
    }),
  ),
  /** Someone calling in the person's name (a relative, a carer); null when the person calls. */
  onBehalf: z.object({ name: z.string(), relation: OnBehalfRelation }).nullable(),
  /** Who called in the person's name earlier in this call and is no longer on the line. */
  earlierOnBehalf: z.array(z.object({ name: z.string(), relation: OnBehalfRelation })),
  /**
   * Closed as «Derivado» or «Volver a contactar»: when it was said attended to, by whom (name null:
   * an agent this desk does not know) and what was done; null while it waits, or if nothing did
   * (shared/rules/follow-up.ts).
   */
  followUp: z
    .object({
      at: z.string(),
      agentId: z.string(),
      agentName: z.string().nullable(),
      note: z.string(),
    })
    .nullable(),
  /** Waits in «Por atender»: closed with something left to do that nobody has said was done. */
  awaiting: z.boolean(),
});
export type Interaction = z.infer<typeof Interaction>;

export const AgentSession = z.object({
  agentId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  companyRuts: z.array(z.string()),
  /**
   * The agent as a person (an officer who is also a company's access administrator): the screens
   * speak to them as «usted» where they show that person.
   */
  personRut: z.string().nullable(),
  /** Signed in with this desk's copy of the password, the central API out of reach. */
  signedInOffline: z.boolean(),
});
export type AgentSession = z.infer<typeof AgentSession>;

/**
 * Every action on a person answers with its receipt as soon as it is committed (queued for the
 * central API, audited); the screen then reads the record as the action left it
 * (`persons.afterAction`). A failure building the record can thus never read as a failed action
 * that was in fact taken, and taking an action costs no more than taking it.
 */
export const ActionResult = z.object({
  actionId: z.string(),
  auditSeq: z.number().int(),
});
export type ActionResult = z.infer<typeof ActionResult>;

const Reason = z.string().max(REASON_MAX);

/** The devices enrolled with the central API, as a supervisor reads them (issue 11). */
export const DeviceList = z.object({
  devices: z.array(DeviceSummary.extend({ thisDevice: z.boolean() })),
  /** When the central API answered. */
  at: z.string(),
});
export type DeviceList = z.infer<typeof DeviceList>;
export const RevokedDevice = z.object({ deviceId: z.string(), revokedAt: z.string() });
export type RevokedDevice = z.infer<typeof RevokedDevice>;

/** Every prevention officer, and whether a company is his (issue 11), from the central API. */
export const CompanyOfficers = z.object({
  officers: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      active: z.boolean(),
      assigned: z.boolean(),
      /** How many companies he has in all. */
      companies: z.number().int(),
    }),
  ),
  at: z.string(),
});
export type CompanyOfficers = z.infer<typeof CompanyOfficers>;
/** False: it was already so (another supervisor was first); nothing changed or was audited. */
export const OfficerChange = z.object({ changed: z.boolean() });
export type OfficerChange = z.infer<typeof OfficerChange>;
const Version = z.number().int().min(0);
const Facts = z.array(IdentityFact).max(IDENTITY_FACTS.length);

export const AuditFilter = z.object({
  personRut: RutInput.nullable().default(null),
  agentId: z.string().max(100).nullable().default(null),
  action: z.string().max(100).nullable().default(null),
  /** Dates `aaaa-mm-dd`, inclusive, in Santiago's calendar. */
  from: z.iso.date().nullable().default(null),
  to: z.iso.date().nullable().default(null),
  /** Record views (`person.view`); the Auditoría screen leaves them out unless asked. */
  includeViews: z.boolean().default(true),
});
export type AuditFilterInput = z.input<typeof AuditFilter>;

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  agentId: z.string(),
  deviceId: z.string(),
  personRut: z.string().nullable(),
  /** The person's full name, when the replica holds the person. */
  personName: z.string().nullable(),
  /** The company the change names (its RUT body and legal name), when the replica holds it. */
  company: z.object({ rut: z.number().int(), name: z.string() }).nullable(),
  /** Who asked for a company's change (its callerRut), when the replica holds that person. */
  caller: z.object({ rut: z.number().int(), name: z.string() }).nullable(),
  /** Whether the event's agent takes calls or, a prevention officer, makes visits. */
  agentKind: InteractionKind,
  action: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
  identityCheck: z.string().nullable(),
  interactionId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const ChainReport = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), checked: z.number().int() }),
  z.object({
    ok: z.literal(false),
    checked: z.number().int(),
    firstBroken: z.object({
      seq: z.number().int(),
      id: z.string(),
      problem: z.enum(['hash_mismatch', 'link_broken']),
    }),
  }),
]);
/** The hash chain's check (main/domain/audit-chain.ts). */
export type ChainReport = z.infer<typeof ChainReport>;

// --- Audit chain anchoring (issue 10): the chain against the heads the central API anchored.
/** What main/domain/audit-anchor-check.ts finds, and what the audit screen and the CLI say. */
export const AnchorReport = z.discriminatedUnion('state', [
  /** The central API has anchored nothing of this device yet (or there is no central API). */
  z.object({ state: z.literal('none') }),
  z.object({
    state: z.literal('agrees'),
    /** Anchors checked. */
    anchors: z.number().int(),
    lastSeq: z.number().int(),
    lastAnchoredAt: z.string(),
    /** Events written after the last anchor: not covered yet (they go with the next sync). */
    unanchored: z.number().int(),
  }),
  z.object({
    state: z.literal('disagrees'),
    /** The first anchored sequence number the local chain does not pass through. */
    seq: z.number().int(),
    anchoredAt: z.string(),
    /** hash_differs: the event there is another; event_missing: the chain ends before it. */
    problem: z.enum(['hash_differs', 'event_missing']),
  }),
]);
export type AnchorReport = z.infer<typeof AnchorReport>;
export const AnchoredChainReport = z.intersection(ChainReport, z.object({ anchor: AnchorReport }));
export type AnchoredChainReport = z.infer<typeof AnchoredChainReport>;

export const AppInfo = z.object({
  version: z.string(),
  door: z.enum(['electron', 'web']),
  persons: z.number().int(),
  pendingActions: z.number().int(),
  dataDir: z.string(),
  /** Set when the replica could not be opened with its key and was set aside (issue 9). */
  replicaNotice: z.string().nullable(),
});

const PersonRut = z.object({ rut: RutInput });

// --- Privacy by default (issue 10) ---
/** Where a record was opened from: a search, the calls list, a company record, a reload. */
export const ViewVia = z.enum(['search', 'call', 'company', 'data_requests', 'sync', 'reload']);
export type ViewVia = z.infer<typeof ViewVia>;
export const PersonViewers = z.object({
  total: z.number().int(),
  views: z.array(
    z.object({
      at: z.string(),
      agentId: z.string(),
      agentName: z.string(),
      action: z.string(),
      via: z.string().nullable(),
      /** The open call's or visit's reason (an interaction reason code), if one was open. */
      reason: z.string().nullable(),
      /** That call was with someone else (its reason is theirs): who, as a RUT and a name. */
      callPerson: z.object({ rut: z.string(), name: z.string().nullable() }).nullable(),
      /** Whether the viewer's interactions are calls or visits (open or not at the time). */
      kind: InteractionKind,
      /** A refused attempt (an officer outside his companies), not a view. */
      denied: z.boolean(),
    }),
  ),
});
export type PersonViewers = z.infer<typeof PersonViewers>;
// ---- The supervisor's Panel and the Llamadas list's filters (issue 10) ----

/** The Llamadas list's filters; every one optional, so older callers keep working. */
export const CallFilter = z.object({
  rut: RutInput.nullable().default(null),
  /** One agent's calls (supervisors only; anyone else may name only themselves). */
  agentId: z.string().max(100).nullable().default(null),
  /** Dates `aaaa-mm-dd`, inclusive, in Santiago's calendar, on when the call began. */
  from: z.iso.date().nullable().default(null),
  to: z.iso.date().nullable().default(null),
  /** One outcome only. */
  outcome: InteractionOutcome.nullable().default(null),
  /** Only those waiting to be attended to («Por atender»: shared/rules/follow-up.ts). */
  awaiting: z.boolean().default(false),
});

/** Today, the last 7 or the last 30 days, counted in Santiago's calendar up to today. */
export const DashboardRange = z.enum(['today', '7d', '30d']);
export type DashboardRange = z.infer<typeof DashboardRange>;

const Count = z.number().int().min(0);

/** How many of the diagnosis's causes the Panel charts (the most frequent). */
export const DASHBOARD_TOP_CAUSES = 10;

/** Every chart of the Panel for one range (the sync queue is as it is now). */
export const DashboardPanel = z.object({
  range: DashboardRange,
  /** First and last Santiago day of the range, `aaaa-mm-dd`. */
  firstDay: z.string(),
  lastDay: z.string(),
  /** Calls and visits: every interaction opened in the range. */
  calls: Count,
  /** How many of `calls` were a prevention officer's visits. */
  visits: Count,
  /** Reasons with at least one call, most frequent first. */
  callsByReason: z.array(z.object({ reason: z.string(), count: Count })),
  /** 24 counts: calls opened at each hour of Santiago's clock, 0 to 23. */
  callsByHour: z.array(Count).length(24),
  /** `null`: calls still open. */
  outcomes: z.array(z.object({ outcome: z.string().nullable(), count: Count })),
  /**
   * Actions on persons and companies (not record views, calls or screen locks, nor the
   * supervision and refusals, nor a bulk load's rows, counted below).
   */
  actionsByKind: z.array(z.object({ action: z.string(), count: Count })),
  actionsByAgent: z.array(
    z.object({ agentId: z.string(), agentName: z.string().nullable(), count: Count }),
  ),
  /** Supervision of the desk and refused attempts (SUPERVISION_ACTIONS), by kind. */
  supervisionByKind: z.array(z.object({ action: z.string(), count: Count })),
  /**
   * Bulk loads started in the range that changed something, and the rows they changed; their
   * undoing likewise. Their rows are not among the actions above.
   */
  bulkLoads: z.object({ loads: Count, rowsApplied: Count, undos: Count, rowsUndone: Count }),
  /** The ten causes shown most often, as distinct persons whose record showed each. */
  /** The DASHBOARD_TOP_CAUSES most frequent causes, of `diagnosisCauseCount` in the range. */
  diagnosisCauses: z.array(z.object({ code: z.string(), persons: Count })),
  diagnosisCauseCount: Count,
  syncQueue: z.object({
    pending: Count,
    /** Of them, those that leave with another agent's session, not the supervisor's reading. */
    othersPending: Count,
    oldestPendingAt: z.string().nullable(),
    conflicts: Count,
    rejected: Count,
    /** Applied without the mails they asked (too late to send), not yet taken note of. */
    mailsWithheld: Count,
  }),
  /** Open Ley 21.719 requests by legal deadline, as they are now (not by period). */
  dataRequests: z.object({
    overdue: Count,
    dueSoon: Count,
    later: Count,
    /** "Soon": due within this many business days. */
    soonBusinessDays: Count,
    /** Temporary blocks still in force whose request is closed: someone should lift or keep them. */
    blocksAfterClose: Count,
  }),
  generatedAt: z.string(),
});
export type DashboardPanel = z.infer<typeof DashboardPanel>;

/** Why the last sync cycle failed; its Spanish text is syncErrorMessages in messages/sync.ts. */
export const SyncErrorCode = z.enum([
  'network',
  'unavailable',
  'session_expired',
  'upgrade_required',
  'device_fork',
  'resync_loop',
  'missing_action',
  'bad_response',
  'unexpected',
  // Issue 11: a supervisor revoked this device.
  'device_revoked',
]);
export type SyncErrorCode = z.infer<typeof SyncErrorCode>;

/** An action queued on this device that the central API has not confirmed yet. */
export const PendingAction = z.object({
  actionId: z.string(),
  kind: z.string(),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  /** That agent is disabled (the central said so here): only a supervisor's re-assign sends it. */
  agentDisabled: z.boolean(),
  personRut: z.string().nullable(),
  personName: z.string().nullable(),
  createdAt: z.string(),
  /** Issue 11: re-assigned by a supervisor, who sends it now with their session, and why. */
  sentBy: z.string().nullable(),
  sentByName: z.string().nullable(),
  reassignReason: z.string().nullable(),
  /**
   * The mail it asks for (a resend, an address's confirmation): it goes only if the action
   * reaches the central API within MAIL_FRESHNESS_MS of `createdAt`.
   */
  mailKind: z.string().nullable(),
});
export type PendingAction = z.infer<typeof PendingAction>;

export const SyncStatus = z.object({
  configured: z.boolean(),
  centralUrl: z.string().nullable(),
  deviceId: z.string(),
  state: z.enum([
    'idle',
    'syncing',
    'offline',
    'signed_out',
    'upgrade_required',
    'device_fork',
    'not_configured',
    // Issue 11: a supervisor revoked this device; its replica was wiped.
    'revoked',
  ]),
  online: z.boolean(),
  pending: z.number().int(),
  waitingForOtherAgent: z.number().int(),
  conflicts: z.number().int(),
  rejected: z.number().int(),
  /** Actions applied without the mails they asked, not yet taken note of (SyncIssue). */
  mailsWithheld: z.number().int(),
  lastSyncAt: z.string().nullable(),
  /** The last failure, in Spanish for the agent (null when the last cycle went well). */
  lastError: z.string().nullable(),
  lastErrorCode: SyncErrorCode.nullable(),
  /** The raw technical text of the last failure, for support only. */
  lastErrorDetail: z.string().nullable(),
  nextAttemptInMs: z.number().nullable(),
  initialSync: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  stuck: z.boolean(),
  /** The replica may be missing data (see src/main/repositories/replica-state.ts). */
  replicaIncomplete: z.boolean(),
  /** Persons in the replica now: the header's count, refreshed with every status. */
  persons: z.number().int(),
  /** Grows whenever a person arrives or leaves (the count alone misses one for one). */
  personsMoved: z.number().int(),
  /** Grows with every pulled page that changed a row (a colleague's change of the open record). */
  pulledChanges: z.number().int(),
  /** Issue 11: an officer's companies changed, and their people arrive or leave (progress). */
  scopeChange: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /**
   * Issue 11: the companies the signed-in officer's supervisor gave him or took from him, until
   * he says he read it (`sync.dismissScopeNotice`).
   */
  scopeNotice: z
    .object({
      at: z.string(),
      added: z.array(z.object({ rut: z.string(), name: z.string().nullable() })),
      removed: z.array(z.object({ rut: z.string(), name: z.string().nullable() })),
    })
    .nullable(),
  /**
   * Issue 11: the companies the signed-in prevention officer has now, by name (null for anyone
   * else): the notice above goes once read, this list stays.
   */
  officerCompanies: z.array(z.object({ rut: z.string(), name: z.string().nullable() })).nullable(),
  /**
   * Issue 11: this device was revoked (its replica wiped): where its unsent actions were saved,
   * how many (`toReview`: conflicts, rejections and withheld mails kept in the file too), and
   * when. Stays until the device is enrolled again.
   */
  revocation: z
    .object({
      file: z.string(),
      actions: z.number().int(),
      toReview: z.number().int().default(0),
      /** The calls and visits recorded on the desk, kept in the file too. */
      interactions: z.number().int().default(0),
      at: z.string(),
    })
    .nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** An action the central API did not apply as asked: a person must look at it. */
export const SyncIssue = z.object({
  actionId: z.string(),
  kind: z.string(),
  /** Whose action it was (a supervisor sees every agent's), named when this desk knows them. */
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  personRut: z.string().nullable(),
  personName: z.string().nullable(),
  /** The company a membership or company action was about. */
  companyName: z.string().nullable(),
  createdAt: z.string(),
  /**
   * mail_withheld: the central applied it, but without the mails it asks (`mailsWithheld`): it
   * reached the central too late to send them (MAIL_FRESHNESS_MS).
   */
  state: z.enum(['conflict', 'rejected', 'mail_withheld']),
  code: z.string().nullable(),
  message: z.string().nullable(),
  mailsWithheld: z.array(MailKind),
  conflicts: z.array(
    z.object({
      field: z.string(),
      yours: z.unknown(),
      theirs: z.unknown(),
      /** A contact change's: what the agent saw before changing it. */
      before: z.unknown().optional(),
    }),
  ),
  /**
   * A contact conflict's central side: when its e-mail or phone changed there (both: the later,
   * `contact`) and who changed it, by name (null: nobody named), from the answer
   * (src/main/sync/conflict-time.ts); else null.
   */
  centralChange: z
    .object({
      at: z.string(),
      of: z.enum(['phone', 'email', 'contact']),
      by: z.string().nullable(),
    })
    .nullable(),
  /**
   * A bulk load's actions applied without their mails, listed as one (this is its first):
   * the load, its file's name (null: a load this desk no longer holds) and how many actions.
   * «Entendido» on it settles them all. Absent on a single action.
   */
  batch: z
    .object({
      id: z.string(),
      fileName: z.string().nullable(),
      count: z.number().int(),
      /** Whose mails were not sent: the first LOAD_PERSONS_LISTED, named when held here. */
      persons: z.array(z.object({ rut: z.string(), name: z.string().nullable() })),
    })
    .optional(),
});
export type SyncIssue = z.infer<typeof SyncIssue>;

/** The screen lock (issue 9): the policy, and who is locked out, if anyone (never a person). */
export const LockState = z.object({
  idleSeconds: z.number().int().positive(),
  /**
   * Whose session the desk holds, unlocked (null: nobody's, or locked): a window showing another
   * agent's desk learns it in the same answer as the lock (LockGate).
   */
  agentId: z.string().nullable(),
  locked: z
    .object({
      username: z.string(),
      displayName: z.string(),
      reason: z.enum(['idle', 'manual', 'system']),
    })
    .nullable(),
});
export type LockState = z.infer<typeof LockState>;

// ---- The company half (issue 7) ----

/** A person named on a company screen: RUT (login form) and full name when the replica has it. */
export const PersonRef = z.object({ rut: z.string(), name: z.string().nullable() });

export const RequesterCheck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), as: z.enum(['legal_representative', 'trf']) }),
  z.object({ ok: z.literal(false), reason: z.enum(['not_signatory', 'company_not_adherent']) }),
]);

export const AccessRequestView = z.object({
  requester: PersonRef,
  companyRut: z.string(),
  companyName: z.string(),
  capacity: RequestCapacity,
  state: RequestState,
  reason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  agreementSigned: z.boolean(),
  /** What the register says of the requester (rule 12): decided by the rule, not the agent. */
  check: RequesterCheck,
});
export type AccessRequestView = z.infer<typeof AccessRequestView>;

export const CompanyRecord = z.object({
  rut: z.string(),
  legalName: z.string(),
  adherent: z.boolean(),
  adherentSince: z.string().nullable(),
  adherentUntil: z.string().nullable(),
  portals: z.array(z.string()),
  /**
   * active and admins leave out the profiles pending signature (Portal Empresas, agreement
   * unsigned: the company profile is not assigned, rule 12), counted apart.
   */
  counts: z.object({
    users: z.number().int(),
    active: z.number().int(),
    admins: z.number().int(),
    pendingSignature: z.number().int(),
  }),
  signatories: z.array(
    z.object({ person: PersonRef, kind: z.enum(['legal_representative', 'trf']) }),
  ),
  /** Access administrators and company users (the workers are paged apart). */
  profiles: z.array(
    z.object({
      person: PersonRef,
      role: z.enum(['access_admin', 'company_user']),
      state: MembershipState,
      adminKind: AdminKind.nullable(),
      appointedBy: PersonRef.nullable(),
      external: z.boolean(),
      modules: z.array(z.string()),
      agreementSigned: z.boolean(),
      agreementSentAt: z.string().nullable(),
      agreementSignedAt: z.string().nullable(),
      needsAgreement: z.boolean(),
      companyProfileAssigned: z.boolean(),
      /** The company's register names them its legal representative (rules 9, 12). */
      legalRepresentative: z.boolean(),
      version: z.number().int(),
      can: z.object({
        /**
         * Disable, pause or delete this access (rules 9, 11, 13): refused for a legal
         * representative when the agent administers the company (shieldsRepresentative); only
         * he may then be the caller, which the dialog checks.
         */
        takeAway: Decision,
        /**
         * Take a module of this user's away (rules 9, 12): refused for a legal representative
         * when the agent administers the company, as takeAway; giving one is not.
         */
        dropModules: Decision,
      }),
    }),
  ),
  requests: z.array(AccessRequestView),
  /**
   * The company's legal representatives and access administrators (rules 9, 12, 13), each with
   * whether they may ask for a change of its users now (companyRequester: the same for adding,
   * pausing, resuming, deleting and modules), and the facts to check who is calling, masked.
   */
  callers: z.array(
    z.object({
      person: PersonRef,
      as: z.enum(['legal_representative', 'access_admin']),
      /** null: may ask; otherwise why not yet. */
      cannotAsk: z
        .enum(['agreement_unsigned', 'no_company_profile', 'profile_not_active'])
        .nullable(),
      identityFacts: z.array(z.object({ fact: IdentityFact, shown: z.array(z.string()) })),
      /** The mobile changed lately: not among the facts until then (policy phoneNoProofUntil). */
      phoneNoProofUntil: z.string().nullable(),
    }),
  ),
  can: z.object({ manageUsers: Decision, manageRequests: Decision }),
});
export type CompanyRecord = z.infer<typeof CompanyRecord>;

export const CompanyUsersPage = z.object({
  users: z.array(
    z.object({
      person: PersonRef,
      role: MembershipRole,
      state: MembershipState,
      /** What the screens show: the state, or pending signature (profileStanding, rule 12). */
      standing: z.enum([...MEMBERSHIP_STATES, 'pending_signature', 'access_removed']),
      external: z.boolean(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  /** Pass as `after` for the next page; null at the end. */
  nextAfter: z.number().int().nullable(),
});
export type CompanyUsersPage = z.infer<typeof CompanyUsersPage>;

/**
 * A company page's action answers as a person's does (ActionResult): with its receipt once
 * committed; the page then reads the company as the action left it (`companies.get`).
 */
export const CompanyActionResult = z.object({
  actionId: z.string(),
  auditSeq: z.number().int(),
  /** Mails the action put in the queue (an approval's, a new profile's agreement). */
  mailsQueued: z.number().int(),
});
export type CompanyActionResult = z.infer<typeof CompanyActionResult>;

// ── Ley 21.719 data-subject requests (issue 10) ─────────────────────────────────────────────

export const DataRight = z.enum(DATA_RIGHTS);
export const DataRequestChannel = z.enum(DATA_REQUEST_CHANNELS);
export const DataRequestState = z.enum(DATA_REQUEST_STATES);
export const IdentityMethod = z.enum(IDENTITY_METHODS);
export const DataRequestMove = z.enum(
  DATA_REQUEST_MOVE_NAMES as ['start', 'extend', 'answer', 'deny'],
);
const CalendarDate = z.string();

export const DataRequestView = z.object({
  number: z.string(),
  personRut: z.string(),
  /** The record's name; for someone the system holds nothing of, the name they gave. */
  personName: z.string().nullable(),
  /**
   * No record of the titular on this desk: someone the system holds nothing of (the request
   * keeps the name they gave), or a person who left this desk's scope. Nothing opens or exports.
   */
  withoutRecord: z.boolean(),
  right: DataRight,
  channel: DataRequestChannel,
  identityMethod: IdentityMethod,
  identityFacts: z.array(IdentityFact),
  detail: z.string(),
  state: DataRequestState,
  stateReason: z.string().nullable(),
  extensionReason: z.string().nullable(),
  receivedAt: z.string(),
  receivedDate: CalendarDate,
  /** Santiago date `aaaa-mm-dd`: the last day of the term, on a business day. */
  dueDate: CalendarDate,
  /** The day the count alone gave, and the non-business days it was moved over. */
  dueCounted: CalendarDate,
  dueMovedOver: z.array(z.string()),
  extended: z.boolean(),
  closedAt: z.string().nullable(),
  /** A temporary block active now. */
  blocked: z.boolean(),
  blockedAt: z.string().nullable(),
  unblockedAt: z.string().nullable(),
  agentId: z.string(),
  agentName: z.string().nullable(),
  deadline: z.enum(['overdue', 'due_soon', 'later', 'closed']),
  /** Business days from today to the due date (negative: overdue); null when closed. */
  businessDaysLeft: z.number().int().nullable(),
  /**
   * Calendar days from today to the due date ("días corridos", the unit of every term but a
   * temporary block's); null when closed.
   */
  calendarDaysLeft: z.number().int().nullable(),
  /** The central API has it (false: still queued on this desk). */
  atCentral: z.boolean(),
});
export type DataRequestView = z.infer<typeof DataRequestView>;

/** A change taken under a request (a rectification's contact edit), as its audit event says it. */
export const LinkedChange = z.object({
  at: z.string(),
  action: z.string(),
  agentName: z.string().nullable(),
  /** `Correo: a@x.cl → b@x.cl`: what changed, in words. */
  lines: z.array(z.string()),
  /** Not (yet) applied by the central API: waiting, in conflict, rejected, or resolved. */
  sync: z.enum(['pending', 'conflict', 'rejected', 'resolved']).nullable(),
});
export type LinkedChange = z.infer<typeof LinkedChange>;

export const PersonDataProtection = z.object({
  block: z.object({ requestNumber: z.string(), since: z.string() }).nullable(),
  requests: z.array(DataRequestView),
  /** Open requests of this person that others took (not in `requests`): counted, not shown. */
  othersOpen: z.array(
    z.object({
      number: z.string(),
      right: DataRight,
      state: DataRequestState,
      dueDate: CalendarDate,
    }),
  ),
  can: Decision,
});

export const ExportView = z.object({
  id: z.string(),
  number: z.string(),
  createdAt: z.string(),
  agentId: z.string(),
  htmlFile: z.string(),
  jsonFile: z.string(),
  htmlBytes: z.number().int(),
  jsonBytes: z.number().int(),
  rows: z.number().int(),
  /** Each copy of its files handed out (audited as data_request.download), oldest first. */
  copies: z.array(
    z.object({ at: z.string(), agentName: z.string(), format: z.enum(['html', 'json']) }),
  ),
  /**
   * Its files removed from this desk (audited as data_request.delete_export), by an agent or on
   * time by the desk itself (`automatic`, shared/rules/export-retention.ts); null: still here.
   */
  removed: z.object({ at: z.string(), agentName: z.string(), automatic: z.boolean() }).nullable(),
  /** When the desk removes its files by itself (its request closed); null: not while open. */
  removalAt: z.string().nullable(),
});
export type ExportView = z.infer<typeof ExportView>;

export const DataRequestResult = z.object({
  actionId: z.string(),
  auditSeq: z.number().int(),
  request: DataRequestView,
});

const DeadlineGroup = z.object({ count: z.number().int(), requests: z.array(DataRequestView) });

/** Who called asking for a change to a company's users: verified by the facts compared. */
const CallerInput = z.object({
  callerRut: RutInput,
  callerIdentityCheck: z.array(IdentityFact).max(8),
});
const Modules = z.array(z.string().min(1).max(40)).max(20);

// ---- Acting on a selection of people (issue 8, item 2) ----

export const SelectionAction = z.enum(['unlock', 'resend_mail', 'disable', 'enable']);
export type SelectionAction = z.infer<typeof SelectionAction>;
/** At most this many people in one selection (the same cap main applies). */
export const SELECTION_MAX = 5_000;

export const SelectionOutcome = z.object({
  rut: z.string(),
  name: z.string().nullable(),
  status: z.enum(['done', 'skipped']),
  code: z.string().nullable(),
  minutes: z.number().int().nullable(),
  state: MembershipState.nullable(),
  message: z.string().nullable(),
  portals: z.array(Portal),
  mailKind: MailKind.nullable(),
});
export type SelectionOutcome = z.infer<typeof SelectionOutcome>;

const SelectionCompany = z.object({ rut: z.string(), name: z.string().nullable() }).nullable();

export const SelectionPreview = z.object({
  planId: z.string(),
  action: SelectionAction,
  company: SelectionCompany,
  total: z.number().int(),
  applicable: z.number().int(),
  skipped: z.array(SelectionOutcome),
});
export type SelectionPreview = z.infer<typeof SelectionPreview>;

export const SelectionJob = z.object({
  jobId: z.string(),
  action: SelectionAction,
  company: SelectionCompany,
  reason: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'interrupted']),
  total: z.number().int(),
  processed: z.number().int(),
  applied: z.number().int(),
  skipped: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Sent once the run is over. */
  outcomes: z.array(SelectionOutcome),
  undoOf: z.string().nullable(),
  undoneBy: z.string().nullable(),
  undoable: z.boolean(),
});
export type SelectionJob = z.infer<typeof SelectionJob>;

const JobRef = z.object({ jobId: z.string().uuid() });

const selectionChannels = {
  'selection.resolve': {
    input: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('search'),
        text: z.string().max(200),
        companyRut: RutInput.nullable().default(null),
      }),
      z.object({ kind: z.literal('company'), companyRut: RutInput }),
    ]),
    output: z.object({
      ruts: z.array(z.string()),
      total: z.number().int(),
      capped: z.boolean(),
      cap: z.number().int(),
    }),
  },
  'selection.preview': {
    input: z.object({
      action: SelectionAction,
      ruts: z.array(RutInput).min(1).max(SELECTION_MAX),
      companyRut: RutInput.nullable().default(null),
    }),
    output: SelectionPreview,
  },
  'selection.start': {
    input: z.object({ planId: z.string().uuid(), reason: Reason }),
    output: SelectionJob,
  },
  'selection.status': { input: JobRef, output: SelectionJob },
  'selection.cancel': { input: JobRef, output: SelectionJob },
  'selection.undo': { input: JobRef.extend({ reason: Reason }), output: SelectionJob },
  'selection.export': {
    input: JobRef,
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
  },
};

// ---- Bulk loads (issue 8) ----

export const BulkOutcomeFilter = z.enum(OUTCOME_FILTERS);
export const BulkTotals = z.object({
  rows: z.number().int(),
  changes: z.number().int(),
  /** Rows refused as nobody of the company (shared/rules/bulk-load.ts, looksLikeOtherCompanysFile). */
  strangers: z.number().int(),
  /**
   * Changes an undo could not take back, by why: an e-mail given to someone who had none, an
   * access disabled while paused.
   */
  irreversible: z.object({
    cannot_restore_email: z.number().int(),
    cannot_restore_pause: z.number().int(),
  }),
  /**
   * Change rows by warning (warnRows): disabling the company's last access administrators, an
   * e-mail another person holds or is given too. `warned`: rows with any.
   */
  warnings: z.object({
    last_admin: z.number().int(),
    shared_email: z.number().int(),
    other_access: z.number().int(),
  }),
  new_email: z.number().int(),
  enable: z.number().int(),
  disable: z.number().int(),
  nothing: z.number().int(),
  duplicate: z.number().int(),
  refused: z.number().int(),
  warned: z.number().int(),
});
export const BulkPreview = z.object({
  previewId: z.string(),
  companyRut: z.string(),
  companyName: z.string(),
  adherent: z.boolean(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  /** The header's columns the load reads, as titled, and those it does not use (columnsRead). */
  columns: z.object({
    rut: z.string(),
    email: z.string().nullable(),
    state: z.string().nullable(),
    unused: z.array(z.string()),
  }),
  totals: BulkTotals,
});
export type BulkPreview = z.infer<typeof BulkPreview>;
const EmailChange = z.object({ from: z.string().nullable(), to: z.string() }).nullable();
/** What a change row does beyond itself, said at preview (warnRows) and kept in its result. */
const BulkRowWarnings = {
  /** Rule 9: it disables one of the company's last access administrators. */
  lastAdmin: z.boolean(),
  /**
   * The e-mail it gives is another person's too: who (formatted RUT), and the file's row that
   * gives it to them (null: the replica's, at preview).
   */
  sharedEmail: z.object({ rut: z.string(), line: z.number().int().nullable() }).nullable(),
  /** It changes the e-mail of someone who also gets in through another company (its name). */
  otherAccess: z.object({ company: z.string() }).nullable(),
};
export const BulkPreviewRow = z.object({
  index: z.number().int(),
  line: z.number().int(),
  rut: z.string(),
  email: z.string().nullable(),
  state: z.string().nullable(),
  kind: z.enum(['change', 'nothing', 'duplicate', 'refused']),
  reason: z.string().nullable(),
  /** A duplicate's first row. */
  firstLine: z.number().int().nullable(),
  /** A RUT repeated with other values (refused): the file's other row with it. */
  otherLine: z.number().int().nullable(),
  emailChange: EmailChange,
  stateTo: z.enum(['active', 'disabled']).nullable(),
  /** Why «Deshacer esta carga» could not take this change back; null: it could. */
  irreversible: z.enum(['cannot_restore_email', 'cannot_restore_pause']).nullable(),
  ...BulkRowWarnings,
});
export type BulkPreviewRow = z.infer<typeof BulkPreviewRow>;
export const BulkReportStatus = z.enum([
  'applied',
  'confirmed',
  'conflict',
  'rejected',
  'resolved',
  'refused',
  'skipped',
  'pending',
]);
export const BulkReportFilter = z.enum([
  'applied',
  'refused',
  'skipped',
  'pending',
  'conflict',
  'warned',
]);
export const BulkBatch = z.object({
  batchId: z.string(),
  kind: z.enum(['load', 'undo']),
  undoOf: z.string().nullable(),
  undoneBy: z.string().nullable(),
  companyRut: z.string(),
  companyName: z.string(),
  fileName: z.string(),
  agentName: z.string(),
  reason: z.string(),
  state: z.enum(['preparing', 'applying', 'interrupted', 'cancelled', 'done', 'closed']),
  total: z.number().int(),
  planned: z.number().int(),
  applied: z.number().int(),
  refused: z.number().int(),
  skipped: z.number().int(),
  /** Planned rows handled so far (applied, refused or already so): the progress bar. */
  done: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The central API's answers for the rows applied here (while applying: all pending). */
  sync: z.object({
    pending: z.number().int(),
    confirmed: z.number().int(),
    conflict: z.number().int(),
    rejected: z.number().int(),
  }),
  canUndo: z.boolean(),
});
export type BulkBatch = z.infer<typeof BulkBatch>;
export const BulkReportRow = z.object({
  seq: z.number().int(),
  line: z.number().int(),
  rut: z.string(),
  /** The row's other cells, as the file wrote them: all but its RUT and check digit columns. */
  cells: z.array(z.string()),
  status: BulkReportStatus,
  code: z.string().nullable(),
  /** The file's other row the code names (a repeated RUT's); null for the others. */
  otherLine: z.number().int().nullable(),
  /** The central API's words for a conflict or rejection. */
  serverMessage: z.string().nullable(),
  /** What the preview warned of the row; none when its change did not take effect. */
  ...BulkRowWarnings,
});
export type BulkReportRow = z.infer<typeof BulkReportRow>;
const CsvFile = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() });
const BatchId = z.object({ batchId: z.string().max(64) });
/** Inputs larger than the web door's usual limit: the file of a bulk load, as base64. */
export const LARGE_INPUT_BYTES: Readonly<Record<string, number>> = {
  'bulkLoads.preview': BULK_MAX_BASE64_CHARS + 4096,
};

/**
 * A supervisor's decision asked of the central API: its dialog's id, the same at every attempt,
 * so a decision asked again after its answer was lost is answered as the first time. A caller
 * without one (a script, a test) gets one for this call, which still covers the client's own
 * retries.
 */
const DecisionId = z
  .string()
  .uuid()
  .default(() => crypto.randomUUID());

export const contract = {
  'app.info': { input: z.object({}), output: AppInfo },
  'auth.signIn': {
    input: z.object({ username: z.string().max(100), password: z.string().max(200) }),
    output: AgentSession,
  },
  'auth.signOut': { input: z.object({}), output: z.object({}) },
  'auth.session': { input: z.object({}), output: AgentSession.nullable() },
  /** idle: no input for the policy's time; system: the computer was locked or went to sleep. */
  'auth.lock': {
    input: z.object({ reason: z.enum(['idle', 'manual', 'system']) }),
    output: LockState,
  },
  'auth.unlock': {
    input: z.object({ password: z.string().min(1).max(200) }),
    output: AgentSession,
  },
  'auth.lockState': { input: z.object({}), output: LockState },
  /**
   * What the agent is typing that a reload must not lose (a call's closing notes), kept in main's
   * memory for the agent signed in, never on disk; gone when their session ends (draft-handlers).
   */
  'drafts.get': {
    input: z.object({ key: z.string().min(1).max(100) }),
    output: z.object({ value: z.string().nullable() }),
  },
  'drafts.put': {
    input: z.object({ key: z.string().min(1).max(100), value: z.string().max(4000) }),
    output: z.object({}),
  },
  'persons.search': { input: SearchQuery, output: SearchPage },
  'persons.get': {
    // Privacy by default (issue 10): how the record was opened, said in its «Vio la ficha» event.
    input: PersonRut.extend({
      via: ViewVia.default('search'),
      /**
       * The desk reading the record on screen again by itself (a lock on it ended): not a new look
       * by the agent, so not audited as one while her last view of the person is recent.
       */
      refresh: z.boolean().default(false),
    }),
    output: PersonRecord,
  },
  /** The person's actions still waiting for the central API (no «Vio la ficha»: not a view). */
  'persons.pending': { input: PersonRut, output: PersonRecord.shape.pendingActions },
  /**
   * The record as one of this agent's own actions on it just left it: the action's audit event
   * stands for the look, so no «Vio la ficha» (only in the sitting the action was taken in: its
   * call, or SITTING_MS with none; recordAfterAction).
   */
  'persons.afterAction': {
    input: z.object({ actionId: z.string().min(1).max(64) }),
    output: PersonRecord,
  },
  'contact.edit': {
    input: PersonRut.extend({
      email: z.string().max(254).optional(),
      phone: z.string().max(30).optional(),
      reason: Reason,
      identityCheck: Facts,
      expectedVersion: Version,
      /** Ley 21.719 (issue 10): the rectification request this edit answers (its number). */
      dataRequest: z.string().max(40).nullable().optional(),
      /**
       * The e-mail and mobile the agent saw when the dialog opened: a field changed since (another
       * tab, another agent's change synced meanwhile) is not overwritten unseen.
       */
      seen: z
        .object({ email: z.string().max(254).nullable(), phone: z.string().max(30).nullable() })
        .optional(),
    }),
    output: ActionResult,
  },
  'accounts.unlock': {
    input: PersonRut.extend({ portal: Portal, identityCheck: Facts, expectedVersion: Version }),
    output: ActionResult,
  },
  'accounts.clearRegistrationBlock': {
    input: PersonRut.extend({ portal: Portal, identityCheck: Facts, expectedVersion: Version }),
    output: ActionResult,
  },
  'mails.resend': {
    input: PersonRut.extend({ portal: Portal, kind: MailKind }),
    output: ActionResult,
  },
  /** Rule 9: at the request of the company's verified representative or access administrator. */
  'memberships.changeRole': {
    input: PersonRut.extend({
      companyRut: RutInput,
      role: MembershipRole,
      reason: Reason,
      expectedVersion: Version,
      ...CallerInput.shape,
    }),
    output: ActionResult,
  },
  'interactions.open': {
    input: z.object({ rut: RutInput.nullable(), reason: InteractionReason }),
    output: Interaction,
  },
  'interactions.close': {
    input: z.object({
      id: z.string().max(64),
      outcome: InteractionOutcome,
      notes: z.string().max(CALL_NOTES_MAX),
      /**
       * A call opened with nobody named: the person it was about, filed under them as it closes
       * (refused if it already names someone else).
       */
      rut: RutInput.optional(),
    }),
    output: Interaction,
  },
  /** The reason can be corrected while the call is open; a closed call refuses. */
  'interactions.setReason': {
    input: z.object({ id: z.string().max(64), reason: InteractionReason }),
    output: Interaction,
  },
  /**
   * A call or visit closed as «Derivado» or «Volver a contactar» was attended to: what was done.
   * Its own agent or a supervisor (shared/rules/follow-up.ts); audited.
   */
  'interactions.followUp': {
    input: z.object({
      id: z.string().max(64),
      note: z.string().trim().min(FOLLOW_UP_NOTE_MIN).max(CALL_NOTES_MAX),
    }),
    output: Interaction,
  },
  /** Opened by mistake: its own agent discards it while nothing is done in it, in its first minutes. */
  'interactions.discard': {
    input: z.object({ id: z.string().max(64) }),
    output: z.null(),
  },
  /** The open call is about someone else than it was opened for; only while it has no action. */
  'interactions.setPerson': {
    input: z.object({ id: z.string().max(64), rut: RutInput }),
    output: Interaction,
  },
  /** Who is on the line: someone in the person's name (who, how related), or the person. */
  'interactions.setCaller': {
    input: z.object({
      id: z.string().max(64),
      onBehalf: z
        .object({
          name: z.string().trim().min(ON_BEHALF_NAME_MIN).max(100).refine(onBehalfNameFits),
          relation: OnBehalfRelation,
        })
        .nullable(),
      /**
       * The person whose record is on screen, in whose name they call: a call that names nobody
       * yet is filed under them with it (the caller would otherwise speak for whoever is acted
       * for first — a company's requester among them: walk 58).
       */
      rut: RutInput.optional(),
    }),
    output: Interaction,
  },
  'interactions.current': { input: z.object({}), output: Interaction.nullable() },
  'interactions.list': {
    input: CallFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.array(Interaction),
  },
  'audit.list': {
    input: AuditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    output: z.object({ total: z.number().int(), events: z.array(AuditEvent) }),
  },
  'audit.export': {
    /** `spreadsheet`: the CSV for Excel (`;`, BOM, Spanish); `machine`: every column, hashes. */
    input: AuditFilter.extend({
      format: z.enum(['spreadsheet', 'machine']).default('spreadsheet'),
    }),
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  'audit.verify': { input: z.object({}), output: AnchoredChainReport },
  'sync.status': { input: z.object({}), output: SyncStatus },
  'sync.now': { input: z.object({}), output: SyncStatus },
  /**
   * An agent is about to act: is the central API still there? One cheap probe when the desk
   * believes it is online and has not heard from it for a few seconds (reachability.ts).
   */
  'sync.check': { input: z.object({}), output: SyncStatus },
  /**
   * An action was just taken: its status once the sync it started (and any queued behind it) has
   * ended, starting none. The toast says from it whether the action left this desk.
   */
  'sync.settled': { input: z.object({}), output: SyncStatus },
  'sync.configure': {
    // reason: asked when the address changes (kept in the audit).
    input: z.object({ centralUrl: z.string().max(300).nullable(), reason: Reason.default('') }),
    output: SyncStatus,
  },
  'sync.issues': { input: z.object({}), output: z.array(SyncIssue) },
  'sync.pending': { input: z.object({}), output: z.array(PendingAction) },
  'sync.resolve': {
    input: z.object({
      actionId: z.string().max(64),
      /** keep_theirs / dismiss: accept the server's state; keep_mine: send my values again. */
      choice: z.enum(['keep_theirs', 'keep_mine', 'dismiss']),
    }),
    output: z.array(SyncIssue),
  },
  'companies.get': { input: z.object({ rut: RutInput }), output: CompanyRecord },
  'companies.users': {
    input: z.object({
      rut: RutInput,
      after: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    output: CompanyUsersPage,
  },
  'companies.lookupPerson': {
    input: z.object({ companyRut: RutInput, rut: RutInput }),
    output: z.object({
      /** The desk has this person. */
      known: z.boolean(),
      /** null: unknown, or outside what the agent may see. */
      name: z.string().nullable(),
      /** What they are at this company now (a removed membership is none). */
      membership: z
        .object({
          role: MembershipRole,
          state: MembershipState,
          /** The modules held there, which a company profile given now keeps. */
          modules: z.array(z.string()),
        })
        .nullable(),
      /**
       * Their account on the login that opens this company (ACHS Gestión, or Los Héroes'): a
       * user added where they never registered must register first (rule 2, walk 59a). Null for
       * someone the desk does not have, or whom the agent may not see.
       */
      loginAccount: z.enum(['not_registered', 'pending_activation', 'active']).nullable(),
    }),
  },
  'requests.list': {
    input: z.object({
      state: RequestState.nullable().default(null),
      companyRut: RutInput.nullable().default(null),
      offset: z.number().int().min(0).max(100_000).default(0),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    output: z.object({ requests: z.array(AccessRequestView), hasMore: z.boolean() }),
  },
  'requests.record': {
    input: z.object({ requesterRut: RutInput, companyRut: RutInput, capacity: RequestCapacity }),
    output: CompanyActionResult,
  },
  'requests.decide': {
    input: z.object({
      requesterRut: RutInput,
      companyRut: RutInput,
      decision: z.enum(['approve', 'reject']),
      reason: Reason,
    }),
    output: CompanyActionResult,
  },
  'companyUsers.add': {
    input: CallerInput.extend({
      companyRut: RutInput,
      userRut: RutInput,
      role: z.enum(['company_user', 'access_admin']),
      modules: Modules,
      external: z.boolean(),
      newPerson: z
        .object({
          givenNames: z.string().max(100),
          lastName1: z.string().max(100),
          lastName2: z.string().max(100),
          email: z.string().max(200),
          phone: z.string().max(30).nullable(),
        })
        .nullable(),
    }),
    output: CompanyActionResult,
  },
  'companyUsers.change': {
    input: CallerInput.extend({
      companyRut: RutInput,
      userRut: RutInput,
      change: z.enum(COMPANY_USER_CHANGE_KINDS),
      reason: Reason,
    }),
    output: CompanyActionResult,
  },
  'companyUsers.setModules': {
    input: CallerInput.extend({ companyRut: RutInput, userRut: RutInput, modules: Modules }),
    output: CompanyActionResult,
  },
  'agents.list': {
    input: z.object({}),
    output: z.array(z.object({ agentId: z.string(), displayName: z.string(), role: Role })),
  },
  // Acting on a selection of people (issue 8, item 2).
  ...selectionChannels,
  // Sync at scale (issue 11).
  /** The OS or browser says the network came back (a hint: the next probe happens now). */
  'sync.hint': { input: z.object({ online: z.boolean() }), output: z.object({}) },
  /** The officer read which companies were given to him or taken from him. */
  'sync.dismissScopeNotice': { input: z.object({}), output: SyncStatus },
  /** A supervisor takes over the pending actions of an agent who will not come back. */
  'sync.reassign': {
    input: z.object({ fromAgentId: z.string().min(1).max(64), reason: Reason }),
    output: z.object({ reassigned: z.number().int(), pending: z.array(PendingAction) }),
  },
  // Device trust (issue 11): a revoked or duplicated device takes a new identity, explicitly.
  'sync.reenrol': { input: z.object({}), output: SyncStatus },
  /** A revoked device's file of unsent actions, to save where a supervisor can read it. */
  'sync.revocationFile': {
    input: z.object({}),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  /** A supervisor's list of the devices enrolled with the central API (asked there, online). */
  'devices.list': { input: z.object({}), output: DeviceList },
  /** A supervisor revokes another device, with a reason (the screen then lists them again). */
  'devices.revoke': {
    input: z.object({ deviceId: z.string().uuid(), reason: Reason, decisionId: DecisionId }),
    output: RevokedDevice,
  },
  // Scope follows assignments (issue 11): asked of the central API, online.
  'officers.list': { input: z.object({ companyRut: RutInput }), output: CompanyOfficers },
  /** A supervisor assigns the company to an officer or takes it from him, with a reason. */
  'officers.assign': {
    input: z.object({
      companyRut: RutInput,
      username: z.string().min(1).max(100),
      assigned: z.boolean(),
      reason: Reason,
      decisionId: DecisionId,
    }),
    output: OfficerChange,
  },
  // Ley 21.719 data-subject requests (issue 10).
  'dataRequests.record': {
    input: z.object({
      rut: RutInput,
      right: DataRight,
      channel: DataRequestChannel,
      /** null: not checked — refused with a Spanish message, not a schema error. */
      identityMethod: IdentityMethod.nullable(),
      identityFacts: Facts,
      detail: z.string().max(2000),
      /**
       * The day a request in writing (mail, portal) arrived, when recorded later; null: today.
       * Art. 11's term runs from it (shared/rules/data-requests.ts, receivedOnFits).
       */
      receivedOn: CalendarDate.nullable().default(null),
      /** A day more than 30 days back, confirmed as the true one (receivedOnFits). */
      lateConfirmed: z.boolean().default(false),
      /**
       * The titular's name as they give it, when the system holds no person with that RUT
       * (titularWithoutDataRefusal); ignored for one it holds. Too long: refused in Spanish.
       */
      titularName: z.string().max(1000).nullable().default(null),
    }),
    // Its receipt, as every action's: the screen reads the record with persons.afterAction.
    output: DataRequestResult,
  },
  'dataRequests.list': {
    input: z.object({
      state: DataRequestState.nullable().default(null),
      right: DataRight.nullable().default(null),
      rut: RutInput.nullable().default(null),
      /** Flag the open ones due within this many business days. */
      soonBusinessDays: z.number().int().min(0).max(30).default(2),
      offset: z.number().int().min(0).max(100_000).default(0),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    output: z.object({
      today: CalendarDate,
      requests: z.array(DataRequestView),
      hasMore: z.boolean(),
    }),
  },
  'dataRequests.get': {
    input: z.object({ number: z.string().max(40) }),
    output: z.object({
      request: DataRequestView,
      exports: z.array(ExportView),
      /** The changes this desk's audit holds taken under it, oldest first. */
      linkedChanges: z.array(LinkedChange),
    }),
  },
  'dataRequests.move': {
    input: z.object({
      number: z.string().max(40),
      move: DataRequestMove,
      reason: Reason.nullable().default(null),
    }),
    output: DataRequestResult,
  },
  'dataRequests.unblock': {
    input: z.object({ number: z.string().max(40), reason: Reason }),
    output: DataRequestResult,
  },
  'dataRequests.export': {
    input: z.object({ number: z.string().max(40) }),
    output: ExportView,
  },
  /**
   * An export's files removed from this desk once they are no longer needed (data minimisation):
   * the request's agent or a supervisor; audited; the copies already handed out are not touched.
   */
  'dataRequests.deleteExport': {
    input: z.object({ exportId: z.string().max(64) }),
    output: ExportView,
  },
  /**
   * A copy of an export's file, opened (the files are sealed at rest). Web door: a one-time
   * address the browser downloads from; Electron door: saved where the agent chooses and shown
   * in its folder (cancelled: neither). Either way only for the agent who may see the request.
   */
  'dataRequests.download': {
    input: z.object({ exportId: z.string().max(64), format: z.enum(['html', 'json']) }),
    output: z.object({
      fileName: z.string(),
      url: z.string().nullable(),
      shownInFolder: z.boolean(),
    }),
  },
  /** For the supervisor's panel: open requests by deadline, with counts. */
  'dataRequests.byDeadline': {
    input: z.object({}),
    output: z.object({
      today: CalendarDate,
      soonBusinessDays: z.number().int(),
      overdue: DeadlineGroup,
      dueSoon: DeadlineGroup,
      later: DeadlineGroup,
    }),
  },
  // --- Privacy by default (issue 10) ---
  /** «Quién consultó esta ficha»: supervisors only, newest first. */
  'persons.viewers': {
    input: PersonRut.extend({ limit: z.number().int().min(1).max(500).default(100) }),
    output: PersonViewers,
  },
  // Bulk loads (issue 8).
  /** The company a RUT names on this desk, as the field is typed (null: none here). */
  'bulkLoads.company': {
    input: z.object({ companyRut: RutInput }),
    output: z.object({ companyRut: z.string(), companyName: z.string() }).nullable(),
  },
  'bulkLoads.preview': {
    input: z.object({
      companyRut: RutInput,
      fileName: z.string().min(1).max(255),
      contentBase64: z.string().max(BULK_MAX_BASE64_CHARS),
    }),
    output: BulkPreview,
  },
  'bulkLoads.previewRows': {
    input: z.object({
      previewId: z.string().max(64),
      filter: BulkOutcomeFilter.nullable().default(null),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(BulkPreviewRow), total: z.number().int() }),
  },
  'bulkLoads.failedRows': { input: z.object({ previewId: z.string().max(64) }), output: CsvFile },
  'bulkLoads.apply': {
    input: z.object({ previewId: z.string().max(64), reason: Reason }),
    output: BulkBatch,
  },
  'bulkLoads.status': { input: BatchId, output: BulkBatch },
  'bulkLoads.cancel': { input: BatchId, output: BulkBatch },
  'bulkLoads.list': {
    input: z.object({ companyRut: RutInput.nullable().default(null) }),
    output: z.array(BulkBatch),
  },
  'bulkLoads.report': {
    input: BatchId.extend({
      filter: BulkReportFilter.nullable().default(null),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(BulkReportRow), total: z.number().int() }),
  },
  'bulkLoads.exportReport': { input: BatchId, output: CsvFile },
  'bulkLoads.undo': { input: BatchId.extend({ reason: Reason }), output: BulkBatch },
  'bulkLoads.resume': { input: BatchId, output: BulkBatch },
  'bulkLoads.close': { input: BatchId, output: BulkBatch },
  // ---- The supervisor's Panel and the Llamadas list's paging (issue 10) ----
  /**
   * How many interactions `interactions.list` pages through with the same filter, and how many
   * of them are visits.
   */
  'interactions.count': {
    input: CallFilter,
    output: z.object({ total: z.number().int(), visits: z.number().int() }),
  },
  'dashboard.panel': { input: z.object({ range: DashboardRange }), output: DashboardPanel },
} satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

/** Channels that answer before anyone signs in. */
export const PUBLIC_CHANNELS: ReadonlySet<string> = new Set([
  'app.info',
  'auth.signIn',
  'auth.session',
  'sync.status',
  // A locked screen has no session: it asks for the same agent's password.
  'auth.unlock',
  'auth.lockState',
  // A revoked device is signed out: re-enrolling it, and saving a copy of its unsent actions
  // (a file already on this computer), come before any sign-in (issue 11).
  'sync.reenrol',
  'sync.revocationFile',
]);

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Contract[C]['output']>;

export const ErrorCode = z.enum([
  'invalid_input',
  'not_found',
  'unauthorized',
  // The window acts for an agent whose session here ended (signed out, or another agent signed
  // in, in another window): nothing ran.
  'session_changed',
  'forbidden',
  'stale',
  'rule',
  'unknown_channel',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every answer crosses a door in this envelope: thrown errors lose their shape across IPC. */
export type Envelope<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** What a door hands back: synchronous for local work, a promise when the network is involved. */
export type Answer = Envelope<unknown> | Promise<Envelope<unknown>>;

/**
 * What the renderer sees as `window.api`: one function per channel. `asAgent` is the agent the
 * window believes is signed in; main runs nothing for a window whose agent is no longer its own.
 */
export type Api = {
  [C in Channel]: (
    input: ChannelInput<C>,
    asAgent?: string | null,
  ) => Promise<Envelope<ChannelOutput<C>>>;
};
