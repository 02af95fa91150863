/**
 * Device trust on the Sincronización screen (issue 11): a supervisor's list of the devices
 * enrolled with the central API, and a revocation. Registered beside the others in core.ts.
 */
import type { Handlers } from '../core';
import type { ServiceContext, Session } from '../services/context';
import { listDevices, revokeDevice, type CentralSession } from '../services/devices';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** The sync engine, when a central API is configured. */
  central: () => CentralSession | null;
};

export function deviceHandlers({
  context,
  agent,
  central,
}: Deps): Pick<Handlers, 'devices.list' | 'devices.revoke'> {
  return {
    'devices.list': () => listDevices(context, agent(), central()),
    'devices.revoke': (input) =>
      revokeDevice(context, agent(), central(), input.deviceId, input.reason),
  };
}
