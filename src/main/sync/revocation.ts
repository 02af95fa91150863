/**
 * A revoked device (issue 11). When the central API answers `device_revoked` (at the next sync
 * or sign-in), this desk:
 * 1. writes its unsent actions, those still to review in Sincronización (a conflict, a rejection,
 *    mails withheld: a decision nobody has taken yet) and its call records, which never leave
 *    the desk, to `acciones-sin-enviar-<device id>.json` in the data folder, each action also
 *    in words with its reason, whole or not at all (fsync,
 *    rename), so a supervisor can review and record them. Like the Ley 21.719 exports it is
 *    sealed with the replica's key (db/sealed-files.ts): it names people, their RUTs and the
 *    addresses they were given, on a laptop that may be in the wrong hands; the desk opens it
 *    only to hand a copy out («Guardar una copia del archivo», after a supervisor's word);
 * 2. then, in one transaction, wipes the replica: every row pulled from the central (persons,
 *    companies, accounts, memberships, mails, requests, signatories, the search index), the
 *    queue, the call records, the bulk loads (each file's rows as read: RUTs, names, e-mails),
 *    the list of exports, and the agents' offline sign-in verifiers (nobody signs in offline
 *    on a revoked laptop); and records the revocation, which stays until the device is
 *    explicitly enrolled again;
 * 3. deletes the Ley 21.719 exports made on it (exports/: a person's whole record, in the clear
 *    so it can be handed over; the central can make them again). A file that cannot go now (open
 *    in another program) is deleted when the desk next starts.
 * The audit log stays: it is append-only by design (the database refuses deletes) and is what
 * an investigation needs; like the rest of the replica it is encrypted at rest.
 * A crash between 1 and 2 is harmless: the next contact writes the same file again and wipes;
 * one after 2 leaves only the exports, deleted when the desk next starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { writePrivateFile } from '../db/replica-key';
import { sealBuffer } from '../db/sealed-files';
import { EXPORTS_FOLDER } from '../services/export-files';
import { actionText, auditDetailLine, describeAuditChange } from '../../shared/audit-details';
import { formatDateTime, fullName, type NameParts } from '../../shared/format';
import { formatRut, loginRut, rutFromBody } from '../../shared/rut';
import type { ReplicaWriter } from './replica-writer';
import { syncMessages } from '../../shared/messages';

/**
 * `toReview`: the file's actions still to review; `interactions`: the calls and visits recorded
 * on the desk, kept in it too (a record from before it counted them: none).
 */
export type RevocationRecord = {
  file: string;
  actions: number;
  toReview: number;
  interactions: number;
  at: string;
};

const RECORD_KEY = 'device_revoked';

export const revokedExportFile = (dataDir: string, deviceId: string) =>
  path.join(dataDir, `acciones-sin-enviar-${deviceId}.json`);

type PendingRow = {
  seq: number;
  action_id: string;
  state: string;
  result: string | null;
  kind: string;
  agent_id: string | null;
  person_rut: number | null;
  payload: string;
  created_at: string;
};

