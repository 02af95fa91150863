/**
 * Device trust from the desk (issue 11, item 3): a supervisor lists the devices enrolled with
 * the central API and revokes one that was lost, stolen or retired. Both are asked of the central
 * API with the supervisor's own session: it checks the role again and keeps who revoked, when
 * and why, and the desk audits the revocation in its own chain too. Online only: a revocation
 * that waited in a queue for the network would protect nothing, so it is never queued.
 */
import type { DeviceList } from '../../shared/contract';
import type { DeviceSummary } from '../../shared/sync-protocol';
import { newId } from '../../shared/ids';
import { CentralError, type CentralClient } from '../sync/central-client';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, RuleError } from './errors';

/** What these services need of the sync engine: a call with the agent's central session. */
export type CentralSession = {
  asAgent<T>(
    agentId: string,
    call: (central: CentralClient, token: string) => Promise<T>,
  ): Promise<T>;
  /** The central API said this very device is revoked: the sync learns it at once. */
  kick(): void;
};

const MIN_REASON = 3;

function supervisorOnline(session: Session, central: CentralSession | null): CentralSession {
  if (session.role !== 'supervisor') throw new ForbiddenError('role');
  if (!central) throw new RuleError('devices_need_central');
  return central;
}

/** The central API's refusal or silence, in the words the supervisor reads. */
function refusal(error: unknown, central: CentralSession): never {
  if (!(error instanceof CentralError)) throw error;
  switch (error.kind) {
    case 'unauthorized':
      throw new RuleError('devices_need_session');
    case 'device_revoked':
      central.kick();
      throw new RuleError('device_revoked');
    case 'bad_response':
      if (error.code === 'forbidden') throw new ForbiddenError('role');
      if (error.code === 'device_not_found') throw new RuleError('device_not_found');
      throw new RuleError('devices_offline');
    default:
      // No answer, a server that asks for patience, an old client: nothing was changed.
      throw new RuleError('devices_offline');
  }
}

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
  const online = supervisorOnline(session, central);
  try {
    const answer = await online.asAgent(session.agentId, (api, token) => api.devices(token));
    return withThisDevice(ctx, answer.devices);
  } catch (error) {
    refusal(error, online);
  }
}

export async function revokeDevice(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
  deviceId: string,
  reason: string,
): Promise<DeviceList> {
  const online = supervisorOnline(session, central);
  const why = reason.trim();
  if (why.length < MIN_REASON) throw new RuleError('reason_required');
  if (deviceId === ctx.deviceId) throw new RuleError('device_is_this_one');
  let revoked: { revokedAt: string };
  let devices: DeviceSummary[];
  try {
    revoked = await online.asAgent(session.agentId, (api, token) =>
      api.revokeDevice(token, deviceId, why),
    );
    devices = (await online.asAgent(session.agentId, (api, token) => api.devices(token))).devices;
  } catch (error) {
    refusal(error, online);
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
