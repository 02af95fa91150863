/** A conflict's values as the Sincronización screen shows them: in words, never as codes. */
import { describe, expect, it } from 'vitest';
import { shownValue } from '../../src/renderer/src/sync/SyncIssueList';
import { syncMessages } from '../../src/shared/messages';

describe('shownValue', () => {
  it('words a membership state and a profile, formats a phone, and says an empty value', () => {
    expect(shownValue('state', 'disabled')).toBe('Inhabilitada');
    expect(shownValue('state', 'removed')).toBe('De baja');
    expect(shownValue('role', 'access_admin')).toBe('Administrador de accesos');
    expect(shownValue('phone', '+56955550101')).toBe('+56 9 5555 0101');
    expect(shownValue('email', null)).toBe('(vacío)');
    // An unknown code is shown as it came rather than hidden.
    expect(shownValue('state', 'archived')).toBe('archived');
  });
});

describe('syncMessages.centralChanged', () => {
  it('names who changed the central side, and says so when it was the action’s own user', () => {
    const at = '07-12-2026 08:20';
    expect(syncMessages.centralChanged('phone', at, 'Alicia Agente', 'Sara Supervisora')).toBe(
      'En el sistema central, Alicia Agente cambió el celular el 07-12-2026 08:20.',
    );
    // Sara's own change from her other desk: not «Sara cambió…» to Sara, who did not do it here.
    expect(syncMessages.centralChanged('phone', at, 'Sara Supervisora', 'Sara Supervisora')).toBe(
      'En el sistema central, el mismo usuario (Sara Supervisora) cambió el celular el 07-12-2026 08:20, desde otro equipo o sesión.',
    );
    expect(syncMessages.centralChanged('contact', at, null, 'Sara Supervisora')).toBe(
      'En el sistema central, los datos de contacto se cambiaron por última vez el 07-12-2026 08:20.',
    );
  });
});
