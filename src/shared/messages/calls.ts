/** Calls and an officer's visits: reasons, outcomes, the call bar and the Llamadas screen. */
import type { InteractionOutcome, InteractionReason, OnBehalfRelation } from '../policy';
import { CALL_DISCARD_MS } from '../policy';
import type { InteractionKind } from '../vocabulary';
import type { Wording } from './internal';

export const interactionReasonLabels: Record<InteractionReason, string> = {
  forgot_password: 'Olvidó contraseña',
  locked_attempts: 'Bloqueo por intentos',
  first_registration: 'Registro primera vez',
  mail_not_arriving: 'Correo no llega',
  rut_not_registered: 'RUT no registrado',
  company_not_adherent: 'Empresa no adherida',
  dismissed: 'Desvinculación',
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

/** «Juana González (Familiar)»; no relation said for «Otra persona» (walk 58: «Rosa (Otra persona)»). */
export const onBehalfText = (onBehalf: { name: string; relation: OnBehalfRelation }) =>
  onBehalf.relation === 'other'
    ? onBehalf.name
    : `${onBehalf.name} (${onBehalfRelationLabels[onBehalf.relation] ?? onBehalf.relation})`;

export const interactionOutcomeLabels: Record<InteractionOutcome, string> = {
  resolved: 'Resuelto',
  escalated: 'Derivado',
  unresolved: 'No resuelto',
  // «Volver a llamar» fitted calls only: a visit is followed up too.
  callback: 'Volver a contactar',
};

/** Who spoke in the person's name during an interaction: now, and earlier in it. */
type SpokenFor = {
  onBehalf: { name: string; relation: OnBehalfRelation } | null;
  earlierOnBehalf: ReadonlyArray<{ name: string; relation: OnBehalfRelation }>;
};

/**
 * «llamó Juana González (Familiar) en su nombre · antes llamó … en su nombre», with the verb of
 * the interaction's kind; '' when the person spoke for himself all along.
 */
function spokenForText(verb: string, { onBehalf, earlierOnBehalf }: SpokenFor): string {
  return [
    ...(onBehalf ? [`${verb} ${onBehalfText(onBehalf)} en su nombre`] : []),
    ...(earlierOnBehalf.length > 0
      ? [`antes ${verb} ${earlierOnBehalf.map(onBehalfText).join(' y ')} en su nombre`]
      : []),
  ].join(' · ');
}

/** The call bar and the Llamadas screen. `who` is a name with its RUT, or a RUT alone. */
export const callMessages = {
  region: 'Llamada',
  /** A row's reason in a list that holds calls and visits: «Llamada: Olvidó contraseña». */
  kindReason: (reason: string) => `Llamada: ${reason}`,
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
  /** «Resuelto» with no action in the call: how it was resolved. */
  missingResolvedNotes:
    'Falta: en las notas, cómo se resolvió, porque no tiene acciones (al menos 3 caracteres).',
  /** A record's call with someone else that acted on this person. */
  ofOther: (who: string) => `en la llamada de ${who}`,
  saveAndClose: 'Guardar y cerrar',
  /** Closing as «Resuelto» while actions of it did not apply (a conflict, a refusal). */
  unsettled: (n: number) =>
    `${n === 1 ? '1 acción de esta llamada no se aplicó' : `${n} acciones de esta llamada no se aplicaron`} (conflicto o rechazo): revíse${n === 1 ? 'la' : 'las'} en Sincronización, «Por revisar», antes de darla por resuelta.`,
  /** Closing as «Resuelto» while actions of it have not reached the central API yet. */
  notYetApplied: (n: number) =>
    `${n === 1 ? '1 acción de esta llamada aún no llega' : `${n} acciones de esta llamada aún no llegan`} al sistema central: el portal todavía no ${n === 1 ? 'la tiene' : 'las tiene'}. Si la da por resuelta, revise después en Sincronización que ${n === 1 ? 'se aplicó' : 'se aplicaron'}.`,
  back: 'Seguir en la llamada',
  closed: 'Llamada cerrada y registrada.',
  failed:
    'No se pudo registrar la llamada: sigue abierta. Intente cerrarla de nuevo; si se repite, avise a soporte.',
  nudge: (who: string) =>
    `La acción quedó registrada sin llamada, y así queda. ¿Abrir una llamada para ${who}? Las acciones que siga haciendo quedarán en ella; la anterior, solo si la anota en sus notas. F2 lleva a esta barra.`,
  nudgeOpen: 'Abrir llamada',
  nudgeDismiss: 'Descartar',
  /** Opened for the wrong person, nothing done yet: the one on screen takes it. */
  // The record of the call changes hands, not the line: «pasar la llamada» would mean a transfer.
  moveTo: (who: string) => `Registrar la llamada a nombre de ${who}`,
  movedTo: (who: string) => `La llamada quedó a nombre de ${who}.`,
  /** Opened by mistake, nothing done in it, in its first minutes (policy CALL_DISCARD_MS). */
  discard: 'Descartar (abierta por error)',
  discarded:
    'Llamada descartada: no queda en Llamadas. La auditoría guarda que se abrió y se descartó.',
  /**
   * Closing a call opened before the caller was found, nothing done in it: filed under whom the
   * record on screen names (checked), or under nobody, said.
   */
  fileUnder: (who: string) => `Registrarla a nombre de ${who}`,
  noPerson:
    'La llamada queda sin persona: no saldrá en la ficha de nadie ni al buscar por RUT en Llamadas. Si era de alguien, ábrale la ficha antes de guardar.',
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
    /** `named` false: the call names nobody yet (walk 58: «en su nombre» of nobody). */
    shown: (who: string, named = true) =>
      `Llama ${who} en ${named ? 'su nombre' : 'nombre de quien consulta'}`,
    /**
     * In the lists of calls: who calls in the person's name, and who did earlier in the call
     * («llamó Juana González (Familiar) en su nombre»; «antes llamó … en su nombre»).
     */
    listed: (call: SpokenFor): string => spokenForText('llamó', call),
    person: 'Llama la persona',
    /** The audit's value when the person called. */
    itself: 'La propia persona',
    saved: (who: string) =>
      `Anotado: llama ${who}. El acceso es personal: puede desbloquear un acceso bloqueado por intentos fallidos, reenviar correos a la dirección registrada o registrar una solicitud Ley 21.719; los demás cambios, no.`,
    cleared: 'Anotado: llama la propia persona.',
    /** Above an action dialog the caller cannot ask for. */
    refused: (who: string) =>
      `El acceso es personal: llama ${who}, no la persona. Con otra persona al teléfono solo se puede desbloquear un acceso bloqueado por intentos fallidos, reenviar correos a la dirección registrada o registrar una solicitud Ley 21.719; este cambio, no.`,
    refusedMissing: 'que llame la propia persona',
    /**
     * Under the form: a company's representative or administrator asks as the company, and the
     * company's dialog asks who (walk 58: noted here, he was taken to speak in the person's name).
     */
    notTheCompany:
      'Si llama por la empresa (su representante legal o un administrador de accesos), no lo anote aquí: al registrar el cambio que pide la empresa, se pregunta quién lo pide.',
    /** The audit's label of who spoke: «Quién llama: Juana González (Familiar)». */
    audit: 'Quién llama',
  },
  /**
   * What main refuses about the agent's own call, or about who is on the line (ruleMessages and
   * notFoundMessage in refusals.ts pick these by the interaction's kind).
   */
  refusals: {
    open: 'Ya tiene una llamada en curso: ciérrela antes de abrir otra.',
    notesRequired: (outcome: string) =>
      `Una llamada que se cierra como «${outcome}» deja anotado qué queda pendiente y con quién (al menos 3 caracteres en las notas).`,
    notesResolved:
      'Una llamada resuelta sin acciones deja anotado cómo se resolvió (al menos 3 caracteres en las notas).',
    closed: 'Esa llamada ya está cerrada.',
    closedReason: 'Esa llamada ya está cerrada: su motivo ya no se puede cambiar.',
    hasActions:
      'La llamada ya tiene acciones registradas: no puede pasar a otra persona. Ciérrela y abra otra para quien llama.',
    hasPerson:
      'La llamada ya está a nombre de otra persona: se cierra a su nombre. Si era de otra, cámbiela antes con «Registrar la llamada a nombre de…».',
    discardHasActions:
      'La llamada ya tiene acciones registradas: no se puede descartar. Ciérrela con su resultado.',
    discardLate: `La llamada se abrió hace más de ${CALL_DISCARD_MS / 60_000} minutos: ya no se puede descartar. Ciérrela con su resultado (si no hubo nada, «No resuelto» y una nota).`,
    notFound: 'No se encontró la llamada (o es de otro agente).',
    followUpNone:
      'Esa llamada no dejó nada pendiente: solo una cerrada como «Derivado» o «Volver a contactar» se da por atendida.',
    followUpDone: (at: string, by: string | null) =>
      `Esa llamada ya se dio por atendida el ${at}${by ? ` (${by})` : ''}: actualice la lista para ver qué se hizo.`,
    /** Seed 000, «el acceso es personal» (run-action, allowedOnBehalf). */
    onBehalfPersonal: (name: string) =>
      `El acceso es personal: con ${name} llamando en nombre de la persona solo se puede desbloquear un acceso bloqueado por intentos fallidos, reenviar correos a su dirección registrada o registrar una solicitud Ley 21.719; este cambio, no.`,
    /** ACHS: a new access administrator is the legal representative's to name. */
    adminNeedsRepresentative:
      'En ACHS, un administrador de accesos nuevo lo nombra el representante legal de la empresa: pídale a quien llama que lo solicite el representante legal. Quien llama sí puede pedir usuarios empresa.',
  },
  listTitle: 'Llamadas',
  listRut: 'RUT de la persona',
  listSearch: 'Buscar',
  listFailed: 'No se pudieron cargar las llamadas.',
  listEmpty: 'No hay llamadas registradas en este equipo.',
  // Calls never leave the desk they were taken on (README: what syncs): «en este equipo».
  listCaption: (all: boolean) =>
    all
      ? 'Llamadas de todos los agentes registradas en este equipo, las más recientes primero. Elija una persona para abrir su ficha.'
      : 'Sus llamadas registradas en este equipo, las más recientes primero. Elija una persona para abrir su ficha.',
  columns: {
    openedAt: 'Inicio',
    agent: 'Agente',
    person: 'Persona',
    reason: 'Motivo',
    actions: 'Acciones',
    outcome: 'Resultado',
    duration: 'Duración',
    notes: 'Notas',
  },
  inProgressShort: 'En curso',
  /** Whose call or visit it was, on a list that holds other agents' too. */
  takenBy: (agent: string) => `a cargo de ${agent}`,
  /** How long a closed one lasted, on a record's list. */
  lasted: (duration: string) => `duró ${duration}`,
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
  recentEmpty: 'No hay llamadas con esta persona registradas en este equipo.',
  /** Anyone but a supervisor sees only their own (policy seesAllInteractions). */
  recentEmptyOwn:
    'Usted no tiene llamadas con esta persona registradas en este equipo (solo se muestran las suyas; las de otros agentes en este equipo las ve un supervisor).',
  /** A long note in the list shows its start; these show or fold the rest. */
  notesMore: 'Ver nota completa',
  notesLess: 'Ver menos',
  unknownAgent: 'Agente desconocido',
} as const;

