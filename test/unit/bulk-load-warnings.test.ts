/**
 * What a bulk load's change rows do beyond their own row, said before it is applied
 * (warnRows in src/shared/rules/bulk-load.ts): disabling the company's last access
 * administrators (rule 9), and an e-mail another person holds or is given by the file too.
 * Warnings, not refusals: the rows still apply.
 */
import { describe, expect, it } from 'vitest';
import { bulkMessages } from '../../src/shared/messages';
import {
  emailsAsked,
  outcomeFilters,
  previewRows,
  readRows,
  type BulkRowInput,
  type CompanyFacts,
  type MembershipState,
  type PersonFacts,
} from '../../src/shared/rules/bulk-load';
import type { CompanyAuthority } from '../../src/shared/rules/company-access';
import { checkDigit } from '../../src/shared/rut';

const ANA = 12_345_678;
const BETO = 11_111_111;
const CARLA = 9_876_543;
const DANI = 7_654_321;
/** Not in the file's company: holds an e-mail in the replica. */
const ELSA = 15_234_567;

const rut = (body: number) => `${body}-${checkDigit(body)}`;

/** Everyone of the file is an active member, with their own e-mail. */
const EMAILS: Record<number, string> = {
  [ANA]: 'ana@x.cl',
  [BETO]: 'beto@x.cl',
  [CARLA]: 'carla@x.cl',
  [DANI]: 'dani@x.cl',
};
const STATES: Record<number, MembershipState> = {};
const lookup = (body: number): PersonFacts | null =>
  EMAILS[body] === undefined
    ? null
    : {
        email: EMAILS[body]!,
        version: 1,
        membership: { state: STATES[body] ?? 'active', version: 1 },
        otherCompany: false,
      };

let line = 1;
const row = (body: number, email: string | null, state: string | null): BulkRowInput => ({
  line: ++line,
  rut: rut(body),
  email,
  state,
});

type Admin = CompanyAuthority['admins'][number];
const admin = (personRut: number, extra: Partial<Admin> = {}): Admin => ({
  personRut,
  kind: 'commercial_contact',
  state: 'active',
  agreementSigned: true,
  ...extra,
});
const facts = (
  authority: Partial<CompanyAuthority>,
  holders: Record<string, number[]> = {},
): CompanyFacts => ({
  authority: { onEmpresas: false, signatories: [], admins: [], ...authority },
  emailHolders: new Map(Object.entries(holders)),
});
const preview = (rows: BulkRowInput[], company: CompanyFacts) =>
  previewRows(rows, true, lookup, company);

