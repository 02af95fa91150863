/**
 * Reads for the person record screen, through drizzle with statements prepared once.
 */
import { desc, eq, sql } from 'drizzle-orm';
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
      companyAdherentUntil: companies.adherentUntil,
      role: memberships.role,
      state: memberships.state,
      modules: memberships.modules,
      agreementSigned: memberships.agreementSigned,
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
    })
    .from(accessRequests)
    .innerJoin(companies, eq(companies.rut, accessRequests.companyRut))
    .where(eq(accessRequests.personRut, sql.placeholder('rut')))
    .orderBy(accessRequests.id)
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
    count(): number {
      return personCount.get()?.n ?? 0;
    },
  };
}

export type PersonRecordRepository = ReturnType<typeof createPersonRecordRepository>;
