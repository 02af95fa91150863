import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskSensitive } from '../../src/shared/log-mask';
import { renderLogLine } from '../../src/storage/log';

describe('maskSensitive: no full RUT, e-mail or phone in a log line', () => {
  it.each([
    ['RUT 12.345.678-5 no encontrado', 'RUT •••••678-5 no encontrado'],
    ['rut=12345678-5;', 'rut=•••••678-5;'],
    ['login 7654321-6', 'login •••••321-6'],
    ['RUT 10.203.040-K', 'RUT •••••040-K'],
    ['{"personRut":12345678,"x":1}', '{"personRut":•••••678,"x":1}'],
    ['RUT sin guion 123456785', 'RUT sin guion •••••785'],
  ])('masks the RUT in %s', (input, expected) => {
    expect(maskSensitive(input)).toBe(expected);
  });

  it.each([
    ['to pedro.gonzalez@gmail.com failed', 'to p•••@g•••.com failed'],
    ['<maria.munoz+600@correo.empresa.cl>: rejected', '<m•••@c•••.cl>: rejected'],
    ["['ana@ejemplo.cl']", "['a•••@e•••.cl']"],
  ])('masks the e-mail in %s', (input, expected) => {
    expect(maskSensitive(input)).toBe(expected);
  });

  it.each([
    ['llamar al +56 9 1234 5678', 'llamar al •••• 5678'],
    ['phone: "+56912345678"', 'phone: "•••• 5678"'],
    ['fijo +56 2 2345 6789', 'fijo •••• 6789'],
    ['móvil 9 8765 4321', 'móvil •••• 4321'],
    ['móvil 987654321', 'móvil •••••4321'],
  ])('masks the phone in %s', (input, expected) => {
    expect(maskSensitive(input)).toBe(expected);
  });

  it('leaves what is not personal alone: instants, ids, hashes, ports, counts', () => {
    const text =
      'at 2026-12-01T05:12:47.123Z id 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b hash ' +
      'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9 port 5180 ' +
      'millis 1796093427610 mutation 42 of 1.000.000 personas, v1.2.3';
    expect(maskSensitive(text)).toBe(text);
  });

  it.each([
    '38353986-20c6-4168-ae38-7e95ccb2b2bf',
    '12345678-9012-4345-8789-012345678901',
    '019AB3C4-0000-7000-8000-000000000001',
  ])('leaves a UUID whose first group is all digits whole: %s', (uuid) => {
    expect(maskSensitive(`{"epoch":"${uuid}"}`)).toBe(`{"epoch":"${uuid}"}`);
    // ...while a RUT right beside it is still masked.
    expect(maskSensitive(`${uuid} 12345678-5`)).toBe(`${uuid} •••••678-5`);
  });

  it('masks inside an error message and its stack trace', () => {
    const error = new Error('Recipient rejected: <pedro.gonzalez@gmail.com> (RUT 12.345.678-5)');
    const line = renderLogLine(['mail 7: delivery failed', error]);
    expect(line).toContain('mail 7: delivery failed');
    expect(line).toContain('p•••@g•••.com');
    expect(line).toContain('•••••678-5');
    expect(line).toContain('at '); // the stack is still there, masked
    expect(line).not.toMatch(/pedro\.gonzalez|12\.345\.678/);
  });

  it('masks the properties an error carries (nodemailer lists the rejected recipients)', () => {
    const error = Object.assign(new Error('Can’t send mail - all recipients were rejected'), {
      rejected: ['francisca.silva@gmail.com'],
      phone: '+56 9 8765 4321',
    });
    const line = renderLogLine(['delivery failed', error]);
    expect(line).not.toContain('francisca.silva@gmail.com');
    expect(line).not.toContain('8765 4321');
    expect(line).toContain('f•••@g•••.com');
  });
});

describe('every log of main and the central API goes through the masking logger', () => {
  it('has no console.* call in src/main, src/storage or src/central-api outside src/storage/log.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && file !== path.join('src', 'storage', 'log.ts')) {
          const lines = fs.readFileSync(file, 'utf8').split('\n');
          lines.forEach((line, index) => {
            if (/\bconsole\.\w+\s*\(/.test(line)) offenders.push(`${file}:${index + 1}`);
          });
        }
      }
    };
    walk(path.join('src', 'main'));
    walk(path.join('src', 'storage'));
    walk(path.join('src', 'central-api'));
    expect(offenders).toEqual([]);
  });
});
