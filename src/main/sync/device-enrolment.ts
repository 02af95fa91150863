/**
 * This device's identity toward the central API (issue 11): its id (in the replica's
 * sync_state, stamped on every audit event) and a secret of its own, made here, sent once at
 * enrolment (the first sign-in) and proven on every later call. The secret is kept like the
 * tokens: wrapped by the OS keychain on the desktop (src/main/desktop/safe-storage-secret-store.ts),
 * an owner-only file in the data folder for the web door and tests. It is stored with the id it
 * belongs to, so a replica restored from a copy never presents another device's secret.
 *
 * A way out of a duplicated device (device_fork), a revoked one, or a secret the central does not
 * recognise: `reenrol` takes a new id and a new secret, starts a fresh snapshot, and keeps the
 * outbox. The central numbers the new device's actions from the first one still pending, and
 * answers an action it already has (same action id) from storage: nothing is lost, nothing
 * applied twice.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { writePrivateFile } from '../db/replica-key';

export type DeviceProof = { deviceId: string; secret: string };

export type DeviceCredentials = DeviceProof & {
  /**
   * The identity this one replaced (`reenrol`), with its secret, until a sign-in has enrolled
   * this one: proving it lets the central list both as the same computer. Forgotten then.
   */
  former?: DeviceProof;
};

export type DeviceSecretStore = {
  load(): DeviceCredentials | null;
  save(credentials: DeviceCredentials | null): void;
};

export const DEVICE_SECRET_FILE = 'device-secret.json';

export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

const isProof = (value: unknown): value is DeviceProof =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as DeviceProof).deviceId === 'string' &&
  typeof (value as DeviceProof).secret === 'string' &&
  /^[A-Za-z0-9_-]{43}$/.test((value as DeviceProof).secret);

/** An owner-only file (web door, tests, development). */
export function fileDeviceSecretStore(file: string): DeviceSecretStore {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        return isProof(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
    save(credentials) {
      if (credentials === null) fs.rmSync(file, { force: true });
      else writePrivateFile(file, `${JSON.stringify(credentials)}\n`);
    },
  };
}

export function memoryDeviceSecretStore(): DeviceSecretStore {
  let kept: DeviceCredentials | null = null;
  return { load: () => kept, save: (next) => (kept = next) };
}

/**
 * Where this desk's outbox stands for the central: the first id it would push (the oldest
 * pending, else the next), and so the id below which it holds every answer — it never sends those
 * again, and says so with each pull (`answered`: the central may drop their stored answers,
 * central-api/results-pruning.ts).
 */
export function createOutboxMarks(sqlite: Database.Database) {
  const firstPending = sqlite
    .prepare("SELECT min(seq) FROM outbox WHERE state = 'pending'")
    .pluck();
  const lastSeq = sqlite.prepare('SELECT max(seq) FROM outbox').pluck();
  const nextMutationId = (): number => {
    const pending = firstPending.get() as number | null;
    if (pending !== null) return pending;
    return ((lastSeq.get() as number | null) ?? 0) + 1;
  };
  return { nextMutationId, answeredThrough: (): number => nextMutationId() - 1 };
}

export function createDeviceEnrolment(sqlite: Database.Database, store: DeviceSecretStore) {
  const getState = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setState = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const marks = createOutboxMarks(sqlite);

  const deviceId = (): string => {
    const id = getState.get('device_id') as string | undefined;
    if (id) return id;
    const fresh = randomUUID();
    setState.run('device_id', fresh);
    return fresh;
  };

  return {
    deviceId,

    /** The secret of the current id, made now if this device has none yet. */
    secret(): string {
      const id = deviceId();
      const stored = store.load();
      if (stored && stored.deviceId === id) return stored.secret;
      const secret = newDeviceSecret();
      store.save({ deviceId: id, secret });
      return secret;
    },

    /** The first outbox id a device enrolled now would push: the oldest pending, else the next. */
    nextMutationId: marks.nextMutationId,

    /** The identity this one replaced, with its secret, until a sign-in enrolled this one. */
    former(): DeviceProof | null {
      const stored = store.load();
      return stored && stored.deviceId === deviceId() && isProof(stored.former)
        ? { deviceId: stored.former.deviceId, secret: stored.former.secret }
        : null;
    },

    /** The central enrolled (or knew) this identity: the former one's secret is not kept. */
    enrolled(): void {
      const stored = store.load();
      if (stored?.former) store.save({ deviceId: stored.deviceId, secret: stored.secret });
    },

    /**
     * A new identity: new id, new secret, and a fresh snapshot at the next pull (the queue is
     * kept). Returns the new id. The caller drops the old sessions and reconnects. The identity
     * it replaces is kept with it until enrolled (`former`); one that was never enrolled
     * itself (re-enrolled again before any sign-in) hands on its own former instead.
     */
    reenrol: (): string => {
      const fresh = randomUUID();
      const secret = newDeviceSecret();
      const stored = store.load();
      const current = getState.get('device_id') as string | undefined;
      const replaced =
        stored && stored.deviceId === current
          ? isProof(stored.former)
            ? stored.former
            : { deviceId: stored.deviceId, secret: stored.secret }
          : null;
      // The secret first: a crash between the two leaves the old id with no usable secret,
      // which the central refuses and the desk answers by re-enrolling again.
      store.save({
        deviceId: fresh,
        secret,
        ...(replaced ? { former: { deviceId: replaced.deviceId, secret: replaced.secret } } : {}),
      });
      sqlite.transaction(() => {
        setState.run('device_id', fresh);
        setState.run('pull_cursor', '');
      })();
      return fresh;
    },
  };
}

export type DeviceEnrolment = ReturnType<typeof createDeviceEnrolment>;
