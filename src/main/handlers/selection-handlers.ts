/**
 * The channels for acting on a selection of people (issue 8, item 2), registered beside the
 * others in core.ts. Supervisors only; each person's action is the desk's ordinary one.
 */
import { readRut } from '../../shared/rut';
import type { ServiceContext, Session } from '../services/context';
import { createSelectionService, type SelectionService } from '../services/selection-actions';
import type { Handlers } from '../core';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** Something was queued: let the sync engine push it. */
  kick: () => void;
  /** Is this agent still the one signed in (a job stops if not)? */
  signedIn: (agentId: string) => boolean;
  log: (message: string, error?: unknown) => void;
  slicePersons?: number;
};

type SelectionChannel =
  | 'selection.resolve'
  | 'selection.preview'
  | 'selection.start'
  | 'selection.status'
  | 'selection.cancel'
  | 'selection.undo'
  | 'selection.export';

const body = (rut: string) => readRut(rut)!.body;

export function selectionHandlers(deps: Deps): {
  handlers: Pick<Handlers, SelectionChannel>;
  service: SelectionService;
} {
  const service = createSelectionService(deps);
  const { agent } = deps;
  return {
    service,
    handlers: {
      'selection.resolve': (input) =>
        service.resolve(
          agent(),
          input.kind === 'company'
            ? { kind: 'company', companyRut: body(input.companyRut) }
            : {
                kind: 'search',
                text: input.text,
                companyRut: input.companyRut === null ? null : body(input.companyRut),
              },
        ),
      'selection.preview': (input) =>
        service.preview(agent(), {
          action: input.action,
          ruts: input.ruts.map(body),
          companyRut: input.companyRut === null ? null : body(input.companyRut),
        }),
      'selection.start': (input) => service.start(agent(), input.planId, input.reason),
      'selection.status': (input) => service.status(agent(), input.jobId),
      'selection.cancel': (input) => service.cancel(agent(), input.jobId),
      'selection.undo': (input) => service.undo(agent(), input.jobId, input.reason),
      'selection.export': (input) => service.exportCsv(agent(), input.jobId),
    },
  };
}
