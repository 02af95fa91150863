import { describe, expect, it } from 'vitest';
import { Change, PullResponse, PushRequest } from '../../src/shared/sync-protocol';

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

describe('a pushed mutation', () => {
  const mutation = (payload: unknown) => ({
    id: 1,
    actionId: '0192f0c4-7d1e-7cc3-9a57-0d2f5f1e7a10',
    agentId: 'agent-1',
    kind: 'person.update_contact',
    personRut: 12345678,
    payload,
    decidedAt: '2026-12-02T10:00:00.000Z',
    payloadHash: 'a'.repeat(64),
  });
  const request = (payload: unknown) => ({
    deviceId: '0192f0c4-7d1e-7cc3-9a57-0d2f5f1e7a11',
    sentAt: '2026-12-02T10:00:01.000Z',
    mutations: [mutation(payload)],
  });

  it('keeps its payload as sent', () => {
    const payload = { seenVersion: 3, changes: { phone: { from: null, to: '+56922222222' } } };
    expect(PushRequest.parse(request(payload)).mutations[0]!.payload).toBe(payload);
  });

  it.each([
    ['a list', [{ seenVersion: 3 }]],
    ['a text', '{"seenVersion":3}'],
    ['null', null],
  ])('refuses a payload that is %s', (_, payload) => {
    expect(PushRequest.safeParse(request(payload)).success).toBe(false);
  });
});
