/** The desktop app, the desk's frame: menu, updates, replica key, sign-out, F1, lock, sign-in. */
import { formatNumber } from '../format';
import { MAIL_FRESHNESS_MS } from '../policy';

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
      'El archivo de datos está dañado. Pida a soporte técnico que lo reemplace; los datos se vuelven a sincronizar desde el sistema central.',
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
    `No se pudo abrir la copia local de los datos con su llave de cifrado (la llave se perdió o cambió). Esa copia se guardó aparte, sin borrarla, como «${file}», y los datos se están descargando de nuevo desde el sistema central. Las acciones que no alcanzaron a enviarse quedaron en ese archivo: avise a soporte técnico antes de rehacerlas.`,
};

/** «Salir» while this agent's actions still wait to reach the central API. */
export const signOutMessages = {
  button: 'Salir',
  title: '¿Salir con acciones pendientes?',
  body: (n: number) =>
    `${
      n === 1
        ? 'Tiene 1 acción que aún no llega al sistema central. Queda guardada'
        : `Tiene ${formatNumber(n)} acciones que aún no llegan al sistema central. Quedan guardadas`
    } en este equipo y se ${n === 1 ? 'enviará' : 'enviarán'} cuando usted vuelva a ingresar aquí, o cuando un supervisor ${
      n === 1 ? 'la tome' : 'las tome'
    } a su cargo con «Reasignar a mi nombre». Un correo que ${n === 1 ? 'pida' : 'alguna pida'} sale solo si la acción llega al sistema central dentro de ${MAIL_FRESHNESS_MS / 3_600_000} horas desde que se hizo.`,
  confirm: 'Salir de todos modos',
  cancel: 'Seguir en la sesión',
};

/** The list's own row, as it reads with «?» turned off too. */
const helpRow = {
  keys: 'F1 o ?',
  what: 'Esta lista de atajos (? fuera de un campo de texto)',
  keysWithoutQuestionMark: 'F1',
  whatWithoutQuestionMark: 'Esta lista de atajos («?» está desactivado abajo)',
};

