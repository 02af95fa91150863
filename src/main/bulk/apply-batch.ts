/**
 * Running a bulk batch (issue 8) against one connection: recording its rows, and applying its
 * planned rows in chunks. Shared by the desk's own thread (small batches) and the bulk worker
 * (large ones, src/main/bulk/apply-worker.ts), so both do exactly the same per row:
 * rule → write → outbox intent → audit event, and the row's result, in the chunk's transaction.
 *
 * Nothing here awaits; every function that writes runs inside the caller's transaction.
 */
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { checkPlannedRow, reconfirm, type MembershipState } from '../../shared/rules/bulk-load';
import { decide } from '../../shared/rules/permissions';
import { newId } from '../../shared/ids';
import type { AuditRepository } from '../repositories/audit-repository';
import {
  createBulkBatchRepository,
  type BatchRow,
  type NewBatchRow,
  type Plan,
} from '../repositories/bulk-batch-repository';
import type { OutboxRepository } from '../repositories/outbox-repository';
import type { PersonWriteRepository } from '../../intents/person-write-repository';
import { createDataRequestRepository } from '../../intents/data-request-repository';
import type { Session } from '../services/context';
import { ForbiddenError } from '../services/errors';

export type ApplyDeps = {
  sqlite: Database.Database;
  writes: PersonWriteRepository;
  outbox: OutboxRepository;
  audit: AuditRepository;
  deviceId: string;
  now: () => Date;
};

/** When a chunk ends early: the time budget, a cancel, or someone else wanting the lock. */
export type ChunkLimits = {
  maxRows: number;
  budgetMs: number;
  /** Checked before every row: 'cancel' ends the batch, 'yield' only ends the chunk. */
  interrupt: () => 'cancel' | 'yield' | null;
};

export type ChunkEnd = 'more' | 'done' | 'cancelled';

type Allowed = { email: boolean; enable: boolean; disable: boolean };

