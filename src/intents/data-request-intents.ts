/**
 * Intents of the Ley 21.719 requests (issue 10), applied by the central API (the system of
 * record, which also receives deletion and objection requests to decide) and replayed by the desk
 * over pulled rows, with the rules of shared/rules/data-requests.ts and the deadlines of
 * shared/rules/legal-deadlines.ts on both sides. The blocking rule for every OTHER intent is
 * applied in apply-intent.ts (`blockDecision`).
 */
import { unavailableFacts } from '../shared/identity-facts';
import { IDENTITY_FACTS_REQUIRED } from '../shared/policy';
import {
  checkMove,
  DATA_REQUEST_CHANNELS,
  DATA_REQUEST_MOVES,
  DATA_RIGHTS,
  firstDueDate,
  IDENTITY_METHODS,
  REQUEST_NUMBER,
  titularWithoutDataRefusal,
  type DataRequestKind,
  type DataRequestMove,
  type DataRight,
} from '../shared/rules/data-requests';
import { extendedDeadline } from '../shared/rules/legal-deadlines';
import { santiagoDate } from '../shared/format';
import { decidedAt } from './decided-at';
import type { Entity } from '../shared/sync-protocol';
import type { CompanyWriteRepository } from './company-write-repository';
import type { DataRequestRepository } from './data-request-repository';

export type DataRequestRejection =
  | 'invalid_payload'
  | 'entity_gone'
  | 'already_blocked'
  | 'block_without_request'
  | 'duplicate_number';

type Touched = Array<{ entity: Entity; key: number }>;
export type DataRequestOutcome =
  | { status: 'applied'; touched: Touched }
  | { status: 'conflict'; conflicts: Array<{ field: string; yours: unknown; theirs: unknown }> }
  | { status: 'rejected'; code: DataRequestRejection };

