import { describe, expect, it } from 'vitest';
import { centralUrlProblem } from '../../src/shared/central-url';

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
    expect(centralUrlProblem(url) === null).toBe(accepted);
  });
});

describe('what is wrong with a central API address', () => {
  it.each([
    ['http://127.0.0.1:99999', 'not_a_url'],
    ['central.ejemplo.cl', 'no_scheme'],
    ['central.ejemplo.cl:8443', 'no_scheme'],
    ['localhost:8080', 'no_scheme'],
    ['ftp://central.ejemplo.cl', 'not_a_url'],
    ['javascript:alert(1)', 'not_a_url'],
    ['https://usuario:clave@central.ejemplo.cl', 'credentials'],
    ['http://192.168.1.10:5190', 'not_https'],
    ['https://central.ejemplo.cl', null],
  ])('%s → %s', (url, problem) => {
    expect(centralUrlProblem(url)).toBe(problem);
  });
});
