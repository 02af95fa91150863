import { describe, expect, it } from 'vitest';
import {
  accountBadges,
  personBadges,
  type AccountState,
  type MembershipState,
} from '../../src/main/domain/badges';
import type { Badge } from '../../src/shared/contract';
import type { AccessFacts } from '../../src/shared/rules/access';

const NOW = new Date('2026-11-21T15:00:00Z');
const IN_ONE_HOUR = '2026-11-21T16:00:00.000Z';
const IN_TWO_HOURS = '2026-11-21T17:00:00.000Z';
const ONE_HOUR_AGO = '2026-11-21T14:00:00.000Z';

const ACTIVE: AccountState = {
  registrationState: 'active',
  failedAttempts: 0,
  lockedUntil: null,
  registrationBlocked: false,
};

const account = (overrides: Partial<AccountState> = {}): AccountState => ({
  ...ACTIVE,
  ...overrides,
});

const member = (
  state: MembershipState['state'] = 'active',
  companyAdherent = true,
): MembershipState => ({ state, companyAdherent });

/** Someone with no pension and these memberships (shared/rules/access.ts decides access). */
const facts = (memberships: MembershipState[]): AccessFacts => ({
  isPensioner: false,
  memberships,
});

const WITH_EMAIL = { email: 'juan.munoz@correo.cl' };
const NO_EMAIL = { email: null };

const codes = (badges: Badge[]) => badges.map((badge) => badge.code);

describe('accountBadges', () => {
  it('an active account with no problem is active', () => {
    expect(accountBadges(ACTIVE, NOW)).toEqual([{ code: 'active' }]);
  });

  it('a lock in the future is temporarily_locked with until and attempts', () => {
    const locked = account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 });
    expect(accountBadges(locked, NOW)).toEqual([
      { code: 'temporarily_locked', until: IN_ONE_HOUR, attempts: 6 },
    ]);
  });

  it('a lock that already ended is not a lock', () => {
    const expired = account({ lockedUntil: ONE_HOUR_AGO, failedAttempts: 6 });
    expect(accountBadges(expired, NOW)).toEqual([{ code: 'active' }]);
  });

  it('a lock ending exactly now is not a lock any more', () => {
    const ending = account({ lockedUntil: NOW.toISOString(), failedAttempts: 6 });
    expect(accountBadges(ending, NOW)).toEqual([{ code: 'active' }]);
  });

  it('a lock one second in the future still counts', () => {
    const until = new Date(NOW.getTime() + 1_000).toISOString();
    expect(codes(accountBadges(account({ lockedUntil: until }), NOW))).toEqual([
      'temporarily_locked',
    ]);
  });

  it('the same lock is judged against the given now, not the wall clock', () => {
    const locked = account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 5 });
    expect(codes(accountBadges(locked, new Date('2026-11-21T16:30:00Z')))).toEqual(['active']);
    expect(codes(accountBadges(locked, new Date('2026-11-21T15:59:59Z')))).toEqual([
      'temporarily_locked',
    ]);
  });

  it('registration_blocked', () => {
    const blocked = account({ registrationBlocked: true });
    expect(accountBadges(blocked, NOW)).toEqual([{ code: 'registration_blocked' }]);
  });

  it('pending_activation', () => {
    const pending = account({ registrationState: 'pending_activation' });
    expect(accountBadges(pending, NOW)).toEqual([{ code: 'pending_activation' }]);
  });

  it('not_registered', () => {
    const absent = account({ registrationState: 'not_registered' });
    expect(accountBadges(absent, NOW)).toEqual([{ code: 'not_registered' }]);
  });

  it('a blocked registration is shown as blocked, not as not_registered', () => {
    const blocked = account({ registrationState: 'not_registered', registrationBlocked: true });
    expect(accountBadges(blocked, NOW)).toEqual([{ code: 'registration_blocked' }]);
  });

  it('lock, block and pending together, in that order', () => {
    const all = account({
      registrationState: 'pending_activation',
      registrationBlocked: true,
      lockedUntil: IN_ONE_HOUR,
      failedAttempts: 7,
    });
    expect(accountBadges(all, NOW)).toEqual([
      { code: 'temporarily_locked', until: IN_ONE_HOUR, attempts: 7 },
      { code: 'registration_blocked' },
      { code: 'pending_activation' },
    ]);
  });

  it('failed attempts without a lock are not a badge', () => {
    expect(accountBadges(account({ failedAttempts: 4 }), NOW)).toEqual([{ code: 'active' }]);
  });
});

