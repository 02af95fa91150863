/** The person record and its diagnosis: each cause's title and what to tell the caller. */
import type { Cause, CauseCode, Portal } from '../contract';
import { formatDateTime, formatNumber, formatTime } from '../format';
import { MAIL_FRESHNESS_MS } from '../policy';
import { isLosHeroes } from '../portals';
import { mailKindLabels, portalLabels } from './common';
import { NOT_IN_REPLICA_SAY } from './internal';
import { loginLabels } from './company';

/**
 * Where an account-wide cause is: its login, the Los Héroes one named with the three portals it
 * opens (rule 16; walk 60a L2: «bloqueado en Portal Héroes» to someone who only uses Portal
 * Empresas).
 */
const at = (portal?: Portal) => (portal ? ` en ${loginLabels[portal]}` : '');
/** Each portal's own «forgot my password» button: ACHS's (seed 000), Los Héroes' (seed 002). */
const forgotButton = (portal: Portal | undefined) =>
  portal !== undefined && isLosHeroes(portal)
    ? '«Olvidé mi contraseña»'
    : '«¿Olvidaste tu contraseña?»';
/** The institution a company adheres to, by its access's portal (none known: either). */
const institution = (portal: Portal | undefined) =>
  portal === undefined
    ? 'la ACHS o con Caja Los Héroes'
    : isLosHeroes(portal)
      ? 'Caja Los Héroes'
      : 'la ACHS';
const of = (cause: Cause) => (cause.companyName ? ` (${cause.companyName})` : '');
const sent = (cause: Cause) =>
  cause.bounced
    ? ' El último correo que le enviamos rebotó.'
    : !cause.lastSentAt
      ? ' No hay envíos registrados.'
      : cause.lastSentTo
        ? ` El último correo (${formatDateTime(cause.lastSentAt)}) fue a ${cause.lastSentTo}, su dirección anterior: hay que reenviarlo para que llegue a la actual.`
        : cause.lastMailWaiting
          ? // A mail that waits too long is not sent at all (policy MAIL_FRESHNESS_MS): no promise.
            ` El correo que pedimos el ${formatDateTime(cause.lastSentAt)} aún no sale: si a las ${formatTime(
              new Date(Date.parse(cause.lastSentAt) + MAIL_FRESHNESS_MS).toISOString(),
            )} no le ha llegado, llámenos y lo pedimos de nuevo.`
          : cause.lastSentKind
            ? ` Último envío: «${mailKindLabels[cause.lastSentKind]}», el ${formatDateTime(cause.lastSentAt)}.`
            : ` Último envío: ${formatDateTime(cause.lastSentAt)}.`;

/**
 * Who may ask for a user's access back, said to that user (rules 9, 13). An administrator whose
 * own profile is not active asks nothing for the company, their own access included, whatever
 * their kind (companyRequester's profile_not_active).
 */
const whoAsks = (cause: Cause, what: string) =>
  cause.role !== 'access_admin'
    ? `: solo el representante legal o un administrador de accesos de su empresa puede pedir ${what}.${cause.nobodyAsks ? ` ${NOBODY_ASKS_NOW}` : ''}`
    : cause.nobodyAsks
      ? `. Mientras siga así no puede pedir cambios para la empresa, tampoco este. ${NOBODY_ASKS_NOW}`
      : `. Mientras siga así no puede pedir cambios para la empresa, tampoco este: ${what} lo pide otra persona con esa facultad (un representante legal u otro administrador de accesos).`;

/** othersMayAsk false: nobody at the company may ask now (rules 9, 12, 13), said to the caller. */
const NOBODY_ASKS_NOW =
  'Hoy nadie más en la empresa puede pedirlo: su representante legal aún no puede (en Portal Empresas, hasta firmar su Acuerdo de Acceso Remoto) o no figura, y no hay otro administrador de accesos vigente. Cuando alguno pueda, que lo pida; consúltelo con su empresa.';

/**
 * Rule 6: a closed access at a company no longer adherent: nobody can give it back (the desk
 * neither), whoever the caller is told to ask, until the company adheres again.
 */
const notAdherentAnyMore = (what: string) =>
  `La empresa dejó de estar adherida: mientras no vuelva a adherirse, nadie puede ${what}, ni su representante legal ni la mesa. Si vuelve a adherirse, su representante legal o un administrador de accesos puede pedirlo; consúltelo con su empresa.`;

/** A disabled or paused access: who gives it back (`say`), or nobody while not adherent. */
const closedAccess = (cause: Cause, title: string, back: string, say: string) =>
  cause.companyAdherent === false
    ? {
        title: `${title}${of(cause)}; la empresa ya no está adherida`,
        say: notAdherentAnyMore(back),
      }
    : { title: `${title}${of(cause)}`, say };

