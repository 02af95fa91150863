/**
 * Acting on many selected people at once (issue 8, item 2): a supervisor unlocks, resends the
 * password mail, disables or enables a selection, with one reason that records whose request it
 * was. Nothing here decides a rule of its own: each person gets the desk's ordinary action
 * (account-actions, resend-mail, membership-actions, all through run-action: rule → write →
 * outbox intent → audit event), in its own synchronous transaction, and the people it does not
 * apply to are reported by person with the reason.
 *
 * The flow: resolve ("todos los N", up to SELECTION_CAP) → preview (the per-person rule over the
 * replica as it is; versions kept) → start (a job, run in slices that yield to the event loop;
 * cancel stops before the next person) → status → export, and undo for membership changes.
 * Jobs live in memory: each person's action is committed (and audited with the run's id) as it
 * happens, so a crash loses only the report, never an action or its trace.
 */
import { performance } from 'node:perf_hooks';
import type { MailKind, Portal } from '../../shared/contract';
import { selectionMessages } from '../../shared/messages';
import { formatRut, loginRut, rutFromBody } from '../../shared/rut';
import { csvFile } from '../../shared/csv-cell';
import { decide, personTarget } from '../../shared/rules/permissions';
import {
  needsCompany,
  preferredPortals,
  selectionApplicability,
  type PersonFacts,
  type SelectionAction,
  type Skip,
  type Step,
} from '../domain/selection-rule';
import { createSelectionRepository } from '../repositories/selection-repository';
import { unlockAccount } from './account-actions';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, NotFoundError, RuleError, StaleError } from './errors';
import { changeMembershipState } from './membership-actions';
import { resendMail } from './resend-mail';
import { currentScope, MIN_BULK_REASON } from './run-action';
import { searchPersons } from './search-persons';
import type { MembershipStateCode } from '../../shared/rules/membership-transitions';
import { ruleMessages } from '../../shared/messages';
import { newId } from '../../shared/ids';

/** "Seleccionar todos": at most this many people in one selection. */
export const SELECTION_CAP = 5_000;
/** Work between two yields to the event loop: the UI and the sync keep answering. */
const SLICE_MS = 16;
const JOBS_KEPT = 10;
const PLANS_KEPT = 5;

export type SelectionSource =
  | { kind: 'search'; text: string; companyRut: number | null }
  | { kind: 'company'; companyRut: number };

export type Outcome = {
  rut: string;
  name: string | null;
  status: 'done' | 'skipped';
  code: Skip['code'] | null;
  minutes: number | null;
  state: MembershipStateCode | null;
  message: string | null;
  /** What was done: the logins unlocked, or the mail sent. */
  portals: Portal[];
  mailKind: MailKind | null;
};

type Item = {
  rut: number;
  name: string | null;
  steps: Step[] | null;
  skip: Skip | null;
  /** Undo: the audit event of the action being undone; a later one on the membership refuses. */
  undoAfterSeq?: number;
};

type Plan = {
  id: string;
  agentId: string;
  action: SelectionAction;
  companyRut: number | null;
  items: Item[];
};

type JobState = 'running' | 'done' | 'cancelled' | 'interrupted';

type Job = {
  id: string;
  agentId: string;
  action: SelectionAction;
  companyRut: number | null;
  reason: string;
  items: Item[];
  cursor: number;
  outcomes: Outcome[];
  applied: number;
  skipped: number;
  state: JobState;
  cancelRequested: boolean;
  startedAt: string;
  finishedAt: string | null;
  undoOf: string | null;
  undoneBy: string | null;
  /** Audit seq of each person's (last) action, for an undo. */
  seqs: Map<number, number>;
  finished: Promise<void>;
};

export type SelectionDeps = {
  context: ServiceContext;
  /** Something was queued: let the sync engine push it. */
  kick: () => void;
  /** Is the agent who started a job still the one signed in (not signed out, not locked)? */
  signedIn: (agentId: string) => boolean;
  log: (message: string, error?: unknown) => void;
  /** Tests: persons per slice instead of a time budget, for a deterministic cancel. */
  slicePersons?: number;
};

