/** An action's name where the wire's kind says less than what was done (action-names.ts). */
import { describe, expect, it } from 'vitest';
import {
  companyUserAuditAction,
  queuedActionName,
  requestDecisionAction,
} from '../../src/shared/action-names';
import { actionLabels, syncKindLabels } from '../../src/shared/messages';
import { COMPANY_USER_CHANGE_KINDS } from '../../src/shared/rules/membership-transitions';

describe('action names', () => {
  it('names a company’s change of a user in its portal’s words, with a label of its own', () => {
    for (const change of COMPANY_USER_CHANGE_KINDS) {
      expect(actionLabels[companyUserAuditAction(change)], change).toMatch(
        /a pedido de la empresa$/,
      );
      expect(syncKindLabels[companyUserAuditAction(change)], change).toMatch(/por la empresa$/);
      // A queued change is listed under the same name.
      expect(queuedActionName('company_user.change', { change })).toBe(
        companyUserAuditAction(change),
      );
    }
  });

  it('names a request’s decision: approved or rejected, not «resolved»', () => {
    expect(actionLabels[requestDecisionAction('approve')]).toBe(
      'Aprobó una solicitud de acceso a Portal Empresas',
    );
    expect(actionLabels[requestDecisionAction('reject')]).toBe(
      'Rechazó una solicitud de acceso a Portal Empresas',
    );
    expect(queuedActionName('request.decide', { decision: 'reject' })).toBe('request.reject');
    expect(syncKindLabels['request.approve']).toBeDefined();
  });

  it('keeps the kind for anything else, or a payload it does not know', () => {
    for (const change of ['drop_table', 'constructor', undefined]) {
      expect(queuedActionName('company_user.change', { change })).toBe('company_user.change');
    }
    expect(queuedActionName('request.decide', { decision: 'maybe' })).toBe('request.decide');
    expect(queuedActionName('membership.pause', { change: 'pause' })).toBe('membership.pause');
  });
});
