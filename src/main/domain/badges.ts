/**
 * The state badges of a person and of each portal account, from the replica's rows. Badges
 * are codes; the renderer words them. The full "why can't they get in" diagnosis builds on this.
 */
import type { Badge } from '../../shared/contract';
import { accessBlockBadge, type AccessBlock, type AccessFacts } from '../../shared/rules/access';

export type AccountState = {
  registrationState: 'not_registered' | 'pending_activation' | 'active';
  failedAttempts: number;
  lockedUntil: string | null;
  registrationBlocked: boolean;
};

export type MembershipState = {
  state: 'active' | 'disabled' | 'paused' | 'removed';
  companyAdherent: boolean;
};

/**
 * `accessBlock`: why the person has no access at all (shared/rules/access.ts); an account that
 * is fine in itself opens nothing then, and its row must not say "Activo".
 */
export function accountBadges(
  account: AccountState,
  now: Date,
  accessBlock: AccessBlock | null = null,
): Badge[] {
  const badges: Badge[] = accessBlock ? [{ code: accessBlock }] : [];
  if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > now.getTime()) {
    badges.push({
      code: 'temporarily_locked',
      until: account.lockedUntil,
      attempts: account.failedAttempts,
    });
  }
  if (account.registrationBlocked) badges.push({ code: 'registration_blocked' });
  if (account.registrationState === 'pending_activation') {
    badges.push({ code: 'pending_activation' });
  }
  if (account.registrationState === 'not_registered' && !account.registrationBlocked) {
    badges.push({ code: 'not_registered' });
  }
  return badges.length > 0 ? badges : [{ code: 'active' }];
}

const ORDER: Badge['code'][] = [
  'temporarily_locked',
  'registration_blocked',
  'company_not_adherent',
  'disabled',
  'pending_signature',
  'no_email',
  'pending_activation',
  'not_registered',
];

/**
 * One line of badges for the person: every problem once, or `active` when there is none. Whether
 * they can get in at all is the shared rule's (accessBlockBadge: a pensioner or an affiliate
 * whose companies closed still enters Portal Héroes, rule 14).
 */
export function personBadges(
  person: { email: string | null },
  accounts: AccountState[],
  access: AccessFacts,
  now: Date,
): Badge[] {
  const found = new Map<Badge['code'], Badge>();
  for (const account of accounts) {
    for (const badge of accountBadges(account, now)) {
      const seen = found.get(badge.code);
      // Of several locks, the one that lasts longest is the one the caller feels.
      if (!seen || (badge.code === 'temporarily_locked' && laterLock(badge, seen))) {
        found.set(badge.code, badge);
      }
    }
  }
  found.delete('active');
  // Registered on one portal: not being on another one is not a problem to show.
  if (accounts.some((a) => a.registrationState !== 'not_registered')) {
    found.delete('not_registered');
  }
  if (!person.email) found.set('no_email', { code: 'no_email' });

  const blocked = accessBlockBadge(access);
  if (blocked) found.set(blocked, { code: blocked });
  if (accounts.length === 0) found.set('not_registered', { code: 'not_registered' });

  const badges = ORDER.flatMap((code) => {
    const badge = found.get(code);
    return badge ? [badge] : [];
  });
  return badges.length > 0 ? badges : [{ code: 'active' }];
}

function laterLock(candidate: Badge, current: Badge): boolean {
  return (
    candidate.code === 'temporarily_locked' &&
    current.code === 'temporarily_locked' &&
    Date.parse(candidate.until) > Date.parse(current.until)
  );
}
