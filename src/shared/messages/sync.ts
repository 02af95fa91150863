/** Sync: states, errors, incomplete data, sync at scale, device trust, devices and officers. */
import type { SyncErrorCode } from '../contract';
import {
  formatDateTime,
  formatList,
  formatNumber,
  formatTime,
  santiagoDate,
  santiagoDayStart,
} from '../format';
import { DEFAULT_USER_LIMIT } from '../rules/sign-in-limit';
import { CONTACT_NOTED_MS, MAIL_FRESHNESS_MS, QUEUE_STUCK_AFTER_MS } from '../policy';
import { mailKindLabels } from './common';

export const syncStateLabels = {
  idle: 'En línea',
  syncing: 'Sincronizando',
  offline: 'Sin conexión',
  signed_out: 'Sincronización en pausa: ingrese de nuevo',
  upgrade_required: 'Actualización requerida',
  device_fork: 'Equipo duplicado',
  not_configured: 'Sin sistema central',
  revoked: 'Equipo revocado',
} as const;

/**
 * Sync and "data incomplete": why the last sync failed (the raw error is kept apart, as
 * "Detalle técnico"), the notices shown while the replica may be missing data, the diagnosis
 * while it may, and the list of actions waiting to reach the central API.
 */
/** Said to whoever reads it, a supervisor with none of her own included: the desk's actions. */
const KEPT = 'Las acciones hechas en este equipo quedan guardadas en él.';
export const syncErrorMessages: Record<
  SyncErrorCode,
  (params: { minVersion: string | null }) => string
> = {
  network: () =>
    `No hay conexión con el sistema central. ${KEPT} Las suyas se enviarán solas cuando vuelva la conexión; las de otro agente de este equipo, cuando ese agente vuelva a ingresar.`,
  unavailable: () =>
    `El sistema central no responde por ahora (ocupado o en mantención). Se reintentará solo. ${KEPT}`,
  session_expired: () =>
    `Su sesión con el sistema central expiró: salga e ingrese de nuevo para seguir sincronizando. ${KEPT}`,
  upgrade_required: ({ minVersion }) =>
    `Esta versión ya no puede sincronizar: actualice la aplicación${
      minVersion ? ` (mínimo ${minVersion})` : ''
    }. Sus acciones pendientes se conservan.`,
  device_fork: () =>
    'Este equipo parece una copia de otro (mismas acciones con distinto contenido). Sus acciones pendientes se conservan: use «Inscribir como equipo nuevo» para seguir sincronizando sin perder ninguna.',
  device_revoked: () =>
    'Este equipo fue revocado en el sistema central: ya no sincroniza y sus datos se borraron de este equipo.',
  resync_loop: () =>
    `El sistema central pide recargar todos los datos una y otra vez. Avise a soporte. ${KEPT}`,
  missing_action: () =>
    `El sistema central espera una acción que este equipo no tiene. Avise a soporte. ${KEPT}`,
  bad_response: () =>
    `El sistema central respondió algo inesperado. Se reintentará solo; si se repite, avise a soporte. ${KEPT}`,
  unexpected: () =>
    `Ocurrió un error inesperado al sincronizar. Se reintentará solo; si se repite, avise a soporte. ${KEPT}`,
};

const syncCount = (n: number, one: string, many: string) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

