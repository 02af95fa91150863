import { describe, expect, it } from 'vitest';
import {
  auditCsv,
  auditCsvFilename,
  santiagoStamp,
  type AuditCsvEvent,
} from '../../src/main/domain/audit-csv';
import { csvCell } from '../../src/shared/csv-cell';
import {
  actionText,
  auditDetailLine,
  describeAuditChange,
  parseDayInput,
} from '../../src/shared/audit-details';
import { actionLabels, syncKindLabels } from '../../src/shared/messages';
import { checkDigit } from '../../src/shared/rut';

const EVENT: AuditCsvEvent = {
  seq: 7,
  id: 'b1f0c1de-0000-4000-8000-000000000007',
  at: '2026-11-21T15:00:00.000Z',
  agentId: 'supervisor-demo',
  deviceId: 'desk-1',
  personRut: 12345678,
  action: 'account.unlock',
  before: JSON.stringify({ lockedUntil: '2026-11-21T15:20:00.000Z', failedAttempts: 6 }),
  after: JSON.stringify({ lockedUntil: null, failedAttempts: 0 }),
  reason: null,
  identityCheck: JSON.stringify(['serial_number', 'registered_phone']),
  personName: 'Pedro Andrés González Muñoz',
};

const names: Record<string, string> = { 'supervisor-demo': 'Sara Supervisora' };
const agentName = (id: string) => names[id] ?? id;
/** The names a row reads, exported from the desk the event was recorded on. */
const onDesk1 = { agentName, thisDeviceId: 'desk-1' };

/** The cells of a line (no quoted separators in the lines this is used on). */
const cells = (line: string) => line.split(';');

