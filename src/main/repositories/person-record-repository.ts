/**
 * Reads for the person record screen, through drizzle with statements prepared once.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { IdentityHolder } from '../../shared/identity-facts';
import { phoneNoProofUntil } from '../../shared/policy';
import type { Db } from '../../storage/db/database';
import { PERSON_COUNT_SQL } from './person-count';
import {
  accessRequests,
  accounts,
  companies,
  mails,
  memberships,
  persons,
} from '../../storage/db/schema';

/** Mails shown on the record, newest first. */
export const RECORD_MAILS = 20;

/**
 * What identity checks need of several persons at once (a company's callers: its legal
 * representatives and administrators), one read each for all of them; the benchmark runs the
 * same statements raw.
 */
export const IDENTITY_HOLDERS_SQL = {
  person: `SELECT rut, serial_number AS serialNumber, email, phone,
       phone_changed_at AS phoneChangedAt FROM persons
     WHERE rut IN (SELECT value FROM json_each(?))`,
  employers: `SELECT m.person_rut AS rut, c.legal_name AS name
     FROM memberships m JOIN companies c ON c.rut = m.company_rut
     WHERE m.person_rut IN (SELECT value FROM json_each(?)) AND m.state != 'removed'
       AND m.external = 0
     ORDER BY m.id`,
} as const;

