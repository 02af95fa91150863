/** The audit: its actions' names, its recorded fields and the Auditoría screen. */
import { formatNumber } from '../format';
import type { InteractionKind } from '../vocabulary';

/** Who the audit names for what the desk did by itself (shared/rules/export-retention.ts). */
export const systemAgentName = 'Sistema (automático)';

export const actionLabels: Record<string, string> = {
  'person.view': 'Vio la ficha',
  'person.update_contact': 'Cambió datos de contacto',
  'account.unlock': 'Desbloqueó la cuenta',
  'account.clear_registration_block': 'Desbloqueó el registro',
  // A first send too (the action is «Enviar» until one was sent): true of both.
  'mail.resend': 'Pidió el envío de un correo',
  'membership.disable': 'Inhabilitó el acceso',
  'membership.enable': 'Habilitó el acceso',
  'membership.pause': 'Pausó el acceso',
  'membership.resume': 'Reanudó el acceso',
  'membership.dismiss': 'Registró la baja',
  'membership.change_role': 'Cambió el perfil',
  // An officer's are visits: one audit for both (interactionWords has each one's own words).
  'interaction.open': 'Abrió una llamada o visita',
  'interaction.close': 'Cerró una llamada o visita',
  'interaction.set_reason': 'Cambió el motivo de la llamada o visita',
  'interaction.set_person': 'Cambió la persona de la llamada o visita',
  // Who calls, or at a visit who speaks, in the person's name.
  'interaction.set_caller': 'Cambió quién habla en la llamada o visita',
  'interaction.discard': 'Descartó una llamada o visita abierta por error',
  // One closed as «Derivado» or «Volver a contactar» (shared/rules/follow-up.ts).
  'interaction.follow_up': 'Dio por atendida una llamada o visita',
  // A conflict settled, or a rejection or a withheld mail taken note of («Entendido»).
  'sync.resolve': 'Revisó una acción en Sincronización («Por revisar»)',
  'session.lock': 'Bloqueó la pantalla',
  'session.unlock': 'Desbloqueó la pantalla',
  'session.end': 'Su sesión bloqueada se cerró',
  'session.sign_in': 'Ingresó a la mesa',
  'session.sign_out': 'Salió de la mesa',
  'session.sign_in_refused': 'Se rechazó su ingreso',
  // Issue 11: a supervisor took over another agent's pending actions.
  'sync.reassign': 'Reasignó a su nombre las acciones pendientes de otro agente',
  'device.revoke': 'Revocó un equipo',
  'central.configure': 'Cambió la dirección del sistema central',
  // An attempt that changed nothing (services/central-address.ts, auditRefusedAddress).
  'central.configure_refused': 'Intentó cambiar la dirección del sistema central (no se cambió)',
  'scope.assign': 'Asignó una empresa a un prevencionista',
  'scope.unassign': 'Quitó una empresa a un prevencionista',
  // Ley 21.719 requests (issue 10).
  'data_request.record': 'Registró una solicitud Ley 21.719',
  'data_request.move': 'Cambió el estado de una solicitud Ley 21.719',
  'data_request.unblock': 'Desbloqueó a la persona (Ley 21.719)',
  'data_request.export': 'Exportó los datos de la persona (Ley 21.719)',
  'data_request.download': 'Sacó una copia de la exportación (Ley 21.719)',
  'data_request.delete_export':
    'Eliminó de este equipo los archivos de una exportación (Ley 21.719)',
  // Privacy by default (issue 10).
  'person.view_denied': 'Intentó ver una ficha fuera de sus empresas',
  'person.search_denied': 'Buscó un RUT fuera de sus empresas',
  'company.view_denied': 'Intentó ver una empresa fuera de sus empresas',
  'audit.export': 'Exportó la auditoría',
  // Bulk loads (issue 8).
  'bulk.load': 'Aplicó una carga masiva',
  'bulk.undo': 'Deshizo una carga masiva',
  // The company half (issue 7).
  'request.record': 'Registró una solicitud de acceso a Portal Empresas',
  // Events recorded before each decision had its own name.
  'request.decide': 'Resolvió una solicitud de acceso a Portal Empresas',
  'request.approve': 'Aprobó una solicitud de acceso a Portal Empresas',
  'request.reject': 'Rechazó una solicitud de acceso a Portal Empresas',
  'company_user.add': 'Agregó un usuario de empresa',
  // Events recorded before each change had its own name.
  'company_user.change': 'Cambió el acceso de un usuario de empresa',
  // A change the company asked for, in its portal's words (action-names.ts).
  'company_user.pause': 'Pausó el acceso a pedido de la empresa',
  'company_user.resume': 'Reanudó el acceso a pedido de la empresa',
  'company_user.remove': 'Eliminó el acceso a pedido de la empresa',
  'company_user.disable': 'Inhabilitó el acceso a pedido de la empresa',
  'company_user.enable': 'Habilitó el acceso a pedido de la empresa',
  'company_user.dismiss': 'Registró la baja a pedido de la empresa',
  'membership.set_modules': 'Cambió los módulos de un usuario de empresa',
};

