/**
 * The person record: identity, badges, accounts per portal, memberships by company, last mails.
 * The card serial number never leaves main unmasked.
 */
import type { PersonRecord } from '../../shared/contract';
import { loginRut, readRut } from '../../shared/rut';
import { accountBadges, personBadges } from '../domain/badges';
import type { PersonRecordRepository } from '../repositories/person-record-repository';

export class NotFoundError extends Error {
  constructor(readonly subject: 'person') {
    super(`${subject} not found`);
  }
}

/** `•••••746`: enough to confirm with the caller, not enough to register as them. */
export function maskSerial(serial: string | null): string | null {
  if (serial === null || serial === '') return null;
  return `${'•'.repeat(Math.max(serial.length - 3, 3))}${serial.slice(-3)}`;
}

export function getPersonRecord(
  repo: PersonRecordRepository,
  rutText: string,
  now: Date,
): PersonRecord {
  const rut = readRut(rutText);
  const found = rut ? repo.find(rut.body) : null;
  if (!found) throw new NotFoundError('person');
  const { person, memberships, accounts, mails } = found;

  return {
    rut: loginRut({ body: person.rut, dv: person.dv }),
    givenNames: person.givenNames,
    lastName1: person.lastName1,
    lastName2: person.lastName2,
    email: person.email,
    phone: person.phone,
    serialNumberMasked: maskSerial(person.serialNumber),
    isWorker: person.isWorker,
    isPensioner: person.isPensioner,
    badges: personBadges(person, accounts, memberships, now),
    accounts: accounts.map((account) => ({
      portal: account.portal,
      registrationState: account.registrationState,
      passwordSet: account.passwordSet,
      emailVerified: account.emailVerified,
      failedAttempts: account.failedAttempts,
      lockedUntil: account.lockedUntil,
      registrationBlocked: account.registrationBlocked,
      lastLoginAt: account.lastLoginAt,
      badges: accountBadges(account, now),
    })),
    memberships: memberships.map((membership) => ({
      companyRut: loginRut({ body: membership.companyRut, dv: membership.companyDv }),
      companyName: membership.companyName,
      companyAdherent: membership.companyAdherent,
      companyAdherentUntil: membership.companyAdherentUntil,
      role: membership.role,
      state: membership.state,
      modules: parseList(membership.modules),
      agreementSigned: membership.agreementSigned,
    })),
    mails: mails.map((mail) => ({
      portal: mail.portal,
      kind: mail.kind,
      sentAt: mail.sentAt,
      outcome: mail.outcome,
      toAddress: mail.toAddress,
    })),
  };
}

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
