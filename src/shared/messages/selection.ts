/** Acting on a selection of people (issue 8, item 2). */
import type { Portal } from '../contract';
import { formatNumber } from '../format';
import { mailKindLabels, membershipStateLabels, portalLabels } from './common';
import { loginLabels } from './company';

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
  not_locked: () => 'Su cuenta no está bloqueada: no hay nada que desbloquear.',
  no_email: () => 'No tiene correo registrado: no hay a dónde enviarlo.',
  not_registered: () =>
    'No se ha registrado: primero se registra con su N° de serie y un correo (no hay contraseña que crear aún).',
  no_access: () =>
    'No tiene acceso vigente (ninguna empresa activa y adherida): una contraseña nueva no le abriría nada.',
  mail_not_applicable: () => 'Ningún correo de contraseña corresponde al estado de su cuenta.',
  cooldown: (o) =>
    `Ese correo se le pidió hace poco: espere ${o.minutes ?? 1} min para no saturarla.`,
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
  resend_mail: 'Enviar correo de contraseña',
  disable: 'Inhabilitar',
  enable: 'Habilitar',
} as const;

export const selectionMessages = {
  count: (n: number) => (n === 1 ? '1 seleccionada' : `${formatNumber(n)} seleccionadas`),
  barLabel: 'Acciones sobre la selección',
  listHint: 'Clic selecciona · Ctrl+clic o Espacio suma o quita · Mayús amplía · Esc limpia',
  companyListHint:
    'Clic selecciona · Ctrl+clic o Espacio suma o quita · Mayús amplía · Esc limpia · Doble clic o Enter abre la ficha',
  /** The rows the list shows so far (more come as it scrolls): «cargadas» read as a bulk load's. */
  selectLoaded: (n: number) =>
    n === 1
      ? 'Seleccionar a la persona mostrada'
      : `Seleccionar a las ${formatNumber(n)} personas mostradas`,
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
        interrupted: 'acción interrumpida (la sesión se cerró o se bloqueó, o no se pudo guardar)',
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
