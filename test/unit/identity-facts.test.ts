import { describe, expect, it } from 'vitest';
import {
  identityFacts,
  maskEmail,
  maskPhone,
  maskSerial,
  unavailableFacts,
  type IdentityHolder,
} from '../../src/shared/identity-facts';
import { IDENTITY_FACTS, phoneNoProofUntil } from '../../src/shared/policy';

const PEDRO: IdentityHolder = {
  serialNumber: '519283746',
  email: 'pedro.gonzalez@gmail.com',
  phone: '+56987654321',
  employers: ['Constructora Los Andes SpA'],
};

describe('masking', () => {
  it.each([
    ['pedro.gonzalez@gmail.com', 'p•••@g•••.com'],
    ['p@gmail.cl', 'p•••@g•••.cl'],
    ['hcontreras@araucania.cl', 'h•••@a•••.cl'],
    ['ana@mail.empresa.cl', 'a•••@m•••.cl'],
    ['Ñandú@correo.cl', 'Ñ•••@c•••.cl'],
    ['root@localhost', 'r•••@l•••'],
  ])('shows only the shape of an e-mail: %s → %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('never reveals how long the mailbox or the domain is', () => {
    expect(maskEmail('a@b.cl')).toBe('a•••@b•••.cl');
    expect(maskEmail('abcdefghij@bcdefghijk.cl')).toBe('a•••@b•••.cl');
  });

  it.each([null, '', 'sin-arroba', '@gmail.com', 'pedro@'])('no e-mail, no shape: %s', (email) => {
    expect(maskEmail(email)).toBeNull();
  });

  it.each([
    ['+56987654321', '+56 9 •••• 4321'],
    ['987654321', '+56 9 •••• 4321'],
    ['+56 9 8765 4321', '+56 9 •••• 4321'],
    ['+56221234567', '•••• 4567'],
  ])('shows only the last 4 digits of a phone: %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([null, '', '123'])('no phone, nothing shown: %s', (phone) => {
    expect(maskPhone(phone)).toBeNull();
  });

  it('shows the last 3 characters of the card serial, never the rest', () => {
    expect(maskSerial('519283746')).toBe('••••••746');
    expect(maskSerial('A012345678')).toBe('•••••••678');
    expect(maskSerial('519283746')).not.toContain('519');
  });

  it.each([null, '', '123456', '  '])('a missing or too short serial is not shown: %s', (s) => {
    expect(maskSerial(s)).toBeNull();
  });
});

describe('which identity facts a person can be asked for', () => {
  it('offers every fact the system holds, masked, in the catalogue order', () => {
    expect(identityFacts(PEDRO)).toEqual([
      { fact: 'serial_number', shown: ['••••••746'] },
      { fact: 'registered_phone', shown: ['+56 9 •••• 4321'] },
      { fact: 'registered_email', shown: ['p•••@g•••.com'] },
      { fact: 'employer', shown: ['Constructora Los Andes SpA'] },
    ]);
  });

  it('never leaks the unmasked serial, phone or e-mail', () => {
    const text = JSON.stringify(identityFacts(PEDRO));
    expect(text).not.toContain('519283746');
    expect(text).not.toContain('87654321');
    expect(text).not.toContain('gonzalez');
  });

  it('does not offer a fact the person lacks', () => {
    const facts = (holder: Partial<IdentityHolder>) =>
      identityFacts({ ...PEDRO, ...holder }).map((view) => view.fact);
    expect(facts({ email: null })).toEqual(['serial_number', 'registered_phone', 'employer']);
    expect(facts({ phone: null })).toEqual(['serial_number', 'registered_email', 'employer']);
    expect(facts({ serialNumber: null })).not.toContain('serial_number');
    expect(facts({ serialNumber: '1234' })).not.toContain('serial_number');
    expect(facts({ employers: [] })).not.toContain('employer');
  });

  it('lists every employer once', () => {
    const view = identityFacts({ ...PEDRO, employers: ['Uno S.A.', 'Dos SpA', 'Uno S.A.'] });
    expect(view.find((v) => v.fact === 'employer')?.shown).toEqual(['Uno S.A.', 'Dos SpA']);
  });

  it('has no birth date: the system holds none', () => {
    expect(IDENTITY_FACTS).not.toContain('birth_date');
    expect(identityFacts(PEDRO).map((v) => v.fact)).not.toContain('birth_date');
  });

  it('refuses facts that could not have been compared', () => {
    expect(unavailableFacts(PEDRO, ['serial_number', 'registered_phone'])).toEqual([]);
    expect(unavailableFacts(PEDRO, ['serial_number', 'birth_date'])).toEqual(['birth_date']);
    expect(unavailableFacts({ ...PEDRO, email: null }, ['registered_email', 'employer'])).toEqual([
      'registered_email',
    ]);
    expect(unavailableFacts({ ...PEDRO, phone: null }, ['registered_phone'])).toEqual([
      'registered_phone',
    ]);
  });
});

describe('a mobile changed lately', () => {
  const changed = '2026-12-01T09:30:00.000Z';
  it('proves nothing for 24 hours after the change, and says until when', () => {
    expect(phoneNoProofUntil(changed, new Date('2026-12-01T09:30:00.000Z'))).toBe(
      '2026-12-02T09:30:00.000Z',
    );
    expect(phoneNoProofUntil(changed, new Date('2026-12-02T09:29:59.999Z'))).toBe(
      '2026-12-02T09:30:00.000Z',
    );
    expect(phoneNoProofUntil(changed, new Date('2026-12-02T09:30:00.000Z'))).toBeNull();
    expect(phoneNoProofUntil(null, new Date(changed))).toBeNull();
  });

  it('is not offered while it proves nothing', () => {
    const until = '2026-12-02T09:30:00.000Z';
    expect(identityFacts({ ...PEDRO, phoneNoProofUntil: until }).map((v) => v.fact)).not.toContain(
      'registered_phone',
    );
    expect(unavailableFacts({ ...PEDRO, phoneNoProofUntil: until }, ['registered_phone'])).toEqual([
      'registered_phone',
    ]);
  });
});
