/**
 * The actions the central API did not apply as asked: conflicts (someone else changed the same
 * field: both values shown, the agent picks) and rejections (with the reason). Nothing leaves
 * this list without a person deciding, and the decision is audited.
 */
import { randomUUID } from 'node:crypto';
import type { SyncIssue } from '../../shared/contract';
import { loginRut, rutFromBody } from '../../shared/rut';
import type { ServiceContext, Session } from './context';
import { NotFoundError, RuleError } from './errors';
import { runAction } from './run-action';

type Row = {
  action_id: string;
  kind: string;
  person_rut: number | null;
  created_at: string;
  state: 'conflict' | 'rejected';
  result: string | null;
  payload: string;
  given_names: string | null;
  last_name1: string | null;
  last_name2: string | null;
};

const SELECT = `SELECT o.action_id, o.kind, o.person_rut, o.created_at, o.state, o.result, o.payload,
    p.given_names, p.last_name1, p.last_name2
  FROM outbox o LEFT JOIN persons p ON p.rut = o.person_rut`;

function toIssue(row: Row): SyncIssue {
  const result = row.result
    ? (JSON.parse(row.result) as {
        code?: string;
        message?: string;
        conflicts?: SyncIssue['conflicts'];
      })
    : {};
  return {
    actionId: row.action_id,
    kind: row.kind,
    personRut: row.person_rut === null ? null : loginRut(rutFromBody(row.person_rut)),
    personName: row.given_names
      ? `${row.given_names} ${row.last_name1 ?? ''} ${row.last_name2 ?? ''}`.trim()
      : null,
    createdAt: row.created_at,
    state: row.state,
    code: result.code ?? null,
    message: result.message ?? null,
    conflicts: result.conflicts ?? [],
  };
}

export function listSyncIssues(ctx: ServiceContext): SyncIssue[] {
  return (
    ctx.db.$client
      .prepare(`${SELECT} WHERE o.state IN ('conflict', 'rejected') ORDER BY o.seq`)
      .all() as Row[]
  ).map(toIssue);
}

export function resolveSyncIssue(
  ctx: ServiceContext,
  session: Session,
  actionId: string,
  choice: 'keep_theirs' | 'keep_mine' | 'dismiss',
): SyncIssue[] {
  const sqlite = ctx.db.$client;
  sqlite.transaction(() => {
    const row = sqlite
      .prepare(`${SELECT} WHERE o.action_id = ? AND o.state IN ('conflict', 'rejected')`)
      .get(actionId) as Row | undefined;
    if (!row) throw new NotFoundError('sync_issue');
    const issue = toIssue(row);
    if (choice === 'keep_mine') {
      // Only a contact conflict can be sent again: as a new action from the server's values.
      if (
        issue.state !== 'conflict' ||
        row.kind !== 'person.update_contact' ||
        row.person_rut === null
      ) {
        throw new RuleError('no_change');
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const conflict of issue.conflicts) {
        changes[conflict.field] = { from: conflict.theirs, to: conflict.yours };
      }
      const personRut = row.person_rut;
      runAction(ctx, session, {
        permission: 'contact.edit',
        personRut,
        kind: 'person.update_contact',
        reason: 'Resolución de conflicto de sincronización: se mantiene el valor del agente',
        identityCheck: null,
        apply: () => {
          const person = ctx.repos.writes.person(personRut)!;
          const next = { email: person.email, phone: person.phone };
          for (const [field, change] of Object.entries(changes)) {
            if (field === 'email' || field === 'phone') next[field] = change.to as string | null;
          }
          ctx.repos.writes.updateContact(personRut, next.email, next.phone, null);
          return {
            before: { email: person.email, phone: person.phone },
            after: next,
            intent: { seenVersion: null, changes },
          };
        },
      });
    }
    sqlite.prepare("UPDATE outbox SET state = 'resolved' WHERE action_id = ?").run(actionId);
    ctx.repos.audit.append({
      id: randomUUID(),
      at: ctx.now().toISOString(),
      agentId: session.agentId,
      deviceId: ctx.deviceId,
      personRut: row.person_rut,
      action: 'sync.resolve',
      before: row.result,
      after: JSON.stringify({ choice, actionId }),
      reason: null,
      identityCheck: null,
      interactionId: ctx.repos.interactions.openOf(session.agentId)?.id ?? null,
    });
  })();
  return listSyncIssues(ctx);
}
