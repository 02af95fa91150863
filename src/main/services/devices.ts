/**
 * Device trust from the desk (issue 11, item 3): a supervisor lists the devices enrolled with
 * the central API and revokes one that was lost, stolen or retired — online, with the
 * supervisor's own session (central-admin.ts). The central API keeps who revoked, when and why;
 * the desk audits the revocation in its own chain too.
 */
import type { DeviceList, RevokedDevice } from '../../shared/contract';
import { formatDateTime } from '../../shared/format';
import type { DeviceSummary } from '../../shared/sync-protocol';
import { newId } from '../../shared/ids';
import { adminReason, refusal, supervisorOnline, type CentralSession } from './central-admin';
import type { ServiceContext, Session } from './context';
import { RuleError } from './errors';

function withThisDevice(ctx: ServiceContext, devices: DeviceSummary[]): DeviceList {
  return {
    devices: devices.map((device) => ({ ...device, thisDevice: device.deviceId === ctx.deviceId })),
    at: ctx.now().toISOString(),
  };
}

export async function listDevices(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
): Promise<DeviceList> {
  const online = supervisorOnline(session, central, 'devices');
  try {
    const answer = await online.asAgent(session.agentId, (api, token) => api.devices(token));
    return withThisDevice(ctx, answer.devices);
  } catch (error) {
    refusal(error, online, 'devices');
  }
}

/**
 * Revokes another device. Audited as soon as the central API confirms it; a device someone
 * revoked first (a list gone stale, two supervisors at once) is refused and not audited again.
 */
export async function revokeDevice(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
  deviceId: string,
  reason: string,
): Promise<RevokedDevice> {
  const online = supervisorOnline(session, central, 'devices');
  const why = adminReason(reason);
  if (deviceId === ctx.deviceId) throw new RuleError('device_is_this_one');
  let revoked: { revokedAt: string; revokedBy: string; changed: boolean };
  try {
    revoked = await online.asAgent(session.agentId, (api, token) =>
      api.revokeDevice(token, deviceId, why),
    );
  } catch (error) {
    refusal(error, online, 'devices');
  }
  if (!revoked.changed) {
    throw new RuleError('device_already_revoked', {
      at: formatDateTime(revoked.revokedAt),
      by: revoked.revokedBy === session.username ? session.displayName : '',
    });
  }
  ctx.repos.audit.append({
    id: newId(),
    at: ctx.now().toISOString(),
    agentId: session.agentId,
    deviceId: ctx.deviceId,
    personRut: null,
    action: 'device.revoke',
    before: JSON.stringify({ deviceId }),
    after: JSON.stringify({ deviceId, revokedAt: revoked.revokedAt }),
    reason: why,
    identityCheck: null,
    interactionId: null,
  });
  return { deviceId, revokedAt: revoked.revokedAt };
}
