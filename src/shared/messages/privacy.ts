/** Ley 21.719 (issue 10): data-subject requests, their export, privacy by default, the anchor. */
import type { AnchorReport } from '../contract';
import { formatDateTime, formatNumber } from '../format';
import type { DataRequestChannel } from '../rules/data-requests';
import type { InteractionKind } from '../vocabulary';
import type { InteractionNoun } from './dashboard';

// ── Ley 21.719 data-subject requests (issue 10) ──────────────────────────────────────────────

export const dataRequestLabels = {
  rights: {
    access: 'Acceso',
    rectification: 'Rectificación',
    deletion: 'Supresión',
    objection: 'Oposición',
    portability: 'Portabilidad',
    // Not the login's «Bloqueo temporal» (failed attempts): the two meet in the audit.
    blocking: 'Bloqueo temporal del tratamiento',
  },
  channels: {
    phone: 'Teléfono',
    in_person: 'Presencial',
    email: 'Correo',
    portal: 'Portal',
  },
  states: {
    received: 'Recibida',
    in_progress: 'En curso',
    extended: 'Prorrogada',
    answered: 'Respondida',
    denied: 'Denegada',
  },
  identityMethods: {
    facts: 'Datos del registro comparados preguntando (por teléfono o en persona)',
    identity_card: 'Cédula de identidad exhibida',
    clave_unica: 'ClaveÚnica (portal)',
    signed_document: 'Documento con firma electrónica avanzada',
  },
  moves: {
    start: 'Pasar a «En curso»',
    extend: 'Prorrogar 30 días',
    answer: 'Marcar respondida',
    deny: 'Denegar',
  },
  deadline: {
    overdue: 'Vencida',
    due_soon: 'Vence pronto',
    later: 'En plazo',
    closed: 'Cerrada',
  },
} as const;

/** «día» or «días», «hábil(es)» for a term counted in business days. */
const dayWord = (n: number, business: boolean) =>
  business ? (n === 1 ? 'día hábil' : 'días hábiles') : n === 1 ? 'día' : 'días';

