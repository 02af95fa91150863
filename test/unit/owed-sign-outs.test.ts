import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/db/connection';
import { CentralError } from '../../src/main/sync/central-client';
import { createOwedSignOuts } from '../../src/main/sync/owed-sign-outs';

const CENTRAL = 'https://central.ejemplo.cl';

function owedSignOuts() {
  const sqlite = openSqlite(':memory:');
  sqlite.exec('CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  return Object.assign(createOwedSignOuts(sqlite), { sqlite });
}

describe('owed sign-outs', () => {
  it('keeps one unanswered, or asked to wait, and drops one answered or refused', async () => {
    const owed = owedSignOuts();
    for (const token of ['a', 'b', 'c', 'd', 'a']) owed.owe(CENTRAL, token);
    expect(owed.count()).toBe(4);
    const sent: string[] = [];
    await owed.deliver(CENTRAL, async (token) => {
      sent.push(token);
      if (token === 'a') throw new CentralError('network', 'sin respuesta');
      if (token === 'b') throw new CentralError('unavailable', '503');
      if (token === 'c') throw new CentralError('unauthorized', 'token desconocido');
      return { signedOut: true };
    });
    expect(sent).toEqual(['a', 'b', 'c', 'd']);
    expect(owed.count()).toBe(2);
    await owed.deliver(CENTRAL, async () => ({ signedOut: false }));
    expect(owed.count()).toBe(0);
  });

  it('never sends a token to another central API than the one that issued it', async () => {
    const owed = owedSignOuts();
    owed.owe('https://antigua.ejemplo.cl', 'old');
    owed.owe(CENTRAL, 'new');
    const sent: string[] = [];
    await owed.deliver(CENTRAL, async (token) => {
      sent.push(token);
    });
    expect(sent).toEqual(['new']);
    // The other address's cannot be delivered from here any more: dropped, not kept for ever.
    expect(owed.count()).toBe(0);
  });

  it('keeps the latest twenty', () => {
    const owed = owedSignOuts();
    for (let i = 0; i < 25; i++) owed.owe(CENTRAL, `t${i}`);
    expect(owed.count()).toBe(20);
  });

  it('a desk closing while one is on its way rejects nothing', async () => {
    const owed = owedSignOuts();
    owed.owe(CENTRAL, 'a');
    owed.owe(CENTRAL, 'b');
    const sent: string[] = [];
    await expect(
      owed.deliver(CENTRAL, async (token) => {
        sent.push(token);
        owed.sqlite.close();
      }),
    ).resolves.toBeUndefined();
    expect(sent).toEqual(['a']);
  });

  it('sends each once when asked twice at the same time', async () => {
    const owed = owedSignOuts();
    owed.owe(CENTRAL, 'a');
    const sent: string[] = [];
    const send = async (token: string) => {
      sent.push(token);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await Promise.all([owed.deliver(CENTRAL, send), owed.deliver(CENTRAL, send)]);
    expect(sent).toEqual(['a']);
    expect(owed.count()).toBe(0);
  });
});
