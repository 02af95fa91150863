/**
 * Device trust from the desk (issue 11, item 3): a supervisor lists the devices enrolled with
 * the central API and revokes one that was lost, stolen or retired — online, with the
 * supervisor's own session (central-admin.ts). The central API keeps who revoked, when and why;
 * the desk audits the revocation in its own chain too.
 */
import type { DeviceList } from '../../shared/contract';
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

export async function revokeDevice(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
  deviceId: string,
  reason: string,
): Promise<DeviceList> {
  const online = supervisorOnline(session, central, 'devices');
  const why = adminReason(reason);
  if (deviceId === ctx.deviceId) throw new RuleError('device_is_this_one');
  let revoked: { revokedAt: string };
  let devices: DeviceSummary[];
  try {
    revoked = await online.asAgent(session.agentId, (api, token) =>
      api.revokeDevice(token, deviceId, why),
    );
    devices = (await online.asAgent(session.agentId, (api, token) => api.devices(token))).devices;
  } catch (error) {
    refusal(error, online, 'devices');
  }
  // After the await: one synchronous append, in the agent's chain like every other decision.
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
  return withThisDevice(ctx, devices);
}
