/**
 * The supervisor's Panel (issue 10): every chart for one range, in one synchronous read.
 * Only supervisors see it; the agents' names come from the replica's agents.
 */
import type { DashboardPanel, DashboardRange } from '../../shared/contract';
import { foldIntoSantiagoHours, rangeBounds } from '../domain/dashboard-range';
import type { DashboardRepository } from '../repositories/dashboard-repository';
import type { ServiceContext, Session } from './context';
import { ForbiddenError } from './errors';

/** Supervisors only: the Panel shows every agent's work. */
export function seesDashboard(role: Session['role']): boolean {
  return role === 'supervisor';
}

export function dashboardPanel(
  ctx: ServiceContext,
  dashboard: DashboardRepository,
  session: Session,
  range: DashboardRange,
): DashboardPanel {
  if (!seesDashboard(session.role)) throw new ForbiddenError('role');
  const now = ctx.now();
  const bounds = rangeBounds(range, now);
  const window = { from: bounds.from, to: bounds.to };
  // One snapshot: a call closing meanwhile cannot make two charts disagree.
  return ctx.db.$client.transaction(() => {
    const byReason = dashboard.callsByReason(window);
    const names = new Map(ctx.repos.agents.list().map((agent) => [agent.id, agent.displayName]));
    return {
      range,
      firstDay: bounds.firstDay,
      lastDay: bounds.lastDay,
      calls: byReason.reduce((sum, row) => sum + row.n, 0),
      callsByReason: byReason.map((row) => ({ reason: row.reason, count: row.n })),
      callsByHour: foldIntoSantiagoHours(dashboard.callsByUtcHour(window), window),
      outcomes: dashboard.outcomes(window).map((row) => ({ outcome: row.outcome, count: row.n })),
      actionsByKind: dashboard
        .actionsByKind(window)
        .map((row) => ({ action: row.action, count: row.n })),
      actionsByAgent: dashboard.actionsByAgent(window).map((row) => ({
        agentId: row.agent_id,
        agentName: names.get(row.agent_id) ?? null,
        count: row.n,
      })),
      diagnosisCauses: dashboard
        .diagnosisCauses(window)
        .map((row) => ({ code: row.code, persons: row.n })),
      syncQueue: dashboard.syncQueue(),
      generatedAt: now.toISOString(),
    };
  })();
}
