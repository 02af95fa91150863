import { describe, expect, it } from 'vitest';
import { isAcceptableCentralUrl } from '../../src/shared/central-url';

describe('central API address', () => {
  it.each([
    ['https://central.ejemplo.cl', true],
    ['https://central.ejemplo.cl:8443/api', true],
    ['http://127.0.0.1:5190', true],
    ['http://localhost:5190', true],
    ['http://[::1]:5190', true],
    ['http://central.ejemplo.cl', false],
    ['http://192.168.1.10:5190', false],
    ['https://usuario:clave@central.ejemplo.cl', false],
    ['ftp://central.ejemplo.cl', false],
    ['central.ejemplo.cl', false],
    ['', false],
  ])('%s → %s', (url, accepted) => {
    expect(isAcceptableCentralUrl(url)).toBe(accepted);
  });
});
