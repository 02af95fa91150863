/** The supervisor's Panel, the Llamadas list's filters and the audit's device (issue 10). */
import type { CauseCode } from '../contract';
import { DASHBOARD_TOP_CAUSES } from '../contract';
import { formatNumber } from '../format';
import type { Wording } from './internal';
import { count } from './internal';
import type { InteractionKind, MailKind, Role } from '../vocabulary';
import { interactionKindOf } from '../rules/interaction-kind';
import type { InteractionListWords, InteractionWords } from './calls';
import { callMessages, mixedListMessages, visitMessages } from './calls';
import { actionLabels } from './audit';
import { mailKindLabels } from './common';
import { syncMessages } from './sync';

/** A diagnosis cause in a word or three: the Panel's chart and the audit's record views. */
export const causeShortLabels: Record<CauseCode, string> = {
  other_companies_open: 'Sin acceso a una empresa, sí a otras',
  affiliate_profile_open: 'Sigue entrando a Portal Héroes',
  not_in_replica: 'RUT no registrado',
  no_membership: 'Sin empresa adherida',
  company_not_adherent: 'Empresa no adherida',
  // One code for both ends of a membership: a worker's dismissal, a company user's removal.
  dismissed: 'Desvinculación o sin perfil de usuario',
  membership_disabled: 'Acceso inhabilitado',
  membership_paused: 'Acceso pausado',
  registration_blocked: 'Registro bloqueado',
  temporarily_locked: 'Bloqueo por intentos',
  no_email: 'Sin correo',
  mail_bounced: 'Correo rebotado',
  password_link_unused: 'Enlace de contraseña sin usar',
  email_unverified: 'Correo sin verificar',
  agreement_unsigned: 'Acuerdo sin firmar',
  access_request_rejected: 'Solicitud de acceso rechazada',
  // Both of the record's titles: «en revisión», and «que será rechazada» (not a TRF signatory).
  access_request_pending: 'Solicitud de acceso pendiente',
  not_registered: 'Sin registro en el portal',
  first_access_used: 'Clave de primer ingreso ya usada',
  first_access_key: 'Primer ingreso a Portal Empresas',
  usual_password: 'Entra con su contraseña de siempre',
  achs_virtual_keys: 'Claves ACHS Virtual y Gestión distintas',
};

/** What the Panel's interaction charts count: calls, an officer's visits, or both. */
export type InteractionNoun = 'calls' | 'visits' | 'both';
const interactionNouns: Record<InteractionNoun, string> = {
  calls: 'Llamadas',
  visits: 'Visitas',
  both: 'Llamadas y visitas',
};

/** The noun for `total` interactions of which `visits` were visits. */
export function interactionNoun(total: number, visits: number): InteractionNoun {
  if (visits === 0) return 'calls';
  return visits === total ? 'visits' : 'both';
}

/**
 * The noun over someone's own list of interactions (Llamadas, a record's recent ones): the kind
 * he takes himself, which the list is for even while empty, and the other kind too when the list
 * holds some — a supervisor's lists hold an officer's visits on a desk both use.
 */
export function listNoun(own: InteractionKind, total: number, visits: number): InteractionNoun {
  const calls = own === 'call' || visits < total;
  const visited = own === 'visit' || visits > 0;
  if (calls && visited) return 'both';
  return visited ? 'visits' : 'calls';
}

