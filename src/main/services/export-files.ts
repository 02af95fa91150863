/**
 * A Ley 21.719 export's files once written (data-export.ts writes them): what became of them,
 * their removal by an agent («Eliminar archivos») or by the desk itself when they are no longer
 * needed (shared/rules/export-retention.ts), and what an earlier version or a crash left behind.
 *
 * A removal is never gone without a trace: the files are set aside (a rename, undone if the audit
 * fails), the removal is audited (data_request.delete_export), then they are removed. What a
 * crash left set aside is removed at the next start if its removal was audited, put back
 * otherwise. The audit is also the record of an export's fate: its copies handed out
 * (data_request.download) and its removal, matched to it by its files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ExportView } from '../../shared/contract';
import { dataRequestMessages, systemAgentName } from '../../shared/messages';
import {
  exportRemovalAt,
  exportRemovalDue,
  EXPORT_KEPT_DAYS,
  SYSTEM_AGENT_ID,
} from '../../shared/rules/export-retention';
import { sealInPlace } from '../db/sealed-files';
import type { ServiceContext } from './context';
import { RuleError } from './errors';
import { appendEvent } from './privacy';

export const EXPORTS_FOLDER = 'exports';
/** How often a running desk looks for exports whose files are due to go (and once at start). */
export const EXPORT_SWEEP_MS = 60 * 60_000;

/** An export as the desk keeps it (data_request_exports). */
export type ExportRow = {
  id: string;
  request_number: string;
  person_rut: number;
  created_at: string;
  html_file: string;
  json_file: string;
  html_bytes: number;
  json_bytes: number;
};

type Deps = {
  context: ServiceContext;
  dataDir: string;
  log: (message: string, error?: unknown) => void;
};

export function createExportFiles({ context, dataDir, log }: Deps) {
  const sqlite = context.db.$client;
  const folder = path.join(dataDir, EXPORTS_FOLDER);
  const rowsOf = sqlite.prepare(
    `SELECT e.id, e.request_number AS number, e.created_at AS createdAt, e.agent_id AS agentId,
       e.html_file AS htmlFile, e.json_file AS jsonFile, e.html_bytes AS htmlBytes,
       e.json_bytes AS jsonBytes, e.rows, r.closed_at AS closedAt
     FROM data_request_exports e LEFT JOIN data_requests r ON r.number = e.request_number
     WHERE e.request_number = ? ORDER BY e.created_at DESC`,
  );
  // About the request's person (the person_rut index), matched to each export by its files.
  const fateEvents = sqlite.prepare(
    `SELECT a.action, a.at, a.agent_id AS agentId, a.after, g.display_name AS agentName
     FROM audit_events a LEFT JOIN agents g ON g.id = a.agent_id
     WHERE a.person_rut = (SELECT person_rut FROM data_requests WHERE number = ?)
       AND a.action IN ('data_request.download', 'data_request.delete_export')
     ORDER BY a.seq`,
  );
  const rowById = sqlite.prepare(
    `SELECT id, request_number, person_rut, created_at, html_file, json_file, html_bytes,
       json_bytes
     FROM data_request_exports WHERE id = ?`,
  );
  // Exports of closed requests: the candidates for removal on time (few; each checked on disk).
  const ofClosedRequests = sqlite.prepare(
    `SELECT e.id, e.request_number, e.person_rut, e.created_at, e.html_file, e.json_file,
       e.html_bytes, e.json_bytes, r.closed_at
     FROM data_request_exports e JOIN data_requests r ON r.number = e.request_number
     WHERE r.closed_at IS NOT NULL`,
  );

  /** Where one of an export's files lives (only its base name is trusted). */
  const fileOf = (name: string) => path.join(folder, path.basename(name));
  const filesOf = (row: ExportRow) => [row.html_file, row.json_file].map(fileOf);

  /** An export's files set aside, the removal audited by `audit`, then removed. */
  const remove = (row: ExportRow, audit: () => void): void => {
    const present = filesOf(row).filter((file) => fs.existsSync(file));
    if (present.length === 0) throw new RuleError('data_request_file_missing');
    const aside: string[] = [];
    const putBack = () => {
      for (const file of aside) {
        try {
          fs.renameSync(`${file}.deleting`, file);
        } catch (error) {
          log('an export file set aside could not be put back', error);
        }
      }
    };
    try {
      for (const file of present) {
        fs.renameSync(file, `${file}.deleting`);
        aside.push(file);
      }
    } catch (error) {
      putBack();
      log('export files could not be set aside', error);
      throw new RuleError('data_request_delete_failed');
    }
    try {
      audit();
    } catch (error) {
      putBack();
      throw error;
    }
    for (const file of aside) {
      try {
        fs.rmSync(`${file}.deleting`, { force: true });
      } catch (error) {
        // Audited already: the next start removes what is left.
        log('an export file set aside could not be removed yet', error);
      }
    }
  };

  return {
    fileOf,
    row: (exportId: string) => rowById.get(exportId) as ExportRow | undefined,

    /** A request's exports, newest first, each with its copies and its removal. */
    views(number: string): ExportView[] {
      const rows = rowsOf.all(number) as Array<
        Omit<ExportView, 'copies' | 'removed' | 'removalAt'> & { closedAt: string | null }
      >;
      if (rows.length === 0) return [];
      const events = (
        fateEvents.all(number) as Array<{
          action: string;
          at: string;
          agentId: string;
          after: string;
          agentName: string | null;
        }>
      ).map((event) => ({
        ...event,
        agentName:
          event.agentId === SYSTEM_AGENT_ID
            ? systemAgentName
            : (event.agentName ?? dataRequestMessages.unknownAgent),
        details: JSON.parse(event.after) as { fileName?: string; files?: string[] },
      }));
      return rows.map(({ closedAt, ...row }) => {
        const mine = (file: string | undefined) => file === row.htmlFile || file === row.jsonFile;
        const removed = events.find(
          (event) =>
            event.action === 'data_request.delete_export' && mine(event.details.files?.[0]),
        );
        return {
          ...row,
          copies: events
            .filter(
              (event) => event.action === 'data_request.download' && mine(event.details.fileName),
            )
            .map((event) => ({
              at: event.at,
              agentName: event.agentName,
              format:
                event.details.fileName === row.htmlFile ? ('html' as const) : ('json' as const),
            })),
          removed: removed
            ? {
                at: removed.at,
                agentName: removed.agentName,
                automatic: removed.agentId === SYSTEM_AGENT_ID,
              }
            : null,
          // Nothing left to remove (gone without an audited removal): no date to promise.
          removalAt:
            removed || ![row.htmlFile, row.jsonFile].some((name) => fs.existsSync(fileOf(name)))
              ? null
              : exportRemovalAt({ closedAt }, row.createdAt),
        };
      });
    },

    /** Removed at an agent's request («Eliminar archivos»), audited as theirs. */
    removeFor(session: { agentId: string }, row: ExportRow): void {
      remove(row, () =>
        appendEvent(context, session, {
          action: 'data_request.delete_export',
          personRut: row.person_rut,
          after: { number: row.request_number, files: [row.html_file, row.json_file] },
        }),
      );
    },

    /**
     * The files of every export whose request closed more than EXPORT_KEPT_DAYS ago (or that
     * was made more than that after it closed) removed, each audited as the system's act. An
     * export whose files are gone already is skipped; one that cannot be removed now (a file
     * open in another program) is logged and tried again next time. Gives how many it removed.
     */
    removeExpired(): number {
      const now = context.now();
      let removed = 0;
      // Read whole first: a connection iterating a statement cannot write meanwhile.
      for (const row of ofClosedRequests.all() as Array<ExportRow & { closed_at: string }>) {
        if (!exportRemovalDue({ closedAt: row.closed_at }, row.created_at, now)) continue;
        if (!filesOf(row).some((file) => fs.existsSync(file))) continue;
        try {
          remove(row, () =>
            appendEvent(
              context,
              { agentId: SYSTEM_AGENT_ID },
              {
                action: 'data_request.delete_export',
                personRut: row.person_rut,
                after: {
                  number: row.request_number,
                  files: [row.html_file, row.json_file],
                  automatic: true,
                  closedAt: row.closed_at,
                  keptDays: EXPORT_KEPT_DAYS,
                },
              },
            ),
          );
          removed += 1;
        } catch (error) {
          log('an expired export could not be removed yet', error);
        }
      }
      return removed;
    },
  };
}