export const dataRequestMessages = {
  title: 'Solicitudes Ley 21.719',
  recordButton: 'Solicitud Ley 21.719',
  recordTitle: 'Registrar una solicitud Ley 21.719',
  recordIntro:
    'El titular ejerce un derecho sobre sus datos personales (Ley 21.719, art. 4). Registre qué pide, cómo se verificó su identidad y por qué canal llegó: la solicitud recibe un número y su plazo legal.',
  person: 'Titular',
  right: 'Derecho que ejerce',
  channel: 'Canal',
  identityMethod: 'Cómo se verificó la identidad',
  identityChoose: 'Elija cómo se verificó…',
  detail: 'Qué pide exactamente',
  detailHint: 'Con las palabras del titular: qué datos, qué cambio, desde cuándo.',
  missingMethod: 'cómo se verificó la identidad',
  /** identityMethodFits: a card shown needs the titular there. */
  missingCardInPerson:
    'otro método de verificación, o el canal «Presencial» (la cédula se exhibe en persona)',
  /** identityMethodFits: the facts are compared by asking, not read in a mail or a form. */
  missingFactsChannel:
    'otro método de verificación: por correo o portal no hay a quién preguntarle los datos (use un documento firmado, o la ClaveÚnica si la pidió en el portal)',
  /** identityMethodFits: ClaveÚnica is the titular signing in to the portal. */
  missingClaveUnicaPortal:
    'otro método de verificación, o el canal «Portal» (la ClaveÚnica acredita solo lo que el titular pidió en el portal)',
  missingDetail: (min: number) => `qué pide el titular (al menos ${min} caracteres)`,
  /** A request in writing is dated the day it arrived (receivedOnFits). */
  receivedOn: 'Recibida el (dd-mm-aaaa)',
  receivedOnHint:
    'El día en que llegó el correo o el formulario: el plazo legal corre desde ese día, no desde hoy.',
  dueWouldBe: (due: string) => `Plazo legal con esa fecha: ${due}.`,
  missingReceivedOn: {
    invalid: 'la fecha de recepción como dd-mm-aaaa',
    /** Written as dd-mm-aaaa, a day no calendar has (31-02-2026). */
    noSuchDay: (typed: string) => `una fecha de recepción que exista (el ${typed} no existe)`,
    future: 'una fecha de recepción que no sea posterior a hoy',
    too_old: (days: number) =>
      `una fecha de recepción de los últimos ${days} días, o que marque que de verdad llegó ese día (revise el año)`,
  },
  /** A day more than RECEIVED_ON_MAX_DAYS_BACK back: recorded as it is, once confirmed true. */
  lateConfirm: (days: number) =>
    `Llegó de verdad ese día, hace más de ${days} días: se registra con esa fecha, y su plazo legal se cuenta desde ella.`,
  /**
   * The term counted from the day it arrived is already over, or ends today: said by the date
   * computed, not by how long ago it arrived (walk 60b M2: a weekend moved the end to today; L4:
   * a block's 2 business days long run, with no word).
   */
  duePassed: (due: string, supervisor: boolean) =>
    `Con esa fecha, su plazo legal ya venció (el ${due}): ${supervisor ? 'respóndala cuanto antes' : 'avise a su supervisor'}.`,
  dueToday: (supervisor: boolean) =>
    `Con esa fecha, su plazo legal vence hoy: ${supervisor ? 'respóndala hoy' : 'avise a su supervisor'}.`,
  factsTooFew: (required: number) =>
    `El sistema no tiene ${required} datos de esta persona para verificar su identidad: elija otro medio (cédula, ClaveÚnica o documento firmado).`,
  submit: 'Registrar solicitud',
  cancel: 'Cancelar',
  recorded: (number: string, due: string, channel: DataRequestChannel) =>
    `Solicitud ${number} registrada. Plazo legal: ${due}. ${
      channel === 'phone'
        ? 'Dígale a quien llama el número de la solicitud.'
        : channel === 'in_person'
          ? 'Entréguele el número de la solicitud.'
          : 'Respóndale por el mismo medio con el número de la solicitud.'
    }`,
  /** Someone calls in the titular's name (interactions.setCaller). */
  representative: (who: string) =>
    `Llama ${who} en nombre del titular. La ley permite ejercer el derecho por medio de un representante: verifique el poder y la identidad del titular con un documento firmado (o la ClaveÚnica o la cédula del titular); los datos del registro que responda quien llama no lo acreditan.`,
  missingRepresentative: 'otro método que acredite la representación (no los datos del registro)',
  /** A block that cannot be asked now, said as «blocking» is chosen (walk 58b: only at submit). */
  missingBlockable:
    'una solicitud abierta de rectificación, supresión u oposición que lo justifique',
  missingNotBlocked: (number: string) => `que no esté ya bloqueada (lo está por ${number})`,
  blockingNote:
    'Un bloqueo temporal se pide junto a una rectificación, supresión u oposición abierta de la persona (regístrela antes, si no la tiene), y se aplica al registrarlo: mientras dure, nada puede modificar sus datos salvo lo que responde a sus solicitudes abiertas (la corrección de una rectificación, por ejemplo). Se responde dentro de 2 días hábiles.',
  forwardNote:
    'La supresión y la oposición las decide el sistema central (sistema de registro): esta mesa las registra, las envía y sigue su plazo, y cuando allá se resuelven anota aquí lo resuelto («Marcar respondida» o «Denegar», con su motivo). Nunca se borran datos que la ley o los portales obligan a conservar (registros de auditoría, correos enviados, afiliaciones).',
  deadlineRule:
    'Plazo: 30 días corridos desde el día siguiente a la recepción, prorrogable una sola vez por 30 días corridos; bloqueo temporal: 2 días hábiles. Si el último día es sábado, domingo o feriado en Chile, vence el día hábil siguiente (regla del art. 25 de la Ley 19.880). Feriados: calendario oficial de Chile.',
  /** The days counted ended on a non-business day (`over`: it and the ones after it, named). */
  movedOver: (counted: string, over: readonly string[], due: string) =>
    `El plazo contado terminaba el ${counted} (${over[0] ?? 'día inhábil'}), día inhábil: vence el ${due}, el día hábil siguiente.`,
  listTitle: 'Solicitudes Ley 21.719 por plazo',
  listIntroSupervisor: 'Todas las solicitudes, las abiertas primero y por plazo.',
  listIntroAgent: 'Sus solicitudes, las abiertas primero y por plazo.',
  filterState: 'Estado',
  filterRight: 'Derecho',
  filterAll: 'Todos',
  empty: 'No hay solicitudes con esos filtros.',
  /** Nothing filtered out: there are none yet, and where one is registered. */
  noneYet:
    'Aún no hay solicitudes Ley 21.719. Registre una arriba con el RUT del titular, o desde su ficha con el botón «Solicitud Ley 21.719».',
  /** An agent's list holds their own requests only: others' may exist. */
  noneYetAgent:
    'Usted aún no ha registrado solicitudes Ley 21.719 (esta lista muestra solo las suyas). Registre una arriba con el RUT del titular, o desde su ficha con el botón «Solicitud Ley 21.719».',
  /** A request registered from this list: the titular's RUT opens the form (RegisterRequestForm). */
  registerTitle: 'Registrar una solicitud',
  registerRut: 'RUT del titular',
  registerButton: 'Registrar solicitud…',
  registerHint:
    'Se abre el registro con los datos de la persona para verificar su identidad. Si no sabe su RUT, búsquela por nombre (Ctrl+K) y registre la solicitud desde su ficha.',
  registerEmpty: 'Escriba el RUT del titular.',
  registerNotFound: (rut: string) =>
    `El sistema no tiene a nadie con el RUT ${rut}. Revise el RUT con el titular (o búsquelo por nombre con Ctrl+K). Si el RUT es ese, la solicitud igual se registra y se responde: que no se tratan datos suyos.`,
  /** After registerNotFound: a request of someone the system holds nothing of. */
  registerWithoutRecord: 'Registrar sin ficha…',
  /** An initial sync still running: nobody can be said not to be held yet. */
  registerNotSynced: (rut: string) =>
    `No aparece nadie con el RUT ${rut}, pero aún llegan datos del sistema central: puede que sí esté registrado. Espere a que termine la carga e intente de nuevo.`,
  /** The form for someone the system holds nothing of (titularWithoutDataRefusal). */
  withoutRecord: {
    note: 'El sistema no tiene datos de esta persona. La ley exige registrar y responder su solicitud igual: la respuesta será que no se tratan datos suyos (fuera de esta solicitud). Escriba su nombre como lo dice y verifique su identidad con la cédula, la ClaveÚnica o un documento firmado.',
    name: 'Nombre completo del titular',
    missingName: 'el nombre completo del titular (nombre y apellido)',
    tag: 'Sin ficha',
    /** In the request's detail, instead of the exports: the answer is in words. */
    answer:
      'El sistema no tiene datos de esta persona fuera de esta solicitud: no hay nada que exportar. Respóndale por escrito que no se tratan datos suyos y marque la solicitud como respondida.',
  },
  /** Ley 21.719 protects persons' data: a company is no titular (rut.ts COMPANY_RUT_FROM). */
  registerCompanyRut: (rut: string) =>
    `El RUT ${rut} es de una empresa: una solicitud Ley 21.719 es de una persona sobre sus propios datos. Pida el RUT de la persona que la hace.`,
  registering: 'Buscando a la persona…',
  /** The holder's name opens the record. */
  openPerson: (name: string) => `Ver la ficha de ${name}`,
  loading: 'Cargando solicitudes…',
  columns: {
    number: 'N°',
    person: 'Titular',
    right: 'Derecho',
    state: 'Estado',
    received: 'Recibida',
    due: 'Plazo',
    agent: 'Agente',
    actions: 'Acciones',
  },
  /** In the unit of the request's term: business days for a temporary block, calendar otherwise. */
  /** A closed request: when it was answered or denied, and whether within its term. */
  closedOn: (
    state: string,
    day: string,
    closed: { late: boolean; days: number },
    business: boolean,
  ) =>
    `${state.toLowerCase()} el ${day}, ${
      !closed.late
        ? 'dentro del plazo'
        : closed.days === 0
          ? 'fuera del plazo'
          : `${closed.days} ${dayWord(closed.days, business)} después del plazo`
    }`,
  daysLeft: (n: number, business: boolean) => {
    const days = (k: number) => dayWord(k, business);
    if (n < 0) return `vencida hace ${-n} ${days(-n)}`;
    if (n === 0) return 'vence hoy';
    return n === 1 ? `queda 1 ${days(1)}` : `quedan ${n} ${days(n)}`;
  },
  overdueCount: (n: number) => `${n} ${n === 1 ? 'vencida' : 'vencidas'}`,
  soonCount: (n: number) => `${n} por vencer`,
  open: 'Ver',
  detailTitle: (number: string) => `Solicitud ${number}`,
  reason: 'Motivo',
  /** The one extension the law allows, on a line of its own (not read as the answer's reason). */
  extension: 'Prórroga',
  /** The chosen change, named where its reason is asked. */
  reasonFor: (move: string) => `Motivo para ${move.charAt(0).toLowerCase()}${move.slice(1)}`,
  /** Said before anything is sent, as every dialog's «Falta: …» (the field label's words). */
  reasonMissing: (field: string, min: number) =>
    `Falta: ${field.charAt(0).toLowerCase()}${field.slice(1)}, de al menos ${min} caracteres.`,
  reasonHint: 'Obligatorio para prorrogar o denegar.',
  /** Art. 11: a denial is reasoned, and the titular may complain to the Agency. */
  denyNote:
    'La denegación debe ser fundada: escriba el motivo legal, que es lo que se le comunica al titular. Al responderle, infórmele que puede reclamar ante la Agencia de Protección de Datos Personales dentro de 30 días hábiles (art. 11).',
  /** Art. 11: the one extension, said to the titular. */
  extendNote:
    'La prórroga se comunica al titular antes de que venza el plazo, con su motivo: la ley la permite una sola vez, por 30 días corridos.',
  extendUnderstood:
    'Entiendo que esta es la única prórroga de la solicitud y que su motivo se le comunica al titular tal como lo escribí.',
  extendUnderstoodMissing:
    'Falta: marcar que entiende que la prórroga es una sola vez y que su motivo se le comunica al titular.',
  /** Answering a blocking request leaves its block in force (the answer says it holds). */
  answerKeepsBlock:
    'Responder no levanta el bloqueo: le confirma al titular que sus datos quedan bloqueados. El bloqueo sigue vigente hasta que alguien pulse «Desbloquear» en esta solicitud, cuando se resuelva lo que lo motivó (la rectificación, supresión u oposición que pidió).',
  confirmMove: 'Confirmar',
  moved: (number: string, state: string) => `Solicitud ${number}: ${state}.`,
  extended: (number: string, due: string, before: string) =>
    `Solicitud ${number}: Prorrogada. Nuevo plazo: ${due} (antes ${before}); comuníqueselo al titular con su motivo.`,
  exportButton: 'Exportar datos (HTML y JSON)',
  /** An agent's request for access: its answer, the file, is a supervisor's to make (walk 60b M1). */
  exportBySupervisor:
    'La exportación de los datos la genera un supervisor: el archivo lleva todo lo que el titular tiene derecho a recibir, también quién vio su ficha. Avísele a su supervisor que esta solicitud espera su respuesta.',
  exporting: 'Exportando los datos de la persona…',
  exported: (rows: number) =>
    `Exportación lista: ${formatNumber(rows)} registros. Descargue el informe y el archivo de datos.`,
  downloadHtml: 'Descargar informe (HTML)',
  downloadJson: 'Descargar datos (JSON)',
  shownInFolder: 'Copia guardada: se muestra en su carpeta.',
  downloaded: (fileName: string) => `Copia descargada: ${fileName}.`,
  downloadFailed:
    'No se pudo descargar la copia (se cortó la descarga). Intente de nuevo; si se repite, exporte de nuevo.',
  exportRows: (rows: number) => `${formatNumber(rows)} ${rows === 1 ? 'registro' : 'registros'}`,
  copiesLabel: 'Copias descargadas',
  copyLine: (at: string, agentName: string, format: 'html' | 'json') =>
    `${at} · ${agentName} · ${format === 'html' ? 'informe (HTML)' : 'datos (JSON)'}`,
  noCopies: 'Sin copias descargadas.',
  unknownAgent: 'Agente de otro equipo',
  deleteFiles: 'Eliminar archivos',
  deleteConfirm:
    '¿Eliminar de este equipo el informe y los datos de esta exportación? Las copias ya descargadas no se ven afectadas, y se puede volver a exportar con los datos actuales.',
  deleteConfirmButton: 'Eliminar',
  deleted: 'Archivos de la exportación eliminados de este equipo.',
  removedLine: (at: string, agentName: string) => `Archivos eliminados el ${at} por ${agentName}.`,
  removedAutomatically: (at: string) =>
    `Archivos eliminados automáticamente el ${at}, cumplido su plazo de conservación tras el cierre de la solicitud.`,
  removalLine: (at: string) => `Se eliminarán automáticamente de este equipo a partir del ${at}.`,
  retentionNote: (days: number) =>
    `Los archivos de cada exportación se eliminan solos de este equipo ${days} días después de cerrar la solicitud (o de exportar, si fue después). Las copias ya descargadas no se ven afectadas.`,
  exportsTitle: 'Exportaciones',
  // Exports are files of the desk that made them: another desk's are not known here.
  noExports: 'Aún no se ha exportado nada para esta solicitud en este equipo.',
  unblockButton: 'Desbloquear',
  unblockReason: 'Motivo del desbloqueo',
  unblocked: (number: string) => `Bloqueo de la solicitud ${number} terminado.`,
  banner: (number: string, since: string) =>
    `Persona bloqueada temporalmente (Ley 21.719) desde el ${since}, por la solicitud ${number}. Hasta que se desbloquee, nada modifica sus datos salvo las acciones de sus solicitudes Ley 21.719 abiertas (por ejemplo, la corrección de una rectificación).`,
  /** A block that ended: when, said on its request (the who and why are in the audit). */
  blockEnded: (from: string, until: string, requestOpen: boolean) =>
    `Bloqueo temporal del ${from} al ${until}: ya no está vigente.${
      requestOpen ? ' La solicitud se responde igual dentro de su plazo.' : ''
    }`,
  /** What the agent tells the caller while the block lasts (art. 11). */
  bannerSay: (number: string) =>
    `Mientras dure el bloqueo que pidió (solicitud ${number}), la mesa no cambia sus datos ni le envía correos. Lo levantamos cuando se resuelva lo que lo motivó, y se lo informamos.`,
  recordRequests: 'Solicitudes Ley 21.719 de esta persona',
  noRecordRequests: 'Sin solicitudes Ley 21.719.',
  /** An agent's record: none of theirs, or theirs only; others' open ones are counted. */
  noOwnRecordRequests: 'Usted no ha registrado solicitudes Ley 21.719 de esta persona.',
  othersOpen: (count: number) =>
    `${count === 1 ? 'Hay 1 solicitud Ley 21.719 abierta' : `Hay ${formatNumber(count)} solicitudes Ley 21.719 abiertas`} de esta persona, registrada${count === 1 ? '' : 's'} por otro agente: puede decirle en qué está${count === 1 ? '' : 'n'}, y no registre otra igual. Su detalle lo ve un supervisor.`,
  /** One of them, as the agent may tell it: no detail of what was asked. */
  otherOpenLine: (number: string, right: string, state: string, due: string) =>
    `${number} · ${right} · ${state} · plazo legal ${due}`,
  rectifyHint:
    'Rectificación: corrija el correo o el celular con «Editar contacto» indicando esta solicitud; el cambio queda vinculado a ella.',
  rectifyLink: 'Vincular a la solicitud de rectificación',
  /** Why «Prorrogar 30 días» is not offered once the term is over (walk 60b H1). */
  termPassed:
    'El plazo ya venció: la prórroga se comunica al titular antes de que venza, y ya no se puede prorrogar. Respóndala cuanto antes (o deniéguela, con su motivo); el atraso queda registrado.',
  /** The identity facts the caller answered right, named after the method. */
  factsMatched: (facts: string[]) => `coincidieron: ${facts.join(', ')}`,
  linkedTitle: 'Cambios vinculados (registrados en este equipo)',
  linkedNone: 'Ningún cambio vinculado a esta solicitud en este equipo.',
  rectifyNone: 'Ninguna',
  /** Whether the request has reached the central API (requests sync; see the detail). */
  centralLabel: 'Sistema central',
  pendingCentral: 'Pendiente de envío: sale con la próxima sincronización',
  atCentral: 'Registrada en el sistema central',
  closeDetail: 'Cerrar',
  optional: 'opcional',
  blockedTag: 'Bloqueo vigente',
  tab: 'Ley 21.719',
  flagSoon: (n: number) => `vence en ${n} ${n === 1 ? 'día hábil' : 'días hábiles'} o menos`,
} as const;

