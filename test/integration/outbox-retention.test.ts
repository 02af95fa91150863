/**
 * The outbox no longer keeps every action for ever (sync/outbox-retention.ts), against the real
 * central API on 127.0.0.1: a confirmed action leaves the desk once the central answered it, and
 * the next action of its lane, APPLIED_KEPT_DAYS ago; what is not confirmed and each lane's newest
 * action stay; the audit trail stays; and the actions that follow still go through in order.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { APPLIED_KEPT_DAYS, PRUNED_AT_KEY } from '../../src/main/sync/outbox-retention';
import { tempDir } from '../support/context';
import {
  actAsync,
  clockAt,
  editPhone,
  openDesk,
  restoreCentral,
  signIn,
  startCentral,
  syncNow,
  type Clock,
} from '../support/sync-setup';

const PEDRO = '12345678-5';
const RICARDO = '12131415-0'; // Los Andes: in the prevention officer's scope too
const ANA = '10203040-0';
const DAY = 86_400_000;
const advance = (clock: Clock, ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

type Row = { actionId: string; state: string; answeredAt: string | null };
const outbox = (desk: Core): Row[] =>
  desk.db.$client
    .prepare(
      `SELECT action_id AS actionId, state, answered_at AS answeredAt FROM outbox ORDER BY seq`,
    )
    .all() as Row[];

/** Edits a phone and answers the new action's id. */
const phoneAction = (desk: Core, rut: string, phone: string): string =>
  editPhone(desk, rut, phone).actionId;