export const dashboardMessages = {
  tab: 'Panel',
  title: 'Panel de supervisión',
  range: 'Período',
  ranges: { today: 'Hoy', '7d': 'Últimos 7 días', '30d': 'Últimos 30 días' },
  rangeHint: 'Con el foco en los períodos (llegue con Tab), ← → cambian de período.',
  period: (first: string, last: string) =>
    first === last ? `${first}, horario de Chile` : `Del ${first} al ${last}, horario de Chile`,
  updated: (time: string) => `Actualizado a las ${time}.`,
  /** Said once a period the supervisor chose (or refreshed) has loaded: the charts changed. */
  loaded: (range: string, period: string, calls: string) => `Panel: ${range}. ${period}: ${calls}.`,
  /** Calls and the audit stay on the desk that recorded them; Ley 21.719 requests sync. */
  scope:
    'Cuenta las llamadas y visitas, acciones y causas registradas en este equipo, y sus acciones pendientes de sincronizar; las solicitudes Ley 21.719 son las de todos los equipos.',
  refresh: 'Actualizar',
  loading: 'Cargando el panel…',
  failed: 'No se pudo cargar el panel.',
  retry: 'Reintentar',
  /**
   * The range's interactions: calls, and a prevention officer's visits named apart when the
   * desk has some (DOMAIN: «one call or visit»).
   */
  calls: (total: number, visits: number) => {
    const calls = total - visits;
    if (visits === 0) return count(total, 'llamada', 'llamadas');
    if (calls === 0) return count(visits, 'visita', 'visitas');
    return `${count(calls, 'llamada', 'llamadas')} y ${count(visits, 'visita', 'visitas')}`;
  },
  showTable: 'Ver como tabla',
  hideTable: 'Ocultar tabla',
  /** What a chart says to a screen reader before its table. */
  summary: (total: string, top: { label: string; value: string } | null) =>
    top ? `${total}. Lo más frecuente: ${top.label} (${top.value}).` : `${total}.`,
  noCalls: 'Sin llamadas en este período.',
  noActions: 'Sin acciones de agentes en este período.',
  noCauses: 'Ninguna ficha abierta en este período mostró causas.',
  open: 'En curso',
  unknownAgent: 'Agente desconocido',
  hour: (hour: number) => `${String(hour).padStart(2, '0')}:00`,
  hourRange: (hour: number) =>
    `${String(hour).padStart(2, '0')}:00 a ${String((hour + 1) % 24).padStart(2, '0')}:00`,
  charts: {
    byReason: (noun: InteractionNoun) => ({
      title: `${interactionNouns[noun]} por motivo`,
      key: 'Motivo',
      value: interactionNouns[noun],
    }),
    byHour: (noun: InteractionNoun) => ({
      title: `${interactionNouns[noun]} por hora del día`,
      key: 'Hora',
      value: interactionNouns[noun],
    }),
    outcomes: (noun: InteractionNoun) => ({
      title: `Resultado de las ${interactionNouns[noun].toLowerCase()}`,
      key: 'Resultado',
      value: interactionNouns[noun],
    }),
    actionsByKind: { title: 'Acciones de los agentes, por tipo', key: 'Acción', value: 'Veces' },
    actionsByAgent: { title: 'Acciones por agente', key: 'Agente', value: 'Acciones' },
    supervision: { title: 'Supervisión y accesos denegados', key: 'Evento', value: 'Veces' },
    causes: {
      title: `Las ${DASHBOARD_TOP_CAUSES} causas más frecuentes del diagnóstico`,
      key: 'Causa',
      value: 'Personas',
    },
    sync: { title: 'Acciones pendientes y por revisar', key: 'Estado', value: 'Acciones' },
    dataRequests: {
      title: 'Solicitudes Ley 21.719 abiertas, por plazo',
      key: 'Plazo',
      value: 'Solicitudes',
    },
  },
  dataRequests: {
    /** The Panel's way to the list behind its numbers. */
    go: 'Verlas en Ley 21.719',
    overdue: 'Vencidas',
    dueSoon: (days: number) => `Vencen en ${count(days, 'día hábil', 'días hábiles')} o menos`,
    later: 'En plazo',
    total: (n: number) => count(n, 'solicitud abierta', 'solicitudes abiertas'),
    /** A block outlives the requests it stood on until someone lifts it (Desbloquear). */
    blocksAfterClose: (n: number) =>
      `${n === 1 ? '1 persona sigue' : `${formatNumber(n)} personas siguen`} con bloqueo temporal aunque ya no tiene abierta una solicitud de rectificación, supresión u oposición que lo justifique: revise en Ley 21.719 si corresponde desbloquear.`,
    /**
     * The chart in one line, every deadline with requests named («1 solicitud abierta: 1 en
     * plazo.»): the urgent ones count more than the most frequent.
     */
    summary: (d: { overdue: number; dueSoon: number; later: number; soonBusinessDays: number }) => {
      const parts = [
        d.overdue > 0 ? count(d.overdue, 'vencida', 'vencidas') : null,
        d.dueSoon > 0
          ? `${formatNumber(d.dueSoon)} ${d.dueSoon === 1 ? 'vence' : 'vencen'} en ${count(d.soonBusinessDays, 'día hábil', 'días hábiles')} o menos`
          : null,
        d.later > 0 ? `${formatNumber(d.later)} en plazo` : null,
      ].filter((part) => part !== null);
      const open = d.overdue + d.dueSoon + d.later;
      const total = count(open, 'solicitud abierta', 'solicitudes abiertas');
      return parts.length === 0 ? `${total}.` : `${total}: ${parts.join('; ')}.`;
    },
    none: 'No hay solicitudes Ley 21.719 abiertas.',
    note: 'Estado actual, no depende del período. El detalle está en la pestaña Ley 21.719.',
  },
  causesNote:
    'Personas distintas cuya ficha, al abrirse en el período, mostró esta causa en su diagnóstico.',
  actionsNote:
    'Sin contar las fichas vistas, la apertura y cierre de llamadas y visitas, la supervisión y los accesos denegados, ni las filas de las cargas masivas (que se cuentan aparte).',
  /**
   * A bulk load's rows are not the agents' actions (walk 58b: 2,243 «Cambió datos de contacto»
   * beside two taken on calls): the loads of the period in one sentence, `null` with none.
   */
  bulkApart: (bulk: { loads: number; rowsApplied: number; undos: number; rowsUndone: number }) => {
    const parts = [
      bulk.loads > 0
        ? `${count(bulk.loads, 'carga masiva', 'cargas masivas')} ${bulk.loads === 1 ? 'cambió' : 'cambiaron'} ${count(bulk.rowsApplied, 'fila', 'filas')}`
        : null,
      bulk.undos > 0
        ? `${bulk.undos === 1 ? 'se deshizo 1 carga' : `se deshicieron ${formatNumber(bulk.undos)} cargas`} (${count(bulk.rowsUndone, 'fila revertida', 'filas revertidas')})`
        : null,
    ].filter((part) => part !== null);
    return parts.length === 0
      ? null
      : `Cargas masivas del período, aparte: ${parts.join(' y ')}. El detalle está en Cargas masivas.`;
  },
  supervisionNote:
    'Exportaciones de la auditoría, cambios de la dirección central (y los intentos rechazados de cambiarla), equipos revocados, empresas asignadas o quitadas, acciones reasignadas, e intentos de ver datos fuera de las empresas propias. Los ingresos rechazados no se cuentan aquí: están en Auditoría.',
  noSupervision: 'Sin eventos de supervisión ni accesos denegados en este período.',
  events: (n: number) => count(n, 'evento', 'eventos'),
  actions: (n: number) => count(n, 'acción', 'acciones'),
  causes: (n: number) => count(n, 'causa distinta', 'causas distintas'),
  /** When there were more causes than the chart shows. */
  causesShown: (n: number, shown: number) =>
    `${count(n, 'causa distinta', 'causas distintas')}; se muestran las ${shown} más frecuentes`,
  sync: {
    pending: 'Pendientes',
    conflicts: 'Conflictos',
    rejected: 'Rechazadas',
    mailsWithheld: 'Aplicadas sin su correo',
    /** The Panel's way to the list behind its numbers: to review, or only pending ones. */
    go: (toReview: boolean) =>
      toReview ? 'Revisarlas en Sincronización' : 'Verlas en Sincronización',
    oldest: (waited: string) => `La más antigua espera hace ${waited}.`,
    note: 'Estado actual, no depende del período.',
    /** `others` of the `pending` leave with another agent's session: whose, as Sincronización says. */
    total: (pending: number, issues: number, others = 0) =>
      `${pending === 0 ? 'Nada pendiente de enviar' : count(pending, 'acción pendiente', 'acciones pendientes')}${others > 0 ? syncMessages.waitingForOther(others, true) : ''}; ${issues === 0 ? 'nada requiere revisión' : count(issues, 'requiere revisión', 'requieren revisión')}`,
  },
} as const;

