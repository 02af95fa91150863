/**
 * The per-person rule of acting on a selection (issue 8, item 2): what each action does to one
 * person, or the precise reason it does not apply.
 */
import { describe, expect, it } from 'vitest';
import {
  preferredPortals,
  selectionApplicability,
  type AccountFacts,
  type PersonFacts,
} from '../../src/main/domain/selection-rule';
import type { MailFacts } from '../../src/shared/rules/access';

const NOW = new Date('2026-11-21T15:00:00.000Z');
const minutesFromNow = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();

const mail = (over: Partial<MailFacts> = {}): MailFacts => ({
  portal: 'achs_gestion',
  hasEmail: true,
  registrationState: 'active',
  emailVerified: true,
  hasAccess: true,
  loginClosed: false,
  hasApprovedRequest: false,
  hasUnsignedAgreement: false,
  ...over,
});

const account = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  portal: 'achs_gestion',
  lockedUntil: null,
  version: 3,
  mail: mail({ portal: over.portal ?? 'achs_gestion' }),
  lastMail: {},
  ...over,
});

const EMAIL = 'p@x.cl';
const sentTo = (minutes: number, to = EMAIL) => ({ sentAt: minutesFromNow(minutes), to });

const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  email: EMAIL,
  accounts: [account()],
  membership: null,
  ...over,
});

describe('unlock', () => {
  it('unlocks every login locked now, one step each', () => {
    const facts = person({
      accounts: [
        account({ lockedUntil: minutesFromNow(30), version: 4 }),
        account({ portal: 'portal_heroes', lockedUntil: minutesFromNow(5), version: 9 }),
      ],
    });
    expect(selectionApplicability('unlock', facts, NOW)).toEqual({
      applies: true,
      steps: [
        { action: 'unlock', portal: 'achs_gestion', version: 4 },
        { action: 'unlock', portal: 'portal_heroes', version: 9 },
      ],
    });
  });

  it('a lock whose time has passed is no lock; no login at all says so', () => {
    expect(
      selectionApplicability(
        'unlock',
        person({ accounts: [account({ lockedUntil: minutesFromNow(-1) })] }),
        NOW,
      ),
    ).toEqual({ applies: false, skip: { code: 'not_locked' } });
    expect(selectionApplicability('unlock', person({ accounts: [] }), NOW)).toEqual({
      applies: false,
      skip: { code: 'no_account' },
    });
  });

  it('within a company, only its logins', () => {
    const facts = person({ accounts: [account({ lockedUntil: minutesFromNow(30) })] });
    const heroes = preferredPortals(['portal_heroes', 'portal_empresas']);
    expect(heroes).toEqual(['portal_heroes']);
    expect(selectionApplicability('unlock', facts, NOW, heroes)).toEqual({
      applies: false,
      skip: { code: 'no_account' },
    });
    expect(
      selectionApplicability('unlock', facts, NOW, preferredPortals(['achs_gestion'])),
    ).toMatchObject({
      applies: true,
    });
  });
});

describe('resend the password mail', () => {
  it('sends the kind that fits: reset for an active login, creation for a pending one', () => {
    expect(selectionApplicability('resend_mail', person(), NOW)).toEqual({
      applies: true,
      steps: [{ action: 'resend_mail', portal: 'achs_gestion', kind: 'password_reset' }],
    });
    const pending = person({
      accounts: [account({ mail: mail({ registrationState: 'pending_activation' }) })],
    });
    expect(selectionApplicability('resend_mail', pending, NOW)).toMatchObject({
      steps: [{ kind: 'password_creation' }],
    });
  });

  it('no e-mail, not registered, no access: each with its own reason', () => {
    expect(selectionApplicability('resend_mail', person({ email: null }), NOW)).toEqual({
      applies: false,
      skip: { code: 'no_email' },
    });
    const never = person({
      accounts: [account({ mail: mail({ registrationState: 'not_registered' }) })],
    });
    expect(selectionApplicability('resend_mail', never, NOW)).toMatchObject({
      skip: { code: 'not_registered' },
    });
    const noAccess = person({ accounts: [account({ mail: mail({ hasAccess: false }) })] });
    expect(selectionApplicability('resend_mail', noAccess, NOW)).toMatchObject({
      skip: { code: 'no_access' },
    });
  });

  it('within the cool-down: the next login that is not, or the minutes left', () => {
    const recent = account({ lastMail: { password_reset: sentTo(-4) } });
    expect(selectionApplicability('resend_mail', person({ accounts: [recent] }), NOW)).toEqual({
      applies: false,
      skip: { code: 'cooldown', minutes: 6 },
    });
    const other = account({ portal: 'portal_heroes', mail: mail({ portal: 'portal_heroes' }) });
    expect(
      selectionApplicability('resend_mail', person({ accounts: [recent, other] }), NOW),
    ).toMatchObject({ steps: [{ portal: 'portal_heroes', kind: 'password_reset' }] });
    const old = account({ lastMail: { password_reset: sentTo(-11) } });
    expect(selectionApplicability('resend_mail', person({ accounts: [old] }), NOW)).toMatchObject({
      applies: true,
    });
    // The last one went to an address she no longer has (corrected since): nothing to wait for.
    const elsewhere = account({ lastMail: { password_reset: sentTo(-4, 'antes@x.cl') } });
    expect(
      selectionApplicability('resend_mail', person({ accounts: [elsewhere] }), NOW),
    ).toMatchObject({ applies: true, steps: [{ kind: 'password_reset' }] });
  });
});

describe('disable and enable', () => {
  const member = (state: 'active' | 'disabled' | 'paused' | 'removed', companyAdherent = true) =>
    person({ membership: { state, version: 7, companyAdherent } });

  it('disables an active or paused membership at the version seen', () => {
    expect(selectionApplicability('disable', member('active'), NOW)).toEqual({
      applies: true,
      steps: [{ action: 'disable', version: 7 }],
    });
    expect(selectionApplicability('disable', member('paused'), NOW)).toMatchObject({
      applies: true,
    });
  });

  it('says why not: already disabled, dismissed, not a member', () => {
    expect(selectionApplicability('disable', member('disabled'), NOW)).toMatchObject({
      skip: { code: 'already_disabled' },
    });
    expect(selectionApplicability('disable', member('removed'), NOW)).toMatchObject({
      skip: { code: 'dismissed' },
    });
    expect(selectionApplicability('disable', person(), NOW)).toMatchObject({
      skip: { code: 'no_membership' },
    });
  });

  it('enables only a disabled membership at an adherent company', () => {
    expect(selectionApplicability('enable', member('disabled'), NOW)).toMatchObject({
      applies: true,
      steps: [{ action: 'enable', version: 7 }],
    });
    expect(selectionApplicability('enable', member('disabled', false), NOW)).toMatchObject({
      skip: { code: 'company_not_adherent' },
    });
    expect(selectionApplicability('enable', member('active'), NOW)).toMatchObject({
      skip: { code: 'already_enabled' },
    });
    // A company's pause is the representative's to lift (rule 13), not an enable.
    expect(selectionApplicability('enable', member('paused'), NOW)).toMatchObject({
      skip: { code: 'paused' },
    });
  });
});