/**
 * An interaction's events as the row's own kind names them (the agent's: an officer's are visits),
 * where the filter's list, which holds both, says «llamada o visita».
 */
export const interactionAuditLabels: Record<
  InteractionKind,
  { actions: Record<string, string>; reason: string; callPerson: string }
> = {
  call: {
    actions: {
      'interaction.open': 'Abrió una llamada',
      'interaction.close': 'Cerró una llamada',
      'interaction.set_reason': 'Cambió el motivo de la llamada',
      'interaction.set_person': 'Cambió la persona de la llamada',
      'interaction.set_caller': 'Cambió quién habla en la llamada',
      'interaction.discard': 'Descartó una llamada abierta por error',
      'interaction.follow_up': 'Dio por atendida una llamada',
    },
    reason: 'Motivo de la llamada',
    callPerson: 'Durante la llamada con',
  },
  visit: {
    actions: {
      'interaction.open': 'Abrió una visita',
      'interaction.close': 'Cerró una visita',
      'interaction.set_reason': 'Cambió el motivo de la visita',
      'interaction.set_person': 'Cambió la persona de la visita',
      'interaction.set_caller': 'Cambió quién habla en la visita',
      'interaction.discard': 'Descartó una visita abierta por error',
      'interaction.follow_up': 'Dio por atendida una visita',
    },
    reason: 'Motivo de la visita',
    callPerson: 'Durante la visita con',
  },
};

