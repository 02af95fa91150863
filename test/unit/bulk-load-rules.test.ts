/**
 * What each row of a bulk load would do (src/shared/rules/bulk-load.ts): one test per outcome,
 * the duplicates, the totals, and the checks made again at apply and undo time.
 */
import { describe, expect, it } from 'vitest';
import { bulkMessages } from '../../src/shared/messages';
import { checkDigit } from '../../src/shared/rut';
import {
  checkPlannedRow,
  previewRows,
  readStateCell,
  recogniseHeader,
  columnsRead,
  rutReader,
  irreversibleBecause,
  looksLikeOtherCompanysFile,
  reconfirm,
  reversePlan,
  otherCellsReader,
  type BulkRowInput,
  type PersonFacts,
} from '../../src/shared/rules/bulk-load';
import { bulkRefusalText } from '../../src/shared/bulk-refusal';

const ANA = 12_345_678; // 12.345.678-5
const BETO = 11_111_111; // 11.111.111-1
const CARLA = 9_876_543; // 9.876.543-3
const DANI = 7_654_321; // 7.654.321-6
const ELSA = 15_234_567; // 15.234.567-4
const FELIPE = 16_789_012; // 16.789.012-1

const FACTS: Record<number, PersonFacts> = {
  [ANA]: {
    email: 'ana@x.cl',
    version: 3,
    membership: { state: 'active', version: 2 },
    otherCompany: false,
  },
  [BETO]: {
    email: null,
    version: 1,
    membership: { state: 'disabled', version: 5 },
    otherCompany: false,
  },
  [CARLA]: { email: 'carla@x.cl', version: 1, membership: null, otherCompany: true },
  [DANI]: {
    email: 'dani@x.cl',
    version: 1,
    membership: { state: 'removed', version: 1 },
    otherCompany: false,
  },
  [ELSA]: {
    email: 'elsa@x.cl',
    version: 1,
    membership: { state: 'paused', version: 1 },
    otherCompany: false,
  },
  [FELIPE]: { email: 'f@x.cl', version: 1, membership: null, otherCompany: false },
};
const lookup = (rut: number) => FACTS[rut] ?? null;

let line = 1;
const row = (rut: string, email: string | null, state: string | null): BulkRowInput => ({
  line: ++line,
  rut,
  email,
  state,
});

const one = (input: BulkRowInput, adherent = true) =>
  previewRows([input], adherent, lookup).outcomes[0];