describe('personBadges: one badge each', () => {
  it('active: one active account, an e-mail, an active membership at an adherent company', () => {
    expect(personBadges(WITH_EMAIL, [ACTIVE], facts([member()]), NOW)).toEqual([
      { code: 'active' },
    ]);
  });

  it('active also with no memberships at all', () => {
    expect(personBadges(WITH_EMAIL, [ACTIVE], facts([]), NOW)).toEqual([{ code: 'active' }]);
  });

  it('temporarily_locked carries until and attempts', () => {
    const locked = account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 });
    expect(personBadges(WITH_EMAIL, [locked], facts([member()]), NOW)).toEqual([
      { code: 'temporarily_locked', until: IN_ONE_HOUR, attempts: 6 },
    ]);
  });

  it('registration_blocked', () => {
    const blocked = account({ registrationState: 'not_registered', registrationBlocked: true });
    expect(personBadges(WITH_EMAIL, [blocked], facts([member()]), NOW)).toEqual([
      { code: 'registration_blocked' },
    ]);
  });

  it('pending_activation', () => {
    const pending = account({ registrationState: 'pending_activation' });
    expect(personBadges(WITH_EMAIL, [pending], facts([member()]), NOW)).toEqual([
      { code: 'pending_activation' },
    ]);
  });

  it('not_registered on the only portal', () => {
    const absent = account({ registrationState: 'not_registered' });
    expect(personBadges(WITH_EMAIL, [absent], facts([member()]), NOW)).toEqual([
      { code: 'not_registered' },
    ]);
  });

  it('no accounts at all is not_registered', () => {
    expect(personBadges(WITH_EMAIL, [], facts([member()]), NOW)).toEqual([
      { code: 'not_registered' },
    ]);
  });

  it('no_email when the e-mail is missing', () => {
    expect(personBadges(NO_EMAIL, [ACTIVE], facts([member()]), NOW)).toEqual([
      { code: 'no_email' },
    ]);
  });

  it.each(['disabled', 'paused', 'removed'] as const)(
    'disabled when the only membership is %s',
    (state) => {
      expect(personBadges(WITH_EMAIL, [ACTIVE], facts([member(state)]), NOW)).toEqual([
        { code: 'disabled' },
      ]);
    },
  );

  it('disabled when there are several memberships and none is active', () => {
    const memberships = [member('disabled'), member('removed'), member('paused', false)];
    expect(codes(personBadges(WITH_EMAIL, [ACTIVE], facts(memberships), NOW))).toEqual([
      'disabled',
    ]);
  });

  it('not disabled while one membership is still active', () => {
    const memberships = [member('disabled'), member('active'), member('removed')];
    expect(personBadges(WITH_EMAIL, [ACTIVE], facts(memberships), NOW)).toEqual([
      { code: 'active' },
    ]);
  });

  it('company_not_adherent when every active membership is at a non-adherent company', () => {
    const memberships = [member('active', false), member('active', false)];
    expect(personBadges(WITH_EMAIL, [ACTIVE], facts(memberships), NOW)).toEqual([
      { code: 'company_not_adherent' },
    ]);
  });

  it('no company_not_adherent when one active membership is at an adherent company', () => {
    const memberships = [member('active', false), member('active', true)];
    expect(personBadges(WITH_EMAIL, [ACTIVE], facts(memberships), NOW)).toEqual([
      { code: 'active' },
    ]);
  });

  it('an adherent company only through a disabled membership: not adherent, not disabled', () => {
    const memberships = [member('active', false), member('disabled', true)];
    expect(codes(personBadges(WITH_EMAIL, [ACTIVE], facts(memberships), NOW))).toEqual([
      'company_not_adherent',
    ]);
  });

  it('a disabled membership at a non-adherent company is disabled, not company_not_adherent', () => {
    expect(
      codes(personBadges(WITH_EMAIL, [ACTIVE], facts([member('disabled', false)]), NOW)),
    ).toEqual(['disabled']);
  });
});