export const syncMessages = {
  lastError: 'Último error',
  technicalDetail: 'Detalle técnico (como lo dio el sistema, para soporte)',
  /**
   * The raw detail is kept as the system gave it, for support (often in English); the network
   * failures it names most are said in Spanish above it. Null: nothing known to say.
   */
  technicalGloss: (detail: string): string | null =>
    /ECONNREFUSED/.test(detail)
      ? 'Conexión rechazada: en esa dirección no hay un servidor escuchando.'
      : /ENOTFOUND|EAI_AGAIN/.test(detail)
        ? 'No se encontró la dirección del servidor (nombre desconocido o sin DNS).'
        : /ECONNRESET|socket hang up/i.test(detail)
          ? 'La conexión se cortó antes de la respuesta.'
          : /ETIMEDOUT|timeout|aborted/i.test(detail)
            ? 'El servidor no respondió a tiempo.'
            : /CERT|certificate|self.signed/i.test(detail)
              ? 'El certificado del servidor no es válido para esa dirección.'
              : null,
  pendingTitle: 'Acciones pendientes',
  pendingNone: 'No hay acciones esperando al sistema central.',
  /** An agent's list holds only their own actions: the others' are said apart (shared desk). */
  pendingTitleMine: 'Sus acciones pendientes',
  pendingNoneMine: (others: number) =>
    `No tiene acciones esperando al sistema central.${
      others === 0
        ? ''
        : ` ${others === 1 ? '1 acción de otro agente de este equipo sale cuando ese agente ingrese' : `${formatNumber(others)} acciones de otros agentes de este equipo salen cuando cada uno ingrese`} con su usuario; un supervisor puede ${others === 1 ? 'verla y reasignarla' : 'verlas y reasignarlas'}.`
    }`,
  pendingColumns: { who: 'Agente', what: 'Acción', whom: 'Persona', since: 'Hecha el' },
  /**
   * A queued action's mail (MAIL_FRESHNESS_MS): sent only if the action arrives in time; `until`
   * is when that ends, `late` once it has.
   */
  pendingMail: (mail: string, until: string, late: boolean) =>
    late
      ? `Correo «${mail}»: ya no saldrá, pasaron más de ${MAIL_FRESHNESS_MS / 3_600_000} horas desde la acción; pídalo de nuevo cuando esta llegue al sistema central.`
      : `Correo «${mail}»: sale solo si esta acción llega al sistema central antes del ${until}.`,
  /** The reason recorded when an agent applies their own value over a conflict. */
  keepMineReason: 'Resolución de conflicto de sincronización: se mantiene el valor del agente',
  /** In that file's words: the reason the agent gave, and what the central API answered. */
  revokedFileReason: (reason: string) => `Motivo del agente: ${reason}`,
  revokedFileCentral: (message: string) => `Respuesta del sistema central: ${message}`,
  /** Heading of the file a revoked device keeps its unsent actions in. */
  revokedFileNotice:
    'Acciones registradas en este equipo que no alcanzaron a llegar al sistema central antes de que un supervisor lo revocara. Revíselas y regístrelas de nuevo si corresponde.',
  /** An offline sign-in the central API then refused, or answered for someone else. */
  keptSignInRefused: 'El sistema central no aceptó el ingreso guardado.',
  keptSignInOtherAgent: 'El sistema central respondió por otro agente.',
  pendingLoadFailed: 'No se pudo cargar la lista de acciones pendientes.',
  unknownAgent: 'Agente desconocido',
  noPerson: '—',
  personCount: (n: number) => syncCount(n, 'persona', 'personas'),
  personCountLoading: (n: number) => `${syncCount(n, 'persona', 'personas')} (cargando)`,
  personCountIndexing: (n: number) =>
    `${syncCount(n, 'persona', 'personas')} (preparando la búsqueda)`,
  /** The load cut off by a lost connection: it resumes when the central API is back. */
  personCountStopped: (n: number) => `${syncCount(n, 'persona', 'personas')} (carga incompleta)`,
  /**
   * `others`: how many of them leave with another agent's session (of one agent or several: the
   * count says actions, not agents), so «ninguna suya» or how many are the agent's own.
   */
  pendingShort: (n: number, others = 0) =>
    `${formatNumber(n)} ${n === 1 ? 'pendiente' : 'pendientes'}${
      others === 0
        ? ''
        : others === n
          ? ' (ninguna suya)'
          : ` (${formatNumber(n - others)} ${n - others === 1 ? 'suya' : 'suyas'})`
    }`,
  badgeLabel: (parts: string) => `Sincronización: ${parts}`,
  badgeInitial: (percent: number) => `carga inicial ${percent} %`,
  /** The first load's rows all in: the search is being prepared over them. */
  badgeIndexing: 'preparando la búsqueda',
  /**
   * When the last sync was: its time alone today, «ayer» and its time, its date before that (an
   * officer may work offline for days, and «sincronizado 17:00» would read as today's). Written
   * out, not «últ.»: a screen reader reads the badge as it is shown.
   */
  badgeLast: (at: string, now: Date) => {
    const day = santiagoDate(new Date(at));
    const today = santiagoDate(now);
    if (day === today) return `sincronizado ${formatTime(at)}`;
    const yesterday = santiagoDate(new Date(santiagoDayStart(today).getTime() - 1));
    return day === yesterday
      ? `sincronizado ayer ${formatTime(at)}`
      : `sincronizado ${formatDateTime(at)}`;
  },
  badgeIssues: (n: number) => `${formatNumber(n)} por revisar`,
  /**
   * Said to a screen reader when the desk's link to the central changes (the badge changes
   * silently): whether what the agent does now leaves at once or waits here.
   */
  linkSaid: {
    offline:
      'Sincronización: sin conexión con el sistema central. Lo que haga queda pendiente en este equipo hasta que vuelva la conexión.',
    back: 'Sincronización: de nuevo en línea con el sistema central. Las acciones pendientes se envían ahora.',
    signed_out:
      'Sincronización en pausa: la sesión con el sistema central expiró. Salga e ingrese de nuevo para que sus acciones se envíen.',
    upgrade_required:
      'Sincronización detenida: esta versión de la aplicación debe actualizarse. Sus acciones quedan en este equipo.',
    device_fork:
      'Sincronización detenida: este equipo quedó duplicado. Vea Sincronización; sus acciones se conservan.',
    revoked: 'Sincronización detenida: este equipo fue revocado.',
  },
  reviewGrew: (n: number) =>
    `Sincronización: ${n === 1 ? 'hay 1 acción por revisar' : `hay ${formatNumber(n)} acciones por revisar`}.`,
  /** Some were settled: what is left (the region said more before, and would keep saying it). */
  reviewLeft: (n: number) =>
    n === 0
      ? 'Sincronización: no quedan acciones por revisar.'
      : `Sincronización: ${n === 1 ? 'queda 1 acción por revisar' : `quedan ${formatNumber(n)} acciones por revisar`}.`,
  badgeStuck: 'la cola no avanza',
  title: 'Sincronización',
  state: 'Estado',
  pending: 'Pendientes',
  /**
   * Of another agent or of several: the count is of actions (`n`). `supervisor`: the reader is the
   * one who may re-assign them, in «Acciones pendientes» below.
   */
  waitingForOther: (n: number, supervisor = false) =>
    `${
      n === 1
        ? ' (1 es de otro agente: sale cuando ese agente ingrese'
        : ` (${formatNumber(n)} no son suyas: salen cuando ingrese quien las hizo`
    }${
      supervisor
        ? `, o si usted ${n === 1 ? 'la reasigna' : 'las reasigna'} en «Acciones pendientes»)`
        : `, o si un supervisor ${n === 1 ? 'la reasigna' : 'las reasigna'})`
    }`,
  lastSync: 'Última sincronización',
  never: 'Nunca',
  nextAttempt: 'Próximo intento',
  /** «en 45 s», «en 4 min 30 s»: the backoff grows to minutes against a failing server. */
  inSeconds: (seconds: number) =>
    seconds < 60
      ? `en ${seconds} s`
      : `en ${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`,
  /** The countdown ran out: the attempt is being made (the status follows). */
  attemptNow: 'ahora',
  deviceId: 'Identificador de este equipo',
  deviceIdHint:
    'Con estos primeros caracteres aparece en la Auditoría y en la lista de equipos del supervisor.',
  /** No central API: no supervisor's list of devices to appear in. */
  deviceIdHintAlone: 'Con estos primeros caracteres aparece en la Auditoría.',
  /** The central address field's example (a supervisor's, who may type one). */
  addressExample: 'p. ej. https://central.ejemplo.cl',
  deviceIdWhole: 'Identificador completo',
  initialLoad: (done: number, total: number) =>
    `Carga inicial: ${formatNumber(done)} de ${formatNumber(total)} registros`,
  initialLoadLabel: 'Carga inicial',
  syncNow: 'Sincronizar ahora',
  /** «Sincronizar ahora» with no central API set: why it waits, for whom can set it and not. */
  noCentralYet:
    'Este equipo aún no tiene la dirección del sistema central: escríbala más abajo para sincronizar.',
  noCentralAsk:
    'Este equipo aún no tiene la dirección del sistema central: pídale a un supervisor que la configure.',
  syncNowDone: 'Sincronizado con el sistema central.',
  /** «Sincronizar ahora» did not get through: the state it is in, and that it retries. */
  syncNowNot: (state: keyof typeof syncStateLabels) =>
    state === 'offline'
      ? 'No se pudo sincronizar: sigue sin conexión con el sistema central. Se reintentará solo; las acciones quedan guardadas en este equipo.'
      : state === 'signed_out'
        ? // No error to read on the page: what is missing is a sign-in with the central API.
          'No se pudo sincronizar: este equipo no tiene una sesión suya con el sistema central. Salga e ingrese de nuevo con conexión; las acciones quedan guardadas en este equipo.'
        : `No se pudo sincronizar ahora (${syncStateLabels[state]}): vea el detalle en esta página.`,
  syncing: 'Sincronizando…',
  stuck: `Hay acciones pendientes que no llegan al sistema central hace más de ${QUEUE_STUCK_AFTER_MS / 60_000} minutos, aunque el sistema central responde. Avise a soporte y dígale el «Último error» de esta página; las acciones quedan guardadas en este equipo.`,
  settings: 'Ajustes',
  centralAddress: 'Dirección del sistema central',
  save: 'Guardar',
  onlySupervisor: 'Solo un supervisor puede cambiar la dirección del sistema central.',
  addressSaved: 'Dirección del sistema central guardada.',
  addressUnchanged: 'Es la dirección que ya usa este equipo: no hubo cambios.',
  addressChangeTitle: 'Cambiar el sistema central',
  addressChangeExplain: (url: string) =>
    `Este equipo sincronizará con ${url}, y las contraseñas de quienes ingresen se enviarán allí: confirme que es la dirección de su institución. Se guarda solo si el sistema central responde allí; luego, quienes usen este equipo deberán ingresar de nuevo. Queda en la auditoría.`,
  addressRemoveTitle: 'Desconectar del sistema central',
  addressRemoveExplain: (pending: number) =>
    `Este equipo dejará de sincronizar: nada de lo que cambie en el sistema central llegará aquí${pending > 0 ? `, y ${pending === 1 ? 'la acción pendiente' : `las ${formatNumber(pending)} acciones pendientes`} (de todos los agentes de este equipo) no saldrá${pending === 1 ? '' : 'n'} de él hasta que se configure de nuevo una dirección` : ''}. Queda en la auditoría.`,
  addressReasonHint: 'Por qué se cambia (al menos 3 caracteres): queda en la auditoría.',
  addressConfirm: 'Cambiar dirección',
  addressRemoveConfirm: 'Desconectar',
  addressSaving: 'Guardando…',
  /** A new address is saved only once the central API answers there (a few seconds at most). */
  addressChecking: 'Comprobando la dirección…',
  notConfiguredHint:
    'Sin una dirección, este equipo no sincroniza: sus acciones no salen de él. Escriba la dirección del sistema central de su institución.',
  review: 'Por revisar',
  /** After a RUT whose person is no longer on this desk (an officer's company taken from him). */
  personGone: ' (ya no está en este equipo)',
  /** Such a person's conflict or refusal: nothing can be sent again for them from here. */
  personGoneNote:
    'Esta persona salió de las empresas de este equipo: su ficha ya no se abre aquí y su cambio no puede volver a enviarse desde él. Márquelo como revisado; si el cambio aún corresponde, pídalo a la mesa de ayuda.',
  inCompany: (name: string) => `en ${name}`,
  noIssues: 'No hay conflictos, rechazos ni correos por pedir de nuevo.',
  /** Applied, but its mails were not sent: it reached the central too late (MAIL_FRESHNESS_MS). */
  mailWithheldTitle: 'Aplicada sin su correo',
  mailWithheld: (
    kinds: readonly string[],
    personHere: boolean,
    /** A contact change in conflict on its other field: only its new address applied. */
    inConflict = false,
  ) => {
    const names = kinds.map((k) => mailKindLabels[k as keyof typeof mailKindLabels] ?? k);
    return `El sistema central aplicó ${inConflict ? 'el nuevo correo de esta acción' : 'esta acción'}, pero no envió ${formatList(
      names.map((name) => `el correo «${name}»`),
    )}: la recibió más de ${MAIL_FRESHNESS_MS / 3_600_000} horas después de hecha, y un enlace tan tardío confundiría a la persona. ${
      personHere
        ? // The record's button: «Enviar: …», or «Reenviar: …» once one of its kind went.
          `Abra su ficha y pídalo con «Enviar: ${names[0]}» (o «Reenviar: ${names[0]}»); si la persona lo espera, avísele.`
        : 'Su ficha ya no está en este equipo: pida el correo a la mesa de ayuda.'
    }${inConflict ? '' : ' Luego marque «Entendido».'}`;
  },
  /** A bulk load's actions applied without their mails, as one row (sync-issues.ts). */
  load: (fileName: string | null, count: number) =>
    `${fileName ? `carga masiva «${fileName}»` : 'una carga masiva'}, ${count === 1 ? '1 acción' : `${formatNumber(count)} acciones`}`,
  loadMailWithheld: (kinds: readonly string[], count: number) => {
    const names = kinds.map((k) => mailKindLabels[k as keyof typeof mailKindLabels] ?? k);
    const which = names.map((name) => `«${name}»`).join(' o ');
    return `El sistema central aplicó ${count === 1 ? 'una acción' : `${formatNumber(count)} acciones`} de esta carga sin enviar su correo (${which}): las recibió más de ${MAIL_FRESHNESS_MS / 3_600_000} horas después de hechas, y un enlace tan tardío confundiría a las personas. A quien lo espere, ábrale la ficha (abajo) y pídalo con «Enviar: …» (o «Reenviar: …»). Luego marque «Entendido»: la carga entera sale de la lista.`;
  },
  loadPersons: (count: number) =>
    count === 1 ? 'Ver a la persona' : `Ver a las ${formatNumber(count)} personas`,
  loadPersonsMore: (more: number) =>
    `y ${more === 1 ? 'una más' : `${formatNumber(more)} más`} (búsquelas por RUT en el archivo de la carga).`,
  dismissedLoad: 'Listo: la carga sale de la lista.',
  openRecord: 'Abrir su ficha',
  conflict: 'Conflicto',
  rejected: 'Rechazada',
  rejectedReason: (reason: string) => `Motivo: ${reason}`,
  /** When the central's side of a contact conflict changed (sync/conflict-time.ts). */
  centralChanged: (
    of: 'phone' | 'email' | 'contact',
    at: string,
    by: string | null,
    /** Whose action is in conflict: the same name did both, so the other came from elsewhere. */
    actionBy: string | null = null,
  ) => {
    const what = { phone: 'el celular', email: 'el correo', contact: 'los datos de contacto' }[of];
    const last = of === 'contact' ? ' por última vez' : '';
    if (by !== null && by === actionBy) {
      return `En el sistema central, el mismo usuario (${by}) cambió${last} ${what} el ${at}, desde otro equipo o sesión.`;
    }
    return by
      ? `En el sistema central, ${by} cambió${last} ${what} el ${at}.`
      : `En el sistema central, ${what} se ${of === 'contact' ? 'cambiaron' : 'cambió'}${last} el ${at}.`;
  },
  conflictColumns: {
    field: 'Dato',
    before: 'Antes de su cambio',
    yours: 'Su valor',
    theirs: 'Valor en el sistema central',
  },
  keepTheirs: 'Mantener el del sistema central',
  /** A change the central refused for a temporary block: nothing to weigh, nothing to force. */
  blockedTitle: 'No aplicada',
  blocked: (request: string) =>
    `La persona tiene un bloqueo temporal vigente (Ley 21.719, solicitud ${request}): el sistema central no aplicó este cambio, y la ficha vuelve a mostrar lo que él tiene. Mientras dure el bloqueo, solo las acciones de esa solicitud modifican sus datos.`,
  blockedOk: 'Entendido',
  /** A conflict only the central's value can settle (anything but a contact change). */
  theirsOnly:
    'Esta acción no se vuelve a aplicar sobre lo que ya tiene el sistema central. Si aún hace falta, hágala de nuevo desde la ficha o la página de la empresa; «Mantener el del sistema central» la saca de esta lista.',
  /** A change to an access the central already has «De baja»: there is nothing left to redo. */
  theirsRemoved:
    'En el sistema central esta persona ya está de baja en la empresa: su acceso allí terminó y no hay nada que volver a hacer. «Mantener el del sistema central» la saca de esta lista.',
  keepMine: 'Aplicar el mío',
  /** A contact conflict's next step, before its two buttons (`keep`: the second one's label). */
  contactConflictHint: (keep: string) =>
    `Si puede, confirme con la persona cuál es su dato vigente (abra su ficha); luego elija «Mantener el del sistema central» o «${keep}».`,
  /** When the action in the list was taken on this desk. */
  madeOn: (at: string) => `hecha el ${at}`,
  /** «Aplicar el mío» asks once more: it replaces what someone else changed. */
  keepMineConfirm: (
    fields: Array<{ field: string; yours: string; theirs: string }>,
    /** Who registered the central's value, when the answer says (conflict-time.ts). */
    by: string | null,
    /** Whose action it was, when not the reader's own (a supervisor's list). */
    of: string | null = null,
  ) =>
    `Cuando ${of ? `la acción de ${of}` : 'su acción'} llegó, el sistema central ya tenía otro valor (lo registró ${by ?? 'otro agente o equipo'}). ¿Reemplazar ${fields
      .map((f) => `${f.field.toLowerCase()} ${f.theirs} por ${f.yours}`)
      .join(
        ', ',
      )}? Confírmelo antes con la persona si puede: quedará lo que ${of ?? 'usted'} registró.`,
  /** On a supervisor's list, another agent's action: named, and its values said as theirs. */
  ofAgent: (name: string) => `acción de ${name}`,
  agentColumns: (name: string) => ({ before: 'Antes del cambio', yours: `Valor de ${name}` }),
  keepAgent: (name: string) => `Aplicar el de ${name}`,
  keepMineYes: 'Sí, reemplazar por el mío',
  keepMineNo: 'No, volver',
  dismiss: 'Entendido',
  dismissed: 'Listo: la acción rechazada sale de la lista.',
  dismissedMail: 'Listo: sale de la lista. Si aún no pidió el correo, hágalo desde la ficha.',
  keptMine: 'Se enviará de nuevo su valor al sistema central.',
  keptTheirs: 'Listo: se mantiene el estado del sistema central.',
  failed: 'No se pudo completar la operación.',
  issuesLoadFailed: 'No se pudieron cargar las acciones por revisar.',
  empty: '(vacío)',
};

