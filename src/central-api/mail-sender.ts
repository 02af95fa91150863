/**
 * Sends the mails that pushed actions created. Each mail row has exactly one job (written in the
 * push's transaction), so a duplicated push never sends twice. A job is claimed (`sending`),
 * sent without holding any transaction, then marked `sent` together with the mail row's outcome
 * and a change-log row, so devices see it as sent on their next pull. Failures are retried with
 * backoff; after the last attempt the mail is marked `failed`. A crash between the SMTP answer
 * and the mark re-sends that one mail on restart (at least once), with the same Message-ID.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { maskSensitive } from '../shared/log-mask';
import { normalizeEmail } from '../shared/policy';
import { loginRut, rutFromBody } from '../shared/rut';
import type { ChangeLog } from './change-log';
import { renderMail } from './mail-templates';
import type { MailKind, Portal } from '../shared/vocabulary';

export const MAIL_SINK_FOLDER = 'mail-sink';
const MAX_ATTEMPTS = 8;
const POLL_MS = 5_000;

export type MailSenderOptions = {
  sqlite: Database.Database;
  changeLog: ChangeLog;
  now: () => Date;
  dataDir: string;
  epoch: string;
  /** SMTP relay (plain, no TLS); without it every mail is written as an .eml file. */
  smtp?: { host: string; port: number };
  log: (message: string, error?: unknown) => void;
};

type Job = { id: number; mail_id: number; attempts: number };
type MailRow = {
  id: number;
  person_rut: number;
  portal: Portal;
  kind: MailKind;
  to_address: string;
  given_names: string | null;
  /** The person's address as the mail leaves. */
  email: string | null;
};

/**
 * The companies a Portal Empresas mail names, read as it leaves (moments after the action that
 * asked for it), at companies still adherent (rule 6: at one that is not, signing opens nothing):
 * approvals whose agreement waits, their access not deleted (an approval to a paused or disabled
 * worker is still news: it names the company); profiles a signature would assign now
 * (rules/access.ts awaitsSignature).
 */
export function mailCompanies(
  sqlite: Database.Database,
): (kind: MailKind, personRut: number) => string[] {
  const statements: Partial<Record<MailKind, Database.Statement>> = {
    access_approval: sqlite.prepare(
      `SELECT DISTINCT c.legal_name FROM access_requests r JOIN companies c ON c.rut = r.company_rut
       WHERE r.person_rut = ? AND r.state = 'approved' AND r.agreement_signed = 0
         AND c.adherent = 1 AND NOT EXISTS (SELECT 1 FROM memberships m
           WHERE m.person_rut = r.person_rut AND m.company_rut = r.company_rut
             AND m.state = 'removed')
       ORDER BY c.legal_name`,
    ),
    agreement_signature: sqlite.prepare(
      `SELECT DISTINCT c.legal_name FROM memberships m JOIN companies c ON c.rut = m.company_rut
       WHERE m.person_rut = ? AND m.state = 'active' AND m.role <> 'worker'
         AND m.agreement_signed = 0 AND c.adherent = 1 AND c.portals LIKE '%portal_empresas%'
       ORDER BY c.legal_name`,
    ),
  };
  return (kind, personRut) =>
    (statements[kind]?.pluck().all(personRut) as string[] | undefined) ?? [];
}

