/** Bulk loads (issue 8): the "Cargas masivas" screen. */
import { formatNumber } from '../format';
import { count } from './internal';

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
  /** Which columns were read, so one the file meant and the load ignores is seen before applying. */
  columnsRead: (columns: {
    rut: string;
    email: string | null;
    state: string | null;
    unused: string[];
  }) =>
    [
      `Columnas leídas: RUT «${columns.rut}»`,
      columns.email === null
        ? 'correo: ninguna, así que la carga no cambia correos'
        : `correo «${columns.email}»`,
      columns.state === null
        ? 'estado: ninguna, así que la carga no habilita ni inhabilita'
        : `estado «${columns.state}»`,
    ].join(' · ') +
    '.' +
    (columns.unused.length === 0
      ? ''
      : ` No se usan: ${columns.unused
          .slice(0, 8)
          .map((title) => `«${title.length > 40 ? `${title.slice(0, 40)}…` : title}»`)
          .join(', ')}${columns.unused.length > 8 ? ` y ${columns.unused.length - 8} más` : ''}.`),
  notAdherent:
    'La empresa no está adherida: ninguno de sus usuarios puede acceder, así que la carga no aplica cambios.',
  filters: {
    all: 'Todas',
    new_email: 'Correo nuevo',
    enable: 'Habilitar',
    disable: 'Inhabilitar',
    nothing: 'Sin cambios',
    duplicate: 'Repetidas iguales',
    refused: 'Con problemas',
    warned: 'Con advertencias',
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
    // An undo's rows carry the load's file as it was: what it asked, changed or not.
    fileDataUndo: 'Lo que decía el archivo de la carga',
  },
  /** A file's cell too long to show whole in the table: its start, and its length. */
  cutCell: (start: string, length: number) => `${start} (${formatNumber(length)} caracteres)`,
  /** A refusal that another row of the file explains (a RUT repeated with other values). */
  seeLine: (text: string, line: number) => `${text} (ver la fila ${line})`,
  missingRut: 'Falta el RUT: la fila no dice de quién es',
  /** Rule 5's refusal of a RUT that reads as a company's: the row names no person. */
  companyRut:
    'Es el RUT de una empresa, no de una persona: la fila no dice de quién es el acceso (revise la columna del RUT)',
  refusals: {
    invalid_rut: 'RUT inválido (dígito verificador incorrecto o formato no reconocido)',
    // Rule 5.
    not_registered:
      'RUT no registrado: la persona no figura en ninguna empresa adherida, y una carga no crea personas. Si trabaja en esta empresa, la empresa debe incorporarla antes (en ACHS, su encargado de prevención; en Caja Los Héroes, la empresa desde Portal Empresas).',
    not_in_company: 'La persona no pertenece a esta empresa',
    other_company:
      'El RUT es de una persona de otra empresa, no de esta: revise el RUT; si está bien, su propia empresa debe enviar el cambio',
    invalid_email:
      'Correo inválido: debe ser como nombre@dominio.cl, sin espacios, tildes ni ñ, y de hasta 254 caracteres',
    invalid_state: 'Estado no reconocido: use «habilitado» o «inhabilitado»',
    duplicate_conflict: 'RUT repetido en el archivo con valores distintos',
    company_not_adherent: 'La empresa no está adherida',
    // A dismissal and a deleted company profile are the same stored state: both said.
    dismissed:
      'Ya no tiene acceso en esta empresa (dada de baja, o su acceso eliminado): una carga no se lo devuelve; la empresa debe incorporarla o agregarla de nuevo',
    paused:
      'El acceso está en pausa: una carga no lo reanuda (se reanuda desde la página de la empresa, a pedido de su representante), y esta fila no se aplica (tampoco su correo, si lo cambiaba: cárguelo en una fila sin estado)',
    empty_row: 'La fila no indica correo ni estado',
    person_blocked:
      'La persona tiene un bloqueo temporal vigente (Ley 21.719): ninguna carga cambia sus datos mientras dure. Revise su solicitud en «Ley 21.719».',
    representative_register:
      'Es representante legal de la empresa según su registro: una carga no cambia el estado de su acceso, y esta fila no se aplica (tampoco su correo, si lo cambiaba: cárguelo en una fila sin estado). Si lo pide la persona misma, se atiende en una llamada con ella, desde su ficha, que dice si ya puede pedirlo; si dejó de ser representante, la empresa debe actualizar su registro',
    // Rules 9, 12: the register names him, so «no pertenece a esta empresa» would be untrue.
    representative_no_access:
      'Es representante legal de la empresa según su registro, pero no tiene acceso en ella: una carga cambia el correo o el estado de un acceso que existe, no da accesos. Su acceso se da desde la página de la empresa, que dice también si ya lo pidió',
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
    // An undo that took back part of a row (reversePlan `kept`).
    email_kept:
      'El correo se mantiene: antes no tenía, y nadie queda sin correo por deshacer una carga (sin correo no puede registrarse ni recuperar su contraseña)',
    pause_kept:
      'El acceso no vuelve a la pausa: una pausa la decide la empresa (se pausa desde su página, a pedido de su representante)',
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
    irreversible: 'cannot_restore_email' | 'cannot_restore_pause' | null = null,
  ) =>
    [
      email ? `Correo: ${email.from ?? '(sin correo)'} → ${email.to}` : null,
      // reversePlan: nobody is left without an e-mail by an undo.
      irreversible === 'cannot_restore_email'
        ? 'no tenía correo: deshacer la carga no lo quita'
        : null,
      state === 'active' ? 'Habilitar' : state === 'disabled' ? 'Inhabilitar' : null,
      // reversePlan: a pause is the company's, not a state an undo puts back.
      irreversible === 'cannot_restore_pause'
        ? 'estaba en pausa: deshacer la carga no vuelve a pausarlo'
        : null,
      state === null && already === 'active' ? 'ya está habilitado' : null,
      state === null && already === 'disabled' ? 'ya está inhabilitado' : null,
    ]
      .filter(Boolean)
      .join(' · '),
  nothing: 'Sin cambios: ya está así',
  /** Before applying: what «Deshacer esta carga» would leave (reversePlan). */
  irreversible: {
    cannot_restore_email: (n: number) =>
      `${n === 1 ? '1 fila da' : `${formatNumber(n)} filas dan`} correo a quien no tenía: «Deshacer esta carga» no podrá quitarlo (una carga no deja a nadie sin correo).`,
    cannot_restore_pause: (n: number) =>
      `${n === 1 ? '1 fila inhabilita un acceso' : `${formatNumber(n)} filas inhabilitan accesos`} en pausa: «Deshacer esta carga» no podrá volver a pausarlo${n === 1 ? '' : 's'} (una pausa la decide la empresa, desde su página).`,
  },
  /**
   * Before applying: what the changes do beyond their rows (warnRows). They apply; the supervisor
   * checks with the company first.
   */
  warnings: {
    last_admin: (n: number, company: string) =>
      `${n === 1 ? '1 fila inhabilita al último administrador' : `${formatNumber(n)} filas inhabilitan a los últimos administradores`} de accesos de ${company}: después de la carga nadie de la empresa podrá cambiar perfiles ni pedir cambios de sus usuarios; solo la mesa de ayuda, hasta que la empresa tenga otro administrador. Confirme con la empresa que lo quiere así antes de aplicar.`,
    other_access: (n: number) =>
      `${n === 1 ? '1 fila cambia el correo de una persona que también entra' : `${formatNumber(n)} filas cambian el correo de personas que también entran`} por otra empresa: es un solo correo por persona, así que cambia también para esos accesos, que quedan sin verificar hasta que ${n === 1 ? 'confirme' : 'confirmen'} el correo nuevo. Confirme con la empresa que ${n === 1 ? 'ese correo es el de la persona' : 'esos correos son los de cada persona'} antes de aplicar; si no, quite ${n === 1 ? 'esa fila' : 'esas filas'} del archivo.`,
    shared_email: (n: number) =>
      `${n === 1 ? '1 fila da un correo' : `${formatNumber(n)} filas dan correos`} que ya tiene otra persona, o que el archivo da también a otra: los correos de las dos, también los enlaces para crear o recuperar la contraseña, llegarían al mismo buzón (el acceso es personal). Revíse${n === 1 ? 'la' : 'las'} en «Con advertencias» antes de aplicar.`,
  },
  /** Most rows are nobody of the company (looksLikeOtherCompanysFile): the wrong file? */
  otherCompanysFile: (strangers: number, rows: number, company: string) =>
    `${formatNumber(strangers)} de ${formatNumber(rows)} filas no son personas de ${company}: revise que el archivo sea de esta empresa (y el RUT de la empresa, arriba) antes de aplicar.`,
  /** A change row's warnings, after what it changes. */
  rowWarnings: ({
    lastAdmin,
    sharedEmail,
    otherAccess,
  }: {
    lastAdmin: boolean;
    sharedEmail: { rut: string; line: number | null } | null;
    otherAccess: { company: string } | null;
  }) =>
    [
      lastAdmin ? 'la empresa queda sin administrador de accesos' : null,
      sharedEmail === null
        ? null
        : sharedEmail.line === null
          ? `ese correo ya es de ${sharedEmail.rut}`
          : `la fila ${sharedEmail.line} da el mismo correo a ${sharedEmail.rut}`,
      otherAccess === null
        ? null
        : `también entra por ${otherAccess.company}: su correo cambia ahí también`,
    ].filter((text): text is string => text !== null),
  /** The first row alone decides, refused or applied: never «se aplica» when it is refused. */
  duplicate: (line: number) => `Repetida (igual que la fila ${line}): se toma solo la fila ${line}`,
  totalsLabel: 'Totales',
  downloadFailed: 'Descargar filas con problemas',
  failedReasonHeader: 'Motivo',
  failedFilename: (file: string) => `${file.replace(/\.(csv|xlsx)$/i, '')}-con-problemas.csv`,
  reason: 'Motivo de la carga',
  reasonHint: 'Por ejemplo: archivo enviado por la empresa el 20-11-2026.',
  // Rows, as the progress and the end say: a row may change the e-mail and the state (walk 58b).
  apply: (n: number) => `Aplicar ${formatNumber(n)} ${n === 1 ? 'fila' : 'filas'}`,
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
    warned: 'Con advertencias',
  } as Record<string, string>,
  exportReport: 'Exportar resultado (CSV)',
  reportFilename: (file: string, kind: string) =>
    `${file.replace(/\.(csv|xlsx)$/i, '')}-${kind === 'undo' ? 'reversion' : 'resultado'}.csv`,
  resultHeader: 'Resultado',
  warningsHeader: 'Advertencias',
  undo: 'Deshacer esta carga',
  undoTitle: 'Deshacer la carga',
  undoExplain:
    'Se restaura fila por fila lo que la carga cambió. Un correo restaurado vuelve confirmado en los portales donde ya lo estaba antes de la carga, sin pedir confirmación; en los demás, la persona recibe el correo de confirmación, como con todo correo nuevo. Las filas que cambiaron otra vez después no se tocan y quedan listadas.',
  undoConfirm: 'Deshacer',
  undoneBy: 'Deshecha por una reversión',
  resume: 'Reanudar',
  close: 'Cerrar sin aplicar el resto',
  interruptedNotice:
    'Esta carga se interrumpió (el programa se cerró, o no se pudo guardar mientras se aplicaba). Las filas ya aplicadas quedaron guardadas; puede reanudarla o cerrarla dejando el resto sin aplicar. Si vuelve a interrumpirse, avise a soporte.',
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
