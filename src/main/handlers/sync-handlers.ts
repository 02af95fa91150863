/**
 * The Sincronización screen's channels (issue 11): the sync's state and a sync on request, the
 * central address, the actions that wait or need a look (a shared desk's queues and their
 * reassignment), the network hint, and a new identity for a revoked or duplicated device.
 * Registered beside the others in core.ts, which holds the sync engine and the device.
 */
import path from 'node:path';
import type { SyncStatus } from '../../shared/contract';
import type { Handlers } from '../core';
import { readPlainSync, SealedFileError } from '../db/sealed-files';
import {
  centralAnswersAt,
  changeCentralAddress,
  plannedCentralAddress,
  auditRefusedAddress,
  type AddressRefusal,
} from '../services/central-address';
import { PROBE_TIMEOUT_MS } from '../sync/reachability';
import type { ServiceContext, Session } from '../services/context';
import { ForbiddenError, NotFoundError, RuleError } from '../services/errors';
import { reassignPendingActions } from '../services/reassign-actions';
import { listPendingActions, listSyncIssues, resolveSyncIssue } from '../services/sync-issues';
import type { SyncEngine } from '../sync/sync-engine';

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  /** The sync engine, when a central API is configured. */
  engine: () => SyncEngine | null;
  status: () => SyncStatus;
  /**
   * The central API's address now; a new one kept (a write, inside the caller's transaction),
   * then connected to (null: none).
   */
  centralUrl: () => string | null;
  keepCentralUrl: (url: string | null) => void;
  useCentralUrl: (url: string | null) => void;
  /** Whether the central API revoked this device (its record kept until a new identity). */
  revoked: () => boolean;
  /** New id and secret, fresh snapshot, queue kept; every session ends. */
  reenrol: () => void;
  /** The replica's key, which sealed the revoked device's file of unsent actions. */
  sealKey: Buffer | undefined;
  /** The officer read which companies were given to him or taken from him (scope-notice.ts). */
  dismissScopeNotice: (agentId: string) => void;
};

type SyncChannel =
  | 'sync.status'
  | 'sync.now'
  | 'sync.check'
  | 'sync.settled'
  | 'sync.configure'
  | 'sync.issues'
  | 'sync.pending'
  | 'sync.resolve'
  | 'sync.reenrol'
  | 'sync.revocationFile'
  | 'sync.hint'
  | 'sync.dismissScopeNotice'
  | 'sync.reassign'
  | 'agents.list';

export function syncHandlers({
  context,
  agent,
  engine,
  status,
  centralUrl,
  keepCentralUrl,
  useCentralUrl,
  revoked,
  reenrol,
  sealKey,
  dismissScopeNotice,
}: Deps): Pick<Handlers, SyncChannel> {
  return {
    'sync.status': () => status(),
    'sync.now': () => engine()?.syncNow().then(status) ?? status(),
    'sync.check': () => engine()?.recheck().then(status) ?? status(),
    'sync.settled': () => engine()?.quiet().then(status) ?? status(),
    'sync.configure': async (input) => {
      // Where passwords go: only a supervisor may change it, only to HTTPS (or this machine),
      // with a reason kept in the audit; and only to a central API that answers there.
      // A refused attempt is audited too (auditRefusedAddress), and changes nothing.
      const refuse = (why: AddressRefusal) =>
        auditRefusedAddress(context, agent(), centralUrl(), input, why);
      let planned: ReturnType<typeof plannedCentralAddress>;
      try {
        planned = plannedCentralAddress(agent(), centralUrl(), input);
      } catch (error) {
        if (error instanceof ForbiddenError) refuse('role');
        else if (error instanceof RuleError && error.code === 'invalid_central_url') {
          refuse('invalid_url');
        }
        throw error;
      }
      if (planned.changed && planned.url !== null) {
        if (!(await centralAnswersAt(planned.url, PROBE_TIMEOUT_MS))) {
          refuse('not_answering');
          throw new RuleError('central_not_answering');
        }
      }
      // Its audit event and the address kept commit together: never one without the other.
      const { changed, url } = context.db.$client.transaction(() => {
        const decided = changeCentralAddress(context, agent(), centralUrl(), input);
        if (decided.changed) keepCentralUrl(decided.url);
        return decided;
      })();
      if (changed) useCentralUrl(url);
      return status();
    },
    'sync.issues': () => listSyncIssues(context, agent()),
    'sync.pending': () => listPendingActions(context, agent()),
    'sync.resolve': (input) => {
      const issues = resolveSyncIssue(context, agent(), input.actionId, input.choice);
      engine()?.kick();
      return issues;
    },
    // Device trust: a new identity for a revoked or duplicated device, on request.
    'sync.reenrol': () => {
      if (!revoked() && engine()?.status().state !== 'device_fork') {
        throw new RuleError('reenrol_not_needed');
      }
      reenrol();
      return status();
    },
    'sync.revocationFile': () => {
      const kept = status().revocation;
      if (!kept || kept.actions + kept.toReview + kept.interactions === 0) {
        throw new NotFoundError('revocation_file');
      }
      try {
        // Sealed like the replica (revocation.ts): opened only to hand this copy out.
        const content = readPlainSync(kept.file, sealKey).toString('utf8');
        return { fileName: path.basename(kept.file), content };
      } catch (error) {
        // Moved or deleted by hand: said as such, not as an unexpected failure.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new NotFoundError('revocation_file');
        }
        if (error instanceof SealedFileError) throw new RuleError('revocation_file_unreadable');
        throw error;
      }
    },
    'agents.list': () => {
      agent();
      return context.repos.agents
        .list()
        .map((a) => ({ agentId: a.id, displayName: a.displayName, role: a.role }));
    },
    // Sync at scale: the network hint and a shared desk's queues.
    'sync.hint': (input) => {
      agent();
      engine()?.networkHint(input.online);
      return {};
    },
    'sync.dismissScopeNotice': () => {
      dismissScopeNotice(agent().agentId);
      return status();
    },
    'sync.reassign': (input) => {
      const reassigned = reassignPendingActions(context, agent(), input.fromAgentId, input.reason);
      engine()?.kick();
      return { reassigned, pending: listPendingActions(context, agent()) };
    },
  };
}