/**
 * Rule 12: a paused or disabled company profile whose agreement is unsigned: the mail to sign it
 * goes once the access is given back (the record offers none before), said to the caller.
 */
const agreementAfter = (cause: Cause, state: 'paused' | 'disabled') =>
  cause.agreementWaits
    ? ` Su Acuerdo de Acceso Remoto tampoco está firmado: cuando ${state === 'paused' ? 'se reanude' : 'se habilite de nuevo'} su acceso, le reenviaremos el correo para firmarlo (antes, firmarlo no le asignaría el perfil empresa).`
    : '';

/**
 * Seed 002: how someone outside a company's register gets into its Portal Empresas — added by the
 * company (rule 13), its representative or an access administrator (rule 9).
 */
const COMPANY_ADDS_USERS =
  'Para entrar a Portal Empresas, pida a la empresa que le dé acceso con «Agregar usuario» (lo hace su representante legal o un administrador de accesos): le llegará un correo para firmar el Acuerdo de Acceso Remoto.';

/**
 * An unlock still waiting on this desk (rule 3): the record shows the account unlocked, but the
 * portal keeps the lock until the unlock arrives, so the lock's advice stands. Said to the caller.
 */
export const heldLockSay = (portal: Portal, until: string, withoutAccess = false) =>
  `Mientras tanto, su cuenta${at(portal)} sigue bloqueada${
    withoutAccess
      ? ` hasta las ${formatTime(until)}, ${shutLogin(portal)}`
      : `: puede esperar hasta las ${formatTime(until)} o restablecer su contraseña con ${forgotButton(portal)}.`
  }`;

/**
 * A lock on a login that opens no company now (Cause.withoutAccess), after its hour: waiting or a
 * new password lets them in only once an access there opens, which the causes before it say how.
 * Said to the caller.
 */
const shutLogin = (portal: Portal | undefined) =>
  `pero aunque espere o restablezca su contraseña no podrá entrar${
    portal ? ` a ${loginLabels[portal]}` : ''
  } mientras no tenga ahí un acceso habilitado en una empresa; cuando lo tenga, podrá entrar pasada esa hora o con ${forgotButton(portal)}.`;

/**
 * Rule 2, said by the help desk itself, which unlocks it now (its fix is the agent's to take):
 * «solo la mesa de ayuda puede desbloquearlo» is for whoever cannot (an officer's desk).
 */
export const registrationBlockedSayHere =
  'El registro se invalidó por seguridad (N° de serie incorrecto): se lo desbloqueo ahora. Luego debe registrarse de nuevo con el N° de serie correcto.';

/**
 * The companies still open on the other login, as they can be entered: with its own user and
 * password — once registered there (rule 2: RUT, serial number and e-mail; walk 59a), or, on
 * Portal Empresas, with the first-access key (rule 16).
 */
const elsewhereSay = (elsewhere: NonNullable<Cause['elsewhere']>): string => {
  const companies = elsewhere.companies.join(', ');
  const portal = portalLabels[elsewhere.portal];
  if (elsewhere.account === undefined) {
    return `A ${companies} sigue entrando por ${portal}, con su usuario y clave de ese portal.`;
  }
  if (elsewhere.account === 'first_access_used') {
    return `A ${companies} entra por ${portal}, pero ya usó la clave de primer ingreso: debe pedir una nueva en «Olvidé mi contraseña».`;
  }
  if (elsewhere.account === 'first_access') {
    return `A ${companies} entra por ${portal}: en su primer ingreso, la clave son los 4 dígitos anteriores al dígito verificador de su RUT.`;
  }
  return elsewhere.account === 'pending_activation'
    ? `A ${companies} tiene acceso por ${portal}, pero aún no activa su cuenta en ese portal: debe crear su contraseña con el enlace del correo de registro.`
    : `A ${companies} tiene acceso por ${portal}, pero aún no tiene cuenta en ese portal: para entrar, debe registrarse con su RUT, su N° de serie y su correo.`;
};