describe('a file that disables the company’s last access administrators (rule 9)', () => {
  const achs = facts({ admins: [admin(ANA), admin(BETO)] });

  it('warns on each row that disables one of them, when none would be left; the rows still apply', () => {
    const { outcomes, totals } = preview(
      [row(ANA, null, 'inhabilitado'), row(BETO, null, 'inhabilitado'), row(CARLA, null, 'no')],
      achs,
    );
    expect(outcomes[0]).toMatchObject({
      kind: 'change',
      state: { from: 'active', to: 'disabled' },
      warnings: { lastAdmin: true },
    });
    expect(outcomes[1]).toMatchObject({ kind: 'change', warnings: { lastAdmin: true } });
    // Carla is no administrator: her row is only a change.
    expect(outcomes[2]).toMatchObject({ kind: 'change' });
    expect(outcomes[2]).not.toHaveProperty('warnings');
    expect(outcomeFilters(outcomes[0]!)).toEqual(['disable', 'warned']);
    expect(totals).toMatchObject({
      changes: 3,
      disable: 3,
      refused: 0,
      warned: 2,
      warnings: { last_admin: 2, shared_email: 0 },
    });
  });

  it('says nothing while one of them is left, or the file gives one back', () => {
    expect(preview([row(ANA, null, 'inhabilitado')], achs).totals.warned).toBe(0);
    STATES[CARLA] = 'disabled';
    try {
      const { totals } = preview(
        [
          row(ANA, null, 'inhabilitado'),
          row(BETO, null, 'inhabilitado'),
          row(CARLA, null, 'habilitado'),
        ],
        facts({ admins: [admin(ANA), admin(BETO), admin(CARLA, { state: 'disabled' })] }),
      );
      expect(totals.warnings.last_admin).toBe(0);
    } finally {
      delete STATES[CARLA];
    }
  });

  it('says nothing when the company had nobody to begin with (the file does not cause it)', () => {
    const { totals } = preview(
      [row(ANA, null, 'inhabilitado')],
      facts({ admins: [admin(ANA, { state: 'paused' })] }),
    );
    expect(totals.warnings.last_admin).toBe(0);
  });

  it('ACHS: a registered legal representative stays an administrator by the register, profile or not', () => {
    const { totals } = preview(
      [row(ANA, null, 'inhabilitado'), row(BETO, null, 'inhabilitado')],
      facts({
        admins: [admin(ANA), admin(BETO)],
        signatories: [{ personRut: ELSA, kind: 'legal_representative' }],
      }),
    );
    expect(totals.warnings.last_admin).toBe(0);
  });

  it('a representative the file would disable is refused, so he is left and nothing is warned', () => {
    const representative = (body: number) =>
      body === ANA ? { ...lookup(body)!, legalRepresentative: true } : lookup(body);
    const { outcomes, totals } = previewRows(
      [row(ANA, null, 'inhabilitado'), row(BETO, null, 'inhabilitado')],
      true,
      representative,
      facts({
        admins: [admin(ANA, { kind: 'legal_representative' }), admin(BETO)],
        signatories: [{ personRut: ANA, kind: 'legal_representative' }],
      }),
    );
    expect(outcomes[0]).toMatchObject({ kind: 'refused', reason: 'representative_register' });
    expect(totals.warnings.last_admin).toBe(0);
  });

  it('Portal Empresas: a representative with no company profile, or an unsigned agreement, changes no profile', () => {
    // La Espiga: its representative has no company profile yet; Beto's agreement is unsigned.
    const espiga = facts({
      onEmpresas: true,
      signatories: [{ personRut: ELSA, kind: 'legal_representative' }],
      admins: [admin(ANA), admin(BETO, { agreementSigned: false })],
    });
    const { outcomes, totals } = preview([row(ANA, null, 'inhabilitado')], espiga);
    expect(outcomes[0]).toMatchObject({ warnings: { lastAdmin: true } });
    expect(totals.warnings.last_admin).toBe(1);
  });

  it('words it naming the company, with who may still change profiles', () => {
    const one = bulkMessages.warnings.last_admin(1, 'Panadería La Espiga Limitada');
    expect(one).toMatch(
      /^1 fila inhabilita al último administrador de accesos de Panadería La Espiga Limitada: después de la carga nadie de la empresa podrá cambiar perfiles/,
    );
    expect(one).toMatch(/solo la mesa de ayuda/);
    expect(bulkMessages.warnings.last_admin(2, 'X')).toMatch(
      /^2 filas inhabilitan a los últimos administradores de accesos de X:/,
    );
    expect(
      bulkMessages.rowWarnings({ lastAdmin: true, sharedEmail: null, otherAccess: null }),
    ).toEqual(['la empresa queda sin administrador de accesos']);
  });
});

