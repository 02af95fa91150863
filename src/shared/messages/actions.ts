/** The action dialogs: identity check, each action's words, actions held on this desk. */
import type { SyncStatus } from '../contract';
import { formatDateTime, formatList } from '../format';
import type { IdentityFact, RetiredIdentityFact } from '../policy';
import { MAIL_FRESHNESS_MS } from '../policy';

/** The action dialogs: identity check, contact fields, dismissal confirmation. */
export const dialogMessages = {
  identityLegend: (required: number) =>
    `Verificación de identidad: pregunte a la persona y marque los datos que coincidieron (al menos ${required})`,
  identityOptional:
    'Solo se exige si cambia el correo. Un celular nuevo no sirve para verificar la identidad hasta 24 horas después.',
  identityTooFew: (required: number) =>
    `El sistema no tiene ${required} datos de esta persona para verificar su identidad: esta acción no puede hacerse desde la Mesa de Ayuda.`,
  /** The contact form: a mobile asks for no check, a new e-mail does. */
  identityTooFewEmail: (required: number) =>
    `El sistema no tiene ${required} datos de esta persona para verificar su identidad: el correo no puede cambiarse desde la Mesa de Ayuda; el celular sí.`,
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
  /**
   * What is wrong with an address as typed, when it can be told: a caller dictates «Muñoz», and
   * the agent types what they hear.
   */
  invalidEmailFor: (typed: string) => {
    const text = typed.trim();
    if (/\s/.test(text)) return 'Un correo no lleva espacios: revise lo que escribió.';
    if (/[^ -~]/.test(text)) {
      return 'Un correo no lleva ñ ni tildes: pregunte cómo se escribe (por ejemplo «munoz», no «muñoz»).';
    }
    if (!text.includes('@')) return 'Falta la @: por ejemplo nombre@dominio.cl.';
    return 'Escriba un correo válido, por ejemplo nombre@dominio.cl.';
  },
  invalidPhone: 'Escriba un celular válido, por ejemplo +56 9 1234 5678.',
  fixedLinePhone:
    'Es un teléfono fijo: aquí va el celular de la persona, por ejemplo +56 9 1234 5678.',
  roleLabel: 'Perfil',
  /**
   * Under the profile list: why «Administrador de accesos» is not among its choices (rules 9, 12),
   * in the words of the company's portal only.
   */
  roleAdminHint: (onEmpresas: boolean) =>
    onEmpresas
      ? 'Un administrador de accesos no se nombra aquí: en Portal Empresas lo solicita el representante legal o un firmante de la TRF («Registrar solicitud» en la página de la empresa), o la empresa lo agrega («Agregar usuario», en la misma página); en ambos casos debe firmar el Acuerdo de Acceso Remoto.'
      : 'Un administrador de accesos no se nombra aquí: en ACHS lo nombra el representante legal («Agregar usuario» en la página de la empresa, con el representante en la línea).',
  reasonLabel: 'Motivo',
  /**
   * Under a reason: it is kept in the person's audit, which a Ley 21.719 access request hands them
   * (data-export.ts; walk 58b: a load's reason named a third person in a titular's export).
   */
  reasonSeen:
    'Queda en la auditoría y se entrega a la persona si pide sus datos (Ley 21.719): no escriba datos de otras personas.',
  cancel: 'Cancelar',
  saving: 'Guardando…',
  missing: (parts: string[]) => `Falta: ${formatList(parts)}.`,
  missingReason: 'un motivo de al menos 3 caracteres',
  /** How many identity facts are still to be checked (the required ones less those ticked). */
  missingFacts: (left: number) =>
    left === 1 ? '1 dato de identidad' : `${left} datos de identidad`,
  missingDismissal: 'confirmar la baja',
  missingOtherRole: 'elegir un perfil distinto del actual',
  /** In a «Falta: …» with the rest: each field typed wrong, named. */
  missingValidEmail: 'un correo válido',
  missingValidPhone: 'un celular válido',
  /** The contact dialog with nothing changed: a person with no e-mail, or one with. */
  missingNewEmail: 'el correo',
  missingAnyChange: 'un correo o celular distinto del registrado',
  missingEmailKept: 'un correo (no se puede quitar)',
  /** The e-mail emptied: a person is never left without one (rule 2). */
  emailCannotBeRemoved:
    'El correo no se puede quitar: sin correo la persona no puede registrarse ni recuperar su contraseña. Escriba el correo nuevo.',
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
    /**
     * Its login opens no company now (the account's hasAccess): the unlock alone lets nobody in
     * (walk 58b: «podrá ingresar» beside a diagnosis that said it could not).
     */
    descriptionWithoutAccess: (portal: string) =>
      `Quita el bloqueo temporal por intentos fallidos. Aun así, la persona no podrá ingresar a ${portal} mientras no tenga ahí un acceso habilitado en una empresa; cuando lo tenga, entrará con su contraseña.`,
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
    /** The last one as it went: asked for and still waiting, or never sent, is no «envío». */
    description: (
      to: string | null,
      portal: string,
      last: {
        sentAt: string;
        outcome: 'queued' | 'sent' | 'delivered' | 'bounced' | 'failed';
      } | null,
    ) =>
      `Se enviará a ${to ?? '(sin correo)'} desde ${portal}. ${
        last === null
          ? 'No se ha enviado antes.'
          : last.outcome === 'queued'
            ? `El último se pidió el ${formatDateTime(last.sentAt)} y aún no sale.`
            : last.outcome === 'failed'
              ? `El último, pedido el ${formatDateTime(last.sentAt)}, no se envió.`
              : `Último envío: ${formatDateTime(last.sentAt)}${last.outcome === 'bounced' ? ' (rebotó)' : ''}.`
      }`,
    confirm: 'Reenviar',
    done: 'Correo pedido: se enviará en breve.',
  },
  editContact: {
    title: 'Editar datos de contacto',
    /** The confirmation link goes to each active portal account (rule 10); none, no link. */
    description: (hasActiveAccount: boolean) =>
      hasActiveAccount
        ? 'Un correo nuevo exige verificar la identidad; la persona deberá confirmarlo desde el enlace que recibirá.'
        : 'Un correo nuevo exige verificar la identidad. No se le enviará un enlace para confirmarlo: aún no tiene una cuenta activa en un portal.',
    confirm: 'Guardar',
    done: 'Datos de contacto actualizados.',
    /** A shared desk: what the dialog shows includes another agent's change still here. */
    othersPending: (name: string) =>
      `Lo que se muestra incluye un cambio de ${name} que aún no llega al sistema central: el suyo queda sobre ese, llegue antes o después.`,
  },
  role: {
    title: 'Cambiar perfil',
    confirm: 'Cambiar perfil',
    done: (who: string, company: string) => `Perfil de ${who} en ${company} actualizado.`,
  },
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
} as const;