describe('a row of a bulk load', () => {
  it('new e-mail: normalised, from what the replica holds', () => {
    expect(one(row('12.345.678-5', ' ANA.Nueva@X.cl ', null))).toEqual({
      kind: 'change',
      personRut: ANA,
      email: { from: 'ana@x.cl', to: 'ana.nueva@x.cl' },
      state: null,
    });
  });

  it('enable a disabled access, with the RUT in any form the search accepts', () => {
    for (const rut of ['11.111.111-1', '111111111', '11111111-1', ' 11 111 111 1 ']) {
      expect(one(row(rut, null, 'Habilitado'))).toMatchObject({
        kind: 'change',
        state: { from: 'disabled', to: 'active' },
      });
    }
  });

  it('disable an active access', () => {
    expect(one(row('12345678-5', '', 'INHABILITADO'))).toMatchObject({
      kind: 'change',
      email: null,
      state: { from: 'active', to: 'disabled' },
    });
  });

  it('both at once', () => {
    expect(one(row('11111111-1', 'beto@x.cl', 'habilitada'))).toMatchObject({
      kind: 'change',
      email: { from: null, to: 'beto@x.cl' },
      state: { to: 'active' },
    });
  });

  it('nothing to do: already so', () => {
    expect(one(row('12345678-5', 'ANA@x.cl', 'habilitado'))).toEqual({
      kind: 'nothing',
      personRut: ANA,
    });
  });

  it.each([
    ['bad RUT check digit', row('12.345.678-9', 'a@x.cl', null), 'invalid_rut'],
    ['not an RUT at all', row('hola', 'a@x.cl', null), 'invalid_rut'],
    // Rule 5: nobody's RUT on the desk; a load does not create people.
    ['RUT not registered', row('1-9', 'a@x.cl', null), 'not_registered'],
    [
      'person not in the company (known, no company)',
      row('16.789.012-1', 'a@x.cl', null),
      'not_in_company',
    ],
    ["another company's RUT", row('9.876.543-3', 'a@x.cl', null), 'other_company'],
    ['e-mail invalid', row('12345678-5', 'ana@', null), 'invalid_email'],
    ['state not recognised', row('12345678-5', null, 'quizás'), 'invalid_state'],
    ['membership dismissed', row('7.654.321-6', 'd@x.cl', 'habilitado'), 'dismissed'],
    ['paused access enabled by file', row('15.234.567-4', null, 'habilitado'), 'paused'],
    ['neither e-mail nor state', row('12345678-5', '', ''), 'empty_row'],
  ])('refused: %s', (_name, input, reason) => {
    expect(one(input)).toMatchObject({ kind: 'refused', reason });
  });

  it('refused: company not adherent (rule 6), even for a change that would be fine', () => {
    expect(one(row('12345678-5', 'otra@x.cl', null), false)).toMatchObject({
      kind: 'refused',
      reason: 'company_not_adherent',
    });
  });

  it('refused: a person under a temporary block (Ley 21.719), unless the row changes nothing', () => {
    const blocked = (rut: number) => (FACTS[rut] ? { ...FACTS[rut], blocked: true } : null);
    const decided = (input: BulkRowInput) => previewRows([input], true, blocked).outcomes[0];
    expect(decided(row('12345678-5', 'otra@x.cl', 'inhabilitado'))).toMatchObject({
      kind: 'refused',
      reason: 'person_blocked',
    });
    expect(decided(row('12345678-5', 'ana@x.cl', 'habilitado'))).toMatchObject({
      kind: 'nothing',
    });
  });

  it('a paused access may still be disabled by the file', () => {
    expect(one(row('15234567-4', null, 'inhabilitado'))).toMatchObject({
      kind: 'change',
      state: { from: 'paused', to: 'disabled' },
    });
  });
});

