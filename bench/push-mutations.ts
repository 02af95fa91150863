/**
 * Push requests as a desk sends them, built straight (no desk): phone changes of given persons,
 * one lane, ids from `first` on. Used by bench/push-groups.ts and the group-commit tests.
 */
import { createHash } from 'node:crypto';
import { newId } from '../src/shared/ids';
import type { Mutation } from '../src/shared/sync-protocol';

export function phoneChanges(
  agentId: string,
  persons: Array<{ rut: number; phone: string | null }>,
  first: number,
  to: (index: number) => string,
  decidedAt: string,
): Mutation[] {
  return persons.map((person, index) => {
    const payload = { changes: { phone: { from: person.phone, to: to(index) } } };
    return {
      id: first + index,
      after: first + index - 1,
      actionId: newId(),
      agentId,
      kind: 'person.update_contact',
      personRut: person.rut,
      payload,
      decidedAt,
      payloadHash: createHash('sha256').update(JSON.stringify(payload)).digest('hex'),
    };
  });
}