/** While the replica may be missing data: what the agent reads and may do. */
export const incompleteDataMessages = {
  title: 'Datos incompletos: aún llegan datos del sistema central',
  // Stopped by the connection lost, or never begun (another agent's first sign-in, offline).
  offlineTitle: 'Datos incompletos: falta cargar datos del sistema central, y no hay conexión',
  /** Every row is in; the search is being prepared (indexed) over them. */
  indexingTitle: 'Datos incompletos: preparando la búsqueda',
  indexing: 'Ya llegaron todos los registros; falta preparar la búsqueda sobre ellos.',
  results:
    'La búsqueda puede no encontrar a alguien que sí existe, y lo que muestra puede cambiar. No le diga a nadie que no está registrado hasta que termine la carga.',
  record:
    'Esta ficha puede estar incompleta: faltan cuentas, empresas o correos que aún no llegan. No la use para decirle a la persona por qué no puede ingresar.',
  progress: (done: number, total: number) =>
    `${formatNumber(done)} de ${formatNumber(total)} registros recibidos (personas, cuentas, empresas y más)`,
  waiting: 'Esperando los datos del sistema central…',
  offline:
    'Se retomará sola al volver la conexión; también puede intentarlo con «Sincronizar ahora» en Sincronización.',
  progressLabel: 'Carga de datos del sistema central',
  diagnosisTitle: 'Diagnóstico en espera: los datos aún están llegando',
  diagnosisSay:
    'No le dé un diagnóstico todavía: lo que falta puede cambiarlo. Pídale un momento (esta ficha se actualiza sola al terminar la carga) o tome su teléfono y devuélvale la llamada.',
  diagnosisOfflineTitle: 'Diagnóstico en espera: faltan datos y no hay conexión',
  diagnosisOfflineSay:
    'No le dé un diagnóstico todavía: a este equipo pueden faltarle datos de esta persona, y no los recibirá hasta que vuelva la conexión. Anote su teléfono y retome el caso entonces (esta ficha se actualiza sola).',
};

