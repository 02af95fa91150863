/**
 * What a supervisor asks of the central API from the desk (issue 11): the devices enrolled with
 * it and their revocation (Sincronización), a company's prevention officers and their
 * assignment (the company page). Registered beside the others in core.ts.
 */
import { readRut } from '../../shared/rut';
import type { Handlers } from '../core';
import type { CentralSession } from '../services/central-admin';
import type { ServiceContext, Session } from '../services/context';
import { listDevices, revokeDevice } from '../services/devices';
import { assignOfficer, listOfficers } from '../services/officer-scope';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** The sync engine, when a central API is configured. */
  central: () => CentralSession | null;
};

type CentralAdminChannel = 'devices.list' | 'devices.revoke' | 'officers.list' | 'officers.assign';

const body = (rut: string) => readRut(rut)!.body;

export function centralAdminHandlers({
  context,
  agent,
  central,
}: Deps): Pick<Handlers, CentralAdminChannel> {
  return {
    'devices.list': () => listDevices(context, agent(), central()),
    'devices.revoke': (input) => revokeDevice(context, agent(), central(), input),
    'officers.list': (input) => listOfficers(context, agent(), central(), body(input.companyRut)),
    'officers.assign': (input) =>
      assignOfficer(context, agent(), central(), { ...input, companyRut: body(input.companyRut) }),
  };
}