export type InteractionWords = Wording<typeof callMessages>;

/**
 * A prevention officer's interactions are visits (DOMAIN: «one call or visit»): the same bar
 * and list, in his words.
 */
export const visitMessages: InteractionWords = {
  ...callMessages,
  region: 'Visita',
  kindReason: (reason: string) => `Visita: ${reason}`,
  reasonRequired: 'Elija el motivo de la visita antes de abrirla.',
  open: (who: string | null) => (who ? `Abrir visita con ${who}` : 'Abrir visita'),
  opened: 'Visita abierta: las acciones quedarán asociadas a ella.',
  ofOther: (who: string) => `en la visita con ${who}`,
  unsettled: (n: number) =>
    `${n === 1 ? '1 acción de esta visita no se aplicó' : `${n} acciones de esta visita no se aplicaron`} (conflicto o rechazo): revíse${n === 1 ? 'la' : 'las'} en Sincronización, «Por revisar», antes de darla por resuelta.`,
  notYetApplied: (n: number) =>
    `${n === 1 ? '1 acción de esta visita aún no llega' : `${n} acciones de esta visita aún no llegan`} al sistema central: el portal todavía no ${n === 1 ? 'la tiene' : 'las tiene'}. Si la da por resuelta, revise después en Sincronización que ${n === 1 ? 'se aplicó' : 'se aplicaron'}.`,
  inProgress: 'Visita en curso',
  reasonChanged: (label: string) => `Motivo de la visita cambiado a «${label}».`,
  close: 'Cerrar visita',
  outcomeRequired: 'Elija el resultado de la visita antes de cerrarla.',
  notes: 'Notas de la visita',
  back: 'Seguir en la visita',
  closed: 'Visita cerrada y registrada.',
  failed:
    'No se pudo registrar la visita: sigue abierta. Intente cerrarla de nuevo; si se repite, avise a soporte.',
  nudge: (who: string) =>
    `La acción quedó registrada sin visita, y así queda. ¿Abrir una visita con ${who}? Las acciones que siga haciendo quedarán en ella; la anterior, solo si la anota en sus notas. F2 lleva a esta barra.`,
  nudgeOpen: 'Abrir visita',
  moveTo: (who: string) => `Registrar la visita a nombre de ${who}`,
  movedTo: (who: string) => `La visita quedó a nombre de ${who}.`,
  discarded:
    'Visita descartada: no queda en Visitas. La auditoría guarda que se abrió y se descartó.',
  noPerson:
    'La visita queda sin persona: no saldrá en la ficha de nadie ni al buscar por RUT en Visitas. Si era con alguien, ábrale la ficha antes de guardar.',
  listTitle: 'Visitas',
  listFailed: 'No se pudieron cargar las visitas.',
  listEmpty: 'No hay visitas registradas en este equipo.',
  attachedElsewhere: (who: string) => `La acción quedó registrada en la visita con ${who}.`,
  // A visit may rightly cover several people of a company: no way out to offer.
  joinsElsewhere: (who: string) =>
    `Esta acción quedará registrada en la visita abierta con ${who}.`,
  callerTaken: (who: string) => `La visita quedó a nombre de ${who}.`,
  signOutTitle: '¿Salir con la visita abierta?',
  signOutOpen: (who: string | null) =>
    `La visita${who ? ` con ${who}` : ''} sigue abierta: quedará así hasta que vuelva a ingresar en este equipo. Si ya terminó, ciérrela antes de salir.`,
  recentTitle: 'Visitas recientes',
  recentEmpty: 'No hay visitas con esta persona registradas en este equipo.',
  recentEmptyOwn:
    'Usted no tiene visitas con esta persona registradas en este equipo (solo se muestran las suyas; las de otros en este equipo las ve un supervisor).',
  listCaption: () =>
    'Sus visitas registradas en este equipo, las más recientes primero. Elija una persona para abrir su ficha.',
  /**
   * At a company's site nobody calls. A visit is face to face: its bar offers no way to mark
   * someone speaking for the person (CallBar), and main refuses it too (interactions.setCaller,
   * `on_behalf_at_visit`). A visit marked so before main refused it still reads in these words:
   * its rows, its audit and main's refusals. The same rule (seed 000: «el acceso es personal»);
   * an officer registers no Ley 21.719 request (data_request.manage is the 600 line's), so his
   * words do not offer one.
   */
  onBehalf: {
    ...callMessages.onBehalf,
    mark: 'Habla otra persona…',
    legend: 'Otra persona habla en nombre de quien consulta',
    name: 'Nombre de quien habla',
    missingName: 'el nombre de quien habla (al menos 2 letras)',
    shown: (who: string, named = true) =>
      `Habla ${who} en ${named ? 'su nombre' : 'nombre de quien consulta'}`,
    listed: (visit: SpokenFor): string => spokenForText('habló', visit),
    // The visit's bar offers no such form; said in its words all the same.
    notTheCompany:
      'Si habla por la empresa (su representante legal o un administrador de accesos), no lo anote aquí: al registrar el cambio que pide la empresa, se pregunta quién lo pide.',
    person: 'Habla la persona',
    saved: (who: string) =>
      `Anotado: habla ${who}. El acceso es personal: puede desbloquear un acceso bloqueado por intentos fallidos o reenviar correos a la dirección registrada; los demás cambios, no.`,
    cleared: 'Anotado: habla la propia persona.',
    refused: (who: string) =>
      `El acceso es personal: habla ${who}, no la persona. Con otra persona hablando en su nombre solo se puede desbloquear un acceso bloqueado por intentos fallidos o reenviar correos a la dirección registrada; este cambio, no.`,
    refusedMissing: 'que hable la propia persona',
    audit: 'Quién habla',
  },
  refusals: {
    open: 'Ya tiene una visita en curso: ciérrela antes de abrir otra.',
    notesRequired: (outcome: string) =>
      `Una visita que se cierra como «${outcome}» deja anotado qué queda pendiente y con quién (al menos 3 caracteres en las notas).`,
    notesResolved:
      'Una visita resuelta sin acciones deja anotado cómo se resolvió (al menos 3 caracteres en las notas).',
    closed: 'Esa visita ya está cerrada.',
    closedReason: 'Esa visita ya está cerrada: su motivo ya no se puede cambiar.',
    hasActions:
      'La visita ya tiene acciones registradas: no puede pasar a otra persona. Ciérrela y abra otra con la persona que atiende ahora.',
    hasPerson:
      'La visita ya está a nombre de otra persona: se cierra a su nombre. Si era de otra, cámbiela antes con «Registrar la visita a nombre de…».',
    discardHasActions:
      'La visita ya tiene acciones registradas: no se puede descartar. Ciérrela con su resultado.',
    discardLate: `La visita se abrió hace más de ${CALL_DISCARD_MS / 60_000} minutos: ya no se puede descartar. Ciérrela con su resultado (si no hubo nada, «No resuelto» y una nota).`,
    notFound: 'No se encontró la visita (o es de otro agente).',
    followUpNone:
      'Esa visita no dejó nada pendiente: solo una cerrada como «Derivado» o «Volver a contactar» se da por atendida.',
    followUpDone: (at: string, by: string | null) =>
      `Esa visita ya se dio por atendida el ${at}${by ? ` (${by})` : ''}: actualice la lista para ver qué se hizo.`,
    onBehalfPersonal: (name: string) =>
      `El acceso es personal: con ${name} hablando en nombre de la persona solo se puede desbloquear un acceso bloqueado por intentos fallidos o reenviar correos a su dirección registrada; este cambio, no.`,
    adminNeedsRepresentative:
      'En ACHS, un administrador de accesos nuevo lo nombra el representante legal de la empresa: que lo pida él o ella. Quien lo pide ahora sí puede pedir usuarios empresa.',
  },
};