describe('the audit CSV for a Chilean spreadsheet', () => {
  it('starts with a UTF-8 BOM and Spanish headers separated by ;', () => {
    const { csv, rows } = auditCsv([], onDesk1);
    expect(rows).toBe(0);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe(
      'N°;Fecha y hora (Chile);Agente;RUT;Persona;Acción;Antes;Después;Motivo;Identidad verificada;Equipo;ID del evento\r\n',
    );
  });

  it('writes a row with the agent name, formatted RUT, name, labels and before/after', () => {
    const { csv, rows } = auditCsv([EVENT], onDesk1);
    expect(rows).toBe(1);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(cells(lines[1]!)).toEqual([
      '7',
      '21-11-2026 12:00:00',
      'Sara Supervisora',
      '12.345.678-5',
      'Pedro Andrés González Muñoz',
      'Desbloqueó la cuenta',
      'Bloqueada hasta: 21-11-2026 12:20 | Intentos fallidos: 6',
      'Bloqueada hasta: — | Intentos fallidos: 0',
      '',
      // A comma is quoted (csvCell), whatever the list separator of the spreadsheet opening it.
      '"N° de serie de la cédula, Celular registrado"',
      'Este equipo (desk-1)',
      EVENT.id,
    ]);
    expect(csv).not.toMatch(/account\.unlock|supervisor-demo|failedAttempts|lockedUntil/);
  });

  it('replaces codes with the catalogue labels: record views and call reasons', () => {
    const { csv } = auditCsv(
      [
        { ...EVENT, seq: 1, action: 'person.view', before: null, after: null, identityCheck: null },
        {
          ...EVENT,
          seq: 2,
          action: 'interaction.open',
          before: null,
          after: JSON.stringify({ reason: 'locked_attempts' }),
          identityCheck: null,
        },
        {
          ...EVENT,
          seq: 3,
          action: 'membership.disable',
          before: JSON.stringify({ companyRut: 76543210, state: 'active' }),
          after: JSON.stringify({ companyRut: 76543210, state: 'disabled' }),
          reason: 'Solicitado por la empresa',
          identityCheck: null,
        },
      ],
      onDesk1,
    );
    const [, view, open, disable] = csv.split('\r\n').map(cells);
    expect(view![5]).toBe('Vio la ficha');
    expect(open![5]).toBe('Abrió una llamada o visita');
    expect(open![7]).toBe('Motivo de la llamada o visita: Bloqueo por intentos');
    expect(disable![6]).toBe('Empresa: 76.543.210-3 | Estado: Activa');
    expect(disable![7]).toBe('Empresa: 76.543.210-3 | Estado: Inhabilitada');
    expect(csv).not.toMatch(/person\.view|locked_attempts|"active"|disabled/);
  });

  it("names an interaction's events as the agent's own kind: a call, or an officer's visit", () => {
    const opened = { ...EVENT, action: 'interaction.open', before: null, identityCheck: null };
    const after = JSON.stringify({ reason: 'locked_attempts' });
    const { csv } = auditCsv(
      [
        { ...opened, seq: 1, after, agentKind: 'call' },
        { ...opened, seq: 2, after, agentKind: 'visit' },
        { ...opened, seq: 3, action: 'interaction.set_caller', after: null, agentKind: 'visit' },
      ],
      onDesk1,
    );
    const [, call, visit, caller] = csv.split('\r\n').map(cells);
    expect(call![5]).toBe('Abrió una llamada');
    expect(call![7]).toBe('Motivo de la llamada: Bloqueo por intentos');
    expect(visit![5]).toBe('Abrió una visita');
    expect(visit![7]).toBe('Motivo de la visita: Bloqueo por intentos');
    expect(caller![5]).toBe('Cambió quién habla en la visita');
  });

  it('keeps an unknown agent id rather than an empty cell', () => {
    const { csv } = auditCsv([{ ...EVENT, agentId: 'agent-elsewhere' }], onDesk1);
    expect(cells(csv.split('\r\n')[1]!)[2]).toBe('agent-elsewhere');
  });

  it('names the device as the screen does, with its whole identifier', () => {
    const { csv } = auditCsv([EVENT, { ...EVENT, deviceId: 'desk-2' }], onDesk1);
    const [, here, there] = csv.split('\r\n').map(cells);
    expect(here![10]).toBe('Este equipo (desk-1)');
    expect(there![10]).toBe('Otro equipo (desk-2)');
  });

  it("says a company's change was checked on whoever asked for it, not on the person (rule 13)", () => {
    const { csv } = auditCsv(
      [
        {
          ...EVENT,
          action: 'company_user.pause',
          identityCheck: null,
          before: null,
          after: JSON.stringify({ callerFacts: ['serial_number', 'registered_phone'] }),
        },
      ],
      onDesk1,
    );
    const row = cells(csv.split('\r\n')[1]!);
    // (quoted: the cell holds a comma)
    expect(row[9]).toBe('"De quien lo pidió: N° de serie de la cédula, Celular registrado"');
    // The person's own check, where there was one, is the column's as before.
    const own = cells(auditCsv([EVENT], onDesk1).csv.split('\r\n')[1]!);
    expect(own[9]).toBe('"N° de serie de la cédula, Celular registrado"');
  });

  it('says how a Ley 21.719 request checked the identity when it was not by asking facts', () => {
    const request = (identityMethod: string) =>
      cells(
        auditCsv(
          [
            {
              ...EVENT,
              action: 'data_request.record',
              identityCheck: null,
              before: null,
              after: JSON.stringify({ number: 'SOL-1HCP6T-0003', identityMethod }),
            },
          ],
          onDesk1,
        ).csv.split('\r\n')[1]!,
      )[9];
    expect(request('identity_card')).toBe('Cédula de identidad exhibida');
    expect(request('clave_unica')).toBe('ClaveÚnica (portal)');
    // By facts, the facts are the column's (identityCheck), never the method's name.
    expect(request('facts')).toBe('');
  });

  it('leaves RUT and name empty for an event about no person', () => {
    const { csv } = auditCsv([{ ...EVENT, personRut: null, personName: null }], onDesk1);
    const row = cells(csv.split('\r\n')[1]!);
    expect(row[3]).toBe('');
    expect(row[4]).toBe('');
  });
});

