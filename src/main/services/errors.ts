/**
 * Why a call was refused, as values `dispatch` turns into an envelope with a Spanish message.
 * Thrown inside a transaction, any of them rolls back everything the action had written.
 */
import type { DenyReason } from '../domain/permissions';

export class NotFoundError extends Error {
  constructor(
    readonly subject: 'person' | 'interaction' | 'sync_issue' | 'company' | 'bulk_batch',
  ) {
    super(`${subject} not found`);
  }
}

export class UnauthorizedError extends Error {
  constructor() {
    super('not signed in');
  }
}

export class ForbiddenError extends Error {
  constructor(readonly reason: DenyReason) {
    super(`forbidden: ${reason}`);
  }
}

/** The record changed since the agent saw it. */
export class StaleError extends Error {
  constructor() {
    super('stale');
  }
}

export type RuleCode =
  | 'sign_in_failed'
  | 'offline_sign_in_unavailable'
  | 'invalid_central_url'
  | 'not_locked'
  | 'not_registration_blocked'
  | 'no_email'
  | 'cooldown'
  | 'mail_not_applicable'
  | 'identity_required'
  | 'identity_fact_unavailable'
  | 'reason_required'
  | 'invalid_email'
  | 'invalid_phone'
  | 'no_change'
  | 'no_account'
  | 'no_membership'
  | 'invalid_transition'
  | 'interaction_open'
  | 'interaction_closed'
  | 'screen_unlock_failed'
  | 'screen_unlock_exhausted'
  | 'screen_not_locked'
  // Company half (issue 7).
  | 'company_not_adherent'
  | 'requester_not_signatory'
  | 'request_decided'
  | 'request_pending'
  | 'caller_not_authorized'
  | 'caller_identity_required'
  | 'new_person_required'
  | 'already_user'
  | 'company_not_on_empresas'
  // Bulk loads (issue 8).
  | 'bulk_file'
  | 'bulk_preview_gone'
  | 'bulk_busy'
  | 'bulk_nothing_to_apply'
  | 'bulk_not_undoable'
  | 'bulk_not_interrupted'
  | 'bulk_company_unknown';

/** A domain rule refused the action; `params` fill its message. */
export class RuleError extends Error {
  constructor(
    readonly code: RuleCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