export const syncKindLabels: Record<string, string> = {
  'person.update_contact': 'Cambio de datos de contacto',
  'account.unlock': 'Desbloqueo de cuenta',
  'account.clear_registration_block': 'Desbloqueo de registro',
  'mail.resend': 'Envío de correo',
  'membership.disable': 'Inhabilitación',
  'membership.enable': 'Habilitación',
  'membership.pause': 'Pausa de acceso',
  'membership.resume': 'Reanudación de acceso',
  'membership.dismiss': 'Baja',
  'membership.change_role': 'Cambio de perfil',
  // Ley 21.719 requests (issue 10).
  'data_request.record': 'Solicitud Ley 21.719',
  'data_request.move': 'Estado de solicitud Ley 21.719',
  'data_request.unblock': 'Desbloqueo Ley 21.719',
  // The company half (issue 7).
  'request.record': 'Solicitud de acceso a Portal Empresas',
  'request.decide': 'Resolución de solicitud de acceso',
  'request.approve': 'Aprobación de solicitud de acceso',
  'request.reject': 'Rechazo de solicitud de acceso',
  'company_user.add': 'Alta de usuario de empresa',
  'company_user.change': 'Cambio de acceso de usuario de empresa',
  // A company's change under its own name (action-names.ts).
  'company_user.pause': 'Pausa de acceso pedida por la empresa',
  'company_user.resume': 'Reanudación de acceso pedida por la empresa',
  'company_user.remove': 'Eliminación de acceso pedida por la empresa',
  'company_user.disable': 'Inhabilitación pedida por la empresa',
  'company_user.enable': 'Habilitación pedida por la empresa',
  'company_user.dismiss': 'Baja pedida por la empresa',
  'membership.set_modules': 'Cambio de módulos',
};

