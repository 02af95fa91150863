/** Refusals: a permission denied (deniedMessages), a rule that refuses an action (ruleMessages). */
import type { Decision } from '../contract';
import { formatDateTime } from '../format';
import { IDENTITY_FACTS_REQUIRED, MIN_REASON_LENGTH, type IdentityFact } from '../policy';
import { membershipStateLabels } from './common';
import { dialogMessages, identityFactLabels } from './actions';
import {
  centralAdminTexts,
  deviceListMessages,
  deviceTrustMessages,
  officerMessages,
} from './sync';
import { dataRequestLabels, dataRequestMessages } from './privacy';
import { bulkMessages } from './bulk';
import type { InteractionKind } from '../vocabulary';
import { RECEIVED_ON_MAX_DAYS_BACK } from '../rules/data-requests';
import { DEFAULT_USER_LIMIT } from '../rules/sign-in-limit';
import { interactionKindWords } from './calls';
import { notFoundMessages } from './common';
import { companyMessages } from './company';

/**
 * A refusal about a call or an officer's visit (his own, or who speaks in it) is said in its
 * kind's words: main passes `kind` (interactionKindOf, shared/rules/interaction-kind.ts); none
 * passed, a call's.
 */
/** The legal representative where the refusal cannot name them (a man or a woman). */
const THE_REPRESENTATIVE = 'esa persona';

const kindOf = (params: Record<string, string | number>): InteractionKind =>
  params['kind'] === 'visit' ? 'visit' : 'call';
const refusalsOf = (params: Record<string, string | number>) =>
  interactionKindWords[kindOf(params)].refusals;

/** What main says when something is not found: an interaction, in the words of its kind. */
export function notFoundMessage(
  subject: keyof typeof notFoundMessages | 'interaction',
  kind: InteractionKind = 'call',
): string {
  return subject === 'interaction'
    ? interactionKindWords[kind].refusals.notFound
    : notFoundMessages[subject];
}

