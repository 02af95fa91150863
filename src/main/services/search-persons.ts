/**
 * Search use case: reads the plan of the text, runs its probes strongest first (exact RUT,
 * phone, e-mail, names, RUT prefix), keeps a bounded ordered candidate list, and hydrates one
 * page. Companies found by RUT or name come beside the persons.
 */
import type { CompanyHit, PersonHit, SearchNotice, SearchPage } from '../../shared/contract';
import { formatRut, loginRut, parseDictatedRut, readRut } from '../../shared/rut';
import { personBadges } from '../domain/badges';
import { rankByName } from '../domain/name-rank';
import { planSearch } from '../domain/search-plan';
import type {
  CompanyRow,
  NameScope,
  PersonSearchRepository,
} from '../repositories/person-search-repository';

/** Candidates kept for one text; beyond this the agent is asked to add a word. */
export const SEARCH_CAP = 200;
const COMPANY_HITS = 5;

type Query = { text: string; companyRut: string | null; offset: number; limit: number };
type Candidate = { rut: number; matchedBy: PersonHit['matchedBy'] };

export type SearchOptions = {
  /**
   * A prevention officer's companies (RUT bodies): results keep only their people. null for
   * agents and supervisors, who see everyone.
   */
  assigned?: number[] | null;
  /** Whether the replica may still be missing rows (asked only when a RUT is not found). */
  replicaIncomplete?: () => boolean;
  /**
   * Whether names that only sound like the words are listed when the words as written name
   * nobody (true unless told: a selection acts on what the text names, never on those).
   */
  soundsLike?: boolean;
};

export function searchPersons(
  repo: PersonSearchRepository,
  query: Query,
  now: Date,
  options: SearchOptions = {},
): SearchPage {
  const assigned = options.assigned ?? null;
  const soundsLike = options.soundsLike ?? true;
  const plan = planSearch(query.text);
  const notices: SearchNotice[] = [];
  const scopeRut = query.companyRut === null ? null : readRut(query.companyRut);
  const wanted = scopeRut ? repo.company(scopeRut.body) : null;
  const scope = wanted && (assigned === null || assigned.includes(wanted.rut)) ? wanted : null;
  const visible = (list: Candidate[]) => {
    if (assigned === null || list.length === 0) return list;
    const keep = repo.inCompanies(
      list.map((c) => c.rut),
      assigned,
    );
    return list.filter((c) => keep.has(c.rut));
  };

  let candidates: Candidate[];
  let hasMore: boolean;
  let total: number;
  const companies: CompanyHit[] = [];
  const company = scope ? toCompanyHit(repo, scope) : null;

  if (wanted && !scope) {
    // A company outside the officer's assignment shows nobody.
    candidates = [];
    hasMore = false;
    total = 0;
  } else if (scope && company) {
    if (plan.nameWords.length === 0 && query.text.trim() !== '') {
      // A RUT, phone or e-mail typed inside a company: its matches among the company's people.
      const keep = new Set<number>();
      const found = collectCandidates(repo, plan, null, false);
      if (found.length > 0) {
        for (const rut of repo.inCompanies(
          found.map((c) => c.rut),
          [scope.rut],
        )) {
          keep.add(rut);
        }
      }
      ({ candidates, hasMore, total } = pageOf(
        found.filter((c) => keep.has(c.rut)),
        query,
        notices,
      ));
    } else if (plan.nameWords.length > 0) {
      const named = repo.byNamesInCompany(scope.rut, plan.nameWords, SEARCH_CAP + 1);
      candidates =
        named.length > 0 || !soundsLike
          ? rankByName(plan.nameWords, named).map((row) => ({
              rut: row.rut,
              matchedBy: 'name' as const,
            }))
          : soundingLike(repo, plan.nameWords, SEARCH_CAP + 1, {
              kind: 'company',
              companyRut: scope.rut,
            });
      ({ candidates, hasMore, total } = pageOf(candidates, query, notices));
    } else {
      // A company's whole roster pages through its index with no cap.
      const page = repo.companyMembers(scope.rut, query.limit + 1, query.offset);
      hasMore = page.length > query.limit;
      total = company.memberCount;
      candidates = page.slice(0, query.limit).map((rut) => ({ rut, matchedBy: 'company' }));
    }
  } else {
    const named = findCompanies(
      repo,
      plan,
      (company) => assigned === null || assigned.includes(company.rut),
    );
    // A company's name typed («Servicios Núñez») is no person's misheard name: names that only
    // sound like its words are not looked for beside it (on any page).
    const all = visible(
      collectCandidates(repo, plan, assigned, soundsLike && named.hits.length === 0),
    );
    ({ candidates, hasMore, total } = pageOf(all, query, notices));
    if (query.offset === 0) {
      companies.push(...named.hits);
      if (named.more) notices.push({ code: 'companies_capped', shown: COMPANY_HITS });
    }
    // Neither a company nor anybody is named so: a company's name written as it was heard
    // («constructora los andez») may still be one's (walk 57).
    if (soundsLike && named.hits.length === 0 && all.length === 0 && plan.nameWords.length > 0) {
      // One more than shown, whether the list leaves some out; an officer's among more.
      const alike = repo
        .companiesSoundingLike(plan.nameWords, assigned === null ? COMPANY_HITS + 1 : 50)
        .filter((company) => assigned === null || assigned.includes(company.rut));
      if (alike.length > 0) {
        if (query.offset === 0) {
          companies.push(...alike.slice(0, COMPANY_HITS).map((c) => toCompanyHit(repo, c)));
          if (alike.length > COMPANY_HITS) {
            notices.push({ code: 'companies_capped', shown: COMPANY_HITS });
          }
        }
        notices.unshift({ code: 'sounds_like', typed: plan.nameWords.join(' '), companies: true });
      }
    }
    if (plan.invalidCheckDigit) {
      notices.unshift({
        code: 'invalid_check_digit',
        typed: plan.invalidCheckDigit.typed.dv,
        expected: plan.invalidCheckDigit.expected,
      });
    } else {
      // The body alone names the RUT too (rule 1): it is not found, said as for the whole RUT.
      const typed = parseDictatedRut(query.text);
      if (typed && all.length === 0 && companies.length === 0) {
        const notice = rutNotFoundNotice(repo, formatRut(typed), typed.body, assigned, options);
        if (notice) notices.push(notice);
      }
    }
  }

  // Names found by how they sound are said to be so, whatever page is shown (the words taken
  // as a name, not a phone or an address typed beside them).
  if (candidates.some((c) => c.matchedBy === 'sounds_like')) {
    notices.unshift({ code: 'sounds_like', typed: plan.nameWords.join(' ') });
  }
  return {
    text: query.text,
    company,
    companies,
    persons: hydrate(repo, candidates, now),
    offset: query.offset,
    hasMore,
    total,
    notices,
  };
}

