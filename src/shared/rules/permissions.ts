/**
 * Who may do what to whom. Enforced by the desk for every action and by the central API for
 * every action it receives; the desk's answers carry its decisions (a record's `can`),
 * so the renderer hides or disables what the agent may not do and says why. Pure.
 */
import type { Role } from '../vocabulary';

export type { Role };

export type AgentScope = {
  role: Role;
  /** Prevention officers: the companies assigned to them (RUT bodies). Ignored for other roles. */
  companyRuts: number[];
  /** Companies where this agent is an access administrator (rule 9), RUT bodies. */
  adminOfCompanyRuts: number[];
  /** The agent's own person, when they are one of a company's people (rules 9, 12). */
  personRut?: number | null;
};

export const ACTIONS = [
  'person.view',
  'contact.edit',
  'account.unlock',
  'registration.clear_block',
  'mail.resend',
  'membership.disable',
  'membership.enable',
  'membership.pause',
  'membership.resume',
  'membership.dismiss',
  'membership.change_role',
  'interaction.manage',
  'audit.browse',
  // Company half (issue 7).
  'company.view',
  'request.manage',
  'company_user.manage',
  // Ley 21.719 requests (issue 10): the 600 line's work (agents, supervisors), not the field's.
  'data_request.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Target = {
  /** Companies (RUT bodies) of the person's memberships, any state. */
  personCompanyRuts: number[];
  /** For membership.* actions: the membership's company. */
  companyRut?: number;
};

/**
 * A person as the target of a decision, with their companies read only if a rule asks for them:
 * only a prevention officer's scope does, so an action of the 600 line skips that read (one
 * query of every action on the desk and of every intent a push applies on the central API).
 */
export function personTarget(readCompanyRuts: () => number[], companyRut?: number): Target {
  let read: number[] | undefined;
  return {
    get personCompanyRuts() {
      return (read ??= readCompanyRuts());
    },
    companyRut,
  };
}

/**
 * `data_blocked`: Ley 21.719 temporary block (issue 10); never decided here, see run-action.
 * `help_desk_only`: rule 2, a registration invalidated for security is cleared by the help desk.
 * `representative_register`: rules 9, 12, the legal representative's access is not another
 * administrator's to take (shieldsRepresentative, company-access.ts); never decided here.
 * `representative_modules`: nor are his modules (the same rule); never decided here.
 * `profile_not_by_change`: rules 12, 13, «Cambiar perfil» has no profile to give this membership
 * (profileChangesFrom, company-access.ts); never decided here.
 * `email_held`: the e-mail shown is another agent's change still waiting on this desk, so a mail
 * to it would be refused (resend-mail.ts, email_change_held); never decided here.
 */
export type DenyReason =
  | 'role'
  | 'out_of_scope'
  | 'not_access_admin'
  | 'data_blocked'
  | 'help_desk_only'
  | 'representative_register'
  | 'profile_not_by_change'
  | 'outsider_not_worker'
  | 'representative_profile'
  | 'representative_modules'
  | 'email_held';
export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

const KNOWN_ACTIONS: ReadonlySet<string> = new Set<string>(ACTIONS);

/** Actions on a person as a whole; a prevention officer needs a shared company. */
const PERSON_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'person.view',
  'contact.edit',
  'account.unlock',
  'mail.resend',
]);

/** Actions on one membership, other than the role change; scoped by the membership's company. */
const MEMBERSHIP_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'membership.disable',
  'membership.enable',
  'membership.pause',
  'membership.resume',
  'membership.dismiss',
]);

/** Rule 9: only an access administrator of that company may change profiles. */
function accessAdminDecision(agent: AgentScope, companyRut: number | undefined): Decision {
  return companyRut !== undefined && agent.adminOfCompanyRuts.includes(companyRut)
    ? ALLOW
    : deny('not_access_admin');
}

function decideAgent(agent: AgentScope, action: Action, target: Target): Decision {
  if (action === 'audit.browse') return deny('role');
  if (action === 'membership.change_role') return accessAdminDecision(agent, target.companyRut);
  return ALLOW;
}

function decidePrevention(agent: AgentScope, action: Action, target: Target): Decision {
  if (action === 'audit.browse') return deny('role');
  // Rule 2: only the help desk clears a registration a wrong serial number invalidated.
  if (action === 'registration.clear_block') return deny('help_desk_only');
  if (action === 'interaction.manage') return ALLOW;
  if (PERSON_ACTIONS.has(action)) {
    const shared = target.personCompanyRuts.some((rut) => agent.companyRuts.includes(rut));
    return shared ? ALLOW : deny('out_of_scope');
  }
  const inScope = target.companyRut !== undefined && agent.companyRuts.includes(target.companyRut);
  if (MEMBERSHIP_ACTIONS.has(action)) return inScope ? ALLOW : deny('out_of_scope');
  // Portal Empresas requests are the 600 line's work, not a field officer's.
  if (action === 'request.manage') return deny('role');
  if (action === 'company.view' || action === 'company_user.manage') {
    return inScope ? ALLOW : deny('out_of_scope');
  }
  if (action === 'membership.change_role') {
    return inScope ? accessAdminDecision(agent, target.companyRut) : deny('out_of_scope');
  }
  return deny('role');
}

/**
 * Decides whether `agent` may perform `action` on `target`. Fails closed: a role or an
 * action outside the declared unions (only reachable through casts) is denied with 'role',
 * for every role, supervisors included.
 */
export function decide(agent: AgentScope, action: Action, target: Target): Decision {
  if (!KNOWN_ACTIONS.has(action)) return deny('role');
  switch (agent.role) {
    case 'supervisor':
      return ALLOW;
    case 'agent':
      return decideAgent(agent, action, target);
    case 'prevention':
      return decidePrevention(agent, action, target);
    default:
      return deny('role');
  }
}