export type DataRequestIntentContext = {
  dataRequests: DataRequestRepository;
  companies: CompanyWriteRepository;
  mode: 'server' | 'replay';
  now: Date;
  /** How long ago the action was decided (decided-at.ts). */
  ageMs?: number;
  /** Server: the authenticated agent (the payload's is only the desk's word). */
  agentId?: string;
  /**
   * Whether the system holds a person with the request's RUT. One it does not may still ask
   * (titularWithoutDataRefusal): the request keeps the name they gave.
   */
  personHeld: boolean;
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const nothing: DataRequestOutcome = { status: 'applied', touched: [] };
const rejected = (code: DataRequestRejection): DataRequestOutcome => ({ status: 'rejected', code });

export type IdentityCheck = { method: (typeof IDENTITY_METHODS)[number]; facts: string[] };

/** The identity check as the wire carries it, or null when it is not one. */
export function readIdentityCheck(value: unknown): IdentityCheck | null {
  if (!value || typeof value !== 'object') return null;
  const method = (value as Record<string, unknown>)['method'];
  const facts = (value as Record<string, unknown>)['facts'];
  if (typeof method !== 'string' || !(IDENTITY_METHODS as readonly string[]).includes(method)) {
    return null;
  }
  if (!Array.isArray(facts) || facts.some((fact) => typeof fact !== 'string')) return null;
  return { method: method as IdentityCheck['method'], facts: [...new Set(facts as string[])] };
}

export function applyDataRequestIntent(
  ctx: DataRequestIntentContext,
  kind: DataRequestKind,
  personRut: number,
  payload: Record<string, unknown>,
): DataRequestOutcome {
  switch (kind) {
    case 'data_request.record':
      return record(ctx, personRut, payload);
    case 'data_request.move':
      return move(ctx, personRut, payload);
    case 'data_request.unblock':
      return unblock(ctx, personRut, payload);
  }
}

function record(
  ctx: DataRequestIntentContext,
  personRut: number,
  payload: Record<string, unknown>,
): DataRequestOutcome {
  const number = text(payload['number']);
  const right = text(payload['right']);
  const channel = text(payload['channel']);
  const detail = text(payload['detail'])?.trim() ?? '';
  const receivedAt = text(payload['receivedAt']);
  const identity = readIdentityCheck(payload['identityCheck']);
  const agentId = ctx.agentId ?? text(payload['agentId']);
  if (
    number === null ||
    !REQUEST_NUMBER.test(number) ||
    right === null ||
    !(DATA_RIGHTS as readonly string[]).includes(right) ||
    channel === null ||
    !(DATA_REQUEST_CHANNELS as readonly string[]).includes(channel) ||
    detail === '' ||
    receivedAt === null ||
    Number.isNaN(Date.parse(receivedAt)) ||
    identity === null ||
    agentId === null
  ) {
    return rejected('invalid_payload');
  }
  const titularName = text(payload['titularName'])?.trim() || null;
  if (
    !ctx.personHeld &&
    ctx.mode === 'server' &&
    titularWithoutDataRefusal({ right: right as DataRight, method: identity.method, titularName })
  ) {
    return rejected('invalid_payload');
  }
  // The same request again (a retry, a replay): nothing to do. Another person's: never.
  const existing = ctx.dataRequests.byNumber(number);
  if (existing) return existing.personRut === personRut ? nothing : rejected('duplicate_number');
  // Never trust the wire: the facts named must be ones the system holds for this person.
  if (ctx.mode === 'server' && identity.method === 'facts') {
    const holder = ctx.companies.identityHolder(personRut);
    if (
      !holder ||
      identity.facts.length < IDENTITY_FACTS_REQUIRED ||
      unavailableFacts(holder, identity.facts).length > 0
    ) {
      return rejected('invalid_payload');
    }
  }
  if (right === 'blocking' && ctx.dataRequests.activeBlock(personRut) !== null) {
    return ctx.mode === 'server' ? rejected('already_blocked') : nothing;
  }
  // Art. 11: a block stands on an open rectification, deletion or objection. The desk checks it
  // first (data-requests.ts); here, one recorded offline after another desk closed the request
  // it stood on.
  if (right === 'blocking' && !ctx.dataRequests.hasOpenBlockable(personRut)) {
    return ctx.mode === 'server' ? rejected('block_without_request') : nothing;
  }
  const receivedDate = santiagoDate(new Date(receivedAt));
  const id = ctx.dataRequests.insert({
    number,
    personRut,
    right: right as DataRight,
    channel: channel as (typeof DATA_REQUEST_CHANNELS)[number],
    identityCheck: JSON.stringify(identity),
    detail,
    receivedAt,
    receivedDate,
    dueDate: firstDueDate(right as DataRight, receivedDate),
    // A blocking request blocks at once, while it is decided (art. 11).
    blockedAt: right === 'blocking' ? receivedAt : null,
    agentId,
    interactionId: text(payload['interactionId']),
    // Kept even where the person turns out to be held (created meanwhile): it is what was said.
    titularName,
  });
  return { status: 'applied', touched: [{ entity: 'data_request', key: id }] };
}

function move(
  ctx: DataRequestIntentContext,
  personRut: number,
  payload: Record<string, unknown>,
): DataRequestOutcome {
  const number = text(payload['number']);
  const name = text(payload['move']);
  if (number === null || name === null || !Object.hasOwn(DATA_REQUEST_MOVES, name)) {
    return rejected('invalid_payload');
  }
  const request = ctx.dataRequests.byNumber(number);
  if (!request || request.personRut !== personRut) {
    return ctx.mode === 'server' ? rejected('entity_gone') : nothing;
  }
  const wanted = DATA_REQUEST_MOVES[name as DataRequestMove];
  if (request.state === wanted.to) return nothing;
  const reason = text(payload['reason'])?.trim() || null;
  const check = checkMove(
    {
      state: request.state,
      right: request.right,
      extended: request.extendedAt !== null,
      dueDate: request.dueDate,
    },
    name as DataRequestMove,
    reason,
    // The day it was decided, not the day it arrived: an extension decided offline in time is.
    santiagoDate(decidedAt(ctx)),
  );
  if (!check.ok) {
    if (check.code === 'reason_required') return rejected('invalid_payload');
    return ctx.mode === 'server'
      ? {
          status: 'conflict',
          conflicts: [{ field: 'state', yours: wanted.to, theirs: request.state }],
        }
      : nothing;
  }
  const at = ctx.now.toISOString();
  ctx.dataRequests.move(request.id, {
    state: check.to,
    reason,
    dueDate: check.to === 'extended' ? extendedDeadline(request.dueDate).due : request.dueDate,
    at,
  });
  // A denied blocking request blocks nothing any more.
  if (check.to === 'denied' && request.right === 'blocking')
    ctx.dataRequests.unblock(request.id, at);
  return { status: 'applied', touched: [{ entity: 'data_request', key: request.id }] };
}

function unblock(
  ctx: DataRequestIntentContext,
  personRut: number,
  payload: Record<string, unknown>,
): DataRequestOutcome {
  const number = text(payload['number']);
  if (number === null) return rejected('invalid_payload');
  const request = ctx.dataRequests.byNumber(number);
  if (!request || request.personRut !== personRut) {
    return ctx.mode === 'server' ? rejected('entity_gone') : nothing;
  }
  if (request.blockedAt === null || request.unblockedAt !== null) return nothing;
  ctx.dataRequests.unblock(request.id, ctx.now.toISOString());
  return { status: 'applied', touched: [{ entity: 'data_request', key: request.id }] };
}
