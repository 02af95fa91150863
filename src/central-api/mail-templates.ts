/**
 * What the portals' mails say (Spanish, Chile), per kind, and the no-reply address each portal
 * sends from (rule 12: "a mail arrives from a no-reply address"). The links are the portals'
 * public pages plus a reference code; the real token flows belong to the portals themselves.
 */
import type { MailKind, Portal } from '../shared/vocabulary';

/** Sender and public address of each portal. Deployments override them with their own domains. */
export const PORTALS: Record<Portal, { name: string; from: string; url: string }> = {
  achs_gestion: {
    name: 'ACHS Gestión',
    from: '"ACHS Gestión" <no-reply@achs-gestion.example>',
    url: 'https://achs-gestion.example',
  },
  portal_heroes: {
    name: 'Portal Héroes',
    from: '"Portal Héroes" <no-reply@portal-heroes.example>',
    url: 'https://portal-heroes.example',
  },
  portal_empresas: {
    name: 'Portal Empresas',
    from: '"Portal Empresas" <no-reply@portal-empresas.example>',
    url: 'https://portal-empresas.example',
  },
};

export type MailInput = {
  mailId: number;
  portal: Portal;
  kind: MailKind;
  to: string;
  givenNames: string;
  /** Login RUT as the portal shows it, `12345678-5`. */
  loginRut: string;
  /**
   * The companies a Portal Empresas mail is about (an approved request, a profile to sign for):
   * someone may administer several (rule 8), so the mail says which. Empty when none is known.
   */
  companies?: string[];
};

export type RenderedMail = { from: string; to: string; subject: string; text: string };

const FOOTER =
  'Este correo fue enviado desde una dirección que no recibe respuestas. Si usted no solicitó esta acción, ignórelo o llame a la mesa de ayuda.';

export function renderMail(input: MailInput): RenderedMail {
  const portal = PORTALS[input.portal];
  const code = `MA-${input.mailId}`;
  const greeting = `Hola ${input.givenNames.split(' ')[0] ?? ''}:`.replace(' :', ':');
  const link = (page: string) => `${portal.url}/${page}?ref=${code}`;
  const companies = input.companies ?? [];
  const named = companies.length > 0 ? companies.join(', ') : null;
  // One Los Héroes login opens the three (rule 16): its password is theirs too (walk 60a L1, a
  // Portal Empresas user told only of Portal Héroes).
  const shared =
    input.portal === 'portal_heroes'
      ? ['Es la misma contraseña para Portal Héroes, Portal Empresas y la APP LH.']
      : [];
  const bodies: Record<MailKind, { subject: string; lines: string[] }> = {
    password_creation: {
      subject: `${portal.name}: cree su contraseña`,
      lines: [
        `Su registro en ${portal.name} con el RUT ${input.loginRut} está casi listo.`,
        `Para crear su contraseña, ingrese a: ${link('crear-clave')}`,
        ...shared,
        'El enlace es personal; nadie de la mesa de ayuda le pedirá su contraseña.',
      ],
    },
    password_reset: {
      subject: `${portal.name}: restablezca su contraseña`,
      lines: [
        `Recibimos una solicitud para restablecer la contraseña del RUT ${input.loginRut}.`,
        `Para elegir una nueva contraseña, ingrese a: ${link('restablecer-clave')}`,
        ...shared,
        // What ignoring it leaves; the footer says to ignore it (one «si no lo solicitó»).
        'Mientras no use el enlace, su contraseña actual sigue vigente.',
      ],
    },
    access_approval: {
      subject: `${portal.name}: su solicitud de acceso${named ? ` a ${named}` : ''} fue aprobada`,
      lines: [
        `Su solicitud de acceso a ${portal.name} para el RUT ${input.loginRut}${named ? `, por ${named},` : ''} fue aprobada.`,
        `Antes de usar el perfil de empresa debe firmar el Acuerdo de Acceso Remoto en: ${link('convenio')}`,
      ],
    },
    agreement_signature: {
      subject: `${portal.name}: firme el Acuerdo de Acceso Remoto${named ? ` de ${named}` : ''}`,
      lines: [
        `Su perfil de empresa${named ? ` en ${named}` : ''} quedará asignado cuando firme el Acuerdo de Acceso Remoto.`,
        `Para firmarlo, ingrese a: ${link('convenio')}`,
      ],
    },
    email_confirmation: {
      subject: `${portal.name}: confirme su correo electrónico`,
      lines: [
        `Se registró esta dirección como correo del RUT ${input.loginRut} en ${portal.name}.`,
        `Para confirmarla, ingrese a: ${link('confirmar-correo')}`,
      ],
    },
  };
  const body = bodies[input.kind];
  return {
    from: portal.from,
    to: input.to,
    subject: body.subject,
    text: [greeting, '', ...body.lines, '', `Código de referencia: ${code}`, '', FOOTER, ''].join(
      '\n',
    ),
  };
}