/** The export's own words (the HTML report a titular receives). */
export const dataExportTexts = {
  title: (number: string) => `Datos personales — solicitud ${number}`,
  intro:
    'Informe de los datos personales que la mesa de ayuda mantiene sobre el titular, emitido en respuesta a su solicitud (Ley 21.719). La ficha, sus empresas, cuentas y correos son los del sistema central; las llamadas, visitas y la auditoría son las registradas en el equipo que emitió este informe (cada equipo de la mesa guarda las suyas). Puede imprimirse o guardarse como PDF desde el navegador.',
  meta: {
    person: 'Titular',
    request: 'Solicitud',
    right: 'Derecho ejercido',
    receivedAt: 'Recibida',
    dueDate: 'Plazo legal',
    generatedAt: 'Emitido',
    generatedBy: 'Emitido por',
  },
  sections: {
    person: 'Ficha',
    memberships: 'Empresas (afiliaciones)',
    accounts: 'Cuentas en los portales',
    mails: 'Correos enviados',
    accessRequests: 'Solicitudes de acceso a Portal Empresas',
    calls: 'Llamadas y visitas (registradas en este equipo)',
    dataRequests: 'Solicitudes Ley 21.719',
    auditEvents: 'Registro de auditoría sobre el titular (en este equipo)',
  },
  columns: {
    rut: 'RUT',
    givenNames: 'Nombres',
    lastNames: 'Apellidos',
    email: 'Correo',
    phone: 'Celular',
    serialNumber: 'N° de serie de la cédula (enmascarado)',
    isWorker: 'Persona trabajadora',
    isPensioner: 'Persona pensionada',
    companyRut: 'RUT empresa',
    companyName: 'Razón social',
    role: 'Perfil',
    state: 'Estado',
    modules: 'Módulos',
    agreementSigned: 'Acuerdo firmado',
    agreementSignedAt: 'Firmado el',
    startedAt: 'Desde',
    endedAt: 'Hasta',
    portal: 'Portal',
    registrationState: 'Registro',
    passwordSet: 'Contraseña creada',
    emailVerified: 'Correo verificado',
    failedAttempts: 'Intentos fallidos',
    lockedUntil: 'Bloqueada hasta',
    registrationBlocked: 'Registro bloqueado',
    lastLoginAt: 'Último ingreso',
    sentAt: 'Enviado',
    mailKind: 'Tipo',
    outcome: 'Resultado',
    toAddress: 'Destinatario',
    capacity: 'En calidad de',
    reason: 'Motivo',
    requestedAt: 'Solicitada',
    decidedAt: 'Resuelta',
    openedAt: 'Inicio',
    closedAt: 'Término',
    followUpAt: 'Atendida el',
    followUpNote: 'Qué se hizo después',
    callReason: 'Motivo',
    notes: 'Notas',
    agent: 'Agente',
    number: 'N°',
    right: 'Derecho',
    receivedAt: 'Recibida',
    dueDate: 'Plazo',
    detail: 'Detalle',
    seq: 'N° evento',
    at: 'Fecha',
    action: 'Acción',
    device: 'Equipo',
    before: 'Antes',
    after: 'Después',
    changes: 'Detalle',
  },
  yes: 'Sí',
  no: 'No',
  emptySection: 'Sin registros.',
  rowCount: (n: number) => `${formatNumber(n)} ${n === 1 ? 'registro' : 'registros'}.`,
  footer: (n: number) => `Fin del informe: ${formatNumber(n)} registros en total.`,
  retention:
    'Los registros de auditoría, los correos enviados y las afiliaciones se conservan por obligación legal y de los portales; una solicitud de supresión u oposición la decide el sistema central.',
  rightLabel: (right: string) =>
    dataRequestLabels.rights[right as keyof typeof dataRequestLabels.rights] ?? right,
} as const;
// --- Privacy by default and the anchored audit chain (issue 10) -------------------------------
/** How a record was opened, as the «Vio la ficha» event and «Quién consultó esta ficha» say it. */
export const viewViaLabels: Record<string, string> = {
  search: 'Búsqueda',
  call: 'Llamada (lista de llamadas)',
  company: 'Página de la empresa',
  data_requests: 'Solicitudes Ley 21.719',
  sync: 'Sincronización (por revisar)',
  reload: 'Actualización de la ficha abierta',
};

