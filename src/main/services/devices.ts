/**
 * Device trust from the desk (issue 11, item 3): a supervisor lists the devices enrolled with
 * the central API and revokes one that was lost, stolen or retired — online, with the
 * supervisor's own session (central-admin.ts). The central API keeps who revoked, when and why;
 * the desk audits the revocation in its own chain too.
 */
import type { DeviceList, RevokedDevice } from '../../shared/contract';
import { formatDateTime } from '../../shared/format';
import {
  adminReason,
  askCentral,
  auditAdminDecision,
  supervisorOnline,
  type CentralSession,
} from './central-admin';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';

export async function listDevices(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
): Promise<DeviceList> {
  const online = supervisorOnline(session, central, 'devices');
  const { devices } = await askCentral(online, session, 'devices', (api, token) =>
    api.devices(token),
  );
  return {
    devices: devices.map((device) => ({ ...device, thisDevice: device.deviceId === ctx.deviceId })),
    at: ctx.now().toISOString(),
  };
}

/**
 * Revokes another device. Audited as soon as the central API confirms it — also when that answer
 * was lost and the same decision asked again (its `decisionId`: the central answers it as the
 * first time); a device someone revoked first (a list gone stale, two supervisors at once) is
 * refused and not audited again.
 */
export async function revokeDevice(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
  { deviceId, reason, decisionId }: { deviceId: string; reason: string; decisionId: string },
): Promise<RevokedDevice> {
  const online = supervisorOnline(session, central, 'devices');
  const why = adminReason(reason);
  if (deviceId === ctx.deviceId) throw new RuleError('device_is_this_one');
  const revoked = await askCentral(online, session, 'devices', (api, token) =>
    api.revokeDevice(token, { deviceId, reason: why, decisionId }),
  );
  if (!revoked.changed) {
    throw new RuleError('device_already_revoked', {
      at: formatDateTime(revoked.revokedAt),
      by: revoked.revokedBy === session.username ? session.displayName : '',
    });
  }
  auditAdminDecision(ctx, session, {
    action: 'device.revoke',
    decisionId,
    before: { deviceId },
    after: { deviceId, revokedAt: revoked.revokedAt },
    reason: why,
  });
  return { deviceId, revokedAt: revoked.revokedAt };
}
