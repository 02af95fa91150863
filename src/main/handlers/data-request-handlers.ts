/**
 * The Ley 21.719 channels (issue 10), registered beside the others in core.ts.
 *
 * Downloads: an export's files live under <dataDir>/exports/, sealed with the replica's key
 * (db/sealed-files.ts); a download hands out an opened copy. Through the web door the browser
 * cannot send the session token with a plain download, so `dataRequests.download` (an ordinary,
 * authorised call) hands out a one-time ticket, valid for a minute and only while the same agent
 * is signed in; the web door serves `GET /download/<ticket>` as an attachment, streamed. Through
 * the Electron door the agent picks where the copy goes («Guardar como»), and it is shown in its
 * folder there (the two Electron calls are injected by src/main/index.ts).
 */
import { mayExportPersonData } from '../../shared/rules/data-requests';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { readRut } from '../../shared/rut';
import type { ServiceContext, Session } from '../services/context';
import { exportDataRequest } from '../services/data-export';
import type { ExportFiles, ExportRow } from '../services/export-files';
import {
  dataRequestsByDeadline,
  getDataRequest,
  linkedChanges,
  listDataRequests,
  moveDataRequest,
  recordDataRequest,
  unblockPerson,
} from '../services/data-requests';
import { RuleError } from '../services/errors';
import { appendEvent } from '../services/privacy';
import { readPlain } from '../db/sealed-files';
import { saveCopy } from '../services/export-copy';
import type { Handlers } from '../core';

type DataRequestChannel =
  | 'dataRequests.record'
  | 'dataRequests.list'
  | 'dataRequests.get'
  | 'dataRequests.move'
  | 'dataRequests.unblock'
  | 'dataRequests.export'
  | 'dataRequests.download'
  | 'dataRequests.deleteExport'
  | 'dataRequests.byDeadline';

/** A file the web door may hand out once: its plaintext, opened when it is served. */
export type Download = {
  fileName: string;
  contentType: string;
  /** The plaintext's size (the sealed file on disk is larger). */
  bytes: number;
  /** Throws when the file is gone; the stream fails when it cannot be opened whole. */
  open: () => Readable;
  /**
   * Called as the file starts going out (the copy is audited then, not when asked); throws when
   * the copy cannot be accounted for, and then nothing goes out.
   */
  served: () => void;
};

const TICKET_MS = 60_000;

export function createDownloads(now: () => Date) {
  const tickets = new Map<string, { download: Download; agentId: string; expires: number }>();
  return {
    issue(download: Download, agentId: string): string {
      const ticket = randomBytes(24).toString('hex');
      tickets.set(ticket, { download, agentId, expires: now().getTime() + TICKET_MS });
      return ticket;
    },
    /** The file behind a ticket, once, if still valid and the same agent is signed in. */
    take(ticket: string, signedInAgent: string | null): Download | null {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      for (const [key, value] of tickets) if (value.expires < now().getTime()) tickets.delete(key);
      if (!entry || entry.expires < now().getTime() || entry.agentId !== signedInAgent) return null;
      return entry.download;
    },
  };
}
export type Downloads = ReturnType<typeof createDownloads>;

type Deps = {
  context: ServiceContext;
  agent: () => Session;
  kick: () => void;
  dataDir: string;
  door: 'electron' | 'web';
  downloads: Downloads;
  /** The replica's key, which the export files are sealed with (none: they are not). */
  sealKey?: Buffer;
  /** Electron door: where the agent wants a copy saved («Guardar como»); null if cancelled. */
  saveFile?: (fileName: string) => Promise<string | null>;
  /** Electron door: show a file in the system's file manager. */
  revealFile?: (file: string) => void;
  /** The exports' files (one for the desk: core.ts also removes them on time). */
  files: ExportFiles;
  log: (message: string, error?: unknown) => void;
  /** The replica may still lack persons (replica-state.ts): nobody can be said not to be held. */
  incomplete: () => boolean;
};

const body = (rut: string) => readRut(rut)!.body;

