/**
 * Device trust on the central API. A device enrols at its first sign-in with a secret it made
 * itself (32 random bytes); only the secret's sha256 is kept. Every later call proves it by
 * sending the secret in `X-Device-Secret`.
 *
 * Why the secret itself and not an HMAC of each request: the central would then have to keep a
 * key able to verify, i.e. the secret (or something as good as it), which a leaked database
 * would give away; and an HMAC needs timestamps against replays, while these laptops' clocks are
 * days off. The secret travels only where passwords and tokens already travel: HTTPS, or plain
 * HTTP to this same machine (the desk refuses any other address, see core.ts).
 *
 * A revoked device is refused everywhere (403 `device_revoked`), and only a caller who proves
 * the secret is told so: that is how a revoked laptop learns to wipe its replica.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DeviceSummary } from '../shared/sync-protocol';
import { CONTACT_NOTED_MS } from '../shared/policy';

export const DEVICE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export type DeviceCheck = 'trusted' | 'revoked' | 'unknown' | 'mismatch';

export type DeviceRow = {
  deviceId: string;
  enrolledAt: string;
  enrolledBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  pulledSeq: number | null;
  pulledAt: string | null;
};

type Raw = {
  device_id: string;
  secret_hash: string;
  enrolled_at: string;
  enrolled_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  pulled_seq: number | null;
  pulled_at: string | null;
  revocation_told_at: string | null;
};

export function createDeviceTrust(sqlite: Database.Database, now: () => Date) {
  const byId = sqlite.prepare('SELECT * FROM devices WHERE device_id = ?');
  const all = sqlite.prepare('SELECT * FROM devices ORDER BY enrolled_at, device_id');
  const insert = sqlite.prepare(
    `INSERT INTO devices (device_id, secret_hash, enrolled_at, enrolled_by, former_device_id, name)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const rename = sqlite.prepare(
    'UPDATE devices SET name = ? WHERE device_id = ? AND name IS NOT ?',
  );
  const told = sqlite.prepare(
    `UPDATE devices SET revocation_told_at = ?, revocation_told_known = 1
     WHERE device_id = ? AND revocation_told_at IS NULL`,
  );
  // A device that pushed before device trust existed keeps its numbering (DO NOTHING).
  const insertState = sqlite.prepare(
    `INSERT INTO device_state (device_id, agent_id, last_processed, created_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO NOTHING`,
  );
  const markRevoked = sqlite.prepare(
    `UPDATE devices SET revoked_at = ?, revoked_by = ?, revoke_reason = ?
     WHERE device_id = ? AND revoked_at IS NULL`,
  );
  const dropTokens = sqlite.prepare('DELETE FROM tokens WHERE device_id = ?');
  const dropGrace = sqlite.prepare('DELETE FROM refresh_grace WHERE device_id = ?');
  // Written when the cursor moves, and otherwise at most every CONTACT_NOTED_MS: a desk that
  // polls with nothing new still shows as in contact, without a write per poll.
  const acknowledge = sqlite.prepare(
    `UPDATE devices SET pulled_seq = @seq, pulled_at = @now
     WHERE device_id = @deviceId
       AND (pulled_seq IS NULL OR pulled_seq != @seq OR pulled_at IS NULL OR pulled_at < @stale)`,
  );

  // One pass over the live sessions (tokens_device keeps it to the tokens that exist), not one
  // per device; an agent no longer active holds none. A revocation by a supervisor names her
  // (revoked_by holds her username); one from the command line names nobody.
  const summaries = sqlite.prepare(
    `WITH sessions AS (
       SELECT t.device_id, json_group_array(DISTINCT a.display_name) AS names,
              max(t.created_at) AS latest
       FROM tokens t JOIN agents a ON a.id = t.agent_id
       WHERE t.kind = 'refresh' AND t.expires_at > @now AND a.active = 1
       GROUP BY t.device_id)
     SELECT d.device_id, d.enrolled_at, enrolled.display_name AS enrolled_by,
            nullif(max(coalesce(s.last_seen_at, ''), coalesce(d.pulled_at, ''),
                       coalesce(sessions.latest, '')), '') AS last_contact_at,
            coalesce(sessions.names, '[]') AS signed_in,
            d.revoked_at, revoker.display_name AS revoked_by,
            d.revoke_reason, d.former_device_id, d.name, d.revocation_told_at,
            d.revocation_told_known,
            (SELECT n.device_id FROM devices n WHERE n.former_device_id = d.device_id
             ORDER BY n.enrolled_at DESC LIMIT 1) AS next_device_id
     FROM devices d
     LEFT JOIN agents enrolled ON enrolled.id = d.enrolled_by
     LEFT JOIN agents revoker ON revoker.username = d.revoked_by
     LEFT JOIN device_state s ON s.device_id = d.device_id
     LEFT JOIN sessions ON sessions.device_id = d.device_id
     ORDER BY d.revoked_at IS NOT NULL, coalesce(d.revoked_at, last_contact_at) DESC,
              d.device_id`,
  );

  const toRow = (raw: Raw): DeviceRow => ({
    deviceId: raw.device_id,
    enrolledAt: raw.enrolled_at,
    enrolledBy: raw.enrolled_by,
    revokedAt: raw.revoked_at,
    revokedBy: raw.revoked_by,
    revokeReason: raw.revoke_reason,
    pulledSeq: raw.pulled_seq,
    pulledAt: raw.pulled_at,
  });

  const matches = (raw: Raw, secret: string | undefined) => {
    if (secret === undefined || !DEVICE_SECRET_PATTERN.test(secret)) return false;
    return timingSafeEqual(Buffer.from(raw.secret_hash, 'hex'), sha256(secret));
  };

  /** What a call presenting this device id and secret is. */
  const check = (deviceId: string, secret: string | undefined): DeviceCheck => {
    const raw = byId.get(deviceId) as Raw | undefined;
    if (!raw) return 'unknown';
    if (!matches(raw, secret)) return 'mismatch';
    return raw.revoked_at === null ? 'trusted' : 'revoked';
  };

  return {
    check,

    /**
     * First sign-in of a device: keeps the secret's hash, and starts its action numbering at
     * `nextMutationId` (a desk that re-enrolled keeps its outbox and its numbers). `former`: the
     * identity it had before, kept only when its secret proves it (revoked or not: a duplicate's
     * is still in use). Inside the caller's transaction.
     */
    enrol(
      deviceId: string,
      secret: string,
      agentId: string,
      nextMutationId: number,
      former: { deviceId: string; secret: string } | null = null,
      name: string | null = null,
    ): void {
      const at = now().toISOString();
      const formerProven =
        former !== null &&
        former.deviceId !== deviceId &&
        ['trusted', 'revoked'].includes(check(former.deviceId, former.secret));
      insert.run(
        deviceId,
        sha256(secret).toString('hex'),
        at,
        agentId,
        formerProven ? former.deviceId : null,
        name,
      );
      insertState.run(deviceId, agentId, Math.max(0, nextMutationId - 1), at, at);
    },

    /**
     * Revokes a device and every session it holds; null when there is no such device. A device
     * already revoked keeps its first revocation (who, when, why): `changed` is false.
     */
    revoke: sqlite.transaction(
      (
        deviceId: string,
        by: string,
        reason: string | null,
      ): (DeviceRow & { changed: boolean }) | null => {
        const raw = byId.get(deviceId) as Raw | undefined;
        if (!raw) return null;
        const changed = markRevoked.run(now().toISOString(), by, reason, deviceId).changes > 0;
        dropTokens.run(deviceId);
        dropGrace.run(deviceId);
        return { ...toRow(byId.get(deviceId) as Raw), changed };
      },
    ),

    /**
     * A revoked device that proved its secret was answered `device_revoked`, and wipes its replica
     * on hearing it: the first time is kept for the supervisor's list. Called only where that
     * answer is given (a sign-out, say, answers otherwise and tells it nothing).
     */
    told(deviceId: string): void {
      told.run(now().toISOString(), deviceId);
    },

    /** The computer's name its desk gave at a sign-in (a desk too old to give one keeps its). */
    named(deviceId: string, name: string | undefined): void {
      if (name !== undefined) rename.run(name, deviceId, name);
    },

    /** The change-log position a device has acknowledged (the cursor it sent back). */
    acknowledge(deviceId: string, seq: number): void {
      const at = now();
      acknowledge.run({
        seq,
        now: at.toISOString(),
        deviceId,
        stale: new Date(at.getTime() - CONTACT_NOTED_MS).toISOString(),
      });
    },

    get(deviceId: string): DeviceRow | null {
      const raw = byId.get(deviceId) as Raw | undefined;
      return raw ? toRow(raw) : null;
    },

    list(): DeviceRow[] {
      return (all.all() as Raw[]).map(toRow);
    },

    /** Every enrolled device as a supervisor reads the list (GET /admin/devices). */
    summaries(): DeviceSummary[] {
      const rows = summaries.all({ now: now().toISOString() }) as Array<{
        device_id: string;
        enrolled_at: string;
        enrolled_by: string | null;
        last_contact_at: string | null;
        signed_in: string;
        revoked_at: string | null;
        revoked_by: string | null;
        revoke_reason: string | null;
        former_device_id: string | null;
        next_device_id: string | null;
        name: string | null;
        revocation_told_at: string | null;
        revocation_told_known: number;
      }>;
      return rows.map((row) => ({
        deviceId: row.device_id,
        enrolledAt: row.enrolled_at,
        enrolledBy: row.enrolled_by,
        lastContactAt: row.last_contact_at,
        // A revoked device's sessions were dropped with it.
        signedIn: (JSON.parse(row.signed_in) as string[]).sort((a, b) => a.localeCompare(b, 'es')),
        revokedAt: row.revoked_at,
        revokedBy: row.revoked_by,
        revokeReason: row.revoke_reason,
        formerDeviceId: row.former_device_id,
        nextDeviceId: row.next_device_id,
        name: row.name,
        revocationToldAt: row.revocation_told_at,
        revocationToldKnown: row.revocation_told_known === 1,
      }));
    },
  };
}

export type DeviceTrust = ReturnType<typeof createDeviceTrust>;