describe('personBadges: locks', () => {
  it('an expired lock is not a lock', () => {
    const expired = account({ lockedUntil: ONE_HOUR_AGO, failedAttempts: 6 });
    expect(personBadges(WITH_EMAIL, [expired], facts([member()]), NOW)).toEqual([
      { code: 'active' },
    ]);
  });

  it('of two locks, the longest wins whichever comes first', () => {
    const short = account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 });
    const long = account({ lockedUntil: IN_TWO_HOURS, failedAttempts: 9 });
    const expected = [{ code: 'temporarily_locked', until: IN_TWO_HOURS, attempts: 9 }];
    expect(personBadges(WITH_EMAIL, [short, long], facts([member()]), NOW)).toEqual(expected);
    expect(personBadges(WITH_EMAIL, [long, short], facts([member()]), NOW)).toEqual(expected);
  });

  it('a live lock beats an expired one on another portal', () => {
    const expired = account({ lockedUntil: ONE_HOUR_AGO, failedAttempts: 3 });
    const live = account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 });
    expect(personBadges(WITH_EMAIL, [live, expired], facts([member()]), NOW)).toEqual([
      { code: 'temporarily_locked', until: IN_ONE_HOUR, attempts: 6 },
    ]);
  });

  it('a lock is shown once however many accounts are locked', () => {
    const locks = [IN_ONE_HOUR, IN_TWO_HOURS, IN_ONE_HOUR].map((until) =>
      account({ lockedUntil: until, failedAttempts: 6 }),
    );
    expect(codes(personBadges(WITH_EMAIL, locks, facts([member()]), NOW))).toEqual([
      'temporarily_locked',
    ]);
  });
});

describe('personBadges: several portals', () => {
  it('registered on one portal hides not_registered on another', () => {
    const absent = account({ registrationState: 'not_registered' });
    expect(personBadges(WITH_EMAIL, [absent, ACTIVE], facts([member()]), NOW)).toEqual([
      { code: 'active' },
    ]);
    expect(personBadges(WITH_EMAIL, [ACTIVE, absent], facts([member()]), NOW)).toEqual([
      { code: 'active' },
    ]);
  });

  it('a pending registration also counts as registered', () => {
    const absent = account({ registrationState: 'not_registered' });
    const pending = account({ registrationState: 'pending_activation' });
    expect(codes(personBadges(WITH_EMAIL, [absent, pending], facts([member()]), NOW))).toEqual([
      'pending_activation',
    ]);
  });

  it('not registered on any of two portals is one not_registered', () => {
    const absent = account({ registrationState: 'not_registered' });
    expect(personBadges(WITH_EMAIL, [absent, absent], facts([member()]), NOW)).toEqual([
      { code: 'not_registered' },
    ]);
  });

  it('a problem on one portal shows even when the other is fine', () => {
    const pending = account({ registrationState: 'pending_activation' });
    expect(codes(personBadges(WITH_EMAIL, [ACTIVE, pending], facts([member()]), NOW))).toEqual([
      'pending_activation',
    ]);
  });

  it('a blocked registration on one portal and nothing on the other', () => {
    const blocked = account({ registrationState: 'not_registered', registrationBlocked: true });
    const absent = account({ registrationState: 'not_registered' });
    expect(codes(personBadges(WITH_EMAIL, [blocked, absent], facts([member()]), NOW))).toEqual([
      'registration_blocked',
      'not_registered',
    ]);
  });
});

