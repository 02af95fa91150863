/**
 * Pipelined push against the real central API on loopback: a lane's next batch is on its way
 * before the answer to the one before, and whatever order the batches arrive in, each action is
 * applied once, in the order of its lane.
 */
import { describe, expect, it } from 'vitest';
import { PUSH_AHEAD } from '../../src/main/sync/sync-engine';
import { editPhone, openDesk, startCentral, startProxy, syncNow } from '../support/sync-setup';

const PEDRO = '12345678-5';
const PHONES = [1, 2, 3, 4, 5, 6].map((n) => `+56 9 1000 000${n}`);

/** What the central holds of this desk's actions, in the order it processed them. */
function processed(central: { db: { $client: import('better-sqlite3').Database } }) {
  return central.db.$client
    .prepare('SELECT mutation_id AS id, status FROM mutation_results ORDER BY rowid')
    .all();
}

describe('pipelined push', () => {
  it('sends the next batches before the answer to the one before; those that overtook it go again in turn', async () => {
    // Three batches of two: all but the first go while it is held.
    expect(PUSH_AHEAD).toBe(2);
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { syncOptions: { batchSize: 2 } });
    await syncNow(desk);
    for (const phone of PHONES) editPhone(desk, PEDRO, phone);

    const pushes = () => proxy.seen.filter((request) => request.path === '/sync/push').length;
    let held = false;
    let sentWhileHeld = 0;
    proxy.setFaults((request) => {
      if (request.path !== '/sync/push' || held) return { kind: 'pass' };
      held = true;
      return {
        kind: 'hold',
        // The first batch waits at the proxy until the next ones have gone past it to the
        // central (or, with a desk that waits for each answer, until it is clear none comes).
        onHeld: (release) => {
          const started = Date.now();
          const wait = setInterval(() => {
            if (pushes() >= 1 + PUSH_AHEAD || Date.now() - started > 1500) {
              clearInterval(wait);
              sentWhileHeld = pushes() - 1;
              setTimeout(release, 100);
            }
          }, 10);
        },
      };
    });

    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0, conflicts: 0 });
    expect(sentWhileHeld).toBe(PUSH_AHEAD);
    // The second and third batches reached the central first: it applied nothing of them (their
    // lane's previous action had not arrived) and the desk sent them again after the first.
    expect(processed(central)).toEqual(
      PHONES.map(() => ({ id: expect.any(Number), status: 'applied' })),
    );
    const ids = (processed(central) as Array<{ id: number }>).map((row) => row.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(6);
    expect(
      central.db.$client.prepare('SELECT phone FROM persons WHERE rut = 12345678').get(),
    ).toEqual({ phone: '+56910000006' });
    expect(
      desk.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'applied'").get(),
    ).toEqual({ n: 6 });
  });
});