describe('an e-mail another person holds, or that the file gives to two persons', () => {
  it('a row giving an address someone of the replica holds names them; the row still applies', () => {
    const { outcomes, totals } = preview(
      [row(ANA, 'Elsa@X.cl', ''), row(BETO, 'beto.nuevo@x.cl', '')],
      facts({}, { 'elsa@x.cl': [ELSA] }),
    );
    expect(outcomes[0]).toMatchObject({
      kind: 'change',
      email: { from: 'ana@x.cl', to: 'elsa@x.cl' },
      warnings: { sharedEmail: { personRut: ELSA, line: null } },
    });
    expect(outcomes[1]).not.toHaveProperty('warnings');
    expect(outcomeFilters(outcomes[0]!)).toEqual(['new_email', 'warned']);
    expect(totals).toMatchObject({
      changes: 2,
      new_email: 2,
      warned: 1,
      warnings: { last_admin: 0, shared_email: 1, other_access: 0 },
    });
  });

  it('two rows giving the same new address to two persons: each names the other row', () => {
    const first = row(ANA, 'rrhh@x.cl', '');
    const second = row(BETO, 'RRHH@x.cl', 'inhabilitado');
    const third = row(CARLA, 'rrhh@x.cl', '');
    const { outcomes, totals } = preview([first, second, third], facts({}));
    expect(outcomes.map((o) => o.kind === 'change' && o.warnings?.sharedEmail)).toEqual([
      { personRut: BETO, line: second.line },
      { personRut: ANA, line: first.line },
      { personRut: ANA, line: first.line },
    ]);
    expect(totals.warnings.shared_email).toBe(3);
  });

  it('an address the file moves its holder off is not shared after the load', () => {
    // Beto holds beto@x.cl now; the same file gives him another one.
    const { totals } = preview(
      [row(ANA, 'beto@x.cl', ''), row(BETO, 'beto.nuevo@x.cl', '')],
      facts({}, { 'beto@x.cl': [BETO] }),
    );
    expect(totals.warnings.shared_email).toBe(0);
    // Refused, his row leaves him with it: shared.
    const { outcomes } = preview(
      [row(ANA, 'beto@x.cl', ''), row(BETO, 'beto.nuevo@x.cl', 'quizás')],
      facts({}, { 'beto@x.cl': [BETO] }),
    );
    expect(outcomes[0]).toMatchObject({ warnings: { sharedEmail: { personRut: BETO } } });
  });

  it('rows that change nothing or are refused carry no warning', () => {
    const { outcomes, totals } = preview(
      [row(ANA, 'ana@x.cl', ''), row(BETO, 'ana@x.cl', 'quizás')],
      facts({}, { 'ana@x.cl': [ANA] }),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['nothing', 'refused']);
    expect(totals.warned).toBe(0);
  });

  it('asks the replica about the addresses the rows ask for, once each, before any is decided', () => {
    const reading = readRows([
      row(ANA, 'nueva@x.cl', ''),
      row(BETO, 'NUEVA@x.cl', ''),
      row(CARLA, 'carla@x.cl', ''),
      row(DANI, 'malo@', ''),
    ]);
    // Carla's is already hers: asked about too (warnRows looks only at the rows that change).
    expect(emailsAsked(reading)).toEqual(['nueva@x.cl', 'carla@x.cl']);
  });

  it('words each row and the total', () => {
    expect(
      bulkMessages.rowWarnings({
        lastAdmin: false,
        sharedEmail: { rut: '15.234.567-4', line: null },
        otherAccess: null,
      }),
    ).toEqual(['ese correo ya es de 15.234.567-4']);
    expect(
      bulkMessages.rowWarnings({
        lastAdmin: false,
        sharedEmail: { rut: '12.345.678-5', line: 7 },
        otherAccess: null,
      }),
    ).toEqual(['la fila 7 da el mismo correo a 12.345.678-5']);
    expect(bulkMessages.warnings.shared_email(1)).toMatch(
      /^1 fila da un correo que ya tiene otra persona, o que el archivo da también a otra:/,
    );
    expect(bulkMessages.warnings.shared_email(3)).toMatch(/^3 filas dan correos .*Revíselas/);
  });
});

describe('an e-mail that another company’s access uses too (one login, one e-mail: rules 8, 10)', () => {
  /** Carla also works at Constructora Los Andes; Dani's other membership ended (none here). */
  const elsewhere = (rut: number) => (rut === CARLA ? 'Constructora Los Andes SpA' : null);
  const company = { ...facts({}), accessElsewhere: elsewhere };

  it('warns on a row that changes her e-mail, naming the company; the row still applies', () => {
    const { outcomes, totals } = preview(
      [row(CARLA, 'carla@espiga.cl', 'habilitado'), row(DANI, 'dani@espiga.cl', '')],
      company,
    );
    expect(outcomes[0]).toMatchObject({
      kind: 'change',
      email: { from: 'carla@x.cl', to: 'carla@espiga.cl' },
      warnings: { otherAccess: { company: 'Constructora Los Andes SpA' } },
    });
    expect(outcomes[1]).not.toHaveProperty('warnings');
    expect(outcomeFilters(outcomes[0]!)).toEqual(['new_email', 'warned']);
    expect(totals).toMatchObject({
      warned: 1,
      warnings: { last_admin: 0, shared_email: 0, other_access: 1 },
    });
  });

  it('says nothing of a row that leaves her e-mail as it is', () => {
    const asked: number[] = [];
    const { totals } = preview([row(CARLA, 'carla@x.cl', 'inhabilitado')], {
      ...company,
      accessElsewhere: (rut) => {
        asked.push(rut);
        return elsewhere(rut);
      },
    });
    expect(totals.warned).toBe(0);
    // Asked only of rows that change an e-mail.
    expect(asked).toEqual([]);
  });

  it('words the row and the total', () => {
    expect(
      bulkMessages.rowWarnings({
        lastAdmin: false,
        sharedEmail: null,
        otherAccess: { company: 'Constructora Los Andes SpA' },
      }),
    ).toEqual(['también entra por Constructora Los Andes SpA: su correo cambia ahí también']);
    expect(bulkMessages.warnings.other_access(1)).toMatch(
      /^1 fila cambia el correo de una persona que también entra por otra empresa: es un solo correo por persona/,
    );
    expect(bulkMessages.warnings.other_access(2)).toMatch(/^2 filas cambian .*quite esas filas/);
  });
});

describe('a repeated row', () => {
  it('says the first row alone decides, never that it applies (the first may be refused)', () => {
    expect(bulkMessages.duplicate(4)).toBe(
      'Repetida (igual que la fila 4): se toma solo la fila 4',
    );
  });
});