const ruleSkips: Partial<Record<string, Skip['code']>> = {
  not_locked: 'not_locked',
  no_email: 'no_email',
  cooldown: 'cooldown',
  mail_not_applicable: 'mail_not_applicable',
  no_account: 'no_account',
  no_membership: 'no_membership',
  company_not_adherent: 'company_not_adherent',
};

const fromState: Partial<Record<MembershipStateCode, Skip['code']>> = {
  removed: 'dismissed',
  disabled: 'already_disabled',
  paused: 'paused',
  active: 'already_enabled',
};

/** A refusal of an ordinary action, as the reason this person was skipped. */
function skipOf(error: unknown): Skip | null {
  if (error instanceof StaleError) return { code: 'stale' };
  if (error instanceof ForbiddenError) return { code: 'out_of_scope' };
  if (error instanceof NotFoundError) return { code: 'not_found' };
  if (error instanceof RuleError) {
    if (error.code === 'invalid_transition') {
      const code = fromState[error.params['from'] as MembershipStateCode];
      if (code) return { code };
    }
    const code = ruleSkips[error.code];
    if (code === 'cooldown') return { code, minutes: Number(error.params['minutes']) };
    if (code) return { code };
    return { code: 'failed', message: ruleMessages[error.code]?.(error.params) ?? error.code };
  }
  return null;
}

