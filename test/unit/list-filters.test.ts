import { describe, expect, it } from 'vitest';
import { checkPersonAndDays } from '../../src/shared/list-filters';
import { auditMessages } from '../../src/shared/messages';

describe("a list's person and days, as typed (Auditoría, Llamadas)", () => {
  it('takes them as the API does: a RUT in any usual form, days as dd-mm-aaaa', () => {
    expect(
      checkPersonAndDays({ rut: '12.345.678-5', from: '01-11-2026', to: '5/11/2026' }),
    ).toEqual({
      ok: true,
      rut: '12345678-5',
      from: '2026-11-01',
      to: '2026-11-05',
    });
    // Nothing typed: no filter.
    expect(checkPersonAndDays({ rut: ' ', from: '', to: '' })).toEqual({
      ok: true,
      rut: null,
      from: null,
      to: null,
    });
  });

  it('says what is wrong and which field to go to, the RUT first', () => {
    const wrongRut = checkPersonAndDays({ rut: '12.345.678-9', from: '99-99-2026', to: '' });
    expect(wrongRut).toMatchObject({ ok: false, field: 'rut' });
    expect(checkPersonAndDays({ rut: '', from: '31-02-2026', to: '' })).toEqual({
      ok: false,
      error: auditMessages.invalidDate(auditMessages.fromField, '31-02-2026'),
      field: 'from',
    });
    expect(checkPersonAndDays({ rut: '', from: '', to: 'ayer ' })).toEqual({
      ok: false,
      error: auditMessages.invalidDate(auditMessages.toField, 'ayer'),
      field: 'to',
    });
    expect(checkPersonAndDays({ rut: '', from: '10-11-2026', to: '01-11-2026' })).toEqual({
      ok: false,
      error: auditMessages.reversedDates,
      field: 'from',
    });
  });
});