describe('duplicates and totals', () => {
  it('the same RUT twice with the same values: applied once, the repeat says so', () => {
    const { outcomes } = previewRows(
      [row('12.345.678-5', 'n@x.cl', null), row('123456785', 'N@X.CL', '')],
      true,
      lookup,
    );
    expect(outcomes[0]).toMatchObject({ kind: 'change' });
    expect(outcomes[1]).toMatchObject({ kind: 'duplicate', personRut: ANA, firstLine: line - 1 });
  });

  it('the same RUT with different values: every row of it refused', () => {
    const { outcomes } = previewRows(
      [
        row('12.345.678-5', 'n@x.cl', null),
        row('11111111-1', null, 'habilitado'),
        row('123456785', 'm@x.cl', null),
      ],
      true,
      lookup,
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['refused', 'change', 'refused']);
    expect(outcomes[0]).toMatchObject({ reason: 'duplicate_conflict' });
    // Each names the other row of that RUT, which the agent reads beside it.
    const lines = (outcomes as Array<{ otherLine?: number }>).map((o) => o.otherLine ?? null);
    // (the first names the third's line, two after its own; the third, the first's)
    expect(lines[0]).toBe(lines[2]! + 2);
    expect(lines[1]).toBeNull();
    expect(bulkRefusalText('duplicate_conflict', '12.345.678-5', 7)).toBe(
      'RUT repetido en el archivo con valores distintos (ver la fila 7)',
    );
  });

  it('an empty RUT cell is a RUT missing, a written one with a wrong digit names the right one', () => {
    expect(bulkRefusalText('invalid_rut', '  ')).toBe('Falta el RUT: la fila no dice de quién es');
    expect(bulkRefusalText('invalid_rut', '12.345.678-9')).toMatch(/sería 5, no 9/);
  });

  it('a company’s RUT nobody has as a person is said to be a company’s, not an unregistered person', () => {
    expect(bulkRefusalText('not_registered', '76.543.210-3')).toBe(
      'Es el RUT de una empresa, no de una persona: la fila no dice de quién es el acceso (revise la columna del RUT)',
    );
    expect(bulkRefusalText('not_registered', '23.456.789-6')).toMatch(/^RUT no registrado/);
  });

  it('a conflicting row names one that asks something else, never its twin', () => {
    const { outcomes } = previewRows(
      [
        row('12.345.678-5', 'n@x.cl', null),
        row('12.345.678-5', 'n@x.cl', null),
        row('12.345.678-5', 'm@x.cl', null),
      ],
      true,
      lookup,
    );
    const [a, b, c] = (outcomes as Array<{ otherLine?: number }>).map((o) => o.otherLine);
    // The first two ask the same: each names the third; the third names the first.
    expect(a).toBe(c! + 2);
    expect(b).toBe(a);
    expect(c).toBe(a! - 2);
  });

  it('a refused row repeated with the same cells: the repeat is a duplicate of it', () => {
    // An empty cell and a missing one (a short line) are the same cell.
    const { outcomes } = previewRows(
      [row('12.345.678-5', 'no-es-correo', null), row('12.345.678-5', 'no-es-correo', '')],
      true,
      lookup,
    );
    expect(outcomes[0]).toMatchObject({ kind: 'refused', reason: 'invalid_email' });
    expect(outcomes[1]).toMatchObject({ kind: 'duplicate', personRut: ANA, firstLine: line - 1 });
  });

  it('the same RUT refused once and readable once: both refused as a conflict', () => {
    const { outcomes } = previewRows(
      [row('12.345.678-5', 'no-es-correo', null), row('12.345.678-5', 'n@x.cl', null)],
      true,
      lookup,
    );
    expect(outcomes.map((o) => o.kind === 'refused' && o.reason)).toEqual([
      'duplicate_conflict',
      'duplicate_conflict',
    ]);
  });

  it('never disables a registered legal representative; enabling him or his e-mail may go', () => {
    const rep = (state: 'active' | 'disabled'): PersonFacts => ({
      email: 'rep@x.cl',
      version: 1,
      membership: { state, version: 1 },
      otherCompany: false,
      legalRepresentative: true,
    });
    const decide = (input: BulkRowInput, facts: PersonFacts) =>
      previewRows([input], true, () => facts).outcomes[0];
    expect(decide(row('12.345.678-5', null, 'inhabilitado'), rep('active'))).toEqual({
      kind: 'refused',
      reason: 'representative_register',
      personRut: ANA,
    });
    expect(decide(row('12.345.678-5', null, 'habilitado'), rep('disabled'))).toMatchObject({
      kind: 'change',
      state: { from: 'disabled', to: 'active' },
    });
    expect(decide(row('12.345.678-5', 'nuevo@x.cl', ''), rep('active'))).toMatchObject({
      kind: 'change',
      email: { from: 'rep@x.cl', to: 'nuevo@x.cl' },
    });
    expect(bulkMessages.refusals['representative_register']).toMatch(/representante legal/);
  });

  it('a registered legal representative with no access at the company is told as such, not «not of this company»', () => {
    // Rules 9, 12: the register names him; he has no membership (no access) there.
    const representative = (otherCompany: boolean): PersonFacts => ({
      email: 'rep@x.cl',
      version: 1,
      membership: null,
      otherCompany,
      legalRepresentative: true,
    });
    for (const otherCompany of [false, true]) {
      for (const input of [
        row('12.345.678-5', 'nuevo@x.cl', ''),
        row('12.345.678-5', null, 'inhabilitado'),
        row('12.345.678-5', null, 'habilitado'),
      ]) {
        expect(previewRows([input], true, () => representative(otherCompany)).outcomes[0]).toEqual({
          kind: 'refused',
          reason: 'representative_no_access',
          personRut: ANA,
        });
      }
    }
    const words = bulkMessages.refusals['representative_no_access']!;
    expect(words).toMatch(/^Es representante legal de la empresa según su registro/);
    expect(words).toMatch(/no tiene acceso en ella/);
    expect(words).not.toMatch(/no pertenece|otra empresa/);
    // One company's load: neither portal's button named, nor a request she may have made already.
    expect(words).not.toMatch(/Registrar solicitud|Agregar usuario|Portal Empresas|ACHS/);
    // Someone the register does not name still reads as before.
    expect(one(row('16.789.012-1', 'a@x.cl', null))).toMatchObject({ reason: 'not_in_company' });
  });

  it('counts what an undo could not take back by why, and says the why', () => {
    const { totals } = previewRows(
      [row('15234567-4', null, 'inhabilitado'), row('11111111-1', 'beto@x.cl', '')],
      true,
      lookup,
    );
    // Elsa's access was paused: disabling it is a change «Deshacer» could not put back.
    expect(totals.irreversible).toEqual({ cannot_restore_email: 1, cannot_restore_pause: 1 });
    expect(bulkMessages.irreversible.cannot_restore_pause(1)).toMatch(/pausa/);
    expect(bulkMessages.irreversible.cannot_restore_pause(1)).not.toMatch(/correo/);
    expect(bulkMessages.change(null, 'disabled', null, 'cannot_restore_pause')).toBe(
      'Inhabilitar · estaba en pausa: deshacer la carga no vuelve a pausarlo',
    );
    expect(
      bulkMessages.change({ from: null, to: 'beto@x.cl' }, null, null, 'cannot_restore_email'),
    ).toBe('Correo: (sin correo) → beto@x.cl · no tenía correo: deshacer la carga no lo quita');
  });

  it('a file mostly of people who are nobody of the company looks like another company’s', () => {
    const strangers = Array.from({ length: 12 }, (_, i) => {
      const body = 20_000_000 + i;
      return row(`${body}-${checkDigit(body)}`, `p${i}@x.cl`, null);
    });
    const mostly = previewRows([...strangers, row('11111111-1', 'beto@x.cl', '')], true, lookup);
    expect(mostly.totals).toMatchObject({ rows: 13, strangers: 12 });
    expect(looksLikeOtherCompanysFile(mostly.totals)).toBe(true);
    // A few strangers are typos, not the wrong file: under ten, or not most of the rows.
    expect(looksLikeOtherCompanysFile({ rows: 9, strangers: 9 })).toBe(false);
    expect(looksLikeOtherCompanysFile({ rows: 40, strangers: 20 })).toBe(false);
    expect(bulkMessages.otherCompanysFile(12, 13, 'Empresa')).toBe(
      '12 de 13 filas no son personas de Empresa: revise que el archivo sea de esta empresa (y el RUT de la empresa, arriba) antes de aplicar.',
    );
  });

  it('counts rows by outcome; a row with two effects counts under both', () => {
    const { totals } = previewRows(
      [
        row('11111111-1', 'beto@x.cl', 'habilitado'),
        row('12345678-5', null, 'inhabilitado'),
        row('15234567-4', 'elsa@x.cl', ''),
        row('9876543-3', 'c@x.cl', ''),
        row('1-8', '', 'habilitado'),
        row('12345678-5', null, 'inhabilitado'),
      ],
      true,
      lookup,
    );
    // Beto had no e-mail: the load gives him one, which its undo could not take away.
    expect(totals).toEqual({
      rows: 6,
      changes: 2,
      // One of the refused rows is nobody of the company (9.876.543-3); the other, a bad RUT.
      strangers: 1,
      irreversible: { cannot_restore_email: 1, cannot_restore_pause: 0 },
      // Without the company's facts (previewRows' fourth argument) nothing is warned.
      warnings: { last_admin: 0, shared_email: 0, other_access: 0 },
      new_email: 1,
      enable: 1,
      disable: 1,
      nothing: 1,
      duplicate: 1,
      refused: 2,
      warned: 0,
    });
  });
});

