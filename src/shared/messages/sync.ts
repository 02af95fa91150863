/**
 * The one message catalogue: every Spanish (Chile) string a person reads, from main or the
 * renderer. Code and identifiers stay in English.
 */
import type { Badge, Cause, CauseCode, Decision, ErrorCode, Portal } from '../contract';
import { formatDateTime, formatNumber, formatTime } from '../format';
import type {
  IdentityFact,
  InteractionOutcome,
  InteractionReason,
  OnBehalfRelation,
  RetiredIdentityFact,
} from '../policy';
import type { SyncErrorCode } from '../contract';
import type { RejectionCode } from '../sync-protocol';
import { DASHBOARD_TOP_CAUSES } from '../contract';
import { CONTACT_NOTED_MS, MAIL_FRESHNESS_MS } from '../policy';
import { textPreview } from '../text';
import { looksLikeCompanyRut } from '../rut';
import type { DataRequestChannel } from '../rules/data-requests';

export const errorMessages: Record<ErrorCode, string> = {
  invalid_input: 'Los datos enviados no son válidos. Revise lo ingresado e intente de nuevo.',
  not_found: 'No se encontró a la persona. Búsquela de nuevo por RUT.',
  unauthorized: 'Inicie sesión para continuar.',
  forbidden: 'Esta acción no está permitida para su perfil.',
  stale:
    'La ficha cambió desde que la abrió (otro agente o una sincronización). Se recargó: revise y repita la acción.',
  rule: 'La acción no corresponde al estado actual de la persona.',
  unknown_channel: 'Operación desconocida. Actualice la aplicación.',
  internal: 'Ocurrió un error inesperado. Intente de nuevo; si persiste, avise a soporte.',
};

/** The web door's own answers, outside any channel. */
export const doorMessages = {
  /** A tab opened without the door's key (the address without its `#token=…`). */
  noToken:
    'Esta pestaña no tiene la llave de la Mesa de Ayuda web: abra la dirección completa que mostró la consola al iniciarla (termina en «#token=…»).',
  wrongHost:
    'La Mesa de Ayuda web solo responde en la dirección que mostró la consola (127.0.0.1 o localhost y su puerto).',
  downloadGone: 'El enlace de descarga ya se usó o expiró: pida la descarga de nuevo.',
  badAddress: 'Dirección mal formada.',
};

export const notFoundMessages = {
  person: errorMessages.not_found,
  interaction: 'No se encontró la llamada (o es de otro agente).',
  sync_issue: 'Esa acción ya no está por revisar: otra persona la resolvió o se sincronizó.',
  company: 'No se encontró la empresa. Búsquela de nuevo por RUT o razón social.',
  // Privacy by default (issue 10): the same words whether or not the RUT exists.
  person_in_scope:
    'No hay una persona con ese RUT entre sus empresas asignadas. Si trabaja en una de ellas, pida a la mesa de ayuda que la revise.',
  company_in_scope:
    'No hay una empresa con ese RUT entre sus empresas asignadas. Si debería estarlo, pida a la mesa de ayuda que lo revise.',
  bulk_batch: 'No se encontró esa carga masiva en este equipo.',
  revocation_file:
    'No se encontró el archivo de acciones sin enviar de este equipo: puede haberse movido o borrado. Avise a su supervisor.',
} as const;

export const portalLabels: Record<Portal, string> = {
  achs_gestion: 'ACHS Gestión',
  portal_heroes: 'Portal Héroes',
  portal_empresas: 'Portal Empresas',
};

export const roleLabels = {
  worker: 'Trabajador',
  access_admin: 'Administrador de accesos',
  company_user: 'Usuario empresa',
} as const;

export const membershipStateLabels = {
  active: 'Activa',
  disabled: 'Inhabilitada',
  paused: 'Pausada',
  removed: 'De baja',
} as const;

/**
 * A membership as the screens show it (profileStanding): on Portal Empresas an active company
 * profile whose agreement is unsigned is not an active user yet (rule 12).
 */
export const profileStandingLabels = {
  ...membershipStateLabels,
  pending_signature: 'Pendiente de firma',
} as const;

export const registrationStateLabels = {
  not_registered: 'Sin registro',
  pending_activation: 'Pendiente de activación',
  active: 'Registrada',
} as const;

export const mailKindLabels = {
  password_creation: 'Creación de contraseña',
  password_reset: 'Restablecer contraseña',
  access_approval: 'Aprobación de acceso',
  agreement_signature: 'Firma de acuerdo',
  email_confirmation: 'Confirmación de correo',
} as const;

export const mailOutcomeLabels = {
  queued: 'En cola',
  sent: 'Enviado',
  delivered: 'Entregado',
  bounced: 'Rebotado',
  failed: 'Falló',
} as const;

export function badgeLabel(badge: Badge): string {
  switch (badge.code) {
    case 'active':
      return 'Activo';
    case 'temporarily_locked':
      return `Bloqueado temporalmente hasta ${formatTime(badge.until)} tras ${badge.attempts} intentos`;
    case 'registration_blocked':
      return 'Registro bloqueado';
    // No membership left active: disabled, paused or dismissed (the diagnosis says which).
    case 'disabled':
      return 'Sin acceso vigente';
    case 'no_email':
      return 'Sin correo';
    case 'pending_activation':
      return 'Pendiente de activación';
    case 'not_registered':
      return 'Sin registro';
    case 'company_not_adherent':
      return 'Empresa no adherida';
  }
}

/** What to tell a caller whose RUT is valid but unknown (rule 5); search and diagnosis share it. */
const NOT_IN_REPLICA_SAY =
  'Ese RUT no está registrado: su empresa debe incorporarle; contacte al encargado de prevención.';

/** A RUT typed in a filter or a form, when it is not one: the same words on every screen. */
export const rutFieldMessages = {
  invalid:
    'RUT inválido: escríbalo con su dígito verificador (12.345.678-5) o solo sus números (12345678).',
  // Either the numbers or the digit may be the typo: changing the digit alone may name someone
  // else, so both are to be checked.
  checkDigit: (typed: string, expected: string) =>
    `RUT inválido: con esos números el dígito verificador sería ${expected}, no ${typed}. Revise los números y el dígito.`,
  ambiguous: (typed: string, readings: string[]) =>
    `«${typed}» puede ser ${readings.join(' o ')}: escríbalo con guion y dígito verificador.`,
} as const;

/** A text box nearing its limit (LengthLeft). */
export const lengthMessages = {
  left: (left: number, max: number) =>
    left <= 0
      ? `Llegó al máximo de ${formatNumber(max)} caracteres: lo que siga no se agrega.`
      : `Quedan ${formatNumber(left)} caracteres.`,
};

/** What was typed, said back: a pasted page is cut, not echoed whole across the screen. */
const echo = (text: string) => textPreview(text.trim(), 1, 80) ?? text.trim();

export const searchMessages = {
  /** The same words as every RUT field's (`typed`: the check digit typed). */
  invalidCheckDigit: rutFieldMessages.checkDigit,
  capped: (cap: number) =>
    `Hay más de ${cap} coincidencias y se listan solo las primeras ${cap}. Agregue un nombre o el segundo apellido para acotar.`,
  companiesCapped: (shown: number) =>
    `Hay más empresas con ese nombre y se listan solo ${shown}. Agregue otra palabra del nombre o busque por su RUT.`,
  rutNotFound: (rut: string) =>
    looksLikeCompanyRut(rut)
      ? `El RUT ${rut} es de empresa, y no figura en el sistema: ni como empresa ni como persona. Revise el RUT con quien llama; si es correcto, esa empresa no está registrada en los portales de ACHS ni de Caja Los Héroes.`
      : `El RUT ${rut} no figura en ninguna empresa adherida. Dígale: ${NOT_IN_REPLICA_SAY}`,
  /**
   * A prevention officer: the same words whether or not the RUT exists elsewhere (a company's
   * RUT is told apart by its number alone).
   */
  rutOutsideScope: (rut: string) =>
    looksLikeCompanyRut(rut)
      ? `El RUT ${rut} es de empresa, y no es una de sus empresas asignadas: este equipo solo tiene las empresas que usted visita y su gente. Si debe visitarla, pida a su supervisor que se la asigne; si llaman por ella, indíqueles que llamen a la mesa de ayuda de su portal (la de ACHS es el 600 600 2247).`
      : `El RUT ${rut} no está entre las personas vigentes de sus empresas asignadas (una persona dada de baja en ellas ya no aparece en este equipo). Si trabaja en una de ellas, incorpórelo desde la ficha de la empresa («Agregar usuario»). Si no, no le diga que no está registrado: indíquele que llame a la mesa de ayuda de su portal (la de ACHS es el 600 600 2247) o que pida al encargado de prevención de la empresa donde trabaja que lo incorpore.`,
  /** `offline`: the load stopped with the connection, and resumes only when it comes back. */
  rutNotSyncedYet: (rut: string, offline = false) =>
    offline
      ? `El RUT ${rut} aún no aparece en este equipo: la carga de datos desde el sistema central se interrumpió al perderse la conexión y se retomará cuando vuelva. No le diga que no está registrado: anote su teléfono y búsquelo de nuevo entonces.`
      : `El RUT ${rut} aún no aparece en este equipo porque la carga de datos desde el sistema central no ha terminado. No le diga que no está registrado: vuelva a buscarlo en unos minutos.`,
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
  clearScope: 'Quitar el filtro de empresa',
  /** The status line under the results: loaded of total. */
  summary: (shown: number, total: number, companies: number) =>
    [
      shown === total ? countOf(total, 'persona') : `${shown} de ${countOf(total, 'persona')}`,
      companies > 0 ? countOf(companies, 'empresa') : null,
    ]
      .filter(Boolean)
      .join(' · '),
};

/** `1 persona`, `2.000 personas`: a count with its noun, in Chilean number format. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

export const deniedMessages: Record<Extract<Decision, { allowed: false }>['reason'], string> = {
  role: 'Su perfil no permite esta acción.',
  out_of_scope: 'Esta persona o empresa no está entre sus empresas asignadas.',
  not_access_admin:
    'Solo un supervisor, o quien ingresó siendo administrador de accesos de esa empresa, puede cambiar perfiles en este equipo: pídaselo a su supervisor.',
  // Rule 2: a registration invalidated for security.
  help_desk_only:
    'Solo la mesa de ayuda puede desbloquear un registro invalidado por seguridad: pida a la persona que llame a la mesa de ayuda de su portal (la de ACHS es el 600 600 2247).',
  // Ley 21.719 (issue 10).
  data_blocked: 'Bloqueada (Ley 21.719).',
  // Rule 6: access given back at a company no longer adherent opens nothing.
  company_not_adherent: 'La empresa ya no está adherida: no se le pueden dar accesos.',
};

/** Messages of the rules that refuse an action; params fill the blanks. */
export const ruleMessages: Record<string, (params: Record<string, string | number>) => string> = {
  sign_in_failed: () => 'Usuario o contraseña incorrectos.',
  screen_unlock_failed: (p) =>
    `Contraseña incorrecta. Le quedan ${p['left']} ${p['left'] === 1 ? 'intento' : 'intentos'}; después, la sesión se cierra y habrá que ingresar de nuevo.`,
  screen_unlock_exhausted: () =>
    'Demasiados intentos fallidos: la sesión se cerró. Ingrese de nuevo con su usuario.',
  screen_not_locked: () => 'La pantalla no está bloqueada.',
  // Device trust (issue 11).
  sign_in_rate_limited: (p) =>
    deviceTrustMessages.tryAgainIn(
      Number(p['minutes']),
      typeof p['at'] === 'string' ? p['at'] : undefined,
    ),
  device_revoked: () => deviceTrustMessages.revokedSignIn,
  reenrol_not_needed: () => deviceTrustMessages.reenrolNotNeeded,
  revocation_file_unreadable: () =>
    'El archivo de acciones sin enviar está dañado o no se abre con la clave de este equipo. No lo borre: avise a soporte.',
  central_admin_unconfigured: (p) => centralAdminTexts(p).needCentral,
  central_admin_offline: (p) => centralAdminTexts(p).offline,
  central_admin_unanswered: (p) => centralAdminTexts(p).unanswered,
  central_admin_no_session: (p) => centralAdminTexts(p).needSession,
  central_admin_upgrade: () =>
    'Esta versión de la aplicación ya no puede hablar con el sistema central: actualícela.',
  central_admin_reenrol: () =>
    'Este equipo debe inscribirse de nuevo antes de hablar con el sistema central: vea Sincronización.',
  central_admin_refused: () =>
    'El sistema central no aceptó la solicitud. Intente de nuevo; si se repite, avise a soporte.',
  admin_reason_required: (p) =>
    `Indique el motivo (al menos ${p['min']} caracteres): queda en la auditoría.`,
  device_already_revoked: (p) =>
    `Ese equipo ya estaba revocado (el ${p['at']}${p['by'] ? ` por ${p['by']}` : ''}). Actualice la lista.`,
  device_not_found: () => deviceListMessages.notFound,
  device_is_this_one: () => deviceListMessages.thisOneRefused,
  officer_not_found: () => officerMessages.notFound,
  officer_company_unknown: () => officerMessages.companyUnknown,
  offline_sign_in_unavailable: () =>
    // 3 days: OFFLINE_WINDOW_MS (services/central-sign-in.ts).
    'El sistema central no responde, y este usuario no ha ingresado con conexión en este equipo en los últimos 3 días: sin él no se puede comprobar su contraseña. Intente de nuevo en unos minutos; si sigue así, revise la conexión a internet o avise a soporte.',
  invalid_central_url: () =>
    'La dirección del sistema central debe ser https (por ejemplo https://central.ejemplo.cl); http solo para este mismo equipo.',
  not_locked: () => 'La cuenta ya no está bloqueada: no hay nada que desbloquear.',
  not_registration_blocked: () => 'El registro no está bloqueado.',
  no_email: () => 'La persona no tiene correo registrado: agréguelo antes de enviar correos.',
  cooldown: (p) =>
    `Ese correo se envió hace poco. Para no saturar a la persona, espere ${p['minutes']} min antes de reenviarlo.`,
  mail_not_applicable: () => 'Ese tipo de correo no corresponde al estado de la cuenta.',
  email_change_held: (p) =>
    `El correo de esta persona lo cambió ${p['agent'] || 'otro agente'} en este equipo y ese cambio aún no llega al sistema central, que tiene la dirección anterior: un reenvío ahora sería rechazado allá. Reenvíelo cuando ese cambio se sincronice: cuando ${p['agent'] || 'ese agente'} vuelva a ingresar en este equipo, o cuando un supervisor reasigne sus acciones en Sincronización.`,
  identity_required: (p) =>
    `Verifique la identidad de la persona: marque al menos ${p['required']} datos que coincidieron.`,
  reason_required: () => 'Indique el motivo del cambio.',
  invalid_email: () => 'Escriba un correo válido, por ejemplo nombre@dominio.cl.',
  invalid_phone: () => 'Escriba un celular válido, por ejemplo +56 9 1234 5678.',
  identity_fact_unavailable: (p) =>
    `No se puede verificar «${identityFactLabels[p['fact'] as IdentityFact] ?? p['fact']}»: el sistema no tiene ese dato de esta persona. Verifique con los datos que muestra el diálogo.`,
  identity_fact_changed: (p) =>
    `«${identityFactLabels[p['fact'] as IdentityFact] ?? p['fact']}» cambió hace poco: no sirve para verificar la identidad hasta el ${formatDateTime(String(p['until']))}. Desmárquelo y verifique con otros datos del diálogo.`,
  no_change: () => 'No hay cambios que guardar.',
  no_account: () => 'La persona no tiene cuenta en ese portal.',
  no_membership: () => 'La persona no pertenece a esa empresa.',
  company_caller_required: (p) =>
    `${p['change'] === 'dismiss' ? 'Eliminar el acceso de un usuario de Portal Empresas' : 'Pausar, reanudar o habilitar de nuevo un acceso'} lo decide la empresa: hágalo desde la ficha de la empresa, con la llamada de su representante legal o de un administrador de accesos.`,
  invalid_transition: (p) =>
    `No se puede pasar de «${membershipStateLabels[p['from'] as keyof typeof membershipStateLabels] ?? p['from']}» a «${membershipStateLabels[p['to'] as keyof typeof membershipStateLabels] ?? p['to']}».`,
  company_not_adherent: () =>
    'La empresa ya no está adherida: ninguno de sus usuarios puede acceder, y no se le pueden dar accesos.',
  requester_not_signatory: () =>
    'El solicitante no es representante legal ni figura en el registro de firmantes (TRF) de la empresa: la solicitud solo puede rechazarse.',
  request_decided: () => 'Esa solicitud ya fue resuelta: recargue la empresa para ver su estado.',
  request_pending: () =>
    'Esa persona ya tiene una solicitud pendiente para esta empresa: resuélvala en lugar de registrar otra.',
  caller_not_authorized: () =>
    'Quien lo pide no es representante legal ni administrador de accesos de esta empresa: solo ellos pueden pedir agregar usuarios o cambiar su acceso o sus módulos.',
  admin_not_by_profile_change: () =>
    'Un administrador de accesos no se nombra cambiando el perfil. En ACHS lo nombra el representante legal: «Agregar usuario» en la página de la empresa, con el representante en la línea. En Portal Empresas lo solicita el representante legal o un firmante del registro (TRF) con «Registrar solicitud», y debe firmar el Acuerdo de Acceso Remoto.',
  admin_needs_representative: () =>
    'En ACHS, un administrador de accesos nuevo lo nombra el representante legal de la empresa: pídale a quien llama que lo solicite el representante legal. Quien llama sí puede pedir usuarios empresa.',
  caller_cannot_ask: (p) =>
    p['reason'] === 'agreement_unsigned'
      ? 'Quien lo pide no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).'
      : p['reason'] === 'no_company_profile'
        ? 'Quien lo pide no puede pedirlo aún: no tiene perfil empresa en Portal Empresas (primero se aprueba su solicitud de acceso y firma el Acuerdo de Acceso Remoto).'
        : 'Quien lo pide no puede pedirlo: su perfil de administrador de accesos no está activo.',
  caller_identity_required: (p) =>
    `Verifique la identidad de quien lo pide (el representante): marque al menos ${p['required']} datos suyos que coincidieron.`,
  new_person_required: () =>
    'Esa persona no figura en este equipo: indique sus nombres, primer apellido y correo para agregarla.',
  already_user: () =>
    'Esa persona ya tiene un perfil de empresa aquí (firmado o esperando la firma del acuerdo): no se crea otro.',
  person_other_name: () =>
    'Ese RUT ya está registrado con otro nombre: no se agregó a nadie. Confirme el RUT y el nombre con el representante de la empresa.',
  module_not_offered: () =>
    'Esa empresa no ofrece ese módulo en su portal: elija entre los módulos que muestra el diálogo.',
  caller_grants_self: () =>
    'Un administrador de accesos no se da acceso a sí mismo: quien lo pide es la misma persona a quien se le daría. Debe pedirlo el representante legal u otro administrador de accesos de la empresa (sí puede pedir que se le quite su propio acceso o un módulo).',
  change_not_on_portal: () =>
    'El portal de esta empresa no tiene ese cambio de acceso: en ACHS Gestión un usuario se inhabilita o se habilita; en Portal Empresas se pausa, se reanuda o se elimina. Use los botones de la ficha de la empresa.',
  company_not_on_empresas: () =>
    'Esta empresa no usa Portal Empresas: no recibe solicitudes de acceso a ese portal.',
  // Acting on a selection (issue 8, item 2).
  selection_reason_required: (p) =>
    `Escriba quién lo pidió y cómo (al menos ${p['min']} caracteres; por ejemplo «Solicitud de la empresa por correo del 01-12-2026, ticket 4411»): no hay nadie al teléfono a quien verificar, el motivo queda como respaldo en la auditoría.`,
  selection_company_required: () =>
    'Inhabilitar y habilitar cambian el acceso en una empresa: filtre la búsqueda por una empresa o use la lista de personas de la empresa.',
  selection_busy: () =>
    'Ya hay una acción sobre una selección en curso: espere a que termine o cancélela.',
  selection_gone: () =>
    'Esa selección ya no está disponible (la aplicación se reinició o pasó a otra). Seleccione de nuevo.',
  selection_not_undoable: () =>
    'Esa acción ya se deshizo, no cambió a nadie o no se puede deshacer (solo inhabilitar y habilitar).',
  interaction_open: () => 'Ya tiene una llamada en curso: ciérrela antes de abrir otra.',
  interaction_notes_required: (p) =>
    `Una llamada que se cierra como «${p['outcome']}» deja anotado qué queda pendiente y con quién (al menos 3 caracteres en las notas).`,
  interaction_closed: (p) =>
    p['change'] === 'reason'
      ? 'Esa llamada ya está cerrada: su motivo ya no se puede cambiar.'
      : 'Esa llamada ya está cerrada.',
  interaction_has_actions: () =>
    'La llamada ya tiene acciones registradas: no puede pasar a otra persona. Ciérrela y abra otra para quien llama.',
  data_request_representative: () =>
    'Llama otra persona en nombre del titular: los datos del registro que ella responda no acreditan la representación. Registre la solicitud con un documento firmado (el poder y la identidad del titular), o con la ClaveÚnica o la cédula del titular.',
  on_behalf_personal: (p) =>
    `El acceso es personal: con ${p['name']} llamando en nombre de la persona solo se puede desbloquear, reenviar correos a su dirección registrada o registrar una solicitud Ley 21.719; este cambio, no.`,
  // Ley 21.719 requests (issue 10).
  person_blocked: (p) =>
    `La persona tiene un bloqueo temporal vigente por la solicitud ${p['number']} (Ley 21.719): no se puede modificar hasta que se desbloquee. Solo se permiten las acciones de sus solicitudes Ley 21.719 abiertas (por ejemplo, la corrección de una rectificación, hecha desde esa solicitud).`,
  person_already_blocked: (p) =>
    `La persona ya está bloqueada por la solicitud ${p['number']}: no se registra un segundo bloqueo. Revise esa solicitud.`,
  data_request_identity_required: () =>
    'Indique cómo se verificó la identidad del titular (datos del registro, cédula, ClaveÚnica o documento firmado): sin verificación de identidad la solicitud no se registra.',
  data_request_identity_channel: () =>
    'Ese método no sirve por ese canal: la cédula se exhibe en persona, y los datos del registro se comparan preguntando (por teléfono o en persona). Por correo o portal, use un documento firmado o la ClaveÚnica.',
  data_request_detail_required: () =>
    'Escriba qué pide exactamente el titular (al menos unas palabras): es lo que se debe responder.',
  data_request_not_linkable: (p) =>
    `La solicitud ${p['number']} no es una solicitud de rectificación abierta de esta persona: el cambio no se puede vincular a ella.`,
  data_request_not_found: (p) => `No se encontró la solicitud ${p['number']}.`,
  data_request_not_blocking: (p) =>
    `La solicitud ${p['number']} no tiene un bloqueo vigente: no hay nada que desbloquear.`,
  data_request_move_refused: (p) =>
    p['why'] === 'already_extended'
      ? 'El plazo ya se prorrogó una vez: la ley permite una sola prórroga.'
      : p['why'] === 'no_extension_for_blocking'
        ? 'Una solicitud de bloqueo temporal se responde en 2 días hábiles y no admite prórroga.'
        : `Ese cambio no es posible desde el estado «${dataRequestLabels.states[p['state'] as keyof typeof dataRequestLabels.states] ?? p['state']}».`,
  data_request_export_right: () =>
    'Solo las solicitudes de acceso o de portabilidad generan una exportación de los datos.',
  data_request_file_missing: () =>
    'El archivo de esa exportación ya no está en la carpeta de datos de este equipo: exporte de nuevo.',
  data_request_file_unreadable: () =>
    'El archivo de esa exportación está dañado o no se abre con la clave de este equipo: exporte de nuevo.',
  data_request_delete_failed: () =>
    'No se pudieron eliminar los archivos de la exportación (¿otro programa los tiene abiertos, o falta permiso en la carpeta?). No se eliminó nada; intente de nuevo.',
  data_request_copy_in_data_folder: () =>
    'La copia no puede quedar en la carpeta de datos de Mesa de Ayuda: elija otra carpeta, por ejemplo Descargas.',
  data_request_copy_failed: () =>
    'No se pudo guardar la copia donde eligió (¿disco lleno o sin permiso?). No quedó ninguna copia a medias; elija otra carpeta.',
  data_request_export_failed: () =>
    'No se pudo escribir la exportación en la carpeta de datos (¿disco lleno o sin permiso?). No quedó ningún archivo a medias; intente de nuevo.',
  // Bulk loads (issue 8): the words live in bulkMessages below.
  bulk_file: (p) => bulkMessages.fileError(String(p['problem']), p),
  bulk_preview_gone: () => bulkMessages.previewGone,
  bulk_busy: (p) => bulkMessages.busy(String(p['agent']), String(p['since'])),
  bulk_nothing_to_apply: () => bulkMessages.nothingToApply,
  bulk_not_undoable: (p) => bulkMessages.notUndoable(String(p['why'])),
  bulk_not_interrupted: () => bulkMessages.notInterrupted,
  bulk_company_unknown: () => bulkMessages.companyUnknown,
};

