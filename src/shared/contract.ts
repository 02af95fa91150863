/**
 * The one contract between the renderer and the core: every channel with its input and
 * output schema. Both doors (Electron IPC and the loopback web door) serve exactly this.
 */
import { z } from 'zod';
import { parseRut } from './rut';
import type { ChannelName } from './channels';

/** A person's or company's RUT as text in any usual form, validated (check digit included). */
export const RutInput = z
  .string()
  .max(20)
  .refine((text) => parseRut(text) !== null, { message: 'invalid_rut' });

export const Portal = z.enum(['achs_gestion', 'portal_heroes', 'portal_empresas']);
export type Portal = z.infer<typeof Portal>;

export const MembershipRole = z.enum(['worker', 'access_admin', 'company_user']);
export const MembershipState = z.enum(['active', 'disabled', 'paused', 'removed']);
export const RegistrationState = z.enum(['not_registered', 'pending_activation', 'active']);
export const MailKind = z.enum([
  'password_creation',
  'password_reset',
  'access_approval',
  'agreement_signature',
  'email_confirmation',
]);
export const MailOutcome = z.enum(['sent', 'delivered', 'bounced', 'failed']);

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
]);
export type Badge = z.infer<typeof Badge>;

export const SearchQuery = z.object({
  text: z.string().max(200),
  /** Restrict to the members of one company (login form of its RUT). */
  companyRut: RutInput.nullable().default(null),
  offset: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
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
  matchedBy: z.enum(['rut', 'rut_prefix', 'phone', 'email', 'name', 'company']),
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
  z.object({ code: z.literal('rut_not_found'), rut: z.string() }),
]);
export type SearchNotice = z.infer<typeof SearchNotice>;

export const SearchPage = z.object({
  text: z.string(),
  company: CompanyHit.nullable(),
  companies: z.array(CompanyHit),
  persons: z.array(PersonHit),
  offset: z.number().int(),
  hasMore: z.boolean(),
  notices: z.array(SearchNotice),
});
export type SearchPage = z.infer<typeof SearchPage>;

export const PersonRecord = z.object({
  rut: z.string(),
  givenNames: z.string(),
  lastName1: z.string(),
  lastName2: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Only the last three characters of the card serial number ever leave main. */
  serialNumberMasked: z.string().nullable(),
  isWorker: z.boolean(),
  isPensioner: z.boolean(),
  badges: z.array(Badge),
  accounts: z.array(
    z.object({
      portal: Portal,
      registrationState: RegistrationState,
      passwordSet: z.boolean(),
      emailVerified: z.boolean(),
      failedAttempts: z.number().int(),
      lockedUntil: z.string().nullable(),
      registrationBlocked: z.boolean(),
      lastLoginAt: z.string().nullable(),
      badges: z.array(Badge),
    }),
  ),
  memberships: z.array(
    z.object({
      companyRut: z.string(),
      companyName: z.string(),
      companyAdherent: z.boolean(),
      companyAdherentUntil: z.string().nullable(),
      role: MembershipRole,
      state: MembershipState,
      modules: z.array(z.string()),
      agreementSigned: z.boolean(),
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
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const AppInfo = z.object({
  version: z.string(),
  door: z.enum(['electron', 'web']),
  persons: z.number().int(),
  dataDir: z.string(),
});

export const contract = {
  'app.info': { input: z.object({}), output: AppInfo },
  'persons.search': { input: SearchQuery, output: SearchPage },
  'persons.get': { input: z.object({ rut: RutInput }), output: PersonRecord },
} satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Contract[C]['output']>;

export const ErrorCode = z.enum([
  'invalid_input',
  'not_found',
  'unauthorized',
  'forbidden',
  'unknown_channel',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every answer crosses a door in this envelope: thrown errors lose their shape across IPC. */
export type Envelope<T> =
  { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** What the renderer sees as `window.api`: one function per channel. */
export type Api = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>>;
};