/** A cause as the agent reads it: a title, and what to tell the caller. */
export const causeTexts: Record<CauseCode, (cause: Cause) => { title: string; say: string }> = {
  not_in_replica: () => ({
    title: 'RUT no registrado',
    say: NOT_IN_REPLICA_SAY,
  }),
  no_membership: () => ({
    title: 'No figura como trabajador de ninguna empresa adherida',
    say: 'Si trabaja en una empresa adherida, esa empresa debe incorporarle en su nómina (en ACHS, su encargado de prevención; en Caja Los Héroes, la empresa desde Portal Empresas).',
  }),
  company_not_adherent: (c) => ({
    title: `La empresa ya no está adherida${of(c)}`,
    // Seed 000. An administrator (a representative among them) is the company: «consúltelo con
    // su empresa» said to him sends him to himself.
    say:
      c.role === 'access_admin'
        ? `Los usuarios de empresas que dejaron de estar adheridas no pueden acceder a la plataforma, y la mesa no puede habilitarlos. Si la empresa vuelve a adherirse, su acceso vuelve a funcionar: la adhesión la gestiona la empresa con ${institution(c.portal)}, no la mesa de ayuda.`
        : 'Los usuarios de empresas que dejaron de estar adheridas no pueden acceder a la plataforma, y la mesa no puede habilitarlos. Si la empresa vuelve a adherirse, su acceso vuelve a funcionar; consúltelo con su empresa.',
  }),
  dismissed: (c) =>
    c.role === undefined || c.role === 'worker'
      ? {
          title: `Ya no trabaja en la empresa${of(c)}`,
          // Rule 14: a pensioner's (an affiliate's) Los Héroes login outlives the dismissal.
          say: c.profile
            ? 'Al terminar su vínculo con la empresa, terminó su acceso a ella, no su cuenta de Los Héroes.'
            : 'Al terminar su vínculo con la empresa, su acceso quedó inactivo. Si trabaja en otra empresa adherida, esa empresa debe incorporarle.',
        }
      : {
          title: `Ya no es usuario de la empresa${of(c)}`,
          say: `La empresa le quitó su perfil de usuario. Solo su representante legal o un administrador de accesos puede volver a darle acceso.${
            c.profile ? ' Su cuenta de Los Héroes sigue abierta.' : ''
          }`,
        },
  membership_disabled: (c) =>
    closedAccess(
      c,
      'Acceso inhabilitado',
      'habilitarlo de nuevo',
      `Su acceso a la empresa está inhabilitado${whoAsks(c, 'que se habilite de nuevo')}${agreementAfter(c, 'disabled')}`,
    ),
  membership_paused: (c) =>
    closedAccess(
      c,
      'Acceso pausado',
      'reanudarlo',
      `Su empresa pausó su acceso${whoAsks(c, 'que se reanude')}${agreementAfter(c, 'paused')}`,
    ),
  registration_blocked: (c) => ({
    title: `Registro bloqueado${at(c.portal)}`,
    // Rule 2: the help desk alone clears it (an officer's button says to have the person call).
    say: 'El registro se invalidó por seguridad (N° de serie incorrecto), y solo la mesa de ayuda puede desbloquearlo. Una vez desbloqueado, debe registrarse de nuevo con el N° de serie correcto.',
  }),
  temporarily_locked: (c) => ({
    title: `Bloqueado temporalmente${at(c.portal)} hasta ${c.until ? formatTime(c.until) : '—'} tras ${c.attempts ?? '—'} ${c.attempts === 1 ? 'intento' : 'intentos'}`,
    say: c.withoutAccess
      ? `Su cuenta${at(c.portal)} está bloqueada hasta las ${c.until ? formatTime(c.until) : '—'} por intentos fallidos, ${shutLogin(c.portal)}`
      : `Puede esperar hasta las ${c.until ? formatTime(c.until) : '—'} o restablecer su contraseña con ${forgotButton(c.portal)}.`,
  }),
  no_email: () => ({
    title: 'Sin correo registrado',
    say: 'Sin un correo registrado no puede registrarse ni recuperar su contraseña. Indíqueme su correo y lo registro ahora.',
  }),
  mail_bounced: (c) => ({
    title: 'El último correo rebotó',
    say: `El correo que tenemos registrado parece incorrecto: confírmeme su correo y lo corrijo.${sent(c)}`,
  }),
  password_link_unused: (c) => ({
    title: `No ha usado el enlace para crear su contraseña${at(c.portal)}`,
    // Sent to the address corrected since: «revise su correo» would send them to the wrong inbox.
    say: c.bounced
      ? `El enlace para crear su contraseña no le llega a su correo.${sent(c)}`
      : c.lastSentTo
        ? `El enlace para crear su contraseña se envió a ${c.lastSentTo}, su correo anterior: se lo reenvío a su correo actual; úselo cuando le llegue (revise también spam).`
        : !c.lastSentAt
          ? 'El enlace para crear su contraseña aún no se le ha enviado: no hay envíos registrados.'
          : `Revise su correo (también spam) y use el enlace para crear su contraseña.${sent(c)}`,
  }),
  email_unverified: (c) => ({
    title: `Correo sin verificar${at(c.portal)}`,
    // The link may not have left yet (a mail still on this desk), or none was ever sent: «que
    // recibió» would be untrue.
    say: c.bounced
      ? `Debe confirmar su correo con un enlace que no le llega.${sent(c)}`
      : !c.lastSentAt
        ? 'Debe confirmar su correo con un enlace que aún no se le ha enviado: no hay envíos registrados.'
        : c.lastMailWaiting
          ? `Debe confirmar su correo con un enlace.${sent(c)}`
          : `Debe confirmar su correo con el enlace que recibió.${sent(c)}`,
  }),
  agreement_unsigned: (c) => ({
    title: `Acuerdo de Acceso Remoto sin firmar${of(c)}`,
    say: `Hasta firmar el acuerdo desde el enlace del correo no se le asigna el perfil de empresa. El correo llega desde una dirección «no-reply» de Los Héroes: si no lo ve, revise también Spam.${sent(c)}${
      c.firstEntry === 'first_access_key'
        ? ' Después de firmar, su primer ingreso a Portal Empresas es con los 4 dígitos anteriores al dígito verificador de su RUT (sirven solo esa vez).'
        : c.firstEntry === 'usual_password'
          ? ' Después de firmar, ingrese a Portal Empresas con la contraseña que ya tiene en Caja Los Héroes (la misma de Portal Héroes y la APP LH).'
          : ''
    }`,
  }),
  access_request_rejected: (c) => ({
    title: `Solicitud de acceso rechazada${of(c)}`,
    say: `${
      c.reason
        ? `Su solicitud fue rechazada. Motivo registrado: «${c.reason.replace(/[.\s]+$/, '')}».`
        : 'Su solicitud fue rechazada: solo el representante legal o los firmantes de la TRF (registro de firmantes) de la empresa pueden pedir acceso.'
    }${
      // The way in is still there for someone outside the register (seed 002).
      c.notInRegister ? ` ${COMPANY_ADDS_USERS}` : ''
    }`,
  }),
  access_request_pending: (c) => ({
    // Seed 002: a request from anyone else «será rechazada»; the representative gives access.
    title: c.notInRegister
      ? `Solicitud de acceso que será rechazada${of(c)}`
      : `Solicitud de acceso en revisión${of(c)}`,
    say: c.notInRegister
      ? `Su solicitud será rechazada: solo el representante legal de la empresa o los firmantes de su TRF (registro de firmantes) pueden pedir acceso. ${COMPANY_ADDS_USERS}`
      : 'Cuando se apruebe, recibirá un correo con el enlace para firmar el acuerdo, desde una dirección «no-reply» de Los Héroes: si no lo ve, revise también Spam.',
  }),
  first_access_used: () => ({
    title: 'Ya usó la clave de primer ingreso a Portal Empresas',
    say: 'La clave de los 4 dígitos anteriores al dígito verificador de su RUT sirve solo para el primer ingreso. Debe pedir una clave nueva en «Olvidé mi contraseña»: le llegará un correo para cambiarla.',
  }),
  first_access_key: () => ({
    title: 'Primer ingreso a Portal Empresas pendiente',
    say: 'Para su primer ingreso, la clave son los 4 dígitos anteriores al dígito verificador de su RUT (sirve solo esa vez). Si no funciona, revise que sean esos 4 dígitos; si persiste, use «Olvidé mi contraseña».',
  }),
  usual_password: (c) => ({
    title: 'Entra a Portal Empresas con su contraseña de siempre',
    // Rule 16; the orange button only for who holds both profiles (rule 14).
    say: c.profile
      ? 'Como ya tiene cuenta con Perfil Afiliado en Portal Héroes, ingrese a Portal Empresas con su contraseña habitual (la misma de la APP LH), no con los 4 dígitos del RUT. Cambie entre Perfil Empresa y Perfil Afiliado con el botón naranja.'
      : 'Ya creó su contraseña de Caja Los Héroes: ingrese a Portal Empresas con ella (la misma de Portal Héroes y la APP LH), no con los 4 dígitos del RUT, que eran solo para el primer ingreso.',
  }),
  other_companies_open: (c) => {
    const same = c.others ?? [];
    const elsewhere = c.elsewhere?.companies ?? [];
    const open = [...same, ...elsewhere].join(', ');
    const company = c.companyName ?? 'una empresa';
    // One login per portal (rule 8): the company is chosen on entering only within it. Choosing
    // it, and «Cambiar de usuario», are ACHS Gestión's (seed 000); seed 002 says nothing of how
    // Portal Empresas shows several companies, so only that the same login still opens them.
    const choose = [
      same.length > 0
        ? c.portal === 'portal_empresas'
          ? `Sigue con acceso a ${same.join(', ')}, con el mismo usuario y clave de Caja Los Héroes.`
          : `Puede seguir ingresando a ${same.join(', ')}: al entrar, elija la empresa (o use «Cambiar de usuario»).`
        : null,
      c.elsewhere && elsewhere.length > 0 ? elsewhereSay(c.elsewhere) : null,
    ]
      .filter((sentence) => sentence !== null)
      .join(' ');
    const worker = c.role === undefined || c.role === 'worker';
    return c.state === 'removed'
      ? {
          title: `${worker ? 'De baja' : 'Sin acceso'} en ${company}; sigue con acceso a ${open}`,
          say: worker
            ? `Al desvincularle, ${company} le quitó el acceso a esa empresa, no a las demás. ${choose}`
            : `${company} eliminó su acceso a esa empresa, no a las demás: solo el representante legal o un administrador de accesos de esa empresa puede volver a darle acceso. ${choose}`,
        }
      : {
          title: `Acceso ${c.state === 'paused' ? 'pausado' : 'inhabilitado'} en ${company}; sigue con acceso a ${open}`,
          say: `${company} ${c.state === 'paused' ? 'pausó' : 'inhabilitó'} su acceso a esa empresa: solo el representante legal o un administrador de accesos de esa empresa puede pedir que se ${c.state === 'paused' ? 'reanude' : 'habilite de nuevo'}.${agreementAfter(c, c.state === 'paused' ? 'paused' : 'disabled')} ${choose}`,
        };
  },
  affiliate_profile_open: (c) => {
    const company = c.companyName ?? 'su empresa';
    const closed =
      c.state === 'paused'
        ? 'está pausado'
        : c.state === 'disabled'
          ? 'está inhabilitado'
          : c.state === 'removed'
            ? c.role === undefined || c.role === 'worker'
              ? 'terminó'
              : 'se eliminó'
            : 'se cerró: la empresa ya no está adherida';
    // Rule 2: the login opens only once registered and with its password.
    const enters =
      c.login === 'not_registered'
        ? 'cuando se registre en Portal Héroes (con su RUT, el N° de serie de su cédula y su correo) y cree su contraseña, entra a Portal Héroes y a la APP LH'
        : c.login === 'pending_activation'
          ? 'cuando cree su contraseña con el enlace que se le envió por correo, entra a Portal Héroes y a la APP LH'
          : null;
    if (c.profile === 'pensioner') {
      return {
        title: enters
          ? 'Puede entrar a Portal Héroes como persona pensionada'
          : 'Sigue entrando a Portal Héroes como persona pensionada',
        say: `Su acceso a ${company} ${closed}, no su cuenta de Los Héroes: ${
          enters ?? 'con ese usuario y clave sigue entrando a Portal Héroes y a la APP LH'
        }.`,
      };
    }
    return {
      title: enters
        ? 'Puede entrar a Portal Héroes con su Perfil Afiliado'
        : 'Sigue entrando a Portal Héroes con su Perfil Afiliado',
      say: `Su Perfil Empresa en ${company} ${closed}, no su Perfil Afiliado: ${
        enters ?? 'con el mismo usuario y clave sigue entrando a Portal Héroes y a la APP LH'
      }.`,
    };
  },
  achs_virtual_keys: () => ({
    title: 'Las claves de ACHS Virtual y ACHS Gestión son distintas',
    say: 'Los administradores de accesos son los mismos en ACHS Virtual y ACHS Gestión, pero la contraseña de uno no abre el otro: use la clave de ACHS Gestión o restablézcala allí.',
  }),
  not_registered: (c) => ({
    title: `No se ha registrado${at(c.portal)}`,
    say: 'Debe registrarse con su RUT, el N° de serie de su cédula y su correo; recibirá un enlace para crear su contraseña.',
  }),
};

