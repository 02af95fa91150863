/**
 * Why a call was refused, as values `dispatch` turns into an envelope with a Spanish message.
 * Thrown inside a transaction, any of them rolls back everything the action had written.
 */
import type { DenyReason } from '../../shared/rules/permissions';
import type { InteractionKind } from '../../shared/vocabulary';
import { interactionKindOf } from '../../shared/rules/interaction-kind';
import type { Session } from './context';

export class NotFoundError extends Error {
  constructor(
    readonly subject:
      | 'person'
      | 'interaction'
      | 'sync_issue'
      | 'company'
      // Privacy by default (issue 10): what an officer hears for outside his companies,
      // whether or not that RUT exists.
      | 'person_in_scope'
      | 'company_in_scope'
      | 'bulk_batch'
      // A revoked device with no file of unsent actions (or one removed by hand).
      | 'revocation_file',
    /** An interaction not found is said as a call or a visit (`kindParams`). */
    readonly kind: InteractionKind = 'call',
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
  /** The password was right, but the agent is disabled (here, or on the central API). */
  | 'sign_in_disabled'
  | 'offline_sign_in_unavailable'
  | 'invalid_central_url'
  | 'central_not_answering'
  | 'not_locked'
  | 'not_registration_blocked'
  | 'no_email'
  | 'cooldown'
  | 'email_change_held'
  | 'mail_not_applicable'
  | 'identity_required'
  | 'identity_fact_unavailable'
  | 'identity_fact_changed'
  | 'reason_required'
  | 'invalid_email'
  | 'invalid_phone'
  | 'no_change'
  | 'person_left_desk'
  | 'no_account'
  | 'no_membership'
  | 'invalid_transition'
  | 'interaction_open'
  | 'interaction_notes_required'
  | 'interaction_closed'
  | 'interaction_has_actions'
  | 'interaction_has_person'
  | 'interaction_discard_has_actions'
  | 'interaction_discard_late'
  | 'interaction_follow_up_none'
  | 'interaction_follow_up_done'
  | 'on_behalf_personal'
  // A visit is face to face: nobody speaks for the person there (interactions.setCaller).
  | 'on_behalf_at_visit'
  | 'data_request_representative'
  | 'screen_unlock_failed'
  | 'screen_unlock_exhausted'
  | 'screen_not_locked'
  // Company half (issue 7).
  | 'company_not_adherent'
  | 'requester_not_signatory'
  | 'request_decided'
  | 'request_pending'
  | 'caller_not_authorized'
  | 'admin_needs_representative'
  | 'admin_not_by_profile_change'
  | 'profile_not_by_change'
  | 'outsider_not_worker'
  | 'representative_himself'
  | 'caller_identity_required'
  | 'new_person_required'
  | 'person_rut_is_company'
  | 'contact_changed_meanwhile'
  | 'invalid_name'
  | 'already_user'
  | 'person_other_name'
  | 'company_not_on_empresas'
  | 'change_not_on_portal'
  | 'module_not_offered'
  | 'caller_grants_self'
  | 'representative_register'
  | 'representative_modules'
  // Acting on a selection (issue 8, item 2).
  | 'selection_reason_required'
  | 'selection_company_required'
  | 'selection_busy'
  | 'selection_gone'
  | 'selection_not_undoable'
  // Device trust (issue 11).
  | 'sign_in_rate_limited'
  | 'device_revoked'
  | 'reenrol_not_needed'
  | 'revocation_file_unreadable'
  // What a supervisor asks of the central API from the desk (central-admin.ts): params {topic}.
  | 'central_admin_unconfigured'
  | 'central_admin_offline'
  | 'central_admin_unanswered'
  | 'central_admin_no_session'
  | 'central_admin_upgrade'
  | 'central_admin_reenrol'
  | 'central_admin_refused'
  | 'admin_reason_required'
  | 'device_already_revoked'
  | 'device_not_found'
  | 'device_is_this_one'
  | 'officer_not_found'
  | 'officer_company_unknown'
  // Ley 21.719 requests (issue 10).
  | 'person_blocked'
  | 'person_already_blocked'
  | 'data_request_block_without_request'
  | 'data_request_received_on'
  | 'data_request_export_supervisor'
  | 'data_request_identity_required'
  // A titular the system holds nothing of (titularWithoutDataRefusal), params {why}.
  | 'data_request_titular'
  | 'data_request_titular_not_synced'
  | 'data_request_no_data_export'
  | 'data_request_detail_required'
  | 'data_request_identity_channel'
  | 'data_request_not_linkable'
  | 'data_request_not_found'
  | 'data_request_not_blocking'
  | 'data_request_move_refused'
  | 'data_request_export_right'
  | 'data_request_export_failed'
  | 'data_request_file_missing'
  | 'data_request_file_unreadable'
  | 'data_request_copy_failed'
  | 'data_request_copy_in_data_folder'
  | 'data_request_delete_failed'
  // Bulk loads (issue 8).
  | 'bulk_file'
  | 'bulk_preview_gone'
  | 'bulk_busy'
  | 'bulk_nothing_to_apply'
  | 'bulk_not_undoable'
  | 'bulk_not_interrupted'
  | 'bulk_company_unknown'
  // Rules 9, 12: a representative or administrator who cannot ask yet (companyRequester).
  | 'caller_cannot_ask';

/**
 * The param a refusal about the signed-in agent's own call or visit carries where no row says its
 * kind (one not found, an action outside any): `kind`, what he opens (shared/rules/
 * interaction-kind.ts), so an officer hears «visita». Where the row is at hand, its stored kind.
 */
export function kindParams(session: Pick<Session, 'role'>): { kind: InteractionKind } {
  return { kind: interactionKindOf(session.role) };
}

/**
 * A domain rule refused the action; `params` fill its message (`kind`, from `kindParams`, says
 * whether one about an interaction speaks of a call or a visit).
 */
export class RuleError extends Error {
  constructor(
    readonly code: RuleCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
