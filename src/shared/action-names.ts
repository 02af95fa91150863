/**
 * An action's name in the audit, Llamadas, the Panel and the lists of queued actions, where the
 * wire's kind says less than what was done: a company's change of a user travels as
 * `company_user.change` with the change in its payload, a request's decision as `request.decide`
 * with the decision. Each is audited and listed under its own name, with its own label.
 */
import { COMPANY_USER_CHANGES, type CompanyUserChange } from './rules/membership-transitions';

/** `company_user.pause`…: what the company asked for, in its portal's words. */
export function companyUserAuditAction(
  change: CompanyUserChange,
): `company_user.${CompanyUserChange}` {
  return `company_user.${change}`;
}

/** `request.approve` or `request.reject`: how a Portal Empresas request was decided. */
export function requestDecisionAction(
  decision: 'approve' | 'reject',
): `request.${'approve' | 'reject'}` {
  return `request.${decision}`;
}

/** A queued action's name as the audit gives it, from its kind and its intent's payload. */
export function queuedActionName(
  kind: string,
  payload: { change?: unknown; decision?: unknown },
): string {
  const { change, decision } = payload;
  if (
    kind === 'company_user.change' &&
    typeof change === 'string' &&
    Object.hasOwn(COMPANY_USER_CHANGES, change)
  ) {
    return companyUserAuditAction(change as CompanyUserChange);
  }
  if (kind === 'request.decide' && (decision === 'approve' || decision === 'reject')) {
    return requestDecisionAction(decision);
  }
  return kind;
}