/**
 * What to tell the caller when a cause's fix asks for the identity check and the system holds
 * too few facts of the person for it (identity_unverifiable): no promise of the fix, and who can
 * act instead. The e-mail: on Los Héroes the person, with their RUT and the new address (seed
 * 002); on ACHS their company's administrator, who edits its users' e-mails (seed 000). A
 * registration blocked for security only the help desk clears (rule 2): once an e-mail is
 * registered there is a second fact to check, and the caller comes back.
 */
export const unverifiableSay = (
  cause: Cause,
  person: { losHeroes: boolean; achs: boolean; hasEmail: boolean },
): string | null => {
  const withoutFacts = 'no tenemos datos suyos suficientes para verificar su identidad.';
  const whoRegisters = [
    person.losHeroes
      ? 'En Los Héroes puede hacerlo usted: en las preguntas frecuentes del portal hay un enlace para ingresar su RUT y su correo nuevo.'
      : null,
    person.achs
      ? 'En ACHS se lo registra su empresa: su administrador de accesos, en ACHS Gestión.'
      : null,
  ];
  const lines =
    cause.code === 'mail_bounced'
      ? [
          `El correo que tenemos registrado parece incorrecto, y no puedo corregirlo: ${withoutFacts}${sent(cause)}`,
          ...whoRegisters,
        ]
      : cause.code === 'no_email'
        ? [
            `Sin un correo registrado no puede registrarse ni recuperar su contraseña, y no puedo registrárselo: ${withoutFacts}`,
            ...whoRegisters,
          ]
        : cause.code === 'registration_blocked'
          ? [
              `El registro se invalidó por seguridad (N° de serie incorrecto) y solo la mesa de ayuda puede desbloquearlo, pero ${withoutFacts}`,
              ...(person.hasEmail
                ? []
                : [
                    ...whoRegisters,
                    'Con su correo registrado, llame de nuevo y lo desbloqueamos.',
                  ]),
            ]
          : null;
  return lines === null ? null : lines.filter(Boolean).join(' ');
};

