/**
 * Search through the handler map on a real seeded SQLite file: every form a caller dictates.
 */
import { describe, expect, it } from 'vitest';
import { contract, type SearchPage } from '../../src/shared/contract';
import { SEARCH_CAP, searchPersons } from '../../src/main/services/search-persons';
import { words } from '../../src/shared/text';
import { seededCore } from '../support/context';

const core = () => seededCore(3000);

function search(c: ReturnType<typeof core>, text: string, extra: object = {}): SearchPage {
  const envelope = c.dispatchNow('persons.search', { text, ...extra });
  if (!envelope.ok) throw new Error(`search failed: ${envelope.error.code}`);
  return contract['persons.search'].output.parse(envelope.value);
}

const ruts = (page: SearchPage) => page.persons.map((p) => p.rut);

describe('persons.search', () => {
  it.each(['12.345.678-5', '12345678-5', '123456785', '12345678', ' 12.345.678 - 5 '])(
    'finds Pedro González first by RUT written as %j',
    (text) => {
      const page = search(core(), text);
      expect(page.persons[0]).toMatchObject({
        rut: '12345678-5',
        lastName1: 'González',
        matchedBy: 'rut',
      });
      expect(page.notices).toEqual([]);
    },
  );

  it('reads a lower-case k as the check digit', () => {
    const c = core();
    const kPerson = c.db.$client
      .prepare("SELECT rut FROM persons WHERE dv = 'K' LIMIT 1")
      .get() as { rut: number };
    const page = search(c, `${kPerson.rut}-k`);
    expect(page.persons[0]?.rut).toBe(`${kPerson.rut}-K`);
  });

  it('says the check digit is wrong and still shows the near match', () => {
    const page = search(core(), '12.345.678-6');
    expect(page.notices[0]).toEqual({
      code: 'invalid_check_digit',
      typed: '6',
      expected: '5',
    });
    expect(page.persons[0]?.rut).toBe('12345678-5');
  });

  it('finds persons by the first digits of their RUT', () => {
    const page = search(core(), '1234567');
    expect(page.persons.length).toBeGreaterThan(0);
    for (const person of page.persons) {
      expect(person.rut.replace(/-.$/, '').startsWith('1234567')).toBe(true);
    }
    expect(ruts(page)).toContain('12345678-5');
  });

  it('finds names without accents, in any order, by prefixes', () => {
    const c = core();
    for (const text of ['munoz sepulveda maria', 'maria jose munoz', 'MUÑOZ SEP', 'sep mun mar']) {
      expect(ruts(search(c, text)), text).toContain('11111111-1');
    }
  });

  it('finds a name written as it was heard, and says the names listed only sound like it', () => {
    const c = core();
    for (const text of [
      'fransisca silba',
      'Francisca Zilva',
      'maria jose munos',
      'MUÑOS SEPULBEDA',
    ]) {
      const page = search(c, text);
      const wanted = text.toLowerCase().includes('fran') ? '18765432-7' : '11111111-1';
      expect(ruts(page), text).toContain(wanted);
      expect(
        page.persons.every((p) => p.matchedBy === 'sounds_like'),
        text,
      ).toBe(true);
      // Said with the words taken as a name, as the search reads them.
      expect(page.notices[0], text).toEqual({
        code: 'sounds_like',
        typed: words(text).join(' '),
      });
    }
    // Ranked as dictated names are, by sound: the first surname first.
    expect(search(c, 'silba fransisca').persons[0]?.lastName1).toBe('Silva');
    // Written right, nothing is said; nothing that sounds alike, nothing is found.
    expect(search(c, 'francisca silva').notices).toEqual([]);
    expect(search(c, 'francisca silva').persons[0]?.matchedBy).toBe('name');
    expect(search(c, 'qwxrtz')).toMatchObject({ persons: [], notices: [] });
    // Inside a company, and for an officer: among the same people as a search written right.
    const inCompany = search(c, 'fransisca', { companyRut: '76543210-3' });
    expect(ruts(inCompany)).toContain('18765432-7');
    expect(inCompany.notices).toEqual([{ code: 'sounds_like', typed: 'fransisca' }]);
    const officer = seededCore(300, { as: 'prevencion' });
    const written = ruts(search(officer, 'silva'));
    const heard = search(officer, 'silba');
    expect(written.length).toBeGreaterThan(0);
    expect(ruts(heard).sort()).toEqual([...written].sort());
    expect(heard.notices[0]?.code).toBe('sounds_like');
    // One slip of the keyboard away too (two letters swapped), when nothing sounds like it.
    const slip = search(c, 'gonzlaez pedro');
    expect(ruts(slip)).toContain('12345678-5');
    expect(slip.notices[0]).toEqual({ code: 'sounds_like', typed: 'gonzlaez pedro' });
    // A word whose sound is next to nothing («hhhh», «haha») matches no name by sound.
    for (const text of ['hhhh', 'haha']) {
      expect(search(c, text), text).toMatchObject({ persons: [], notices: [] });
    }
    // An address that starts with the word is listed first; the names that sound like it after.
    c.db.$client
      .prepare("UPDATE persons SET email = 'silba.prueba@correo.cl' WHERE rut = 12345678")
      .run();
    const both = search(c, 'silba');
    expect(both.persons[0]).toMatchObject({ rut: '12345678-5', matchedBy: 'email' });
    expect(both.persons.slice(1).every((p) => p.matchedBy === 'sounds_like')).toBe(true);
    expect(both.persons.length).toBeGreaterThan(1);
    expect(both.notices[0]?.code).toBe('sounds_like');
    // A company's name is no misheard person's: nobody who only sounds like it is listed beside.
    c.db.$client
      .prepare("INSERT INTO companies (rut, dv, legal_name) VALUES (77000001, '0', 'Silba Munos')")
      .run();
    expect(search(c, 'silba munos')).toMatchObject({
      companies: [{ legalName: 'Silba Munos' }],
      persons: [],
      notices: [],
    });
  });

  it('finds a company’s name written as it was heard when no company nor anybody is named so', () => {
    const c = core();
    const heard = search(c, 'constructora los andez');
    expect(heard.companies.map((company) => company.legalName)).toEqual([
      'Constructora Los Andes SpA',
    ]);
    expect(heard.persons).toEqual([]);
    expect(heard.notices).toEqual([
      { code: 'sounds_like', typed: 'constructora los andez', companies: true },
    ]);
    expect(search(c, 'panaderia la espija').companies[0]?.legalName).toBe(
      'Panadería La Espiga Limitada',
    );
    // Written right, nothing is said.
    expect(search(c, 'constructora los andes').notices).toEqual([]);
    // A company written later, or renamed, is found so too (migration 0041's triggers).
    c.db.$client
      .prepare(
        "INSERT INTO companies (rut, dv, legal_name) VALUES (77000001, '0', 'Transportes Quiroz')",
      )
      .run();
    expect(search(c, 'transportes kiros').companies.map((company) => company.legalName)).toEqual([
      'Transportes Quiroz',
    ]);
    c.db.$client
      .prepare("UPDATE companies SET legal_name = 'Transportes Villarroel' WHERE rut = 77000001")
      .run();
    expect(search(c, 'transportes billaroel').companies[0]?.legalName).toBe(
      'Transportes Villarroel',
    );
    expect(search(c, 'transportes kiros').companies).toEqual([]);
    // At most five, and a line says more sound alike.
    const insert = c.db.$client.prepare(
      "INSERT INTO companies (rut, dv, legal_name) VALUES (?, '0', ?)",
    );
    for (const [i, place] of ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco', 'Seis'].entries()) {
      insert.run(77000010 + i, `Frutícola Valdivia ${place}`);
    }
    const many = search(c, 'fruticola baldivia');
    expect(many.companies).toHaveLength(5);
    expect(many.notices).toContainEqual({ code: 'companies_capped', shown: 5 });
    // A person's name heard wrong is still a person's: no company beside the names found.
    expect(search(c, 'fransisca silba').companies).toEqual([]);
    // An officer is shown his own companies only (Los Andes is his; La Espiga is not).
    const officer = seededCore(300, { as: 'prevencion' });
    expect(search(officer, 'constructora los andez').companies[0]?.legalName).toBe(
      'Constructora Los Andes SpA',
    );
    expect(search(officer, 'panaderia la espija')).toMatchObject({ companies: [], notices: [] });
  });

  it('puts persons whose first surname matches before those matched by a given name', () => {
    const page = search(core(), 'gonzalez ped');
    expect(page.persons.length).toBeGreaterThan(3);
    expect(page.persons[0]?.lastName1).toBe('González');
    for (const person of page.persons) {
      const text = `${person.givenNames} ${person.lastName1} ${person.lastName2}`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
      expect(text).toMatch(/\bgonzalez/);
      expect(text).toMatch(/\bped/);
    }
  });

  it('caps a common surname and asks for more words, paging within the cap', () => {
    const c = core();
    const first = search(c, 'gonzalez');
    expect(first.notices).toContainEqual({ code: 'capped', cap: SEARCH_CAP });
    expect(first.persons).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    const seen = new Set(ruts(first));
    let offset = 50;
    let page = first;
    while (page.hasMore) {
      page = search(c, 'gonzalez', { offset });
      for (const rut of ruts(page)) {
        expect(seen.has(rut), `duplicate ${rut} at offset ${offset}`).toBe(false);
        seen.add(rut);
      }
      offset += 50;
    }
    expect(seen.size).toBe(SEARCH_CAP);
    expect(page.total).toBe(SEARCH_CAP);
    expect(first.total).toBe(SEARCH_CAP);
  });

  it('finds by e-mail and by its start', () => {
    const c = core();
    expect(ruts(search(c, 'pedro.gonzalez@gmail.com'))).toEqual(['12345678-5']);
    expect(ruts(search(c, 'PEDRO.GONZALEZ@'))).toEqual(['12345678-5']);
    expect(ruts(search(c, 'mjose.mun'))).toContain('11111111-1');
    // An address's start, without its @, before the names its words also match (Enter opens it).
    const start = search(c, 'pedro.gonzalez');
    expect(start.persons[0]).toMatchObject({ rut: '12345678-5', matchedBy: 'email' });
    expect(start.persons.length).toBeGreaterThan(1);
    expect(search(c, 'mjose.mun').persons[0]!.rut).toBe('11111111-1');
  });

  it('finds by phone however it is dictated', () => {
    const c = core();
    for (const text of ['+56 9 8765 4321', '987654321', '56987654321', '9 8765 4321']) {
      expect(ruts(search(c, text)), text).toContain('12345678-5');
    }
    // Its eight digits after the 9, as a company's RUT body would be: the mobile, not «a company
    // not registered» (walk 59a: Ricardo's +56 9 6666 7788).
    const dictated = search(c, '66667788');
    expect(ruts(dictated)).toEqual(['12131415-0']);
    expect(dictated.persons[0]).toMatchObject({ matchedBy: 'phone' });
    expect(dictated.notices).toEqual([]);
  });

  it('finds a company by RUT and by name, and lists its persons when scoped to it', () => {
    const c = core();
    expect(search(c, '76.543.210-3').companies[0]?.legalName).toBe('Constructora Los Andes SpA');
    const byName = search(c, 'constructora andes');
    expect(byName.companies.map((company) => company.legalName)).toContain(
      'Constructora Los Andes SpA',
    );
    expect(byName.notices).toEqual([]);
    // «Hermanos» names more companies than the list shows: it says so, and how to narrow it.
    const many = search(c, 'hermanos');
    expect(many.companies).toHaveLength(5);
    expect(many.notices).toContainEqual({ code: 'companies_capped', shown: 5 });
    const scoped = search(c, '', { companyRut: '76543210-3' });
    expect(scoped.company?.legalName).toBe('Constructora Los Andes SpA');
    expect(ruts(scoped)).toEqual(
      expect.arrayContaining(['12345678-5', '11111111-1', '9876543-3', '16789012-1']),
    );
    expect(scoped.persons.every((p) => p.matchedBy === 'company')).toBe(true);
    expect(scoped.total).toBe(scoped.company?.memberCount);
    const silva = ruts(search(c, 'silva', { companyRut: '76543210-3' }));
    expect(silva).toContain('18765432-7');
    expect(silva).not.toContain('12345678-5');
  });

  it.each(['"', '*', '(', ')', 'NEAR', '-', "'", '")*(', 'a OR b', 'x AND NOT y', 'NEAR(a b)'])(
    'searches hostile input %j as text, never failing',
    (text) => {
      const envelope = core().dispatchNow('persons.search', { text });
      expect(envelope.ok).toBe(true);
    },
  );

  it('tells a valid RUT that is not in the replica apart from no input', () => {
    const c = core();
    const page = search(c, '1-9');
    expect(page.persons).toEqual([]);
    expect(page.notices).toEqual([{ code: 'rut_not_found', rut: '1-9' }]);
    expect(search(c, '   ')).toMatchObject({ persons: [], notices: [] });
    // Its body alone, as callers dictate it (rule 1), is told the same.
    expect(search(c, '30123456').notices).toEqual([{ code: 'rut_not_found', rut: '30.123.456-2' }]);
  });

  it('never calls a RUT unregistered while the replica is still being filled', () => {
    const c = core();
    const repo = c.context.repos.search;
    const notices = (replicaIncomplete: boolean, assigned: number[] | null = null) =>
      searchPersons(repo, { text: '1-9', companyRut: null, offset: 0, limit: 50 }, new Date(), {
        assigned,
        replicaIncomplete: () => replicaIncomplete,
      }).notices;
    expect(notices(false)).toEqual([{ code: 'rut_not_found', rut: '1-9' }]);
    expect(notices(true)).toEqual([{ code: 'rut_not_synced_yet', rut: '1-9' }]);
    // An officer hears the same whether the RUT exists elsewhere or not at all.
    expect(notices(false, [76_543_210])).toEqual([{ code: 'rut_outside_scope', rut: '1-9' }]);
    const rosa = searchPersons(
      repo,
      { text: '6.543.210-2', companyRut: null, offset: 0, limit: 50 },
      new Date(),
      { assigned: [76_543_210] },
    );
    expect(rosa).toMatchObject({
      persons: [],
      total: 0,
      notices: [{ code: 'rut_outside_scope', rut: '6.543.210-2' }],
    });
  });

  it('answers the officer whose replica holds only his companies with the same words', () => {
    const c = seededCore(300, { as: 'prevencion' });
    expect(search(c, '6.543.210-2').notices).toEqual([
      { code: 'rut_outside_scope', rut: '6.543.210-2' },
    ]);
  });

  it('shows state badges in the results', () => {
    const page = search(core(), '12345678-5');
    expect(page.persons[0]?.badges).toEqual([
      { code: 'temporarily_locked', until: '2026-11-21T15:45:00.000Z', attempts: 6 },
    ]);
  });

  it('rejects malformed queries with a Spanish message instead of throwing', () => {
    const c = core();
    for (const input of [{ text: 5 }, { text: 'x', limit: 0 }, { text: 'x'.repeat(201) }, null]) {
      const envelope = c.dispatchNow('persons.search', input);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!envelope.ok) expect(envelope.error.message).toMatch(/válidos/);
    }
  });
});
