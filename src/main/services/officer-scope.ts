/**
 * Scope follows assignments, from the desk (issue 11, item 1): a supervisor sees which
 * prevention officers hold a company and assigns it to one or takes it from one, with a reason
 * — online, with the supervisor's own session (central-admin.ts). The central API records the
 * change (agent_scope_events) and the officer's laptop follows it at its next sync; the desk
 * audits it in its own chain too.
 */
import type { CompanyOfficers, OfficerChange } from '../../shared/contract';
import type { OfficerSummary } from '../../shared/sync-protocol';
import {
  adminReason,
  askCentral,
  auditAdminDecision,
  supervisorOnline,
  type CentralSession,
} from './central-admin';
import type { ServiceContext, Session } from './context';

/** Every officer, and whether this company is one of his. */
function forCompany(ctx: ServiceContext, officers: OfficerSummary[], companyRut: number) {
  return {
    officers: officers.map((officer) => ({
      username: officer.username,
      displayName: officer.displayName,
      active: officer.active,
      assigned: officer.companyRuts.includes(companyRut),
      companies: officer.companyRuts.length,
    })),
    at: ctx.now().toISOString(),
  } satisfies CompanyOfficers;
}

export async function listOfficers(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
  companyRut: number,
): Promise<CompanyOfficers> {
  const online = supervisorOnline(session, central, 'officers');
  const { officers } = await askCentral(online, session, 'officers', (api, token) =>
    api.officers(token),
  );
  return forCompany(ctx, officers, companyRut);
}

/**
 * Gives the company to an officer or takes it from him. Audited as soon as the central API
 * confirms a change; one that was already so (another supervisor was first) changes nothing and
 * is not audited, and the screen says so.
 */
export async function assignOfficer(
  ctx: ServiceContext,
  session: Session,
  central: CentralSession | null,
  change: {
    companyRut: number;
    username: string;
    assigned: boolean;
    reason: string;
    /** The dialog's id of this decision: asked again after a lost answer, it is answered alike. */
    decisionId: string;
  },
): Promise<OfficerChange> {
  const online = supervisorOnline(session, central, 'officers');
  const reason = adminReason(change.reason);
  const answer = await askCentral(online, session, 'officers', (api, token) =>
    api.assignScope(token, {
      username: change.username,
      companyRut: change.companyRut,
      assigned: change.assigned,
      reason,
      decisionId: change.decisionId,
    }),
  );
  if (answer.changed) {
    auditAdminDecision(ctx, session, {
      action: change.assigned ? 'scope.assign' : 'scope.unassign',
      decisionId: change.decisionId,
      before: null,
      after: {
        officer: answer.displayName ?? change.username,
        username: change.username,
        companyRut: change.companyRut,
      },
      reason,
    });
  }
  return { changed: answer.changed };
}