describe('Santiago time in the CSV', () => {
  it('converts summer (UTC−3) and winter (UTC−4) instants', () => {
    expect(santiagoStamp('2026-01-15T15:00:00Z')).toBe('15-01-2026 12:00:00');
    expect(santiagoStamp('2026-06-15T15:00:05Z')).toBe('15-06-2026 11:00:05');
  });

  it('follows the clock across the September change (00:00 → 01:00)', () => {
    expect(santiagoStamp('2026-09-06T03:59:59Z')).toBe('05-09-2026 23:59:59');
    expect(santiagoStamp('2026-09-06T04:00:00Z')).toBe('06-09-2026 01:00:00');
  });

  it('follows the clock across the April change (24:00 → 23:00), and past midnight UTC', () => {
    expect(santiagoStamp('2026-04-05T02:30:00Z')).toBe('04-04-2026 23:30:00');
    expect(santiagoStamp('2026-04-05T03:30:00Z')).toBe('04-04-2026 23:30:00');
    expect(santiagoStamp('2026-04-05T04:30:00Z')).toBe('05-04-2026 00:30:00');
  });

  it('names the file by the Santiago date, not the UTC one', () => {
    // 22 November 01:30 UTC is still 21 November in Santiago.
    expect(auditCsvFilename(new Date('2026-11-22T01:30:00Z'))).toBe('auditoria-21-11-2026.csv');
  });
});

describe('a CSV cell', () => {
  it('quotes a field with the separator, a quote or a line break, doubling quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dijo "sí"')).toBe('"dijo ""sí"""');
    expect(csvCell('una\nlínea')).toBe('"una\nlínea"');
    expect(csvCell('una\r\nlínea')).toBe('"una\r\nlínea"');
    expect(csvCell('1,5')).toBe('"1,5"');
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises a leading = + - @ so no formula runs', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+56 9 1234 5678')).toBe("'+56 9 1234 5678");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('protects a reason typed by an agent inside a whole row', () => {
    const { csv } = auditCsv([{ ...EVENT, reason: '=cmd|" /C calc"!A0;x\notra línea' }], onDesk1);
    expect(csv).toContain(`;"'=cmd|"" /C calc""!A0;x\notra línea";`);
  });
});