/** The action dialogs: identity check, contact fields, dismissal confirmation. */
export const dialogMessages = {
  identityLegend: (required: number) =>
    `Verificación de identidad: pregunte a la persona y marque los datos que coincidieron (al menos ${required})`,
  identityOptional: 'Solo se exige si cambia el correo.',
  identityTooFew: (required: number) =>
    `El sistema no tiene ${required} datos de esta persona para verificar su identidad: esta acción no puede hacerse desde la Mesa de Ayuda.`,
  /** What the agent asks for each fact; the masked value follows. */
  factPrompts: {
    serial_number: 'Últimos 3 caracteres del N° de serie de la cédula',
    registered_phone: 'Últimos 4 dígitos del celular registrado',
    registered_email: 'Correo registrado (que lo diga completo; compárelo con el de la ficha)',
    employer: 'Empresa empleadora (que la nombre)',
  } satisfies Record<IdentityFact, string>,
  /**
   * A company's caller: no record of theirs is on screen, so the e-mail is compared with the
   * letters the masked address shows.
   */
  emailPromptWithoutRecord:
    'Correo registrado (que lo diga completo; compárelo con las letras que se muestran)',
  compareWith: 'Compare con:',
  /** Why the mobile is not among the facts (policy PHONE_PROOF_AFTER_CHANGE_MS). */
  phoneNoProof: (until: string) =>
    `El celular registrado cambió hace menos de 24 horas: no sirve para verificar la identidad hasta el ${formatDateTime(until)}.`,
  emailLabel: 'Correo',
  phoneLabel: 'Celular',
  phonePlaceholder: '+56 9 1234 5678',
  invalidEmail: 'Escriba un correo válido, por ejemplo nombre@dominio.cl.',
  invalidPhone: 'Escriba un celular válido, por ejemplo +56 9 1234 5678.',
  roleLabel: 'Perfil',
  /** Under the profile list: why «Administrador de accesos» is not among its choices (rules 9, 12). */
  roleAdminHint:
    'Un administrador de accesos no se nombra aquí: en ACHS lo nombra el representante legal («Agregar usuario» en la página de la empresa); en Portal Empresas lo solicita el representante legal o un firmante del registro («Registrar solicitud»).',
  reasonLabel: 'Motivo',
  cancel: 'Cancelar',
  saving: 'Guardando…',
  missing: (parts: string[]) => `Falta: ${parts.join(' y ')}.`,
  missingReason: 'un motivo de al menos 3 caracteres',
  /** How many identity facts are still to be checked (the required ones less those ticked). */
  missingFacts: (left: number) =>
    left === 1 ? '1 dato de identidad' : `${left} datos de identidad`,
  missingDismissal: 'confirmar la baja',
  invalidFields: 'Corrija los datos marcados.',
  dismissalConfirm: (person: string, company: string) =>
    `Confirmo la baja de ${person} en ${company}`,
  failed: 'No se pudo completar la acción. Intente de nuevo.',
};

/** Each action dialog's own words: title, what it does, its button and what it says when done. */
export const actionDialogTexts = {
  unlock: {
    title: (portal: string) => `Desbloquear acceso a ${portal}`,
    description:
      'Quita el bloqueo temporal por intentos fallidos. En cuanto el portal lo reciba (en segundos, con conexión), la persona podrá ingresar con su contraseña.',
    confirm: 'Desbloquear',
    done: 'Cuenta desbloqueada.',
  },
  clearBlock: {
    title: (portal: string) => `Desbloquear el registro en ${portal}`,
    description:
      'El registro se invalidó por un N° de serie incorrecto. Tras desbloquearlo, la persona debe registrarse de nuevo con el N° de serie correcto.',
    confirm: 'Desbloquear registro',
    done: 'Registro desbloqueado.',
  },
  /** A mail never sent before is sent, not resent: «Enviar», not «Reenviar». */
  send: {
    title: (kind: string) => `Enviar «${kind}»`,
    confirm: 'Enviar',
  },
  sendKind: (kind: string) => `Enviar: ${kind}`,
  resend: {
    title: (kind: string) => `Reenviar «${kind}»`,
    description: (to: string | null, portal: string, lastSentAt: string | null) =>
      `Se enviará a ${to ?? '(sin correo)'} desde ${portal}. ${
        lastSentAt ? `Último envío: ${formatDateTime(lastSentAt)}.` : 'No se ha enviado antes.'
      }`,
    confirm: 'Reenviar',
    done: 'Correo pedido: sale en cuanto el sistema central reciba la acción.',
  },
  editContact: {
    title: 'Editar datos de contacto',
    description:
      'Un correo nuevo exige verificar la identidad; la persona deberá confirmarlo desde el enlace que recibirá.',
    confirm: 'Guardar',
    done: 'Datos de contacto actualizados.',
    /** A shared desk: what the dialog shows includes another agent's change still here. */
    othersPending: (name: string) =>
      `Lo que se muestra incluye un cambio de ${name} que aún no llega al sistema central: el suyo queda sobre ese, llegue antes o después.`,
  },
  /** `Pausar acceso — Constructora Los Andes SpA`. */
  inCompany: (title: string, company: string) => `${title} — ${company}`,
  membership: {
    disable: {
      title: 'Inhabilitar acceso',
      confirm: 'Inhabilitar',
      done: 'Acceso inhabilitado.',
      description: 'La persona no podrá ingresar a esta empresa hasta que se habilite de nuevo.',
    },
    enable: {
      title: 'Habilitar acceso',
      confirm: 'Habilitar',
      done: 'Acceso habilitado.',
      description: 'Devuelve el acceso a esta empresa: verifique la identidad de la persona.',
    },
    pause: {
      title: 'Pausar acceso',
      confirm: 'Pausar',
      done: 'Acceso pausado.',
      description: 'Suspende el acceso a esta empresa hasta que se reanude.',
    },
    resume: {
      title: 'Reanudar acceso',
      confirm: 'Reanudar',
      done: 'Acceso reanudado.',
      description:
        'Devuelve el acceso pausado a esta empresa: verifique la identidad de la persona.',
    },
    dismiss: {
      title: 'Registrar baja (desvinculación)',
      confirm: 'Registrar baja',
      done: 'Baja registrada.',
      description:
        'Termina el vínculo con esta empresa. Si no le queda otra empresa activa, la persona queda inactiva.',
    },
  },
  role: { title: 'Cambiar perfil', confirm: 'Cambiar perfil', done: 'Perfil actualizado.' },
  /** The button of each diagnosis fix. */
  fixLabels: {
    unlock: 'Desbloquear',
    clear_registration_block: 'Desbloquear registro',
    resend_mail: 'Reenviar correo',
    edit_contact: 'Corregir correo',
    enable_membership: 'Habilitar desde la empresa',
    resume_membership: 'Reanudar desde la empresa',
  },
  /** The contact fix for a person with no e-mail at all: there is nothing to correct. */
  addEmail: 'Registrar correo',
  /** A request's cause: no fix of its own, but the company's page where it is decided. */
  seeCompanyRequests: 'Ver solicitudes de la empresa',
  /** A resend names the mail it sends. */
  resendKind: (kind: string) => `Reenviar: ${kind}`,
  /** Nothing in the way: a reset link, should the password still fail. */
  sendReset: 'Enviar enlace para restablecer contraseña',
} as const;

// Said after any toast («Datos de contacto actualizados…», «Usuario inhabilitado…»): its own
// subject, so it agrees with every one of them.
const heldLater =
  'El cambio llegará al portal cuando este equipo se sincronice; hasta entonces la persona no lo verá.';

/**
 * An action taken while this desk cannot sync (see renderer actions-held.ts): the desk shows the
 * change at once, but the portal does not have it yet, so nothing may say it is done there.
 */
export const heldMessages = {
  /** In every action dialog; `state` is how the header names the sync's state. */
  dialogNote: (state: string) =>
    `${state}: esta acción quedará guardada en este equipo y llegará al portal cuando este equipo se sincronice. Dígaselo a la persona.`,
  /** A mail's action that reaches the central API late is applied without its mail (policy.ts). */
  mailFreshness: `El correo sale solo si la acción llega al sistema central dentro de ${MAIL_FRESHNESS_MS / 3_600_000} horas: si tarda más, no se envía (un enlace tan tardío confundiría a la persona) y habrá que pedirlo de nuevo.`,
  /** A mail asked while the desk cannot sync: the toast says what the dialog said. */
  mailDone: `Correo pedido en este equipo: sale cuando el sistema central reciba la acción, si la recibe dentro de ${MAIL_FRESHNESS_MS / 3_600_000} horas; si tarda más no se envía y habrá que pedirlo de nuevo.`,
  /** The toast: «Cuenta desbloqueada.» becomes «Cuenta desbloqueada en este equipo. …». */
  done: (done: string) => `${done.replace(/\.$/, '')} en este equipo. ${heldLater}`,
  /** After a toast that already says what waits («… queda en cola …»): when it goes. */
  after: (done: string) => `${done} ${heldLater}`,
  /** Above the diagnosis of a person with actions still on this desk. */
  diagnosisTitle: 'Lo que muestra esta ficha aún no llega al portal',
  // No promise of entry: another cause (a password still to create) may remain after it.
  diagnosisSay:
    'Su solicitud quedó registrada y se aplicará en cuanto este equipo se conecte con el sistema central; hasta entonces el portal no la ve.',
  /** Another agent's actions on this desk wait for them, online or not (a shared desk). */
  diagnosisSayOthers:
    'Su solicitud quedó registrada y se aplicará en el portal en cuanto se envíe; hasta entonces el portal no la ve.',
  othersNote: (names: string[], supervisor: boolean) =>
    `Son acciones de ${names.join(' y ')} en este equipo: salen cuando ${names.length === 1 ? 'ingrese' : 'ingresen'} de nuevo. ${
      supervisor
        ? 'Si no puede esperar, reasígneselas en Sincronización y salen con su sesión.'
        : 'Si no puede esperar, pida a un supervisor que las reasigne (Sincronización).'
    }`,
  /**
   * The person's actions waiting on this desk; another agent's (a shared desk) named with whose
   * it is, since it leaves only when they sign in again (or a supervisor takes it over).
   */
  /** The person's actions the central did not apply, until settled (PersonRecord.unsettled). */
  unsettled: (
    actions: Array<{ label: string; state: 'conflict' | 'rejected'; otherAgent: string | null }>,
    /** None of them is the reader's to settle: another agent's, and the reader no supervisor. */
    othersOnly = false,
  ) =>
    `${actions.length === 1 ? '1 acción sobre esta persona no se aplicó' : `${actions.length} acciones sobre esta persona no se aplicaron`} en el sistema central: ${actions
      .map(
        ({ label, state, otherAgent }) =>
          `${label} (${state === 'conflict' ? 'en conflicto' : 'rechazada'}${otherAgent ? `, de ${otherAgent}` : ''})`,
      )
      .join(', ')}. Lo que muestra la ficha es lo que tiene el sistema central; ${
      othersOnly
        ? 'la revisa en Sincronización quien la hizo, o un supervisor: no le diga a la persona que quedó hecho.'
        : 'revísela en Sincronización antes de decirle a la persona que quedó hecho.'
    }`,
  unsettledGo: 'Ir a Sincronización',
  pending: (actions: Array<{ label: string; otherAgent: string | null }>) =>
    `${actions.length === 1 ? '1 acción pendiente' : `${actions.length} acciones pendientes`} de sincronizar con el sistema central: ${actions
      .map(({ label, otherAgent }) =>
        otherAgent === null
          ? label
          : `${label} (de ${otherAgent}: sale cuando ingrese en este equipo)`,
      )
      .join(', ')}.`,
};

/** Why an action button is disabled, shown next to it (besides the permission refusals). */
export const disabledReasons = {
  noEmail: 'Sin correo registrado: agréguelo primero.',
  cooldownUntil: (time: string) => `Se envió hace poco: podrá reenviarse a las ${time}.`,
  /** The last one is still on this desk, waiting for the central API to send it. */
  cooldownQueuedUntil: (time: string) =>
    `Se pidió hace poco y aún no sale: sale en cuanto el sistema central reciba la acción. Podrá pedirse otra vez a las ${time}.`,
};

/** Facts as the audit names them; a retired fact still reads well in old audit rows. */
export const identityFactLabels: Record<IdentityFact | RetiredIdentityFact, string> = {
  serial_number: 'N° de serie de la cédula',
  registered_phone: 'Celular registrado',
  registered_email: 'Correo registrado',
  employer: 'Empresa empleadora',
  birth_date: 'Fecha de nacimiento (dato ya no usado)',
};

export const interactionReasonLabels: Record<InteractionReason, string> = {
  forgot_password: 'Olvidó contraseña',
  locked_attempts: 'Bloqueo por intentos',
  first_registration: 'Registro primera vez',
  mail_not_arriving: 'Correo no llega',
  rut_not_registered: 'RUT no registrado',
  company_not_adherent: 'Empresa no adherida',
  dismissed: 'Desvinculado',
  email_change: 'Cambio de correo',
  company_access: 'Acceso empresa',
  agreement_pending: 'Firma de acuerdo pendiente',
  profiles_permissions: 'Perfiles y permisos',
  other: 'Otro',
};

