/**
 * What a company dialog's toast says it did: taken while the desk cannot sync, it is done on this
 * desk only, and its mail is not in any queue yet (it goes when the central API gets the action).
 */
import { describe, expect, it } from 'vitest';
import { companyMessages } from '../../src/shared/messages';

const { done } = companyMessages;

describe('a company change said as done', () => {
  it('says an added user and the agreement mail as they are, synced or held on this desk', () => {
    const added = { external: true, onEmpresas: true, mailQueued: true };
    expect(done['companyUsers.add'](added)).toBe(
      'Usuario agregado como externo: no es trabajador de la empresa. El correo para firmar el Acuerdo de Acceso Remoto quedó en cola de envío.',
    );
    expect(done['companyUsers.add']({ ...added, held: true })).toBe(
      'Usuario agregado en este equipo como externo: no es trabajador de la empresa. El correo para firmar el Acuerdo de Acceso Remoto sale cuando el sistema central reciba la acción, si la recibe dentro de 2 horas; si tarda más no se envía y habrá que reenviarlo desde su ficha.',
    );
    expect(
      done['companyUsers.add']({
        external: false,
        onEmpresas: false,
        mailQueued: false,
        held: true,
      }),
    ).toBe(
      'Usuario agregado en este equipo. ACHS Gestión no tiene Acuerdo de Acceso Remoto: no se envía correo.',
    );
  });

  it('says an approval held on this desk sends its mail only once the central API has it', () => {
    expect(done.approve(true, 'active', true)).toBe(
      'Solicitud aprobada en este equipo: el correo de aprobación, con el enlace para firmar el Acuerdo de Acceso Remoto, sale desde una dirección no-reply cuando el sistema central reciba la acción, si la recibe dentro de 2 horas; si tarda más no se envía y habrá que reenviarlo desde su ficha.',
    );
    expect(done.approve(true)).toMatch(/^Solicitud aprobada: el correo de aprobación/);
  });
});

describe('«Agregar usuario» with a worker of the company', () => {
  it('says his profile there becomes the one given; on Los Héroes his affiliate profile stays', () => {
    const { worker } = companyMessages.dialog.rutAtCompany;
    expect(worker(false)).toBe(
      'Es persona trabajadora de la empresa: su perfil en ella pasa de Trabajador a este, y conserva los módulos que ya tiene.',
    );
    expect(worker(true)).toMatch(/y sigue con su Perfil Afiliado en Portal Héroes\.$/);
    expect(worker(true)).not.toMatch(/además/);
  });
});

describe('the approval dialog says what approving will do', () => {
  const { approve } = companyMessages.descriptions;
  it('a new profile: the agreement mail, and no profile until she signs', () => {
    expect(approve(null)).toMatch(/^La persona recibirá un correo desde una dirección no-reply/);
  });
  it('a profile she was given meanwhile: raised if a user, no second mail, a paused one stays', () => {
    expect(approve({ role: 'company_user', state: 'active' })).toBe(
      'Ya tiene un perfil empresa aquí, que pasa a administrador de accesos: no se le envía otro correo.',
    );
    expect(approve({ role: 'access_admin', state: 'paused' })).toMatch(
      /^Ya tiene un perfil empresa aquí: no se le envía otro correo\. Su acceso en la empresa está pausado y así sigue/,
    );
    expect(approve({ role: 'access_admin', state: 'active' })).not.toContain('recibirá');
  });
});
