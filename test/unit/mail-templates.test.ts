/** The Portal Empresas mails name the company they are about (rule 8: one may administer several). */
import { describe, expect, it } from 'vitest';
import { renderMail } from '../../src/central-api/mail-templates';

const base = {
  mailId: 7,
  portal: 'portal_empresas' as const,
  to: 'gloria@laespiga.cl',
  givenNames: 'Gloria Paz',
  loginRut: '14725836-4',
};

describe('renderMail', () => {
  it('names the company of an approval and of an agreement to sign', () => {
    const approval = renderMail({
      ...base,
      kind: 'access_approval',
      companies: ['Panadería La Espiga Limitada'],
    });
    expect(approval.subject).toBe(
      'Portal Empresas: su solicitud de acceso a Panadería La Espiga Limitada fue aprobada',
    );
    const signature = renderMail({
      ...base,
      kind: 'agreement_signature',
      companies: ['Comercial Biobío SpA', 'Panadería La Espiga Limitada'],
    });
    expect(signature.subject).toBe(
      'Portal Empresas: firme el Acuerdo de Acceso Remoto de Comercial Biobío SpA, Panadería La Espiga Limitada',
    );
    expect(signature.text).toContain(
      'Su perfil de empresa en Comercial Biobío SpA, Panadería La Espiga Limitada quedará asignado cuando firme el Acuerdo de Acceso Remoto.',
    );
  });

  it('says the Los Héroes password is the three portals’ (rule 16), and ACHS Gestión’s is its own', () => {
    const shared = 'Es la misma contraseña para Portal Héroes, Portal Empresas y la APP LH.';
    for (const kind of ['password_reset', 'password_creation'] as const) {
      expect(renderMail({ ...base, portal: 'portal_heroes', kind }).text).toContain(shared);
      expect(renderMail({ ...base, portal: 'achs_gestion', kind }).text).not.toContain(shared);
    }
  });

  it('says it without a company when none is known', () => {
    const signature = renderMail({ ...base, kind: 'agreement_signature' });
    expect(signature.subject).toBe('Portal Empresas: firme el Acuerdo de Acceso Remoto');
    expect(signature.text).toContain('Su perfil de empresa quedará asignado cuando firme');
  });
});
