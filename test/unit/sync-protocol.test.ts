import { describe, expect, it } from 'vitest';
import { Change, PullResponse } from '../../src/shared/sync-protocol';

const page = (row: unknown) => ({
  epoch: 'e',
  cursor: 'c',
  hasMore: false,
  progress: null,
  changes: [{ entity: 'person', op: 'upsert', key: 1, row }],
});

describe('a pulled change', () => {
  it('takes its row as it came, without copying it', () => {
    const row = { rut: 1, dv: '9', email: null };
    const parsed = Change.parse({ entity: 'person', op: 'upsert', key: 1, row });
    expect(parsed.row).toBe(row);
    expect(Change.parse({ entity: 'person', op: 'delete', key: 1, row: null }).row).toBeNull();
  });

  it.each([
    ['a list', [1, 2]],
    ['a text', 'rut'],
    ['a number', 7],
    ['missing', undefined],
  ])('refuses a row that is %s, and the page with it', (_, row) => {
    expect(Change.safeParse({ entity: 'person', op: 'upsert', key: 1, row }).success).toBe(false);
    expect(PullResponse.safeParse(page(row)).success).toBe(false);
  });
});
