/** The search: what it says about what was typed and what it found. */
import { formatNumber } from '../format';
import { textPreview } from '../text';
import { looksLikeCompanyRut } from '../rut';
import { countOf, rutFieldMessages } from './common';
import { NOT_IN_REPLICA_SAY } from './internal';

/** What was typed, said back: a pasted page is cut, not echoed whole across the screen. */
const echo = (text: string) => textPreview(text.trim(), 1, 80) ?? text.trim();

export const searchMessages = {
  /** The same words as every RUT field's (`typed`: the check digit typed). */
  invalidCheckDigit: rutFieldMessages.checkDigit,
  /** Beside a near match to a wrong check digit: Enter alone opens nobody (store.ts). */
  checkDigitPick:
    'Enter no abre a nadie con ese dígito: si busca a la persona que se muestra, elíjala con ↓ y Enter, o con el mouse.',
  capped: (cap: number) =>
    `Hay más de ${formatNumber(cap)} coincidencias y se listan solo las primeras ${formatNumber(cap)}. Agregue un nombre o el segundo apellido para acotar.`,
  /** …when what was typed is the start of a RUT (walk 60a L4: «Agregue un nombre» to «12»). */
  cappedRut: (cap: number) =>
    `Hay más de ${formatNumber(cap)} coincidencias y se listan solo las primeras ${formatNumber(cap)}. Siga escribiendo el RUT para acotar.`,
  companiesCapped: (shown: number) =>
    `Hay más empresas con ese nombre y se listan solo ${shown}. Agregue otra palabra del nombre o busque por su RUT.`,
  rutNotFound: (rut: string) =>
    looksLikeCompanyRut(rut)
      ? `El RUT ${rut} es de empresa, y no figura en el sistema: ni como empresa ni como persona. Revise el RUT con quien llama; si es correcto, esa empresa no está registrada en los portales de ACHS ni de Caja Los Héroes.`
      : `El RUT ${rut} no figura en el sistema: ni como trabajador de una empresa adherida ni como pensionado. Dígale: ${NOT_IN_REPLICA_SAY} Si es pensionado de Caja Los Héroes, su afiliación aún no figura y sin ella no puede registrarse en Portal Héroes: que consulte su afiliación con Caja Los Héroes.`,
  /**
   * A prevention officer: the same words whether or not the RUT exists elsewhere (a company's
   * RUT is told apart by its number alone).
   */
  rutOutsideScope: (rut: string) =>
    looksLikeCompanyRut(rut)
      ? `El RUT ${rut} es de empresa, y no es una de sus empresas asignadas: este equipo solo tiene las empresas que usted visita y su gente. Si debe visitarla, pida a su supervisor que se la asigne; si llaman por ella, indíqueles que llamen a la mesa de ayuda de su portal (la de ACHS es el 600 600 2247).`
      : `El RUT ${rut} no está entre las personas vigentes de sus empresas asignadas (una persona dada de baja en ellas ya no aparece en este equipo). Si trabaja en una de ellas, es la empresa quien debe incorporarlo en su nómina (lo hace el encargado de prevención de la propia empresa): ni usted ni este equipo agregan trabajadores. Si no, no le diga que no está registrado: indíquele que llame a la mesa de ayuda de su portal (la de ACHS es el 600 600 2247) o que pida al encargado de prevención de la empresa donde trabaja que lo incorpore.`,
  /** `offline`: the load waits for the connection (stopped by its loss, or never begun). */
  rutNotSyncedYet: (rut: string, offline = false) =>
    offline
      ? `El RUT ${rut} aún no aparece en este equipo: falta cargar datos del sistema central, y sin conexión la carga espera hasta que vuelva. No le diga que no está registrado: anote su teléfono y búsquelo de nuevo entonces.`
      : `El RUT ${rut} aún no aparece en este equipo porque la carga de datos desde el sistema central no ha terminado. No le diga que no está registrado: vuelva a buscarlo en unos minutos.`,
  /**
   * No name among those searched is written as typed; those listed sound like it, or are one
   * slip of the keyboard from it (shared/name-sound.ts). `where`: everyone's names, one
   * company's (its filter), or a prevention officer's companies' (all his laptop holds).
   */
  soundsLike: (typed: string, where: 'everyone' | 'company' | 'companies') =>
    `Ningún nombre${where === 'company' ? ' de esta empresa' : where === 'companies' ? ' de sus empresas' : ''} se escribe como «${echo(typed)}»; se muestran nombres parecidos, que suenan igual o se escriben casi igual. Confirme con la persona cómo se escribe su nombre, o pídale su RUT.`,
  /** A company's name written as it was heard: the companies whose names sound like it. */
  companiesSoundLike: (typed: string, where: 'everyone' | 'companies') =>
    `${where === 'companies' ? 'Ninguna de sus empresas ni ninguna persona de ellas' : 'Ninguna empresa ni persona'} se llama «${echo(typed)}»; se muestran empresas de nombre parecido, que suena igual o se escribe casi igual. Confirme con quien llama el nombre de la empresa, o pídale su RUT.`,
  /** After soundsLike, to a supervisor: the list takes no selection (useMultiSelect). */
  soundsLikeNoSelection:
    'Una selección actúa solo sobre los nombres escritos como están registrados: estos parecidos no se pueden seleccionar.',
  none: (text: string) =>
    `Sin resultados para «${echo(text)}». Pruebe con el RUT, solo un apellido o el inicio del correo.`,
  noneForRut: (text: string) => `Sin resultados para «${echo(text)}».`,
  /** A prevention officer: his laptop holds his companies and their people, nothing else. */
  noneInScope: (text: string) =>
    `Sin resultados para «${echo(text)}» entre sus empresas asignadas y su gente (este equipo no tiene otras). Pruebe con el RUT, solo un apellido o el inicio del correo.`,
  noneInCompany: (text: string, company: string) =>
    `Sin resultados para «${echo(text)}» dentro de ${company}. La búsqueda está filtrada por esa empresa.`,
  companyEmpty: (company: string) => `${company} no tiene personas registradas.`,
  searchEverywhere: 'Buscar en todas las empresas (Enter)',
  scopeChip: (company: string) => `Filtrando por ${company}`,
  /** The search box: its name, what it takes, and its shortcut. */
  boxLabel: 'Buscar',
  placeholder: 'RUT, nombre, correo, teléfono o empresa',
  placeholderInCompany: 'Filtrar por nombre dentro de la empresa',
  boxKey: 'Ctrl+K',
  /** A company's row among the results. */
  companyTag: 'Empresa',
  companyOpens: 'Enter abre la empresa',
  /** The results list, as a screen reader names it. */
  results: 'Resultados',
  clearScope: 'Quitar el filtro de empresa',
  /** The status line under the results: loaded of total. */
  summary: (shown: number, total: number, companies: number) =>
    [
      shown === total
        ? countOf(total, 'persona')
        : `${formatNumber(shown)} de ${countOf(total, 'persona')}`,
      companies > 0 ? countOf(companies, 'empresa') : null,
    ]
      .filter(Boolean)
      .join(' · '),
};