export const fieldLabels: Record<string, string> = {
  email: 'Correo',
  phone: 'Celular',
  role: 'Perfil',
  state: 'Estado',
};

/** Sync at scale (issue 11): an officer's companies changing, a shared desk's queues. */
export const syncScaleMessages = {
  scopeChange: (done: number, total: number) =>
    `Cambio de empresas asignadas: ${formatNumber(done)} de ${formatNumber(total)} registros`,
  scopeChangeLabel: 'Cambio de empresas asignadas',
  /** Sincronización, for an officer: the companies he has now (the notice goes once read). */
  officerCompanies: 'Sus empresas asignadas',
  officerCompaniesNone:
    'Ninguna: en este equipo no hay personas que atender. Pida a su supervisor que le asigne empresas.',
  /** What an officer is told when his supervisor changed his companies (scope-notice.ts). */
  scopeNotice: {
    title: 'Cambiaron sus empresas asignadas',
    when: (at: string) => `Su supervisor las cambió el ${at}.`,
    added: (names: string[]) =>
      `${names.length === 1 ? 'Se le asignó' : 'Se le asignaron'} ${formatList(names)}: sus personas llegan a este equipo y puede atenderlas.`,
    removed: (names: string[]) =>
      `Ya no tiene ${formatList(names)}: sus personas salieron de este equipo y ya no aparecen en la búsqueda. Si debe atenderlas, pida a su supervisor que ${names.length === 1 ? 'se la asigne' : 'se las asigne'} de nuevo.`,
    ok: 'Entendido',
  },
  badgeScope: (percent: number) => `empresas asignadas ${percent} %`,
  pendingOf: (name: string, n: number) =>
    `${name}: ${formatNumber(n)} ${n === 1 ? 'acción pendiente' : 'acciones pendientes'}`,
  mine: '(usted)',
  /** Under «Sus acciones pendientes»: the agent's own group, not named again. */
  pendingCount: (n: number) =>
    `${formatNumber(n)} ${n === 1 ? 'acción pendiente' : 'acciones pendientes'}`,
  waitsForAgent: (n: number) =>
    `${n === 1 ? 'Espera' : 'Esperan'} a que este agente vuelva a ingresar en este equipo.`,
  /** The central said here this agent is disabled: nobody will sign in to send them. */
  agentDisabled: (n: number) =>
    `Este agente está inhabilitado y no volverá a ingresar: ${n === 1 ? 'su acción no saldrá sola; envíela' : 'sus acciones no saldrán solas; envíelas'} con «Reasignar a mi nombre». Un correo que pida sale solo si la acción llega al sistema central dentro de ${MAIL_FRESHNESS_MS / 3_600_000} horas desde que se hizo.`,
  reassignedTo: (name: string, n: number) =>
    n === 1
      ? `Reasignada a ${name}: se envía con su sesión.`
      : `Reasignadas a ${name}: se envían con su sesión.`,
  reassign: 'Reasignar a mi nombre',
  reassignTitle: (name: string) => `Reasignar las acciones de ${name}`,
  reassignExplain: (n: number, name: string) =>
    n === 1
      ? `Usted enviará al sistema central la acción pendiente de ${name}, con su sesión y bajo su responsabilidad. El sistema central registra que la decidió ${name} y que usted la envió, con el motivo. Hágalo solo si ${name} no volverá a este equipo.`
      : `Usted enviará al sistema central las ${formatNumber(n)} acciones pendientes de ${name}, en el mismo orden, con su sesión y bajo su responsabilidad. El sistema central registra que las decidió ${name} y que usted las envió, con el motivo. Hágalo solo si ${name} no volverá a este equipo.`,
  reassignReason: 'Motivo',
  reassignReasonHint: 'Por ejemplo: dejó la empresa, cambio de turno permanente.',
  /** `held`: this desk cannot sync now, so nothing is sent by pressing it. */
  reassignConfirm: (held: boolean) => (held ? 'Reasignar a mi nombre' : 'Reasignar y enviar'),
  reassigning: 'Reasignando…',
  reassignCancel: 'Cancelar',
  /** `held`: this desk cannot sync now (actions-held.ts): they leave when it can. */
  reassignDone: (n: number, held: boolean) =>
    `${n === 1 ? 'Se reasignó 1 acción: se enviará' : `Se reasignaron ${formatNumber(n)} acciones: se enviarán`} con su sesión${
      held ? ' cuando este equipo se sincronice' : ''
    }.`,
  reassignHeld: (n: number) =>
    n === 1
      ? 'Este equipo no se está sincronizando ahora: la acción queda en él, ya a nombre de usted, y sale cuando se sincronice.'
      : 'Este equipo no se está sincronizando ahora: las acciones quedan en él, ya a nombre de usted, y salen cuando se sincronice.',
  reassignNone: 'Ese agente no tiene acciones pendientes en este equipo.',
} as const;