export function createPersonRecordRepository(db: Db) {
  const person = db
    .select()
    .from(persons)
    .where(eq(persons.rut, sql.placeholder('rut')))
    .prepare();
  const personMemberships = db
    .select({
      companyRut: memberships.companyRut,
      companyDv: companies.dv,
      companyName: companies.legalName,
      companyAdherent: companies.adherent,
      companyAdherentSince: companies.adherentSince,
      companyAdherentUntil: companies.adherentUntil,
      companyPortals: companies.portals,
      role: memberships.role,
      state: memberships.state,
      modules: memberships.modules,
      agreementSigned: memberships.agreementSigned,
      agreementSentAt: memberships.agreementSentAt,
      agreementSignedAt: memberships.agreementSignedAt,
      adminKind: memberships.adminKind,
      external: memberships.external,
      startedAt: memberships.startedAt,
      endedAt: memberships.endedAt,
      version: memberships.version,
    })
    .from(memberships)
    .innerJoin(companies, eq(companies.rut, memberships.companyRut))
    .where(eq(memberships.personRut, sql.placeholder('rut')))
    .orderBy(memberships.id)
    .prepare();
  const personAccounts = db
    .select()
    .from(accounts)
    .where(eq(accounts.personRut, sql.placeholder('rut')))
    .orderBy(accounts.portal)
    .prepare();
  const personMails = db
    .select()
    .from(mails)
    .where(eq(mails.personRut, sql.placeholder('rut')))
    .orderBy(desc(mails.sentAt))
    // A literal, not a bound number (drizzle binds one): see test/unit/sql-limits.test.ts.
    .limit(sql.raw(String(RECORD_MAILS)) as unknown as number)
    .prepare();
  const personRequests = db
    .select({
      companyRut: accessRequests.companyRut,
      companyDv: companies.dv,
      companyName: companies.legalName,
      companyAdherent: companies.adherent,
      state: accessRequests.state,
      reason: accessRequests.reason,
      capacity: accessRequests.capacity,
      requestedAt: accessRequests.requestedAt,
      decidedAt: accessRequests.decidedAt,
      agreementSigned: accessRequests.agreementSigned,
    })
    .from(accessRequests)
    .innerJoin(companies, eq(companies.rut, accessRequests.companyRut))
    .where(eq(accessRequests.personRut, sql.placeholder('rut')))
    .orderBy(accessRequests.id)
    .prepare();
  const holderPerson = db
    .select({
      serialNumber: persons.serialNumber,
      email: persons.email,
      phone: persons.phone,
      phoneChangedAt: persons.phoneChangedAt,
    })
    .from(persons)
    .where(eq(persons.rut, sql.placeholder('rut')))
    .prepare();
  const holderEmployers = db
    .select({ name: companies.legalName })
    .from(memberships)
    .innerJoin(companies, eq(companies.rut, memberships.companyRut))
    // Not an outsider's company (rule 13): as IDENTITY_HOLDERS_SQL.employers.
    .where(
      and(
        eq(memberships.personRut, sql.placeholder('rut')),
        ne(memberships.state, 'removed'),
        eq(memberships.external, false),
      ),
    )
    .orderBy(memberships.id)
    .prepare();
  // Many holders at once (a company's callers: hundreds of administrators in a big one).
  const holdersPerson = db.$client.prepare(IDENTITY_HOLDERS_SQL.person);
  const holdersEmployers = db.$client.prepare(IDENTITY_HOLDERS_SQL.employers);
  const personCount = db.$client.prepare(PERSON_COUNT_SQL.read).pluck();
  const personsMoved = db.$client.prepare(PERSON_COUNT_SQL.moved).pluck();
  const personsInCompanies = db.$client.prepare(PERSON_COUNT_SQL.inCompanies).pluck();
  const changesHere = db.$client.prepare('SELECT total_changes()').pluck();

  return {
    find(rut: number) {
      const row = person.get({ rut });
      if (!row) return null;
      return {
        person: row,
        memberships: personMemberships.all({ rut }),
        accounts: personAccounts.all({ rut }),
        mails: personMails.all({ rut }),
        accessRequests: personRequests.all({ rut }),
      };
    },
    /**
     * What a caller can be asked to prove who they are at `now` (see shared/identity-facts.ts);
     * a mobile changed lately (policy phoneNoProofUntil) is not among it.
     */
    identityHolder(rut: number, now: Date): IdentityHolder | null {
      const row = holderPerson.get({ rut });
      if (!row) return null;
      const { phoneChangedAt, ...holder } = row;
      return {
        ...holder,
        employers: holderEmployers.all({ rut }).map((company) => company.name),
        phoneNoProofUntil: phoneNoProofUntil(phoneChangedAt, now),
      };
    },
    /** identityHolder for many persons in two statements; those not in the replica are absent. */
    identityHolders(ruts: number[], now: Date): Map<number, IdentityHolder> {
      const list = JSON.stringify(ruts);
      const employers = new Map<number, string[]>();
      for (const row of holdersEmployers.all(list) as Array<{ rut: number; name: string }>) {
        const names = employers.get(row.rut);
        if (names) names.push(row.name);
        else employers.set(row.rut, [row.name]);
      }
      const rows = holdersPerson.all(list) as Array<
        { rut: number; phoneChangedAt: string | null } & Omit<IdentityHolder, 'employers'>
      >;
      return new Map(
        rows.map(({ rut, phoneChangedAt, ...row }) => [
          rut,
          {
            ...row,
            employers: employers.get(rut) ?? [],
            phoneNoProofUntil: phoneNoProofUntil(phoneChangedAt, now),
          },
        ]),
      );
    },
    /** The replica's persons, as kept by triggers (migration 0023): no scan. */
    count(): number {
      return (personCount.get() as number | undefined) ?? 0;
    },
    /**
     * Moves whenever the replica may have changed: rows this connection changed, and a commit of
     * another one (the bulk worker's), which SQLite's data_version counts.
     */
    changeMark(): string {
      return `${changesHere.get() as number}:${db.$client.pragma('data_version', { simple: true }) as number}`;
    },
    /** The persons of these companies (an officer's), each once: whom his searches show. */
    countInCompanies(companyRuts: readonly number[]): number {
      return personsInCompanies.get(JSON.stringify(companyRuts)) as number;
    },
    /** Grows whenever a person arrives on this desk or leaves it (0031_persons_moved.sql). */
    moved(): number {
      return (personsMoved.get() as number | undefined) ?? 0;
    },
  };
}

export type PersonRecordRepository = ReturnType<typeof createPersonRecordRepository>;