/** The diagnosis panel's own words around the causes. */
export const diagnosisMessages = {
  title: '¿Por qué no puede ingresar?',
  sayLabel: 'Dígale:',
  /**
   * The open call is someone else's (a company's administrator who asked about this worker):
   * the words are the person's, not the caller's (walk 58b).
   */
  sayLabelToPerson: 'Para la persona:',
};

export const noCauseText = {
  title: 'Sin impedimentos a la vista',
  say: 'Su cuenta está activa. Si su contraseña no funciona, puedo enviarle un enlace para restablecerla.',
  /**
   * Under a Ley 21.719 block the desk sends nothing: the portal's own way is said, with its own
   * button (ACHS's «¿Olvidaste tu contraseña?», seed 000; Los Héroes' «Olvidé mi contraseña»).
   */
  sayBlocked: (portal: Portal | undefined) =>
    `Su cuenta está activa. Si su contraseña no funciona, use ${forgotButton(portal)} en el portal: mientras dure el bloqueo de sus datos que pidió, la mesa no le envía correos.`,
};

/**
 * What a cause's words would promise from the desk (register, correct, resend), said instead
 * while a Ley 21.719 block stands: nothing of it can be done now. Null when the cause's own
 * words promise nothing of the desk (waiting out a lock, asking the company).
 */
