import { describe, expect, it } from 'vitest';
import { centralChangeOf } from '../../src/main/sync/conflict-time';

const person = (row: Record<string, unknown>) => ({ entity: 'person', op: 'upsert', key: 7, row });
const ROW = {
  updated_at: '2026-12-04T17:05:00.000Z',
  phone_changed_at: '2026-12-04T13:00:00.000Z',
};

describe('centralChangeOf', () => {
  it('a phone conflict: when the phone changed, exactly', () => {
    expect(centralChangeOf([{ field: 'phone' }], [person(ROW)], 7)).toEqual({
      at: '2026-12-04T13:00:00.000Z',
      of: 'phone',
    });
  });

  it('an e-mail (or both): only the record’s last change, which is no later than the e-mail’s', () => {
    expect(centralChangeOf([{ field: 'email' }], [person(ROW)], 7)).toEqual({
      at: '2026-12-04T17:05:00.000Z',
      of: 'record',
    });
    expect(centralChangeOf([{ field: 'email' }, { field: 'phone' }], [person(ROW)], 7)).toEqual({
      at: '2026-12-04T17:05:00.000Z',
      of: 'record',
    });
  });

  it('a phone with no date of its change falls back to the record’s', () => {
    expect(
      centralChangeOf([{ field: 'phone' }], [person({ ...ROW, phone_changed_at: null })], 7),
    ).toEqual({ at: '2026-12-04T17:05:00.000Z', of: 'record' });
  });

  it('nothing to say: another kind of conflict, no rows, someone else’s row, a deleted person', () => {
    expect(centralChangeOf([{ field: 'state' }], [person(ROW)], 7)).toBeNull();
    expect(centralChangeOf([{ field: 'phone' }], undefined, 7)).toBeNull();
    expect(centralChangeOf([{ field: 'phone' }], [person(ROW)], 8)).toBeNull();
    expect(centralChangeOf([{ field: 'phone' }], [person(ROW)], null)).toBeNull();
    expect(
      centralChangeOf(
        [{ field: 'phone' }],
        [{ entity: 'person', op: 'delete', key: 7, row: null }],
        7,
      ),
    ).toBeNull();
  });
});
