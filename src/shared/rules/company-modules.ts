/**
 * The modules a company user may be granted, by the portal the company works on. ACHS Gestión
 * (an ACHS company's safety work: claims, reports, documents, training, evaluations) and Caja
 * Los Héroes' Portal Empresas (its FAQ's list: hiring and leaving workers, family allowances,
 * medical leave history, bonuses and medical refunds, certificates) offer different ones; both
 * let a user manage the company's users. The desk's dialogs offer these, and the shared intent
 * rules refuse any other, on the desk and on the central API alike.
 */

/** Portal Empresas is Los Héroes': requests, the TRF, the agreement and its modules exist there. */
export function isOnEmpresas(portals: readonly string[]): boolean {
  return portals.includes('portal_empresas');
}

export const ACHS_MODULES = [
  'usuarios',
  'siniestros',
  'reportes',
  'documentos',
  'capacitacion',
  'evaluaciones',
] as const;

export const EMPRESAS_MODULES = [
  'usuarios',
  'trabajadores',
  'cargas',
  'licencias',
  'beneficios',
  'certificados',
] as const;

/** The modules a company offers: Portal Empresas' for a company on it, ACHS Gestión's otherwise. */
export function modulesOffered(company: { onEmpresas: boolean }): readonly string[] {
  return company.onEmpresas ? EMPRESAS_MODULES : ACHS_MODULES;
}

/**
 * The modules of `next` the company does not offer and `current` did not already hold: a module
 * granted before this rule (or under another catalogue) may stay, or be taken away, but no new
 * one outside the catalogue is given.
 */
export function modulesNotOffered(
  company: { onEmpresas: boolean },
  next: readonly string[],
  current: readonly string[] = [],
): string[] {
  const offered = new Set<string>(modulesOffered(company));
  const held = new Set(current);
  return [...new Set(next)].filter((module) => !offered.has(module) && !held.has(module));
}

/** Whether `next` grants a module `held` lacks: the change widens the user's access. */
export function grantsModule(held: readonly string[], next: readonly string[]): boolean {
  return next.some((module) => !held.includes(module));
}

/**
 * Rule 6: at a company no longer adherent none of its users can access, so no module is granted
 * there (as no access is given or given back); one may still be taken away.
 */
export function modulesGrantableAt(
  company: { adherent: boolean },
  held: readonly string[],
  next: readonly string[],
): boolean {
  return company.adherent || !grantsModule(held, next);
}