describe('state cells and headers', () => {
  it.each([
    ['Habilitado', 'active'],
    ['ACTIVO', 'active'],
    ['Sí', 'active'],
    ['inhabilitada', 'disabled'],
    ['Deshabilitado', 'disabled'],
    ['', null],
    [null, null],
    ['pausado', 'invalid'],
  ])('%j → %j', (text, state) => {
    expect(readStateCell(text)).toBe(state);
  });

  it('finds the columns in any order, case and accents', () => {
    expect(recogniseHeader(['ESTADO', 'Correo Electrónico', ' R.U.T. '])).toEqual({
      state: 0,
      email: 1,
      rut: 2,
    });
    expect(recogniseHeader(['Nombre', 'Correo'])).toBeNull();
    expect(recogniseHeader(['RUT', 'Correo', 'Estado', 'E-mail'])).toEqual({
      repeated: ['Correo', 'E-mail'],
    });
  });

  it('reads an HR export’s English «status» as the state column', () => {
    expect(recogniseHeader(['rut', 'mail', 'status'])).toEqual({ rut: 0, email: 1, state: 2 });
  });

  it('says which columns it reads, as titled, and which titled ones it does not use', () => {
    const header = ['Nombre', 'rut', 'mail', '', 'Situación'];
    const columns = recogniseHeader(header) as Record<string, number>;
    const read = columnsRead(header, columns);
    expect(read).toEqual({
      rut: 'rut',
      email: 'mail',
      state: null,
      unused: ['Nombre', 'Situación'],
    });
    expect(bulkMessages.columnsRead(read)).toBe(
      'Columnas leídas: RUT «rut» · correo «mail» · estado: ninguna, así que la carga no habilita ni inhabilita. No se usan: «Nombre», «Situación».',
    );
  });
});

