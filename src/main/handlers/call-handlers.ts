/**
 * The calls (interactions): open, correct the reason or the person, say who calls in the
 * person's name, close, say one handed over was attended to, the current one, and
 * the Llamadas list with its count, registered beside the others in core.ts.
 */
import { santiagoDayEnd, santiagoDayStart } from '../../shared/format';
import { readRut } from '../../shared/rut';
import type { Handlers } from '../core';
import type { ServiceContext, Session } from '../services/context';
import {
  closeInteraction,
  countInteractions,
  currentInteraction,
  listInteractions,
  openInteraction,
  setInteractionCaller,
  setInteractionPerson,
  setInteractionReason,
  discardInteraction,
  followUpInteraction,
  type InteractionListFilter,
} from '../services/interactions';

type Deps = { context: ServiceContext; agent: () => Session };

type CallChannel =
  | 'interactions.open'
  | 'interactions.close'
  | 'interactions.setReason'
  | 'interactions.setPerson'
  | 'interactions.discard'
  | 'interactions.setCaller'
  | 'interactions.current'
  | 'interactions.list'
  | 'interactions.followUp'
  | 'interactions.count';

/** The Llamadas list's filter as the contract takes it → as the service takes it. */
function callFilter(input: {
  rut: string | null;
  agentId: string | null;
  from: string | null;
  to: string | null;
  outcome: InteractionListFilter['outcome'];
  awaiting: boolean;
}): InteractionListFilter {
  return {
    personRut: input.rut === null ? null : readRut(input.rut)!.body,
    agentId: input.agentId,
    from: input.from === null ? null : santiagoDayStart(input.from).toISOString(),
    to: input.to === null ? null : santiagoDayEnd(input.to).toISOString(),
    outcome: input.outcome,
    awaiting: input.awaiting,
  };
}

export function callHandlers({ context, agent }: Deps): Pick<Handlers, CallChannel> {
  return {
    'interactions.open': (input) =>
      openInteraction(context, agent(), {
        personRut: input.rut === null ? null : readRut(input.rut)!.body,
        reason: input.reason,
      }),
    'interactions.close': (input) =>
      closeInteraction(context, agent(), {
        id: input.id,
        outcome: input.outcome,
        notes: input.notes,
        ...(input.rut === undefined ? {} : { personRut: readRut(input.rut)!.body }),
      }),
    'interactions.setReason': (input) => setInteractionReason(context, agent(), input),
    'interactions.discard': (input) => discardInteraction(context, agent(), input),
    'interactions.setPerson': (input) =>
      setInteractionPerson(context, agent(), {
        id: input.id,
        personRut: readRut(input.rut)!.body,
      }),
    'interactions.setCaller': (input) =>
      setInteractionCaller(context, agent(), {
        id: input.id,
        onBehalf: input.onBehalf,
        ...(input.rut === undefined ? {} : { personRut: readRut(input.rut)!.body }),
      }),
    'interactions.followUp': (input) => followUpInteraction(context, agent(), input),
    'interactions.current': () => currentInteraction(context, agent()),
    'interactions.list': (input) =>
      listInteractions(context, agent(), {
        ...callFilter(input),
        offset: input.offset,
        limit: input.limit,
      }),
    'interactions.count': (input) => countInteractions(context, agent(), callFilter(input)),
  };
}