/**
 * Device trust (issue 11): a revoked device, a duplicated one, and sign-in attempts refused for
 * a while.
 */
export const deviceTrustMessages = {
  /**
   * The central API counts failed sign-ins per user (on any computer) and per computer: the
   * agent whose first try here is refused learns why. A desk that decides a sign-in itself
   * (offline, or with no central API: `here`) counts only its own, per user. `at`: the clock
   * time it ends.
   */
  tryAgainIn: (minutes: number, at?: string, here = false) => {
    const n = Math.max(1, Math.ceil(minutes));
    const wait = `${n} ${n === 1 ? 'minuto' : 'minutos'}`;
    return `${
      here
        ? `Demasiados intentos fallidos con este usuario en este equipo (${DEFAULT_USER_LIMIT.max} contraseñas incorrectas en ${DEFAULT_USER_LIMIT.windowMs / 60_000} minutos).`
        : 'Demasiados intentos fallidos con este usuario o en este equipo (cuentan también los hechos en otros equipos).'
    } Intente de nuevo ${
      at ? `a las ${at} (en ${wait})` : `en ${wait}`
    }; si no recuerda su contraseña, avise a su supervisor.`;
  },
  revokedTitle: 'Este equipo fue revocado',
  revokedIntro:
    'Este equipo fue revocado en el sistema central: ya no sincroniza y los datos de personas se borraron de él.',
  /**
   * `toReview`: actions that reached the central but not as asked (conflicts, rejections…);
   * `interactions`: the calls and visits recorded on the desk, kept in the file as well (walk
   * 60b L3: «No quedaban acciones» said of a file that held an officer's open visit).
   */
  revokedSaved: (actions: number, toReview = 0, interactions = 0) => {
    const review =
      toReview === 0
        ? ''
        : toReview === 1
          ? 'la acción que estaba por revisar (un conflicto, un rechazo o un correo no enviado)'
          : `las ${formatNumber(toReview)} acciones que estaban por revisar (conflictos, rechazos o correos no enviados)`;
    const recorded =
      interactions === 0
        ? ''
        : interactions === 1
          ? 'la llamada o visita registrada en este equipo'
          : `las ${formatNumber(interactions)} llamadas y visitas registradas en este equipo`;
    const kept = (n: number) => (n === 1 ? 'quedó guardada' : 'quedaron guardadas');
    if (actions === 0) {
      const saved = [review, recorded].filter(Boolean).join(' y ');
      const nothing =
        toReview === 0
          ? 'No quedaban acciones pendientes ni por revisar'
          : 'No quedaban acciones pendientes';
      return saved === ''
        ? `${nothing}.`
        : `${nothing}; ${saved} ${kept(toReview + interactions)} en este archivo:`;
    }
    const unsent =
      actions === 1
        ? 'La acción que no alcanzó a enviarse'
        : `Las ${formatNumber(actions)} acciones que no alcanzaron a enviarse`;
    return `${unsent}${review ? ` y ${review}` : ''}${recorded ? `, con ${recorded},` : ''} ${kept(
      actions + toReview + interactions,
    )} en este archivo:`;
  },
  /** `kept`: how many actions, calls and visits the file holds. */
  revokedWhatToDo: (kept: number) =>
    `${
      kept === 0
        ? ''
        : `Está cifrado con la clave de este equipo: con «Guardar una copia del archivo» obtenga una copia legible y entréguela a su supervisor para que ${kept === 1 ? 'la revise y la registre' : 'las revise y las registre'}. No borre el original. `
    }Si la revocación fue un error y el equipo sigue en manos de la mesa, «Inscribir como equipo nuevo» le da una identidad nueva: al ingresar se cargan los datos de nuevo${
      kept === 0 ? '' : ' (el archivo no se toca)'
    }. Si el equipo se perdió o no es de confianza, no lo use y avise a su supervisor.`,
  /** Saves a copy of the file where the agent chooses (the web door: a download). */
  revokedDownload: 'Guardar una copia del archivo',
  revokedSignIn:
    'Este equipo fue revocado en el sistema central: no se puede ingresar. Lea el aviso en esta pantalla.',
  reenrol: 'Inscribir como equipo nuevo',
  reenrolling: 'Inscribiendo…',
  reenrolled: (after: 'revoked' | 'fork') =>
    after === 'fork'
      ? 'El equipo tiene una identidad nueva. Ingrese con su usuario: se cargarán los datos de nuevo y se enviarán las acciones pendientes.'
      : 'El equipo tiene una identidad nueva. Ingrese con su usuario para volver a cargar los datos.',
  reenrolNotNeeded: 'Este equipo no necesita inscribirse de nuevo.',
  forkTitle: 'Este equipo parece una copia de otro',
  forkBody:
    'El sistema central recibió acciones distintas con los mismos números desde otro equipo con esta misma identidad. Ninguna acción de este equipo se perdió: al inscribirlo como equipo nuevo, volverá a cargar los datos y enviará sus acciones pendientes (las que ya habían llegado no se aplican dos veces).',
} as const;