/** How someone calling in the person's name is related to them. */
export const onBehalfRelationLabels: Record<OnBehalfRelation, string> = {
  family: 'Familiar',
  carer: 'Persona cuidadora o apoderada',
  coworker: 'Colega de trabajo',
  other: 'Otra persona',
};

/** «Juana González (Familiar)». */
export const onBehalfText = (onBehalf: { name: string; relation: OnBehalfRelation }) =>
  `${onBehalf.name} (${onBehalfRelationLabels[onBehalf.relation] ?? onBehalf.relation})`;

export const interactionOutcomeLabels: Record<InteractionOutcome, string> = {
  resolved: 'Resuelto',
  escalated: 'Derivado',
  unresolved: 'No resuelto',
  // «Volver a llamar» fitted calls only: a visit is followed up too.
  callback: 'Volver a contactar',
};

/** The call bar and the Llamadas screen. `who` is a name with its RUT, or a RUT alone. */
export const callMessages = {
  region: 'Llamada',
  reason: 'Motivo',
  reasonPlaceholder: 'Elija el motivo',
  reasonRequired: 'Elija el motivo de la llamada antes de abrirla.',
  open: (who: string | null) => (who ? `Abrir llamada de ${who}` : 'Abrir llamada'),
  opened: 'Llamada abierta: las acciones quedarán asociadas a ella.',
  inProgress: 'Llamada en curso',
  actions: (count: number) => (count === 1 ? '1 acción' : `${count} acciones`),
  reasonChanged: (label: string) => `Motivo de la llamada cambiado a «${label}».`,
  close: 'Cerrar llamada',
  outcome: 'Resultado',
  outcomePlaceholder: 'Elija el resultado',
  outcomeRequired: 'Elija el resultado de la llamada antes de cerrarla.',
  notes: 'Notas de la llamada',
  notesHint: 'Qué pidió, qué se hizo y qué queda pendiente.',
  missingPendingNotes:
    'Falta: en las notas, qué queda pendiente y con quién (al menos 3 caracteres).',
  saveAndClose: 'Guardar y cerrar',
  back: 'Seguir en la llamada',
  closed: 'Llamada cerrada y registrada.',
  failed: 'No se pudo registrar la llamada.',
  nudge: (who: string) =>
    `La acción quedó registrada sin llamada. ¿Abrir una llamada para ${who}? Las acciones que siga haciendo quedarán en ella. F2 lleva a esta barra.`,
  nudgeOpen: 'Abrir llamada',
  nudgeDismiss: 'Descartar',
  /** Opened for the wrong person, nothing done yet: the one on screen takes it. */
  moveTo: (who: string) => `Pasar la llamada a ${who}`,
  movedTo: (who: string) => `La llamada quedó a nombre de ${who}.`,
  /** Someone calling in the person's name (seed 000: «el acceso es personal»). */
  onBehalf: {
    mark: 'Llama otra persona…',
    legend: 'Llama otra persona en nombre de quien consulta',
    name: 'Nombre de quien llama',
    relation: 'Relación con la persona',
    relationPlaceholder: 'Elija la relación',
    save: 'Guardar',
    cancel: 'Cancelar',
    missingName: 'el nombre de quien llama (al menos 2 letras)',
    missingRelation: 'la relación con la persona',
    /** In the bar: «Llama Juana González (Familiar) en su nombre». */
    shown: (who: string) => `Llama ${who} en su nombre`,
    /**
     * In the lists of calls: who calls in the person's name, and who did earlier in the call
     * («llamó Juana González (Familiar) en su nombre»; «antes llamó … en su nombre»).
     */
    listed: (call: {
      onBehalf: { name: string; relation: OnBehalfRelation } | null;
      earlierOnBehalf: ReadonlyArray<{ name: string; relation: OnBehalfRelation }>;
    }): string => {
      const parts = [
        ...(call.onBehalf ? [`llamó ${onBehalfText(call.onBehalf)} en su nombre`] : []),
        ...(call.earlierOnBehalf.length > 0
          ? [`antes llamó ${call.earlierOnBehalf.map(onBehalfText).join(' y ')} en su nombre`]
          : []),
      ];
      // '' when the person called all along.
      return parts.join(' · ');
    },
    person: 'Llama la persona',
    /** The audit's value when the person called. */
    itself: 'La propia persona',
    saved: (who: string) =>
      `Anotado: llama ${who}. El acceso es personal: puede desbloquear, reenviar correos a la dirección registrada o registrar una solicitud Ley 21.719; los demás cambios, no.`,
    cleared: 'Anotado: llama la propia persona.',
    /** Above an action dialog the caller cannot ask for. */
    refused: (who: string) =>
      `El acceso es personal: llama ${who}, no la persona. Con otra persona al teléfono solo se puede desbloquear, reenviar correos a la dirección registrada o registrar una solicitud Ley 21.719; este cambio, no.`,
    refusedMissing: 'que llame la propia persona',
  },
  listTitle: 'Llamadas',
  listRut: 'RUT de la persona',
  listSearch: 'Buscar',
  listFailed: 'No se pudieron cargar las llamadas.',
  listEmpty: 'No hay llamadas registradas.',
  listCaption: (all: boolean) =>
    all
      ? 'Llamadas de todos los agentes, las más recientes primero. Elija una persona para abrir su ficha.'
      : 'Sus llamadas, las más recientes primero. Elija una persona para abrir su ficha.',
  columns: {
    openedAt: 'Inicio',
    agent: 'Agente',
    person: 'Persona',
    reason: 'Motivo',
    actions: 'Acciones',
    outcome: 'Resultado',
    notes: 'Notas',
  },
  inProgressShort: 'En curso',
  /** An action on another person than the open call's: where it was recorded. */
  attachedElsewhere: (who: string) => `La acción quedó registrada en la llamada con ${who}.`,
  /** …and said in its dialog before it is confirmed, with the way out. */
  joinsElsewhere: (who: string) =>
    `Esta acción quedará registrada en la llamada abierta con ${who}. Si ahora atiende a otra persona, cancele y cierre antes esa llamada (F2 lleva a su barra).`,
  /** The first action in a call opened with nobody named: the call is now theirs. */
  callerTaken: (who: string) => `La llamada quedó a nombre de ${who}.`,
  /** Signing out with one open: it stays open until the agent is back. */
  signOutTitle: '¿Salir con la llamada abierta?',
  signOutOpen: (who: string | null) =>
    `La llamada${who ? ` con ${who}` : ''} sigue abierta: quedará así hasta que vuelva a ingresar en este equipo. Si ya terminó, ciérrela antes de salir.`,
  /** The person's record: their latest calls on this desk. */
  recentTitle: 'Llamadas recientes',
  recentEmpty: 'No hay llamadas registradas para esta persona.',
  /** A long note in the list shows its start; these show or fold the rest. */
  notesMore: 'Ver nota completa',
  notesLess: 'Ver menos',
  unknownAgent: 'Agente desconocido',
} as const;

/** A catalogue with its words widened to `string`, so another wording can share its shape. */
type Wording<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Wording<T[K]> };

export type InteractionWords = Wording<typeof callMessages>;

/**
 * A prevention officer's interactions are visits (DOMAIN: «one call or visit»): the same bar
 * and list, in his words.
 */
export const visitMessages: InteractionWords = {
  ...callMessages,
  region: 'Visita',
  reasonRequired: 'Elija el motivo de la visita antes de abrirla.',
  open: (who: string | null) => (who ? `Abrir visita con ${who}` : 'Abrir visita'),
  opened: 'Visita abierta: las acciones quedarán asociadas a ella.',
  inProgress: 'Visita en curso',
  reasonChanged: (label: string) => `Motivo de la visita cambiado a «${label}».`,
  close: 'Cerrar visita',
  outcomeRequired: 'Elija el resultado de la visita antes de cerrarla.',
  notes: 'Notas de la visita',
  back: 'Seguir en la visita',
  closed: 'Visita cerrada y registrada.',
  failed: 'No se pudo registrar la visita.',
  nudge: (who: string) =>
    `La acción quedó registrada sin visita. ¿Abrir una visita con ${who}? Las acciones que siga haciendo quedarán en ella. F2 lleva a esta barra.`,
  nudgeOpen: 'Abrir visita',
  moveTo: (who: string) => `Pasar la visita a ${who}`,
  movedTo: (who: string) => `La visita quedó a nombre de ${who}.`,
  listTitle: 'Visitas',
  listFailed: 'No se pudieron cargar las visitas.',
  listEmpty: 'No hay visitas registradas.',
  attachedElsewhere: (who: string) => `La acción quedó registrada en la visita con ${who}.`,
  // A visit may rightly cover several people of a company: no way out to offer.
  joinsElsewhere: (who: string) =>
    `Esta acción quedará registrada en la visita abierta con ${who}.`,
  callerTaken: (who: string) => `La visita quedó a nombre de ${who}.`,
  signOutTitle: '¿Salir con la visita abierta?',
  signOutOpen: (who: string | null) =>
    `La visita${who ? ` con ${who}` : ''} sigue abierta: quedará así hasta que vuelva a ingresar en este equipo. Si ya terminó, ciérrela antes de salir.`,
  recentTitle: 'Visitas recientes',
  recentEmpty: 'No hay visitas registradas para esta persona.',
  listCaption: () =>
    'Sus visitas, las más recientes primero. Elija una persona para abrir su ficha.',
};

/** Who the audit names for what the desk did by itself (shared/rules/export-retention.ts). */
export const systemAgentName = 'Sistema (automático)';

export const actionLabels: Record<string, string> = {
  'person.view': 'Vio la ficha',
  'person.update_contact': 'Cambió datos de contacto',
  'account.unlock': 'Desbloqueó la cuenta',
  'account.clear_registration_block': 'Desbloqueó el registro',
  'mail.resend': 'Reenvió un correo',
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
  'interaction.set_caller': 'Cambió quién llama',
  'sync.resolve': 'Resolvió un conflicto de sincronización',
  'session.lock': 'Bloqueó la pantalla',
  'session.unlock': 'Desbloqueó la pantalla',
  'session.end': 'Su sesión bloqueada se cerró',
  // Issue 11: a supervisor took over another agent's pending actions.
  'sync.reassign': 'Reasignó a su nombre las acciones en espera de otro agente',
  'device.revoke': 'Revocó un equipo',
  'central.configure': 'Cambió la dirección del sistema central',
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
  'membership.set_modules': 'Cambió los módulos de un usuario de empresa',
};

/** The Auditoría screen and its CSV: an event's recorded fields, and the screen's own texts. */
export const auditDetailLabels: Record<string, string> = {
  centralUrl: 'Dirección del sistema central',
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
  // An officer's visit has one too (interactions are calls or visits).
  reason: 'Motivo de la llamada o visita',
  outcome: 'Resultado',
  notes: 'Notas',
  choice: 'Decisión',
  code: 'Código',
  message: 'Motivo del rechazo',
  conflicts: 'Diferencias',
  portal: 'Portal',
  value: 'Detalle',
  // Acting on a selection (issue 8, item 2): no caller, the reason says whose request it was.
  selectionId: 'Acción sobre una selección (N.º de ejecución)',
  callerPresent: 'Con la persona al teléfono',
  // Ley 21.719 requests (issue 10).
  number: 'Solicitud',
  right: 'Derecho',
  channel: 'Canal',
  identityMethod: 'Identidad verificada con',
  dueDate: 'Plazo',
  detail: 'Qué pide',
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
  // Someone calling in the person's name (shared/policy.ts allowedOnBehalf).
  onBehalf: 'Quién llama',
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
    disable: 'Usuario inhabilitado',
    enable: 'Usuario habilitado',
  } as Record<string, string>,
};

export const auditChoiceLabels: Record<string, string> = {
  keep_theirs: 'Mantener el del sistema central',
  keep_mine: 'Aplicar el del agente',
  dismiss: 'Entendido (rechazo revisado)',
};

