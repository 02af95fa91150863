/**
 * The facts an agent may check with a caller before a sensitive action. Only facts the system
 * holds for that person are offered, each shown masked: the caller says it, the agent compares
 * it with what is shown, and nothing on screen lets the agent (or anyone listening) read it out.
 * Main validates the facts an action carries with the same rules.
 */
import { IDENTITY_FACTS, type IdentityFact } from './policy';

/** What the system holds about a person that a caller can be asked for. */
export type IdentityHolder = {
  serialNumber: string | null;
  email: string | null;
  phone: string | null;
  /** Legal names of the companies the person works for now (not dismissed, not as an outsider). */
  employers: readonly string[];
  /**
   * The mobile changed lately (policy phoneNoProofUntil): it proves nothing until this instant.
   */
  phoneNoProofUntil?: string | null;
};

/** One fact the agent may check, with what the agent compares the caller's answer against. */
export type IdentityFactView = { fact: IdentityFact; shown: string[] };

const DOT = '•';
const HIDDEN = DOT.repeat(3);

/** Characters of the card serial number that may leave main: the caller reads them aloud. */
export const SERIAL_VISIBLE_CHARS = 3;
/** Serials this short would be mostly revealed by their last characters: never shown. */
const SERIAL_MIN_LENGTH = 7;
/** Digits of the phone the caller is asked for. */
export const PHONE_VISIBLE_DIGITS = 4;

/** `••••••746`; null when there is none, or it is too short to show any of it safely. */
export function maskSerial(serial: string | null): string | null {
  const value = serial?.trim() ?? '';
  if (value.length < SERIAL_MIN_LENGTH) return null;
  return `${DOT.repeat(value.length - SERIAL_VISIBLE_CHARS)}${value.slice(-SERIAL_VISIBLE_CHARS)}`;
}

/**
 * The shape of an e-mail: `pedro.gonzalez@gmail.com` → `p•••@g•••.com`. First letter of the
 * mailbox and of the domain, and the top-level domain; lengths are never revealed.
 */
export function maskEmail(email: string | null): string | null {
  const value = email?.trim() ?? '';
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1) return null;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 && dot < domain.length - 1 ? domain.slice(dot) : '';
  return `${[...local][0]}${HIDDEN}@${[...domain][0]}${HIDDEN}${tld}`;
}

/** `+56 9 •••• 4321`: only the last four digits; null when there is no number. */
export function maskPhone(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length < PHONE_VISIBLE_DIGITS + 4) return null;
  const last = digits.slice(-PHONE_VISIBLE_DIGITS);
  const mobile = /^(56)?9\d{8}$/.test(digits);
  return mobile ? `+56 9 ${DOT.repeat(4)} ${last}` : `${DOT.repeat(4)} ${last}`;
}

/**
 * Someone calling on behalf of a company (its representative or an access administrator): the
 * company they name is the one the call is about, so it proves nothing of who they are.
 */
export function asCompanyCaller(holder: IdentityHolder): IdentityHolder {
  return { ...holder, employers: [] };
}

/** Every fact this person can be asked for, in the catalogue's order, with what to compare. */
export function identityFacts(holder: IdentityHolder): IdentityFactView[] {
  const shown: Record<IdentityFact, string[]> = {
    serial_number: listOf(maskSerial(holder.serialNumber)),
    registered_phone: listOf(holder.phoneNoProofUntil ? null : maskPhone(holder.phone)),
    registered_email: listOf(maskEmail(holder.email)),
    employer: [...new Set(holder.employers.map((name) => name.trim()).filter(Boolean))],
  };
  return IDENTITY_FACTS.filter((fact) => shown[fact].length > 0).map((fact) => ({
    fact,
    shown: shown[fact],
  }));
}

/**
 * The facts in `checked` the agent could not have compared for this person: unknown ones
 * (like the retired birth date) and those the person lacks (no e-mail, no phone…).
 */
export function unavailableFacts(holder: IdentityHolder, checked: readonly string[]): string[] {
  const available = new Set<string>(identityFacts(holder).map((view) => view.fact));
  return [...new Set(checked)].filter((fact) => !available.has(fact));
}

/**
 * A checked fact the system does not take, and why: a mobile changed lately (it proves nothing
 * until `until`, see policy phoneNoProofUntil), or one it does not hold at all.
 */
export function unavailableFact(
  holder: IdentityHolder,
  checked: readonly string[],
): { fact: string; changedUntil: string | null } | null {
  const [fact] = unavailableFacts(holder, checked);
  if (fact === undefined) return null;
  const changedLately = fact === 'registered_phone' && holder.phone && holder.phoneNoProofUntil;
  return { fact, changedUntil: changedLately ? holder.phoneNoProofUntil! : null };
}

const listOf = (value: string | null) => (value === null ? [] : [value]);