export const blockedSay = (cause: Cause, requestNumber: string): string | null => {
  const cannot: Partial<Record<CauseCode, string>> = {
    no_email: 'registrar su correo',
    mail_bounced: 'corregir su correo',
    password_link_unused: 'enviarle el enlace para crear su contraseña',
    email_unverified: 'enviarle el enlace para confirmar su correo',
    registration_blocked: 'desbloquear su registro',
    agreement_unsigned: 'reenviarle el correo para firmar el Acuerdo de Acceso Remoto',
  };
  const what = cannot[cause.code];
  if (!what) return null;
  // The mail went already (a rectification's confirmation, sent before the block): that is what
  // the caller is told, and that the desk cannot send it again meanwhile.
  const mailCauses: ReadonlyArray<CauseCode> = [
    'email_unverified',
    'password_link_unused',
    'agreement_unsigned',
  ];
  if (mailCauses.includes(cause.code) && cause.lastSentAt && !cause.lastSentTo && !cause.bounced) {
    const when = formatDateTime(cause.lastSentAt);
    return `${
      cause.lastMailWaiting
        ? `El correo que pedimos el ${when} aún no sale; cuando le llegue, que lo abra.`
        : `Se le envió el correo el ${when}, a su dirección actual: que lo abra desde ahí.`
    } Mientras dure el bloqueo de sus datos que pidió (solicitud ${requestNumber}), la mesa no puede reenviárselo.`;
  }
  const email = cause.code === 'no_email' || cause.code === 'mail_bounced' || cause.bounced;
  return `Mientras dure el bloqueo de sus datos que pidió (solicitud ${requestNumber}), la mesa no cambia sus datos ni le envía correos: ahora no puedo ${what}.${
    email
      ? ' Si su correo está mal, su corrección se pide como una rectificación (Ley 21.719).'
      : ''
  }`;
};

