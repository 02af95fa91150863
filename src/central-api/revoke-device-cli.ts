/**
 * `npm run central -- --data-dir D --revoke-device ID [--reason R]`: revokes a device straight in
 * the central database (a running server sees it at the device's next request: the check reads
 * the table every time). Only an existing database is touched; nothing is created. ID is the
 * whole identifier or its first characters as the desk's lists show them (at least 8), as long
 * as they name one device only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CENTRAL_DATABASE_FILE, openCentralDatabase } from './database';
import { createDeviceTrust } from './device-trust';

/** A whole identifier or the start of one (the short id the lists show is its first 8). */
const ID_OR_PREFIX = /^[0-9a-f][0-9a-f-]{7,35}$/;

export type RevokeCliOutcome =
  | { ok: true; revoked: { deviceId: string; revokedAt: string; revokedBy: string } }
  | { ok: false; message: string };

export function revokeFromCommandLine(
  dataDir: string,
  deviceId: string,
  reason: string | null,
  now: () => Date = () => new Date(),
): RevokeCliOutcome {
  const typed = deviceId.trim().toLowerCase();
  if (!ID_OR_PREFIX.test(typed) || (typed.length === 36 && !z.uuid().safeParse(typed).success)) {
    return {
      ok: false,
      message: `Identificador de equipo inválido: ${deviceId}. Escriba el identificador completo (un UUID) o sus primeros 8 caracteres o más, como los muestra la lista de equipos.`,
    };
  }
  if (!fs.existsSync(path.join(dataDir, CENTRAL_DATABASE_FILE))) {
    return { ok: false, message: `No hay una base central en ${dataDir}.` };
  }
  const { db } = openCentralDatabase({ dataDir, demoPersons: 0, now: now(), resetEpoch: false });
  try {
    db.$client.pragma('busy_timeout = 5000');
    const matching = db.$client
      .prepare('SELECT device_id FROM devices WHERE substr(device_id, 1, ?) = ? LIMIT 2')
      .pluck()
      .all(typed.length, typed) as string[];
    if (matching.length > 1) {
      return {
        ok: false,
        message: `Hay más de un equipo cuyo identificador empieza por ${typed}: escriba más caracteres, o el identificador completo.`,
      };
    }
    const revoked =
      matching.length === 1
        ? createDeviceTrust(db.$client, now).revoke(matching[0]!, 'línea de comandos', reason)
        : null;
    if (!revoked) {
      return { ok: false, message: `No hay un equipo inscrito con el identificador ${typed}.` };
    }
    return {
      ok: true,
      revoked: {
        deviceId: revoked.deviceId,
        revokedAt: revoked.revokedAt!,
        revokedBy: revoked.revokedBy!,
      },
    };
  } finally {
    db.$client.close();
  }
}
