/**
 * The supervisor's device list when the central API cannot or will not answer (issue 11): each
 * refusal in the words the Sincronización screen shows, and never a revocation attempted from
 * the wrong place. The happy path runs against the real central API in sync-trust.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ruleMessages } from '../../src/shared/messages';
import { CentralError, computerName } from '../../src/main/sync/central-client';
import { DEVICE_NAME_MAX } from '../../src/shared/sync-protocol';
import type { ServiceContext, Session } from '../../src/main/services/context';
import { ForbiddenError, RuleError } from '../../src/main/services/errors';
import { listDevices, revokeDevice } from '../../src/main/services/devices';
import type { CentralSession } from '../../src/main/services/central-admin';

const THIS_DEVICE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
// The services read only these two of the context before the central API answers.
const ctx = {
  deviceId: THIS_DEVICE,
  now: () => new Date('2026-12-01T12:00:00Z'),
} as ServiceContext;
const supervisor = {
  agentId: 'a-super',
  username: 'supervisora',
  displayName: 'Sara Supervisora',
  role: 'supervisor',
  companyRuts: [],
  adminOfCompanyRuts: [],
  personRut: null,
} as Session;

function failingWith(error: unknown) {
  let kicks = 0;
  let calls = 0;
  const central: CentralSession = {
    asAgent: () => {
      calls++;
      return Promise.reject(error);
    },
    kick: () => void kicks++,
  };
  return { central, kicks: () => kicks, calls: () => calls };
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RuleError) return ruleMessages[error.code]!(error.params);
    if (error instanceof ForbiddenError) return 'forbidden';
    throw error;
  }
  throw new Error('answered');
}

const revoking = (deviceId: string, reason: string) => ({
  deviceId,
  reason,
  decisionId: '0b9e8c1e-6d1a-4c3f-9a57-2f1d2c3b4a5e',
});

describe('devices from the desk', () => {
  it.each([
    [new CentralError('network', 'fetch failed'), /No hay conexión con el sistema central/],
    [new CentralError('unavailable', 'HTTP 503'), /No hay conexión con el sistema central/],
    [new CentralError('unauthorized', 'sin sesión'), /no está abierta o expiró/],
    [new CentralError('upgrade_required', 'HTTP 426'), /actualícela/],
    [new CentralError('device_fork', 'HTTP 409'), /inscribirse de nuevo/],
    [
      new CentralError('bad_response', 'HTTP 400', null, null, 'invalid_request'),
      /no aceptó la solicitud/,
    ],
    [
      new CentralError('bad_response', 'HTTP 404', null, null, 'device_not_found'),
      /ya no figura en el sistema central/,
    ],
    [new CentralError('bad_response', 'HTTP 403', null, null, 'forbidden'), /^forbidden$/],
  ])('says what the central answer means: %s', async (error, expected) => {
    const { central } = failingWith(error);
    expect(await messageOf(listDevices(ctx, supervisor, central))).toMatch(expected);
    expect(
      await messageOf(revokeDevice(ctx, supervisor, central, revoking(OTHER, 'Robado'))),
    ).toMatch(expected);
  });

  it('a revoked desk learns it from the answer at once', async () => {
    const { central, kicks } = failingWith(new CentralError('device_revoked', 'HTTP 403'));
    expect(await messageOf(listDevices(ctx, supervisor, central))).toMatch(
      /fue revocado en el sistema central/,
    );
    expect(kicks()).toBe(1);
  });

  it('asks nothing of the central API for an agent, a desk without one, itself or no reason', async () => {
    const { central, calls } = failingWith(new Error('must not be called'));
    const agent = { ...supervisor, role: 'agent' } as Session;
    expect(await messageOf(listDevices(ctx, agent, central))).toBe('forbidden');
    expect(await messageOf(listDevices(ctx, supervisor, null))).toMatch(
      /no está conectado a un sistema central/,
    );
    expect(
      await messageOf(revokeDevice(ctx, supervisor, central, revoking(THIS_DEVICE, 'Robado'))),
    ).toMatch(/No puede revocar el equipo que está usando/);
    expect(await messageOf(revokeDevice(ctx, supervisor, central, revoking(OTHER, 'ok')))).toBe(
      'Indique el motivo (al menos 3 caracteres): queda en la auditoría.',
    );
    expect(calls()).toBe(0);
  });
});

describe('a computer’s name for the list of devices', () => {
  it('is its host name, trimmed and cut to what the protocol takes; none when it has none', () => {
    expect(computerName('  NOTEBOOK-TERRENO-03 ')).toBe('NOTEBOOK-TERRENO-03');
    expect(computerName('x'.repeat(150))).toHaveLength(DEVICE_NAME_MAX);
    expect(computerName('   ')).toBeUndefined();
  });
});
