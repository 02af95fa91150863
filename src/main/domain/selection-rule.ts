/**
 * Acting on a selection of people (issue 8, item 2): for ONE person, what the chosen action
 * would do now, or why it does not apply to them. Pure: the facts come in, the steps (each one
 * an ordinary action the desk's services run) or the reason come out. The services check the
 * same rules again inside their transactions; this rule exists so a preview can count, and so a
 * person it skips is told apart by a precise reason instead of a generic refusal.
 */
import type { MailKind, Portal } from '../../shared/contract';
import { isPortal, loginPortal } from '../../shared/portals';
import {
  fittingMailKinds,
  mailWaitMs,
  type MailFacts,
  type SentMail,
} from '../../shared/rules/access';
import {
  mayChangeMembership,
  type MembershipStateCode,
} from '../../shared/rules/membership-transitions';

export const SELECTION_ACTIONS = ['unlock', 'resend_mail', 'disable', 'enable'] as const;
export type SelectionAction = (typeof SELECTION_ACTIONS)[number];

/** Actions on a membership: they need the company whose access changes. */
export const needsCompany = (action: SelectionAction) =>
  action === 'disable' || action === 'enable';

/** The mails that let a person set a password: what "resend the password mail" may send. */
export const PASSWORD_MAILS: readonly MailKind[] = ['password_creation', 'password_reset'];

export const SKIP_CODES = [
  'not_found',
  'out_of_scope',
  'no_account',
  'not_locked',
  'no_email',
  'not_registered',
  'no_access',
  'mail_not_applicable',
  'cooldown',
  'no_membership',
  'dismissed',
  'already_disabled',
  'already_enabled',
  'paused',
  'company_not_adherent',
  'stale',
  'changed_since',
  'not_processed',
  'failed',
] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

export type Skip = {
  code: SkipCode;
  /** cooldown: minutes left. */
  minutes?: number;
  /** changed_since: the membership's state now. */
  state?: MembershipStateCode;
  /** failed: the refusal's message, as the agent would have read it acting alone. */
  message?: string;
};

export type AccountFacts = {
  portal: Exclude<Portal, 'portal_empresas'>;
  lockedUntil: string | null;
  version: number;
  mail: MailFacts;
  /** Each password mail's last, from the portal it comes from (null: never). */
  lastMail: Partial<Record<MailKind, SentMail | null>>;
};

export type PersonFacts = {
  /** The person's e-mail (null: none). */
  email: string | null;
  /** Every login of the person, preferred ones first (see `preferredPortals`). */
  accounts: AccountFacts[];
  /** The membership in the selection's company (membership actions only); null: none. */
  membership: { state: MembershipStateCode; version: number; companyAdherent: boolean } | null;
};

export type Step =
  | { action: 'unlock'; portal: AccountFacts['portal']; version: number }
  | { action: 'resend_mail'; portal: AccountFacts['portal']; kind: MailKind }
  | { action: 'disable' | 'enable'; version: number };

export type Applicability = { applies: true; steps: Step[] } | { applies: false; skip: Skip };

const skip = (code: SkipCode, extra: Omit<Skip, 'code'> = {}): Applicability => ({
  applies: false,
  skip: { code, ...extra },
});

/**
 * Within a company's list, only the company's logins are touched (an ACHS company's request is
 * about ACHS Gestión); elsewhere every login of the person.
 */
export function preferredPortals(companyPortals: readonly string[] | null): Portal[] | null {
  if (companyPortals === null) return null;
  return [...new Set(companyPortals.filter(isPortal).map(loginPortal))];
}

export function selectionApplicability(
  action: SelectionAction,
  facts: PersonFacts,
  now: Date,
  onlyPortals: readonly Portal[] | null = null,
): Applicability {
  const accounts =
    onlyPortals === null
      ? facts.accounts
      : facts.accounts.filter((account) => onlyPortals.includes(account.portal));
  switch (action) {
    case 'unlock': {
      if (accounts.length === 0) return skip('no_account');
      // The same test as the unlock service: a lock whose time has passed is no lock.
      const locked = accounts.filter(
        (a) => a.lockedUntil !== null && Date.parse(a.lockedUntil) > now.getTime(),
      );
      if (locked.length === 0) return skip('not_locked');
      return {
        applies: true,
        steps: locked.map((a) => ({ action: 'unlock', portal: a.portal, version: a.version })),
      };
    }
    case 'resend_mail':
      return passwordMail(facts, accounts, now);
    case 'disable':
    case 'enable': {
      const membership = facts.membership;
      if (!membership) return skip('no_membership');
      if (mayChangeMembership(action, membership.state)) {
        // Access given back at a company no longer adherent opens nothing (rule 6).
        if (action === 'enable' && !membership.companyAdherent) {
          return skip('company_not_adherent');
        }
        return { applies: true, steps: [{ action, version: membership.version }] };
      }
      if (membership.state === 'removed') return skip('dismissed');
      if (membership.state === 'disabled') return skip('already_disabled');
      if (membership.state === 'paused') return skip('paused');
      return skip('already_enabled');
    }
  }
}

/**
 * The password mail that fits each login (the shared rule the record and the central API
 * apply), the first login whose mail is not in its cool-down. One mail per person.
 */
function passwordMail(facts: PersonFacts, accounts: AccountFacts[], now: Date): Applicability {
  if (facts.email === null) return skip('no_email');
  if (accounts.length === 0) return skip('no_account');
  let waitMinutes: number | null = null;
  for (const account of accounts) {
    const kind = fittingMailKinds(account.mail).find((k) => PASSWORD_MAILS.includes(k));
    if (!kind) continue;
    const waitMs = mailWaitMs(account.lastMail[kind] ?? null, facts.email, now.getTime());
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      waitMinutes = waitMinutes === null ? minutes : Math.min(waitMinutes, minutes);
      continue;
    }
    return { applies: true, steps: [{ action: 'resend_mail', portal: account.portal, kind }] };
  }
  if (waitMinutes !== null) return skip('cooldown', { minutes: waitMinutes });
  // Why no password mail fits: the first login's state says it.
  const first = accounts[0]!.mail;
  if (first.registrationState === 'not_registered') return skip('not_registered');
  if (first.registrationState === 'active' && !first.hasAccess) return skip('no_access');
  return skip('mail_not_applicable');
}