/** The Auditoría screen and its CSV: an event's recorded fields, and the screen's own texts. */
export const auditDetailLabels: Record<string, string> = {
  centralUrl: 'Dirección del sistema central',
  askedUrl: 'Dirección pedida',
  refused: 'No se cambió porque',
  email: 'Correo',
  reverify: 'Correo confirmado de nuevo (deshacer carga) en',
  phone: 'Celular',
  companyRut: 'Empresa',
  personRut: 'Persona',
  state: 'Estado',
  role: 'Perfil',
  lockedUntil: 'Bloqueada hasta',
  failedAttempts: 'Intentos fallidos',
  registrationBlocked: 'Registro bloqueado',
  lastSentAt: 'Envío anterior',
  kind: 'Tipo de correo',
  // Written when the mail is asked for, before it leaves: where it goes, not that it went.
  to: 'Para',
  // A new e-mail's confirmation, one per portal whose account it leaves unconfirmed.
  confirmationMail: 'Pidió la confirmación del correo nuevo',
  // An officer's visit has one too (interactions are calls or visits).
  reason: 'Motivo de la llamada o visita',
  // A record looked at during someone else's call: whose call it was (its reason is theirs).
  callPerson: 'Durante la llamada o visita con',
  outcome: 'Resultado',
  notes: 'Notas',
  note: 'Qué se hizo',
  choice: 'Decisión',
  // A conflict resolved: what the central's side was when the agent chose (sync/conflict-time.ts).
  centralChange: 'Último cambio en el sistema central',
  code: 'Código',
  message: 'Motivo del rechazo',
  conflicts: 'Diferencias',
  portal: 'Portal',
  value: 'Detalle',
  // Acting on a selection (issue 8, item 2): no caller, the reason says whose request it was.
  selectionId: 'Acción sobre una selección (N° de ejecución)',
  callerPresent: 'Con la persona al teléfono',
  // Ley 21.719 requests (issue 10).
  number: 'Solicitud',
  right: 'Derecho',
  channel: 'Canal',
  identityMethod: 'Identidad verificada con',
  dueDate: 'Plazo',
  detail: 'Qué pide',
  /** Someone the system holds nothing of: the name they gave. */
  titularName: 'Titular (sin ficha)',
  blocked: 'Bloqueo temporal del tratamiento',
  blockedAt: 'Bloqueada desde',
  unblockedAt: 'Desbloqueada el',
  dataRequest: 'Solicitud Ley 21.719',
  files: 'Archivos',
  counts: 'Registros por sección',
  // An export's files removed on time (export-retention.ts).
  automatic: 'Eliminación automática',
  closedAt: 'Solicitud cerrada el',
  keptDays: 'Plazo de conservación (días)',
  // Privacy by default (issue 10).
  via: 'Abierta desde',
  format: 'Formato',
  // Rows in an export: a person's data (Ley 21.719) or the audit's events.
  rows: 'Registros exportados',
  filter: 'Filtros',
  // Bulk loads (issue 8).
  batchId: 'Carga masiva',
  fileName: 'Archivo',
  planned: 'Filas a aplicar',
  // The company half (issue 7).
  capacity: 'Calidad que declara',
  decision: 'Resolución',
  rejectionReason: 'Motivo del rechazo',
  modules: 'Módulos',
  fromModules: 'Módulos anteriores',
  external: 'Externo a la empresa',
  newPerson: 'Persona nueva',
  callerRut: 'Quién lo pidió',
  callerFacts: 'Datos de quien lo pidió que coincidieron',
  change: 'Cambio',
  fromState: 'Estado anterior',
  // Someone calling in the person's name (shared/policy.ts allowedOnBehalf): labelled in the
  // words of the event's agent, «Quién llama» or at an officer's visit «Quién habla»
  // (callMessages.onBehalf.audit; describeAuditChange).
  // A shared desk's actions taken over (issue 11).
  agentId: 'Agente',
  actions: 'Acciones',
  sentBy: 'Enviadas por',
  count: 'Cantidad',
  // A device revoked from the Sincronización screen (issue 11).
  deviceId: 'Equipo revocado',
  revokedAt: 'Revocado el',
  // A company assigned to a prevention officer, or taken from him (issue 11).
  officer: 'Prevencionista',
  username: 'Usuario',
};

/** A request's decision and a representative's change to a user, as the audit reads them. */
export const companyAuditLabels = {
  decisions: { approve: 'Aprobada', reject: 'Rechazada' } as Record<string, string>,
  changes: {
    pause: 'Pausa del acceso',
    resume: 'Reanudación del acceso',
    remove: 'Eliminación del acceso',
    disable: 'Inhabilitación del acceso',
    enable: 'Habilitación del acceso',
    dismiss: 'Baja',
  } as Record<string, string>,
};

/** Why a change of the central address was refused (auditRefusedAddress). */
export const addressRefusalLabels: Record<string, string> = {
  role: 'solo un supervisor puede cambiarla',
  invalid_url: 'la dirección no es válida',
  not_answering: 'el sistema central no respondió en esa dirección',
};

export const auditChoiceLabels: Record<string, string> = {
  keep_theirs: 'Mantener el del sistema central',
  keep_mine: 'Aplicar el del agente',
  dismiss: 'Entendido (rechazo revisado)',
};

