/**
 * Each portal's words for a company's users' access (rules 11, 13; seeds 000 and 002), and what a
 * person's record offers of the same memberships.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPANY_USER_CHANGES,
  MEMBERSHIP_CHANGES,
  membershipChangeOf,
  isPortalUserChange,
  accessChangesFor,
  type MembershipStateCode,
} from '../../src/shared/rules/membership-transitions';

const EMPRESAS = { onEmpresas: true };
const ACHS = { onEmpresas: false };

describe('a company page, in its portal’s words', () => {
  const user = (state: MembershipStateCode) => ({ state, role: 'company_user' });
  it('Portal Empresas pauses, resumes and deletes accesses (seed 002)', () => {
    expect(accessChangesFor(EMPRESAS, user('active'))).toEqual(['pause', 'remove']);
    expect(accessChangesFor(EMPRESAS, user('paused'))).toEqual(['resume', 'remove']);
    // Disabled by a bulk load or a selection: given back, or deleted.
    expect(accessChangesFor(EMPRESAS, user('disabled'))).toEqual(['enable', 'remove']);
    expect(accessChangesFor(EMPRESAS, user('removed'))).toEqual([]);
  });

  it('ACHS Gestión sets a user «Inhabilitado» and back, and records a baja; it neither pauses nor deletes (seed 000)', () => {
    expect(accessChangesFor(ACHS, user('active'))).toEqual(['disable', 'dismiss']);
    expect(accessChangesFor(ACHS, user('disabled'))).toEqual(['enable', 'dismiss']);
    // A pause kept from before is still ended there, and can be disabled.
    expect(accessChangesFor(ACHS, user('paused'))).toEqual(['resume', 'disable', 'dismiss']);
    expect(accessChangesFor(ACHS, user('removed'))).toEqual([]);
    const worker = { role: 'worker' };
    for (const change of ['pause', 'remove'] as const) {
      expect(isPortalUserChange(ACHS, worker, change)).toBe(false);
    }
    expect(isPortalUserChange(EMPRESAS, worker, 'disable')).toBe(false);
    expect(isPortalUserChange(ACHS, worker, 'disable')).toBe(true);
  });

  it('records a dismissal on either portal, but a Portal Empresas user’s access is deleted (rules 7, 13)', () => {
    for (const company of [EMPRESAS, ACHS]) {
      expect(isPortalUserChange(company, { role: 'worker' }, 'dismiss')).toBe(true);
    }
    expect(isPortalUserChange(ACHS, { role: 'company_user' }, 'dismiss')).toBe(true);
    expect(isPortalUserChange(EMPRESAS, { role: 'company_user' }, 'dismiss')).toBe(false);
    expect(isPortalUserChange(EMPRESAS, { role: 'access_admin' }, 'remove')).toBe(true);
    expect(isPortalUserChange(EMPRESAS, { role: 'worker' }, 'remove')).toBe(false);
    // The company's page offers the same as her record (review 57, L4).
    expect(accessChangesFor(ACHS, { state: 'active', role: 'access_admin' })).toContain('dismiss');
  });

  it('each company change is the membership change of the same effect', () => {
    expect(COMPANY_USER_CHANGES.remove).toBe(MEMBERSHIP_CHANGES.dismiss);
    expect(COMPANY_USER_CHANGES.dismiss).toBe(MEMBERSHIP_CHANGES.dismiss);
    expect(COMPANY_USER_CHANGES.disable.to).toBe('disabled');
    expect(COMPANY_USER_CHANGES.enable).toEqual({ from: ['disabled'], to: 'active' });
  });
});

describe('a person’s record', () => {
  const worker = (state: MembershipStateCode) => ({ state, role: 'worker' });
  const user = (state: MembershipStateCode) => ({ state, role: 'company_user' });

  it('offers each portal’s words: a pause at Portal Empresas, «Inhabilitar» at ACHS', () => {
    expect(accessChangesFor(EMPRESAS, worker('active'))).toEqual(['pause', 'dismiss']);
    expect(accessChangesFor(ACHS, worker('active'))).toEqual(['disable', 'dismiss']);
    expect(accessChangesFor(EMPRESAS, worker('paused'))).toEqual(['resume', 'dismiss']);
    expect(accessChangesFor(ACHS, worker('paused'))).toEqual(['resume', 'disable', 'dismiss']);
  });

  it('deletes a Portal Empresas user’s access as the company’s decision, never as a dismissal (rule 13)', () => {
    expect(accessChangesFor(EMPRESAS, user('active'))).toEqual(['pause', 'remove']);
    expect(accessChangesFor(EMPRESAS, { state: 'paused', role: 'access_admin' })).toEqual([
      'resume',
      'remove',
    ]);
    expect(accessChangesFor(EMPRESAS, user('removed'))).toEqual([]);
    // ACHS Gestión has no deletion of its own: a dismissal is what ends a membership there.
    expect(accessChangesFor(ACHS, user('active'))).toEqual(['disable', 'dismiss']);
    // Its permission is the dismissal's: the same membership change.
    expect(membershipChangeOf('remove')).toBe('dismiss');
    expect(membershipChangeOf('pause')).toBe('pause');
  });

  it('gives a disabled access back only as the company’s decision, on either portal', () => {
    for (const company of [EMPRESAS, ACHS]) {
      expect(accessChangesFor(company, worker('disabled'))).toEqual(['enable', 'dismiss']);
      expect(accessChangesFor(company, worker('removed'))).toEqual([]);
    }
  });
});