// Said after any toast («Datos de contacto actualizados…», «Acceso inhabilitado…»): its own
// subject, so it agrees with every one of them.
/**
 * Why an action taken now waits on this desk, and until when, by the sync's state: each its own
 * sentence (a state's short label does not make one, and «cuando se sincronice» is not true of
 * every state).
 */
const heldWhy: Partial<Record<SyncStatus['state'], string>> = {
  offline:
    'Sin conexión: esta acción quedará guardada en este equipo y llegará al portal cuando este equipo se sincronice',
  signed_out:
    'La sesión de este equipo con el sistema central expiró: esta acción quedará guardada aquí y llegará al portal cuando usted salga e ingrese de nuevo con conexión',
  upgrade_required:
    'Esta versión de la aplicación debe actualizarse: esta acción quedará guardada en este equipo y llegará al portal cuando se instale la actualización',
  device_fork:
    'Este equipo quedó duplicado: esta acción quedará guardada aquí y llegará al portal cuando se inscriba como equipo nuevo (Sincronización)',
  revoked: 'Este equipo fue revocado: esta acción no llegará al portal desde aquí',
  not_configured:
    'Sin sistema central: esta acción quedará guardada en este equipo y llegará al portal cuando este equipo se sincronice',
};

const heldLater =
  'El cambio llegará al portal cuando este equipo se sincronice; hasta entonces la persona no lo verá.';

/**
 * An action taken while this desk cannot sync (see renderer actions-held.ts): the desk shows the
 * change at once, but the portal does not have it yet, so nothing may say it is done there.
 */
/**
 * The toast of an action the central API did not apply once its sync settled (held-after-push.ts
 * unappliedAfterPush): never «hecho» (walk 60b M3).
 */
