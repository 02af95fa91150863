/**
 * Several agents on one desk (issue 11, item 2), against the real central API: each agent's
 * actions travel only with that agent's own token, in order per agent; an agent who never
 * returns does not hold back the others; a supervisor can take over that agent's actions, which
 * then go with the supervisor's token and authority, both recorded with the reason.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { seededCore, signInAs } from '../support/context';
import type { PendingAction, SyncStatus } from '../../src/shared/contract';
import {
  act,
  editPhone,
  openDesk,
  openSharedDesk,
  signIn,
  startCentral,
  startProxy,
  syncNow,
  phoneOn,
  record,
} from '../support/sync-setup';

const PEDRO = '12345678-5'; // anyone: for the call-center agent
const RICARDO = '12131415-0'; // Los Andes: for the prevention officer
const status = (desk: Core): SyncStatus => act(desk, 'sync.status', {});

describe('several agents on a desk with no central API', () => {
  it("counts another agent's pending actions as theirs, as a synced desk does", () => {
    const desk = seededCore(300, { as: 'agente' });
    editPhone(desk, PEDRO, '+56 9 1000 0009');
    expect(status(desk)).toMatchObject({
      state: 'not_configured',
      pending: 1,
      waitingForOtherAgent: 0,
    });
    signInAs(desk, 'prevencion');
    editPhone(desk, RICARDO, '+56 9 2000 0009');
    // His own and Alicia's: the page says whose the other one is.
    expect(status(desk)).toMatchObject({ pending: 2, waitingForOtherAgent: 1 });
  });
});

describe('several agents on one desk', () => {
  it('interleaved queues: each agent in order with their own token; one who never returns holds back no one; a supervisor takes over', async () => {
    // Both have signed in online on this desk before, so both may sign in offline later.
    const { central, proxy, desk } = await openSharedDesk();

    // The network goes; the shift changes twice; their actions interleave in the queue.
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'agente');
    editPhone(desk, PEDRO, '+56 9 1000 0001');
    await signIn(desk, 'prevencion');
    editPhone(desk, RICARDO, '+56 9 2000 0001');
    await signIn(desk, 'agente');
    editPhone(desk, PEDRO, '+56 9 1000 0002');
    await signIn(desk, 'prevencion');
    editPhone(desk, RICARDO, '+56 9 2000 0002');
    expect(
      desk.db.$client
        .prepare("SELECT agent_id FROM outbox WHERE state = 'pending' ORDER BY seq")
        .all(),
    ).toEqual([
      { agent_id: 'agent-demo' },
      { agent_id: 'prevention-demo' },
      { agent_id: 'agent-demo' },
      { agent_id: 'prevention-demo' },
    ]);

    // The network is back; the officer signs in again. The call-center agent never returns.
    proxy.setFaults(() => ({ kind: 'pass' }));
    await signIn(desk, 'prevencion');
    const pushesFrom = proxy.seen.length;
    const officer = await syncNow(desk);
    // His two went, in his order, though the agent's first action is older than both.
    expect(phoneOn(central, 12131415)).toBe('+56920000002');
    expect(phoneOn(central, 12345678)).not.toMatch(/^\+5691000000/);
    expect(officer).toMatchObject({ state: 'idle', pending: 2, waitingForOtherAgent: 2 });
    expect(officer.stuck).toBe(false);
    // Every push carried only the token's own agent's actions, each naming its lane's previous.
    const pushes = proxy.seen
      .slice(pushesFrom)
      .filter((r) => r.path === '/sync/push')
      .map(
        (r) =>
          JSON.parse(r.body) as {
            mutations: Array<{ id: number; agentId: string; after: number }>;
          },
      );
    expect(pushes.flatMap((p) => p.mutations.map((m) => [m.id, m.agentId, m.after]))).toEqual([
      [2, 'prevention-demo', 0],
      [4, 'prevention-demo', 2],
    ]);
    const lanes = central.db.$client
      .prepare(
        'SELECT mutation_id, lane_agent_id, sent_by FROM mutation_results WHERE device_id = ? ORDER BY mutation_id',
      )
      .all(desk.context.deviceId);
    expect(lanes).toEqual([
      { mutation_id: 2, lane_agent_id: 'prevention-demo', sent_by: null },
      { mutation_id: 4, lane_agent_id: 'prevention-demo', sent_by: null },
    ]);

    // A supervisor signs in: the agent's actions still wait for the agent…
    await signIn(desk, 'supervisora');
    expect(await syncNow(desk)).toMatchObject({ pending: 2, waitingForOtherAgent: 2 });
    const pending: PendingAction[] = act(desk, 'sync.pending', {});
    expect(pending.map((a) => [a.agentId, a.sentBy])).toEqual([
      ['agent-demo', null],
      ['agent-demo', null],
    ]);
    // …until she takes them over, with a reason: then they go with her token, in order.
    const taken = act(desk, 'sync.reassign', {
      fromAgentId: 'agent-demo',
      reason: 'Dejó la empresa; no volverá a este equipo',
    });
    expect(taken.reassigned).toBe(2);
    expect(taken.pending.map((a: PendingAction) => a.sentByName)).toEqual([
      'Sara Supervisora',
      'Sara Supervisora',
    ]);
    expect(await syncNow(desk)).toMatchObject({ state: 'idle', pending: 0, rejected: 0 });
    expect(phoneOn(central, 12345678)).toBe('+56910000002');
    // The phone says who decided the change (the agent), not who sent it (the supervisor).
    expect(
      central.db.$client
        .prepare('SELECT phone_changed_by FROM persons WHERE rut = 12345678')
        .pluck()
        .get(),
    ).toBe('Alicia Agente');
    // The central API records both who decided them and who sent them, with the reason.
    expect(
      central.db.$client
        .prepare(
          `SELECT mutation_id, lane_agent_id, sent_by, reassign_reason, agent_id, status
           FROM mutation_results
           WHERE device_id = ? AND lane_agent_id = 'agent-demo' ORDER BY mutation_id`,
        )
        .all(desk.context.deviceId),
    ).toEqual(
      [1, 3].map((id) => ({
        mutation_id: id,
        lane_agent_id: 'agent-demo',
        sent_by: 'supervisor-demo',
        reassign_reason: 'Dejó la empresa; no volverá a este equipo',
        agent_id: 'supervisor-demo',
        status: 'applied',
      })),
    );
    // And the desk's audit log says who took them over and why.
    const audit = desk.db.$client
      .prepare("SELECT agent_id, reason, before FROM audit_events WHERE action = 'sync.reassign'")
      .all() as Array<{ agent_id: string; reason: string; before: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      agent_id: 'supervisor-demo',
      reason: 'Dejó la empresa; no volverá a este equipo',
    });
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ agentId: 'agent-demo' });
    expect(status(desk).waitingForOtherAgent).toBe(0);
  });

  it('shift after shift between an officer and the others, each change of scope reloads the replica and never stops the sync', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'agente' });
    await syncNow(desk);
    const everyone = (
      central.db.$client.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }
    ).n;
    const persons = () => (act(desk, 'app.info', {}) as { persons: number }).persons;
    expect(persons()).toBe(everyone);
    // Within the hour, more scope changes than the loop guard allows for one agent.
    for (const user of [
      'prevencion',
      'agente',
      'prevencion',
      'supervisora',
      'prevencion',
    ] as const) {
      await signIn(desk, user);
      const after = await syncNow(desk);
      expect(after.lastError, user).toBeNull();
      expect(after.state, user).toBe('idle');
      if (user === 'prevencion') expect(persons()).toBeLessThan(everyone);
      else expect(persons(), user).toBe(everyone);
    }
  });

  it('a server that keeps asking the same agent to reload everything is stopped, and said so', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'agente' });
    await syncNow(desk);
    // Once caught up, every pull is refused as if the server had been restored: each cycle
    // reloads everything, and the next asks again.
    const caughtUp = (path: string) => {
      const cursor = new URL(path, 'http://x').searchParams.get('cursor') ?? '';
      return cursor !== '' && JSON.parse(Buffer.from(cursor, 'base64url').toString()).m === 'l';
    };
    proxy.setFaults((request) =>
      request.path.startsWith('/sync/pull') && caughtUp(request.path)
        ? { kind: 'respond', status: 410, body: { error: 'resync_required' } }
        : { kind: 'pass' },
    );
    const errors: Array<string | null> = [];
    for (let cycle = 0; cycle < 4; cycle++) errors.push((await syncNow(desk)).lastError);
    // Three reloads within the hour are let through; the fourth is a loop.
    expect(errors.slice(0, 3)).toEqual([null, null, null]);
    expect(errors[3]).toMatch(/una y otra vez/);
  });

  const FRANCISCA = '18765432-7';
  /**
   * Francisca's new e-mail, changed by the agent while the central API is out of reach; the agent
   * leaves and the supervisor (signed in here online before) takes the desk.
   */
  async function agentsEmailWaiting() {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'agente' });
    await syncNow(desk);
    await signIn(desk, 'supervisora');
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'agente');
    act(desk, 'contact.edit', {
      rut: FRANCISCA,
      email: 'francisca.nueva@correo.cl',
      reason: 'Corrección pedida por ella',
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: record(desk, FRANCISCA).version,
    });
    await signIn(desk, 'supervisora');
    return desk;
  }

  it('a resend to an address another agent changed here, not yet at the central, is refused at once', async () => {
    // The supervisor, on the same desk, is asked to send the mail again.
    const desk = await agentsEmailWaiting();
    const resend = { rut: FRANCISCA, portal: 'achs_gestion', kind: 'email_confirmation' };
    // Her record's mail buttons say why before any dialog, not after «Enviar».
    expect(record(desk, FRANCISCA).can.resendMail).toEqual({
      allowed: false,
      reason: 'email_held',
    });
    const refused = desk.dispatchNow('mails.resend', resend);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'rule' });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /^El correo de esta persona lo cambió Alicia Agente en este equipo y ese cambio aún no llega al sistema central/,
    );
    expect(
      desk.db.$client
        .prepare("SELECT count(*) FROM outbox WHERE kind = 'mail.resend'")
        .pluck()
        .get(),
    ).toBe(0);
    // Once she takes that change over, it leaves before her resend (her lane): not refused.
    act(desk, 'sync.reassign', { fromAgentId: 'agent-demo', reason: 'No volvió al turno' });
    expect(record(desk, FRANCISCA).can.resendMail).toEqual({ allowed: true });
    const after = desk.dispatchNow('mails.resend', resend);
    expect(after.ok ? null : after.error.message).not.toMatch(/aún no llega al sistema central/);
  });

  it('an address the agent on the desk set herself, over another agent’s waiting change, is hers to send mails to (walk 59b)', async () => {
    const desk = await agentsEmailWaiting();
    expect(record(desk, FRANCISCA).can.resendMail).toMatchObject({ reason: 'email_held' });
    // She corrects it again herself: the address shown is hers, not the agent's waiting one.
    act(desk, 'contact.edit', {
      rut: FRANCISCA,
      email: 'francisca.otra@correo.cl',
      reason: 'Volvió a llamar',
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: record(desk, FRANCISCA).version,
    });
    expect(record(desk, FRANCISCA).can.resendMail).toEqual({ allowed: true });
    const resent = desk.dispatchNow('mails.resend', {
      rut: FRANCISCA,
      portal: 'achs_gestion',
      kind: 'email_confirmation',
    });
    expect(resent.ok ? '' : resent.error.message).not.toMatch(/aún no llega al sistema central/);
  });

  it("an agent's change over another agent's still waiting here is no conflict, whichever arrives first", async () => {
    const { central, proxy, desk } = await openSharedDesk();
    const original = phoneOn(central, 12131415);

    // Offline, the officer changes Ricardo's mobile and leaves; the agent, back online, sees the
    // officer's number and changes it again. The officer's change waits in his lane.
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, RICARDO, '+56 9 4444 3333');
    await signIn(desk, 'agente');
    proxy.setFaults(() => ({ kind: 'pass' }));
    expect(record(desk, RICARDO).phone).toBe('+56944443333');
    editPhone(desk, RICARDO, '+56 9 2222 1111');
    // The central never had the officer's number: the agent's change applies all the same.
    expect(await syncNow(desk)).toMatchObject({ conflicts: 0, rejected: 0, pending: 1 });
    expect(phoneOn(central, 12131415)).toBe('+56922221111');
    expect(record(desk, RICARDO).phone).toBe('+56922221111');

    // The officer's own change, decided before and arriving after, is his conflict to weigh.
    await signIn(desk, 'prevencion');
    expect(await syncNow(desk)).toMatchObject({ conflicts: 1, pending: 0 });
    const [issue] = act(desk, 'sync.issues', {});
    expect(issue).toMatchObject({
      conflicts: [{ field: 'phone', yours: '+56944443333', theirs: '+56922221111' }],
      centralChange: { of: 'phone', by: 'Alicia Agente' },
    });
    expect(original).not.toBe('+56944443333');
    // The agent signed in after him: her badge counts what her «Por revisar» lists, none of his.
    await signIn(desk, 'agente');
    expect(await syncNow(desk)).toMatchObject({ conflicts: 0 });
    expect(act(desk, 'sync.issues', {})).toEqual([]);
    await signIn(desk, 'prevencion');

    // The other order, all offline: the officer's change, then the agent's over it. Back
    // online the officer signs in first, so his arrives first; the agent's still applies.
    act(desk, 'sync.resolve', { actionId: issue.actionId, choice: 'keep_theirs' });
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, RICARDO, '+56 9 5555 0001');
    await signIn(desk, 'agente');
    editPhone(desk, RICARDO, '+56 9 5555 0002');
    // An hour passes before the network is back.
    desk.clock.now = new Date(desk.clock.now.getTime() + 3_600_000);
    proxy.setFaults(() => ({ kind: 'pass' }));
    await signIn(desk, 'prevencion');
    expect(await syncNow(desk)).toMatchObject({ conflicts: 0, pending: 1 });
    expect(phoneOn(central, 12131415)).toBe('+56955550001');
    // The central dates the change when it was decided, an hour before it arrived.
    const dated = central.db.$client
      .prepare(
        `SELECT p.phone_changed_at AS changed, r.processed_at AS arrived
         FROM persons p, mutation_results r WHERE p.rut = 12131415
         ORDER BY r.processed_at DESC LIMIT 1`,
      )
      .get() as { changed: string; arrived: string };
    const early = Date.parse(dated.arrived) - Date.parse(dated.changed);
    expect(early).toBeGreaterThanOrEqual(3_600_000);
    expect(early).toBeLessThan(3_660_000);
    await signIn(desk, 'agente');
    expect(await syncNow(desk)).toMatchObject({ conflicts: 0, pending: 0 });
    expect(phoneOn(central, 12131415)).toBe('+56955550002');
    expect(record(desk, RICARDO).phone).toBe('+56955550002');
  });

  it("another agent's waiting change a pull has overtaken is not offered as seen", async () => {
    const { central, proxy, desk } = await openSharedDesk();
    const original = phoneOn(central, 12131415);
    // Offline, the officer changes Ricardo's mobile; his change waits in his lane.
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, RICARDO, '+56 9 4444 0001');
    await signIn(desk, 'agente');
    proxy.setFaults(() => ({ kind: 'pass' }));
    // Meanwhile another desk sets it on the central; the pull brings it over the officer's.
    const other = await openDesk(central.url, { user: 'supervisora' });
    await syncNow(other);
    editPhone(other, RICARDO, '+56 9 4444 0002');
    await syncNow(other);
    await syncNow(desk);
    expect(record(desk, RICARDO).phone).toBe('+56944440002');
    // The agent corrects what is shown: the officer's chain is not what they saw, so nothing
    // of it travels as seen…
    editPhone(desk, RICARDO, '+56 9 4444 0003');
    const sent = desk.db.$client
      .prepare(
        "SELECT json_extract(payload, '$.changes.phone') FROM outbox WHERE agent_id = 'agent-demo' ORDER BY seq DESC LIMIT 1",
      )
      .pluck()
      .get() as string;
    expect(JSON.parse(sent)).toEqual({ from: '+56944440002', to: '+56944440003' });
    // …and a revert on the central to the officer's starting value, unseen here, is a conflict.
    await syncNow(other);
    editPhone(other, RICARDO, original);
    await syncNow(other);
    expect(phoneOn(central, 12131415)).toBe(original);
    expect(await syncNow(desk)).toMatchObject({ conflicts: 1 });
  });

  it("a disabled agent's waiting actions are said to wait for no one: only a supervisor's re-assign sends them", async () => {
    const { central, proxy, desk } = await openSharedDesk();
    // The officer changes Ricardo's mobile offline and leaves; then he is disabled centrally.
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, RICARDO, '+56 9 4444 1212');
    proxy.setFaults(() => ({ kind: 'pass' }));
    central.db.$client.prepare("UPDATE agents SET active = 0 WHERE username = 'prevencion'").run();
    // He tries to come back: the central says he is disabled, and this desk keeps it.
    expect(
      await desk.dispatch('auth.signIn', { username: 'prevencion', password: 'preven600' }),
    ).toMatchObject({ ok: false });
    await signIn(desk, 'supervisora');
    expect(act(desk, 'sync.pending', {})).toMatchObject([
      { agentName: 'Héctor Contreras (prevención)', agentDisabled: true },
    ]);
    expect(record(desk, RICARDO).pendingActions).toMatchObject([{ agentDisabled: true }]);
    // Another agent's, not disabled, is not said so.
    await signIn(desk, 'agente');
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    editPhone(desk, PEDRO, '+56 9 4444 1313');
    await signIn(desk, 'supervisora');
    expect(
      (act(desk, 'sync.pending', {}) as Array<{ agentName: string; agentDisabled: boolean }>).map(
        (a) => [a.agentName, a.agentDisabled],
      ),
    ).toEqual([
      ['Héctor Contreras (prevención)', true],
      ['Alicia Agente', false],
    ]);
  });

  it('re-assigning is for a supervisor, with a reason, for another agent', async () => {
    const central = await startCentral();
    const desk = await openDesk(central.url, { user: 'agente' });
    await syncNow(desk);
    const refuse = (input: unknown) => {
      const envelope = desk.dispatchNow('sync.reassign', input);
      expect(envelope.ok).toBe(false);
      return envelope.ok ? null : envelope.error;
    };
    expect(refuse({ fromAgentId: 'prevention-demo', reason: 'x' })).toMatchObject({
      code: 'forbidden',
    });
    await signIn(desk, 'supervisora');
    expect(refuse({ fromAgentId: 'agent-demo', reason: '   ' })!.message).toMatch(/motivo/i);
    // The same minimum as every reason, said.
    expect(refuse({ fromAgentId: 'agent-demo', reason: 'ok' })!.message).toMatch(
      /al menos 3 caracteres/,
    );
    expect(refuse({ fromAgentId: 'supervisor-demo', reason: 'Mías' })).toBeTruthy();
    expect(
      act(desk, 'sync.reassign', { fromAgentId: 'agent-demo', reason: 'Sin acciones' }),
    ).toEqual({
      reassigned: 0,
      pending: [],
    });
    expect(
      desk.db.$client
        .prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'sync.reassign'")
        .get(),
    ).toEqual({ n: 0 });
  });

  it('the central API refuses a re-assigned action from anyone but a supervisor', async () => {
    const central = await startCentral();
    const proxy = await startProxy(central.url);
    const desk = await openDesk(proxy.url, { user: 'agente' });
    await syncNow(desk);
    await signIn(desk, 'prevencion');
    proxy.setFaults(() => ({ kind: 'drop_request' }));
    await signIn(desk, 'agente');
    editPhone(desk, PEDRO, '+56 9 1000 0009');
    // A tampered desk marks the agent's action as the officer's to send.
    desk.db.$client
      .prepare("UPDATE outbox SET sent_by = 'prevention-demo', reassign_reason = 'Trampa'")
      .run();
    proxy.setFaults(() => ({ kind: 'pass' }));
    await signIn(desk, 'prevencion');
    // Refused: the agent's own «Por revisar» lists it, and so her badge counts it (not his).
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 0 });
    expect(phoneOn(central, 12345678)).not.toBe('+56910000009');
    await signIn(desk, 'agente');
    expect(await syncNow(desk)).toMatchObject({ pending: 0, rejected: 1 });
    expect(act(desk, 'sync.issues', {})).toMatchObject([{ state: 'rejected' }]);
  });
});