const opposite = (action: SelectionAction): SelectionAction =>
  action === 'disable' ? 'enable' : 'disable';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSelectionService(deps: SelectionDeps) {
  const ctx = deps.context;
  const repo = createSelectionRepository(ctx.db.$client, ctx.repos.writes);
  const plans = new Map<string, Plan>();
  const jobs = new Map<string, Job>();

  const supervisor = (session: Session) => {
    if (session.role !== 'supervisor') throw new ForbiddenError('role');
  };
  const personRut = (rut: number) => loginRut(rutFromBody(rut));

  const companyOf = (companyRut: number | null) => {
    if (companyRut === null) return null;
    const company = repo.company(companyRut);
    if (!company) throw new NotFoundError('company');
    return company;
  };

  /** The per-person rule over the replica as it is now. */
  function assess(
    session: Session,
    action: SelectionAction,
    rut: number,
    companyRut: number | null,
    portals: Portal[] | null,
  ): Item {
    const person = repo.person(rut);
    if (!person) return { rut, name: null, steps: null, skip: { code: 'not_found' } };
    const permission =
      action === 'unlock'
        ? 'account.unlock'
        : action === 'resend_mail'
          ? 'mail.resend'
          : (`membership.${action}` as const);
    const decision = decide(
      currentScope(ctx, session),
      permission,
      personTarget(() => ctx.repos.writes.companyRuts(rut), companyRut ?? undefined),
    );
    if (!decision.allowed) {
      return { rut, name: person.name, steps: null, skip: { code: 'out_of_scope' } };
    }
    // Ley 21.719: a temporary block refuses every one of these actions (blockDecision, as each
    // action applies it): said in the preview, not counted as «se aplicará» to be refused later.
    const block = ctx.repos.dataRequests.activeBlock(rut);
    if (block) {
      const message = ruleMessages['person_blocked']!({ number: block.requestNumber });
      return { rut, name: person.name, steps: null, skip: { code: 'failed', message } };
    }
    const facts = repo.facts(rut, action, companyRut) as PersonFacts;
    const verdict = selectionApplicability(action, facts, ctx.now(), portals);
    return verdict.applies
      ? { rut, name: person.name, steps: verdict.steps, skip: null }
      : { rut, name: person.name, steps: null, skip: verdict.skip };
  }

  const outcome = (item: Item, skip: Skip | null, steps: Step[] | null): Outcome => {
    const done = skip === null && steps !== null;
    return {
      rut: personRut(item.rut),
      name: item.name,
      status: done ? 'done' : 'skipped',
      code: skip?.code ?? null,
      minutes: skip?.minutes ?? null,
      state: skip?.state ?? null,
      message: skip?.message ?? null,
      portals: done
        ? steps.flatMap((s) =>
            s.action === 'unlock' || s.action === 'resend_mail' ? [s.portal] : [],
          )
        : [],
      mailKind: done ? (steps.find((s) => s.action === 'resend_mail')?.kind ?? null) : null,
    };
  };

  /** One person: the ordinary actions, all or none (a savepoint within the slice's commit). */
  function runPerson(job: Job, session: Session, item: Item): Outcome {
    if (item.skip) return outcome(item, item.skip, null);
    const portals =
      job.companyRut === null ? null : preferredPortals(companyOf(job.companyRut)!.portals);
    const now = assess(session, job.action, item.rut, job.companyRut, portals);
    if (now.skip) return outcome(item, now.skip, null);
    if (item.undoAfterSeq !== undefined && job.companyRut !== null) {
      if (repo.membershipChangedAfter(item.rut, job.companyRut, item.undoAfterSeq)) {
        const state = ctx.repos.writes.membership(item.rut, job.companyRut)?.state;
        return outcome(item, { code: 'changed_since', ...(state ? { state } : {}) }, null);
      }
    }
    // A version that moved since the preview: someone else changed this person meanwhile.
    const seen = JSON.stringify(item.steps);
    if (item.steps !== null && seen !== JSON.stringify(now.steps)) {
      return outcome(item, { code: 'stale' }, null);
    }
    const bulk = { selectionId: job.id };
    const reason = job.reason;
    try {
      const seq = ctx.db.$client.transaction(() => {
        let last = 0;
        for (const step of now.steps!) {
          const receipt =
            step.action === 'unlock'
              ? unlockAccount(ctx, session, {
                  personRut: item.rut,
                  portal: step.portal,
                  identityCheck: [],
                  reason,
                  expectedVersion: step.version,
                  bulk,
                })
              : step.action === 'resend_mail'
                ? resendMail(ctx, session, {
                    personRut: item.rut,
                    portal: step.portal,
                    kind: step.kind,
                    reason,
                    bulk,
                  })
                : changeMembershipState(ctx, session, {
                    personRut: item.rut,
                    companyRut: job.companyRut!,
                    change: step.action,
                    reason,
                    expectedVersion: step.version,
                    bulk,
                  });
          last = receipt.auditSeq;
        }
        return last;
      })();
      job.seqs.set(item.rut, seq);
      return outcome(item, null, now.steps);
    } catch (error) {
      const skip = skipOf(error);
      if (skip) return outcome(item, skip, null);
      deps.log(`selection ${job.id}: person ${item.rut} failed`, error);
      return outcome(item, { code: 'failed' }, null);
    }
  }

  async function drive(job: Job, session: Session): Promise<void> {
    await yieldToLoop();
    while (job.cursor < job.items.length) {
      if (job.cancelRequested) break;
      if (!deps.signedIn(job.agentId)) {
        job.state = 'interrupted';
        break;
      }
      const until = performance.now() + SLICE_MS;
      const start = job.cursor;
      // One commit (one fsync) per slice; each person is a savepoint inside it, so a refusal
      // undoes that person only. Nothing is counted until the slice is on disk.
      let slice: Outcome[];
      try {
        slice = ctx.db.$client.transaction(() => {
          const done: Outcome[] = [];
          do {
            done.push(runPerson(job, session, job.items[start + done.length]!));
          } while (
            start + done.length < job.items.length &&
            (deps.slicePersons === undefined
              ? performance.now() < until
              : done.length < deps.slicePersons)
          );
          return done;
        })();
      } catch (error) {
        // The slice did not reach the disk (disk full, I/O error): none of it happened.
        deps.log(`selection ${job.id}: a slice could not be saved`, error);
        for (const item of job.items.slice(start)) job.seqs.delete(item.rut);
        slice = [outcome(job.items[start]!, { code: 'failed' }, null)];
        job.state = 'interrupted';
      }
      for (const result of slice) {
        job.outcomes.push(result);
        if (result.status === 'done') job.applied += 1;
        else job.skipped += 1;
      }
      job.cursor = start + slice.length;
      if (job.state !== 'running') break;
      deps.kick();
      await yieldToLoop();
    }
    for (const item of job.items.slice(job.cursor)) {
      job.outcomes.push(outcome(item, { code: 'not_processed' }, null));
      job.skipped += 1;
    }
    if (job.state === 'running') job.state = job.cancelRequested ? 'cancelled' : 'done';
    job.finishedAt = ctx.now().toISOString();
  }

  function launch(
    session: Session,
    spec: Pick<Job, 'action' | 'companyRut' | 'reason' | 'items' | 'undoOf'>,
  ): Job {
    if ([...jobs.values()].some((j) => j.state === 'running'))
      throw new RuleError('selection_busy');
    const job: Job = {
      id: newId(),
      agentId: session.agentId,
      ...spec,
      cursor: 0,
      outcomes: [],
      applied: 0,
      skipped: 0,
      state: 'running',
      cancelRequested: false,
      startedAt: ctx.now().toISOString(),
      finishedAt: null,
      undoneBy: null,
      seqs: new Map(),
      finished: Promise.resolve(),
    };
    job.finished = drive(job, session).catch((error: unknown) => {
      deps.log(`selection ${job.id} stopped`, error);
      job.state = 'interrupted';
      job.finishedAt = ctx.now().toISOString();
    });
    jobs.set(job.id, job);
    while (jobs.size > JOBS_KEPT) {
      const oldest = [...jobs.values()].find((j) => j.state !== 'running');
      if (!oldest) break;
      jobs.delete(oldest.id);
    }
    return job;
  }

  const jobOf = (session: Session, jobId: string) => {
    supervisor(session);
    const job = jobs.get(jobId);
    if (!job || job.agentId !== session.agentId) throw new RuleError('selection_gone');
    return job;
  };

  const undoable = (job: Job) =>
    (job.action === 'disable' || job.action === 'enable') &&
    job.state !== 'running' &&
    job.undoneBy === null &&
    job.applied > 0;

  const view = (job: Job) => {
    const company = job.companyRut === null ? null : repo.company(job.companyRut);
    return {
      jobId: job.id,
      action: job.action,
      company:
        job.companyRut === null
          ? null
          : { rut: personRut(job.companyRut), name: company?.legalName ?? null },
      reason: job.reason,
      state: job.state,
      total: job.items.length,
      processed: job.cursor,
      applied: job.applied,
      skipped: job.skipped,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      // The list is sent once the run is over; meanwhile the counts are enough.
      outcomes: job.state === 'running' ? [] : job.outcomes,
      undoOf: job.undoOf,
      undoneBy: job.undoneBy,
      undoable: undoable(job),
    };
  };

  return {
    /** "Seleccionar todos los N": every RUT of the same list, at most SELECTION_CAP. */
    resolve(session: Session, source: SelectionSource) {
      supervisor(session);
      if (source.kind === 'company') {
        companyOf(source.companyRut);
        const { ruts, total } = repo.companyUsers(source.companyRut, SELECTION_CAP);
        return {
          ruts: ruts.map((rut) => personRut(rut)),
          total,
          capped: total > ruts.length,
          cap: SELECTION_CAP,
        };
      }
      const ruts: string[] = [];
      let total = 0;
      const companyRut = source.companyRut === null ? null : personRut(source.companyRut);
      for (let offset = 0; ruts.length < SELECTION_CAP;) {
        const page = searchPersons(
          ctx.repos.search,
          { text: source.text, companyRut, offset, limit: 500 },
          ctx.now(),
          // What the text names: never names that only sound like it.
          { assigned: null, soundsLike: false },
        );
        total = Math.max(total, page.total);
        ruts.push(...page.persons.map((p) => p.rut));
        if (!page.hasMore || page.persons.length === 0) break;
        offset += page.persons.length;
      }
      const kept = ruts.slice(0, SELECTION_CAP);
      return { ruts: kept, total, capped: total > kept.length, cap: SELECTION_CAP };
    },

    /** What the action would do to each person now; kept for `start` to act on. */
    async preview(
      session: Session,
      input: { action: SelectionAction; ruts: number[]; companyRut: number | null },
    ) {
      supervisor(session);
      if (needsCompany(input.action) && input.companyRut === null) {
        throw new RuleError('selection_company_required');
      }
      const company = companyOf(input.companyRut);
      const portals = company ? preferredPortals(company.portals) : null;
      const ruts = [...new Set(input.ruts)].slice(0, SELECTION_CAP);
      const items: Item[] = [];
      let until = performance.now() + SLICE_MS;
      for (const rut of ruts) {
        items.push(assess(session, input.action, rut, input.companyRut, portals));
        if (performance.now() > until) {
          await yieldToLoop();
          until = performance.now() + SLICE_MS;
        }
      }
      const plan: Plan = {
        id: newId(),
        agentId: session.agentId,
        action: input.action,
        companyRut: input.companyRut,
        items,
      };
      plans.set(plan.id, plan);
      while (plans.size > PLANS_KEPT) plans.delete(plans.keys().next().value!);
      const skipped = items.filter((i) => i.skip !== null);
      return {
        planId: plan.id,
        action: plan.action,
        company: company ? { rut: personRut(input.companyRut!), name: company.legalName } : null,
        total: items.length,
        applicable: items.length - skipped.length,
        skipped: skipped.map((item) => outcome(item, item.skip, null)),
      };
    },

    start(session: Session, planId: string, reason: string) {
      supervisor(session);
      const plan = plans.get(planId);
      if (!plan || plan.agentId !== session.agentId) throw new RuleError('selection_gone');
      const trimmed = reason.trim();
      if (trimmed.length < MIN_BULK_REASON) {
        throw new RuleError('selection_reason_required', { min: MIN_BULK_REASON });
      }
      const job = launch(session, {
        action: plan.action,
        companyRut: plan.companyRut,
        reason: trimmed,
        items: plan.items,
        undoOf: null,
      });
      plans.delete(planId);
      return view(job);
    },

    status(session: Session, jobId: string) {
      return view(jobOf(session, jobId));
    },

    cancel(session: Session, jobId: string) {
      const job = jobOf(session, jobId);
      if (job.state === 'running') job.cancelRequested = true;
      return view(job);
    },

    /**
     * Gives back what a membership run changed, person by person: only where the membership is
     * still as the run left it and nobody acted on it since (those are listed, not overwritten).
     */
    undo(session: Session, jobId: string, reason: string) {
      const job = jobOf(session, jobId);
      if (!undoable(job)) throw new RuleError('selection_not_undoable');
      const trimmed = reason.trim();
      if (trimmed.length < MIN_BULK_REASON) {
        throw new RuleError('selection_reason_required', { min: MIN_BULK_REASON });
      }
      const left: MembershipStateCode = job.action === 'disable' ? 'disabled' : 'active';
      const items: Item[] = job.items.flatMap((item): Item[] => {
        const seq = job.seqs.get(item.rut);
        if (seq === undefined) return [];
        const membership = ctx.repos.writes.membership(item.rut, job.companyRut!);
        if (!membership || membership.state !== left) {
          return [
            {
              rut: item.rut,
              name: item.name,
              steps: null,
              skip: { code: 'changed_since', ...(membership ? { state: membership.state } : {}) },
            },
          ];
        }
        return [
          {
            rut: item.rut,
            name: item.name,
            steps: [
              { action: opposite(job.action) as 'disable' | 'enable', version: membership.version },
            ],
            skip: null,
            undoAfterSeq: seq,
          },
        ];
      });
      const undo = launch(session, {
        action: opposite(job.action),
        companyRut: job.companyRut,
        reason: trimmed,
        items,
        undoOf: job.id,
      });
      job.undoneBy = undo.id;
      return view(undo);
    },

    /** The report as a spreadsheet file (formulas neutralised, like every CSV the desk writes). */
    exportCsv(session: Session, jobId: string) {
      const job = jobOf(session, jobId);
      const m = selectionMessages;
      const lines: string[][] = [[...m.csvHeaders]];
      for (const o of job.outcomes) {
        lines.push([
          formatRut(rutFromBody(Number(o.rut.slice(0, o.rut.indexOf('-'))))),
          o.name ?? '',
          o.status === 'done' ? m.outcomeDone : m.outcomeSkipped,
          m.outcomeDetail(o, job.action),
        ]);
      }
      const stamp = job.startedAt.slice(0, 16).replace(/[-:T]/g, '');
      return {
        filename: `seleccion-${job.action}-${stamp}.csv`,
        csv: csvFile(lines),
        rows: job.outcomes.length,
      };
    },

    /** Tests and shutdown: resolves when the running job (if any) has stopped. */
    async idle(): Promise<void> {
      await Promise.all([...jobs.values()].map((j) => j.finished));
    },
  };
}

export type SelectionService = ReturnType<typeof createSelectionService>;