describe('outbox retention', () => {
  it("drops confirmed actions a month after their confirmation, keeping what is not confirmed and each lane's newest", async () => {
    const clock = clockAt();
    const central = await startCentral({ clock });
    const desk = await openDesk(central.url, { clock });
    await syncNow(desk);

    // Day 0: two actions by the agent and one by the officer, all confirmed; one by the
    // supervisor stays in the queue (she hands the desk back before it is sent).
    const a1 = phoneAction(desk, PEDRO, '+56911111111');
    const a2 = phoneAction(desk, PEDRO, '+56922222222');
    await syncNow(desk);
    await signIn(desk, 'prevencion');
    await syncNow(desk);
    const p1 = phoneAction(desk, RICARDO, '+56933333333');
    await syncNow(desk);
    await signIn(desk, 'supervisora');
    const s1 = phoneAction(desk, ANA, '+56944444444');
    await signIn(desk, 'agente');
    await syncNow(desk);
    const confirmedAt = clock.now.toISOString();
    const states = new Map(outbox(desk).map((row) => [row.actionId, row]));
    expect(states.get(a1)).toMatchObject({ state: 'applied', answeredAt: confirmedAt });
    expect(states.get(p1)).toMatchObject({ state: 'applied', answeredAt: confirmedAt });
    expect(states.get(s1)).toMatchObject({ state: 'pending', answeredAt: null });

    // Day 10: one more by the agent, confirmed.
    advance(clock, 10 * DAY);
    await signIn(desk, 'agente');
    const a3 = phoneAction(desk, PEDRO, '+56955555555');
    await syncNow(desk);

    // A day short of the month: nothing goes.
    advance(clock, (APPLIED_KEPT_DAYS - 11) * DAY);
    await signIn(desk, 'agente');
    await syncNow(desk);
    expect(outbox(desk).map((row) => row.actionId)).toEqual([a1, a2, p1, s1, a3]);

    // A month and a day after day 0: the agent's first action goes (the next one was confirmed
    // that long ago too). His second stays: the one after it was confirmed 21 days ago, so a
    // central restored from a backup of before then would be sent that one after it. The
    // officer's stays (his lane's newest), the supervisor's too (not sent).
    advance(clock, 2 * DAY);
    await signIn(desk, 'agente');
    await syncNow(desk);
    expect(outbox(desk).map((row) => row.actionId)).toEqual([a2, p1, s1, a3]);
    expect(
      desk.db.$client
        .prepare('SELECT value FROM sync_state WHERE key = ?')
        .pluck()
        .get(PRUNED_AT_KEY),
    ).toBe(clock.now.toISOString());
    // Its audit event stays: the record of what was done.
    const audited = desk.db.$client
      .prepare('SELECT count(*) FROM audit_events WHERE id = ?')
      .pluck()
      .get(a1);
    expect(audited).toBe(1);

    // The agent's next action follows the one kept, and the central takes it.
    const a4 = phoneAction(desk, PEDRO, '+56966666666');
    const status = await syncNow(desk);
    expect(status.lastError).toBeNull();
    expect(outbox(desk).find((row) => row.actionId === a4)?.state).toBe('applied');
    const phone = central.db.$client
      .prepare('SELECT phone FROM persons WHERE rut = ?')
      .pluck()
      .get(Number(PEDRO.split('-')[0]));
    expect(phone).toBe('+56966666666');

    // Another month on: the agent's actions of days 0 and 10 go, the newest of his lane stays;
    // the officer's stays, the newest of his lane however old.
    advance(clock, (APPLIED_KEPT_DAYS + 1) * DAY);
    await signIn(desk, 'agente');
    await syncNow(desk);
    expect(outbox(desk).map((row) => row.actionId)).toEqual([p1, s1, a4]);
    const a5 = phoneAction(desk, PEDRO, '+56977777777');
    expect((await syncNow(desk)).lastError).toBeNull();
    expect(outbox(desk).find((row) => row.actionId === a5)?.state).toBe('applied');
    // Each applied once on the central.
    const applied = central.db.$client
      .prepare('SELECT count(*) FROM mutation_results WHERE action_id IN (?, ?, ?, ?, ?)')
      .pluck()
      .get(a1, a2, a3, a4, a5);
    expect(applied).toBe(5);
  });

  it('keeps the action a waiting one follows, however old', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock });
    const desk = await openDesk(central.url, { clock });
    await syncNow(desk);
    await signIn(desk, 'supervisora');
    const s0 = phoneAction(desk, ANA, '+56911111111');
    await syncNow(desk);

    // A month on, the supervisor queues another and hands the desk back before it is sent.
    advance(clock, (APPLIED_KEPT_DAYS + 1) * DAY);
    await signIn(desk, 'supervisora');
    const s1 = phoneAction(desk, ANA, '+56922222222');
    await signIn(desk, 'agente');
    await syncNow(desk);
    expect(outbox(desk).map((row) => [row.actionId, row.state])).toEqual([
      [s0, 'applied'],
      [s1, 'pending'],
    ]);

    // Sent later, it follows the action kept: the central takes it, no fork.
    await signIn(desk, 'supervisora');
    const status = await syncNow(desk);
    expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(outbox(desk).find((row) => row.actionId === s1)?.state).toBe('applied');
  });

  it('a central restored from a backup younger than a month is sent again what it forgot', async () => {
    const clock = clockAt();
    const dataDir = tempDir();
    const first = await startCentral({ clock, dataDir });
    const desk = await openDesk(first.url, { clock });
    await syncNow(desk);
    const a1 = phoneAction(desk, PEDRO, '+56911111111');
    await syncNow(desk);

    // Day 29: the central is backed up; half a day later the agent's next action is confirmed.
    advance(clock, 29 * DAY);
    const backup = path.join(tempDir(), 'central.db');
    first.db.$client.prepare('VACUUM INTO ?').run(backup);
    advance(clock, DAY / 2);
    await signIn(desk, 'agente');
    const a2 = phoneAction(desk, PEDRO, '+56922222222');
    await syncNow(desk);

    // Day 31: a1 is a month old, but the action after it is not: a1 stays.
    advance(clock, 1.5 * DAY);
    await signIn(desk, 'supervisora');
    await signIn(desk, 'agente');
    await syncNow(desk);
    expect(outbox(desk).map((row) => row.actionId)).toEqual([a1, a2]);

    // The operator restores the day-29 backup: a2 goes again, after a1.
    await first.close();
    const restored = await restoreCentral(dataDir, backup, clock);
    await signIn(desk, 'supervisora');
    await actAsync(desk, 'sync.configure', {
      centralUrl: restored.url,
      reason: 'Servidor restaurado',
    });
    await signIn(desk, 'agente');
    const status = await syncNow(desk);
    expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    const phone = restored.db.$client
      .prepare('SELECT phone FROM persons WHERE rut = ?')
      .pluck()
      .get(Number(PEDRO.split('-')[0]));
    expect(phone).toBe('+56922222222');
  });
});
