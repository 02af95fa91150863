/**
 * The one message catalogue: every Spanish (Chile) string a person reads, from main or the
 * renderer. Code and identifiers stay in English.
 */
import type { Badge, ErrorCode, Portal } from './contract';
import { formatTime } from './format';

export const errorMessages: Record<ErrorCode, string> = {
  invalid_input: 'Los datos enviados no son válidos. Revise lo ingresado e intente de nuevo.',
  not_found: 'No se encontró a la persona en la réplica local. Búsquela de nuevo por RUT.',
  unauthorized: 'La sesión expiró. Recargue la aplicación para continuar.',
  forbidden: 'Esta acción no está permitida para su perfil.',
  unknown_channel: 'Operación desconocida. Actualice la aplicación.',
  internal: 'Ocurrió un error inesperado. Intente de nuevo; si persiste, avise a soporte.',
};

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
    case 'disabled':
      return 'Inhabilitado';
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

export const searchMessages = {
  invalidCheckDigit: (typed: string, expected: string) =>
    `RUT inválido: el dígito verificador debería ser ${expected} (se ingresó ${typed})`,
  capped: (cap: number) =>
    `Se muestran las primeras ${cap} coincidencias. Agregue un nombre o el segundo apellido para acotar.`,
  rutNotFound: (rut: string) =>
    `El RUT ${rut} no está en la réplica: la persona no figura como trabajador de una empresa adherida. Su empresa debe incorporarla (encargado de prevención).`,
};
