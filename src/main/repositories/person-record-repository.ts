/**
 * Reads for the person record screen, through drizzle with statements prepared once.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { IdentityHolder } from '../../shared/identity-facts';
import type { Db } from '../db/database';
import { accessRequests, accounts, companies, mails, memberships, persons } from '../db/schema';

/** Mails shown on the record, newest first. */
export const RECORD_MAILS = 20;

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
    .limit(RECORD_MAILS)
    .prepare();
  const personRequests = db
    .select({
      companyRut: accessRequests.companyRut,
      companyDv: companies.dv,
      companyName: companies.legalName,
      state: accessRequests.state,
      reason: accessRequests.reason,
      capacity: accessRequests.capacity,
      requestedAt: accessRequests.requestedAt,
      decidedAt: accessRequests.decidedAt,
    })
    .from(accessRequests)
    .innerJoin(companies, eq(companies.rut, accessRequests.companyRut))
    .where(eq(accessRequests.personRut, sql.placeholder('rut')))
    .orderBy(accessRequests.id)
    .prepare();
  const holderPerson = db
    .select({ serialNumber: persons.serialNumber, email: persons.email, phone: persons.phone })
    .from(persons)
    .where(eq(persons.rut, sql.placeholder('rut')))
    .prepare();
  const holderEmployers = db
    .select({ name: companies.legalName })
    .from(memberships)
    .innerJoin(companies, eq(companies.rut, memberships.companyRut))
    .where(and(eq(memberships.personRut, sql.placeholder('rut')), ne(memberships.state, 'removed')))
    .orderBy(memberships.id)
    .prepare();
  const personCount = db
    .select({ n: sql<number>`count(*)` })
    .from(persons)
    .prepare();

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
    /** What a caller can be asked to prove who they are (see shared/identity-facts.ts). */
    identityHolder(rut: number): IdentityHolder | null {
      const row = holderPerson.get({ rut });
      if (!row) return null;
      return { ...row, employers: holderEmployers.all({ rut }).map((company) => company.name) };
    },
    count(): number {
      return personCount.get()?.n ?? 0;
    },
  };
}

export type PersonRecordRepository = ReturnType<typeof createPersonRecordRepository>;