export const auditMessages = {
  title: 'Auditoría',
  /**
   * Each desk keeps its own audit (anchored on the central API, never copied there): what was
   * done on another desk is not here, and the screen must not read as the whole help desk's.
   */
  scope:
    'Eventos registrados en este equipo. Cada equipo de la mesa guarda su propia auditoría: lo hecho en otro equipo se consulta en ese equipo.',
  empty: '—',
  /** A company in an event's details: its name, then its RUT. */
  company: (name: string, rut: string) => `${name} (${rut})`,
  yes: 'Sí',
  no: 'No',
  /** «Identidad verificada» of a change a company asked for: its requester's facts. */
  requesterChecked: (facts: string) => `De quien lo pidió: ${facts}`,
  /** Where a new e-mail's confirmations go, and for which portals' accounts. */
  confirmationTo: (to: string, portals: string[]) => `a ${to} (${portals.join(', ')})`,
  conflict: (field: string, yours: string, theirs: string) =>
    `${field}: agente ${yours}, sistema central ${theirs}`,
  /** A change the central refused for a temporary block (blockingRequestIn). */
  blockedConflict: (request: string) =>
    `bloqueo temporal vigente (Ley 21.719, solicitud ${request}): el sistema central no aplicó el cambio`,
  count: (n: number) => (n === 1 ? '1 evento' : `${formatNumber(n)} eventos`),
  /** What a resolved conflict's other side was (centralChange): «el celular, por Sara …, el …». */
  centralChange: (of: 'phone' | 'email' | 'contact', at: string, by: string | null) =>
    `${{ phone: 'el celular', email: 'el correo', contact: 'los datos de contacto' }[of]}${by ? `, por ${by}` : ''}, el ${at}`,
  range: (first: number, last: number) => `${formatNumber(first)}–${formatNumber(last)}`,
  viewsHidden: 'sin las consultas de fichas',
  noEvents: 'No hay eventos con estos filtros.',
  rut: 'RUT',
  agent: 'Agente',
  action: 'Acción',
  all: 'Todos',
  allActions: 'Todas',
  from: 'Desde (dd-mm-aaaa)',
  to: 'Hasta (dd-mm-aaaa)',
  datePlaceholder: 'dd-mm-aaaa',
  includeViews: 'Incluir consultas de fichas («Vio la ficha»)',
  filter: 'Filtrar',
  exportCsv: 'Exportar CSV',
  verify: 'Verificar cadena',
  pager: 'Páginas de la auditoría',
  /**
   * Said once the file is handed over: its name, its rows. Not «descargado»: the desktop app's
   * save dialog may still be cancelled or the name changed there.
   */
  exportedCsv: (fileName: string, rows: number) =>
    `Archivo generado: ${fileName}, con ${rows === 1 ? '1 evento' : `${formatNumber(rows)} eventos`}.`,
  invalidDate: (field: string, typed: string) =>
    `Fecha «${field}» no válida (se ingresó «${typed}»): esa fecha no existe o no está escrita como dd-mm-aaaa (por ejemplo 21-11-2026).`,
  fromField: 'Desde',
  toField: 'Hasta',
  reversedDates: 'La fecha «Desde» es posterior a «Hasta».',
  staleHidden: 'No se muestran resultados hasta corregir el filtro.',
  failed: 'No se pudo consultar la auditoría.',
  /** `at`: when it was checked — the list goes on growing under it (an export is an event). */
  chainOk: (n: number, at: string) =>
    n === 1
      ? `Cadena íntegra: 1 evento verificado (al ${at}).`
      : `Cadena íntegra: ${formatNumber(n)} eventos verificados (al ${at}).`,
  /** A long value (a call's notes) in a row: its start, and the rest on demand. */
  valueMore: 'Ver todo',
  valueLess: 'Ver menos',
  chainBroken: (seq: number, problem: 'link_broken' | 'hash_mismatch') =>
    `Cadena ROTA en el evento N° ${seq}: ${
      problem === 'link_broken' ? 'falta o se reordenó un evento' : 'el evento fue modificado'
    }. No cambie nada en este equipo y avise de inmediato a seguridad de la información.`,
  caption: 'Eventos de auditoría, los más recientes primero. Fechas y horas de Chile.',
  columns: {
    seq: 'N°',
    at: 'Fecha',
    agent: 'Agente',
    person: 'Persona',
    action: 'Acción',
    changes: 'Cambios (antes → después)',
    reason: 'Motivo',
    identity: 'Identidad verificada',
  },
  /** The CSV a spreadsheet opens: one header per column, in order. */
  csvHeaders: {
    seq: 'N°',
    at: 'Fecha y hora (Chile)',
    agent: 'Agente',
    rut: 'RUT',
    person: 'Persona',
    action: 'Acción',
    before: 'Antes',
    after: 'Después',
    reason: 'Motivo',
    identity: 'Identidad verificada',
    device: 'Equipo',
    event: 'ID del evento',
  },
} as const;
