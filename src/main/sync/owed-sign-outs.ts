/**
 * Sign-outs the central API did not hear. «Salir» while it could not be reached ended the session
 * on this desk only: the central kept it live, listed under «Equipos inscritos» as a session of
 * this device and usable with its refresh token, until it expired days later. The refresh token
 * is kept in the replica's sync_state (encrypted at rest with the rest of it), with the address
 * of the central API that issued it, until that central answers its sign-out — the next time it
 * is reached — and then dropped. Sign-out is idempotent there: one already ended, or expired, is
 * answered all the same. A token is never sent to another address (the desk moved to another
 * central API): it is dropped instead, and expires where it was issued.
 */
import type Database from 'better-sqlite3';
import { CentralError } from './central-client';

const KEY = 'sign_outs_owed';
/** Enough for a shift's worth of offline sign-outs; the oldest go first beyond it. */
const MAX_OWED = 20;

type Owed = { url: string; token: string };

const isOwed = (value: unknown): value is Owed =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Owed).url === 'string' &&
  typeof (value as Owed).token === 'string';

export function createOwedSignOuts(
  sqlite: Database.Database,
  log: (message: string, error?: unknown) => void = () => {},
) {
  const get = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const set = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const drop = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
  const read = (): Owed[] => {
    const text = get.get(KEY) as string | undefined;
    if (!text) return [];
    try {
      const list: unknown = JSON.parse(text);
      return Array.isArray(list) ? list.filter(isOwed) : [];
    } catch {
      return [];
    }
  };
  const write = (owed: Owed[]) => {
    if (owed.length === 0) drop.run(KEY);
    else set.run(KEY, JSON.stringify(owed.slice(-MAX_OWED)));
  };
  const without = (token: string) => write(read().filter((owed) => owed.token !== token));
  let delivering: Promise<void> | null = null;

  return {
    /** A sign-out that got no answer from the central API at `url`: owed until it is reached. */
    owe(url: string, refreshToken: string): void {
      const owed = read();
      if (!owed.some((o) => o.token === refreshToken))
        write([...owed, { url, token: refreshToken }]);
    },

    /** How many are owed (for tests and support). */
    count: (): number => read().length,

    /**
     * Sends every sign-out owed to the central API at `url`; each answered one (ended, or already
     * gone) is dropped, and so is one owed to another address. One that gets no answer, or a
     * server asking for patience, stays for the next time.
     */
    deliver(url: string, signOut: (refreshToken: string) => Promise<unknown>): Promise<void> {
      delivering ??= (async () => {
        for (const { url: issuer, token } of read()) {
          if (issuer === url) {
            try {
              await signOut(token);
            } catch (error) {
              if (
                error instanceof CentralError &&
                ['network', 'unavailable'].includes(error.kind)
              ) {
                continue;
              }
              log('an owed sign-out was refused; dropped', error);
            }
          }
          if (!sqlite.open) return; // the desk closed meanwhile
          without(token);
        }
      })()
        // Never a rejection nobody awaits: what could not be done stays owed.
        .catch((error: unknown) => log('owed sign-outs could not be sent', error))
        .finally(() => {
          delivering = null;
        });
      return delivering;
    },
  };
}
