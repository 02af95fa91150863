import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/db/connection';
import {
  createDeviceEnrolment,
  memoryDeviceSecretStore,
} from '../../src/main/sync/device-enrolment';

function enrolment() {
  const sqlite = openSqlite(':memory:');
  sqlite.exec('CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  sqlite.exec('CREATE TABLE outbox (seq INTEGER PRIMARY KEY, state TEXT NOT NULL)');
  const store = memoryDeviceSecretStore();
  return { device: createDeviceEnrolment(sqlite, store), store };
}

describe('device enrolment: the identity a new one replaces', () => {
  it('is kept with its secret until a sign-in enrols the new one, then forgotten', () => {
    const { device, store } = enrolment();
    const first = { deviceId: device.deviceId(), secret: device.secret() };
    expect(device.former()).toBeNull();

    const second = device.reenrol();
    expect(second).not.toBe(first.deviceId);
    expect(device.former()).toEqual(first);
    expect(store.load()).toMatchObject({ deviceId: second, former: first });

    device.enrolled();
    expect(device.former()).toBeNull();
    expect(store.load()).toEqual({ deviceId: second, secret: device.secret() });
    // Nothing to forget: a later sign-in changes nothing.
    device.enrolled();
    expect(store.load()).toEqual({ deviceId: second, secret: device.secret() });
  });

  it('re-enrolled again before any sign-in, hands on the identity the central knew', () => {
    const { device } = enrolment();
    const first = { deviceId: device.deviceId(), secret: device.secret() };
    device.reenrol();
    const third = device.reenrol();
    expect(device.deviceId()).toBe(third);
    expect(device.former()).toEqual(first);
  });

  it('after an enrolled re-enrolment, the next one replaces the enrolled identity', () => {
    const { device } = enrolment();
    device.secret();
    const second = device.reenrol();
    device.enrolled();
    const secondProof = { deviceId: second, secret: device.secret() };
    device.reenrol();
    expect(device.former()).toEqual(secondProof);
  });

  it('a secret lost (none stored for this id) replaces nothing it cannot prove', () => {
    const { device, store } = enrolment();
    const id = device.deviceId();
    device.secret();
    store.save(null);
    device.reenrol();
    expect(device.former()).toBeNull();
    expect(device.deviceId()).not.toBe(id);
  });
});