/**
 * A wrong or missing e-mail while a Ley 21.719 block stands and a rectification of theirs is open:
 * only what that rectification asks may change, and the desk does not know it is the e-mail (its
 * words are the titular's). Said so, rather than «lo registro ahora» under a banner that says the
 * desk changes nothing (walk 60b M4).
 */
export const blockedRectifySay = (
  cause: Cause,
  blockNumber: string,
  rectifications: readonly string[],
): string | null => {
  if (cause.code !== 'no_email' && cause.code !== 'mail_bounced') return null;
  const which = rectifications.length > 0 ? ` (${rectifications.join(', ')})` : '';
  return `Mientras dure el bloqueo de sus datos que pidió (solicitud ${blockNumber}), solo se corrige lo que pidió rectificar${which}. Si lo que pidió corregir es su correo, indíquemelo y lo registro vinculándolo a esa solicitud; si no, ahora no puedo ${cause.code === 'no_email' ? 'registrar su correo' : 'corregir su correo'}: su corrección se pide como una rectificación (Ley 21.719).`;
};

/**
 * What the caller is told of a cause whose fix waits for the person on the line (seed 000: «el
 * acceso es personal»; policy.ts, allowedOnBehalf) while someone else calls in their name. Null
 * when its own words promise nothing refused then.
 */
export const onBehalfSay = (cause: Cause): string | null => {
  const cannot: Partial<Record<CauseCode, { state: string; what: string }>> = {
    no_email: {
      state: 'Sin un correo registrado no puede registrarse ni recuperar su contraseña',
      what: 'registrar su correo',
    },
    mail_bounced: {
      state: 'El correo que tenemos registrado parece incorrecto',
      what: 'corregirlo',
    },
    registration_blocked: {
      state: 'El registro se invalidó por seguridad (N° de serie incorrecto)',
      what: 'desbloquearlo',
    },
  };
  const words = cannot[cause.code];
  return words
    ? `${words.state}. El acceso es personal: puedo ${words.what} solo cuando llame la propia persona.`
    : null;
};