/** The supervisor's list of enrolled devices on the Sincronización screen (issue 11). */
export const deviceListMessages = {
  title: 'Equipos inscritos',
  intro:
    'Los equipos que sincronizan con el sistema central. Revoque un equipo perdido, robado o dado de baja: deja de sincronizar, sus sesiones se cierran y, en cuanto se conecte, borra los datos de personas (las acciones que no alcanzó a enviar quedan guardadas en un archivo en ese equipo).',
  reload: 'Actualizar',
  loading: 'Consultando al sistema central…',
  asOf: (time: string) =>
    `Según el sistema central a las ${time}. Un equipo conectado sin cambios que recibir anota su contacto cada ${CONTACT_NOTED_MS / 60_000} minutos.`,
  none: 'No hay equipos inscritos.',
  columns: {
    device: 'Equipo',
    enrolled: 'Inscrito',
    // Sessions the central API still honours: one closed on a laptop while offline counts until
    // its tokens expire (the laptop could not tell the central).
    signedIn: 'Sesiones vigentes en el sistema central',
    lastContact: 'Último contacto',
    state: 'Estado',
  },
  thisDevice: 'este equipo',
  // The same computer under two identities (a revoked or duplicated desk that re-enrolled,
  // proven with the old identity's secret).
  formerly: (device: string) => `Inscrito de nuevo; antes era el equipo ${device}`,
  nowAs: (device: string) => `Volvió a inscribirse como el equipo ${device}`,
  enrolledBy: (name: string) => `por ${name}`,
  noSessions: 'Ninguna',
  never: 'Sin contacto',
  active: 'Habilitado',
  revoked: (when: string, by: string | null) =>
    `Revocado el ${when}${by ? ` por ${by}` : ' desde el sistema central'}`,
  revokedReason: (reason: string) => `Motivo: ${reason}`,
  /** The revoked device proved its secret and was told: it wiped its replica then. */
  revocationTold: (at: string) => `Se enteró el ${at} y borró sus datos`,
  revocationNotTold: 'Aún no se ha enterado: borrará sus datos en cuanto se conecte',
  /** A device by its computer's name and short id, or the id alone (an older desk). */
  label: (shortId: string, name: string | null) => (name ? `${name} (${shortId})` : shortId),
  revoke: 'Revocar…',
  revokeLabel: (device: string) => `Revocar el equipo ${device}`,
  thisOne: 'Revóquelo desde otro equipo',
  revokeTitle: (device: string) => `Revocar el equipo ${device}`,
  revokeExplain: (signedIn: string[]) =>
    `${
      signedIn.length === 0
        ? 'No tiene sesiones vigentes.'
        : `Se cerrarán las sesiones vigentes de ${signedIn.join(', ')}.`
    } El equipo deja de sincronizar de inmediato y, en cuanto se conecte, borra los datos de personas; las acciones que no alcanzó a enviar quedan guardadas en un archivo en ese equipo, para revisarlas y registrarlas. No se puede deshacer: para volver a usarlo habrá que inscribirlo como equipo nuevo, y eso lo puede hacer quien tenga el equipo y la contraseña de un agente (aparecerá en esta lista como otro equipo). Si se perdió o lo robaron, pida además a soporte que cambie las contraseñas de quienes ingresaban en él.`,
  reasonHint:
    'Por ejemplo: «Notebook robado, denuncia 1234» o «Equipo dado de baja». Al menos 3 caracteres; queda en la auditoría.',
  confirm: 'Revocar el equipo',
  revoking: 'Revocando…',
  done: (device: string) => `Equipo ${device} revocado.`,
  notFound: 'Ese equipo ya no figura en el sistema central. Actualice la lista.',
  thisOneRefused:
    'No puede revocar el equipo que está usando: hágalo desde otro equipo o pida a otro supervisor.',
  failed: 'No se pudo consultar los equipos. Intente de nuevo.',
} as const;