export function createMailSender(options: MailSenderOptions) {
  const { sqlite, changeLog, now } = options;
  const sinkDir = path.join(options.dataDir, MAIL_SINK_FOLDER);

  const smtp = options.smtp
    ? nodemailer.createTransport({
        host: options.smtp.host,
        port: options.smtp.port,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } satisfies SMTPTransport.Options)
    : null;
  const sink = smtp
    ? null
    : nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      } satisfies StreamTransport.Options);

  const nextDue = sqlite.prepare(
    `SELECT id, mail_id, attempts FROM mail_jobs
     WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 1`,
  );
  const claim = sqlite.prepare(
    "UPDATE mail_jobs SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
  );
  const mailRow = sqlite.prepare(
    `SELECT m.id, m.person_rut, m.portal, m.kind, m.to_address, p.given_names, p.email
     FROM mails m LEFT JOIN persons p ON p.rut = m.person_rut WHERE m.id = ?`,
  );
  const companiesOf = mailCompanies(sqlite);
  const markJobSent = sqlite.prepare(
    "UPDATE mail_jobs SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
  );
  const markJobRetry = sqlite.prepare(
    "UPDATE mail_jobs SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?",
  );
  const markJobFailed = sqlite.prepare(
    "UPDATE mail_jobs SET state = 'failed', last_error = ? WHERE id = ?",
  );
  const setOutcome = sqlite.prepare('UPDATE mails SET outcome = ?, sent_at = ? WHERE id = ?');
  const requeueInterrupted = sqlite.prepare(
    "UPDATE mail_jobs SET state = 'pending' WHERE state = 'sending'",
  );

  const claimNext = sqlite.transaction((): Job | null => {
    const job = nextDue.get(now().toISOString()) as Job | undefined;
    if (!job) return null;
    claim.run(job.id);
    return { ...job, attempts: job.attempts + 1 };
  });

  const finish = sqlite.transaction(
    (job: Job, outcome: { ok: true } | { ok: false; error: string }) => {
      const at = now().toISOString();
      if (outcome.ok) {
        markJobSent.run(at, job.id);
        setOutcome.run('sent', at, job.mail_id);
        changeLog.record('mail', job.mail_id);
      } else if (job.attempts >= MAX_ATTEMPTS) {
        markJobFailed.run(outcome.error, job.id);
        setOutcome.run('failed', at, job.mail_id);
        changeLog.record('mail', job.mail_id);
      } else {
        const delay = Math.min(5_000 * 2 ** (job.attempts - 1), 15 * 60_000);
        markJobRetry.run(outcome.error, new Date(now().getTime() + delay).toISOString(), job.id);
      }
    },
  );

  async function deliver(mail: MailRow): Promise<void> {
    const rendered = renderMail({
      mailId: mail.id,
      portal: mail.portal,
      kind: mail.kind,
      to: mail.to_address,
      givenNames: mail.given_names ?? '',
      loginRut: loginRut(rutFromBody(mail.person_rut)),
      companies: companiesOf(mail.kind, mail.person_rut),
    });
    const message = {
      ...rendered,
      messageId: `<mail-${mail.id}.${options.epoch}@central.mesa-de-ayuda>`,
      headers: { 'X-Mesa-Mail-Id': String(mail.id), 'X-Mesa-Mail-Kind': mail.kind },
    };
    if (smtp) {
      await smtp.sendMail(message);
      return;
    }
    const info = await sink!.sendMail(message);
    fs.mkdirSync(sinkDir, { recursive: true });
    const file = path.join(sinkDir, `${String(mail.id).padStart(8, '0')}-${mail.kind}.eml`);
    fs.writeFileSync(`${file}.tmp`, info.message as Buffer);
    fs.renameSync(`${file}.tmp`, file);
  }

  async function sendDue(): Promise<void> {
    for (;;) {
      if (closed) return;
      const job = claimNext();
      if (!job) return;
      const mail = mailRow.get(job.mail_id) as MailRow | undefined;
      if (!mail) {
        finish({ ...job, attempts: MAX_ATTEMPTS }, { ok: false, error: 'mail row missing' });
        continue;
      }
      // Only ever one plain mailbox (shared/policy.ts): an address stored before that rule, which
      // a mailer could read as a list or a display name, fails at once instead of going astray.
      if (normalizeEmail(mail.to_address) !== mail.to_address) {
        finish(
          { ...job, attempts: MAX_ATTEMPTS },
          { ok: false, error: 'not a single plain address' },
        );
        continue;
      }
      // Rule 4: a mail goes only to the address registered as it leaves. Corrected since it was
      // asked (or changed back: a bulk load's undo), it is not sent to the old one.
      if (mail.email === null || normalizeEmail(mail.email) !== mail.to_address) {
        finish(
          { ...job, attempts: MAX_ATTEMPTS },
          { ok: false, error: 'address no longer registered' },
        );
        continue;
      }
      try {
        await deliver(mail);
        finish(job, { ok: true });
      } catch (error) {
        options.log(`mail ${mail.id}: delivery failed (attempt ${job.attempts})`, error);
        // SMTP answers quote the refused address: the job keeps the reason, masked (Ley 21.719).
        const reason = error instanceof Error ? error.message : String(error);
        finish(job, { ok: false, error: maskSensitive(reason) });
      }
    }
  }

  let closed = false;
  let again = false;
  let running: Promise<void> | null = null;

  const kick = (): void => {
    if (closed) return;
    again = true;
    if (running) return;
    running = (async () => {
      try {
        while (again && !closed) {
          again = false;
          await sendDue();
        }
      } catch (error) {
        options.log('mail delivery stopped', error);
      } finally {
        running = null;
      }
    })();
  };

  // Jobs claimed by a process that stopped mid-send go back to the queue.
  requeueInterrupted.run();
  const timer = setInterval(kick, POLL_MS);
  timer.unref();
  kick();

  return {
    /** Sends what is due now, soon; called after every push that queued mails. */
    kick,
    /** Resolves when no send is in progress (tests; shutdown). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(timer);
      while (running) await running;
      smtp?.close();
      sink?.close();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