describe('what an event changed, in words', () => {
  it('shows a contact change as before → after with labels and formatted values', () => {
    const details = describeAuditChange(
      JSON.stringify({ email: 'pedro@ejemplo.cl', phone: '+56987654321' }),
      JSON.stringify({ email: 'pedro@ejemplo.cl', phone: '+56912340000' }),
    );
    // The e-mail it left as it was is no change to list under «Cambios».
    expect(details.map(auditDetailLine)).toEqual(['Celular: +56 9 8765 4321 → +56 9 1234 0000']);
    expect(details.map((d) => d.changed)).toEqual([true]);
  });

  it('reads a refused change of the central address as the address kept, the one asked and why', () => {
    expect(
      describeAuditChange(
        JSON.stringify({ centralUrl: 'https://central.ejemplo.cl' }),
        JSON.stringify({ askedUrl: 'https://otra.ejemplo.cl', refused: 'not_answering' }),
        {},
        'central.configure_refused',
      ).map(auditDetailLine),
    ).toEqual([
      'Dirección del sistema central: https://central.ejemplo.cl',
      'Dirección pedida: https://otra.ejemplo.cl',
      'No se cambió porque: el sistema central no respondió en esa dirección',
    ]);
    expect(actionText('central.configure_refused')).toBe(
      'Intentó cambiar la dirección del sistema central (no se cambió)',
    );
  });

  it('reads booleans, mail kinds and hides internal ids', () => {
    expect(
      describeAuditChange(
        JSON.stringify({ registrationBlocked: true }),
        JSON.stringify({ registrationBlocked: false }),
      ).map(auditDetailLine),
    ).toEqual(['Registro bloqueado: Sí → No']);
    expect(
      describeAuditChange(
        JSON.stringify({ lastSentAt: null }),
        JSON.stringify({ kind: 'email_confirmation', to: 'p@x.cl' }),
      ).map(auditDetailLine),
    ).toEqual(['Envío anterior: —', 'Tipo de correo: Confirmación de correo', 'Para: p@x.cl']);
    expect(
      describeAuditChange(
        JSON.stringify({ code: 'stale', message: 'La ficha cambió', conflicts: [] }),
        JSON.stringify({ choice: 'keep_theirs', actionId: 'abc' }),
      ).map(auditDetailLine),
    ).toEqual([
      'Motivo del rechazo: La ficha cambió',
      'Diferencias: —',
      'Decisión: Mantener el del sistema central',
    ]);
    // What the central's side was when the agent chose: in words, at Santiago's time.
    expect(
      describeAuditChange(
        JSON.stringify({
          code: 'stale',
          centralChange: { at: '2026-12-06T12:28:37.511Z', of: 'phone', by: 'Sara Supervisora' },
        }),
        JSON.stringify({ choice: 'keep_mine' }),
      ).map(auditDetailLine),
    ).toEqual([
      'Código: stale',
      'Último cambio en el sistema central: el celular, por Sara Supervisora, el 06-12-2026 09:28',
      'Decisión: Aplicar el del agente',
    ]);
  });

  it('has nothing to say about a record view', () => {
    expect(describeAuditChange(null, null)).toEqual([]);
    expect(describeAuditChange('null', null)).toEqual([]);
  });

  it('reads a Ley 21.719 request and its export in words, not codes', () => {
    expect(
      describeAuditChange(
        null,
        JSON.stringify({
          number: 'SOL-1',
          right: 'access',
          channel: 'phone',
          identityMethod: 'facts',
          dueDate: '2027-01-04',
          blocked: false,
        }),
      ).map(auditDetailLine),
    ).toEqual([
      'Solicitud: SOL-1',
      'Derecho: Acceso',
      'Canal: Teléfono',
      'Identidad verificada con: Datos del registro comparados preguntando (por teléfono o en persona)',
      'Plazo: 04-01-2027',
      'Bloqueo temporal del tratamiento: No',
    ]);
    expect(
      describeAuditChange(
        JSON.stringify({ state: 'received' }),
        JSON.stringify({ state: 'in_progress' }),
      ).map(auditDetailLine),
    ).toEqual(['Estado: Recibida → En curso']);
    expect(
      describeAuditChange(
        null,
        JSON.stringify({
          files: ['a.html', 'a.json'],
          rows: 3,
          counts: { memberships: 1, auditEvents: 2 },
          auditThroughSeq: 29,
        }),
      ).map(auditDetailLine),
    ).toEqual([
      'Archivos: a.html, a.json',
      'Registros exportados: 3',
      'Registros por sección: Empresas (afiliaciones): 1, Registro de auditoría sobre el titular (en este equipo): 2',
    ]);
    expect(
      describeAuditChange(
        null,
        JSON.stringify({ automatic: true, closedAt: '2026-11-23T15:00:00.000Z', keptDays: 30 }),
      ).map(auditDetailLine),
    ).toEqual([
      'Eliminación automática: Sí',
      'Solicitud cerrada el: 23-11-2026 12:00',
      'Plazo de conservación (días): 30',
    ]);
  });
});

