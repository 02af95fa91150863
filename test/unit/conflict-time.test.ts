import { describe, expect, it } from 'vitest';
import { centralChangeOf } from '../../src/main/sync/conflict-time';

const person = (row: Record<string, unknown>) => ({ entity: 'person', op: 'upsert', key: 7, row });
const ROW = {
  phone_changed_at: '2026-12-04T13:00:00.000Z',
  phone_changed_by: 'Carla Soto',
  email_changed_at: '2026-12-04T17:05:00.000Z',
  email_changed_by: 'Sofía Supervisora',
};

describe('centralChangeOf', () => {
  it('one field in conflict: when it changed and who changed it, exactly', () => {
    expect(centralChangeOf([{ field: 'phone' }], [person(ROW)], 7)).toEqual({
      at: '2026-12-04T13:00:00.000Z',
      of: 'phone',
      by: 'Carla Soto',
    });
    expect(centralChangeOf([{ field: 'email' }], [person(ROW)], 7)).toEqual({
      at: '2026-12-04T17:05:00.000Z',
      of: 'email',
      by: 'Sofía Supervisora',
    });
  });

  it('both fields: the later change, said of the contact', () => {
    expect(centralChangeOf([{ field: 'phone' }, { field: 'email' }], [person(ROW)], 7)).toEqual({
      at: '2026-12-04T17:05:00.000Z',
      of: 'contact',
      by: 'Sofía Supervisora',
    });
    const phoneLater = { ...ROW, phone_changed_at: '2026-12-05T08:00:00.000Z' };
    expect(
      centralChangeOf([{ field: 'email' }, { field: 'phone' }], [person(phoneLater)], 7),
    ).toEqual({ at: '2026-12-05T08:00:00.000Z', of: 'contact', by: 'Carla Soto' });
  });

  it('a change by nobody named (seeded data, a load from before 0032) says when only', () => {
    expect(
      centralChangeOf([{ field: 'phone' }], [person({ ...ROW, phone_changed_by: null })], 7),
    ).toEqual({ at: '2026-12-04T13:00:00.000Z', of: 'phone', by: null });
  });

  it('no date for a field in conflict: nothing said, no guess', () => {
    expect(
      centralChangeOf([{ field: 'email' }], [person({ ...ROW, email_changed_at: null })], 7),
    ).toBeNull();
    expect(
      centralChangeOf(
        [{ field: 'email' }, { field: 'phone' }],
        [person({ ...ROW, phone_changed_at: undefined })],
        7,
      ),
    ).toBeNull();
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