export const deniedMessages: Record<Extract<Decision, { allowed: false }>['reason'], string> = {
  role: 'Su perfil no permite esta acción.',
  out_of_scope: 'Esta persona o empresa no está entre sus empresas asignadas.',
  not_access_admin:
    'Cambiar perfiles desde esta mesa es de un supervisor (o de un agente que sea administrador de accesos de esa empresa): pídaselo a su supervisor. El administrador de accesos de la empresa también puede cambiarlos en su portal.',
  // Rule 2: a registration invalidated for security.
  help_desk_only:
    'Solo la mesa de ayuda puede desbloquear un registro invalidado por seguridad: pida a la persona que llame a la mesa de ayuda de su portal (la de ACHS es el 600 600 2247).',
  // Ley 21.719 (issue 10).
  email_held:
    'El correo que se muestra es un cambio de otro agente que aún no llega al sistema central: un correo a esa dirección se rechazaría. Se podrá enviar cuando ese cambio se sincronice (cuando ese agente ingrese de nuevo en este equipo).',
  data_blocked:
    'La persona tiene un bloqueo de sus datos (Ley 21.719): mientras dure, la mesa no cambia sus datos ni le envía correos. Un correo o celular equivocado se corrige con «Editar contacto», indicando su rectificación abierta.',
  // Rule 6: access given back at a company no longer adherent opens nothing.
  company_not_adherent: 'La empresa ya no está adherida: no se le pueden dar accesos.',
  // Rule 9: the register makes the legal representative an administrator; no profile change lowers him.
  representative_profile:
    'Es el representante legal de la empresa según su registro, y por eso su administrador de accesos: un cambio de perfil no se lo quita. Si dejó de ser representante, la empresa debe actualizar su registro de representantes legales.',
  // Rules 5, 13: «Cambiar perfil» makes no outsider a worker.
  outsider_not_worker:
    'No es trabajador de la empresa (es persona externa): «Cambiar perfil» no le da el perfil de trabajador, porque el vínculo laboral lo registra la empresa. Para quitarle el acceso, la empresa lo pide desde su página («Eliminar acceso» en Portal Empresas, «Inhabilitar» en ACHS).',
  // Rules 12, 13: «Cambiar perfil» gives no company profile on Portal Empresas.
  profile_not_by_change:
    'En Portal Empresas el perfil empresa no se da cambiando el perfil: lo solicita el representante legal o un firmante de la TRF con «Registrar solicitud», o lo pide el representante legal o un administrador de accesos con «Agregar usuario» en la página de la empresa; se asigna cuando la persona firma el Acuerdo de Acceso Remoto.',
  // Rules 9, 12: the legal representative's access follows the company's register.
  // Rules 9, 12: nor his modules; an agent who administers the company is another administrator.
  representative_modules:
    'Es el representante legal de la empresa según su registro, y usted administra los accesos de esta empresa: no puede quitarle módulos (sí darle alguno). Solo esa persona puede pedirlo, y lo atiende un agente que no administre los accesos de esta empresa.',
  representative_register:
    'Es el representante legal de la empresa según su registro: otro administrador de accesos no puede inhabilitar, pausar ni eliminar su acceso, ni quitarle el perfil. Solo esa persona puede pedirlo, y lo atiende un agente que no administre los accesos de esta empresa; si dejó de ser representante, la empresa debe actualizar su registro de representantes legales.',
  // Rules 9, 12, 13: only the representative may ask to take the access away, and cannot now
  // (companyChangeWaits). A record names the representative: representativeWaitsOn.
  representative_unsigned: companyMessages.representativeWaits(
    THE_REPRESENTATIVE,
    'access',
    'agreement_unsigned',
  ),
  representative_no_profile: companyMessages.representativeWaits(
    THE_REPRESENTATIVE,
    'access',
    'no_company_profile',
  ),
  representative_inactive: companyMessages.representativeWaits(
    THE_REPRESENTATIVE,
    'access',
    'profile_not_active',
  ),
  representative_unlisted: companyMessages.representativeWaits(
    THE_REPRESENTATIVE,
    'access',
    'not_listed',
  ),
  // The identity check (policy IDENTITY_FACTS_REQUIRED) needs facts the system does not hold.
  identity_unverifiable: dialogMessages.identityTooFew(IDENTITY_FACTS_REQUIRED),
};