export type ExportFiles = ReturnType<typeof createExportFiles>;

/**
 * What a crash left behind dealt with — an export's `.part` files removed; a file set aside to be
 * deleted removed if its removal was audited (`removed`), put back otherwise — and, when the desk
 * has a key, exports still in the clear (made before exports were sealed, or while the replica
 * had no key) sealed in place. Run in the background at start; gives how many it sealed. A file
 * it cannot deal with is left as it is and logged: the next start tries again.
 */
export async function sealEarlierExports(
  dataDir: string,
  key: Buffer | undefined,
  removed: (fileName: string) => boolean,
  log: (message: string, error?: unknown) => void,
): Promise<number> {
  const folder = path.join(dataDir, EXPORTS_FOLDER);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  let sealed = 0;
  for (const name of names) {
    const file = path.join(folder, name);
    try {
      if (/\.(part|sealing)$/.test(name)) fs.rmSync(file, { force: true });
      else if (name.endsWith('.deleting')) {
        const original = name.slice(0, -'.deleting'.length);
        if (removed(original)) fs.rmSync(file, { force: true });
        else {
          fs.renameSync(file, path.join(folder, original));
          if (key && (await sealInPlace(path.join(folder, original), key))) sealed += 1;
        }
      } else if (key && /\.(html|json)$/.test(name) && (await sealInPlace(file, key))) {
        sealed += 1;
      }
    } catch (error) {
      log('an earlier export could not be sealed', error);
    }
  }
  return sealed;
}

/** Whether the removal of an export's file was audited (data_request.delete_export). */
export function exportFileRemoved(sqlite: Database.Database, fileName: string): boolean {
  return (
    sqlite
      .prepare(
        `SELECT 1 FROM audit_events a, json_each(a.after, '$.files') f
         WHERE a.action = 'data_request.delete_export' AND f.value = ? LIMIT 1`,
      )
      .get(fileName) !== undefined
  );
}
