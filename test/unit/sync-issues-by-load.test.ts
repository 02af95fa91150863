/**
 * A bulk load's actions applied without their mails are one row of «Por revisar» (sync-issues.ts),
 * and its words say the load, how many and what to do.
 */
import { describe, expect, it } from 'vitest';
import type { SyncIssue } from '../../src/shared/contract';
import { groupedByLoad } from '../../src/main/services/sync-issues';
import { syncMessages } from '../../src/shared/messages';

const issue = (actionId: string, state: SyncIssue['state'], mails: string[] = []): SyncIssue => ({
  actionId,
  kind: 'person.update_contact',
  agentId: 'a1',
  agentName: 'Sara',
  personRut: null,
  personName: null,
  companyName: null,
  createdAt: '2026-11-24T09:00:00.000Z',
  state,
  code: null,
  message: null,
  mailsWithheld: mails as SyncIssue['mailsWithheld'],
  conflicts: [],
  centralChange: null,
});

describe('groupedByLoad', () => {
  it('keeps single actions and conflicts apart, and folds each load into its first action', () => {
    const listed = groupedByLoad(
      [
        { issue: issue('x1', 'mail_withheld', ['email_confirmation']), batchId: 'L1' },
        { issue: issue('c1', 'conflict'), batchId: null },
        { issue: issue('x2', 'mail_withheld', ['password_creation']), batchId: 'L1' },
        { issue: issue('s1', 'mail_withheld', ['email_confirmation']), batchId: null },
        { issue: issue('y1', 'mail_withheld', ['email_confirmation']), batchId: 'L2' },
        { issue: issue('x3', 'mail_withheld', ['email_confirmation']), batchId: 'L1' },
      ],
      (id) => (id === 'L1' ? 'correos.csv' : null),
    );
    expect(listed.map((i) => [i.actionId, i.batch ?? null])).toEqual([
      ['x1', { id: 'L1', fileName: 'correos.csv', count: 3 }],
      ['c1', null],
      ['s1', null],
      ['y1', { id: 'L2', fileName: null, count: 1 }],
    ]);
    expect(listed[0]!.mailsWithheld).toEqual(['email_confirmation', 'password_creation']);
  });

  it('leaves the rows it was given as they were', () => {
    const first = issue('x1', 'mail_withheld', ['email_confirmation']);
    groupedByLoad(
      [
        { issue: first, batchId: 'L1' },
        { issue: issue('x2', 'mail_withheld', ['password_creation']), batchId: 'L1' },
      ],
      () => null,
    );
    expect(first.mailsWithheld).toEqual(['email_confirmation']);
    expect(first.batch).toBeUndefined();
  });
});

describe('a load’s words', () => {
  it('names its file and how many, in one and in many', () => {
    expect(syncMessages.load('correos.csv', 1234)).toBe(
      'carga masiva «correos.csv», 1.234 acciones',
    );
    expect(syncMessages.load(null, 1)).toBe('una carga masiva, 1 acción');
    expect(syncMessages.loadMailWithheld(['email_confirmation'], 3)).toMatch(
      /^El sistema central aplicó sus 3 acciones, pero no envió el correo «Confirmación de correo» de ninguna: .* Luego marque «Entendido»: la carga entera sale de la lista\.$/,
    );
    expect(syncMessages.dismissedLoad(3)).toBe(
      'Listo: las 3 acciones de la carga salen de la lista.',
    );
  });
});