/**
 * What a valid RUT with no visible result means. An officer's replica holds only his companies,
 * so he hears the same words whether or not the RUT exists elsewhere (nothing is revealed); an
 * incomplete replica cannot say "not registered"; only a complete one can.
 */
function rutNotFoundNotice(
  repo: PersonSearchRepository,
  rut: string,
  body: number,
  assigned: number[] | null,
  options: SearchOptions,
): SearchNotice | null {
  if (assigned !== null) return { code: 'rut_outside_scope', rut };
  if (repo.rutExists(body)) return null;
  if (options.replicaIncomplete?.()) return { code: 'rut_not_synced_yet', rut };
  return { code: 'rut_not_found', rut };
}

function collectCandidates(
  repo: PersonSearchRepository,
  plan: ReturnType<typeof planSearch>,
  assigned: number[] | null,
  soundsLike: boolean,
): Candidate[] {
  const seen = new Set<number>();
  const out: Candidate[] = [];
  const add = (ruts: number[], matchedBy: Candidate['matchedBy']) => {
    for (const rut of ruts) {
      if (out.length > SEARCH_CAP) return;
      if (seen.has(rut)) continue;
      seen.add(rut);
      out.push({ rut, matchedBy });
    }
  };
  const room = () => SEARCH_CAP + 1 - out.length;

  add(
    plan.rutBodies.filter((body) => repo.rutExists(body)),
    'rut',
  );
  if (plan.phone) add(repo.byPhone(plan.phone, room()), 'phone');
  if (plan.emailPrefix && plan.emailFirst) {
    // «pedro.gonzalez»: the address whose whole name it is, before pedro.gonzalez12@….
    if (!plan.emailOnly) add(repo.byEmailPrefix(`${plan.emailPrefix}@`, room()), 'email');
    add(repo.byEmailPrefix(plan.emailPrefix, room()), 'email');
  }
  // Whether the words as written name nobody (among the officer's people, for an officer).
  let namedNobody = false;
  if (plan.nameWords.length > 0 && room() > 0) {
    const matches =
      assigned === null
        ? repo.byNames(plan.nameWords, room())
        : repo.byNamesInCompanies(assigned, plan.nameWords, room());
    namedNobody = matches.length === 0;
    const window = rankByName(plan.nameWords, matches);
    add(
      window.map((row) => row.rut),
      'name',
    );
  }
  if (plan.emailPrefix && !plan.emailFirst && room() > 0) {
    add(repo.byEmailPrefix(plan.emailPrefix, room()), 'email');
  }
  if (plan.rutPrefix && room() > 0) add(repo.rutPrefix(plan.rutPrefix, room()), 'rut_prefix');
  // Nobody's name is written so: one written as it was heard («fransisca silba») may still be
  // someone's — listed after what the other probes found (an address starting «munos»).
  if (soundsLike && namedNobody && room() > 0) {
    const scope: NameScope =
      assigned === null ? { kind: 'everyone' } : { kind: 'companies', companyRuts: assigned };
    for (const alike of soundingLike(repo, plan.nameWords, room(), scope)) {
      add([alike.rut], 'sounds_like');
    }
  }
  return out;
}

