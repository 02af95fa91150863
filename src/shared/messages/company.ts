/** The company half (issue 7): its labels, modules and the company's page. */
import type { Portal } from '../contract';
import { formatList, formatNumber } from '../format';
import { MAIL_FRESHNESS_MS } from '../policy';
import { countOf } from './common';

/** A mail's action that reaches the central API later than this is applied without its mail. */
const FRESH_HOURS = MAIL_FRESHNESS_MS / 3_600_000;

/** An account row: a Los Héroes login opens the three of them (seed 002). */
export const loginLabels: Record<Portal, string> = {
  achs_gestion: 'ACHS Gestión',
  portal_heroes: 'Los Héroes (Portal Héroes, Portal Empresas y APP LH)',
  portal_empresas: 'Los Héroes (Portal Héroes, Portal Empresas y APP LH)',
};

export const adminKindLabels = {
  legal_representative: 'Representante legal',
  commercial_contact: 'Contacto comercial',
  appointed: 'Por designación del representante legal',
} as const;

export const signatoryKindLabels = {
  legal_representative: 'Representante legal',
  // Said of women and men alike: «firmante», not «habilitado».
  trf: 'Firmante de la TRF',
} as const;

export const requestCapacityLabels = {
  legal_representative: 'Representante legal',
  authorized_signatory: 'Firmante de la TRF',
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
  /** The company page, as a screen reader names it, and its state badges. */
  region: 'Empresa',
  badges: 'Estado',
  notAdherent: (until: string | null) =>
    until ? `No adherida desde ${until}: ninguno de sus usuarios puede ingresar` : 'No adherida',
  counts: (
    active: number,
    all: number,
    admins: number,
    pendingSignature: number,
    adherent: boolean,
  ) =>
    // Rule 6: at a company no longer adherent nobody is «activo»: no access opens there.
    !adherent
      ? `${countOf(all, 'persona registrada', 'personas registradas')}: ninguna puede ingresar mientras la empresa no esté adherida`
      : `${countOf(active, 'persona activa', 'personas activas')} de ${countOf(all, 'registrada', 'registradas')} · ${countOf(admins, 'administrador de accesos', 'administradores de accesos')}${
          pendingSignature > 0
            ? ` · ${countOf(pendingSignature, 'pendiente de firma del acuerdo', 'pendientes de firma del acuerdo')}`
            : ''
        }`,
  /** A prevention officer's laptop holds a company's current people only (scope rule). */
  countsOfficer:
    'En este equipo están las personas vigentes de la empresa: las dadas de baja no llegan a él.',
  register: 'Representantes legales y registro de firmantes (TRF)',
  registerEmpty:
    'No hay representantes legales ni firmantes de la TRF registrados: nadie puede solicitar acceso a Portal Empresas por esta empresa.',
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
  /** An officer's laptop holds the requests of his companies' people only (scope rule). */
  requestsOfficer:
    'En este equipo están solo las solicitudes de las personas de la empresa que tiene: quien la pidió sin ser una de ellas (un representante legal nuevo, por ejemplo) no aparece aquí. Para saber de otras, consulte a la mesa de ayuda.',
  check: {
    legal_representative: 'Es representante legal',
    trf: 'Figura en la TRF',
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
  dismiss: 'Registrar baja',
  modules: 'Módulos',
  users: 'Todas sus personas',
  usersEmpty: 'La empresa no tiene personas registradas.',
  loadMore: 'Cargar más',
  loading: 'Cargando empresa',
  /**
   * Rule 11: a company profile given to an access disabled or paused leaves it so; giving it back
   * is another request of the company's. Said before adding, and in the toast after.
   */
  accessStays: (state: string, onEmpresas: boolean) =>
    state === 'disabled' || state === 'paused'
      ? `Su acceso en la empresa está ${state === 'disabled' ? 'inhabilitado' : 'pausado'} y así sigue: el perfil no lo ${state === 'disabled' ? 'habilita' : 'reanuda'}; eso es otra solicitud de la empresa («${state === 'disabled' ? 'Habilitar' : 'Reanudar'}»)${onEmpresas ? ', y hasta entonces el perfil empresa no se asigna, aunque firme el Acuerdo de Acceso Remoto' : ''}.`
      : '',
  /**
   * Why a row's change waits (companyChangeWaits): only the legal representative himself may ask
   * for it, and he cannot now. Said beside the button, which stays disabled.
   */
  representativeWaits: (
    /** His name; null: the agent is that representative, and is told as «usted». */
    name: string | null,
    /** What waits in his row: his access, his modules, or both (said once). */
    what: 'access' | 'modules' | 'both',
    reason: 'agreement_unsigned' | 'no_company_profile' | 'profile_not_active' | 'not_listed',
  ) =>
    `${
      name === null
        ? what === 'access'
          ? `Solo usted puede pedir que se le quite el acceso: usted tiene la representación legal de la empresa según su registro.`
          : `Solo usted puede pedir que se le quite ${what === 'both' ? 'el acceso o un módulo' : 'un módulo'} (usted tiene la representación legal de la empresa según su registro), y nadie más de la empresa puede pedir módulos ahora.`
        : what === 'access'
          ? `Solo ${name} puede pedir que se le quite el acceso: tiene la representación legal de la empresa según su registro.`
          : `Solo ${name} puede pedir que se le quite ${what === 'both' ? 'el acceso o un módulo' : 'un módulo'} (tiene la representación legal de la empresa según su registro), y nadie más de la empresa puede pedir módulos ahora.`
    } ${
      reason === 'agreement_unsigned'
        ? 'Aún no puede pedirlo: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).'
        : reason === 'no_company_profile'
          ? 'Aún no puede pedirlo: no tiene perfil empresa en Portal Empresas.'
          : reason === 'profile_not_active'
            ? 'No puede pedirlo mientras su perfil de administrador de accesos no esté activo.'
            : 'No puede pedirlo desde este equipo: no hay datos suyos con que verificar su identidad.'
    }`,
  /** Why an approval button is off: the register decides, not the agent. */
  /**
   * Nobody the page lists may ask for a change of the company's users now (each, and why): its
   * buttons wait, this said once above them.
   */
  nobodyCanAsk: (why: string[]) =>
    `Nadie de la empresa puede pedir cambios de sus usuarios ahora. ${why.join(' ')}`,
  /** Why «Aprobar» is off for a request: what the register check found (rules 6, 12). */
  cannotApprove: {
    not_signatory:
      'Quien la pidió no figura en el registro de la empresa como representante legal ni como firmante de la TRF: rechace la solicitud, y dígale que pida a la empresa que le dé acceso con «Agregar usuario» (lo hace su representante legal o un administrador de accesos).',
    company_not_adherent: 'La empresa no está adherida: su portal no da acceso a nadie.',
  },
  done: {
    'requests.record': 'Solicitud registrada como pendiente.',
    /**
     * Whether the approval mail was queued (none when she already held a company profile), and
     * her access's state when it stays disabled or paused (rule 11).
     */
    approve: (mailQueued: boolean, state = 'active', held = false) =>
      `${
        mailQueued
          ? held
            ? `Solicitud aprobada en este equipo: el correo de aprobación, con el enlace para firmar el Acuerdo de Acceso Remoto, sale desde una dirección no-reply cuando el sistema central reciba la acción, si la recibe dentro de ${FRESH_HOURS} horas; si tarda más no se envía y habrá que reenviarlo desde su ficha.`
            : 'Solicitud aprobada: el correo de aprobación, con el enlace para firmar el Acuerdo de Acceso Remoto, queda en cola para enviarse desde una dirección no-reply.'
          : 'Solicitud aprobada. Ya tenía un perfil empresa aquí, que queda como administrador de accesos: no se envía otro correo. Si aún no firma el Acuerdo de Acceso Remoto, envíele desde su ficha el correo con el enlace para firmarlo (su diagnóstico lo ofrece).'
      }${state === 'active' ? '' : ` ${companyMessages.accessStays(state, true)}`}`,
    reject: 'Solicitud rechazada.',
    /**
     * What happened, as it happened: outsider or not, whether the agreement mail was queued, and
     * an access that stays disabled or paused (rule 11: giving it back is another request).
     */
    'companyUsers.add': (added: {
      /** A company user of the company made its access administrator (ACHS, rule 9). */
      appointed?: boolean;
      external: boolean;
      onEmpresas: boolean;
      mailQueued: boolean;
      state?: string;
      /** Taken while this desk cannot sync: done here only, its mail not queued anywhere yet. */
      held?: boolean;
      /** Their account on the company's login: ACHS Gestión opens once registered (rule 2). */
      loginAccount?: 'not_registered' | 'pending_activation' | 'active';
    }) =>
      `${added.appointed ? `Nombrado administrador de accesos${added.held ? ' en este equipo' : ''}; conserva sus módulos.` : added.external ? `Usuario agregado${added.held ? ' en este equipo' : ''} como externo: no es trabajador de la empresa.` : `Usuario agregado${added.held ? ' en este equipo' : ''}.`} ${
        !added.onEmpresas
          ? 'ACHS Gestión no tiene Acuerdo de Acceso Remoto: no se envía correo.'
          : added.mailQueued
            ? added.held
              ? `El correo para firmar el Acuerdo de Acceso Remoto sale cuando el sistema central reciba la acción, si la recibe dentro de ${FRESH_HOURS} horas; si tarda más no se envía y habrá que reenviarlo desde su ficha.`
              : 'El correo para firmar el Acuerdo de Acceso Remoto quedó en cola de envío.'
            : 'No se puso en cola el correo para firmar el Acuerdo de Acceso Remoto: reenvíelo desde su ficha.'
      }${
        added.state && added.state !== 'active'
          ? ` ${companyMessages.accessStays(added.state, added.onEmpresas)}`
          : ''
      }${
        added.onEmpresas || added.loginAccount === undefined || added.loginAccount === 'active'
          ? ''
          : added.loginAccount === 'pending_activation'
            ? ' Aún no activa su cuenta en ACHS Gestión: para entrar debe crear su contraseña con el enlace del correo de registro (se puede reenviar desde su ficha).'
            : ' Aún no tiene cuenta en ACHS Gestión: para entrar debe registrarse con su RUT, su N° de serie y su correo (le llegará un enlace para crear su contraseña).'
      }`,
    /** A user's change, naming whose access: a company's page lists many. */
    pause: (name: string) => `Acceso de ${name} pausado.`,
    resume: (name: string) => `Acceso de ${name} reanudado.`,
    remove: (name: string) => `Acceso de ${name} eliminado.`,
    disable: (name: string) => `Acceso de ${name} inhabilitado.`,
    enable: (name: string) => `Acceso de ${name} habilitado.`,
    dismiss: (name: string) => `Baja de ${name} registrada.`,
    'companyUsers.setModules': 'Módulos actualizados.',
  },
  dialog: {
    callerLegend: 'Quién lo pide',
    caller: 'Representante legal o administrador de accesos de la empresa que lo pide',
    callerFacts: 'Datos de quien lo pide que coincidieron',
    callerPlaceholder: 'Elija quién lo pide',
    /** «Cambiar perfil»: nothing chosen for the agent; the profile held now, said. */
    rolePlaceholder: (now: string) => `Elija el perfil nuevo (hoy: ${now})`,
    callerHint: (n: number) => `Marque al menos ${n} datos que quien lo pide confirmó.`,
    /**
     * Nobody registered may ask (companyRequester). At a company no longer adherent, registering
     * a representative first would open nothing: its users cannot enter at all (rule 6).
     */
    /** Walk 57: taking a legal representative's access away, said before anyone is chosen. */
    representativeHimself: (name: string) =>
      `${name} tiene la representación legal de la empresa según su registro: su acceso se quita solo si lo pide esa misma persona, con su identidad verificada. Si lo pide otra persona de la empresa, dígale que debe pedirlo el propio representante legal.`,
    /** Walk 57: the person herself on the call, asking for a change of her own access. */
    userCannotAsk: (
      name: string,
      callers: string[],
      what: 'access' | 'role' | 'modules' = 'access',
    ) =>
      `${name} no puede pedir este cambio ${what === 'role' ? 'de su propio perfil' : what === 'modules' ? 'de sus propios módulos' : 'de su propio acceso'}: lo decide la empresa. Dígale que lo pida ${callers.length > 0 ? `a ${formatList(callers)} (quien tiene la representación legal o administra los accesos de la empresa)` : 'al representante legal o a un administrador de accesos de su empresa'}.`,
    /** Walk 59a: someone else on the call, who is not among those who may ask for the company. */
    onCallCannotAsk: (name: string | null, callers: string[]) =>
      `${name === null ? 'Quien está en la llamada' : `${name}, en la llamada,`} no puede pedir cambios de esta empresa: solo ${formatList(callers)} (quien tiene la representación legal o administra los accesos). Si es una de esas personas quien lo pide, elíjala en «Quién lo pide» y verifique su identidad; si no, dígale que se lo pida a ella.`,
    /**
     * `waiting`: someone of its register whose request for Portal Empresas waits on this page
     * (walk 58b): approved and signed, they administer its accesses and may ask.
     */
    noCallers: (adherent: boolean, waiting: string | null = null) =>
      adherent
        ? `La empresa no tiene representantes legales ni administradores de accesos registrados: nadie puede pedir este cambio. ${
            waiting
              ? `${waiting} figura en su registro y pidió acceso a Portal Empresas (su solicitud espera en esta página): aprobada, y firmado su Acuerdo de Acceso Remoto, podrá pedirlo. Dígaselo así a quien llama.`
              : 'Dígale a quien lo pide que la empresa debe registrar primero a su representante legal; después él o ella lo pide.'
          }`
        : 'La empresa ya no está adherida y no tiene representantes legales ni administradores de accesos registrados: nadie puede pedir este cambio. Mientras no esté adherida, ninguno de sus usuarios puede ingresar, tengan o no módulos o acceso vigente: dígaselo así a quien llama. Si la empresa vuelve a adherirse, lo pide su representante legal, una vez registrado.',
    /** A legal representative or administrator listed on the page who cannot ask (yet), and why. */
    cannotAsk: (
      /** Their name; null: the agent is that person, told as «usted». */
      name: string | null,
      reason: 'agreement_unsigned' | 'no_company_profile' | 'profile_not_active',
    ) =>
      reason === 'agreement_unsigned'
        ? `${name ?? 'Usted'} no puede pedirlo aún: su Acuerdo de Acceso Remoto no está firmado (sin la firma, el perfil empresa no se asigna).`
        : reason === 'no_company_profile'
          ? `${name ?? 'Usted'} no puede pedirlo aún: no tiene perfil empresa en Portal Empresas (primero se aprueba su solicitud de acceso y firma el Acuerdo de Acceso Remoto).`
          : `${name ?? 'Usted'} no puede pedirlo: su perfil de administrador de accesos no está activo.`,
    requester: 'RUT de quien solicita',
    capacity: 'Calidad que declara',
    capacityPlaceholder: 'Pregunte en qué calidad lo pide',
    capacityHint:
      'Lo que declare no decide: al resolver, el sistema revisa si es representante legal o figura en la TRF.',
    reason: 'Motivo',
    /**
     * A rejection's reason written in advance when the register already rules the requester out
     * (rule 12): the agent reads it, and may change it.
     */
    rejectReasonFor: {
      not_signatory:
        'El solicitante no es representante legal de la empresa ni firmante de su TRF (registro de firmantes).',
      company_not_adherent:
        'La empresa ya no está adherida: su portal no da acceso a ninguno de sus usuarios.',
    },
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
      'Ese RUT no figura en este equipo, así que no es representante legal ni firmante de la TRF de la empresa: Portal Empresas rechazaría su solicitud. Dígale que pida a la empresa que le dé acceso con «Agregar usuario» (lo hace su representante legal o un administrador de accesos).',
    rutAtCompany: {
      /**
       * One profile per person and company: a worker's becomes the one given (the company's list
       * and the audit then say so); on Los Héroes' login the affiliate profile stays (rule 14).
       */
      worker: (onEmpresas: boolean) =>
        onEmpresas
          ? 'Es persona trabajadora de la empresa: su perfil en ella pasa a ser este (conserva los módulos que ya tiene), y sigue con su Perfil Afiliado en Portal Héroes.'
          : 'Es persona trabajadora de la empresa: su perfil en ella pasa de Trabajador a este, y conserva los módulos que ya tiene.',
      none: 'No es persona trabajadora de la empresa: se agregará como persona externa.',
      profile: 'Ya tiene un perfil de empresa aquí: no se agrega otro.',
      /** ACHS (rule 9): a company user, an administrator demoted included, is appointed here. */
      companyUser:
        'Es usuario empresa aquí: no se agrega otro perfil, pero el representante legal puede nombrarlo administrador de accesos (conserva sus módulos).',
    },
    /** Rules 9, 12: a legal representative's modules are taken away at his request only. */
    representativeModules:
      'Tiene la representación legal de la empresa según su registro: solo esa persona puede pedir que se le quite un módulo. Otro administrador de accesos puede pedir que se le dé alguno.',
    missingModulesHimself:
      'que lo pida el propio representante legal (otro administrador no le quita módulos; sí puede pedir que se le dé alguno)',
    missingModulesAgent:
      'que lo atienda otro agente o un supervisor (usted administra los accesos de esta empresa: no le quita módulos a su representante legal)',
    /** Rule 6: at a company no longer adherent a module may be taken away, never granted. */
    modulesNotAdherent:
      'La empresa ya no está adherida: se pueden quitar módulos, pero no dar otros.',
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
    /** One pending request per person and company (main: request_pending), said as typed. */
    requestPending: (date: string) =>
      `Ya tiene una solicitud pendiente para esta empresa, del ${date}: resuélvala en la lista de solicitudes de esta página en lugar de registrar otra.`,
    missingNotPending: 'el RUT de alguien sin una solicitud pendiente aquí',
    missingCapacity: 'la calidad que declara quien solicita',
    missingNotProfile: 'el RUT de alguien sin perfil de empresa aquí',
    missingAppointOnly: 'elegir «Administrador de accesos» (ya es usuario empresa aquí)',
    missingRepresentative: 'que lo pida el representante legal',
    /** Rules 9, 12: a legal representative's access is taken away only at his own request. */
    missingRepresentativeHimself:
      'que lo pida el propio representante legal (su acceso sigue al registro de la empresa: otro administrador no se lo quita)',
    missingNotSelf:
      'que lo pida otra persona de la empresa (un administrador no se da acceso a sí mismo)',
    missingModules: 'al menos un módulo, o confirmar que se agrega sin módulos',
    missingNames: 'los nombres y el primer apellido de la persona nueva',
    /** A company's RUT typed as a new person's (rut.ts COMPANY_RUT_FROM). */
    companyRutHint: (rut: string) =>
      `El RUT ${rut} es de una empresa, no de una persona: escriba el RUT de la persona que usará el acceso.`,
    missingPersonRut: 'el RUT de una persona (ese es de una empresa)',
    missingNameLetters:
      'nombres y apellidos escritos solo con letras (con tildes, ñ, apóstrofo o guion si los llevan)',
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
    dismiss: (name: string) => `Registrar la baja de ${name}`,
    modules: (name: string) => `Módulos de ${name}`,
    role: (name: string) => `Cambiar perfil de ${name}`,
  },
  descriptions: {
    /**
     * What approving does, as main will do it: a new profile and its mail, or (a profile given
     * her while the request waited) that profile raised, with no second mail.
     */
    approve: (held: { role: string; state: string } | null) =>
      held === null
        ? 'La persona recibirá un correo desde una dirección no-reply con el enlace para firmar el Acuerdo de Acceso Remoto. Hasta que firme, el perfil empresa no se le asigna.'
        : `Ya tiene un perfil empresa aquí${held.role === 'company_user' ? ', que pasa a administrador de accesos' : ''}: no se le envía otro correo.${held.state === 'active' ? '' : ` ${companyMessages.accessStays(held.state, true)}`}`,
    reject: 'La solicitud queda rechazada con el motivo que indique.',
    record: 'La solicitud queda pendiente hasta que se resuelva.',
    /** Rule 7: what a dismissal does (before who may ask for it). */
    dismiss:
      'La baja termina su vínculo con esta empresa; si no le queda otra empresa activa, la persona queda inactiva. La registra la empresa en su estructura: aquí, a su pedido.',
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
  /** Decided on the company's page, with who asks there: the list only leads to it. */
  requestsHowToDecide:
    'Para aprobar o rechazar una solicitud, abra su empresa (su nombre, en la lista): allí se decide, con los datos del registro de la empresa.',
} as const;
