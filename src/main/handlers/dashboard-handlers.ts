/**
 * The supervisor's Panel and the Llamadas list's count (issue 10), registered beside the others
 * in core.ts.
 */
import { santiagoDayEnd, santiagoDayStart } from '../../shared/format';
import { readRut } from '../../shared/rut';
import type { Handlers } from '../core';
import { createDashboardRepository } from '../repositories/dashboard-repository';
import type { ServiceContext, Session } from '../services/context';
import { dashboardPanel } from '../services/dashboard';
import { countInteractions, type InteractionListFilter } from '../services/interactions';

type Deps = { context: ServiceContext; agent: () => Session };

type DashboardChannel = 'dashboard.panel' | 'interactions.count';

/** The Llamadas list's filter as the contract takes it → as the service takes it. */
export function callFilter(input: {
  rut: string | null;
  agentId: string | null;
  from: string | null;
  to: string | null;
}): InteractionListFilter {
  return {
    personRut: input.rut === null ? null : readRut(input.rut)!.body,
    agentId: input.agentId,
    from: input.from === null ? null : santiagoDayStart(input.from).toISOString(),
    to: input.to === null ? null : santiagoDayEnd(input.to).toISOString(),
  };
}

export function dashboardHandlers({ context, agent }: Deps): Pick<Handlers, DashboardChannel> {
  const dashboard = createDashboardRepository(context.db.$client);
  return {
    'dashboard.panel': (input) => dashboardPanel(context, dashboard, agent(), input.range),
    'interactions.count': (input) => ({
      total: countInteractions(context, agent(), callFilter(input)),
    }),
  };
}