/** Empty sections of the person record: never a fact while the data is still arriving. */
export const recordMessages = {
  /** The record's sections, labels and column headers. */
  pickHint: 'Seleccione una persona con ↑ ↓ y Enter.',
  /** The search answered with companies only: Enter opens one's page. */
  pickCompany: 'Seleccione una empresa con ↑ ↓ y Enter para abrir su página.',
  /** The search answered with nobody: nothing to select; its notice, beside it, says why. */
  pickNone: 'Ninguna persona que abrir: junto a la búsqueda se dice por qué.',
  pickKeys:
    'Esc vuelve a los resultados · Ctrl+K vuelve a la búsqueda · F1 muestra todos los atajos',
  /** The record's region, as a screen reader names it, and while it loads. */
  region: 'Ficha',
  loading: 'Cargando ficha',
  noEmail: 'Sin correo registrado',
  /** The record's own buttons (the diagnosis's fixes take actionDialogTexts.fixLabels). */
  editContact: 'Editar contacto',
  identity: 'Identidad',
  rut: 'RUT',
  serialNumber: 'N° de serie',
  email: 'Correo',
  phone: 'Celular',
  qualityLabel: 'Calidad',
  notRegistered: 'No registrado',
  never: 'Nunca',
  yes: 'Sí',
  no: 'No',
  accounts: 'Cuentas por portal',
  accountColumns: [
    'Portal',
    'Registro',
    'Estado',
    'Intentos fallidos',
    'Contraseña creada',
    'Correo verificado',
    'Último ingreso',
    'Acciones',
  ],
  companies: 'Empresas',
  /**
   * «Vigencia» of a tie still on: beside «Inhabilitada» or «Pausada», «desde …» read as the day
   * of the pause (walk 59a), so the start of the tie is said as such.
   */
  tieSince: (date: string, active: boolean) => (active ? `desde ${date}` : `ingresó el ${date}`),
  companyColumns: [
    'Empresa',
    'Adherida',
    'Perfil',
    'Estado',
    'Vigencia',
    'Módulos',
    'Acuerdo de Acceso Remoto',
    'Acciones',
  ],
  /** Asked for, sent, waiting or failed: each row says which. */
  mails: 'Últimos correos',
  noMails: 'No hay correos registrados.',
  mailColumns: ['Fecha', 'Tipo', 'Portal', 'Destino', 'Resultado'],
  /** A company row's buttons. */
  changes: {
    disable: 'Inhabilitar',
    enable: 'Habilitar',
    pause: 'Pausar',
    resume: 'Reanudar',
    dismiss: 'Registrar baja',
    remove: 'Eliminar acceso',
  },
  /** Under the e-mail and the mobile: their last change (persons.*_changed_at / _by). */
  contactChanged: (at: string, by: string | null) => `Cambiado el ${at}${by ? ` por ${by}` : ''}`,
  /**
   * «Calidad»: affiliated worker, pensioner, both — or neither, said as it is: a company's
   * representative or user who is not affiliated does have a current tie, with that company.
   */
  quality: (person: {
    isWorker: boolean;
    isPensioner: boolean;
    companyUser: boolean;
    /** The company registers that name them (legal representative, TRF). */
    registers: ReadonlyArray<{ kind: 'legal_representative' | 'trf' }>;
    /**
     * Dismissed from (or deleted at) every company they had: no employer left, so no worker
     * now (rule 7, seed 000: «quedarás inactivo»), whatever the affiliation flag still says.
     */
    noCompanyLeft?: boolean;
  }) => {
    const worker = person.isWorker && !person.noCompanyLeft;
    // The replica does not know anyone's gender: the words fit everyone («persona …»).
    if (worker && person.isPensioner) return 'Persona trabajadora y pensionada';
    if (worker) return 'Persona trabajadora';
    if (person.isPensioner) return 'Persona pensionada';
    const outsider = '(no trabajadora ni pensionada)';
    // A register's tie is said even once an access was approved: it is what lets them speak for
    // the company (rules 9, 13), which «usuaria» alone would hide.
    const kinds = new Set(person.registers.map((entry) => entry.kind));
    const registered = kinds.has('legal_representative')
      ? 'Representante legal de empresa'
      : kinds.has('trf')
        ? 'Firmante de la TRF de una empresa'
        : null;
    // Her profiles, if any, are listed under «Empresas».
    if (registered) return `${registered} ${outsider}`;
    return person.companyUser ? `Persona usuaria de empresa ${outsider}` : 'Sin vínculo vigente';
  },
  /** Why «Cambiar perfil» waits at a company, said under the companies' table. */
  roleWaits: (company: string, why: string) => `«Cambiar perfil» en ${company}: ${why}`,
  noAccounts: 'No tiene cuenta en ningún portal.',
  accountsNotYet:
    'Aún no llegan sus cuentas a este equipo (la carga desde el sistema central no ha terminado).',
  noCompanies: 'No figura en ninguna empresa.',
  /** Named in a company's register without an access of hers there (rule 12). */
  registersTitle: 'En el registro de la empresa (no es un acceso):',
  /** Rule 9; seed 000: «contáctate con el administrador de accesos de tu empresa». */
  /** With an access paused or disabled: they are also who asks that it be given back (rule 13). */
  accessAdminsTitle: ({ paused, disabled }: { paused: boolean; disabled: boolean }) => {
    const back =
      paused && disabled
        ? 'que se devuelva un acceso en pausa o inhabilitado'
        : paused
          ? 'que se reanude un acceso en pausa'
          : disabled
            ? 'que se habilite de nuevo un acceso inhabilitado'
            : null;
    return back
      ? `A quién pedir módulos, perfiles o ${back} (administradores de accesos):`
      : 'A quién pedir módulos o perfiles (administradores de accesos):';
  },
  accessAdminsMore: (n: number) =>
    ` y ${n === 1 ? 'otro' : `${formatNumber(n)} más`} (en la página de la empresa)`,
  /** A company with no administrator to ask: who can, by the person's access there. */
  noAccessAdmins: (state: 'active' | 'paused' | 'disabled' | 'removed', nobodyAsks = false) =>
    state === 'paused' || state === 'disabled'
      ? nobodyAsks
        ? `no tiene administradores de accesos con el perfil asignado, y hoy nadie puede pedir que se ${state === 'paused' ? 'reanude' : 'habilite de nuevo'} su acceso: su representante legal aún no puede o no figura (la página de la empresa dice qué le falta).`
        : `no tiene administradores de accesos con el perfil asignado: que se ${state === 'paused' ? 'reanude' : 'habilite de nuevo'} su acceso lo pide su representante legal (la página de la empresa lo nombra).`
      : 'no tiene administradores de accesos con el perfil asignado: sus módulos y perfiles los puede cambiar un supervisor de la mesa de ayuda.',
  register: (kind: 'legal_representative' | 'trf') =>
    kind === 'legal_representative'
      ? 'Representante legal'
      : 'Firmante de la TRF (registro de firmantes)',
  companiesNotYet:
    'Aún no llegan sus empresas a este equipo (la carga desde el sistema central no ha terminado).',
} as const;