export function dataRequestHandlers(deps: Deps): Pick<Handlers, DataRequestChannel> {
  const { context, agent, kick } = deps;
  const { files } = deps;
  /** An export, for an agent who may see its request (its agent or a supervisor). */
  const exportFor = (session: Session, exportId: string): ExportRow => {
    const row = files.row(exportId);
    if (!row) throw new RuleError('data_request_not_found', { number: exportId });
    getDataRequest(context, session, row.request_number);
    if (!mayExportPersonData(session.role)) throw new RuleError('data_request_export_supervisor');
    return row;
  };
  return {
    'dataRequests.record': (input) => {
      const session = agent();
      const receipt = recordDataRequest(context, session, {
        personRut: body(input.rut),
        right: input.right,
        channel: input.channel,
        identityMethod: input.identityMethod,
        identityFacts: input.identityFacts,
        detail: input.detail,
        receivedOn: input.receivedOn,
        lateConfirmed: input.lateConfirmed,
        titularName: input.titularName,
        replicaIncomplete: deps.incomplete(),
      });
      kick();
      return receipt;
    },
    'dataRequests.list': (input) =>
      listDataRequests(context, agent(), {
        state: input.state,
        right: input.right,
        personRut: input.rut === null ? null : body(input.rut),
        offset: input.offset,
        limit: input.limit,
        soonBusinessDays: input.soonBusinessDays,
      }),
    'dataRequests.get': (input) => ({
      request: getDataRequest(context, agent(), input.number),
      exports: files.views(input.number),
      linkedChanges: linkedChanges(context, agent(), input.number),
    }),
    'dataRequests.move': (input) => {
      const receipt = moveDataRequest(context, agent(), input);
      kick();
      return receipt;
    },
    'dataRequests.unblock': (input) => {
      const receipt = unblockPerson(context, agent(), input);
      kick();
      return receipt;
    },
    'dataRequests.export': (input) =>
      exportDataRequest(context, agent(), input.number, {
        dataDir: deps.dataDir,
        sealKey: deps.sealKey,
        log: deps.log,
      }),
    // The web door's answer is immediate (a ticket); the Electron door's waits for the dialog.
    'dataRequests.download': (input) => {
      const session = agent();
      const row = exportFor(session, input.exportId);
      const html = input.format === 'html';
      const fileName = html ? row.html_file : row.json_file;
      const file = files.fileOf(fileName);
      if (!fs.existsSync(file)) throw new RuleError('data_request_file_missing');
      const bytes = html ? row.html_bytes : row.json_bytes;
      const open = () => readPlain(file, deps.sealKey, bytes);
      // Each copy handed out is audited: who took the person's data out, and which file.
      const audit = () => {
        appendEvent(context, session, {
          action: 'data_request.download',
          personRut: row.person_rut,
          after: { number: row.request_number, fileName, format: input.format },
        });
      };
      if (deps.door === 'electron') {
        const { saveFile, revealFile, log, dataDir } = deps;
        if (!saveFile) return { fileName, url: null, shownInFolder: false };
        return (async () => {
          const target = await saveFile(fileName);
          if (target === null) return { fileName, url: null, shownInFolder: false };
          await saveCopy(open, target, dataDir, audit, log);
          revealFile?.(target);
          return {
            fileName: path.basename(target),
            url: null,
            shownInFolder: revealFile !== undefined,
          };
        })();
      }
      const ticket = deps.downloads.issue(
        {
          fileName,
          contentType: html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
          bytes,
          open,
          served: audit,
        },
        session.agentId,
      );
      return { fileName, url: `/download/${ticket}`, shownInFolder: false };
    },
    /**
     * Set aside, audited, then removed (services/export-files.ts). Asked again (another agent's
     * window was open), it answers the export as it is now.
     */
    'dataRequests.deleteExport': (input) => {
      const session = agent();
      const row = exportFor(session, input.exportId);
      const current = () =>
        files.views(row.request_number).find((made) => made.id === input.exportId)!;
      const before = current();
      if (before.removed) return before;
      files.removeFor(session, row);
      return current();
    },
    'dataRequests.byDeadline': () => dataRequestsByDeadline(context, agent()),
  };
}
