/**
 * Group commit across batches (central-api/push.ts): the batches that reach the central API in
 * the same turn are applied in one transaction, each device's in the order of its ids, and a
 * refusal or a failure in one of them changes nothing for the others. Real central database
 * (a file, the demo dataset, the central's migrations), the push module as the server builds it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Auth, Authenticated } from '../../src/central-api/auth';
import { createChangeLog } from '../../src/central-api/change-log';
import { openCentralDatabase } from '../../src/central-api/database';
import { createPush, type PushOutcome } from '../../src/central-api/push';
import type { Mutation } from '../../src/shared/sync-protocol';
import { FIXED_NOW, tempDir } from '../support/context';
import { phoneChanges as phoneChangesOf } from '../../bench/push-mutations';

const AGENT = 'agent-group-commit';

function setUp(options: { failOn?: (index: number) => boolean } = {}) {
  const { db } = openCentralDatabase({
    dataDir: tempDir(),
    demoPersons: 60,
    now: FIXED_NOW,
    resetEpoch: false,
  });
  const sqlite = db.$client;
  const scope = { role: 'supervisor' as const, companyRuts: [], adminOfCompanyRuts: [] };
  const groups: number[] = [];
  const push = createPush({
    sqlite,
    auth: { scopeOf: () => scope } as unknown as Auth,
    changeLog: createChangeLog(sqlite, () => FIXED_NOW),
    now: () => FIXED_NOW,
    epoch: 'epoch',
    log: () => {},
    onMailsQueued: (count) => groups.push(count),
    onMutationProcessed: (index) => {
      if (options.failOn?.(index)) throw new Error('disk went away');
    },
  });
  const persons = sqlite
    .prepare('SELECT rut, phone FROM persons WHERE phone IS NOT NULL ORDER BY rut')
    .all() as Array<{ rut: number; phone: string }>;
  const device = (): Authenticated => ({
    agent: {
      agentId: AGENT,
      username: 'grupo',
      displayName: 'Grupo',
      role: 'supervisor',
      companyRuts: [],
      personRut: null,
      active: true,
    },
    deviceId: randomUUID(),
  });
  /** Phone changes of these persons, ids `first`.. of one lane. */
  const phoneChanges = (
    list: Array<{ rut: number; phone: string }>,
    first: number,
    to: (index: number) => string,
  ): Mutation[] => phoneChangesOf(AGENT, list, first, to, FIXED_NOW.toISOString());
  const send = (who: Authenticated, mutations: Mutation[]) =>
    push.push(who, { deviceId: who.deviceId, sentAt: FIXED_NOW.toISOString(), mutations });
  const results = (who: Authenticated) =>
    sqlite
      .prepare(
        'SELECT mutation_id AS id, status FROM mutation_results WHERE device_id = ? ORDER BY rowid',
      )
      .all(who.deviceId) as Array<{ id: number; status: string }>;
  const phoneOf = (rut: number) =>
    sqlite.prepare('SELECT phone FROM persons WHERE rut = ?').pluck().get(rut) as string | null;
  return { sqlite, push, persons, device, phoneChanges, send, results, phoneOf, groups };
}

const mobile = (device: number, index: number) =>
  `+569${String(30_000_000 + device * 1000 + index).padStart(8, '0')}`;

const statuses = (outcome: PushOutcome) =>
  outcome.kind === 'ok' ? outcome.response.results.map((result) => result.status) : outcome.kind;