/** Messages of the rules that refuse an action; params fill the blanks. */
export const ruleMessages: Record<string, (params: Record<string, string | number>) => string> = {
  // `limitNear`: wrong again and again on this desk, the limit is said before it stops them.
  sign_in_failed: (p) =>
    p['limitNear']
      ? `Usuario o contraseña incorrectos. Tras ${DEFAULT_USER_LIMIT.max} intentos fallidos en ${DEFAULT_USER_LIMIT.windowMs / 60_000} minutos, este usuario deberá esperar para volver a intentar; si no recuerda su contraseña, avise a su supervisor.`
      : 'Usuario o contraseña incorrectos.',
  screen_unlock_failed: (p) =>
    `Contraseña incorrecta. ${Number(p['left']) === 1 ? 'Le queda 1 intento' : `Le quedan ${p['left']} intentos`}; después, la sesión se cierra y habrá que ingresar de nuevo.`,
  screen_unlock_exhausted: () =>
    'Demasiados intentos fallidos: la sesión se cerró. Ingrese de nuevo con su usuario.',
  screen_not_locked: () => 'La pantalla no está bloqueada.',
  // Device trust (issue 11).
  sign_in_rate_limited: (p) =>
    deviceTrustMessages.tryAgainIn(
      Number(p['minutes']),
      typeof p['at'] === 'string' ? p['at'] : undefined,
      p['where'] === 'desk',
    ),
  device_revoked: () => deviceTrustMessages.revokedSignIn,
  reenrol_not_needed: () => deviceTrustMessages.reenrolNotNeeded,
  revocation_file_unreadable: () =>
    'El archivo de acciones pendientes está dañado o no se abre con la clave de este equipo. No lo borre: avise a soporte.',
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
  sign_in_disabled: () =>
    'Su usuario está inhabilitado: no puede ingresar a la Mesa de Ayuda. Si cree que es un error, avise a su supervisor.',
  offline_sign_in_unavailable: () =>
    // 3 days: OFFLINE_WINDOW_MS (services/central-sign-in.ts).
    'El sistema central no responde, y este usuario no ha ingresado con conexión en este equipo en los últimos 3 días: sin él no se puede comprobar su contraseña. Intente de nuevo en unos minutos; si sigue así, revise la conexión a internet o avise a soporte.',
  central_not_answering: () =>
    // 3 days: OFFLINE_WINDOW_MS (services/central-sign-in.ts).
    'En esa dirección no responde el sistema central de la Mesa de Ayuda: revise la dirección y que este equipo tenga conexión. No se guardó: con una dirección que no responde, solo podría ingresar a este equipo quien lo haya hecho con conexión en los últimos 3 días.',
  invalid_central_url: (p) =>
    p['why'] === 'no_scheme'
      ? 'Escriba la dirección completa, con https:// al comienzo (por ejemplo https://central.ejemplo.cl).'
      : p['why'] === 'not_a_url'
        ? 'Esa no es una dirección web válida: revise cómo está escrita (por ejemplo https://central.ejemplo.cl; si lleva puerto, va de 1 a 65535, como en https://central.ejemplo.cl:8443).'
        : p['why'] === 'credentials'
          ? 'La dirección del sistema central no lleva usuario ni contraseña: quítelos (cada agente ingresa con los suyos).'
          : 'La dirección del sistema central debe ser https (por ejemplo https://central.ejemplo.cl); http solo para este mismo equipo.',
  not_locked: () => 'La cuenta ya no está bloqueada: no hay nada que desbloquear.',
  not_registration_blocked: () => 'El registro no está bloqueado.',
  no_email: () => 'La persona no tiene correo registrado: agréguelo antes de enviar correos.',
  cooldown: (p) =>
    `Ese correo se pidió hace poco. Para no saturar a la persona, espere ${p['minutes']} min antes de reenviarlo.`,
  mail_not_applicable: () =>
    'Ese tipo de correo no corresponde al estado de la cuenta: el diagnóstico de la ficha dice cuál corresponde.',
  email_change_held: (p) =>
    `El correo de esta persona lo cambió ${p['agent'] || 'otro agente'} en este equipo y ese cambio aún no llega al sistema central, que tiene la dirección anterior: un reenvío ahora sería rechazado allá. Reenvíelo cuando ese cambio se sincronice: cuando ${p['agent'] || 'ese agente'} vuelva a ingresar en este equipo, o cuando un supervisor reasigne sus acciones en Sincronización.`,
  identity_required: (p) =>
    `Verifique la identidad de la persona: marque al menos ${p['required']} datos que coincidieron.`,
  reason_required: () =>
    `Indique el motivo del cambio, en unas palabras (al menos ${MIN_REASON_LENGTH} caracteres).`,
  invalid_email: () => 'Escriba un correo válido, por ejemplo nombre@dominio.cl.',
  invalid_phone: () => 'Escriba un celular válido, por ejemplo +56 9 1234 5678.',
  identity_fact_unavailable: (p) =>
    `No se puede verificar «${identityFactLabels[p['fact'] as IdentityFact] ?? p['fact']}»: el sistema no tiene ese dato de esta persona. Verifique con los datos que muestra el diálogo.`,
  identity_fact_changed: (p) =>
    `«${identityFactLabels[p['fact'] as IdentityFact] ?? p['fact']}» cambió hace poco: no sirve para verificar la identidad hasta el ${formatDateTime(String(p['until']))}. Desmárquelo y verifique con otros datos del diálogo.`,
  no_change: () => 'No hay cambios que guardar.',
  person_left_desk: () =>
    'Esta persona ya no está en este equipo (salió de sus empresas): su cambio no puede volver a enviarse desde aquí. Márquelo como revisado; si aún corresponde, pídalo a la mesa de ayuda.',
  no_account: () => 'La persona no tiene cuenta en ese portal.',
  no_membership: () => 'La persona no pertenece a esa empresa.',
  invalid_transition: (p) =>
    `No se puede pasar de «${membershipStateLabels[p['from'] as keyof typeof membershipStateLabels] ?? p['from']}» a «${membershipStateLabels[p['to'] as keyof typeof membershipStateLabels] ?? p['to']}».`,
  company_not_adherent: () =>
    'La empresa ya no está adherida: ninguno de sus usuarios puede acceder, y no se le pueden dar accesos.',
  requester_not_signatory: () =>
    'El solicitante no es representante legal ni firmante de la TRF de la empresa: la solicitud solo puede rechazarse.',
  request_decided: () => 'Esa solicitud ya fue resuelta: recargue la empresa para ver su estado.',
  request_pending: () =>
    'Esa persona ya tiene una solicitud pendiente para esta empresa: resuélvala en lugar de registrar otra.',
  caller_not_authorized: () =>
    'Quien lo pide no es representante legal ni administrador de accesos de esta empresa: solo ellos pueden pedir agregar usuarios o cambiar su acceso o sus módulos.',
  admin_not_by_profile_change: () =>
    'Un administrador de accesos no se nombra cambiando el perfil. En ACHS lo nombra el representante legal: «Agregar usuario» en la página de la empresa, con el representante en la línea. En Portal Empresas lo solicita el representante legal o un firmante de la TRF con «Registrar solicitud», y debe firmar el Acuerdo de Acceso Remoto.',
  // Rules 12, 13: on Portal Empresas a company profile comes with the agreement to sign.
  profile_not_by_change: () => deniedMessages.profile_not_by_change,
  outsider_not_worker: () => deniedMessages.outsider_not_worker,
  admin_needs_representative: (p) => refusalsOf(p).adminNeedsRepresentative,
  caller_cannot_ask: (p) =>
    p['reason'] === 'agreement_unsigned'
      ? 'Quien lo pide no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).'
      : p['reason'] === 'no_company_profile'
        ? 'Quien lo pide no puede pedirlo aún: no tiene perfil empresa en Portal Empresas (primero se aprueba su solicitud de acceso y firma el Acuerdo de Acceso Remoto).'
        : 'Quien lo pide no puede pedirlo: su perfil de administrador de accesos no está activo.',
  caller_identity_required: (p) =>
    `Verifique la identidad de quien lo pide (el representante): marque al menos ${p['required']} datos suyos que coincidieron.`,
  contact_changed_meanwhile: (p) => {
    const field = p['field'] === 'email' ? 'El correo' : 'El celular';
    const now = p['now'] ? `ahora es ${p['now']}` : 'ahora no hay ninguno';
    return `${field} cambió mientras usted editaba (${now}): no se guardó nada. Confírmelo con la persona, cierre este diálogo y ábralo de nuevo para partir del valor actual.`;
  },
  person_rut_is_company: (p) =>
    `El RUT ${p['rut']} es de una empresa, no de una persona: no se agregó a nadie. Escriba el RUT de la persona que usará el acceso.`,
  invalid_name: () =>
    'Escriba los nombres y apellidos solo con letras (con tildes, ñ, apóstrofo o guion si los llevan): no se agregó a nadie.',
  new_person_required: () =>
    'Esa persona no figura en este equipo: indique sus nombres, primer apellido y correo para agregarla.',
  already_user: () =>
    'Esa persona ya tiene un perfil de empresa aquí (firmado o esperando la firma del acuerdo): no se crea otro.',
  person_other_name: () =>
    'Ese RUT ya está registrado con otro nombre: no se agregó a nadie. Confirme el RUT y el nombre con el representante de la empresa.',
  module_not_offered: () =>
    'Esa empresa no ofrece ese módulo en su portal: elija entre los módulos que muestra el diálogo.',
  representative_register: (p) =>
    p['by'] === 'profile'
      ? deniedMessages.representative_profile
      : p['by'] === 'agent'
        ? 'Usted administra los accesos de esta empresa, y esta persona es su representante legal según el registro de la empresa: no puede inhabilitar, pausar ni dar de baja su acceso, ni quitarle el perfil. Si lo pide la persona misma, que lo atienda otro agente o un supervisor; si dejó de ser representante, la empresa debe actualizar su registro de representantes legales.'
        : 'Esta persona es representante legal de la empresa según su registro: otro administrador de accesos no puede pedir que se inhabilite, pause o elimine su acceso. Solo puede pedirlo el propio representante, con su identidad verificada; si dejó de serlo, la empresa debe actualizar su registro de representantes legales.',
  // Rules 9, 12: nor his modules (shieldsRepresentative, as his access).
  representative_modules: (p) =>
    p['by'] === 'agent'
      ? 'Usted administra los accesos de esta empresa, y esta persona es su representante legal según el registro de la empresa: no puede quitarle módulos. Si lo pide la persona misma, que lo atienda otro agente o un supervisor.'
      : 'Esta persona es representante legal de la empresa según su registro: otro administrador de accesos no puede pedir que se le quiten módulos (sí que se le dé alguno). Solo puede pedirlo el propio representante, con su identidad verificada; si dejó de serlo, la empresa debe actualizar su registro de representantes legales.',
  caller_grants_self: () =>
    'Un administrador de accesos no se da acceso a sí mismo: quien lo pide es la misma persona a quien se le daría. Debe pedirlo el representante legal u otro administrador de accesos de la empresa (sí puede pedir que se le quite su propio acceso o un módulo).',
  change_not_on_portal: () =>
    'El portal de esta empresa no tiene ese cambio de acceso: en ACHS Gestión un usuario se inhabilita o se habilita; en Portal Empresas se pausa, se reanuda o se elimina (su acceso se elimina, no se registra su baja). La baja de un trabajador se registra en cualquiera de los dos. Use los botones de su ficha o de la página de la empresa.',
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
  // The agent's own call or visit (interactions.ts): in its words.
  interaction_open: (p) => refusalsOf(p).open,
  interaction_notes_required: (p) =>
    p['outcome'] === undefined
      ? refusalsOf(p).notesResolved
      : refusalsOf(p).notesRequired(String(p['outcome'])),
  interaction_closed: (p) =>
    p['change'] === 'reason' ? refusalsOf(p).closedReason : refusalsOf(p).closed,
  interaction_has_actions: (p) => refusalsOf(p).hasActions,
  interaction_has_person: (p) => refusalsOf(p).hasPerson,
  interaction_discard_has_actions: (p) => refusalsOf(p).discardHasActions,
  interaction_discard_late: (p) => refusalsOf(p).discardLate,
  interaction_follow_up_none: (p) => refusalsOf(p).followUpNone,
  interaction_follow_up_done: (p) =>
    refusalsOf(p).followUpDone(formatDateTime(String(p['at'])), String(p['by'] ?? '') || null),
  data_request_representative: () =>
    'Llama otra persona en nombre del titular: los datos del registro que ella responda no acreditan la representación. Registre la solicitud con un documento firmado (el poder y la identidad del titular), o con la ClaveÚnica o la cédula del titular.',
  on_behalf_personal: (p) => refusalsOf(p).onBehalfPersonal(String(p['name'])),
  // Rules 9, 12: the call centre takes the representative's access away at his own request only.
  // Only from a selection now: on a call his access goes through the company's page.
  representative_himself: () =>
    'Es el representante legal de la empresa según su registro: su acceso se quita solo si lo pide esa misma persona, con su identidad verificada, desde la página de la empresa; una selección no lo hace. Si dejó de ser representante, la empresa debe actualizar su registro de representantes legales.',
  // Only ever a visit's: the officer's bar has no such control, and main refuses it as well.
  on_behalf_at_visit: () =>
    'Una visita se atiende cara a cara con la persona: no se anota a otra persona hablando en su nombre. Si quien consulta no es la persona, no haga cambios en su acceso: que los pida ella misma.',
  // Ley 21.719 requests (issue 10).
  person_blocked: (p) =>
    `La persona tiene un bloqueo temporal vigente por la solicitud ${p['number']} (Ley 21.719): no se puede modificar hasta que se desbloquee. Solo se permiten las acciones de sus solicitudes Ley 21.719 abiertas (por ejemplo, la corrección de una rectificación, hecha con «Editar contacto» indicando esa solicitud).`,
  person_already_blocked: (p) =>
    `La persona ya está bloqueada por la solicitud ${p['number']}: no se registra un segundo bloqueo. Revise esa solicitud.`,
  data_request_block_without_request: () =>
    'El bloqueo temporal se pide junto a una solicitud de rectificación, supresión u oposición, y se mantiene hasta que alguien lo levanta con «Desbloquear» en su solicitud, al resolverla (art. 11). Esta persona no tiene ninguna abierta: registre primero la solicitud que lo justifica, y luego el bloqueo.',
  data_request_received_on: (p) =>
    p['why'] === 'future'
      ? 'La fecha de recepción no puede ser posterior a hoy.'
      : p['why'] === 'spoken_today'
        ? 'Una solicitud por teléfono o presencial se recibe al registrarla: su fecha de recepción es hoy. Solo una que llegó por correo o por el portal se registra con el día en que llegó.'
        : `Esa fecha de recepción es de hace más de ${RECEIVED_ON_MAX_DAYS_BACK} días: revise la fecha. Si de verdad llegó entonces, regístrela con esa fecha marcando que es la verdadera (nunca con otra): su plazo legal se cuenta desde ella.`,
  data_request_identity_required: () =>
    'Indique cómo se verificó la identidad del titular (datos del registro, cédula, ClaveÚnica o documento firmado): sin verificación de identidad la solicitud no se registra.',
  data_request_titular: (p) =>
    p['why'] === 'company_rut'
      ? 'Ese RUT es de una empresa: una solicitud Ley 21.719 es de una persona sobre sus propios datos. Pida el RUT de la persona que la hace.'
      : p['why'] === 'titular_block_nothing'
        ? 'El sistema no tiene datos de esta persona: no hay nada que bloquear. Registre la solicitud que corresponda (por ejemplo, de acceso): la respuesta será que no se tratan datos suyos.'
        : p['why'] === 'titular_no_facts'
          ? 'El sistema no tiene datos de esta persona para compararlos: verifique su identidad con la cédula (en persona), la ClaveÚnica (en el portal) o un documento firmado.'
          : 'Escriba el nombre completo del titular (nombre y apellido), como él o ella lo dice: el sistema no tiene una ficha de donde tomarlo.',
  data_request_titular_not_synced: () =>
    'Aún llegan datos del sistema central: no se puede saber todavía si esta persona está registrada. Espere a que termine la carga (la barra superior la muestra) y búsquela de nuevo.',
  data_request_no_data_export: () =>
    'El sistema no tiene datos de esta persona fuera de esta solicitud: no hay nada que exportar. Respóndale por escrito que no se tratan datos suyos y marque la solicitud como respondida.',
  data_request_identity_channel: () =>
    'Ese método no sirve por ese canal: la cédula se exhibe en persona, los datos del registro se comparan preguntando (por teléfono o en persona) y la ClaveÚnica solo acredita una solicitud hecha en el portal. Por correo, use un documento firmado.',
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
        : p['why'] === 'term_passed'
          ? dataRequestMessages.termPassed
          : `Ese cambio no es posible desde el estado «${dataRequestLabels.states[p['state'] as keyof typeof dataRequestLabels.states] ?? p['state']}».`,
  data_request_export_supervisor: () => dataRequestMessages.exportBySupervisor,
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
  // Bulk loads (issue 8): the words live in bulkMessages (bulk.ts).
  bulk_file: (p) => bulkMessages.fileError(String(p['problem']), p),
  bulk_preview_gone: () => bulkMessages.previewGone,
  bulk_busy: (p) => bulkMessages.busy(String(p['agent']), String(p['since'])),
  bulk_nothing_to_apply: () => bulkMessages.nothingToApply,
  bulk_not_undoable: (p) => bulkMessages.notUndoable(String(p['why'])),
  bulk_not_interrupted: () => bulkMessages.notInterrupted,
  bulk_company_unknown: () => bulkMessages.companyUnknown,
};
