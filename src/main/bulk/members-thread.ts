/**
 * A large bulk preview reads the company's members on a worker thread while the desk's thread
 * parses the file (issue 8): tens of thousands of person rows scattered over the replica, read
 * once, took about as long as the parse itself, one after the other on the desk's thread.
 *
 * The thread (members-worker.ts, bundled as `bulk-members-worker.js`) opens the replica
 * read-only with a small cache of its own, reads, answers once, and ends. It imports no more
 * than the connection (src/storage/db/connection.ts): with the database layer (drizzle) it took about
 * 300 ms to start, as long as the read it hides.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { openReader } from '../../storage/db/connection';
import { startWorker } from '../../storage/worker-thread';
import { PREVIEW_SQL, readCompanyMembers, type CompanyMembers } from './company-members';

export type MembersJob = {
  file: string;
  key: Uint8Array | null;
  nativeBinding?: string;
  companyRut: number;
  cacheKb: number;
};

type Answer = { ok: true; members: CompanyMembers } | { ok: false; message: string };

const here = fileURLToPath(import.meta.url);

/** From source (tsx, vitest) the TypeScript entry; in the built app the bundle's own entry. */
export function defaultMembersEntry(): string {
  return here.endsWith('.ts')
    ? path.join(path.dirname(here), 'members-worker.ts')
    : path.join(path.dirname(here), 'bulk-members-worker.js');
}

/** The desk's side: the members, or a rejection when the thread could not read them. */
export function readMembersOnWorker(entry: string, job: MembersJob) {
  return new Promise<CompanyMembers>((resolve, reject) => {
    const worker = startWorker(entry, job);
    let answered = false;
    worker.once('message', (answer: Answer) => {
      answered = true;
      if (answer.ok) resolve(answer.members);
      else reject(new Error(answer.message));
    });
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the members reader exited (${code})`));
    });
  });
}

/** The worker's side. */
export function answerMembersJob(job: MembersJob): void {
  const port = parentPort!;
  let answer: Answer;
  const transfer: ArrayBuffer[] = [];
  try {
    const reader = openReader(job.file, job);
    try {
      const members = readCompanyMembers(reader.prepare(PREVIEW_SQL.members).raw(), job.companyRut);
      answer = { ok: true, members };
      transfer.push(
        members.ruts.buffer as ArrayBuffer,
        members.membershipVersions.buffer as ArrayBuffer,
        members.personVersions.buffer as ArrayBuffer,
      );
    } finally {
      reader.close();
    }
  } catch (error) {
    answer = { ok: false, message: String(error) };
  }
  port.postMessage(answer, transfer);
  port.close();
}