describe('push group commit', () => {
  it('applies the batches of several devices that arrive together under one commit, each answered with its own', async () => {
    const t = setUp();
    const devices = [t.device(), t.device(), t.device()];
    const outcomes = await Promise.all(
      devices.map((who, d) =>
        t.send(
          who,
          t.phoneChanges(t.persons.slice(d * 5, d * 5 + 5), 1, (i) => mobile(d, i)),
        ),
      ),
    );
    // One group: the mail sender was kicked once, for all three.
    expect(t.groups).toEqual([0]);
    for (const [d, outcome] of outcomes.entries()) {
      expect(statuses(outcome)).toEqual(Array(5).fill('applied'));
      expect(outcome.kind === 'ok' && outcome.response.lastProcessed).toBe(5);
      expect(t.results(devices[d]!)).toEqual(
        [1, 2, 3, 4, 5].map((id) => ({ id, status: 'applied' })),
      );
      for (const [i, person] of t.persons.slice(d * 5, d * 5 + 5).entries()) {
        expect(t.phoneOf(person.rut)).toBe(mobile(d, i));
      }
    }
    // A later turn is a group of its own.
    const again = await t.send(
      devices[0]!,
      t.phoneChanges(t.persons.slice(30, 31), 6, () => mobile(9, 0)),
    );
    expect(statuses(again)).toEqual(['applied']);
    expect(t.groups).toEqual([0, 0]);
  });

  it("takes a device's batches in the order of their ids, whichever arrived first", async () => {
    const t = setUp();
    const who = t.device();
    const first = t.phoneChanges(t.persons.slice(0, 3), 1, (i) => mobile(1, i));
    const second = t.phoneChanges(t.persons.slice(3, 6), 4, (i) => mobile(1, 3 + i));
    const [late, early] = await Promise.all([t.send(who, second), t.send(who, first)]);
    expect(statuses(early)).toEqual(['applied', 'applied', 'applied']);
    expect(statuses(late)).toEqual(['applied', 'applied', 'applied']);
    expect(t.results(who).map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.groups).toHaveLength(1);
  });

  it("keeps one device's refusal to itself: the others in its group are applied as if alone", async () => {
    const t = setUp();
    const [refused, fine] = [t.device(), t.device()];
    // The second action asks for a phone that is no mobile number: refused, the rest applied.
    const withBadPhone = t.phoneChanges(t.persons.slice(0, 3), 1, (i) =>
      i === 1 ? '12345' : mobile(1, i),
    );
    const [a, b] = await Promise.all([
      t.send(refused, withBadPhone),
      t.send(
        fine,
        t.phoneChanges(t.persons.slice(3, 6), 1, (i) => mobile(2, i)),
      ),
    ]);
    expect(statuses(a)).toEqual(['applied', 'rejected', 'applied']);
    expect(statuses(b)).toEqual(['applied', 'applied', 'applied']);
    expect(t.phoneOf(t.persons[1]!.rut)).toBe(t.persons[1]!.phone);
    expect(t.phoneOf(t.persons[2]!.rut)).toBe(mobile(1, 2));
    expect(t.phoneOf(t.persons[5]!.rut)).toBe(mobile(2, 2));
    expect(t.results(fine)).toHaveLength(3);
  });

  it('rolls back a batch that fails and answers it "unavailable" alone; the rest of its group commits', async () => {
    // Any batch's third mutation fails unexpectedly once processed (the disk, say).
    const t = setUp({ failOn: (index) => index === 2 });
    const [failing, short] = [t.device(), t.device()];
    const [a, b] = await Promise.all([
      t.send(
        failing,
        t.phoneChanges(t.persons.slice(0, 4), 1, (i) => mobile(1, i)),
      ),
      t.send(
        short,
        t.phoneChanges(t.persons.slice(4, 6), 1, (i) => mobile(2, i)),
      ),
    ]);
    expect(a.kind).toBe('unavailable');
    // Nothing of it stays: its desk sends it all again, and every id is still new.
    expect(t.results(failing)).toEqual([]);
    for (const person of t.persons.slice(0, 4)) expect(t.phoneOf(person.rut)).toBe(person.phone);
    expect(statuses(b)).toEqual(['applied', 'applied']);
    expect(t.phoneOf(t.persons[5]!.rut)).toBe(mobile(2, 1));
  });
});