/**
 * …in «Quién consultó esta ficha», by the kind of the viewer's interactions: an officer opens a
 * record from his list of visits.
 */
export const viewViaLabelsOf: Record<InteractionKind, Record<string, string>> = {
  call: viewViaLabels,
  visit: { ...viewViaLabels, call: 'Visita (lista de visitas)' },
};

export const exportFormatLabels: Record<string, string> = {
  spreadsheet: 'Planilla (CSV para Excel)',
  machine: 'CSV técnico (con huellas de integridad)',
  // A Ley 21.719 export's copy (data_request.download).
  html: 'Informe (HTML)',
  json: 'Datos (JSON)',
};

/** One sitting of the viewers' caption: the same call or visit, or none. */
const viewersSitting: Record<InteractionNoun, string> = {
  calls: 'en la misma llamada, o sin llamada',
  visits: 'en la misma visita, o sin visita',
  both: 'en la misma llamada o visita, o sin ninguna abierta',
};

export const privacyMessages = {
  viewersButton: 'Quién consultó esta ficha',
  viewersTitle: (name: string) => `Quién consultó la ficha de ${name}`,
  /** Said of the calls, an officer's visits, or both, as the views listed were made in. */
  viewersCaption: (noun: InteractionNoun) =>
    `Consultas de esta ficha registradas en la auditoría de este equipo, las más recientes primero. Fechas y horas de Chile. Volver a leer la ficha abierta (tras una acción o una sincronización) ${viewersSitting[noun]} dentro de 30 minutos, no cuenta como otra consulta.`,
  viewersColumns: { at: 'Fecha', agent: 'Agente', via: 'Desde' },
  viewersReason: {
    calls: 'Motivo de la llamada',
    visits: 'Motivo de la visita',
    both: 'Motivo de la llamada o visita',
  } satisfies Record<InteractionNoun, string>,
  viewersNone: 'Nadie ha consultado esta ficha en este equipo.',
  /** The reason is of a call or visit with someone else: said with whose it was. */
  viewersCallWith: (kind: InteractionKind, who: string) =>
    `durante la ${kind === 'visit' ? 'visita' : 'llamada'} con ${who}`,
  viewersRegion: 'Consultas de la ficha',
  viewersLoading: 'Cargando consultas…',
  viewersFailed: 'No se pudo leer quién consultó esta ficha.',
  viewersMore: (shown: number, total: number) =>
    `Se muestran las ${formatNumber(shown)} consultas más recientes de ${formatNumber(total)}. El resto está en Auditoría.`,
  /** A view with nothing open: in the words of the viewer's kind (a call, an officer's visit). */
  viewersNoInteraction: {
    call: 'Sin llamada abierta',
    visit: 'Sin visita abierta',
  } satisfies Record<InteractionKind, string>,
  viewersDenied: (action: string) =>
    action === 'person.search_denied'
      ? 'Búsqueda denegada (fuera de sus empresas)'
      : 'Intento denegado (fuera de sus empresas)',
  close: 'Cerrar',
  /** First and last lines of an audit export: who made it and when. */
  exportMadeBy: (agent: string, username: string, when: string) =>
    `Exportado por ${agent} (${username}) el ${when}`,
  exportEnd: (rows: number) =>
    `Fin del archivo: ${rows === 1 ? '1 evento' : `${formatNumber(rows)} eventos`}`,
  // An anchor is a copy of the chain's head kept by the central API: a «punto de control».
  anchorNone: (centralConfigured: boolean) =>
    `Respaldo en el sistema central: este equipo aún no ha enviado puntos de control de su auditoría, así que solo se verificó la cadena local (que no detecta un archivo reescrito por completo). ${
      centralConfigured
        ? 'Se enviarán en la próxima sincronización con el sistema central.'
        : 'Este equipo no tiene configurado un sistema central: se enviarán cuando un supervisor lo configure (Sincronización → Ajustes).'
    }`,
  anchorAgrees: (anchors: number, lastSeq: number, when: string, unanchored: number) =>
    // Compared with the anchors the central confirmed it keeps, as this desk recorded them (no
    // question to the central now: true offline too).
    `Respaldo en el sistema central: coincide con ${anchors === 1 ? 'el punto de control' : `los ${formatNumber(anchors)} puntos de control`} que el sistema central confirmó haber guardado; el último, en el evento N° ${lastSeq}, respaldado el ${when}.${
      unanchored > 0
        ? ` ${unanchored === 1 ? 'El evento posterior se respaldará' : `Los ${formatNumber(unanchored)} eventos posteriores se respaldarán`} en la próxima sincronización.`
        : ''
    }`,
  anchorDisagrees: (seq: number, when: string, problem: 'hash_differs' | 'event_missing') =>
    `Respaldo en el sistema central: la cadena NO coincide. El evento N° ${seq}, respaldado el ${when}, ${
      problem === 'hash_differs'
        ? 'es distinto en este equipo: la auditoría fue reescrita desde ese evento o antes'
        : 'ya no está en este equipo: se eliminaron eventos'
    }. Conserve el archivo tal como está y avise a seguridad de la información.`,
} as const;

/** The anchor check's sentence, for the audit screen and `npm run audit:verify`. */
export function anchorReportText(report: AnchorReport, centralConfigured = true): string {
  switch (report.state) {
    case 'none':
      return privacyMessages.anchorNone(centralConfigured);
    case 'agrees':
      return privacyMessages.anchorAgrees(
        report.anchors,
        report.lastSeq,
        formatDateTime(report.lastAnchoredAt),
        report.unanchored,
      );
    case 'disagrees':
      return privacyMessages.anchorDisagrees(
        report.seq,
        formatDateTime(report.anchoredAt),
        report.problem,
      );
  }
}
