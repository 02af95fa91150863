/**
 * The supervisor's Panel (issue 10): every chart for one range, in one synchronous read.
 * Only supervisors see it; the agents' names come from the replica's agents.
 */
import {
  ADVICE_CAUSES,
  DASHBOARD_TOP_CAUSES,
  type CauseCode,
  type DashboardPanel,
  type DashboardRange,
} from '../../shared/contract';
import { foldIntoSantiagoHours, rangeBounds } from '../domain/dashboard-range';
import type { DashboardRepository } from '../repositories/dashboard-repository';
import type { ServiceContext, Session } from './context';
import { ForbiddenError } from './errors';
import { santiagoDate } from '../../shared/format';

/** Ley 21.719 requests flagged as due soon within this many business days (as their list does). */
const SOON_BUSINESS_DAYS = 2;

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
  // One snapshot: a call closing meanwhile cannot make two charts disagree. Read-only, so
  // deferred: it never waits for a bulk worker's write lock (db/write-turns.ts).
  return ctx.db.$client
    .transaction(() => {
      const byReason = dashboard.callsByReason(window);
      const names = new Map(ctx.repos.agents.list().map((agent) => [agent.id, agent.displayName]));
      return {
        range,
        firstDay: bounds.firstDay,
        lastDay: bounds.lastDay,
        calls: byReason.reduce((sum, row) => sum + row.n, 0),
        visits: dashboard.visits(window),
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
        supervisionByKind: dashboard
          .supervisionByKind(window)
          .map((row) => ({ action: row.action, count: row.n })),
        bulkLoads: dashboard.bulkLoads(window),
        ...topCauses(dashboard.diagnosisCauses(window)),
        syncQueue: {
          ...dashboard.syncQueue(),
          othersPending: ctx.repos.outbox.pendingOf(session.agentId).others,
        },
        dataRequests: dataRequestsByDeadline(ctx, now),
        generatedAt: now.toISOString(),
      };
    })
    .deferred();
}

/**
 * The causes the Panel charts: the most frequent, and how many distinct causes there were.
 * Advice for the caller (ADVICE_CAUSES: «entra con su contraseña de siempre») keeps nobody out,
 * so it is not among why people could not get in.
 */
function topCauses(rows: Array<{ code: string; n: number }>) {
  const blocking = rows.filter((row) => !ADVICE_CAUSES.has(row.code as CauseCode));
  return {
    diagnosisCauses: blocking
      .slice(0, DASHBOARD_TOP_CAUSES)
      .map((row) => ({ code: row.code, persons: row.n })),
    diagnosisCauseCount: blocking.length,
  };
}

/** Open Ley 21.719 requests by deadline: overdue, due within two business days, later. */
function dataRequestsByDeadline(ctx: ServiceContext, now: Date): DashboardPanel['dataRequests'] {
  const groups = ctx.repos.dataRequests.byDeadline(santiagoDate(now), {
    soonBusinessDays: SOON_BUSINESS_DAYS,
  });
  return {
    overdue: groups.overdue.count,
    dueSoon: groups.due_soon.count,
    later: groups.later.count,
    soonBusinessDays: SOON_BUSINESS_DAYS,
    blocksAfterClose: ctx.repos.dataRequests.blocksAfterClose(),
  };
}