/**
 * The words of one interaction by what it is (shared/rules/interaction-kind.ts), whoever is
 * signed in: a supervisor's lists name an officer's visit as a visit.
 */
export const interactionKindWords: Record<InteractionKind, InteractionWords> = {
  call: callMessages,
  visit: visitMessages,
};

/** The words over a list of interactions: the Llamadas screen and a record's recent ones. */
export type InteractionListWords = Pick<
  InteractionWords,
  | 'listTitle'
  | 'listFailed'
  | 'listEmpty'
  | 'listCaption'
  | 'recentTitle'
  | 'recentEmpty'
  | 'recentEmptyOwn'
>;

/**
 * A list that holds calls and an officer's visits (a supervisor's, on a desk an officer also
 * uses) says both, as the Panel does («Llamadas y visitas por motivo»).
 */
export const mixedListMessages: InteractionListWords = {
  listTitle: 'Llamadas y visitas',
  listFailed: 'No se pudieron cargar las llamadas y visitas.',
  listEmpty: 'No hay llamadas ni visitas registradas en este equipo.',
  listCaption: (all: boolean) =>
    all
      ? 'Llamadas y visitas de todos los agentes registradas en este equipo, las más recientes primero. Elija una persona para abrir su ficha.'
      : 'Sus llamadas y visitas registradas en este equipo, las más recientes primero. Elija una persona para abrir su ficha.',
  recentTitle: 'Llamadas y visitas recientes',
  recentEmpty: 'No hay llamadas ni visitas con esta persona registradas en este equipo.',
  recentEmptyOwn:
    'Usted no tiene llamadas ni visitas con esta persona registradas en este equipo (solo se muestran las suyas; las de otros en este equipo las ve un supervisor).',
};