describe('a date typed as dd-mm-aaaa', () => {
  it('becomes the ISO date the API takes', () => {
    expect(parseDayInput('21-11-2026')).toBe('2026-11-21');
    expect(parseDayInput(' 1/9/2026 ')).toBe('2026-09-01');
    expect(parseDayInput('')).toBeNull();
  });

  it('refuses other shapes and days that do not exist', () => {
    expect(parseDayInput('2026-11-21')).toBe('invalid');
    expect(parseDayInput('11/21/2026')).toBe('invalid');
    expect(parseDayInput('31-02-2026')).toBe('invalid');
    expect(parseDayInput('ayer')).toBe('invalid');
  });

  it('reads the company half and a shared desk in words: actions, callers, modules, agents', () => {
    expect(
      describeAuditChange(
        JSON.stringify({ state: 'pending' }),
        JSON.stringify({
          companyRut: 76543210,
          decision: 'reject',
          rejectionReason: 'No figura en la TRF',
          capacity: 'authorized_signatory',
        }),
      ).map(auditDetailLine),
    ).toEqual([
      'Estado: Pendiente',
      'Empresa: 76.543.210-3',
      'Resolución: Rechazada',
      'Motivo del rechazo: No figura en la TRF',
      'Calidad que declara: Firmante de la TRF',
    ]);
    // As a decision is recorded: its state's change says the resolution, and its reason is the
    // event's own (its column), so neither is said twice.
    expect(
      describeAuditChange(
        JSON.stringify({ state: 'pending' }),
        JSON.stringify({
          state: 'rejected',
          companyRut: 76543210,
          decision: 'reject',
          rejectionReason: 'No figura en la TRF',
        }),
        { reason: 'No figura en la TRF' },
      ).map(auditDetailLine),
    ).toEqual(['Estado: Pendiente → Rechazada', 'Empresa: 76.543.210-3']);
    expect(
      describeAuditChange(
        JSON.stringify({ state: 'pending' }),
        JSON.stringify({ state: 'rejected', decision: 'reject', rejectionReason: 'Otro' }),
        { reason: 'No figura en la TRF' },
      ).map(auditDetailLine),
    ).toEqual(['Estado: Pendiente → Rechazada', 'Motivo del rechazo: Otro']);
    expect(
      describeAuditChange(
        JSON.stringify({ modules: ['siniestros'] }),
        JSON.stringify({
          modules: ['reportes', 'siniestros'],
          fromModules: ['siniestros'],
          callerRut: 13579246,
          callerFacts: ['serial_number', 'employer'],
        }),
      ).map(auditDetailLine),
    ).toEqual([
      'Módulos: Siniestros → Reportes, Siniestros',
      'Módulos anteriores: Siniestros',
      `Quién lo pidió: 13.579.246-${checkDigit(13579246)}`,
      'Datos de quien lo pidió que coincidieron: N° de serie de la cédula, Empresa empleadora',
    ]);
    // The reader knows the caller (joined like the company): named, RUT beside the name.
    expect(
      describeAuditChange(null, JSON.stringify({ callerRut: 13579246 }), {
        caller: { rut: 13579246, name: 'Marcela Andrea Fuentes Rivas' },
      }).map(auditDetailLine),
    ).toEqual([
      `Quién lo pidió: Marcela Andrea Fuentes Rivas (13.579.246-${checkDigit(13579246)})`,
    ]);
    expect(
      describeAuditChange(
        null,
        JSON.stringify({
          change: 'remove',
          fromState: 'paused',
          external: true,
          newPerson: { givenNames: 'Ana', lastName1: 'Rojas', lastName2: '', email: 'a@b.cl' },
        }),
      ).map(auditDetailLine),
    ).toEqual([
      'Cambio: Eliminación del acceso',
      'Estado anterior: Pausada',
      'Externo a la empresa: Sí',
      'Persona nueva: Ana Rojas, a@b.cl',
    ]);
    expect(
      describeAuditChange(
        JSON.stringify({ agentId: 'supervisor-demo', actions: ['a', 'b'] }),
        JSON.stringify({ sentBy: 'supervisor-demo', count: 2 }),
        { agent: agentName },
        'sync.reassign',
      ).map(auditDetailLine),
    ).toEqual([
      // How many, said once (its count repeated «Acciones» as if it were a change).
      'Agente: Sara Supervisora',
      'Acciones: 2',
      'Enviadas por: Sara Supervisora',
    ]);
  });

  it('shows a selection run by the first characters of its id, enough to tell runs apart', () => {
    const id = '01a23da3-90f4-700c-bf70-2e95cb390eea';
    expect(
      describeAuditChange(null, JSON.stringify({ selectionId: id, callerPresent: false })).map(
        auditDetailLine,
      ),
    ).toEqual(['Acción sobre una selección (N° de ejecución): 01a23da3…', expect.any(String)]);
  });

  it('names a bulk load by its file, not its id, where the event kept it', () => {
    const id = '01a23da3-90f4-700c-bf70-2e95cb390eea';
    expect(
      describeAuditChange(
        null,
        JSON.stringify({ email: 'a@b.cl', batchId: id, fileName: 'espiga.csv' }),
      ).map(auditDetailLine),
    ).toEqual(['Correo: a@b.cl', 'Carga masiva: «espiga.csv»']);
    // An older event kept only the id: shown as it is.
    expect(describeAuditChange(null, JSON.stringify({ batchId: id })).map(auditDetailLine)).toEqual(
      [`Carga masiva: ${id}`],
    );
  });

  it('names every action the desk records, for the filter and the Panel', () => {
    for (const kind of [
      'request.record',
      'request.decide',
      'company_user.add',
      'company_user.change',
      'membership.set_modules',
    ]) {
      expect(actionLabels[kind], kind).toBeDefined();
      expect(syncKindLabels[kind], kind).toBeDefined();
    }
  });
});
