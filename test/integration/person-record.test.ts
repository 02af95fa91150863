/**
 * persons.get on a real seeded replica: the cast covers every state an agent meets.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract, type Envelope, type PersonRecord } from '../../src/shared/contract';
import { dispatch, type Handlers } from '../../src/main/core';
import { addAtEspiga, call, seededCore, ANDES_CALLER } from '../support/context';
import { recordMessages } from '../../src/shared/messages';

function record(rut: string): PersonRecord {
  const envelope = seededCore(300).dispatchNow('persons.get', { rut });
  if (!envelope.ok) throw new Error(envelope.error.code);
  return contract['persons.get'].output.parse(envelope.value);
}

const ESPIGA = '78901234-2';
const RICARDO = '12131415-0';
const codes = (r: PersonRecord) => r.badges.map((badge) => badge.code);
/** One person's membership at La Espiga changed by hand (`set`: fixed SQL, never input). */
const setAtEspiga = (core: ReturnType<typeof seededCore>, personRut: number, set: string) =>
  core.db.$client
    .prepare(`UPDATE memberships SET ${set} WHERE person_rut = ? AND company_rut = 78901234`)
    .run(personRut);

describe('persons.get', () => {
  it('shows a temporary lock with its end and the attempts, and the last mail', () => {
    const pedro = record('12.345.678-5');
    expect(pedro).toMatchObject({
      rut: '12345678-5',
      givenNames: 'Pedro Andrés',
      lastName1: 'González',
      lastName2: 'Muñoz',
      email: 'pedro.gonzalez@gmail.com',
      phone: '+56987654321',
    });
    expect(pedro.badges).toEqual([
      { code: 'temporarily_locked', until: '2026-11-21T15:45:00.000Z', attempts: 6 },
    ]);
    expect(pedro.accounts[0]).toMatchObject({ portal: 'achs_gestion', failedAttempts: 6 });
    expect(pedro.memberships).toEqual([
      expect.objectContaining({
        companyRut: '76543210-3',
        companyName: 'Constructora Los Andes SpA',
        companyAdherent: true,
        role: 'worker',
        state: 'active',
      }),
    ]);
    expect(pedro.mails[0]).toMatchObject({ kind: 'password_reset', outcome: 'delivered' });
  });

  it('never lets the card serial number out unmasked', () => {
    const pedro = record('12345678-5');
    expect(pedro.serialNumberMasked).toBe('••••••746');
    expect(JSON.stringify(pedro)).not.toContain('519283746');
  });

  it.each([
    ['11111111-1', ['registration_blocked']],
    ['9876543-3', ['no_email', 'not_registered']],
    ['15234567-4', ['disabled']],
    ['16789012-1', ['active']],
    ['7654321-6', ['company_not_adherent']],
    ['18765432-7', ['pending_activation']],
    ['10203040-0', ['active']],
    ['6543210-2', ['active']],
  ])('%s carries the badges %j', (rut, expected) => {
    expect(codes(record(rut))).toEqual(expected);
  });

  it('lists every company of a person in several, with its state', () => {
    const camila = record('16789012-1');
    expect(camila.memberships.map((m) => [m.companyName, m.state])).toEqual([
      ['Transportes Biobío Limitada', 'removed'],
      ['Constructora Los Andes SpA', 'active'],
    ]);
    expect(camila.memberships[0]?.companyAdherent).toBe(false);
  });

  it('calls a company user who is no affiliate what she is: her login opens nothing while paused (rule 14 only for those with both)', () => {
    // Valentina: La Espiga's user, paused; Jorge: its user and an affiliate too.
    const valentina = record('14253647-1');
    expect(valentina.isWorker).toBe(false);
    expect(codes(valentina)).toContain('disabled');
    expect(recordMessages.quality({ ...valentina, companyUser: true })).toBe(
      'Persona usuaria de empresa (no trabajadora ni pensionada)',
    );
    expect(record('19283746-4').isWorker).toBe(true);
    // No worker of the company: «Cambiar perfil» does not make her one (rule 5), whoever asks.
    const asSupervisor = call(seededCore(300, { as: 'supervisora' }), 'persons.get', {
      rut: '14253647-1',
    }) as PersonRecord;
    const espiga = asSupervisor.memberships.find((m) => m.companyRut === ESPIGA)!;
    expect(espiga.external).toBe(true);
    expect(espiga.can.changeRole).toMatchObject({ allowed: false, reason: 'outsider_not_worker' });
  });

  it('keeps the affiliate profile open beside a paused company profile, and a pensioner in Portal Héroes (rule 14)', () => {
    const core = seededCore(300);
    const sqlite = core.db.$client;
    const get = (rut: string) =>
      contract['persons.get'].output.parse(call(core, 'persons.get', { rut }));
    // Jorge, La Espiga's user and an affiliate too: his company profile paused.
    sqlite.prepare("UPDATE memberships SET state = 'paused' WHERE person_rut = 19283746").run();
    const jorge = get('19283746-4');
    expect(codes(jorge)).not.toContain('disabled');
    expect(jorge.diagnosis.map((c) => c.code)).toEqual(
      expect.arrayContaining(['membership_paused', 'affiliate_profile_open']),
    );
    // A new password opens Portal Héroes for him: it is offered.
    expect(jorge.accounts.find((a) => a.portal === 'portal_heroes')!.mailKinds).toContain(
      'password_reset',
    );
    // Pedro, dismissed from Los Andes, is a pensioner too: Portal Héroes still opens; his ACHS
    // Gestión login does not, and no new password for it is offered.
    sqlite
      .prepare(
        "UPDATE memberships SET state = 'removed', ended_at = '2026-11-01T00:00:00.000Z' WHERE person_rut = 12345678",
      )
      .run();
    sqlite.prepare('UPDATE persons SET is_pensioner = 1 WHERE rut = 12345678').run();
    sqlite
      .prepare(
        "INSERT INTO accounts (person_rut, portal, registration_state, email_verified) VALUES (12345678, 'portal_heroes', 'active', 1)",
      )
      .run();
    const pedro = get('12345678-5');
    expect(codes(pedro)).not.toContain('disabled');
    expect(pedro.diagnosis.map((c) => c.code)).toEqual(
      expect.arrayContaining(['dismissed', 'affiliate_profile_open']),
    );
    const mailKinds = (portal: string) =>
      pedro.accounts.find((a) => a.portal === portal)!.mailKinds;
    expect(mailKinds('portal_heroes')).toContain('password_reset');
    expect(mailKinds('achs_gestion')).not.toContain('password_reset');
  });

  it('dates a company profile no earlier than the approval that gave it (demo data)', () => {
    const marcela = record('13579246-2');
    const [profile] = marcela.memberships;
    const [approval] = marcela.accessRequests;
    expect(approval?.state).toBe('approved');
    expect(profile!.startedAt >= approval!.decidedAt!).toBe(true);
    expect(profile!.agreementSignedAt! >= profile!.startedAt).toBe(true);
  });

  it('names who to ask for modules at each open company: its other administrators with the profile assigned (rule 9)', () => {
    const admins = (rut: string, company: string) =>
      record(rut).memberships.find((m) => m.companyRut === company)!.accessAdmins;
    const ANDES = '76543210-3';
    // Pedro, a worker of Los Andes, asks any of its three administrators.
    expect(admins('12.345.678-5', ANDES)).toEqual([
      { rut: '19876543-0', name: 'Diego Sebastián Herrera Soto', kind: 'appointed' },
      { rut: RICARDO, name: 'Ricardo Alberto Muñoz Vidal', kind: 'legal_representative' },
      { rut: '15161718-2', name: 'Paula Andrea Rojas Tapia', kind: 'commercial_contact' },
    ]);
    // Ricardo asks the others, not himself.
    expect(admins(RICARDO, ANDES).map((a) => a.rut)).toEqual(['19876543-0', '15161718-2']);
    // Jorge, a user of La Espiga (Portal Empresas), asks Marcela, whose agreement is signed.
    expect(admins('19.283.746-4', ESPIGA)).toEqual([
      { rut: '13579246-2', name: 'Marcela Andrea Fuentes Rivas', kind: null },
    ]);
    // Unsigned, her profile is not assigned (rule 12): she gives nobody anything yet.
    const core = seededCore(300);
    setAtEspiga(core, 13579246, 'agreement_signed = 0');
    const jorge = call(core, 'persons.get', { rut: '19.283.746-4' }) as PersonRecord;
    expect(jorge.memberships.find((m) => m.companyRut === ESPIGA)!.accessAdmins).toEqual([]);
    expect(record('12.345.678-5').memberships[0]!.accessAdminsMore).toBe(0);
    // A company with many names the first five by surname and counts the rest.
    const many = seededCore(300);
    const made = many.db.$client
      .prepare(
        `UPDATE memberships SET role = 'access_admin' WHERE rowid IN (SELECT rowid FROM memberships
           WHERE company_rut = 76543210 AND role = 'worker' AND state = 'active'
             AND person_rut != 12345678 LIMIT 7)`,
      )
      .run().changes;
    expect(made).toBeGreaterThan(2);
    const pedro = call(many, 'persons.get', { rut: '12.345.678-5' }) as PersonRecord;
    expect(pedro.memberships[0]!.accessAdmins).toHaveLength(5);
    expect(pedro.memberships[0]!.accessAdminsMore).toBe(3 + made - 5);
    // Valentina's access is paused: its administrators are who asks that it resume (her
    // diagnosis says so), so they are named; Ramón's company is no longer adherent.
    expect(admins('14.253.647-1', ESPIGA)).toEqual([
      { rut: '13579246-2', name: 'Marcela Andrea Fuentes Rivas', kind: null },
    ]);
    expect(record('7.654.321-6').memberships.every((m) => m.accessAdmins.length === 0)).toBe(true);
    // Disabled, the same: its administrators are among who asks that it be enabled again.
    const disabled = seededCore(300);
    disabled.db.$client
      .prepare("UPDATE memberships SET state = 'disabled' WHERE person_rut = 14253647")
      .run();
    const valentina = call(disabled, 'persons.get', { rut: '14.253.647-1' }) as PersonRecord;
    expect(valentina.memberships.find((m) => m.companyRut === ESPIGA)!.accessAdmins).toEqual([
      { rut: '13579246-2', name: 'Marcela Andrea Fuentes Rivas', kind: null },
    ]);
    // Valentina can be asked back by Marcela; she is not told nobody can.
    expect(valentina.memberships.find((m) => m.companyRut === ESPIGA)!.nobodyAsks).toBeUndefined();
  });

  it('a disabled last administrator is told nobody else may ask for her access now (rules 9, 12, 13)', () => {
    // Marcela is La Espiga's only signed administrator; Gloria, its representative, has not signed.
    const core = seededCore(300);
    setAtEspiga(core, 13579246, "state = 'disabled'");
    const marcela = call(core, 'persons.get', { rut: '13.579.246-2' }) as PersonRecord;
    expect(marcela.memberships.find((m) => m.companyRut === ESPIGA)!.nobodyAsks).toBe(true);
    const cause = marcela.diagnosis.find((c) => c.code === 'membership_disabled')!;
    expect(cause).toMatchObject({ nobodyAsks: true, role: 'access_admin' });
    // Valentina, paused there, now has nobody to ask either.
    const valentina = call(core, 'persons.get', { rut: '14.253.647-1' }) as PersonRecord;
    expect(valentina.memberships.find((m) => m.companyRut === ESPIGA)!.nobodyAsks).toBe(true);
    // Once another administrator there has a signed, active profile, she has someone.
    setAtEspiga(core, 19283746, "role = 'access_admin', agreement_signed = 1, state = 'active'");
    const again = call(core, 'persons.get', { rut: '13.579.246-2' }) as PersonRecord;
    expect(again.memberships.find((m) => m.companyRut === ESPIGA)!.nobodyAsks).toBeUndefined();
  });

  it('answers not_found for a valid RUT that is not in the replica, invalid_input for a bad one', () => {
    const core = seededCore(300);
    expect(core.dispatchNow('persons.get', { rut: '1-9' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    for (const rut of ['12345678-6', 'abc', '', 12345678]) {
      expect(core.dispatchNow('persons.get', { rut })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});

describe('dispatch', () => {
  it('answers every channel with a value its contract schema accepts', async () => {
    const core = seededCore(300, { as: 'supervisora' });
    let lastPreview: string | null = null;
    const bulkPreviewId = () => lastPreview!;
    const bulkBatchId = (kind: 'load' | 'undo') =>
      core.db.$client.prepare('SELECT id FROM bulk_batches WHERE kind = ?').pluck().get(kind);
    // As a crash leaves it: the undo batch found interrupted at the next start.
    const bulkInterrupted = () => {
      core.db.$client
        .prepare("UPDATE bulk_batches SET state = 'interrupted' WHERE kind = 'undo'")
        .run();
      return bulkBatchId('undo');
    };
    const version = (rut: string) => call(core, 'persons.get', { rut });
    const firstRequest = () =>
      core.db.$client
        .prepare('SELECT number FROM data_requests ORDER BY id DESC')
        .pluck()
        .get() as string;
    const CHECKED = ['serial_number', 'employer'];
    // In order: later calls rely on earlier ones (the call opened, versions read).
    const inputs = {
      'app.info': () => ({}),
      'auth.session': () => ({}),
      'agents.list': () => ({}),
      'persons.search': () => ({ text: 'soto' }),
      'persons.get': () => ({ rut: '12345678-5' }),
      'persons.pending': () => ({ rut: '12345678-5' }),
      'interactions.open': () => ({ rut: '12345678-5', reason: 'locked_attempts' }),
      'interactions.current': () => ({}),
      'interactions.setReason': () => ({
        id: call(core, 'interactions.current', {}).id,
        reason: 'other',
      }),
      // Opened for Pedro, about María instead (nothing done in it yet), then back to Pedro.
      'interactions.setPerson': () => {
        const id = call(core, 'interactions.current', {}).id;
        call(core, 'interactions.setPerson', { id, rut: '11111111-1' });
        return { id, rut: '12345678-5' };
      },
      // His daughter calls for him, then he comes to the phone himself.
      'interactions.setCaller': () => {
        const id = call(core, 'interactions.current', {}).id;
        call(core, 'interactions.setCaller', {
          id,
          onBehalf: { name: 'Juana González', relation: 'family' },
        });
        return { id, onBehalf: null };
      },
      'accounts.unlock': () => ({
        rut: '12345678-5',
        portal: 'achs_gestion',
        identityCheck: CHECKED,
        expectedVersion: version('12345678-5').accounts[0].version,
      }),
      // The record as that unlock left it.
      'persons.afterAction': () => ({ actionId: lastValue('accounts.unlock').actionId }),
      'accounts.clearRegistrationBlock': () => ({
        rut: '11111111-1',
        portal: 'achs_gestion',
        identityCheck: CHECKED,
        expectedVersion: version('11111111-1').accounts[0].version,
      }),
      'contact.edit': () => ({
        rut: '12345678-5',
        phone: '+56 9 5555 4444',
        reason: 'Nuevo celular',
        identityCheck: [],
        expectedVersion: version('12345678-5').version,
      }),
      'mails.resend': () => ({
        rut: '18765432-7',
        portal: 'achs_gestion',
        kind: 'password_creation',
      }),
      'memberships.changeRole': () => ({
        rut: '12345678-5',
        companyRut: '76543210-3',
        role: 'company_user',
        reason: 'Perfil',
        expectedVersion: version('12345678-5').memberships[0].version,
        ...ANDES_CALLER,
      }),
      'interactions.list': () => ({}),
      'interactions.count': () => ({ from: '2026-11-01', to: '2026-11-30' }),
      'dashboard.panel': () => ({ range: '30d' }),
      'audit.list': () => ({}),
      'audit.export': () => ({}),
      'audit.verify': () => ({}),
      'persons.viewers': () => ({ rut: '12345678-5' }),
      'sync.status': () => ({}),
      'sync.configure': () => ({ centralUrl: null }),
      // The company half: La Espiga, its legal representative Gloria, its administrator Marcela.
      'companies.get': () => ({ rut: ESPIGA }),
      'companies.users': () => ({ rut: ESPIGA }),
      'companies.lookupPerson': () => ({ companyRut: ESPIGA, rut: '13579246-2' }),
      'requests.list': () => ({}),
      'requests.record': () => ({ requesterRut: RICARDO, companyRut: ESPIGA, capacity: 'other' }),
      'requests.decide': () => ({
        requesterRut: RICARDO,
        companyRut: ESPIGA,
        decision: 'reject',
        reason: 'No figura en la TRF',
      }),
      'companyUsers.add': () => addAtEspiga('12345678-5'),
      'companyUsers.change': () => ({
        companyRut: ESPIGA,
        userRut: '19283746-4',
        change: 'pause',
        reason: 'Lo pidió la administradora de accesos',
        callerRut: '13579246-2',
        callerIdentityCheck: ['serial_number', 'registered_phone'],
      }),
      'companyUsers.setModules': () => ({
        companyRut: ESPIGA,
        userRut: '14253647-1',
        modules: ['licencias', 'certificados'],
        callerRut: '13579246-2',
        callerIdentityCheck: ['serial_number', 'registered_phone'],
      }),
      // Ley 21.719 requests (issue 10): an access request recorded, moved, exported, downloaded,
      // its files deleted.
      'dataRequests.record': () => ({
        rut: '12345678-5',
        right: 'access',
        channel: 'in_person',
        identityMethod: 'identity_card',
        identityFacts: [],
        detail: 'Pide copia de todos sus datos',
      }),
      'dataRequests.list': () => ({}),
      'dataRequests.get': () => ({ number: firstRequest() }),
      'dataRequests.move': () => ({ number: firstRequest(), move: 'start', reason: null }),
      'dataRequests.byDeadline': () => ({}),
      'dataRequests.export': () => ({ number: firstRequest() }),
      'dataRequests.download': () => ({
        exportId: core.db.$client
          .prepare('SELECT id FROM data_request_exports LIMIT 1')
          .pluck()
          .get() as string,
        format: 'json',
      }),
      'dataRequests.deleteExport': () => ({
        exportId: core.db.$client
          .prepare('SELECT id FROM data_request_exports LIMIT 1')
          .pluck()
          .get() as string,
      }),
      // A blocking request on another person, then its block ended.
      'dataRequests.unblock': () => {
        // The rectification the block stands on (art. 11), then the block.
        call(core, 'dataRequests.record', {
          rut: '13579246-2',
          right: 'rectification',
          channel: 'in_person',
          identityMethod: 'identity_card',
          identityFacts: [],
          detail: 'Corregir su segundo apellido',
        });
        const made = call(core, 'dataRequests.record', {
          rut: '13579246-2',
          right: 'blocking',
          channel: 'in_person',
          identityMethod: 'identity_card',
          identityFacts: [],
          detail: 'Bloqueo mientras se decide la rectificación',
        });
        return { number: made.request.number, reason: 'Rectificación resuelta' };
      },
      // Bulk loads (issue 8): the company named as its RUT is typed; a two-row file for La
      // Espiga, applied, reported and undone.
      'bulkLoads.company': () => ({ companyRut: ESPIGA }),
      'bulkLoads.preview': () => ({
        companyRut: ESPIGA,
        fileName: 'espiga.csv',
        contentBase64: Buffer.from(
          'RUT;Correo;Estado\r\n19.283.746-4;jcastillo@laespiga.cl;\r\n11.111.111-1;;inhabilitado\r\n',
        ).toString('base64'),
      }),
      'bulkLoads.previewRows': () => ({ previewId: bulkPreviewId() }),
      'bulkLoads.failedRows': () => ({ previewId: bulkPreviewId() }),
      'bulkLoads.apply': () => ({ previewId: bulkPreviewId(), reason: 'Archivo de la empresa' }),
      'bulkLoads.status': () => ({ batchId: bulkBatchId('load') }),
      'bulkLoads.cancel': () => ({ batchId: bulkBatchId('load') }),
      'bulkLoads.list': () => ({}),
      'bulkLoads.report': () => ({ batchId: bulkBatchId('load') }),
      'bulkLoads.exportReport': () => ({ batchId: bulkBatchId('load') }),
      'bulkLoads.undo': () => ({ batchId: bulkBatchId('load'), reason: 'La empresa se equivocó' }),
      'bulkLoads.resume': () => ({ batchId: bulkInterrupted() }),
      'bulkLoads.close': () => ({ batchId: bulkInterrupted() }),
      'sync.now': () => ({}),
      'sync.check': () => ({}),
      'sync.settled': () => ({}),
      'sync.pending': () => ({}),
      'sync.issues': () => {
        // A rejection as the sync engine records it, to have something to resolve.
        core.db.$client
          .prepare(
            `UPDATE outbox SET state = 'rejected', result = '{"code":"entity_gone","message":"x"}'
             WHERE seq = (SELECT min(seq) FROM outbox)`,
          )
          .run();
        return {};
      },
      'sync.resolve': () => ({
        actionId: (
          core.db.$client
            .prepare("SELECT action_id FROM outbox WHERE state = 'rejected'")
            .get() as {
            action_id: string;
          }
        ).action_id,
        choice: 'dismiss',
      }),
      // Sync at scale (issue 11): no central API here, so the hint changes nothing; no other
      // agent has pending actions on this desk, so nothing is taken over.
      'sync.hint': () => ({ online: true }),
      'sync.dismissScopeNotice': () => ({}),
      'sync.reassign': () => ({
        fromAgentId: 'agente-ausente',
        reason: 'No volverá a este equipo',
      }),
      'interactions.close': () => ({
        id: call(core, 'interactions.current', {}).id,
        outcome: 'resolved',
        notes: '',
      }),
      // A call opened by mistake, discarded at once: none is left open, as after the close.
      'interactions.discard': () => ({
        id: call(core, 'interactions.open', { rut: null, reason: 'other' }).id,
      }),
      // A call closed to call back, then said attended to: none is left open either.
      'interactions.followUp': () => {
        const { id } = call(core, 'interactions.open', { rut: '12345678-5', reason: 'other' });
        call(core, 'interactions.close', { id, outcome: 'callback', notes: 'Llamar mañana' });
        return { id, note: 'Se le llamó de vuelta' };
      },
      // The screen lock: locked, then unlocked by the same agent's password.
      'auth.lock': () => ({ reason: 'manual' }),
      'auth.unlock': () => ({ password: 'super600' }),
      'auth.lockState': () => ({}),
      // Acting on a selection (issue 8): Pedro was unlocked above, so the run skips him.
      'selection.resolve': () => ({ kind: 'company', companyRut: ESPIGA }),
      'selection.preview': () => ({ action: 'unlock', ruts: ['12345678-5'] }),
      'selection.start': () => ({
        planId: lastValue('selection.preview').planId,
        reason: 'Solicitud de la empresa, ticket 1',
      }),
      'selection.status': async () => {
        await core.selectionIdle();
        return { jobId: lastValue('selection.start').jobId };
      },
      'selection.cancel': () => ({ jobId: lastValue('selection.start').jobId }),
      'selection.export': () => ({ jobId: lastValue('selection.start').jobId }),
      // Nothing to undo in an unlock: refused, in Spanish (checked below).
      'selection.undo': () => ({ jobId: lastValue('selection.start').jobId, reason: 'x' }),
      // Device trust (issue 11): this desk has no central API, and says so in Spanish.
      'devices.list': () => ({}),
      'devices.revoke': () => ({ deviceId: randomUUID(), reason: 'Equipo robado' }),
      'officers.list': () => ({ companyRut: ESPIGA }),
      'officers.assign': () => ({
        companyRut: ESPIGA,
        username: 'prevencion',
        assigned: true,
        reason: 'Cartera nueva',
      }),
      'drafts.put': () => ({ key: 'call-notes:x', value: 'Notas' }),
      'drafts.get': () => ({ key: 'call-notes:x' }),
      'auth.signOut': () => ({}),
      'auth.signIn': () => ({ username: 'agente', password: 'agente600' }),
      // Device trust (issue 11): only a revoked or duplicated device re-enrols.
      'sync.reenrol': () => ({}),
      // …and only a revoked one has a file of unsent actions to save.
      'sync.revocationFile': () => ({}),
    } satisfies Record<keyof typeof contract, () => unknown>;
    const values = new Map<string, unknown>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the contract shapes them
    const lastValue = (channel: string): any => values.get(channel);
    for (const [channel, makeInput] of Object.entries(inputs)) {
      const input = await makeInput();
      const envelope = await core.dispatch(channel, input);
      const refused = [
        'selection.undo',
        'sync.reenrol',
        'devices.list',
        'devices.revoke',
        'officers.list',
        'officers.assign',
      ];
      if (refused.includes(channel)) {
        expect(envelope).toMatchObject({ ok: false, error: { code: 'rule' } });
        continue;
      }
      if (channel === 'sync.revocationFile') {
        expect(envelope).toMatchObject({ ok: false, error: { code: 'not_found' } });
        continue;
      }
      if (envelope.ok) values.set(channel, envelope.value);
      expect(envelope.ok, channel).toBe(true);
      if (channel === 'bulkLoads.preview' && envelope.ok) {
        lastPreview = (envelope.value as { previewId: string }).previewId;
      }
      if (envelope.ok) {
        const schema = contract[channel as keyof typeof contract].output;
        expect(() => schema.parse(envelope.value), channel).not.toThrow();
      }
    }
    expect(core.dispatchNow('app.info', {})).toMatchObject({
      ok: true,
      // Ten actions, one of them turned into a rejection above and resolved; five Ley 21.719
      // actions (a request recorded and moved, a rectification, and a blocking request on it
      // recorded and unblocked); the bulk load's e-mail change and its undo.
      value: { persons: 300, door: 'web', pendingActions: 16 },
    });
  });

  it('turns a failing handler into an internal error, logged, without throwing', () => {
    const logged: string[] = [];
    const handlers = {
      'app.info': () => {
        throw new Error('disk on fire');
      },
    } as unknown as Handlers;
    const envelope = dispatch(handlers, 'app.info', {}, (message) =>
      logged.push(message),
    ) as Envelope<unknown>;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!envelope.ok) expect(envelope.error.message).not.toContain('disk on fire');
    expect(logged).toEqual(['handler app.info failed']);
  });

  it('refuses channels that are not in the contract, including inherited names', () => {
    const core = seededCore(300);
    for (const channel of ['accounts.drop', 'constructor', '__proto__', 'toString']) {
      expect(core.dispatchNow(channel, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });
});