export const auditMessages = {
  title: 'Auditoría',
  empty: '—',
  /** A company in an event's details: its name, then its RUT. */
  company: (name: string, rut: string) => `${name} (${rut})`,
  yes: 'Sí',
  no: 'No',
  conflict: (field: string, yours: string, theirs: string) =>
    `${field}: agente ${yours}, sistema central ${theirs}`,
  /** A change the central refused for a temporary block (blockingRequestIn). */
  blockedConflict: (request: string) =>
    `bloqueo temporal vigente (Ley 21.719, solicitud ${request}): el sistema central no aplicó el cambio`,
  count: (n: number) => (n === 1 ? '1 evento' : `${formatNumber(n)} eventos`),
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
  previous: 'Anteriores',
  next: 'Siguientes',
  invalidDate: (field: string, typed: string) =>
    `Fecha «${field}» no válida (se ingresó «${typed}»): esa fecha no existe o no está escrita como dd-mm-aaaa (por ejemplo 21-11-2026).`,
  fromField: 'Desde',
  toField: 'Hasta',
  reversedDates: 'La fecha «Desde» es posterior a «Hasta».',
  staleHidden: 'No se muestran resultados hasta corregir el filtro.',
  failed: 'No se pudo consultar la auditoría.',
  chainOk: (n: number) =>
    n === 1
      ? 'Cadena íntegra: 1 evento verificado.'
      : `Cadena íntegra: ${formatNumber(n)} eventos verificados.`,
  chainBroken: (seq: number, problem: 'link_broken' | 'hash_mismatch') =>
    `Cadena ROTA en el evento #${seq}: ${
      problem === 'link_broken' ? 'falta o se reordenó un evento' : 'el evento fue modificado'
    }.`,
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

export const roleNames = {
  agent: 'Agente',
  supervisor: 'Supervisor(a)',
  prevention: 'Prevencionista',
} as const;

const at = (portal?: Portal) => (portal ? ` en ${portalLabels[portal]}` : '');
const of = (cause: Cause) => (cause.companyName ? ` (${cause.companyName})` : '');
const sent = (cause: Cause) =>
  !cause.lastSentAt
    ? ' No hay envíos registrados.'
    : cause.lastSentTo
      ? ` El último correo (${formatDateTime(cause.lastSentAt)}) fue a ${cause.lastSentTo}, su dirección anterior: hay que reenviarlo para que llegue a la actual.`
      : cause.lastMailWaiting
        ? ` El correo que pedimos el ${formatDateTime(cause.lastSentAt)} aún no sale: le llegará en cuanto se envíe.`
        : ` Último envío: ${formatDateTime(cause.lastSentAt)}.`;

/**
 * Who may ask for a user's access back, said to that user (rules 9, 13). An administrator whose
 * own profile is not active asks nothing for the company, their own access included, whatever
 * their kind (companyRequester's profile_not_active).
 */
const whoAsks = (cause: Cause, what: string) =>
  cause.role !== 'access_admin'
    ? `: solo su representante legal o un administrador de accesos de la empresa puede pedir ${what}.`
    : `. Mientras siga así no puede pedir cambios para la empresa, tampoco este: ${what} lo pide otra persona con esa facultad (un representante legal u otro administrador de accesos).`;

/** A cause as the agent reads it: a title, and what to tell the caller. */
/** Seed 002: how someone outside a company's register gets into its Portal Empresas. */
const REPRESENTATIVE_ADDS =
  'Para entrar a Portal Empresas, pida al representante legal que le dé acceso con «Agregar usuario»: le llegará un correo para firmar el Acuerdo de Acceso Remoto.';

export const causeTexts: Record<CauseCode, (cause: Cause) => { title: string; say: string }> = {
  not_in_replica: () => ({
    title: 'RUT no registrado',
    say: NOT_IN_REPLICA_SAY,
  }),
  no_membership: () => ({
    title: 'No figura como trabajador de ninguna empresa adherida',
    say: 'Su empresa debe incorporarle en su nómina; contacte al encargado de prevención de su empresa.',
  }),
  company_not_adherent: (c) => ({
    title: `La empresa ya no está adherida${of(c)}`,
    say: 'Los usuarios de empresas que dejaron de estar adheridas no pueden acceder a la plataforma.',
  }),
  dismissed: (c) =>
    c.role === undefined || c.role === 'worker'
      ? {
          title: `Desvinculado${of(c)}`,
          // Rule 14: a pensioner's (an affiliate's) Los Héroes login outlives the dismissal.
          say: c.profile
            ? 'Al terminar su vínculo con la empresa, terminó su acceso a ella, no su cuenta de Los Héroes.'
            : 'Al terminar su vínculo con la empresa, su acceso quedó inactivo. Si trabaja en otra empresa adherida, esa empresa debe incorporarle.',
        }
      : {
          title: `Ya no es usuario de la empresa${of(c)}`,
          say: `La empresa le quitó su perfil de usuario. Solo su representante legal o un administrador de accesos puede volver a darle acceso.${
            c.profile ? ' Su cuenta de Los Héroes sigue abierta.' : ''
          }`,
        },
  membership_disabled: (c) => ({
    title: `Acceso inhabilitado${of(c)}`,
    say: `Su acceso a la empresa está inhabilitado${whoAsks(c, 'que se habilite de nuevo')}`,
  }),
  membership_paused: (c) => ({
    title: `Acceso pausado${of(c)}`,
    say: `Su empresa pausó su acceso${whoAsks(c, 'que se reanude')}`,
  }),
  registration_blocked: (c) => ({
    title: `Registro bloqueado${at(c.portal)}`,
    say: 'El registro se invalidó por seguridad (N° de serie incorrecto). Una vez desbloqueado, debe registrarse de nuevo con el N° de serie correcto.',
  }),
  temporarily_locked: (c) => ({
    title: `Bloqueado temporalmente${at(c.portal)} hasta ${c.until ? formatTime(c.until) : '—'} tras ${c.attempts ?? '—'} intentos`,
    say: `Puede esperar hasta las ${c.until ? formatTime(c.until) : '—'} o restablecer su contraseña con «¿Olvidaste tu contraseña?».`,
  }),
  no_email: () => ({
    title: 'Sin correo registrado',
    say: 'Sin un correo registrado no puede registrarse ni recuperar su contraseña. Indíqueme su correo y lo registro ahora.',
  }),
  mail_bounced: (c) => ({
    title: 'El último correo rebotó',
    say: `El correo que tenemos registrado parece incorrecto: confírmeme su correo y lo corrijo.${sent(c)}`,
  }),
  password_link_unused: (c) => ({
    title: `No ha usado el enlace para crear su contraseña${at(c.portal)}`,
    // Sent to the address corrected since: «revise su correo» would send them to the wrong inbox.
    say: c.lastSentTo
      ? `El enlace para crear su contraseña se envió a ${c.lastSentTo}, su correo anterior: se lo reenvío a su correo actual; úselo cuando le llegue (revise también spam).`
      : `Revise su correo (también spam) y use el enlace para crear su contraseña.${sent(c)}`,
  }),
  email_unverified: (c) => ({
    title: `Correo sin verificar${at(c.portal)}`,
    // The link may not have left yet (a mail still on this desk): «que recibió» would be untrue.
    say: c.lastMailWaiting
      ? `Debe confirmar su correo con el enlace que le enviaremos.${sent(c)}`
      : `Debe confirmar su correo con el enlace que recibió.${sent(c)}`,
  }),
  agreement_unsigned: (c) => ({
    title: `Acuerdo de Acceso Remoto sin firmar${of(c)}`,
    say: `Hasta firmar el acuerdo desde el enlace del correo no se le asigna el perfil de empresa. El correo llega desde una dirección «no-reply» de Los Héroes: si no lo ve, revise también Spam.${sent(c)}`,
  }),
  access_request_rejected: (c) => ({
    title: `Solicitud de acceso rechazada${of(c)}`,
    say: `${
      c.reason
        ? `Su solicitud fue rechazada. Motivo registrado: «${c.reason.replace(/[.\s]+$/, '')}».`
        : 'Su solicitud fue rechazada: solo el representante legal o las personas habilitadas en el registro de firmantes (TRF) de la empresa pueden pedir acceso.'
    }${
      // The way in is still there for someone outside the register (seed 002).
      c.notInRegister ? ` ${REPRESENTATIVE_ADDS}` : ''
    }`,
  }),
  access_request_pending: (c) => ({
    // Seed 002: a request from anyone else «será rechazada»; the representative gives access.
    title: c.notInRegister
      ? `Solicitud de acceso que será rechazada${of(c)}`
      : `Solicitud de acceso en revisión${of(c)}`,
    say: c.notInRegister
      ? `Su solicitud será rechazada: solo el representante legal de la empresa o las personas habilitadas en su registro de firmantes (TRF) pueden pedir acceso. ${REPRESENTATIVE_ADDS}`
      : 'Cuando se apruebe, recibirá un correo con el enlace para firmar el acuerdo, desde una dirección «no-reply» de Los Héroes: si no lo ve, revise también Spam.',
  }),
  first_access_used: () => ({
    title: 'Ya usó la clave de primer ingreso a Portal Empresas',
    say: 'La clave de los 4 dígitos anteriores al dígito verificador de su RUT sirve solo para el primer ingreso. Debe pedir una clave nueva en «Olvidé mi contraseña»: le llegará un correo para cambiarla.',
  }),
  first_access_key: () => ({
    title: 'Primer ingreso a Portal Empresas pendiente',
    say: 'Para su primer ingreso, la clave son los 4 dígitos anteriores al dígito verificador de su RUT (sirve solo esa vez). Si no funciona, revise que sean esos 4 dígitos; si persiste, use «Olvidé mi contraseña».',
  }),
  usual_password: () => ({
    title: 'Entra a Portal Empresas con su contraseña de siempre',
    say: 'Como ya tiene cuenta con Perfil Afiliado en Portal Héroes, ingrese a Portal Empresas con su contraseña habitual (la misma de la APP LH), no con los 4 dígitos del RUT. Cambie entre Perfil Empresa y Perfil Afiliado con el botón naranja.',
  }),
  other_companies_open: (c) => {
    const same = c.others ?? [];
    const elsewhere = c.elsewhere?.companies ?? [];
    const open = [...same, ...elsewhere].join(', ');
    const company = c.companyName ?? 'una empresa';
    // One login per portal (rule 8): the company is chosen on entering only within it.
    const choose = [
      same.length > 0
        ? `Puede seguir ingresando a ${same.join(', ')}: al entrar, elija la empresa (o use «Cambiar de usuario»).`
        : null,
      c.elsewhere && elsewhere.length > 0
        ? `A ${elsewhere.join(', ')} sigue entrando por ${portalLabels[c.elsewhere.portal]}, con su usuario y clave de ese portal.`
        : null,
    ]
      .filter((sentence) => sentence !== null)
      .join(' ');
    const worker = c.role === undefined || c.role === 'worker';
    return c.state === 'removed'
      ? {
          title: `${worker ? 'De baja' : 'Sin acceso'} en ${company}; sigue con acceso a ${open}`,
          say: worker
            ? `Al desvincularle, ${company} le quitó el acceso a esa empresa, no a las demás. ${choose}`
            : `${company} eliminó su acceso a esa empresa, no a las demás: solo su representante legal o un administrador de accesos puede volver a darle acceso. ${choose}`,
        }
      : {
          title: `Acceso ${c.state === 'paused' ? 'pausado' : 'inhabilitado'} en ${company}; sigue con acceso a ${open}`,
          say: `${company} ${c.state === 'paused' ? 'pausó' : 'inhabilitó'} su acceso a esa empresa: solo su representante legal o un administrador de accesos puede pedir que se ${c.state === 'paused' ? 'reanude' : 'habilite de nuevo'}. ${choose}`,
        };
  },
  affiliate_profile_open: (c) => {
    const company = c.companyName ?? 'su empresa';
    const closed =
      c.state === 'paused'
        ? 'está pausado'
        : c.state === 'disabled'
          ? 'está inhabilitado'
          : c.state === 'removed'
            ? c.role === undefined || c.role === 'worker'
              ? 'terminó'
              : 'se eliminó'
            : 'se cerró: la empresa ya no está adherida';
    // Rule 2: the login opens only once registered and with its password.
    const enters =
      c.login === 'not_registered'
        ? 'cuando se registre en Portal Héroes (con su RUT, el N° de serie de su cédula y su correo) y cree su contraseña, entra a Portal Héroes y a la APP LH'
        : c.login === 'pending_activation'
          ? 'cuando cree su contraseña con el enlace que se le envió por correo, entra a Portal Héroes y a la APP LH'
          : null;
    if (c.profile === 'pensioner') {
      return {
        title: enters
          ? 'Puede entrar a Portal Héroes como persona pensionada'
          : 'Sigue entrando a Portal Héroes como persona pensionada',
        say: `Su acceso a ${company} ${closed}, no su cuenta de Los Héroes: ${
          enters ?? 'con ese usuario y clave sigue entrando a Portal Héroes y a la APP LH'
        }.`,
      };
    }
    return {
      title: enters
        ? 'Puede entrar a Portal Héroes con su Perfil Afiliado'
        : 'Sigue entrando a Portal Héroes con su Perfil Afiliado',
      say: `Su Perfil Empresa en ${company} ${closed}, no su Perfil Afiliado: ${
        enters ?? 'con el mismo usuario y clave sigue entrando a Portal Héroes y a la APP LH'
      }.`,
    };
  },
  achs_virtual_keys: () => ({
    title: 'Las claves de ACHS Virtual y ACHS Gestión son distintas',
    say: 'Los administradores de accesos son los mismos en ACHS Virtual y ACHS Gestión, pero la contraseña de uno no abre el otro: use la clave de ACHS Gestión o restablézcala allí.',
  }),
  not_registered: (c) => ({
    title: `No se ha registrado${at(c.portal)}`,
    say: 'Debe registrarse con su RUT, el N° de serie de su cédula y su correo; recibirá un enlace para crear su contraseña.',
  }),
};

/** Column headers the tables of several screens share (each screen's own are with its texts). */
export const columnTitles = {
  actions: 'Acciones',
  agreement: 'Acuerdo de Acceso Remoto',
  company: 'Empresa',
  companyRegister: 'Registro de la empresa',
  date: 'Fecha',
  declares: 'Declara',
  file: 'Archivo',
  modules: 'Módulos',
  person: 'Persona',
  profile: 'Perfil',
  quality: 'Calidad',
  requester: 'Solicitante',
  rows: 'Filas',
  rut: 'RUT',
  state: 'Estado',
};

/** What a screen says when its call failed with no answer of the core's (the network, a bug). */
export const failedMessages = {
  signIn: 'No se pudo iniciar sesión.',
  search: 'No se pudo completar la búsqueda.',
  list: 'No se pudo cargar la lista.',
  company: 'No se pudo cargar la empresa.',
  selection: 'No se pudo reunir la lista.',
};

/** The diagnosis panel's own words around the causes. */
export const diagnosisMessages = {
  title: '¿Por qué no puede ingresar?',
  sayLabel: 'Dígale:',
};

export const noCauseText = {
  title: 'Sin impedimentos a la vista',
  say: 'Su cuenta está activa. Si su contraseña no funciona, puedo enviarle un enlace para restablecerla.',
};

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
    'Un supervisor revocó este equipo: ya no sincroniza y sus datos se borraron de este equipo.',
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
  technicalDetail: 'Detalle técnico',
  pendingTitle: 'Acciones en espera',
  pendingNone: 'No hay acciones esperando al sistema central.',
  /** An agent's list holds only their own actions: the others' are said apart (shared desk). */
  pendingTitleMine: 'Sus acciones en espera',
  pendingNoneMine: (others: number) =>
    `No tiene acciones esperando al sistema central.${
      others === 0
        ? ''
        : ` ${others === 1 ? 'La de otro agente de este equipo sale' : `Las ${formatNumber(others)} de otros agentes de este equipo salen`} cuando ingrese con su usuario; un supervisor puede verlas y reasignarlas.`
    }`,
  pendingColumns: { who: 'Agente', what: 'Acción', whom: 'Persona', since: 'Desde' },
  /** The reason recorded when an agent applies their own value over a conflict. */
  keepMineReason: 'Resolución de conflicto de sincronización: se mantiene el valor del agente',
  /** Heading of the file a revoked device keeps its unsent actions in. */
  revokedFileNotice:
    'Acciones registradas en este equipo que no alcanzaron a llegar al sistema central antes de que un supervisor lo revocara. Revíselas y regístrelas de nuevo si corresponde.',
  /** An offline sign-in the central API then refused, or answered for someone else. */
  keptSignInRefused: 'El sistema central no aceptó el ingreso guardado.',
  keptSignInOtherAgent: 'El sistema central respondió por otro agente.',
  pendingLoadFailed: 'No se pudo cargar la lista de acciones en espera.',
  unknownAgent: 'Agente desconocido',
  noPerson: '—',
  personCount: (n: number) => syncCount(n, 'persona', 'personas'),
  personCountLoading: (n: number) => `${syncCount(n, 'persona', 'personas')} (cargando)`,
  /** The load cut off by a lost connection: it resumes when the central API is back. */
  personCountStopped: (n: number) => `${syncCount(n, 'persona', 'personas')} (carga incompleta)`,
  /**
   * `others`: how many of them leave with another agent's session (of one agent or several: the
   * count says actions, not agents), so «ninguna suya» or how many are the agent's own.
   */
  pendingShort: (n: number, others = 0) =>
    `${n} ${n === 1 ? 'pendiente' : 'pendientes'}${
      others === 0
        ? ''
        : others === n
          ? ' (ninguna suya)'
          : ` (${n - others} ${n - others === 1 ? 'suya' : 'suyas'})`
    }`,
  badgeLabel: (parts: string) => `Sincronización: ${parts}`,
  badgeInitial: (percent: number) => `carga inicial ${percent} %`,
  badgeLast: (time: string) => `últ. ${time}`,
  badgeIssues: (n: number) => `${n} por revisar`,
  badgeStuck: 'la cola no avanza',
  title: 'Sincronización',
  state: 'Estado',
  pending: 'Pendientes',
  waitingForOther: (n: number) =>
    ` (${n} de otro agente: ${n === 1 ? 'espera' : 'esperan'} a que ingrese)`,
  lastSync: 'Última sincronización',
  never: 'Nunca',
  nextAttempt: 'Próximo intento',
  inSeconds: (seconds: number) => `en ${seconds} s`,
  deviceId: 'Identificador de este equipo',
  deviceIdHint:
    'Con estos primeros caracteres aparece en la Auditoría y en la lista de equipos del supervisor.',
  deviceIdWhole: 'Identificador completo',
  initialLoad: (done: number, total: number) =>
    `Carga inicial: ${formatNumber(done)} de ${formatNumber(total)} registros`,
  initialLoadLabel: 'Carga inicial',
  syncNow: 'Sincronizar ahora',
  syncNowDone: 'Sincronizado con el sistema central.',
  /** «Sincronizar ahora» did not get through: the state it is in, and that it retries. */
  syncNowNot: (state: keyof typeof syncStateLabels) =>
    state === 'offline'
      ? 'No se pudo sincronizar: sigue sin conexión con el sistema central. Se reintentará solo; las acciones quedan guardadas en este equipo.'
      : `No se pudo sincronizar ahora (${syncStateLabels[state]}): vea el detalle en esta página.`,
  syncing: 'Sincronizando…',
  stuck:
    'Hay acciones pendientes que no llegan al sistema central hace demasiado tiempo. Revise la conexión o avise a soporte.',
  settings: 'Ajustes',
  centralAddress: 'Dirección del sistema central',
  save: 'Guardar',
  onlySupervisor: 'Solo un supervisor puede cambiar la dirección del sistema central.',
  addressSaved: 'Dirección del sistema central guardada.',
  addressUnchanged: 'Es la dirección que ya usa este equipo: no hubo cambios.',
  addressChangeTitle: 'Cambiar el sistema central',
  addressChangeExplain: (url: string) =>
    `Este equipo sincronizará con ${url}, y las contraseñas de quienes ingresen se enviarán allí: confirme que es la dirección de su institución. Queda en la auditoría.`,
  addressRemoveTitle: 'Desconectar del sistema central',
  addressRemoveExplain: (pending: number) =>
    `Este equipo dejará de sincronizar: nada de lo que cambie en el sistema central llegará aquí${pending > 0 ? `, y ${pending === 1 ? 'la acción pendiente' : `las ${formatNumber(pending)} acciones pendientes`} (de todos los agentes de este equipo) no saldrá${pending === 1 ? '' : 'n'} de él hasta que se configure de nuevo una dirección` : ''}. Queda en la auditoría.`,
  addressReasonHint: 'Por qué se cambia (al menos 3 caracteres): queda en la auditoría.',
  addressConfirm: 'Cambiar dirección',
  addressRemoveConfirm: 'Desconectar',
  addressSaving: 'Guardando…',
  notConfiguredHint:
    'Sin una dirección, este equipo no sincroniza: sus acciones no salen de él. Escriba la dirección del sistema central de su institución.',
  review: 'Por revisar',
  /** After a RUT whose person is no longer on this desk (an officer's company taken from him). */
  personGone: ' (ya no está en este equipo)',
  inCompany: (name: string) => `en ${name}`,
  noIssues: 'No hay conflictos ni rechazos.',
  conflict: 'Conflicto',
  rejected: 'Rechazada',
  rejectedReason: (reason: string) => `Motivo: ${reason}`,
  /** When the central's side of a contact conflict changed (sync/conflict-time.ts). */
  centralChanged: (of: 'phone' | 'email' | 'contact', at: string, by: string | null) => {
    const what = { phone: 'el celular', email: 'el correo', contact: 'los datos de contacto' }[of];
    const last = of === 'contact' ? ' por última vez' : '';
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
  keepMine: 'Aplicar el mío',
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
  keptMine: 'Se enviará de nuevo su valor al sistema central.',
  keptTheirs: 'Listo: se mantiene el estado del sistema central.',
  failed: 'No se pudo completar la operación.',
  issuesLoadFailed: 'No se pudieron cargar las acciones por revisar.',
  empty: '(vacío)',
};

/** While the replica may be missing data: what the agent reads and may do. */
export const incompleteDataMessages = {
  title: 'Datos incompletos: aún llegan datos del sistema central',
  offlineTitle: 'Datos incompletos: la carga se interrumpió (sin conexión)',
  /** Every row is in; the search is being prepared (indexed) over them. */
  indexingTitle: 'Datos incompletos: preparando la búsqueda',
  indexing: 'Ya llegaron todos los registros; falta preparar la búsqueda sobre ellos.',
  results:
    'La búsqueda puede no encontrar a alguien que sí existe, y lo que muestra puede cambiar. No le diga a nadie que no está registrado hasta que termine la carga.',
  record:
    'Esta ficha puede estar incompleta: faltan cuentas, empresas o correos que aún no llegan. No la use para decirle a la persona por qué no puede ingresar.',
  progress: (done: number, total: number) =>
    `${formatNumber(done)} de ${formatNumber(total)} registros recibidos`,
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
  'mail.resend': 'Reenvío de correo',
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
  'membership.set_modules': 'Cambio de módulos',
};

export const fieldLabels: Record<string, string> = {
  email: 'Correo',
  phone: 'Celular',
  role: 'Perfil',
  state: 'Estado',
};

/** The desktop app's own words: menu, dialogs, updates (issue 9). */
export const desktopMessages = {
  menu: {
    file: 'Archivo',
    quit: 'Salir',
    edit: 'Edición',
    undo: 'Deshacer',
    redo: 'Rehacer',
    cut: 'Cortar',
    copy: 'Copiar',
    paste: 'Pegar',
    selectAll: 'Seleccionar todo',
    view: 'Ver',
    zoomIn: 'Aumentar texto',
    zoomOut: 'Reducir texto',
    resetZoom: 'Tamaño normal',
    fullScreen: 'Pantalla completa',
    devTools: 'Herramientas de desarrollo',
    window: 'Ventana',
    minimize: 'Minimizar',
    close: 'Cerrar ventana',
    help: 'Ayuda',
    about: (appName: string) => `Acerca de ${appName}`,
    hide: (appName: string) => `Ocultar ${appName}`,
    hideOthers: 'Ocultar otras',
    showAll: 'Mostrar todo',
  },
  about: {
    title: (appName: string) => `Acerca de ${appName}`,
    message: (appName: string, version: string) => `${appName}, versión ${version}`,
    detail: 'Consola de la mesa de ayuda de la línea 600.',
    ok: 'Aceptar',
  },
  dataFolder: {
    title: 'Mesa de Ayuda no pudo abrir sus datos',
    intro: (folder: string) => `No se pudo abrir la carpeta de datos:\n${folder}`,
    busy: 'Otra copia de Mesa de Ayuda la está usando. Ciérrela e intente de nuevo.',
    permission:
      'Su usuario no tiene permiso para escribir en ella. Pida a soporte técnico que revise los permisos de la carpeta.',
    notFolder: 'Esa ruta no es una carpeta. Pida a soporte técnico que la revise.',
    diskFull: 'El disco está lleno. Libere espacio e intente de nuevo.',
    keychain:
      'La llave que cifra los datos no se puede guardar de forma segura: este equipo no tiene un llavero del sistema disponible (en Linux: GNOME Keyring o KWallet). Pida a soporte técnico que lo habilite, o que entregue la llave en la variable MESA_REPLICA_KEY.',
    invalidKey:
      'La variable MESA_REPLICA_KEY no contiene una llave válida (64 caracteres hexadecimales). Pida a soporte técnico que la revise.',
    damaged:
      'El archivo de datos está dañado. Pida a soporte técnico que lo reemplace; los datos se vuelven a sincronizar desde el servidor central.',
    other:
      'Intente de nuevo. Si vuelve a ocurrir, avise a soporte técnico con el detalle de abajo.',
    detail: (code: string) => `Detalle técnico: ${code}`,
    unknownDetail: 'desconocido',
  },
  /** Anything else that stops the desktop app while it starts (the data folder opened). */
  startFailed: {
    title: 'Mesa de Ayuda no pudo iniciar',
    body: 'Cierre la aplicación y ábrala de nuevo. Si vuelve a ocurrir, avise a soporte técnico con el detalle de abajo; las acciones pendientes de sincronizar se conservan.',
  },
  update: {
    title: 'Actualización lista',
    message: (version: string) =>
      `La versión ${version} de Mesa de Ayuda está lista para instalar.`,
    detail:
      'La aplicación se cerrará y volverá a abrir en unos segundos. Las acciones pendientes de sincronizar se conservan.',
    restart: 'Reiniciar para actualizar',
    later: 'Más tarde',
  },
  /** Closing or reloading the window while a dialog holds what the agent typed (Modal.tsx). */
  unsavedTyping: {
    title: 'Hay un diálogo a medio llenar',
    message: 'Lo que escribió en el diálogo abierto se perderá.',
    detail: 'Elija «Seguir en el diálogo» para terminarlo o cancelarlo antes de cerrar.',
    leave: 'Cerrar de todos modos',
    stay: 'Seguir en el diálogo',
  },
  /** A Ley 21.719 export's copy, saved where the agent chooses. */
  saveCopy: {
    title: 'Guardar una copia de la exportación',
    button: 'Guardar copia',
    htmlFilter: 'Informe (HTML)',
    jsonFilter: 'Datos (JSON)',
  },
};

/** The replica's encryption key (issue 9). */
export const replicaKeyMessages = {
  setAsideTitle: 'Se guardó aparte la copia local anterior',
  setAside: (file: string) =>
    `No se pudo abrir la copia local de los datos con su llave de cifrado (la llave se perdió o cambió). Esa copia se guardó aparte, sin borrarla, como «${file}», y los datos se están descargando de nuevo desde el servidor central. Las acciones que no alcanzaron a enviarse quedaron en ese archivo: avise a soporte técnico antes de rehacerlas.`,
};

/** The lock screen shown after the idle-lock policy's minutes without input (issue 9). */
/** F1: every keyboard shortcut of the desk, as the keys are labelled on a Spanish keyboard. */
/** «Salir» while this agent's actions still wait to reach the central API. */
export const signOutMessages = {
  button: 'Salir',
  title: '¿Salir con acciones sin enviar?',
  body: (n: number) =>
    `${
      n === 1
        ? 'Tiene 1 acción que aún no llega al sistema central. Queda guardada'
        : `Tiene ${formatNumber(n)} acciones que aún no llegan al sistema central. Quedan guardadas`
    } en este equipo y se ${n === 1 ? 'enviará' : 'enviarán'} cuando usted vuelva a ingresar aquí, o cuando un supervisor ${
      n === 1 ? 'la tome' : 'las tome'
    } a su cargo.`,
  confirm: 'Salir de todos modos',
  cancel: 'Seguir en la sesión',
};

export const shortcutMessages = {
  title: 'Atajos de teclado',
  button: 'Atajos',
  buttonHint: 'Atajos de teclado (F1 o ?)',
  close: 'Cerrar',
  intro: 'En macOS, Cmd hace de Ctrl.',
  keysHeader: 'Teclas',
  whatHeader: 'Qué hace',
  groups: [
    {
      title: 'En toda la mesa',
      items: [
        ['Ctrl+K', 'Ir a la búsqueda, para una búsqueda nueva'],
        ['Ctrl+Mayús+L', 'Bloquear la pantalla al dejar el puesto'],
        ['F2', 'Ir a la barra de la llamada o visita: su motivo, o la llamada abierta'],
        ['F1 o ?', 'Esta lista de atajos (? fuera de un campo de texto)'],
        ['Ctrl+Enter', 'Confirmar el diálogo abierto, también desde el campo Motivo'],
        [
          'Esc',
          'Cerrar el diálogo abierto; en la búsqueda, cerrar la ficha y volver a los resultados',
        ],
      ],
    },
    {
      title: 'Página de una empresa',
      items: [
        ['Enter', 'En el nombre de una persona, abrir su ficha'],
        ['Esc', 'En esa ficha, volver a la empresa; en la empresa, volver a los resultados'],
      ],
    },
    {
      title: 'Búsqueda',
      items: [
        ['↑ ↓', 'Moverse por los resultados'],
        ['Re Pág / Av Pág', 'Avanzar o retroceder 10 resultados'],
        ['Enter', 'Abrir la ficha (o la empresa) elegida'],
        ['Retroceso', 'Con la búsqueda vacía, quitar el filtro de empresa'],
      ],
    },
    {
      title: 'Selección de varias personas',
      supervisorOnly: true,
      items: [
        ['Mayús+↑ ↓', 'Extender la selección'],
        ['Espacio', 'En la lista, marcar o desmarcar a la persona'],
        ['Ctrl+A', 'En la lista, seleccionar todas las cargadas'],
        ['Esc', 'Quitar la selección'],
      ],
    },
    {
      title: 'Panel de supervisión',
      supervisorOnly: true,
      items: [['← →', 'En los períodos, cambiar de período']],
    },
  ],
} as const;

/** The screen lock's audit events (session.lock, session.end): why, in words. */
export const lockAuditLabels = {
  lockReason: 'Motivo del bloqueo',
  cause: 'Causa',
  reasons: {
    idle: 'inactividad',
    manual: 'a pedido del agente',
    system: 'el equipo se bloqueó o se suspendió',
  } satisfies Record<'idle' | 'manual' | 'system', string>,
  causes: {
    sign_in: 'se inició otra sesión en el equipo',
    attempts: 'se agotaron los intentos de desbloqueo',
    sign_out: 'salió desde la pantalla bloqueada',
  } satisfies Record<'sign_in' | 'attempts' | 'sign_out', string>,
};

/** The desk's frame: what a keyboard or screen-reader user meets before any screen. */
export const deskMessages = {
  /** The first stop of Tab: past the top bar, to the screen's content. */
  skipLink: 'Saltar al contenido',
  /** The search screen's heading (said, not shown: the search box is plain to see). */
  searchHeading: 'Búsqueda',
  brand: 'Mesa de Ayuda',
  sections: 'Secciones',
  /** The top bar's screens (the others take their own area's `tab`). */
  tabs: {
    search: 'Búsqueda',
    requests: 'Solicitudes',
    audit: 'Auditoría',
    sync: 'Sincronización',
  },
  searching: 'Buscando',
  /** The search screen before anything is typed. */
  searchHelp: {
    intro: 'Escriba lo que le dicte la persona:',
    ways: [
      'RUT en cualquier forma: 12.345.678-5, 123456785, 12345678 o sus primeros dígitos',
      'Nombre y apellidos, en cualquier orden y sin tildes: «gonzalez ped»',
      'Correo o su inicio, teléfono, RUT o nombre de la empresa',
    ],
    keys: '↑ ↓ para moverse · Enter abre la ficha · Esc vuelve · Ctrl+K busca',
  },
};

/** The sign-in screen. */
export const signInMessages = {
  title: 'Mesa de Ayuda',
  intro: 'Ingrese con su usuario de agente.',
  username: 'Usuario',
  password: 'Contraseña',
  submit: 'Ingresar',
  busy: 'Ingresando…',
  missingUsername: 'su usuario',
  missingPassword: 'su contraseña',
  /** Signed in with this desk's copy of the password: the central API did not answer. */
  offline:
    'Ingresó sin conexión con el sistema central: sus acciones quedan en este equipo y se envían en cuanto responda. Sin conexión solo se puede ingresar hasta 3 días después del último ingreso con conexión en este equipo.',
};

export const lockScreenMessages = {
  title: 'Pantalla bloqueada',
  explanation: (minutes: string) =>
    `Se bloqueó después de ${minutes} sin uso, para proteger los datos de las personas.`,
  explanationSystem:
    'Se bloqueó porque el equipo se bloqueó o entró en reposo, para proteger los datos de las personas.',
  explanationManual: 'Se bloqueó a pedido de quien la usaba.',
  /** The top bar's button: lock before stepping away from a shared desk. */
  lockNow: 'Bloquear',
  lockNowHint: 'Bloquear la pantalla al dejar el puesto (Ctrl+Mayús+L)',
  whoIsLocked: (displayName: string) => `Sesión de ${displayName}`,
  password: 'Contraseña',
  unlock: 'Desbloquear',
  unlocking: 'Desbloqueando…',
  missingPassword: 'Falta: su contraseña.',
  otherAgent: 'Ingresar con otro usuario',
  otherAgentNote:
    'Si ingresa otro usuario, la sesión bloqueada termina. Sus acciones pendientes se quedan en este equipo, y una llamada o visita abierta sigue abierta hasta que vuelva a ingresar aquí.',
  back: 'Volver al desbloqueo',
  signInAgain: 'Ingresar de nuevo',
  failed: 'No se pudo desbloquear.',
  minutes: (seconds: number) =>
    seconds % 60 === 0
      ? `${seconds / 60} ${seconds === 60 ? 'minuto' : 'minutos'}`
      : `${seconds} segundos`,
};

// ---- The company half (issue 7) ----

/** An account row: a Los Héroes login opens the three of them (seed 002). */
export const loginLabels: Record<Portal, string> = {
  achs_gestion: 'ACHS Gestión',
  portal_heroes: 'Los Héroes (Portal Héroes, Portal Empresas y APP LH)',
  portal_empresas: 'Los Héroes (Portal Héroes, Portal Empresas y APP LH)',
};

export const adminKindLabels = {
  legal_representative: 'Representante legal',
  commercial_contact: 'Contacto comercial',
  appointed: 'Designado por el representante legal',
} as const;

export const signatoryKindLabels = {
  legal_representative: 'Representante legal',
  trf: 'Habilitado en la TRF',
} as const;

export const requestCapacityLabels = {
  legal_representative: 'Representante legal',
  authorized_signatory: 'Habilitado en la TRF',
  other: 'Otra calidad',
} as const;

export const requestStateLabels = {
  pending: 'Pendiente',
  approved: 'Aprobada',
  rejected: 'Rechazada',
} as const;

/** Modules of both portals (shared/rules/company-modules.ts says which company offers which). */
export const moduleLabels: Record<string, string> = {
  usuarios: 'Usuarios',
  // ACHS Gestión.
  siniestros: 'Siniestros',
  reportes: 'Reportes',
  documentos: 'Documentos',
  capacitacion: 'Capacitación',
  evaluaciones: 'Evaluaciones',
  // Portal Empresas (Los Héroes).
  trabajadores: 'Altas y bajas de trabajadores',
  cargas: 'Cargas familiares',
  licencias: 'Licencias médicas',
  beneficios: 'Bonos y reembolsos médicos',
  certificados: 'Certificados y nóminas',
};

/**
 * A profile's modules, in words: a company profile with none has «Ninguno» (its administrator
 * grants them); a worker's membership has no modules to speak of («—»).
 */
export function modulesText(membership: { modules: readonly string[]; role: string }): string {
  if (membership.modules.length > 0) {
    return membership.modules.map((m) => moduleLabels[m] ?? m).join(', ');
  }
  return membership.role === 'worker' ? '—' : 'Ninguno';
}

export const companyMessages = {
  open: 'Ver empresa',
  openOf: (name: string) => `Ver la empresa ${name}`,
  /** A person named in the company's tables: the link opens her record. */
  openPersonOf: (name: string) => `Ver la ficha de ${name}`,
  /** Someone this desk does not hold (outside an officer's companies): the RUT beside says who. */
  nameNotHere: 'Nombre no disponible en este equipo',
  /** A user's tie with the company (MembershipSummary), not how long the state has held. */
  tieSince: (date: string) => `en la empresa desde ${date}`,
  tieUntil: (date: string) => `en la empresa hasta ${date}`,
  searchPeople: 'Buscar entre sus personas',
  adherent: (since: string | null) => (since ? `Adherida desde ${since}` : 'Adherida'),
  notAdherent: (until: string | null) =>
    until ? `No adherida desde ${until}: ninguno de sus usuarios puede ingresar` : 'No adherida',
  counts: (active: number, all: number, admins: number, pendingSignature: number) =>
    `${countOf(active, 'persona activa', 'personas activas')} de ${countOf(all, 'registrada', 'registradas')} · ${countOf(admins, 'administrador de accesos', 'administradores de accesos')}${
      pendingSignature > 0
        ? ` · ${countOf(pendingSignature, 'pendiente de firma del acuerdo', 'pendientes de firma del acuerdo')}`
        : ''
    }`,
  /** A prevention officer's laptop holds a company's current people only (scope rule). */
  countsOfficer:
    'En este equipo están las personas vigentes de la empresa: las dadas de baja no llegan a él.',
  register: 'Representantes legales y registro de firmantes (TRF)',
  registerEmpty:
    'No hay representantes legales ni personas habilitadas en la TRF registradas: nadie puede solicitar acceso a Portal Empresas por esta empresa.',
  /** A company outside Portal Empresas (ACHS): no TRF, no requests, no agreement. */
  registerOther: 'Representantes legales',
  registerOtherEmpty: 'No hay representantes legales registrados.',
  profiles: 'Administradores y usuarios de empresa',
  profilesEmpty: 'La empresa no tiene administradores ni usuarios de empresa.',
  external: 'externo',
  agreement: {
    signed: (at: string) => `Firmado el ${at}`,
    pending: (sent: string | null) =>
      sent
        ? `Firma pedida el ${sent}, sin firmar: perfil empresa sin asignar`
        : 'Sin firmar: perfil empresa sin asignar',
    notNeeded: 'No aplica',
  },
  requests: 'Solicitudes de acceso a Portal Empresas',
  requestsEmpty: 'No hay solicitudes de acceso para esta empresa.',
  check: {
    legal_representative: 'Es representante legal',
    trf: 'Está habilitado en la TRF',
    not_signatory: 'No figura como representante legal ni en la TRF: debe rechazarse',
    company_not_adherent: 'La empresa no está adherida: no puede aprobarse',
  },
  /** The same check once the request is decided: a fact, no longer an instruction. */
  checkDecided: {
    not_signatory: 'No figura como representante legal ni en la TRF',
    company_not_adherent: 'La empresa no está adherida',
  },
  /** A request's state with its date: when it was made, or when it was decided. */
  requestState: (
    state: 'pending' | 'approved' | 'rejected',
    /** null where the request's date is shown beside it already. */
    requestedAt: string | null,
    decidedAt: string | null,
    agreementSigned: boolean,
  ) =>
    state === 'pending'
      ? requestedAt
        ? `Pendiente desde el ${requestedAt}`
        : 'Pendiente'
      : `${state === 'approved' ? 'Aprobada' : 'Rechazada'}${decidedAt ? ` el ${decidedAt}` : ''}${
          state === 'approved'
            ? agreementSigned
              ? ' · acuerdo firmado'
              : ' · acuerdo sin firmar'
            : ''
        }`,
  requestsMore: 'Cargar más',
  requestsShown: (n: number) => `Se muestran ${formatNumber(n)}; hay más.`,
  requestsLoading: 'Cargando solicitudes…',
  requestsIncomplete:
    'Faltan datos del sistema central en este equipo: puede haber solicitudes que aún no llegan.',
  approve: 'Aprobar',
  reject: 'Rechazar',
  recordRequest: 'Registrar solicitud',
  addUser: 'Agregar usuario',
  pause: 'Pausar',
  resume: 'Reanudar',
  remove: 'Eliminar acceso',
  disable: 'Inhabilitar',
  enable: 'Habilitar',
  modules: 'Módulos',
  users: 'Todas sus personas',
  usersEmpty: 'La empresa no tiene personas registradas.',
  loadMore: 'Cargar más',
  loading: 'Cargando empresa',
  /** Why an approval button is off: the register decides, not the agent. */
  cannotApprove: 'El registro de la empresa no lo permite (regla de Portal Empresas).',
  done: {
    'requests.record': 'Solicitud registrada como pendiente.',
    approve:
      'Solicitud aprobada: el correo de aprobación, con el enlace para firmar el Acuerdo de Acceso Remoto, queda en cola para enviarse desde una dirección no-reply.',
    reject: 'Solicitud rechazada.',
    /** What happened, as it happened: outsider or not, and whether the agreement mail was queued. */
    'companyUsers.add': (added: { external: boolean; onEmpresas: boolean; mailQueued: boolean }) =>
      `${added.external ? 'Usuario agregado como externo: no es trabajador de la empresa.' : 'Usuario agregado.'} ${
        !added.onEmpresas
          ? 'ACHS Gestión no tiene Acuerdo de Acceso Remoto: no se envía correo.'
          : added.mailQueued
            ? 'El correo para firmar el Acuerdo de Acceso Remoto quedó en cola de envío.'
            : 'No se puso en cola el correo para firmar el Acuerdo de Acceso Remoto: reenvíelo desde su ficha.'
      }`,
    pause: 'Acceso pausado.',
    resume: 'Acceso reanudado.',
    remove: 'Acceso eliminado.',
    disable: 'Usuario inhabilitado.',
    enable: 'Usuario habilitado.',
    'companyUsers.setModules': 'Módulos actualizados.',
  },
  dialog: {
    callerLegend: 'Quién lo pide',
    caller: 'Representante legal o administrador de accesos de la empresa que lo pide',
    callerFacts: 'Datos de quien lo pide que coincidieron',
    callerPlaceholder: 'Elija quién lo pide',
    callerHint: (n: number) => `Marque al menos ${n} datos que quien lo pide confirmó.`,
    noCallers:
      'La empresa no tiene representantes legales ni administradores de accesos registrados: nadie puede pedir este cambio. Dígale a quien llama que la empresa debe registrar primero a su representante legal; después él o ella lo pide.',
    /** A legal representative or administrator listed on the page who cannot ask (yet), and why. */
    cannotAsk: (
      name: string,
      reason: 'agreement_unsigned' | 'no_company_profile' | 'profile_not_active',
    ) =>
      reason === 'agreement_unsigned'
        ? `${name} no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).`
        : reason === 'no_company_profile'
          ? `${name} no puede pedirlo aún: no tiene perfil empresa en Portal Empresas (primero se aprueba su solicitud de acceso y firma el Acuerdo de Acceso Remoto).`
          : `${name} no puede pedirlo: su perfil de administrador de accesos no está activo.`,
    requester: 'RUT de quien solicita',
    capacity: 'Calidad que declara',
    capacityPlaceholder: 'Pregunte en qué calidad lo pide',
    capacityHint:
      'Lo que declare no decide: al resolver, el sistema revisa si es representante legal o está habilitado en la TRF.',
    reason: 'Motivo',
    rejectReasonHint:
      'Queda en la solicitud y en la auditoría. No se envía correo: dígale usted el motivo a quien solicitó.',
    userRut: 'RUT del usuario',
    // «Not here» is what the desk knows: an officer's desk holds only his companies' people, and
    // the central API keeps the data of someone it already has (company-intents, addUser).
    newPersonHint:
      'No figura en este equipo: indique sus datos; se agregará como persona externa a la empresa. Si ese RUT ya está registrado en el sistema central, se conservan sus datos de allí, y solo se agrega si el nombre indicado es el registrado (un RUT mal digitado no agrega a otra persona).',
    /** Who a typed RUT belongs to (companies.lookupPerson). */
    checkingRut: 'Buscando a quién pertenece el RUT…',
    rutOf: (name: string) => `RUT de ${name}.`,
    rutKnownHidden:
      'La persona está registrada, pero fuera de su alcance: su nombre no se muestra aquí.',
    /**
     * A requester the desk does not know is in no register of the company (rule 12 names the
     * representative and the TRF, who are on file): the request could only be rejected.
     */
    requesterUnknown:
      'Ese RUT no figura en este equipo, así que no es representante legal ni firmante del registro (TRF) de la empresa: Portal Empresas rechazaría su solicitud. Dígale que el representante legal puede darle acceso con «Agregar usuario».',
    rutAtCompany: {
      worker:
        'Es persona trabajadora de la empresa: recibirá además este perfil, y conserva los módulos que ya tiene.',
      none: 'No es persona trabajadora de la empresa: se agregará como persona externa.',
      profile: 'Ya tiene un perfil de empresa aquí: no se agrega otro.',
    },
    noModules:
      'Agregar sin módulos (no podrá usar ningún módulo hasta que un administrador de accesos pida alguno)',
    givenNames: 'Nombres',
    lastName1: 'Primer apellido',
    lastName2: 'Segundo apellido',
    email: 'Correo',
    phone: 'Celular (opcional)',
    role: 'Perfil',
    adminNeedsRepresentative:
      'En ACHS, un administrador de accesos nuevo lo nombra el representante legal de la empresa, y solo él o ella puede pedirlo. Un administrador de accesos sí puede pedir usuarios empresa.',
    roles: { company_user: 'Usuario empresa', access_admin: 'Administrador de accesos' },
    modules: 'Módulos',
    saveModules: 'Guardar módulos',
    cancel: 'Cancelar',
    missingCaller: 'quién lo pide',
    /** Nobody listed may ask yet (above, each with why): no field to fill. */
    missingAnyCaller:
      'alguien de la empresa que pueda pedirlo (vea arriba por qué nadie puede aún)',
    missingRut: 'un RUT válido',
    missingLookup: 'que termine la búsqueda del RUT',
    missingKnownRequester: 'un solicitante registrado',
    missingCapacity: 'la calidad que declara quien solicita',
    missingNotProfile: 'el RUT de alguien sin perfil de empresa aquí',
    missingRepresentative: 'que lo pida el representante legal',
    missingNotSelf:
      'que lo pida otra persona de la empresa (un administrador no se da acceso a sí mismo)',
    missingModules: 'al menos un módulo, o confirmar que se agrega sin módulos',
    missingNames: 'los nombres y el primer apellido de la persona nueva',
    missingEmail: 'un correo válido de la persona nueva (por ejemplo nombre@dominio.cl)',
    missingPhone: 'un celular válido o ninguno (por ejemplo +56 9 1234 5678)',
  },
  titles: {
    approve: (name: string) => `Aprobar la solicitud de ${name}`,
    reject: (name: string) => `Rechazar la solicitud de ${name}`,
    record: (company: string) => `Registrar una solicitud de acceso a ${company}`,
    add: (company: string) => `Agregar un usuario a ${company}`,
    pause: (name: string) => `Pausar el acceso de ${name}`,
    resume: (name: string) => `Reanudar el acceso de ${name}`,
    remove: (name: string) => `Eliminar el acceso de ${name}`,
    disable: (name: string) => `Inhabilitar a ${name}`,
    enable: (name: string) => `Habilitar a ${name}`,
    modules: (name: string) => `Módulos de ${name}`,
  },
  descriptions: {
    approve:
      'La persona recibirá un correo desde una dirección no-reply con el enlace para firmar el Acuerdo de Acceso Remoto. Hasta que firme, el perfil empresa no se le asigna.',
    reject: 'La solicitud queda rechazada con el motivo que indique.',
    record: 'La solicitud queda pendiente hasta que se resuelva.',
  },
  /**
   * Adding users, changing their access and their modules: one rule (companyRequester), one sentence.
   * On Portal Empresas the company profile is the authority, and it waits for the agreement.
   */
  callerRule: (onEmpresas: boolean) =>
    `Solo a pedido del representante legal o de un administrador de accesos de esta empresa, con su identidad verificada${
      onEmpresas ? ' y su perfil empresa asignado (Acuerdo de Acceso Remoto firmado)' : ''
    }.`,
  requestsTitle: 'Solicitudes de acceso a Portal Empresas',
  requestsFilter: 'Estado',
  requestsAll: 'Todas',
  requestsNone: 'No hay solicitudes con ese estado.',
} as const;

/** Empty sections of the person record: never a fact while the data is still arriving. */
export const recordMessages = {
  /** The record's sections, labels and column headers. */
  pickHint: 'Seleccione una persona con ↑ ↓ y Enter.',
  identity: 'Identidad',
  rut: 'RUT',
  serialNumber: 'N° de serie',
  email: 'Correo',
  phone: 'Celular',
  qualityLabel: 'Calidad',
  notRegistered: 'No registrado',
  never: 'Nunca',
  yes: 'Sí',
  no: 'No',
  accounts: 'Cuentas por portal',
  accountColumns: [
    'Portal',
    'Registro',
    'Estado',
    'Intentos fallidos',
    'Contraseña creada',
    'Correo verificado',
    'Último ingreso',
    'Acciones',
  ],
  companies: 'Empresas',
  companyColumns: [
    'Empresa',
    'Adherida',
    'Perfil',
    'Estado',
    'Vigencia',
    'Módulos',
    'Acuerdo de Acceso Remoto',
    'Acciones',
  ],
  mails: 'Últimos correos enviados',
  mailColumns: ['Fecha', 'Tipo', 'Portal', 'Destino', 'Resultado'],
  /** A company row's buttons. */
  changes: {
    disable: 'Inhabilitar',
    enable: 'Habilitar',
    pause: 'Pausar',
    resume: 'Reanudar',
    dismiss: 'Registrar baja',
    remove: 'Eliminar acceso',
  },
  /** Under the e-mail and the mobile: their last change (persons.*_changed_at / _by). */
  contactChanged: (at: string, by: string | null) => `Cambiado el ${at}${by ? ` por ${by}` : ''}`,
  /**
   * «Calidad»: affiliated worker, pensioner, both — or neither, said as it is: a company's
   * representative or user who is not affiliated does have a current tie, with that company.
   */
  quality: (person: {
    isWorker: boolean;
    isPensioner: boolean;
    companyUser: boolean;
    inRegister: boolean;
  }) =>
    // The replica does not know anyone's gender: the words fit everyone («persona …»).
    (person.isWorker && person.isPensioner
      ? 'Persona trabajadora y pensionada'
      : person.isWorker
        ? 'Persona trabajadora'
        : person.isPensioner
          ? 'Persona pensionada'
          : null) ??
    (person.companyUser
      ? 'Persona usuaria de empresa (no trabajadora ni pensionada)'
      : person.inRegister
        ? 'Representante o firmante de empresa (no trabajadora ni pensionada)'
        : 'Sin vínculo vigente'),
  noAccounts: 'No tiene cuenta en ningún portal.',
  accountsNotYet:
    'Aún no llegan sus cuentas a este equipo (la carga desde el sistema central no ha terminado).',
  noCompanies: 'No figura en ninguna empresa.',
  /** Named in a company's register without an access of hers there (rule 12). */
  registersTitle: 'En el registro de la empresa (no es un acceso):',
  register: (kind: 'legal_representative' | 'trf') =>
    kind === 'legal_representative'
      ? 'Representante legal'
      : 'Firmante en la TRF (registro de firmantes)',
  companiesNotYet:
    'Aún no llegan sus empresas a este equipo (la carga desde el sistema central no ha terminado).',
} as const;

// ---- Acting on a selection of people (issue 8, item 2) ----

type SelectionOutcomeText = {
  status: 'done' | 'skipped';
  code: string | null;
  minutes: number | null;
  state: string | null;
  message: string | null;
  portals: readonly Portal[];
  mailKind: string | null;
};

const stateText = (state: string | null) =>
  state === null
    ? 'sin membresía'
    : (membershipStateLabels[state as keyof typeof membershipStateLabels] ?? state).toLowerCase();

/** Why the action did not apply to a person, by the rule's code. */
const selectionSkips: Record<string, (o: SelectionOutcomeText) => string> = {
  not_found: () => 'No está en este equipo (RUT no encontrado).',
  out_of_scope: () => 'Fuera de su alcance: su perfil no puede actuar sobre esta persona.',
  no_account: () => 'No tiene cuenta en el portal que corresponde.',
  not_locked: () => 'No está bloqueada: no hay nada que desbloquear.',
  no_email: () => 'No tiene correo registrado: no hay a dónde enviarlo.',
  not_registered: () =>
    'No se ha registrado: primero se registra con su N° de serie y un correo (no hay contraseña que crear aún).',
  no_access: () =>
    'No tiene acceso vigente (ninguna empresa activa y adherida): una contraseña nueva no le abriría nada.',
  mail_not_applicable: () => 'Ningún correo de contraseña corresponde al estado de su cuenta.',
  cooldown: (o) =>
    `Se le envió ese correo hace poco: espere ${o.minutes ?? 1} min para no saturarla.`,
  no_membership: () => 'No pertenece a esta empresa.',
  dismissed: () => 'Tiene la baja en esta empresa: ese acceso ya terminó, no se cambia desde aquí.',
  already_disabled: () => 'Ya estaba inhabilitada en esta empresa.',
  already_enabled: () => 'Ya estaba habilitada en esta empresa.',
  paused: () =>
    'Su acceso está en pausa por decisión de la empresa: se reanuda a pedido de su representante, no se habilita aquí.',
  company_not_adherent: () => 'La empresa no está adherida: habilitarla no le daría acceso.',
  stale: () =>
    'Cambió desde la vista previa (otro agente o una sincronización): revise su ficha y vuelva a seleccionarla.',
  changed_since: (o) =>
    `Cambió después de la acción (ahora: ${stateText(o.state)}): no se deshace para no pasar por encima de ese cambio.`,
  not_processed: () => 'No se procesó: la acción se detuvo antes de llegar a esta persona.',
  failed: (o) => o.message ?? 'Error inesperado: no se aplicó. Quedó registrado para soporte.',
};

export const selectionActionLabels = {
  unlock: 'Desbloquear',
  resend_mail: 'Reenviar correo de contraseña',
  disable: 'Inhabilitar',
  enable: 'Habilitar',
} as const;

export const selectionMessages = {
  count: (n: number) => (n === 1 ? '1 seleccionada' : `${formatNumber(n)} seleccionadas`),
  barLabel: 'Acciones sobre la selección',
  listHint: 'Clic selecciona · Ctrl+clic o Espacio suma o quita · Mayús amplía · Esc limpia',
  companyListHint:
    'Clic selecciona · Ctrl+clic o Espacio suma o quita · Mayús amplía · Esc limpia · Doble clic o Enter abre la ficha',
  selectLoaded: (n: number) =>
    n === 1
      ? 'Seleccionar a la persona cargada'
      : `Seleccionar a las ${formatNumber(n)} personas cargadas`,
  selectAll: (n: number) =>
    n === 1 ? 'Seleccionar a la única persona' : `Seleccionar a las ${formatNumber(n)} personas`,
  resolving: 'Reuniendo la lista completa…',
  allSelected: (n: number) => `Están seleccionadas todas las ${formatNumber(n)}.`,
  capped: (cap: number, total: number) =>
    `Se seleccionaron las primeras ${formatNumber(cap)} de ${formatNumber(total)}: una acción llega a ${formatNumber(cap)} personas como máximo. Acote la búsqueda para las demás.`,
  searchCapped: (total: number) =>
    `La búsqueda muestra hasta ${formatNumber(total)} personas: agregue una palabra para llegar a las demás.`,
  clear: 'Limpiar selección',
  needsCompany:
    'Inhabilitar y habilitar son por empresa: filtre la búsqueda por una empresa o use la lista de la empresa.',
  dialogTitle: (action: keyof typeof selectionActionLabels, n: number) =>
    `${selectionActionLabels[action]}: ${selectionMessages.count(n)}`,
  inCompany: (name: string) => `En la empresa ${name}.`,
  previewing: 'Revisando a cada persona…',
  applies: (n: number, total: number) =>
    n === total
      ? `Se aplicará a las ${formatNumber(total)}.`
      : `Se aplicará a ${formatNumber(n)} de ${formatNumber(total)}.`,
  noneApplies: 'No se aplica a ninguna de las personas seleccionadas.',
  notApplying: (n: number) =>
    n === 1 ? 'No se aplica a 1 persona:' : `No se aplica a ${formatNumber(n)} personas:`,
  noCaller:
    'Nadie está al teléfono: no hay identidad que verificar. Cada persona recibe su propia acción, registrada en la auditoría como acción sobre una selección, sin llamante, con este motivo.',
  reasonLabel: 'Motivo: quién lo pidió y cómo (obligatorio)',
  reasonPlaceholder: 'Solicitud de la empresa por correo del 01-12-2026, ticket 4411',
  reasonMissing: 'Escriba el motivo (al menos 10 caracteres): quién lo pidió y cómo.',
  confirm: (action: keyof typeof selectionActionLabels, n: number) =>
    `${selectionActionLabels[action]} a ${n === 1 ? '1 persona' : `${formatNumber(n)} personas`}`,
  cancel: 'Cancelar',
  close: 'Cerrar',
  stop: 'Detener',
  stopping: 'Deteniendo antes de la siguiente persona…',
  progressLabel: 'Avance de la acción',
  progress: (done: number, total: number) =>
    `${formatNumber(done)} de ${formatNumber(total)} personas procesadas`,
  resultTitle: (
    action: keyof typeof selectionActionLabels,
    state: 'done' | 'cancelled' | 'interrupted' | 'running',
  ) =>
    `${selectionActionLabels[action]}: ${
      {
        done: 'acción terminada',
        cancelled: 'acción detenida',
        interrupted: 'acción interrumpida (la sesión se cerró o se bloqueó)',
        running: 'acción en curso',
      }[state]
    }`,
  resultSummary: (applied: number, skipped: number) =>
    `Aplicada a ${formatNumber(applied)} · no aplicada a ${formatNumber(skipped)}`,
  doneHeading: 'Aplicada',
  skippedHeading: 'No aplicada',
  outcomeDone: 'Aplicada',
  outcomeSkipped: 'No aplicada',
  copy: 'Copiar lista',
  copied: 'Lista copiada.',
  copyFailed: 'No se pudo copiar: use «Exportar CSV».',
  exportCsv: 'Exportar CSV',
  undo: 'Deshacer',
  undoTitle: 'Deshacer la acción',
  undoHelp: (action: 'disable' | 'enable') =>
    action === 'disable'
      ? 'Se habilita de nuevo a quienes esta acción inhabilitó, salvo a quien haya cambiado desde entonces.'
      : 'Se inhabilita de nuevo a quienes esta acción habilitó, salvo a quien haya cambiado desde entonces.',
  undoReason: (reason: string) => `Deshacer: ${reason}`.slice(0, 500),
  undone: 'Esta acción ya se deshizo.',
  sent: 'en cola de envío',
  csvHeaders: ['RUT', 'Nombre', 'Resultado', 'Detalle'],
  /** One person's line of the report. */
  outcomeDetail: (o: SelectionOutcomeText, action?: keyof typeof selectionActionLabels): string => {
    if (o.status === 'skipped')
      return (selectionSkips[o.code ?? 'failed'] ?? selectionSkips['failed']!)(o);
    if (o.mailKind) {
      return `${mailKindLabels[o.mailKind as keyof typeof mailKindLabels] ?? o.mailKind}, ${o.portals.map((p) => portalLabels[p]).join(', ')}: en cola de envío.`;
    }
    if (o.portals.length > 0)
      return `Desbloqueada: ${o.portals.map((p) => loginLabels[p]).join('; ')}.`;
    if (action === 'disable') return 'Inhabilitada en la empresa.';
    if (action === 'enable') return 'Habilitada en la empresa.';
    return 'Aplicada.';
  },
};
/** Sync at scale (issue 11): an officer's companies changing, a shared desk's queues. */
export const syncScaleMessages = {
  scopeChange: (done: number, total: number) =>
    `Cambio de empresas asignadas: ${formatNumber(done)} de ${formatNumber(total)} registros`,
  scopeChangeLabel: 'Cambio de empresas asignadas',
  badgeScope: (percent: number) => `empresas asignadas ${percent} %`,
  pendingOf: (name: string, n: number) =>
    `${name}: ${n} ${n === 1 ? 'acción en espera' : 'acciones en espera'}`,
  mine: '(usted)',
  waitsForAgent: (n: number) =>
    `${n === 1 ? 'Espera' : 'Esperan'} que este agente vuelva a ingresar en este equipo.`,
  reassignedTo: (name: string, n: number) =>
    n === 1
      ? `Reasignada a ${name}: se envía con su sesión.`
      : `Reasignadas a ${name}: se envían con su sesión.`,
  reassign: 'Reasignar a mi nombre',
  reassignTitle: (name: string) => `Reasignar las acciones de ${name}`,
  reassignExplain: (n: number, name: string) =>
    n === 1
      ? `La acción en espera de ${name} se enviará al sistema central con la sesión de usted, y bajo su responsabilidad. El sistema central registra que la decidió ${name} y que usted la envió, con el motivo. Hágalo solo si ${name} no volverá a este equipo.`
      : `Las ${formatNumber(n)} acciones en espera de ${name} se enviarán al sistema central con la sesión de usted, y bajo su responsabilidad, en el mismo orden. El sistema central registra que las decidió ${name} y que usted las envió, con el motivo. Hágalo solo si ${name} no volverá a este equipo.`,
  reassignReason: 'Motivo',
  reassignReasonHint: 'Por ejemplo: dejó la empresa, cambio de turno permanente.',
  reassignConfirm: 'Reasignar y enviar',
  reassignCancel: 'Cancelar',
  /** `held`: this desk cannot sync now (actions-held.ts): they leave when it can. */
  reassignDone: (n: number, held: boolean) =>
    `${n === 1 ? 'Se reasignó 1 acción: se enviará' : `Se reasignaron ${n} acciones: se enviarán`} con su sesión${
      held ? ' cuando este equipo se sincronice' : ''
    }.`,
  reassignHeld: (n: number) =>
    n === 1
      ? 'Este equipo no se está sincronizando ahora: queda en él, a su nombre, y sale cuando se sincronice.'
      : 'Este equipo no se está sincronizando ahora: quedan en él, a su nombre, y salen cuando se sincronice.',
  reassignNone: 'Ese agente no tiene acciones en espera en este equipo.',
} as const;

/**
 * Device trust (issue 11): a revoked device, a duplicated one, and sign-in attempts refused for
 * a while.
 */
export const deviceTrustMessages = {
  /**
   * The central API counts failed sign-ins per user (on any computer) and per computer: the
   * agent whose first try here is refused learns why. `at`: the clock time it ends.
   */
  tryAgainIn: (minutes: number, at?: string) => {
    const n = Math.max(1, Math.ceil(minutes));
    const wait = `${n} ${n === 1 ? 'minuto' : 'minutos'}`;
    return `Demasiados intentos fallidos con este usuario o en este equipo (cuentan también los hechos en otros equipos). Intente de nuevo ${
      at ? `a las ${at} (en ${wait})` : `en ${wait}`
    }; si no recuerda su contraseña, avise a su supervisor.`;
  },
  revokedTitle: 'Este equipo fue revocado',
  revokedIntro:
    'Un supervisor revocó este equipo: ya no sincroniza y los datos de personas se borraron de él.',
  revokedSaved: (actions: number) =>
    actions === 0
      ? 'No quedaban acciones sin enviar.'
      : actions === 1
        ? 'La acción que no alcanzó a enviarse quedó guardada en este archivo:'
        : `Las ${formatNumber(actions)} acciones que no alcanzaron a enviarse quedaron guardadas en este archivo:`,
  revokedWhatToDo: (actions: number) =>
    `${
      actions === 0
        ? ''
        : `Está cifrado con la clave de este equipo: con «Guardar una copia del archivo» obtenga una copia legible y entréguela a su supervisor para que ${actions === 1 ? 'la revise y la registre' : 'las revise y las registre'}. No borre el original. `
    }Si la revocación fue un error y el equipo sigue en manos de la mesa, «Inscribir como equipo nuevo» le da una identidad nueva: al ingresar se cargan los datos de nuevo (el archivo no se toca). Si el equipo se perdió o no es de confianza, no lo use y avise a su supervisor.`,
  /** Saves a copy of the file where the agent chooses (the web door: a download). */
  revokedDownload: 'Guardar una copia del archivo',
  revokedSignIn:
    'Un supervisor revocó este equipo: no se puede ingresar. Lea el aviso en esta pantalla.',
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

/** The dialog of a decision that needs only a reason (components/ReasonDialog.tsx). */
export const reasonDialogMessages = {
  reason: 'Motivo',
  missingReason: (min: number) =>
    min <= 1 ? 'el motivo' : `un motivo de al menos ${min} caracteres`,
  cancel: 'Cancelar',
  failed: 'No se pudo completar. Intente de nuevo.',
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
  revoke: 'Revocar…',
  revokeLabel: (device: string) => `Revocar el equipo ${device}`,
  thisOne: 'Revóquelo desde otro equipo',
  revokeTitle: (device: string) => `Revocar el equipo ${device}`,
  revokeExplain: (signedIn: string[]) =>
    `${
      signedIn.length === 0
        ? 'No tiene sesiones vigentes.'
        : `Se cerrarán las sesiones vigentes de ${signedIn.join(', ')}.`
    } El equipo deja de sincronizar de inmediato y, en cuanto se conecte, borra los datos de personas; las acciones que no alcanzó a enviar quedan guardadas en un archivo en ese equipo, para revisarlas y registrarlas. No se puede deshacer: para volver a usarlo habrá que inscribirlo como equipo nuevo.`,
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
    facts: 'Datos del registro comparados en la llamada',
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
    'otro método de verificación: por correo o portal no hay a quién preguntarle los datos (use un documento firmado o la ClaveÚnica)',
  missingDetail: (min: number) => `qué pide el titular (al menos ${min} caracteres)`,
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
  blockingNote:
    'Un bloqueo temporal se aplica al registrarlo: mientras dure, nada puede modificar los datos de la persona salvo las acciones de su propia solicitud. Se responde dentro de 2 días hábiles.',
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
  /** A request registered from this list: the titular's RUT opens the form (RegisterRequestForm). */
  registerTitle: 'Registrar una solicitud',
  registerRut: 'RUT del titular',
  registerButton: 'Registrar solicitud…',
  registerHint:
    'Se abre el registro con los datos de la persona para verificar su identidad. Si no sabe su RUT, búsquela por nombre (Ctrl+K) y registre la solicitud desde su ficha.',
  registerEmpty: 'Escriba el RUT del titular.',
  registerNotFound: (rut: string) =>
    `No hay una persona con el RUT ${rut} en esta mesa. Revise el RUT con el titular, o búsquela por nombre (Ctrl+K).`,
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
  daysLeft: (n: number, business: boolean) => {
    const days = (k: number) =>
      business ? (k === 1 ? 'día hábil' : 'días hábiles') : k === 1 ? 'día' : 'días';
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
  reasonHint: 'Obligatorio para prorrogar o denegar.',
  confirmMove: 'Confirmar',
  moved: (number: string, state: string) => `Solicitud ${number}: ${state}.`,
  exportButton: 'Exportar datos (HTML y JSON)',
  exporting: 'Exportando los datos de la persona…',
  exported: (rows: number) =>
    `Exportación lista: ${formatNumber(rows)} registros. Descargue el informe y el archivo de datos.`,
  downloadHtml: 'Descargar informe (HTML)',
  downloadJson: 'Descargar datos (JSON)',
  shownInFolder: 'Copia guardada: se muestra en su carpeta.',
  downloaded: (fileName: string) => `Copia descargada: ${fileName}.`,
  downloadFailed:
    'La descarga se cortó: el archivo de la exportación está dañado o no se abre con la clave de este equipo. Exporte de nuevo.',
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
  noExports: 'Aún no se ha exportado nada para esta solicitud.',
  unblockButton: 'Desbloquear',
  unblockReason: 'Motivo del desbloqueo',
  unblocked: (number: string) => `Bloqueo de la solicitud ${number} terminado.`,
  banner: (number: string, since: string) =>
    `Persona bloqueada temporalmente (Ley 21.719) desde el ${since}, por la solicitud ${number}. Hasta que se desbloquee, nada modifica sus datos salvo las acciones de sus solicitudes Ley 21.719 abiertas (por ejemplo, la corrección de una rectificación).`,
  recordRequests: 'Solicitudes Ley 21.719 de esta persona',
  noRecordRequests: 'Sin solicitudes Ley 21.719.',
  rectifyHint:
    'Rectificación: corrija el correo o el celular con «Editar contacto» indicando esta solicitud; el cambio queda vinculado a ella.',
  rectifyLink: 'Vincular a la solicitud de rectificación',
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
  flagSoon: (n: number) => `vence en ${n} días hábiles o menos`,
} as const;

/** The export's own words (the HTML report a titular receives). */
export const dataExportTexts = {
  title: (number: string) => `Datos personales — solicitud ${number}`,
  intro:
    'Informe de los datos personales que la mesa de ayuda mantiene sobre el titular, emitido en respuesta a su solicitud (Ley 21.719). Puede imprimirse o guardarse como PDF desde el navegador.',
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
    calls: 'Llamadas y visitas',
    dataRequests: 'Solicitudes Ley 21.719',
    auditEvents: 'Registro de auditoría sobre el titular',
  },
  columns: {
    rut: 'RUT',
    givenNames: 'Nombres',
    lastNames: 'Apellidos',
    email: 'Correo',
    phone: 'Celular',
    serialNumber: 'N° de serie de la cédula (enmascarado)',
    isWorker: 'Trabajador',
    isPensioner: 'Pensionado',
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
  company: 'Ficha de la empresa',
  data_requests: 'Solicitudes Ley 21.719',
  reload: 'Actualización de la ficha abierta',
};

export const exportFormatLabels: Record<string, string> = {
  spreadsheet: 'Planilla (CSV para Excel)',
  machine: 'CSV técnico (con hashes)',
  // A Ley 21.719 export's copy (data_request.download).
  html: 'Informe (HTML)',
  json: 'Datos (JSON)',
};

export const privacyMessages = {
  viewersButton: 'Quién consultó esta ficha',
  viewersTitle: (name: string) => `Quién consultó la ficha de ${name}`,
  viewersCaption:
    'Consultas de esta ficha registradas en la auditoría de este equipo, las más recientes primero. Fechas y horas de Chile. Volver a leer la ficha abierta (tras una acción o una sincronización) en la misma llamada, o sin llamada dentro de 30 minutos, no cuenta como otra consulta.',
  viewersColumns: { at: 'Fecha', agent: 'Agente', via: 'Desde', reason: 'Motivo de la llamada' },
  viewersNone: 'Nadie ha consultado esta ficha en este equipo.',
  viewersRegion: 'Consultas de la ficha',
  viewersLoading: 'Cargando consultas…',
  viewersFailed: 'No se pudo leer quién consultó esta ficha.',
  viewersMore: (shown: number, total: number) =>
    `Se muestran las ${formatNumber(shown)} consultas más recientes de ${formatNumber(total)}. El resto está en Auditoría.`,
  viewersNoCall: 'Sin llamada abierta',
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
  anchorNone:
    'Respaldo en el sistema central: este equipo aún no ha enviado puntos de control de su auditoría, así que solo se verificó la cadena local (que no detecta un archivo reescrito por completo). Se enviarán en la próxima sincronización con el sistema central.',
  anchorAgrees: (anchors: number, lastSeq: number, when: string, unanchored: number) =>
    `Respaldo en el sistema central: coincide con ${anchors === 1 ? 'el punto de control guardado' : `los ${formatNumber(anchors)} puntos de control guardados`} allí; el último, en el evento #${lastSeq}, del ${when}.${
      unanchored > 0
        ? ` ${unanchored === 1 ? 'El evento posterior se respaldará' : `Los ${formatNumber(unanchored)} eventos posteriores se respaldarán`} en la próxima sincronización.`
        : ''
    }`,
  anchorDisagrees: (seq: number, when: string, problem: 'hash_differs' | 'event_missing') =>
    `Respaldo en el sistema central: la cadena NO coincide. El evento #${seq}, respaldado el ${when}, ${
      problem === 'hash_differs'
        ? 'es distinto en este equipo: la auditoría fue reescrita desde ese evento o antes'
        : 'ya no está en este equipo: se eliminaron eventos'
    }. Conserve el archivo tal como está y avise a seguridad de la información.`,
} as const;

/** The anchor check's sentence, for the audit screen and `npm run audit:verify`. */
export function anchorReportText(
  report:
    | { state: 'none' }
    | {
        state: 'agrees';
        anchors: number;
        lastSeq: number;
        lastAnchoredAt: string;
        unanchored: number;
      }
    | {
        state: 'disagrees';
        seq: number;
        anchoredAt: string;
        problem: 'hash_differs' | 'event_missing';
      },
): string {
  switch (report.state) {
    case 'none':
      return privacyMessages.anchorNone;
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
// ---- Bulk loads (issue 8) ----

/** The "Cargas masivas" screen, its files, previews, batches and reports. */
export const bulkMessages = {
  tab: 'Cargas masivas',
  title: 'Cargas masivas',
  intro:
    'Cargue el archivo que envía una empresa (RUT; correo; estado habilitado o inhabilitado), en CSV de Excel o .xlsx. Antes de cambiar nada verá qué pasará con cada fila.',
  company: 'Empresa (RUT)',
  companyHint: 'Por ejemplo 78.901.234-2',
  /** The field is empty or unreadable when the preview is asked for. */
  companyMissing:
    'Escriba el RUT de la empresa, con su dígito verificador (78.901.234-2) o solo sus números (78901234).',
  /** A valid RUT that is no company's on this desk, said as it is typed. */
  companyNotHere: (rut: string) =>
    `El RUT ${rut} no es de ninguna empresa de este equipo: revise el número.`,
  fileMissing: 'Elija el archivo que envió la empresa.',
  failed: 'No se pudo completar: intente de nuevo.',
  file: 'Archivo (.csv o .xlsx)',
  drop: 'o arrastre el archivo aquí',
  noFile: 'Ningún archivo elegido',
  undoReason: 'Motivo de la reversión',
  chooseFile: 'Elegir archivo',
  preview: 'Ver vista previa',
  reading: 'Leyendo el archivo…',
  openFromCompany: 'Cargar archivo',
  fileError: (problem: string, p: Record<string, string | number> = {}): string => {
    switch (problem) {
      case 'empty':
        return 'El archivo está vacío: no tiene filas con datos.';
      case 'too_large':
        return `El archivo pesa más de ${p['megabytes']} MB, el máximo para una carga. Divídalo en varios archivos.`;
      case 'too_many_rows':
        return `El archivo tiene ${formatNumber(Number(p['rows']))} filas; el máximo por carga es ${formatNumber(Number(p['max']))}. Divídalo en varios archivos.`;
      case 'binary':
        return 'El archivo no es texto ni una planilla: puede ser otro tipo de archivo con el nombre cambiado. Guárdelo desde Excel como «CSV (delimitado por comas)» o «Libro de Excel (.xlsx)».';
      case 'old_excel':
        return 'Es una planilla .xls antigua: guárdela desde Excel como «Libro de Excel (.xlsx)» o como CSV.';
      case 'unreadable_xlsx':
        return 'No se pudo leer la planilla .xlsx: puede estar dañada o protegida con contraseña.';
      case 'unreadable_csv':
        return `No se pudo leer el CSV (cerca de la línea ${p['line']}): revise las comillas.`;
      case 'no_header':
        return `No se encontró la fila de títulos en las primeras ${p['rows'] ?? 10} filas: el archivo debe tener una columna «RUT» y al menos una de «Correo» o «Estado».`;
      case 'repeated_column':
        return p['first'] === p['second']
          ? `La columna «${p['first']}» aparece dos veces: deje solo la que corresponde y cargue el archivo de nuevo.`
          : `Las columnas «${p['first']}» y «${p['second']}» dicen lo mismo: deje solo la que corresponde y cargue el archivo de nuevo.`;
      default:
        return 'No se pudo leer el archivo.';
    }
  },
  tooLargeHere: (megabytes: number) =>
    `El archivo pesa más de ${megabytes} MB, el máximo para una carga. Divídalo en varios archivos.`,
  previewGone: 'La vista previa ya no está disponible: cargue el archivo de nuevo.',
  fileChanged:
    'El archivo cambió (o se movió) después de elegirlo, y ya no se puede leer: elíjalo de nuevo.',
  busy: (agent: string, since: string) =>
    `Ya hay una carga en curso para esta empresa (de ${agent}, iniciada el ${since}). Espere a que termine, o reanúdela o ciérrela en «Cargas masivas».`,
  nothingToApply: 'Ninguna fila cambia algo: no hay nada que aplicar.',
  notUndoable: (why: string) =>
    ({
      already_undone: 'Esa carga ya se deshizo.',
      is_undo: 'Una reversión no se deshace: cargue el archivo de nuevo si hace falta.',
      running: 'La carga sigue aplicándose: espere a que termine o cancélela antes de deshacerla.',
      nothing: 'Esa carga no cambió nada: no hay nada que deshacer.',
    })[why] ?? 'Esa carga no se puede deshacer.',
  notInterrupted: 'Esa carga no está interrumpida.',
  companyUnknown: 'Esa empresa no está en este equipo.',
  summary: (rows: number, file: string, company: string) =>
    `${formatNumber(rows)} ${rows === 1 ? 'fila' : 'filas'} de «${file}» para ${company}`,
  readAs: (format: string, encoding: string | null) =>
    format === 'xlsx'
      ? 'Leído como planilla .xlsx'
      : `Leído como CSV (${encoding === 'windows-1252' ? 'Windows-1252' : encoding === 'utf-16le' ? 'UTF-16' : 'UTF-8'})`,
  notAdherent:
    'La empresa no está adherida: ninguno de sus usuarios puede acceder (regla 6), así que la carga no aplica cambios.',
  filters: {
    all: 'Todas',
    new_email: 'Correo nuevo',
    enable: 'Habilitar',
    disable: 'Inhabilitar',
    nothing: 'Sin cambios',
    duplicate: 'Repetidas iguales',
    refused: 'Con problemas',
  } as Record<string, string>,
  filterLabel: 'Mostrar',
  columns: {
    line: 'Fila',
    rut: 'RUT',
    email: 'Correo',
    state: 'Estado',
    outcome: 'Qué pasará',
    result: 'Resultado',
    fileData: 'Otros datos del archivo',
    fileDataUndo: 'Lo que la carga había puesto',
  },
  refusals: {
    invalid_rut: 'RUT inválido (dígito verificador incorrecto o formato no reconocido)',
    // Rule 5.
    not_registered:
      'RUT no registrado: la persona no figura en ninguna empresa adherida, y una carga no crea personas. La empresa debe incorporarla antes (su encargado de prevención).',
    not_in_company: 'La persona no pertenece a esta empresa',
    other_company: 'El RUT es de una persona de otra empresa, no de esta',
    invalid_email: 'Correo inválido',
    invalid_state: 'Estado no reconocido: use «habilitado» o «inhabilitado»',
    duplicate_conflict: 'RUT repetido en el archivo con valores distintos',
    company_not_adherent: 'La empresa no está adherida',
    dismissed: 'La persona fue dada de baja en esta empresa',
    paused: 'El acceso está en pausa: se reanuda desde la ficha de la empresa',
    empty_row: 'La fila no indica correo ni estado',
    person_blocked:
      'La persona tiene un bloqueo temporal vigente (Ley 21.719): ninguna carga cambia sus datos mientras dure. Revise su solicitud en «Ley 21.719».',
    changed_since: 'Cambió desde la vista previa (o desde la carga): no se sobrescribe',
    person_gone: 'La persona ya no está en este equipo',
    no_membership: 'La persona ya no pertenece a esta empresa',
    forbidden: 'Sin permiso para este cambio',
    cannot_restore:
      'No se puede restaurar: el valor anterior era vacío o una pausa, que una carga no repone',
    cannot_restore_email:
      'No se restaura: antes no tenía correo, y nadie queda sin correo por deshacer una carga (sin correo no puede registrarse ni recuperar su contraseña)',
    cannot_restore_pause:
      'No se restaura: el acceso estaba en pausa, y una pausa la decide la empresa (se pausa desde su página, a pedido de su representante)',
    invalid_transition: 'Ese cambio de estado no es posible desde el estado actual',
    already: 'Ya estaba así: nada que cambiar',
    nothing: 'Sin cambios: ya estaba así',
    duplicate: 'Repetida en el archivo: se aplicó una vez',
    not_applied: 'No se aplicó (la carga se canceló o se interrumpió antes)',
  } as Record<string, string>,
  /** `already`: the state the file asked for, which the person already has. */
  change: (
    email: { from: string | null; to: string } | null,
    state: string | null,
    already: 'active' | 'disabled' | null = null,
  ) =>
    [
      email ? `Correo: ${email.from ?? '(sin correo)'} → ${email.to}` : null,
      // reversePlan: nobody is left without an e-mail by an undo.
      email && email.from === null ? 'no se podrá deshacer' : null,
      state === 'active' ? 'Habilitar' : state === 'disabled' ? 'Inhabilitar' : null,
      state === null && already === 'active' ? 'ya está habilitado' : null,
      state === null && already === 'disabled' ? 'ya está inhabilitado' : null,
    ]
      .filter(Boolean)
      .join(' · '),
  nothing: 'Sin cambios: ya está así',
  /** Before applying: what «Deshacer esta carga» would leave (reversePlan). */
  irreversible: (n: number) =>
    `${n === 1 ? '1 fila da' : `${formatNumber(n)} filas dan`} correo a quien no tenía: «Deshacer esta carga» no podrá quitarlo (una carga no deja a nadie sin correo).`,
  duplicate: (line: number) => `Repetida (igual que la fila ${line}): se aplica una vez`,
  totalsLabel: 'Totales',
  downloadFailed: 'Descargar filas con problemas',
  failedReasonHeader: 'Motivo',
  failedFilename: (file: string) => `${file.replace(/\.(csv|xlsx)$/i, '')}-con-problemas.csv`,
  reason: 'Motivo de la carga',
  reasonHint:
    'Por ejemplo: archivo enviado por la empresa el 20-11-2026, correo de la jefa de RR.HH.',
  apply: (n: number) => `Aplicar ${formatNumber(n)} ${n === 1 ? 'cambio' : 'cambios'}`,
  applying: 'Aplicando la carga…',
  /** Of the rows the preview found something to apply to, not of the file's rows. */
  progress: (done: number, total: number) =>
    `${formatNumber(done)} de ${formatNumber(total)} ${total === 1 ? 'fila aplicable' : 'filas aplicables'}`,
  progressLabel: 'Avance de la carga',
  cancel: 'Cancelar la carga',
  cancelling: 'Cancelando…',
  states: {
    preparing: 'Preparándose',
    applying: 'Aplicándose',
    interrupted: 'Interrumpida',
    cancelled: 'Cancelada',
    done: 'Terminada',
    closed: 'Cerrada sin terminar',
  } as Record<string, string>,
  kinds: { load: 'Carga', undo: 'Reversión' } as Record<string, string>,
  counts: (applied: number, refused: number, skipped: number) =>
    `${count(applied, 'aplicada', 'aplicadas')} · ${count(refused, 'rechazada', 'rechazadas')} · ${formatNumber(skipped)} sin cambios`,
  reportTitle: 'Resultado por fila',
  report: {
    applied: 'Aplicada (por enviar al sistema central)',
    restored: 'Restaurada (por enviar al sistema central)',
    confirmed: 'Aplicada y confirmada por el sistema central',
    restoredConfirmed: 'Restaurada y confirmada por el sistema central',
    conflict: 'En conflicto en el sistema central: revísela en Sincronización',
    rejected: 'Rechazada por el sistema central: revísela en Sincronización',
    resolved: 'Resuelta en Sincronización',
    refused: 'Rechazada',
    skipped: 'Sin cambios',
    pending: 'No aplicada',
  } as Record<string, string>,
  /** A row's status in a batch's result: a reversal's rows were restored, not applied. */
  reportStatus: (status: string, kind: string): string => {
    const undo = kind === 'undo';
    const key =
      undo && status === 'applied'
        ? 'restored'
        : undo && status === 'confirmed'
          ? 'restoredConfirmed'
          : status;
    return bulkMessages.report[key] ?? status;
  },
  reportFilters: {
    all: 'Todas',
    applied: 'Aplicadas',
    refused: 'Rechazadas',
    skipped: 'Sin cambios',
    pending: 'No aplicadas',
    conflict: 'Conflicto o rechazo central',
  } as Record<string, string>,
  exportReport: 'Exportar resultado (CSV)',
  reportFilename: (file: string, kind: string) =>
    `${file.replace(/\.(csv|xlsx)$/i, '')}-${kind === 'undo' ? 'reversion' : 'resultado'}.csv`,
  resultHeader: 'Resultado',
  undo: 'Deshacer esta carga',
  undoTitle: 'Deshacer la carga',
  undoExplain:
    'Se restaura fila por fila lo que la carga cambió. Un correo restaurado vuelve confirmado en los portales donde ya lo estaba, sin correo de confirmación. Las filas que cambiaron otra vez después no se tocan y quedan listadas.',
  undoConfirm: 'Deshacer',
  undoneBy: 'Deshecha por una reversión',
  resume: 'Reanudar',
  close: 'Cerrar sin aplicar el resto',
  interruptedNotice:
    'Esta carga se interrumpió (el programa se cerró mientras se aplicaba). Las filas ya aplicadas quedaron guardadas; puede reanudarla o cerrarla dejando el resto sin aplicar.',
  history: 'Cargas anteriores',
  historyEmpty: 'Aún no hay cargas en este equipo.',
  open: 'Ver',
  newLoad: 'Nueva carga',
  back: 'Volver a las cargas',
  doneNotice: (applied: number) =>
    `Carga terminada: ${formatNumber(applied)} ${applied === 1 ? 'fila aplicada' : 'filas aplicadas'}.`,
  cancelledNotice: 'Carga cancelada: lo aplicado hasta ahora quedó guardado y se informa abajo.',
  undoneNotice: 'Carga deshecha: revise abajo las filas que no se pudieron restaurar.',
  undoneAll: 'Carga deshecha: todas las filas se restauraron.',
  empty: 'No hay filas con ese filtro.',
  supervisorsOnly: 'Solo un supervisor puede aplicar cargas masivas.',
  by: (agent: string, at: string) => `por ${agent}, ${at}`,
} as const;

// ---- The supervisor's Panel, the Llamadas list's filters and the audit's device (issue 10) ----

/** A diagnosis cause in a word or three: the Panel's chart and the audit's record views. */
export const causeShortLabels: Record<CauseCode, string> = {
  other_companies_open: 'Sin acceso a una empresa, sí a otras',
  affiliate_profile_open: 'Sigue entrando a Portal Héroes',
  not_in_replica: 'RUT no registrado',
  no_membership: 'Sin empresa adherida',
  company_not_adherent: 'Empresa no adherida',
  dismissed: 'Desvinculado',
  membership_disabled: 'Acceso inhabilitado',
  membership_paused: 'Acceso pausado',
  registration_blocked: 'Registro bloqueado',
  temporarily_locked: 'Bloqueo temporal',
  no_email: 'Sin correo',
  mail_bounced: 'Correo rebotado',
  password_link_unused: 'Enlace de contraseña sin usar',
  email_unverified: 'Correo sin verificar',
  agreement_unsigned: 'Acuerdo sin firmar',
  access_request_rejected: 'Solicitud de acceso rechazada',
  access_request_pending: 'Solicitud de acceso pendiente',
  not_registered: 'No registrado',
  first_access_used: 'Clave de primer ingreso ya usada',
  first_access_key: 'Primer ingreso a Portal Empresas',
  usual_password: 'Entra con su contraseña de siempre',
  achs_virtual_keys: 'Claves ACHS Virtual y Gestión distintas',
};

const count = (n: number, one: string, many: string) =>
  n === 1 ? `1 ${one}` : `${formatNumber(n)} ${many}`;

/** How long something has waited: `12 min`, `3 h 5 min`, `2 días`. */
export function waitedText(minutes: number): string {
  if (minutes < 1) return 'menos de 1 min';
  if (minutes < 60) return `${Math.floor(minutes)} min`;
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = Math.floor(minutes % 60);
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return count(Math.floor(minutes / (24 * 60)), 'día', 'días');
}

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

export const dashboardMessages = {
  tab: 'Panel',
  title: 'Panel de supervisión',
  range: 'Período',
  ranges: { today: 'Hoy', '7d': 'Últimos 7 días', '30d': 'Últimos 30 días' },
  rangeHint: 'Con el foco en los períodos (llegue con Tab), ← → cambian de período.',
  period: (first: string, last: string) =>
    first === last ? `${first}, horario de Chile` : `Del ${first} al ${last}, horario de Chile`,
  updated: (time: string) => `Actualizado a las ${time}.`,
  /** Calls and the audit stay on the desk that recorded them; Ley 21.719 requests sync. */
  scope:
    'Cuenta las llamadas y visitas, acciones y causas registradas en este equipo, y su cola de sincronización; las solicitudes Ley 21.719 son las de todos los equipos.',
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
    supervision: { title: 'Supervisión e intentos rechazados', key: 'Evento', value: 'Veces' },
    causes: {
      title: `Las ${DASHBOARD_TOP_CAUSES} causas más frecuentes del diagnóstico`,
      key: 'Causa',
      value: 'Personas',
    },
    sync: { title: 'Cola de sincronización', key: 'Estado', value: 'Acciones' },
    dataRequests: {
      title: 'Solicitudes Ley 21.719 abiertas, por plazo',
      key: 'Plazo',
      value: 'Solicitudes',
    },
  },
  dataRequests: {
    overdue: 'Vencidas',
    dueSoon: (days: number) => `Vencen en ${count(days, 'día hábil', 'días hábiles')} o menos`,
    later: 'En plazo',
    total: (n: number) => count(n, 'solicitud abierta', 'solicitudes abiertas'),
    /** A block outlives its closed request until someone lifts it (Desbloquear). */
    blocksAfterClose: (n: number) =>
      `${n === 1 ? '1 persona sigue' : `${formatNumber(n)} personas siguen`} con bloqueo temporal aunque su solicitud ya se cerró: revise en Ley 21.719 si corresponde desbloquear.`,
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
    'Personas distintas a las que el diagnóstico de su ficha mostró la causa, al abrirla en el período.',
  actionsNote:
    'Sin contar las fichas vistas, la apertura y cierre de llamadas y visitas, ni la supervisión y los intentos rechazados (que se cuentan aparte).',
  supervisionNote:
    'Exportaciones de la auditoría, cambios de la dirección central, equipos revocados, empresas asignadas o quitadas, acciones reasignadas, e intentos de ver datos fuera de las empresas propias.',
  noSupervision: 'Sin eventos de supervisión ni intentos rechazados en este período.',
  events: (n: number) => count(n, 'evento', 'eventos'),
  actions: (n: number) => count(n, 'acción', 'acciones'),
  causes: (n: number) => count(n, 'causa distinta', 'causas distintas'),
  /** When there were more causes than the chart shows. */
  causesShown: (n: number, shown: number) =>
    `${count(n, 'causa distinta', 'causas distintas')}; se muestran las ${shown} más frecuentes`,
  sync: {
    pending: 'Pendientes de enviar',
    conflicts: 'Conflictos',
    rejected: 'Rechazadas',
    oldest: (waited: string) => `La más antigua espera hace ${waited}.`,
    nothingWaiting: 'Nada pendiente de enviar.',
    note: 'Estado actual, no depende del período.',
    total: (pending: number, issues: number) =>
      `${count(pending, 'acción pendiente', 'acciones pendientes')}; ${issues === 0 ? 'ninguna requiere revisión' : count(issues, 'requiere revisión', 'requieren revisión')}`,
  },
} as const;

export const callFilterMessages = {
  agent: 'Agente',
  allAgents: 'Todos',
  from: 'Desde (dd-mm-aaaa)',
  to: 'Hasta (dd-mm-aaaa)',
  clear: 'Limpiar',
  count: (n: number) => count(n, 'llamada', 'llamadas'),
  range: (first: number, last: number) => `${formatNumber(first)}–${formatNumber(last)}`,
  pager: 'Páginas de llamadas',
  previous: 'Anterior',
  next: 'Siguiente',
  emptyFiltered: 'No hay llamadas con estos filtros.',
  loading: 'Cargando llamadas…',
} as const;

/** The Llamadas list's filters and pager for a prevention officer's visits. */
export const visitFilterMessages: Wording<typeof callFilterMessages> = {
  ...callFilterMessages,
  count: (n: number) => count(n, 'visita', 'visitas'),
  pager: 'Páginas de visitas',
  emptyFiltered: 'No hay visitas con estos filtros.',
  loading: 'Cargando visitas…',
};

/** The words of calls, or of visits for a prevention officer. */
/** What the central API did with an action listed (a call's, a request's), when not simply applied. */
export const actionSyncWords: Record<'pending' | 'conflict' | 'rejected' | 'resolved', string> = {
  pending: 'pendiente de sincronizar',
  conflict: 'en conflicto: por revisar en Sincronización',
  rejected: 'rechazada por el sistema central',
  // Either way: the central's value kept, or the agent's sent again as a new action.
  resolved: 'resuelta en Sincronización',
};

/**
 * One action under a call or visit: its label, on whom when not the call's person, and whether
 * the central API applied it («Cambió datos de contacto (rechazada por el sistema central)»).
 */
export function callActionText(
  action: { action: string; personRut: string | null; sync: keyof typeof actionSyncWords | null },
  callPersonRut: string | null,
  showRut: (rut: string) => string,
): string {
  const notes = [
    action.personRut && action.personRut !== callPersonRut ? showRut(action.personRut) : null,
    action.sync ? actionSyncWords[action.sync] : null,
  ].filter((note) => note !== null);
  const label = actionLabels[action.action] ?? action.action;
  return notes.length > 0 ? `${label} (${notes.join('; ')})` : label;
}

export function interactionWords(role: string | undefined) {
  return role === 'prevention'
    ? { bar: visitMessages, filters: visitFilterMessages }
    : { bar: callMessages as InteractionWords, filters: callFilterMessages };
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

// ---- The central API's texts ----
// Why an action was not applied, and what an HTTP error means: devices show these as they are,
// so they speak to the agent, not to a programmer.

/** Why the server did not apply a queued action (MutationResult.message). */
export const rejectionMessages: Record<RejectionCode, string> = {
  unknown_kind:
    'El servidor no reconoce este tipo de acción. Actualice la aplicación y vuelva a intentarlo.',
  invalid_payload: 'La acción llegó incompleta o con datos inválidos y no se aplicó.',
  entity_gone: 'La persona, cuenta o membresía ya no existe en el sistema central.',
  forbidden: 'No tiene permiso para realizar esta acción sobre esta persona o empresa.',
  no_email: 'La persona no tiene correo registrado: no se puede enviar el correo.',
  invalid_email: 'El correo indicado no es válido.',
  invalid_phone: 'El teléfono indicado no es un celular chileno válido.',
  mail_not_applicable: 'Ese correo no corresponde al estado actual de la cuenta y no se envió.',
  email_changed:
    'No se envió: la dirección registrada en el sistema central no es la que se vio en este equipo al pedirlo (otro agente o equipo la cambió, o un cambio hecho aquí no llegó). Revise su ficha y reenvíelo si corresponde.',
  stale_command:
    'La acción esperó demasiado tiempo antes de llegar al servidor y el correo no se envió. Si aún corresponde, reenvíelo ahora.',
  company_not_adherent: 'La empresa ya no está adherida: no se puede reactivar el acceso.',
  invalid_transition: 'El cambio de estado no es posible desde el estado actual.',
  requester_not_signatory:
    'El solicitante no es representante legal ni figura en el registro de firmantes (TRF) de la empresa: la solicitud no puede aprobarse.',
  request_decided: 'La solicitud ya fue resuelta en el sistema central.',
  company_not_on_empresas: 'La empresa no usa Portal Empresas: no recibe solicitudes de acceso.',
  already_user: 'La persona ya tiene un perfil de empresa en esa empresa.',
  person_other_name:
    'Ese RUT ya está registrado en el sistema central con otro nombre: no se agregó a nadie. Confirme el RUT y el nombre con el representante de la empresa y vuelva a agregarlo.',
  module_not_offered: 'La empresa no ofrece ese módulo en su portal: no se otorgó.',
  change_not_on_portal:
    'El portal de la empresa no tiene ese cambio de acceso (ACHS Gestión inhabilita y habilita; Portal Empresas pausa, reanuda y elimina): no se aplicó.',
  caller_grants_self:
    'Quien lo pidió es el mismo administrador de accesos a quien se le daba el acceso: un administrador no se otorga acceso a sí mismo. Debe pedirlo el representante legal u otro administrador de accesos de la empresa.',
  caller_not_authorized:
    'Quien lo pidió no es representante legal ni administrador de accesos de esa empresa, o en Portal Empresas aún no tiene su perfil empresa (acuerdo sin firmar).',
  admin_not_by_profile_change:
    'Un administrador de accesos no se nombra cambiando el perfil: en ACHS lo nombra el representante legal, y en Portal Empresas se solicita y firma el Acuerdo de Acceso Remoto.',
  company_caller_required:
    'Pausar, reanudar, habilitar de nuevo un acceso o eliminar el de un usuario de Portal Empresas lo decide la empresa: se hace desde la ficha de la empresa, a pedido de su representante legal o de un administrador de accesos. El cambio no se aplicó.',
  admin_needs_representative:
    'En ACHS, un administrador de accesos nuevo lo nombra el representante legal de la empresa: quien lo pidió no lo es.',
  // Ley 21.719 requests (issue 10).
  already_blocked:
    'La persona ya tiene un bloqueo temporal vigente (Ley 21.719): no se registró un segundo bloqueo.',
  duplicate_number:
    'El número de la solicitud ya existe para otra persona en el sistema central; registre la solicitud de nuevo.',
  person_blocked:
    'La persona tiene un bloqueo temporal vigente (Ley 21.719): el sistema central no aplicó este cambio. Solo las acciones de la propia solicitud pueden modificarla hasta que se desbloquee.',
};

/** Rejections the server decides itself, before the shared rules run. */
export const serverRejectionMessages = {
  agent_mismatch:
    'La acción fue registrada por otro agente: solo ese agente puede enviarla al servidor.',
} as const;

/** A conflict keeps the server's value; the agent decides what to do. */
export const conflictMessage =
  'Otra persona cambió este dato mientras tanto. Se conservó el valor del sistema central; revise y decida.';

/** HTTP error bodies `{ error: { code, message } }`. */
export const centralErrorMessages = {
  invalid_request: 'La solicitud no es válida.',
  invalid_credentials: 'Usuario o contraseña incorrectos.',
  invalid_token: 'La sesión expiró o no es válida. Inicie sesión nuevamente.',
  unauthorized: 'Falta una credencial válida o expiró. Renueve la sesión.',
  upgrade_required:
    'Esta versión de la aplicación ya no es compatible. Actualícela para sincronizar.',
  device_fork:
    'Este equipo envió una acción distinta con un número ya usado: parece una copia de otro equipo. Debe volver a registrarse como equipo nuevo.',
  resync_required:
    'El servidor fue restaurado o el cursor ya no es válido: se necesita una sincronización completa.',
  not_found: 'Ruta desconocida.',
  method_not_allowed: 'Método no permitido en esta ruta.',
  unsupported_media_type: 'El cuerpo debe ser JSON (Content-Type: application/json).',
  payload_too_large: 'La solicitud supera el tamaño máximo de 1 MiB.',
  unavailable: 'El servidor no pudo completar la operación. Reintente en unos segundos.',
  internal: 'Error interno del servidor.',
  agreement_not_found:
    'Esa persona no tiene un perfil empresa en esa empresa que espere el Acuerdo de Acceso Remoto.',
  agreement_already_signed: 'El Acuerdo de Acceso Remoto ya estaba firmado.',
  // Scope follows assignments (issue 11).
  forbidden: 'Solo un supervisor puede hacer esto.',
  agent_not_found: 'No hay un agente con ese usuario.',
  agent_not_prevention:
    'Ese agente no es encargado de prevención: sus permisos no dependen de empresas asignadas.',
  company_not_found: 'No hay una empresa con ese RUT en el sistema central.',
  // Issue 11: device trust, sign-in rate limit, change-log pruning.
  device_revoked:
    'Un supervisor revocó este equipo: ya no puede sincronizar. Sus datos se borran y sus acciones sin enviar quedan en un archivo para entregar al supervisor.',
  device_untrusted:
    'Este número de equipo ya está inscrito con otro secreto: el equipo debe inscribirse como equipo nuevo.',
  too_many_attempts: 'Demasiados intentos de ingreso. Espere antes de intentar de nuevo.',
  log_pruned:
    'El equipo estuvo sin sincronizar más tiempo del que el servidor guarda sus cambios: se necesita una carga completa.',
  device_not_found: 'No hay un equipo inscrito con ese número.',
} as const;

export type CentralErrorCode = keyof typeof centralErrorMessages;
