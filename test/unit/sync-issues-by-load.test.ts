/**
 * A bulk load's actions applied without their mails are one row of «Por revisar» (sync-issues.ts),
 * and its words say the load, how many and what to do.
 */
import { describe, expect, it } from 'vitest';
import type { SyncIssue } from '../../src/shared/contract';
import { groupedByLoad, LOAD_PERSONS_LISTED } from '../../src/main/services/sync-issues';
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
      ['x1', { id: 'L1', fileName: 'correos.csv', count: 3, persons: [] }],
      ['c1', null],
      ['s1', null],
      ['y1', { id: 'L2', fileName: null, count: 1, persons: [] }],
    ]);
    expect(listed[0]!.mailsWithheld).toEqual(['email_confirmation', 'password_creation']);
  });

  it('names whose mails did not go, the first LOAD_PERSONS_LISTED', () => {
    const many = Array.from({ length: LOAD_PERSONS_LISTED + 5 }, (_, i) => ({
      issue: {
        ...issue(`x${i}`, 'mail_withheld', ['email_confirmation']),
        personRut: `${1_000_000 + i}-0`,
        personName: i === 0 ? null : `Persona ${i}`,
      },
      batchId: 'L1',
    }));
    const [load] = groupedByLoad(many, () => 'a.csv');
    expect(load!.batch!.count).toBe(LOAD_PERSONS_LISTED + 5);
    expect(load!.batch!.persons).toHaveLength(LOAD_PERSONS_LISTED);
    expect(load!.batch!.persons.slice(0, 2)).toEqual([
      { rut: '1000000-0', name: null },
      { rut: '1000001-0', name: 'Persona 1' },
    ]);
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
    expect(syncMessages.loadMailWithheld(['email_confirmation', 'password_creation'], 3)).toMatch(
      /^El sistema central aplicó 3 acciones de esta carga sin enviar su correo \(«Confirmación de correo» o «[^»]+»\): .* Luego marque «Entendido»: la carga entera sale de la lista\.$/,
    );
    expect(syncMessages.loadMailWithheld(['email_confirmation'], 1)).toMatch(
      /^El sistema central aplicó una acción de esta carga sin enviar su correo \(«Confirmación de correo»\)/,
    );
    expect(syncMessages.loadPersons(1)).toBe('Ver a la persona');
    expect(syncMessages.loadPersonsMore(2)).toMatch(/^y 2 más/);
  });
});