describe('personBadges: order and combinations', () => {
  const ORDER: Badge['code'][] = [
    'temporarily_locked',
    'registration_blocked',
    'company_not_adherent',
    'disabled',
    'no_email',
    'pending_activation',
    'not_registered',
  ];

  it('badges come in a fixed order whatever the order of the rows', () => {
    const locked = account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 });
    const blocked = account({ registrationState: 'not_registered', registrationBlocked: true });
    const pending = account({ registrationState: 'pending_activation' });
    const accounts = [pending, blocked, locked];
    const memberships = [member('active', false)];
    const expected: Badge[] = [
      { code: 'temporarily_locked', until: IN_ONE_HOUR, attempts: 6 },
      { code: 'registration_blocked' },
      { code: 'company_not_adherent' },
      { code: 'no_email' },
      { code: 'pending_activation' },
    ];
    expect(personBadges(NO_EMAIL, accounts, facts(memberships), NOW)).toEqual(expected);
    expect(personBadges(NO_EMAIL, [...accounts].reverse(), facts(memberships), NOW)).toEqual(
      expected,
    );
    expect(personBadges(NO_EMAIL, [locked, pending, blocked], facts(memberships), NOW)).toEqual(
      expected,
    );
  });

  it('disabled comes after registration_blocked and before no_email and not_registered', () => {
    const blocked = account({ registrationState: 'not_registered', registrationBlocked: true });
    const absent = account({ registrationState: 'not_registered' });
    expect(
      codes(personBadges(NO_EMAIL, [absent, blocked], facts([member('removed', false)]), NOW)),
    ).toEqual(['registration_blocked', 'disabled', 'no_email', 'not_registered']);
  });

  it('no accounts, no e-mail, no active membership', () => {
    expect(codes(personBadges(NO_EMAIL, [], facts([member('disabled')]), NOW))).toEqual([
      'disabled',
      'no_email',
      'not_registered',
    ]);
  });

  it('no accounts, no e-mail, only non-adherent companies', () => {
    expect(codes(personBadges(NO_EMAIL, [], facts([member('active', false)]), NOW))).toEqual([
      'company_not_adherent',
      'no_email',
      'not_registered',
    ]);
  });

  it('a locked pending account of a person with no e-mail', () => {
    const account1 = account({
      registrationState: 'pending_activation',
      lockedUntil: IN_TWO_HOURS,
      failedAttempts: 8,
    });
    expect(personBadges(NO_EMAIL, [account1], facts([member()]), NOW)).toEqual([
      { code: 'temporarily_locked', until: IN_TWO_HOURS, attempts: 8 },
      { code: 'no_email' },
      { code: 'pending_activation' },
    ]);
  });

  it('every returned list follows the fixed order and has no duplicates (all combinations)', () => {
    const accountChoices: AccountState[][] = [
      [],
      [ACTIVE],
      [account({ registrationState: 'not_registered' })],
      [account({ registrationState: 'pending_activation' }), ACTIVE],
      [account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 })],
      [account({ registrationState: 'not_registered', registrationBlocked: true })],
      [
        account({ lockedUntil: ONE_HOUR_AGO }),
        account({ registrationState: 'not_registered' }),
        account({ registrationState: 'pending_activation', lockedUntil: IN_TWO_HOURS }),
      ],
    ];
    const membershipChoices: MembershipState[][] = [
      [],
      [member()],
      [member('active', false)],
      [member('disabled')],
      [member('paused', false), member('active', false)],
    ];
    let lists = 0;
    for (const accounts of accountChoices) {
      for (const memberships of membershipChoices) {
        for (const person of [WITH_EMAIL, NO_EMAIL]) {
          const found = codes(personBadges(person, accounts, facts(memberships), NOW));
          lists++;
          expect(new Set(found).size).toBe(found.length);
          if (found.includes('active')) {
            expect(found).toEqual(['active']);
            continue;
          }
          const positions = found.map((code) => ORDER.indexOf(code));
          expect(positions.every((position) => position >= 0)).toBe(true);
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          expect(found.includes('no_email')).toBe(person.email === null);
        }
      }
    }
    expect(lists).toBe(70);
  });

  it('does not mutate its inputs', () => {
    const accounts = [account({ lockedUntil: IN_ONE_HOUR, failedAttempts: 6 }), ACTIVE];
    const memberships = [member('active', false)];
    const before = JSON.stringify([accounts, memberships]);
    personBadges(NO_EMAIL, accounts, facts(memberships), NOW);
    expect(JSON.stringify([accounts, memberships])).toBe(before);
  });
});

describe('personBadges: the affiliate profile (rule 14)', () => {
  it('a pensioner whose only company closed is not «sin acceso»: Portal Héroes still opens', () => {
    const closed = { isPensioner: true, memberships: [member('removed')] };
    expect(personBadges(WITH_EMAIL, [ACTIVE], closed, NOW)).toEqual([{ code: 'active' }]);
    expect(codes(personBadges(WITH_EMAIL, [ACTIVE], facts([member('removed')]), NOW))).toEqual([
      'disabled',
    ]);
  });
});

describe('personBadges: blank e-mail', () => {
  it('treats an empty e-mail as no e-mail', () => {
    expect(codes(personBadges({ email: '' }, [ACTIVE], facts([member()]), NOW))).toEqual([
      'no_email',
    ]);
  });
});