describe('at apply and undo time', () => {
  const plan = {
    email: { from: 'a@x.cl', to: 'b@x.cl' },
    state: { from: 'disabled' as const, to: 'active' as const },
  };

  it('writes what still holds what the preview saw', () => {
    expect(checkPlannedRow(plan, { email: 'a@x.cl', membershipState: 'disabled' }, true)).toEqual({
      kind: 'write',
      email: true,
      state: true,
    });
  });

  it('does nothing where the value is already the one asked (the same file twice)', () => {
    expect(checkPlannedRow(plan, { email: 'b@x.cl', membershipState: 'active' }, true)).toEqual({
      kind: 'already',
    });
  });

  it('refuses a row whose person was blocked since the preview (Ley 21.719)', () => {
    expect(
      checkPlannedRow(plan, { email: 'a@x.cl', membershipState: 'disabled', blocked: true }, true),
    ).toEqual({ kind: 'refused', reason: 'person_blocked' });
    // Already as asked: nothing is written, nothing refused.
    expect(
      checkPlannedRow(plan, { email: 'b@x.cl', membershipState: 'active', blocked: true }, true),
    ).toEqual({ kind: 'already' });
  });

  it('refuses a row changed since, and never overwrites it', () => {
    expect(checkPlannedRow(plan, { email: 'c@x.cl', membershipState: 'disabled' }, true)).toEqual({
      kind: 'refused',
      reason: 'changed_since',
    });
    expect(
      checkPlannedRow(plan, { email: 'a@x.cl', membershipState: 'paused' }, true),
    ).toMatchObject({
      reason: 'changed_since',
    });
  });

  it('refuses to enable once the company is no longer adherent, and a person gone', () => {
    expect(
      checkPlannedRow(plan, { email: 'a@x.cl', membershipState: 'disabled' }, false),
    ).toMatchObject({
      reason: 'company_not_adherent',
    });
    expect(checkPlannedRow(plan, null, true)).toMatchObject({ reason: 'person_gone' });
  });

  it('reverses an applied change, except back to no e-mail or back to a pause', () => {
    expect(reversePlan(plan)).toEqual({
      email: { from: 'b@x.cl', to: 'a@x.cl' },
      state: { from: 'active', to: 'disabled' },
      kept: null,
    });
    expect(reversePlan({ email: { from: null, to: 'b@x.cl' }, state: null })).toBeNull();
    expect(reversePlan({ email: null, state: { from: 'paused', to: 'disabled' } })).toBeNull();
    // The part it can: a worker given an e-mail and disabled gets the access back, e-mail kept.
    expect(
      reversePlan({
        email: { from: null, to: 'b@x.cl' },
        state: { from: 'active', to: 'disabled' },
      }),
    ).toEqual({ email: null, state: { from: 'disabled', to: 'active' }, kept: 'email_kept' });
    expect(
      reversePlan({
        email: { from: 'a@x.cl', to: 'b@x.cl' },
        state: { from: 'paused', to: 'disabled' },
      }),
    ).toEqual({ email: { from: 'b@x.cl', to: 'a@x.cl' }, state: null, kept: 'pause_kept' });
    // And the report says which of the two it was.
    expect(irreversibleBecause({ email: { from: null, to: 'b@x.cl' }, state: null })).toBe(
      'cannot_restore_email',
    );
    expect(irreversibleBecause({ email: null, state: { from: 'paused', to: 'disabled' } })).toBe(
      'cannot_restore_pause',
    );
    expect(irreversibleBecause(plan)).toBeNull();
  });

  it('gives back the confirmation the load cleared: reverify the portals it kept, mail the others', () => {
    const undo = reversePlan({
      email: { from: 'a@x.cl', to: 'b@x.cl', verified: ['achs_gestion'] },
      state: null,
    });
    expect(undo).toEqual({
      email: { from: 'b@x.cl', to: 'a@x.cl', reverify: ['achs_gestion'] },
      state: null,
      kept: null,
    });
    expect(reconfirm(['achs_gestion', 'portal_heroes'], undo!.email!.reverify)).toEqual({
      reverified: ['achs_gestion'],
      toConfirm: ['portal_heroes'],
    });
    // A load itself reverifies nothing; a portal asked for but not touched is not invented.
    expect(reconfirm(['portal_heroes'], undefined)).toEqual({
      reverified: [],
      toConfirm: ['portal_heroes'],
    });
    expect(reconfirm([], ['achs_gestion'])).toEqual({ reverified: [], toConfirm: [] });
  });
});