export const callFilterMessages = {
  agent: 'Agente',
  allAgents: 'Todos',
  from: 'Desde (dd-mm-aaaa)',
  to: 'Hasta (dd-mm-aaaa)',
  clear: 'Limpiar',
  /** `total` found, `visits` of them visits: «3 llamadas», «2 llamadas y 1 visita». */
  count: (total: number, visits: number) => dashboardMessages.calls(total, visits),
  range: (first: number, last: number) => `${formatNumber(first)}–${formatNumber(last)}`,
  pager: 'Páginas de llamadas',
  emptyFiltered: 'No hay llamadas con estos filtros.',
  loading: 'Cargando llamadas…',
} as const;

/** The Llamadas list's filters and pager for a prevention officer's visits. */
export const visitFilterMessages: Wording<typeof callFilterMessages> = {
  ...callFilterMessages,
  count: (total: number, visits: number) =>
    total === 0 ? '0 visitas' : dashboardMessages.calls(total, visits),
  pager: 'Páginas de visitas',
  emptyFiltered: 'No hay visitas con estos filtros.',
  loading: 'Cargando visitas…',
};

/** …and for a list of calls and visits both (a supervisor's, on a desk an officer also uses). */
export const mixedFilterMessages: Wording<typeof callFilterMessages> = {
  ...callFilterMessages,
  count: (total: number, visits: number) =>
    total === 0 ? 'Ninguna llamada ni visita' : dashboardMessages.calls(total, visits),
  pager: 'Páginas de llamadas y visitas',
  emptyFiltered: 'No hay llamadas ni visitas con estos filtros.',
  loading: 'Cargando llamadas y visitas…',
};

