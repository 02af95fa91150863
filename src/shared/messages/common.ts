/** Words every area shares: errors, not-found answers, portal, role and state labels, counts. */
import type { Badge, ErrorCode, Portal } from '../contract';
import { formatNumber, formatTime } from '../format';

export const errorMessages: Record<ErrorCode, string> = {
  invalid_input: 'Los datos enviados no son válidos. Revise lo ingresado e intente de nuevo.',
  not_found: 'No se encontró a la persona. Búsquela de nuevo por RUT.',
  unauthorized: 'Inicie sesión para continuar.',
  session_changed:
    'La sesión de este equipo cambió (se salió o ingresó otro usuario, quizá en otra ventana): no se hizo nada. Ingrese de nuevo para seguir.',
  forbidden:
    'Esta acción no está permitida para su perfil. Si corresponde hacerla, pídasela a un supervisor.',
  stale:
    'La ficha cambió desde que la abrió (otro agente o una sincronización). Se recargó: revise y repita la acción.',
  rule: 'La acción no corresponde al estado actual de la persona. Revise su ficha y el diagnóstico: dicen qué corresponde.',
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
  // An interaction not found is said in its kind's words: notFoundMessage (refusals.ts).
  sync_issue: 'Esa acción ya no está por revisar: otra persona la resolvió o se sincronizó.',
  company: 'No se encontró la empresa. Búsquela de nuevo por RUT o razón social.',
  // Privacy by default (issue 10): the same words whether or not the RUT exists.
  person_in_scope:
    'No hay una persona con ese RUT entre sus empresas asignadas. Si trabaja en una de ellas, pida a la mesa de ayuda que la revise.',
  company_in_scope:
    'No hay una empresa con ese RUT entre sus empresas asignadas. Si debería estarlo, pida a la mesa de ayuda que lo revise.',
  bulk_batch:
    'No se encontró esa carga masiva en este equipo: vuelva a «Cargas masivas» y ábrala desde la lista.',
  revocation_file:
    'No se encontró el archivo de acciones pendientes de este equipo: puede haberse movido o borrado. Avise a su supervisor.',
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

/**
 * A profile as a company's list and a record name it: one waiting for its agreement's signature
 * is not assigned yet (rule 12), and says so beside its name, as its standing does.
 */
export const roleText = (role: keyof typeof roleLabels, standing: string) =>
  standing === 'pending_signature' ? `${roleLabels[role]} (por asignar)` : roleLabels[role];

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
  // An outsider's access deleted by the company (rule 13): he was never «de baja» (rule 7).
  access_removed: 'Acceso eliminado',
} as const;

/**
 * A profile's standing as a list says it: an access still active at a company no longer
 * adherent opens nothing there (rule 6), so «Activa» alone would not be true.
 */
export function standingText(
  standing: keyof typeof profileStandingLabels,
  companyAdherent: boolean,
): string {
  return !companyAdherent && standing === 'active'
    ? 'Activa, sin acceso: la empresa no está adherida'
    : profileStandingLabels[standing];
}

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
  // Given up after its retries, or held back: its address was no longer the person's as it left.
  failed: 'No enviado',
} as const;

/**
 * «Activo» while actions taken on this desk have not reached the central API: what this desk
 * shows, not yet the portal (an unlock queued offline leaves the portal's lock in place).
 */
export const heldActiveLabel = 'Activo en este equipo; aún no en el portal';

export function badgeLabel(badge: Badge): string {
  switch (badge.code) {
    case 'active':
      return 'Activo';
    case 'temporarily_locked':
      return `Bloqueado temporalmente hasta ${formatTime(badge.until)} tras ${badge.attempts} ${badge.attempts === 1 ? 'intento' : 'intentos'}`;
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
    case 'pending_signature':
      return profileStandingLabels.pending_signature;
  }
}

/** A RUT typed in a filter or a form, when it is not one: the same words on every screen. */
export const rutFieldMessages = {
  /** More digits than any RUT has (the 8 of its number and its check digit, at most). */
  tooLong: (digits: number) =>
    `RUT inválido: tiene ${digits} dígitos, y un RUT tiene a lo más 9 (8 números y su dígito verificador, como 12.345.678-5).`,
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

/** `1 persona`, `2.000 personas`: a count with its noun, in Chilean number format. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

export const roleNames = {
  agent: 'Agente',
  supervisor: 'Supervisor(a)',
  prevention: 'Prevencionista',
} as const;

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
/**
 * A screen that could not be drawn (ScreenErrorBoundary): said where it was, the rest of the desk
 * still working; nothing the agent did is lost (actions are saved before anything is drawn).
 */
export const screenErrorMessages = {
  title: 'No se pudo mostrar esta parte de la pantalla.',
  say: 'Lo que ya hizo quedó guardado. Vuelva a intentarlo; si se repite, cierre y abra el programa, y avise a soporte.',
  retry: 'Volver a intentar',
  reload: 'Recargar el programa',
};

/** Every paged list's two buttons (components/Pager.tsx), in the same words. */
export const pagerMessages = {
  previous: 'Anteriores',
  next: 'Siguientes',
} as const;

/** A dialog holding what the agent typed, on an Esc (Modal.tsx): a second Esc closes it. */
export const modalMessages = {
  escapeWouldLose:
    'Lo que escribió se perderá. Pulse Esc otra vez para cerrar sin guardar, o siga escribiendo.',
};

const TRY_AGAIN = 'Intente de nuevo; si se repite, avise a soporte.';

export const failedMessages = {
  signIn: `No se pudo iniciar sesión. ${TRY_AGAIN}`,
  search: `No se pudo completar la búsqueda. ${TRY_AGAIN}`,
  list: `No se pudo cargar la lista. ${TRY_AGAIN}`,
  company: `No se pudo cargar la empresa. ${TRY_AGAIN}`,
  selection: `No se pudo reunir la lista. ${TRY_AGAIN}`,
};