describe('what the preview and the result say', () => {
  it('says when the state asked for is already in place, not silently nothing', () => {
    const email = { from: null, to: 'ana@losandes.cl' };
    // An e-mail given to someone who had none is said to stay, undo or not (reversePlan).
    expect(bulkMessages.change(email, null, 'active', 'cannot_restore_email')).toBe(
      'Correo: (sin correo) → ana@losandes.cl · no tenía correo: deshacer la carga no lo quita · ya está habilitado',
    );
    expect(bulkMessages.change(email, 'disabled', 'disabled', 'cannot_restore_email')).toBe(
      'Correo: (sin correo) → ana@losandes.cl · no tenía correo: deshacer la carga no lo quita · Inhabilitar',
    );
    expect(bulkMessages.change({ from: 'ana@x.cl', to: 'ana@losandes.cl' }, null)).toBe(
      'Correo: ana@x.cl → ana@losandes.cl',
    );
  });

  it('calls a reversal’s rows restored, and a load’s applied', () => {
    expect(bulkMessages.reportStatus('confirmed', 'undo')).toMatch(/^Restaurada y confirmada/);
    expect(bulkMessages.reportStatus('applied', 'undo')).toMatch(/^Restaurada \(/);
    expect(bulkMessages.reportStatus('confirmed', 'load')).toMatch(/^Aplicada y confirmada/);
    expect(bulkMessages.reportStatus('refused', 'undo')).toBe('Rechazada');
  });
});

describe('rutReader', () => {
  it("reads a row's RUT by its header, wherever the column is, with a DV column of its own", () => {
    expect(rutReader(['RUT', 'Correo'])(['12.345.678-9', 'a@b.cl'])).toBe('12.345.678-9');
    expect(rutReader(['Correo', 'Rut', 'DV', 'Estado'])(['a@b.cl', ' 12345678 ', '9', ''])).toBe(
      '12345678-9',
    );
    // No header the parser would take: nothing to say of a RUT.
    expect(rutReader(['Nombre'])(['Ana'])).toBe('');
  });
});

describe('a report row’s other cells', () => {
  it('leave out the RUT and check digit columns wherever they stand', () => {
    const others = otherCellsReader(['Nombre', 'Correo', 'RUT', 'DV', 'Estado']);
    expect(
      others(['Muñoz Sepúlveda, María José', 'mj@x.cl', '11111111', '1', 'habilitado']),
    ).toEqual(['Muñoz Sepúlveda, María José', 'mj@x.cl', 'habilitado']);
    expect(otherCellsReader(['RUT', 'Correo'])(['11111111-1', 'mj@x.cl'])).toEqual(['mj@x.cl']);
  });
});
