/**
 * The one e-mail rule (src/shared/policy.ts), which the desk's dialogs, bulk loads and the
 * central API's intents all apply: a single plain mailbox, never text a mailer could read as
 * several recipients or as a display name with another address inside.
 */
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/shared/policy';

describe('normalizeEmail', () => {
  it.each([
    ['pedro.gonzalez@gmail.com', 'pedro.gonzalez@gmail.com'],
    ['  Pedro.Gonzalez@GMAIL.com ', 'pedro.gonzalez@gmail.com'],
    ['nuevo.12345678@carga.cl', 'nuevo.12345678@carga.cl'],
    ['ana_maria+portal@mi-empresa.co.cl', 'ana_maria+portal@mi-empresa.co.cl'],
  ])('takes %j', (typed, kept) => {
    expect(normalizeEmail(typed)).toBe(kept);
  });

  it.each([
    // Lists and display names: a mailer would send to another address than the one shown.
    'pedro,gonzalez@gmail.com',
    'x;pedro@gmail.com',
    'a<b@evil.cl>',
    'Pedro <pedro@gmail.com>',
    'juan(comentario)@gmail.com',
    '"pedro gonzalez"@gmail.com',
    'pedro gonzalez@gmail.com',
    // Not a mailbox anyone gives out.
    '.a@b.cl',
    'a.@b.cl',
    'a..b@b.cl',
    'pedro@gmail..com',
    'pedro@gmail.com.',
    'pedro@-gmail.com',
    'pedro@gmail',
    'a@b',
    'maría.muñoz@gmail.com',
    '😀@b.cl',
    'pedro@@gmail.com',
    `${'a'.repeat(65)}@gmail.com`,
    `a@${'b'.repeat(250)}.cl`,
    '',
  ])('refuses %j', (typed) => {
    expect(normalizeEmail(typed)).toBeNull();
  });
});