export function createRevocation(deps: {
  sqlite: Database.Database;
  writer: ReplicaWriter;
  dataDir: string;
  now: () => Date;
  /** The replica's key, which seals the file (none: a replica in the clear, a file too). */
  sealKey: Buffer | undefined;
  log?: (message: string, error?: unknown) => void;
}) {
  const { sqlite, writer } = deps;
  const getRecord = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const setRecord = sqlite.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const dropState = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
  const pending = sqlite.prepare(
    `SELECT seq, action_id, state, result, kind, agent_id, person_rut, payload, created_at
     FROM outbox WHERE state = 'pending' ORDER BY seq`,
  );
  // What Sincronización lists to review (services/sync-issues.ts, IN_LIST): gone with the queue.
  const toReview = sqlite.prepare(
    `SELECT seq, action_id, state, result, kind, agent_id, person_rut, payload, created_at
     FROM outbox WHERE state IN ('conflict', 'rejected')
       OR (state = 'applied' AND result IS NOT NULL) ORDER BY seq`,
  );
  // Calls and an officer's visits, each under its own name (the row's kind).
  const interactionsOf = sqlite.prepare(
    'SELECT * FROM interactions WHERE kind = ? ORDER BY opened_at',
  );
  // Read before the wipe: what a supervisor reads of each action (who, whom, what, when).
  const agentName = sqlite.prepare('SELECT display_name FROM agents WHERE id = ?').pluck();
  const personNames = sqlite.prepare(
    `SELECT given_names AS givenNames, last_name1 AS lastName1, last_name2 AS lastName2
     FROM persons WHERE rut = ?`,
  );
  const auditOf = sqlite.prepare(
    'SELECT action, before, after, reason FROM audit_events WHERE id = ?',
  );

  /**
   * One action in words, as the Auditoría would say it, with its reason (a supervisor who
   * records it again needs it); one to review with what became of it.
   */
  const summary = (row: PendingRow): string => {
    const event = auditOf.get(row.action_id) as
      | { action: string; before: string | null; after: string | null; reason: string | null }
      | undefined;
    const who =
      row.agent_id === null
        ? null
        : ((agentName.get(row.agent_id) as string | undefined) ?? row.agent_id);
    const whom =
      row.person_rut === null
        ? null
        : `${fullName((personNames.get(row.person_rut) as NameParts | undefined) ?? {})} (${formatRut(rutFromBody(row.person_rut))})`.trim();
    const changes = event
      ? describeAuditChange(event.before, event.after, {}, event.action)
          .filter((detail) => detail.changed)
          .map(auditDetailLine)
      : [];
    return [
      row.state === 'pending' ? null : reviewState(row),
      formatDateTime(row.created_at),
      who,
      actionText(event?.action ?? row.kind),
      whom,
      changes.length > 0 ? changes.join('; ') : null,
      event?.reason ? syncMessages.revokedFileReason(event.reason) : null,
      centralWord(row.result),
    ]
      .filter((part) => part !== null && part !== '')
      .join(' · ');
  };

  /** An action as it was queued, for support to read or send again. */
  const whole = (row: PendingRow) => ({
    actionId: row.action_id,
    kind: row.kind,
    agentId: row.agent_id,
    rut: row.person_rut === null ? null : loginRut(rutFromBody(row.person_rut)),
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
  });

  const record = (): RevocationRecord | null => {
    const text = getRecord.get(RECORD_KEY) as string | undefined;
    if (!text) return null;
    const kept = JSON.parse(text) as Omit<RevocationRecord, 'toReview' | 'interactions'> & {
      toReview?: number;
      interactions?: number;
    };
    return { ...kept, toReview: kept.toReview ?? 0, interactions: kept.interactions ?? 0 };
  };

  const wipe = sqlite.transaction((kept: RevocationRecord) => {
    // An empty first page of a snapshot: the writer's own quick way to empty the replica.
    writer.applyPage([], {
      cursor: '',
      epoch: writer.state('epoch') ?? '',
      progress: null,
      startsSnapshot: true,
    });
    sqlite.exec(`DELETE FROM mails; DELETE FROM outbox; DELETE FROM interactions;
      DELETE FROM bulk_batch_rows; DELETE FROM bulk_batches; DELETE FROM data_request_exports;
      DELETE FROM agents;`);
    dropState.run('replica_scope');
    dropState.run('wanted_scope');
    setRecord.run(RECORD_KEY, JSON.stringify(kept));
  });

  /** The exports folder goes; a file held open elsewhere is logged and tried again later. */
  const removeExports = () => {
    try {
      fs.rmSync(path.join(deps.dataDir, EXPORTS_FOLDER), { recursive: true, force: true });
    } catch (error) {
      deps.log?.('revoked: the exports folder could not be deleted yet', error);
    }
  };
  if (record()) removeExports();

  return {
    record,

    /** Saves the unsent actions to a file, then wipes the replica and the exports. Idempotent. */
    revoke(deviceId: string): RevocationRecord {
      const already = record();
      if (already) {
        removeExports();
        return already;
      }
      const at = deps.now().toISOString();
      const rows = pending.all() as PendingRow[];
      const review = toReview.all() as PendingRow[];
      const file = revokedExportFile(deps.dataDir, deviceId);
      const calls = interactionsOf.all('call');
      const visits = interactionsOf.all('visit');
      const content = {
        aviso: syncMessages.revokedFileNotice,
        equipo: deviceId,
        // In Chile's clock for a person; `acciones` keeps each one whole (UTC) for support.
        revocadoEl: `${formatDateTime(at)} (hora de Chile)`,
        resumen: rows.map(summary),
        acciones: rows.map(whole),
        // Reached the central, but not as asked: a decision left for a person to take.
        porRevisar: review.map(summary),
        accionesPorRevisar: review.map((row) => ({
          ...whole(row),
          state: row.state,
          result: row.result === null ? null : (JSON.parse(row.result) as unknown),
        })),
        llamadas: calls,
        visitas: visits,
      };
      fs.mkdirSync(deps.dataDir, { recursive: true });
      const plain = Buffer.from(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
      writePrivateFile(
        file,
        deps.sealKey ? sealBuffer(deps.sealKey, path.basename(file), plain) : plain,
      );
      const kept: RevocationRecord = {
        file,
        actions: rows.length,
        toReview: review.length,
        // The screen says they are in the file too, and offers its copy (walk 60b L3).
        interactions: calls.length + visits.length,
        at,
      };
      wipe(kept);
      removeExports();
      return kept;
    },

    /** The device was enrolled again: the notice goes (the file stays where it is). */
    clear(): void {
      dropState.run(RECORD_KEY);
    },
  };
}

export type Revocation = ReturnType<typeof createRevocation>;

/** What became of an action to review, as Sincronización heads it. */
function reviewState(row: { state: string }): string {
  if (row.state === 'conflict') return syncMessages.conflict;
  if (row.state === 'rejected') return syncMessages.rejected;
  return syncMessages.mailWithheldTitle;
}

/** The central API's words on an action to review (a rejection's reason), when it gave any. */
function centralWord(result: string | null): string | null {
  if (result === null) return null;
  try {
    const message = (JSON.parse(result) as { message?: unknown }).message;
    return typeof message === 'string' && message !== ''
      ? syncMessages.revokedFileCentral(message)
      : null;
  } catch {
    return null;
  }
}