/**
 * Why the central API could not answer a supervisor's list or change (issue 11): the same three
 * situations for the devices and for the officers' companies, each in its own words.
 */
export function centralAdminTexts(params: Record<string, string | number>) {
  const what =
    params['topic'] === 'officers'
      ? 'Los prevencionistas y sus empresas se consultan y se asignan'
      : 'Los equipos se consultan y se revocan';
  return {
    needCentral: `Este equipo no está conectado a un sistema central. ${what} allí.`,
    offline: `No hay conexión con el sistema central. ${what} en línea: intente de nuevo cuando vuelva la conexión.`,
    /** Sent, and no answer came back: it may have been done. The same dialog asks again safely. */
    unanswered:
      'El sistema central no respondió a tiempo, y puede que ya lo haya aplicado. Vuelva a confirmar en este mismo diálogo cuando haya conexión: si ya se aplicó, no se repite, y queda registrado.',
    needSession: `Su sesión con el sistema central no está abierta o expiró. ${what} en línea: salga e ingrese de nuevo con conexión.`,
  };
}

/** A company's prevention officers («prevencionistas»), on its page, for a supervisor (issue 11). */
export const officerMessages = {
  title: 'Prevencionistas asignados',
  intro: (company: string) =>
    `Cada prevencionista asignado recibe a las personas de ${company} en su equipo con su próxima sincronización; desde entonces las tiene también sin conexión.`,
  loading: 'Consultando al sistema central…',
  reload: 'Actualizar',
  asOf: (time: string) => `Según el sistema central a las ${time}.`,
  offline:
    'Sin conexión con el sistema central: los prevencionistas de esta empresa se ven y se asignan en línea.',
  none: 'Ningún prevencionista tiene asignada esta empresa.',
  companies: (n: number) =>
    `${formatNumber(n)} ${n === 1 ? 'empresa asignada' : 'empresas asignadas'}`,
  inactive: 'cuenta inactiva',
  assign: 'Asignar prevencionista…',
  noneToAssign: 'Todos los prevencionistas con cuenta activa ya la tienen asignada.',
  remove: 'Quitar…',
  removeLabel: (name: string) => `Quitar la empresa a ${name}`,
  assignTitle: (company: string) => `Asignar ${company} a un prevencionista`,
  assignExplain: (company: string) =>
    `En su próxima sincronización, las personas de ${company} se cargarán en el equipo del prevencionista, con una barra de avance; si la carga se corta, sigue donde quedó.`,
  removeTitle: (name: string) => `Quitar la empresa a ${name}`,
  removeExplain: (name: string, company: string) =>
    `En su próxima sincronización, las personas de ${company} saldrán del equipo de ${name}. Antes se envían las acciones que tenga pendientes sobre ellas: las que decidió cuando la empresa aún era suya se aplican si llegan al sistema central dentro de 72 horas desde que se la quiten.`,
  officer: 'Prevencionista',
  choose: 'Elija un prevencionista',
  missingOfficer: 'el prevencionista',
  reasonHint:
    'Por ejemplo: «Reasignación de cartera, correo de jefatura del 1 de diciembre». Al menos 3 caracteres; queda en la auditoría.',
  confirmAssign: 'Asignar la empresa',
  confirmRemove: 'Quitar la empresa',
  saving: 'Guardando…',
  assigned: (name: string, company: string) => `${company} asignada a ${name}.`,
  removed: (name: string, company: string) => `${company} ya no está asignada a ${name}.`,
  alreadyAssigned: (name: string, company: string) =>
    `${company} ya estaba asignada a ${name}: no hubo cambios.`,
  alreadyRemoved: (name: string, company: string) =>
    `${name} ya no tenía asignada ${company}: no hubo cambios.`,
  notFound:
    'Esa persona ya no figura como prevencionista en el sistema central. Actualice la lista.',
  companyUnknown:
    'El sistema central aún no conoce esta empresa: no se le puede asignar un prevencionista.',
  failed: 'No se pudo consultar los prevencionistas. Intente de nuevo.',
} as const;
