/** The central API's texts: why it did not apply an action, and its HTTP errors. */
import type { RejectionCode } from '../sync-protocol';

// Why an action was not applied, and what an HTTP error means: devices show these as they are,
// so they speak to the agent, not to a programmer.

/** Why the server did not apply a queued action (MutationResult.message). */
export const rejectionMessages: Record<RejectionCode, string> = {
  unknown_kind:
    'El sistema central no reconoce este tipo de acción. Actualice la aplicación y vuelva a intentarlo.',
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
    'La acción esperó demasiado tiempo antes de llegar al sistema central y el correo no se envió. Si aún corresponde, reenvíelo ahora.',
  company_not_adherent:
    'La empresa ya no está adherida: ninguno de sus usuarios puede acceder, y no se le pueden dar ni devolver accesos ni otorgar módulos.',
  invalid_transition: 'El cambio de estado no es posible desde el estado actual.',
  requester_not_signatory:
    'El solicitante no es representante legal ni firmante de la TRF de la empresa: la solicitud no puede aprobarse.',
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
  representative_register:
    'Esa persona es representante legal de la empresa según su registro: otro administrador de accesos de la empresa (quien lo pidió, o el agente que lo registró) no puede inhabilitar, pausar, eliminar o dar de baja su acceso, ni quitarle el perfil. El cambio no se aplicó: solo puede pedirlo el propio representante, atendido por un agente que no administre esa empresa; si dejó de serlo, la empresa debe actualizar su registro de representantes legales.',
  representative_modules:
    'Esa persona es representante legal de la empresa según su registro: otro administrador de accesos de la empresa (quien lo pidió, o el agente que lo registró) no puede quitarle módulos. El cambio no se aplicó: solo puede pedirlo el propio representante, atendido por un agente que no administre esa empresa; darle un módulo sí puede pedirlo otro administrador.',
  caller_not_authorized:
    'Quien lo pidió no es representante legal ni administrador de accesos de esa empresa, o en Portal Empresas aún no tiene su perfil empresa (acuerdo sin firmar).',
  outsider_not_worker:
    'No es trabajador de la empresa: un cambio de perfil no le da el de trabajador (el vínculo laboral lo registra la empresa). El cambio no se aplicó.',
  profile_not_by_change:
    'En Portal Empresas el perfil empresa no se da cambiando el perfil: se solicita o lo agrega la empresa, y se asigna al firmar el Acuerdo de Acceso Remoto. El cambio no se aplicó.',
  admin_not_by_profile_change:
    'Un administrador de accesos no se nombra cambiando el perfil: en ACHS lo nombra el representante legal, y en Portal Empresas se solicita y firma el Acuerdo de Acceso Remoto.',
  company_caller_required:
    'Cambiar el acceso de una persona a una empresa (inhabilitarlo o habilitarlo, pausarlo o reanudarlo, registrar su baja o eliminarlo) o su perfil en ella lo decide la empresa: se hace desde la página de la empresa, a pedido de su representante legal o de un administrador de accesos. El cambio no se aplicó.',
  admin_needs_representative:
    'En ACHS, un administrador de accesos nuevo lo nombra el representante legal de la empresa: quien lo pidió no lo es.',
  // Ley 21.719 requests (issue 10).
  already_blocked:
    'La persona ya tiene un bloqueo temporal vigente (Ley 21.719): no se registró un segundo bloqueo.',
  block_without_request:
    'La persona ya no tiene abierta una solicitud de rectificación, supresión u oposición en el sistema central (otro equipo la resolvió): el bloqueo temporal, que se apoya en ella (art. 11), no se registró.',
  duplicate_number:
    'El número de la solicitud ya existe para otra persona en el sistema central; registre la solicitud de nuevo.',
  person_blocked:
    'La persona tiene un bloqueo temporal vigente (Ley 21.719): el sistema central no aplicó este cambio. Solo las acciones de la propia solicitud pueden modificarla hasta que se desbloquee.',
};

/** Rejections the server decides itself, before the shared rules run. */
export const serverRejectionMessages = {
  agent_mismatch:
    'La acción fue registrada por otro agente: solo ese agente puede enviarla al sistema central, o un supervisor que se la reasigne en Sincronización.',
} as const;

/** A conflict keeps the server's value; the agent decides what to do. */
export const conflictMessage =
  'Otra persona cambió este dato mientras tanto. Se conservó el valor del sistema central; revise y decida.';

/** HTTP error bodies `{ error: { code, message } }`. */
export const centralErrorMessages = {
  invalid_request: 'La solicitud no es válida.',
  invalid_credentials: 'Usuario o contraseña incorrectos.',
  invalid_token: 'La sesión expiró o no es válida. Salga e ingrese de nuevo.',
  unauthorized: 'Falta una sesión válida, o expiró. Salga e ingrese de nuevo.',
  upgrade_required:
    'Esta versión de la aplicación ya no es compatible. Actualícela para sincronizar.',
  device_fork:
    'Este equipo envió una acción distinta con un número ya usado: parece una copia de otro equipo. Debe inscribirse como equipo nuevo.',
  resync_required:
    'El sistema central fue restaurado o ya no reconoce hasta dónde llegó este equipo: se necesita una sincronización completa.',
  not_found: 'Ruta desconocida.',
  method_not_allowed: 'Método no permitido en esta ruta.',
  unsupported_media_type: 'El cuerpo debe ser JSON (Content-Type: application/json).',
  payload_too_large: 'La solicitud supera el tamaño máximo de 1 MiB.',
  unavailable: 'El sistema central no pudo completar la operación. Reintente en unos segundos.',
  internal: 'Error interno del sistema central.',
  agreement_not_found:
    'Esa persona no tiene un perfil empresa en esa empresa que espere el Acuerdo de Acceso Remoto.',
  agreement_already_signed: 'El Acuerdo de Acceso Remoto ya estaba firmado.',
  // Scope follows assignments (issue 11).
  forbidden: 'Solo un supervisor puede hacer esto.',
  agent_not_found: 'No hay un agente con ese usuario.',
  agent_not_prevention:
    'Ese usuario no es prevencionista: sus permisos no dependen de empresas asignadas.',
  company_not_found: 'No hay una empresa con ese RUT en el sistema central.',
  // Issue 11: device trust, sign-in rate limit, change-log pruning.
  device_revoked:
    'Este equipo fue revocado: ya no puede sincronizar. Sus datos se borran y sus acciones pendientes quedan en un archivo para entregar al supervisor.',
  device_untrusted:
    'Este identificador de equipo ya está inscrito con otro secreto: el equipo debe inscribirse como equipo nuevo.',
  agent_disabled: 'Este usuario está inhabilitado: un supervisor debe habilitarlo.',
  too_many_attempts:
    'Demasiados intentos fallidos con este usuario o en este equipo. Espere el tiempo que indica Retry-After antes de intentar de nuevo.',
  log_pruned:
    'El equipo estuvo sin sincronizar más tiempo del que el sistema central guarda sus cambios: se necesita una carga completa.',
  device_not_found: 'No hay un equipo inscrito con ese identificador.',
} as const;

export type CentralErrorCode = keyof typeof centralErrorMessages;
