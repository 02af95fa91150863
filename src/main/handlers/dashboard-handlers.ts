/** The supervisor's Panel (issue 10), registered beside the others in core.ts. */
import type { Handlers } from '../core';
import { createDashboardRepository } from '../repositories/dashboard-repository';
import type { ServiceContext, Session } from '../services/context';
import { dashboardPanel } from '../services/dashboard';

type Deps = { context: ServiceContext; agent: () => Session };

export function dashboardHandlers({ context, agent }: Deps): Pick<Handlers, 'dashboard.panel'> {
  const dashboard = createDashboardRepository(context.db.$client);
  return {
    'dashboard.panel': (input) => dashboardPanel(context, dashboard, agent(), input.range),
  };
}
