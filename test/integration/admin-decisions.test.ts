/**
 * A supervisor's decision asked again gets its first answer (issue 11): the same agent, the same
 * decision id and the same request; anything else is decided anew. Real central database.
 */
import { describe, expect, it } from 'vitest';
import { createAdminDecisions, DECISION_TTL_MS } from '../../src/central-api/admin-decisions';
import { openCentralDatabase } from '../../src/central-api/database';
import { FIXED_NOW, tempDir } from '../support/context';

function setup() {
  const clock = { now: new Date(FIXED_NOW) };
  const { db } = openCentralDatabase({
    dataDir: tempDir(),
    demoPersons: 0,
    now: clock.now,
    resetEpoch: false,
  });
  const decisions = createAdminDecisions(db.$client, () => clock.now);
  let runs = 0;
  const decide = (answer: string) => () => {
    runs++;
    return { answer, run: runs };
  };
  return { db, clock, decisions, decide, runs: () => runs };
}

const ID = '3f2b8c1a-9d4e-4b7a-8c6d-1e2f3a4b5c6d';

describe('admin decisions', () => {
  it('answers a repeat from storage, and decides anew for another request, agent or id', () => {
    const { decisions, decide, runs } = setup();
    const request = { deviceId: 'd1', reason: 'Robado' };
    const first = decisions.once(ID, 'boss', request, decide('revoked'));
    expect(decisions.once(ID, 'boss', { ...request }, decide('again'))).toEqual(first);
    expect(runs()).toBe(1);
    // The reason changed, another supervisor, another dialog: new decisions.
    decisions.once(ID, 'boss', { ...request, reason: 'Perdido' }, decide('x'));
    decisions.once(ID, 'other', request, decide('y'));
    decisions.once('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'boss', request, decide('z'));
    expect(runs()).toBe(4);
    // No id (an older desk): decided every time.
    decisions.once(undefined, 'boss', request, decide('a'));
    decisions.once(undefined, 'boss', request, decide('b'));
    expect(runs()).toBe(6);
  });

  it('a refusal stores nothing: asked again, it is decided again', () => {
    const { decisions, decide, runs } = setup();
    expect(() =>
      decisions.once(ID, 'boss', {}, () => {
        throw new Error('device_not_found');
      }),
    ).toThrow('device_not_found');
    expect(decisions.once(ID, 'boss', {}, decide('ok'))).toEqual({ answer: 'ok', run: 1 });
    expect(runs()).toBe(1);
  });

  it('keeps an answer a week, then lets it go', () => {
    const { db, clock, decisions, decide } = setup();
    decisions.once(ID, 'boss', {}, decide('first'));
    clock.now = new Date(clock.now.getTime() + DECISION_TTL_MS + 1);
    decisions.once('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'boss', {}, decide('later'));
    expect(db.$client.prepare('SELECT count(*) FROM admin_decisions').pluck().get()).toBe(1);
    expect(decisions.once(ID, 'boss', {}, decide('anew'))).toMatchObject({ answer: 'anew' });
  });
});