export function createBatchApplier(deps: ApplyDeps) {
  const { sqlite, writes, outbox, audit } = deps;
  // Ley 21.719: a person under a temporary block is not changed by a load either.
  const dataRequests = createDataRequestRepository(sqlite);
  const batches = createBulkBatchRepository(sqlite);
  const membershipOf = sqlite.prepare(
    'SELECT id, state, version FROM memberships WHERE person_rut = ? AND company_rut = ?',
  );
  const adherentOf = sqlite.prepare('SELECT adherent FROM companies WHERE rut = ?').pluck();
  // Rules 9, 12: registered since the preview too (PREVIEW_SQL.representatives, one person).
  const representativeOf = sqlite
    .prepare(
      `SELECT 1 FROM company_signatories
        WHERE person_rut = ? AND company_rut = ? AND kind = 'legal_representative'`,
    )
    .pluck();

  /** Part of a batch's rows; the last part also writes the batch's own audit event. */
  function recordRows(batch: BatchRow, rows: NewBatchRow[], last: boolean) {
    for (const row of rows) batches.insertRow(batch.id, row);
    if (!last) return;
    if (batch.kind === 'undo' && batch.undoOf) batches.markUndone(batch.undoOf, batch.id);
    audit.append({
      id: newId(),
      at: batch.createdAt,
      agentId: batch.agentId,
      deviceId: deps.deviceId,
      personRut: null,
      action: batch.kind === 'load' ? 'bulk.load' : 'bulk.undo',
      before: null,
      after: JSON.stringify({
        batchId: batch.id,
        companyRut: batch.companyRut,
        fileName: batch.fileName,
        planned: batch.planned,
      }),
      reason: batch.reason,
      identityCheck: null,
      interactionId: null,
    });
    batches.setState(batch.id, 'applying', null);
  }

  /** What the batch's agent may do in its company: the same for every row, decided per chunk. */
  function allowedIn(batch: BatchRow, session: Session): Allowed {
    const scope = { ...session, adminOfCompanyRuts: [] };
    const target = { personCompanyRuts: [batch.companyRut], companyRut: batch.companyRut };
    return {
      email: decide(scope, 'contact.edit', target).allowed,
      enable: decide(scope, 'membership.enable', target).allowed,
      disable: decide(scope, 'membership.disable', target).allowed,
    };
  }

  /** A row's action: its outbox intent and its audit event. */
  function record(
    batch: BatchRow,
    session: Session,
    at: string,
    rut: number,
    action: { id: string; kind: string; payload: Record<string, unknown> },
    beforeFields: unknown,
    afterFields: object,
  ) {
    outbox.enqueue({
      actionId: action.id,
      kind: action.kind,
      agentId: session.agentId,
      personRut: rut,
      payload: { ...action.payload, batchId: batch.id, personRut: rut, decidedAt: at },
      createdAt: at,
    });
    audit.append({
      id: action.id,
      at,
      agentId: session.agentId,
      deviceId: deps.deviceId,
      personRut: rut,
      action: action.kind,
      before: JSON.stringify(beforeFields),
      // The file names the load for a reader (the Auditoría, the titular's report); the id links.
      after: JSON.stringify({ ...afterFields, batchId: batch.id, fileName: batch.fileName }),
      reason: batch.reason,
      identityCheck: null,
      interactionId: null,
    });
  }

  /** One planned row against the replica as it is now: the writes, intents and audit events. */
  function applyRow(
    batch: BatchRow,
    session: Session,
    row: { seq: number; personRut: number; plan: Plan },
    adherent: boolean,
    allowed: Allowed,
    at: string,
  ) {
    const rut = row.personRut;
    const person = writes.person(rut);
    const membership = membershipOf.get(rut, batch.companyRut) as
      { id: number; state: MembershipState; version: number } | undefined;
    const check = checkPlannedRow(
      row.plan,
      person
        ? {
            email: person.email,
            membershipState: membership?.state ?? null,
            blocked: dataRequests.activeBlock(rut) !== null,
            legalRepresentative: representativeOf.get(rut, batch.companyRut) !== undefined,
          }
        : null,
      adherent,
    );
    const before = { email: person?.email ?? null, state: membership?.state ?? null };
    if (check.kind === 'refused') {
      return {
        state: 'refused' as const,
        code: check.reason,
        before,
        after: null,
        ids: [null, null],
      };
    }
    if (check.kind === 'already') {
      return { state: 'skipped' as const, code: 'already', before, after: null, ids: [null, null] };
    }
    const applied: Plan = { email: null, state: null };
    let emailActionId: string | null = null;
    let stateActionId: string | null = null;
    if (check.email && row.plan.email && person) {
      if (!allowed.email) {
        return {
          state: 'refused' as const,
          code: 'forbidden',
          before,
          after: null,
          ids: [null, null],
        };
      }
      const to = row.plan.email.to;
      const phone = person.phone;
      emailActionId = newId();
      const verified = writes.verifiedPortals(rut);
      writes.updateContact(rut, { email: to }, null, { at: new Date(at), by: session.displayName });
      // Rule 10: a new address is confirmed by mail, and the accounts wait for it — but an undo
      // gives back the address they had confirmed, confirmed (no mail for those).
      const { reverified, toConfirm } = reconfirm(
        writes.unverifyAccounts(rut),
        row.plan.email.reverify,
      );
      writes.verifyAccounts(rut, reverified);
      for (const portal of toConfirm) {
        writes.queueMail(rut, portal, 'email_confirmation', at, to, emailActionId);
      }
      const again = reverified.length > 0 ? { reverify: reverified } : {};
      // The central vouches for the confirmation against the change undone (bulk-email-changes).
      const undoOf =
        reverified.length > 0 && row.plan.email.undoOf ? { undoOf: row.plan.email.undoOf } : {};
      record(
        batch,
        session,
        at,
        rut,
        {
          id: emailActionId,
          kind: 'person.update_contact',
          payload: {
            seenVersion: person.version,
            changes: { email: { from: person.email, to } },
            ...again,
            ...undoOf,
          },
        },
        { email: person.email, phone },
        { email: to, phone, ...again },
      );
      applied.email = {
        from: person.email,
        to,
        ...(verified.length > 0 ? { verified } : {}),
      };
    }
    if (check.state && row.plan.state && membership) {
      const to = row.plan.state.to;
      const kind = to === 'active' ? 'membership.enable' : 'membership.disable';
      if (!(to === 'active' ? allowed.enable : allowed.disable)) {
        throw new ForbiddenError('role');
      }
      stateActionId = newId();
      writes.setMembershipState(membership.id, to, null, null);
      record(
        batch,
        session,
        at,
        rut,
        {
          id: stateActionId,
          kind,
          payload: {
            companyRut: batch.companyRut,
            fromState: membership.state,
            state: to,
            seenVersion: membership.version,
          },
        },
        { companyRut: batch.companyRut, state: membership.state },
        { companyRut: batch.companyRut, state: to },
      );
      applied.state = { from: membership.state, to };
    }
    return {
      state: 'applied' as const,
      // An undo that took back only part of the row says what it kept (reversePlan).
      code: row.plan.kept ?? null,
      before,
      after: {
        applied,
        email: applied.email?.to ?? before.email,
        state: applied.state?.to ?? before.state,
      },
      ids: [emailActionId, stateActionId],
    };
  }

  /**
   * One chunk, inside the caller's transaction: pending rows after `afterSeq` until a limit, a
   * cancel, or the end. Returns how it ended and the last row it finished.
   */
  function runChunk(
    batchId: string,
    session: Session,
    afterSeq: number,
    limits: ChunkLimits,
  ): { end: ChunkEnd; lastSeq: number } {
    const batch = batches.batch(batchId)!;
    const started = performance.now();
    const at = deps.now().toISOString();
    const adherent = adherentOf.get(batch.companyRut) === 1;
    const allowed = allowedIn(batch, session);
    let applied = 0;
    let refused = 0;
    let skipped = 0;
    let end: ChunkEnd = 'more';
    let count = 0;
    let lastSeq = afterSeq;
    outer: for (;;) {
      const rows = batches.pending(batchId, lastSeq, 256);
      if (rows.length === 0) {
        end = 'done';
        break;
      }
      for (const row of rows) {
        const interrupt = limits.interrupt();
        if (interrupt === 'cancel') {
          end = 'cancelled';
          break outer;
        }
        if (interrupt === 'yield' && count > 0) break outer;
        const result = applyRow(batch, session, row, adherent, allowed, at);
        batches.finishRow(batchId, row.seq, {
          state: result.state,
          code: result.code,
          before: result.before,
          after: result.after,
          emailActionId: result.ids[0] ?? null,
          stateActionId: result.ids[1] ?? null,
        });
        if (result.state === 'applied') applied += 1;
        else if (result.state === 'refused') refused += 1;
        else skipped += 1;
        lastSeq = row.seq;
        count += 1;
        if (count >= limits.maxRows || performance.now() - started > limits.budgetMs) break outer;
      }
    }
    batches.count(batchId, applied, refused, skipped);
    if (end !== 'more') batches.setState(batchId, end, deps.now().toISOString());
    return { end, lastSeq };
  }

  return { batches, recordRows, runChunk };
}

export type BatchApplier = ReturnType<typeof createBatchApplier>;
