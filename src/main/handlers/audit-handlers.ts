/**
 * The Auditoría: the hash-chained log listed, exported and verified, registered beside the
 * others in core.ts.
 */
import type { z } from 'zod';
import type { contract } from '../../shared/contract';
import { santiagoDayEnd, santiagoDayStart } from '../../shared/format';
import { loginRut, readRut, rutFromBody } from '../../shared/rut';
import type { Handlers } from '../core';
import { exportAudit, listAudit, verifyAudit } from '../services/audit-log';
import type { ServiceContext, Session } from '../services/context';

type Deps = { context: ServiceContext; agent: () => Session };

type AuditChannel = 'audit.list' | 'audit.export' | 'audit.verify';

/** The Auditoría's filter as the contract takes it → as the service takes it. */
function auditFilter(input: Omit<z.output<(typeof contract)['audit.export']['input']>, 'format'>) {
  return {
    personRut: input.personRut === null ? null : readRut(input.personRut)!.body,
    agentId: input.agentId,
    action: input.action,
    from: input.from === null ? null : santiagoDayStart(input.from).toISOString(),
    to: input.to === null ? null : santiagoDayEnd(input.to).toISOString(),
    excludeViews: !input.includeViews,
  };
}

export function auditHandlers({ context, agent }: Deps): Pick<Handlers, AuditChannel> {
  return {
    'audit.list': (input) => {
      const page = listAudit(context, agent(), auditFilter(input), input.offset, input.limit);
      return {
        total: page.total,
        events: page.events.map((event) => ({
          seq: event.seq,
          id: event.id,
          at: event.at,
          agentId: event.agentId,
          deviceId: event.deviceId,
          personRut: event.personRut === null ? null : loginRut(rutFromBody(event.personRut)),
          personName: event.personName,
          company: event.company,
          caller: event.caller,
          agentKind: event.agentKind,
          action: event.action,
          before: event.before,
          after: event.after,
          reason: event.reason,
          identityCheck: event.identityCheck,
          interactionId: event.interactionId,
          hash: event.hash,
        })),
      };
    },
    'audit.export': (input) => exportAudit(context, agent(), auditFilter(input), input.format),
    'audit.verify': () => verifyAudit(context, agent()),
  };
}