/** F1: every keyboard shortcut of the desk, as the keys are labelled on a Spanish keyboard. */
export const shortcutMessages = {
  helpRow,
  title: 'Atajos de teclado',
  button: 'Atajos',
  buttonHint: (questionMark: boolean) =>
    questionMark ? 'Atajos de teclado (F1 o ?)' : 'Atajos de teclado (F1)',
  close: 'Cerrar',
  intro: 'En macOS, Cmd hace de Ctrl.',
  questionMark: 'Abrir esta lista también con «?» (una sola tecla, fuera de un campo de texto)',
  questionMarkHint:
    'Desactívelo si usa dictado por voz o si la tecla se le escapa: F1 la sigue abriendo. Se recuerda en este equipo.',
  keysHeader: 'Teclas',
  whatHeader: 'Qué hace',
  groups: [
    {
      title: 'En toda la mesa',
      items: [
        ['Ctrl+K', 'Ir a la búsqueda, para una búsqueda nueva'],
        ['Ctrl+Mayús+L', 'Bloquear la pantalla al dejar el puesto'],
        [
          'F2',
          'Ir a la barra de la llamada o visita: su motivo para abrirla (elegido, Enter la abre), o «Cerrar» la que está abierta',
        ],
        ['F3', 'Ir al primer arreglo que propone el diagnóstico de la ficha abierta'],
        [helpRow.keys, helpRow.what],
        ['Ctrl+Enter', 'Confirmar el diálogo abierto, también desde el campo Motivo'],
        [
          'Esc',
          'Cerrar el diálogo abierto (con algo escrito, un segundo Esc); en la búsqueda, cerrar la ficha y volver a los resultados',
        ],
      ],
    },
    {
      title: 'Página de una empresa',
      items: [
        ['Enter', 'En el nombre de una persona, abrir su ficha'],
        [
          'Esc',
          'En esa ficha, volver a la empresa; en la empresa, volver a la ficha o la lista desde la que se abrió, o a los resultados',
        ],
      ],
    },
    {
      title: 'Búsqueda',
      items: [
        ['↑ ↓', 'Moverse por los resultados'],
        ['Re Pág / Av Pág', 'Retroceder o avanzar 10 resultados'],
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
    // The lock screen's words: a supervisor may lock a desk she stepped away from too.
    manual: 'a pedido de quien la usaba',
    system: 'el equipo se bloqueó o se suspendió',
  } satisfies Record<'idle' | 'manual' | 'system', string>,
  causes: {
    sign_in: 'se inició otra sesión en el equipo',
    attempts: 'se agotaron los intentos de desbloqueo',
    sign_out: 'salió desde la pantalla bloqueada',
  } satisfies Record<'sign_in' | 'attempts' | 'sign_out', string>,
  /** Sign-ins and sign-outs (services/session-audit.ts). */
  signInCheck: 'Comprobado',
  signInChecks: {
    central: 'con el sistema central',
    desk: 'en este equipo',
    offline: 'en este equipo, sin conexión con el sistema central',
  } satisfies Record<'central' | 'desk' | 'offline', string>,
  signOutCauses: {
    sign_out: 'salió con «Salir»',
    // Whether or not the new attempt succeeds (auth-handlers.ts: it ends the session first).
    sign_in: 'un nuevo intento de ingreso en el equipo cerró su sesión',
  } satisfies Record<'sign_out' | 'sign_in', string>,
  refusalCauses: {
    password: 'contraseña incorrecta',
    disabled: 'el usuario está inhabilitado',
    // The central API's limit, or the desk's own while offline (local-sign-in-limit.ts).
    rate_limited: 'demasiados intentos: había que esperar',
    unlock_password: 'contraseña incorrecta al desbloquear la pantalla',
  } satisfies Record<'password' | 'disabled' | 'rate_limited' | 'unlock_password', string>,
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
    requests: 'Solicitudes de acceso',
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
  // Agents, supervisors and prevention officers alike.
  intro: 'Ingrese con su usuario.',
  username: 'Usuario',
  password: 'Contraseña',
  submit: 'Ingresar',
  busy: 'Ingresando…',
  missingUsername: 'su usuario',
  missingPassword: 'su contraseña',
  /**
   * Main's session is no longer this window's (signed out, or another agent signed in, in another
   * window of the same desk): this one asks to sign in again, never acting as someone else.
   */
  endedElsewhere:
    'La sesión de este equipo terminó o cambió (se salió o ingresó otro usuario, quizá en otra ventana): ingrese de nuevo para seguir.',
  /**
   * «Salir» done: said on the sign-in screen, naming nobody (the next one at a shared desk reads
   * it), with what stays on the desk for the agent who left: a call or visit still open, actions
   * not yet sent.
   */
  signedOut: (open: 'call' | 'visit' | null, pending: number) =>
    [
      'Se cerró la sesión.',
      open === null
        ? null
        : `La ${open === 'visit' ? 'visita' : 'llamada'} de quien salió sigue abierta: la retomará al volver a ingresar en este equipo.`,
      pending === 0
        ? null
        : pending === 1
          ? 'Quedó en este equipo 1 acción pendiente de quien salió: se enviará cuando vuelva a ingresar aquí.'
          : `Quedaron en este equipo ${formatNumber(pending)} acciones pendientes de quien salió: se enviarán cuando vuelva a ingresar aquí.`,
    ]
      .filter((part) => part !== null)
      .join(' '),
  /**
   * Signed in again with a call or visit left open on this desk (signedOut said it stays): said,
   * with whom (null: it names nobody yet), so it is not found in the bar by surprise (walk 58).
   */
  resumed: (kind: 'call' | 'visit', who: string | null) =>
    `Retomó su ${kind === 'visit' ? 'visita abierta' : 'llamada abierta'}${who ? ` con ${who}` : ''}: ciérrela en su barra cuando termine.`,
  /** A locked session this window did not end (its attempts ran out in another window, say). */
  lockedEnded: 'La sesión bloqueada de este equipo se cerró: ingrese de nuevo para seguir.',
  /** Signed in with this desk's copy of the password: the central API did not answer. */
  offline:
    'Ingresó sin conexión con el sistema central: sus acciones quedan en este equipo y se envían en cuanto responda. Sin conexión solo se puede ingresar hasta 3 días después del último ingreso con conexión en este equipo.',
};

/** The lock screen shown after the idle-lock policy's minutes without input (issue 9). */
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
  failed: 'No se pudo desbloquear. Intente de nuevo; si se repite, avise a soporte.',
  minutes: (seconds: number) =>
    seconds % 60 === 0
      ? `${seconds / 60} ${seconds === 60 ? 'minuto' : 'minutos'}`
      : `${seconds} ${seconds === 1 ? 'segundo' : 'segundos'}`,
};

/** A data table wider than its pane, scrolled sideways on its own (components/TableScroll.tsx). */
export const tableScrollMessages = {
  label: (table: string) => `${table} (tabla más ancha que la pantalla: ← → la desplazan)`,
};
