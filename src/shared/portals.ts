/**
 * Which login an account lives on. Seed 002: Portal Héroes, Portal Empresas and the APP LH share
 * one user and password, so a person has ONE Los Héroes login (kept as `portal_heroes`); Portal
 * Empresas is a company profile on it, not an account of its own. ACHS Gestión is its own login
 * (and its keys are not ACHS Virtual's, rule 17).
 */
import { isOneOf, PORTALS, type MailKind, type Portal } from './vocabulary';

export type LoginPortal = Exclude<Portal, 'portal_empresas'>;

/** The login that opens `portal`. */
export function loginPortal(portal: Portal): LoginPortal {
  return portal === 'portal_empresas' ? 'portal_heroes' : portal;
}

export function isLosHeroes(portal: Portal): boolean {
  return portal === 'portal_heroes' || portal === 'portal_empresas';
}

/** Company mails (approval, agreement) come from Portal Empresas' no-reply sender. */
const COMPANY_MAILS: ReadonlySet<MailKind> = new Set<MailKind>([
  'access_approval',
  'agreement_signature',
]);

/** The portal a mail of `kind` is sent from, for an account on `portal`. */
export function mailPortal(kind: MailKind, portal: Portal): Portal {
  return COMPANY_MAILS.has(kind) && isLosHeroes(portal) ? 'portal_empresas' : portal;
}

export function isPortal(text: string): text is Portal {
  return isOneOf(PORTALS, text);
}
