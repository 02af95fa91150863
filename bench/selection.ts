/**
 * `npm run bench:select -- --persons 20000 --selected 5000`: acting on a selection (issue 8,
 * item 2). Seeds a fresh replica, selects `--selected` people and resends each the password mail
 * that fits (the heaviest action: the shared mail rule, a queued mail, an intent, an audit event),
 * through the channels the screen uses. Beside it, in the same run, the same service called for
 * each person in its own transaction (one commit each), on a second replica. Prints one JSON line:
 * preview and run times, persons per second, the ratio to the one-commit-per-person baseline,
 * the event loop's worst delay during the run, and RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../src/main/core';
import { CAST_AGENTS } from '../src/storage/seed/cast';
import { fittingMailKinds } from '../src/shared/rules/access';
import { resendMail } from '../src/main/services/resend-mail';
import { loginRut, rutFromBody } from '../src/shared/rut';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    selected: { type: 'string', default: '5000' },
  },
});
const persons = Number(values.persons);
const selected = Math.min(Number(values.selected), 5000);

function open(): { core: Core; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-select-'));
  const core = createCore({
    dataDir: dir,
    door: 'web',
    version: 'bench',
    demoPersons: persons,
    replicaKeys: null,
    log: () => {},
  });
  const agent = CAST_AGENTS.find((a) => a.username === 'supervisora')!;
  const signed = core.dispatchNow('auth.signIn', {
    username: agent.username,
    password: agent.password,
  });
  if (!signed.ok) throw new Error(signed.error.message);
  return { core, dir };
}

async function ask<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const envelope = await core.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope.value as T;
}

const chosen = (core: Core) =>
  core.db.$client
    .prepare('SELECT rut FROM persons ORDER BY rut LIMIT ?')
    .pluck()
    .all(selected) as number[];

// The run, through the channels.
const run = open();
const ruts = chosen(run.core).map((rut) => loginRut(rutFromBody(rut)));
const lag = monitorEventLoopDelay({ resolution: 5 });
let t = performance.now();
const preview = await ask<{ planId: string; applicable: number }>(run.core, 'selection.preview', {
  action: 'resend_mail',
  ruts,
});
const previewMs = performance.now() - t;
lag.enable();
t = performance.now();
const started = await ask<{ jobId: string }>(run.core, 'selection.start', {
  planId: preview.planId,
  reason: 'Medición de rendimiento de la selección',
});
await run.core.selectionIdle();
const runMs = performance.now() - t;
lag.disable();
const job = await ask<{ applied: number }>(run.core, 'selection.status', started);
const rssMb = Math.round(process.memoryUsage().rss / 1e6);
run.core.close();
fs.rmSync(run.dir, { recursive: true, force: true });

// Baseline: the same service per person, one commit each, no slices, no yields.
const base = open();
const { writes } = base.core.context.repos;
let baselineApplied = 0;
t = performance.now();
for (const rut of chosen(base.core)) {
  const person = writes.person(rut);
  if (!person?.email) continue;
  for (const portal of ['achs_gestion', 'portal_heroes'] as const) {
    const account = writes.account(rut, portal);
    if (!account) continue;
    const kind = fittingMailKinds(writes.mailFacts(person, account)).find(
      (k) => k === 'password_creation' || k === 'password_reset',
    );
    if (!kind) continue;
    try {
      resendMail(
        base.core.context,
        {
          agentId: 'bench',
          username: 'supervisora',
          displayName: 'bench',
          personRut: null,
          role: 'supervisor',
          companyRuts: [],
          adminOfCompanyRuts: [],
        },
        { personRut: rut, portal, kind },
      );
      baselineApplied += 1;
    } catch {
      // a cool-down or a refusal: not counted
    }
    break;
  }
}
const baselineMs = performance.now() - t;
base.core.close();
fs.rmSync(base.dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    persons,
    selected: ruts.length,
    applied: job.applied,
    previewMs: Math.round(previewMs),
    runMs: Math.round(runMs),
    runPersonsPerSec: Math.round(ruts.length / (runMs / 1000)),
    baselineApplied,
    baselineMs: Math.round(baselineMs),
    runToBaselineSpeed: Number((baselineMs / runMs).toFixed(2)),
    maxEventLoopLagMs: Math.round(lag.max / 1e6),
    rssMb,
  }),
);
