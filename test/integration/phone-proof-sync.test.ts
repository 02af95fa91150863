/**
 * A mobile changed lately proves nothing of who calls (policy PHONE_PROOF_AFTER_CHANGE_MS), on
 * every desk: the date of the change travels with the person through the real central API on
 * 127.0.0.1, so a caller who changed their number through one desk cannot read it back as proof
 * on another.
 */
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/shared/format';
import { PHONE_PROOF_AFTER_CHANGE_MS } from '../../src/shared/policy';
import { clockAt, editPhone, openDesk, record, startCentral, syncNow } from '../support/sync-setup';

const PEDRO = '12345678-5';

describe('a mobile changed on another desk', () => {
  it('is no proof on this one for a day, then is again', async () => {
    const clock = clockAt();
    const central = await startCentral({ clock });
    const a = await openDesk(central.url, { user: 'agente', clock });
    const b = await openDesk(central.url, { user: 'supervisora', clock });
    await syncNow(a);
    await syncNow(b);
    const facts = () => record(a, PEDRO).identityFacts.map((view) => view.fact);
    expect(facts()).toContain('registered_phone');

    // The caller has desk B change their mobile (it asks no identity check)…
    editPhone(b, PEDRO, '+56 9 3333 1212');
    await syncNow(b);
    expect(
      central.db.$client
        .prepare('SELECT phone_changed_at FROM persons WHERE rut = 12345678')
        .pluck()
        .get(),
    ).toBe(clock.now.toISOString());

    // …then calls again and reaches desk A: the new digits are neither offered nor accepted.
    await syncNow(a);
    expect(record(a, PEDRO).phone).toBe('+56933331212');
    expect(facts()).not.toContain('registered_phone');
    const pedro = record(a, PEDRO);
    const unlock = a.dispatchNow('accounts.unlock', {
      rut: PEDRO,
      portal: pedro.accounts[0]!.portal,
      identityCheck: ['serial_number', 'registered_phone'],
      expectedVersion: pedro.accounts[0]!.version,
    });
    // Said as what it is: changed lately, not a datum the system lacks.
    const until = new Date(clock.now.getTime() + PHONE_PROOF_AFTER_CHANGE_MS);
    expect(unlock).toMatchObject({
      ok: false,
      error: {
        message: `«Celular registrado» cambió hace poco: no sirve para verificar la identidad hasta el ${formatDateTime(until.toISOString())}. Desmárquelo y verifique con otros datos del diálogo.`,
      },
    });

    // A day after the change it proves who calls again.
    clock.now = new Date(clock.now.getTime() + PHONE_PROOF_AFTER_CHANGE_MS + 60_000);
    expect(facts()).toContain('registered_phone');
  });
});
