/**
 * `npm run central -- --data-dir D --revoke-device ID [--reason R]`: revokes a device straight in
 * the central database (a running server sees it at the device's next request: the check reads
 * the table every time). Only an existing database is touched; nothing is created.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CENTRAL_DATABASE_FILE, openCentralDatabase } from './database';
import { createDeviceTrust } from './device-trust';

export type RevokeCliOutcome =
  | { ok: true; revoked: { deviceId: string; revokedAt: string; revokedBy: string } }
  | { ok: false; message: string };

export function revokeFromCommandLine(
  dataDir: string,
  deviceId: string,
  reason: string | null,
  now: () => Date = () => new Date(),
): RevokeCliOutcome {
  if (!z.string().uuid().safeParse(deviceId).success) {
    return { ok: false, message: `Identidad de equipo inválida: ${deviceId}. Debe ser un UUID.` };
  }
  if (!fs.existsSync(path.join(dataDir, CENTRAL_DATABASE_FILE))) {
    return { ok: false, message: `No hay una base central en ${dataDir}.` };
  }
  const { db } = openCentralDatabase({ dataDir, demoPersons: 0, now: now(), resetEpoch: false });
  try {
    db.$client.pragma('busy_timeout = 5000');
    const revoked = createDeviceTrust(db.$client, now).revoke(
      deviceId,
      'línea de comandos',
      reason,
    );
    if (!revoked)
      return { ok: false, message: `No hay un equipo inscrito con el número ${deviceId}.` };
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