/**
 * Calls and visits closed as «Derivado» or «Volver a contactar» wait in the list, «Por atender»,
 * until their agent or a supervisor says what was done (shared/rules/follow-up.ts). «Atendida»
 * fits a call and a visit alike.
 */
export const followUpMessages = {
  outcomeFilter: 'Resultado',
  allOutcomes: 'Todos',
  awaitingOption: 'Por atender',
  awaiting: 'Por atender',
  attended: (at: string, who: string | null) => `Atendida el ${at}${who ? ` por ${who}` : ''}`,
  /** …in a record's list of recent ones, after the outcome: «Derivado (por atender)». */
  awaitingInline: 'por atender',
  attendedInline: (at: string, who: string | null) =>
    `atendida el ${at}${who ? ` por ${who}` : ''}`,
  doneNote: 'Qué se hizo:',
  noteMore: 'Ver todo',
  noteLess: 'Ver menos',
  open: 'Dar por atendida…',
  /** The button's accessible name in a list of many: whose, and when it began. */
  openLabel: (whose: string, when: string) => `Dar por atendida: ${whose}, ${when}`,
  title: 'Dar por atendida',
  /** `what`: «La llamada con Pedro … del 07-12-2026 20:28». */
  explanation: (what: string, outcome: string, notes: string | null) =>
    `${what} se cerró como «${outcome}»${notes ? `. Lo que quedó pendiente: «${notes}»` : ''}. Al darla por atendida sale de «Por atender»; lo que anote queda con ella y en la auditoría.`,
  what: (kind: 'call' | 'visit', whose: string | null, when: string) =>
    `La ${kind === 'visit' ? 'visita' : 'llamada'}${whose ? ` con ${whose}` : ''} del ${when}`,
  note: 'Qué se hizo',
  noteMissing: (min: number) => `qué se hizo (al menos ${min} caracteres)`,
  /** A call filed under nobody, in the button's name. */
  nobody: 'sin persona',
  noteHint: 'Por ejemplo: «Se le llamó de vuelta y se le reenvió el correo de activación».',
  confirm: 'Dar por atendida',
  busy: 'Guardando…',
  done: 'Quedó atendida: salió de «Por atender».',
  /** Over the list: how many wait, of those the agent may see (none: nothing said). */
  waiting: (count: number) =>
    count === 1
      ? '1 por atender: cerrada como «Derivado» o «Volver a contactar», nadie ha anotado aún qué se hizo.'
      : `${count} por atender: cerradas como «Derivado» o «Volver a contactar», nadie ha anotado aún qué se hizo.`,
  showWaiting: 'Ver las por atender',
  /** Under the close form's outcome: where it will wait, and for whom. */
  // Calls never leave the desk (README: what syncs): a supervisor elsewhere is to be told.
  closeHint: (list: string) =>
    `Quedará en ${list} de este equipo, «Por atender», hasta que usted o un supervisor la den por atendida: anote en las notas qué queda pendiente y con quién. Las ${list.toLowerCase()} no salen de este equipo: si se la deriva a un supervisor que trabaja en otro, avísele.`,
} as const;
