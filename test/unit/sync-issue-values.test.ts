/** A conflict's values as the Sincronización screen shows them: in words, never as codes. */
import { describe, expect, it } from 'vitest';
import { shownValue } from '../../src/renderer/src/sync/SyncIssueList';

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