export const notAppliedMessages = {
  conflict:
    'El sistema central no lo aplicó: otro cambio sobre esta persona llegó antes (conflicto). Revíselo en Sincronización, «Por revisar», antes de decirle a la persona que quedó hecho.',
  rejected:
    'El sistema central rechazó esta acción: no quedó hecha. Vea el motivo en Sincronización, «Por revisar», antes de decirle nada a la persona.',
} as const;

export const heldMessages = {
  /**
   * In every action dialog; `state` is how the header names the sync's state. A company's
   * change is asked by someone of the company, who is the one to tell.
   */
  dialogNote: (state: SyncStatus['state'], askedByCompany = false) =>
    `${heldWhy[state] ?? heldWhy.offline}. Dígaselo a ${askedByCompany ? 'quien lo pide' : 'la persona'}.`,
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
  // No promise of entry: another cause (a password still to create) may remain after it. No
  // claim that the caller asked either: the change may be a load's, or another agent's.
  // Read to the caller: no «equipo» nor «sistema central», words of the desk.
  diagnosisSay:
    'Lo que hicimos quedó registrado en la mesa de ayuda y llegará al portal en cuanto nos conectemos; hasta entonces el portal no lo ve.',
  /** Another agent's actions on this desk wait for them, online or not (a shared desk). */
  diagnosisSayOthers:
    'Lo que hicimos quedó registrado en la mesa de ayuda y llegará al portal en cuanto se envíe; hasta entonces el portal no lo ve.',
  /**
   * `disabled`: those of them the central said are disabled here — they will not sign in again,
   * so their actions leave only if a supervisor takes them over.
   */
  othersNote: (names: string[], supervisor: boolean, disabled: string[] = []) => {
    const waiting = names.filter((name) => !disabled.includes(name));
    const one = disabled.length === 1;
    const when =
      waiting.length === 0
        ? `${formatList(disabled)} ${one ? 'está inhabilitado y no volverá' : 'están inhabilitados y no volverán'} a ingresar: salen solo si un supervisor las reasigna.`
        : `salen cuando ${waiting.length === 1 ? 'ingrese' : 'ingresen'} de nuevo${
            disabled.length > 0
              ? ` (las de ${formatList(disabled)}, ${one ? 'inhabilitado' : 'inhabilitados'}, solo si un supervisor las reasigna)`
              : ''
          }.`;
    const how = supervisor
      ? 'reasígnelas a su nombre en Sincronización y salen con su sesión.'
      : 'pida a un supervisor que las reasigne (Sincronización).';
    const then =
      waiting.length === 0
        ? `${how.charAt(0).toUpperCase()}${how.slice(1)}`
        : `Si no puede esperar, ${how}`;
    return `Son acciones de ${formatList(names)} en este equipo: ${when} ${then}`;
  },
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
        ? actions.length === 1
          ? 'la revisa en Sincronización quien la hizo, o un supervisor: no le diga a la persona que quedó hecho.'
          : 'las revisa en Sincronización quien las hizo, o un supervisor: no le diga a la persona que quedó hecho.'
        : actions.length === 1
          ? 'revísela en Sincronización antes de decirle a la persona que quedó hecho.'
          : 'revíselas en Sincronización antes de decirle a la persona que quedó hecho.'
    }`,
  unsettledGo: 'Ir a Sincronización',
  pending: (
    actions: Array<{ label: string; otherAgent: string | null; agentDisabled?: boolean }>,
  ) =>
    `${actions.length === 1 ? '1 acción pendiente' : `${actions.length} acciones pendientes`} de sincronizar con el sistema central: ${actions
      .map(({ label, otherAgent, agentDisabled }) =>
        otherAgent === null
          ? label
          : agentDisabled
            ? `${label} (de ${otherAgent}, inhabilitado: sale solo si un supervisor la reasigna)`
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

/** The dialog of a decision that needs only a reason (components/ReasonDialog.tsx). */
export const reasonDialogMessages = {
  reason: 'Motivo',
  missingReason: (min: number) =>
    min <= 1 ? 'el motivo' : `un motivo de al menos ${min} caracteres`,
  cancel: 'Cancelar',
  failed: 'No se pudo completar. Intente de nuevo.',
} as const;