/** The persons whose names sound like the words (for when the words as written found nobody). */
function soundingLike(
  repo: PersonSearchRepository,
  words: string[],
  window: number,
  scope: NameScope,
): Candidate[] {
  return rankByName(words, repo.byNamesSoundingLike(words, window, scope), 'sound').map((row) => ({
    rut: row.rut,
    matchedBy: 'sounds_like',
  }));
}

function pageOf(all: Candidate[], query: Query, notices: SearchNotice[]) {
  if (all.length > SEARCH_CAP) notices.push({ code: 'capped', cap: SEARCH_CAP });
  const end = Math.min(query.offset + query.limit, SEARCH_CAP);
  const total = Math.min(all.length, SEARCH_CAP);
  return { candidates: all.slice(query.offset, end), hasMore: total > end, total };
}

/** The companies a text names (at most COMPANY_HITS), and whether more matched. */
function findCompanies(
  repo: PersonSearchRepository,
  plan: ReturnType<typeof planSearch>,
  visible: (company: CompanyRow) => boolean,
): { hits: CompanyHit[]; more: boolean } {
  const found = new Map<number, CompanyRow>();
  for (const body of plan.rutBodies) {
    const company = repo.company(body);
    if (company && visible(company)) found.set(company.rut, company);
  }
  if (plan.nameWords.length > 0) {
    // One more than shown: whether the list leaves some out.
    for (const company of repo.companiesByName(plan.nameWords, COMPANY_HITS + 1)) {
      if (visible(company)) found.set(company.rut, company);
    }
  }
  const all = [...found.values()];
  return {
    hits: all.slice(0, COMPANY_HITS).map((company) => toCompanyHit(repo, company)),
    more: all.length > COMPANY_HITS,
  };
}

function toCompanyHit(repo: PersonSearchRepository, company: CompanyRow): CompanyHit {
  return {
    rut: loginRut({ body: company.rut, dv: company.dv }),
    legalName: company.legalName,
    adherent: company.adherent,
    memberCount: repo.memberCount(company.rut),
  };
}

function hydrate(repo: PersonSearchRepository, candidates: Candidate[], now: Date): PersonHit[] {
  if (candidates.length === 0) return [];
  const rows = repo.hitRows(candidates.map((c) => c.rut));
  const persons = new Map(rows.persons.map((row) => [row.rut, row]));
  const group = <T extends { personRut: number }>(list: T[]) => {
    const byPerson = new Map<number, T[]>();
    for (const item of list) {
      const bucket = byPerson.get(item.personRut);
      if (bucket) bucket.push(item);
      else byPerson.set(item.personRut, [item]);
    }
    return byPerson;
  };
  const memberships = group(rows.memberships);
  const accounts = group(rows.accounts);

  return candidates.flatMap(({ rut, matchedBy }) => {
    const person = persons.get(rut);
    if (!person) return [];
    const ownMemberships = memberships.get(rut) ?? [];
    const main = ownMemberships.find((m) => m.state === 'active') ?? ownMemberships[0];
    return [
      {
        rut: loginRut({ body: rut, dv: person.dv }),
        givenNames: person.givenNames,
        lastName1: person.lastName1,
        lastName2: person.lastName2,
        email: person.email,
        phone: person.phone,
        companyName: main?.companyName ?? null,
        companyCount: ownMemberships.length,
        badges: personBadges(
          person,
          accounts.get(rut) ?? [],
          {
            isPensioner: person.isPensioner,
            isWorker: person.isWorker,
            memberships: ownMemberships,
          },
          now,
        ),
        held: rows.held.has(rut),
        matchedBy,
      },
    ];
  });
}
