import { describe, expect, it } from 'vitest';
import { allowedOnBehalf, refusedOnBehalf, seesAllInteractions } from '../../src/shared/policy';

describe('whose calls an agent sees', () => {
  it('supervisors see every agent’s calls; agents and prevention officers their own', () => {
    expect(seesAllInteractions('supervisor')).toBe(true);
    expect(seesAllInteractions('agent')).toBe(false);
    expect(seesAllInteractions('prevention')).toBe(false);
  });
});

describe('someone calling in the person’s name (seed 000: «el acceso es personal»)', () => {
  it('lets the desk unlock, send mails to the person’s own address and take a Ley 21.719 request, nothing else', () => {
    expect(allowedOnBehalf('account.unlock')).toBe(true);
    expect(allowedOnBehalf('mail.resend')).toBe(true);
    // A Ley 21.719 request may come through a representative: its own identity check decides.
    expect(allowedOnBehalf('data_request.record')).toBe(true);
    for (const kind of [
      'person.update_contact',
      'account.clear_registration_block',
      'membership.enable',
      'membership.disable',
      'membership.dismiss',
      'membership.change_role',
      'company_user.change',
      'request.record',
    ]) {
      expect(allowedOnBehalf(kind), kind).toBe(false);
    }
  });
});

describe('whom an open call spoken for refuses', () => {
  const JUANA = { name: 'Juana González', relation: 'family' };
  it('the call’s person, or whoever is acted for first when it names nobody', () => {
    expect(refusedOnBehalf({ onBehalf: JUANA, personRut: 1 }, 1, 'person.update_contact')).toBe(
      true,
    );
    expect(refusedOnBehalf({ onBehalf: JUANA, personRut: null }, 1, 'person.update_contact')).toBe(
      true,
    );
    // Another person in the same call, what is allowed, the person calling, no call at all.
    expect(refusedOnBehalf({ onBehalf: JUANA, personRut: 1 }, 2, 'person.update_contact')).toBe(
      false,
    );
    expect(refusedOnBehalf({ onBehalf: JUANA, personRut: 1 }, 1, 'account.unlock')).toBe(false);
    expect(refusedOnBehalf({ onBehalf: null, personRut: 1 }, 1, 'person.update_contact')).toBe(
      false,
    );
    expect(refusedOnBehalf(null, 1, 'person.update_contact')).toBe(false);
  });
});