/** What the central API did with an action listed (a call's, a request's), when not simply applied. */
export const actionSyncWords: Record<'pending' | 'conflict' | 'rejected' | 'resolved', string> = {
  pending: 'pendiente de sincronizar',
  conflict: 'en conflicto: por revisar en Sincronización',
  rejected: 'rechazada por el sistema central',
  // A conflict settled (the central's value kept, or the agent's sent again as a new action),
  // or a refusal taken note of: reviewed, which says neither that it applied nor that it won.
  resolved: 'revisada en Sincronización',
};

/**
 * One action under a call or visit: its label, on whom when not the call's person, and whether
 * the central API applied it («Cambió datos de contacto (rechazada por el sistema central)»).
 */
export function callActionText(
  action: {
    action: string;
    personRut: string | null;
    personName?: string | null;
    requestedBy?: { rut: string; name: string | null };
    sync: keyof typeof actionSyncWords | null;
    mailKind?: MailKind;
  },
  callPersonRut: string | null,
  showRut: (rut: string) => string,
): string {
  const who = (name: string | null | undefined, rut: string) =>
    name ? `${name}, ${showRut(rut)}` : showRut(rut);
  const notes = [
    // «de …»: whom it was done to, not whom the company is (walk 58b).
    action.personRut && action.personRut !== callPersonRut
      ? `de ${who(action.personName, action.personRut)}`
      : null,
    action.requestedBy ? `lo pidió ${who(action.requestedBy.name, action.requestedBy.rut)}` : null,
    action.sync ? actionSyncWords[action.sync] : null,
  ].filter((note) => note !== null);
  // Which mail: a «no me llega» call later asks about that one.
  const label = action.mailKind
    ? `Pidió el correo «${mailKindLabels[action.mailKind]}»`
    : (actionLabels[action.action] ?? action.action);
  return notes.length > 0 ? `${label} (${notes.join('; ')})` : label;
}

/**
 * The words of the signed-in agent's own interactions: calls, or visits for a prevention officer
 * (the one rule, shared/rules/interaction-kind.ts).
 */
export function interactionWords(role: Role | undefined) {
  return interactionKindOf(role) === 'visit'
    ? { bar: visitMessages, filters: visitFilterMessages }
    : { bar: callMessages as InteractionWords, filters: callFilterMessages };
}

/** The words over a list of interactions, by what it holds (`listNoun`). */
export function interactionListWords(noun: InteractionNoun): {
  list: InteractionListWords;
  filters: Wording<typeof callFilterMessages>;
} {
  if (noun === 'both') return { list: mixedListMessages, filters: mixedFilterMessages };
  return noun === 'visits'
    ? { list: visitMessages, filters: visitFilterMessages }
    : { list: callMessages, filters: callFilterMessages };
}

export const auditDeviceMessages = {
  column: 'Equipo',
  thisDevice: 'Este equipo',
  otherDevice: (short: string) => `Otro equipo (${short})`,
  thisDeviceWhole: (id: string) => `Este equipo (${id})`,
  otherDeviceWhole: (id: string) => `Otro equipo (${id})`,
  title: (id: string) => `Identificador del equipo: ${id}`,
  /** The audit field a record view keeps: the causes its diagnosis showed. */
  causes: 'Diagnóstico mostrado',
  noCauses: 'sin causas',
} as const;
