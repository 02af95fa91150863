/**
 * The bulk-load channels (issue 8), registered beside the others in core.ts. The file arrives
 * as base64 (both doors carry JSON); its size is bounded by the contract before it is decoded.
 */
import { readRut } from '../../shared/rut';
import type { ServiceContext, Session } from '../services/context';
import { createBulkLoads, type BulkLoadOptions, type BulkLoads } from '../services/bulk-loads';
import type { Handlers } from '../core';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** Something was queued: let the sync engine push it. */
  kick: () => void;
  log: (message: string, error?: unknown) => void;
  chunkRows?: number;
  worker?: BulkLoadOptions['worker'];
};

type BulkChannel =
  | 'bulkLoads.company'
  | 'bulkLoads.preview'
  | 'bulkLoads.previewRows'
  | 'bulkLoads.failedRows'
  | 'bulkLoads.apply'
  | 'bulkLoads.status'
  | 'bulkLoads.cancel'
  | 'bulkLoads.list'
  | 'bulkLoads.report'
  | 'bulkLoads.exportReport'
  | 'bulkLoads.undo'
  | 'bulkLoads.resume'
  | 'bulkLoads.close';

const body = (rut: string) => readRut(rut)!.body;

export function bulkLoadHandlers({ context, agent, kick, log, chunkRows, worker }: Deps): {
  handlers: Pick<Handlers, BulkChannel>;
  bulk: BulkLoads;
} {
  const bulk = createBulkLoads(context, { kick, log, chunkRows, worker });
  return {
    bulk,
    handlers: {
      'bulkLoads.company': (input) => bulk.companyName(agent(), body(input.companyRut)),
      'bulkLoads.preview': (input) =>
        bulk.preview(agent(), {
          companyRut: body(input.companyRut),
          fileName: input.fileName,
          bytes: Buffer.from(input.contentBase64, 'base64'),
        }),
      'bulkLoads.previewRows': (input) =>
        bulk.previewRows(agent(), input.previewId, input.filter, input.offset, input.limit),
      'bulkLoads.failedRows': (input) => bulk.failedRows(agent(), input.previewId),
      'bulkLoads.apply': (input) => bulk.apply(agent(), input.previewId, input.reason),
      'bulkLoads.status': (input) => bulk.status(agent(), input.batchId),
      'bulkLoads.cancel': (input) => bulk.cancel(agent(), input.batchId),
      'bulkLoads.list': (input) =>
        bulk.list(agent(), input.companyRut === null ? null : body(input.companyRut)),
      'bulkLoads.report': (input) =>
        bulk.report(agent(), input.batchId, input.filter, input.offset, input.limit),
      'bulkLoads.exportReport': (input) => bulk.exportReport(agent(), input.batchId),
      'bulkLoads.undo': (input) => bulk.undo(agent(), input.batchId, input.reason),
      'bulkLoads.resume': (input) => bulk.resume(agent(), input.batchId),
      'bulkLoads.close': (input) => bulk.close(agent(), input.batchId),
    },
  };
}
