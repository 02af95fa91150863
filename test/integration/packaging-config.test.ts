/**
 * What the installers are made from: the icon (one 1024×1024 source, drawn by a script that
 * reproduces it), the electron-builder settings the issue asks for (per-user Spanish NSIS with
 * shortcuts, DMGs for Apple Silicon and Intel, update metadata), and the signing plan of
 * `npm run dist` (on with credentials, skipped with a clear line without).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon } from '../../scripts/make-icon.mjs';
import { signingPlan, targetsOf } from '../../scripts/signing-plan.mjs';
import { ROOT } from '../support/built-app';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

type BuilderConfig = {
  directories: { buildResources: string };
  publish: { provider: string; url: string };
  win: { target: { target: string; arch: string[] }[] };
  nsis: Record<string, unknown>;
  mac: {
    target: { target: string; arch: string[] }[];
    notarize: boolean;
    hardenedRuntime: boolean;
  };
  files: string[];
};
const config = yaml.load(
  fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'),
) as BuilderConfig;

/** Width, height, colour type and the RGBA rows of a non-interlaced 8-bit PNG without filters. */
function readPng(buffer: Buffer) {
  expect(buffer.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  let offset = 8;
  let header: Buffer | null = null;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const width = header!.readUInt32BE(0);
  const height = header!.readUInt32BE(4);
  const raw = zlib.inflateSync(Buffer.concat(data));
  const alpha = (x: number, y: number) => raw[y * (width * 4 + 1) + 1 + x * 4 + 3];
  return { width, height, bitDepth: header![8], colourType: header![9], alpha };
}

describe('the app icon', () => {
  const file = path.join(ROOT, config.directories.buildResources, 'icon.png');

  it('is one 1024×1024 RGBA image in the build resources, with transparent corners', () => {
    const png = readPng(fs.readFileSync(file));
    expect(png).toMatchObject({ width: 1024, height: 1024, bitDepth: 8, colourType: 6 });
    expect(png.alpha(0, 0)).toBe(0);
    expect(png.alpha(1023, 1023)).toBe(0);
    expect(png.alpha(512, 512)).toBe(255);
  });

  it('is what scripts/make-icon.mjs draws (npm run icon)', () => {
    expect(drawIcon().equals(fs.readFileSync(file))).toBe(true);
  });
});

describe('the installer settings', () => {
  it('Windows: an NSIS installer per user, no administrator rights, in Spanish, with shortcuts', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      perMachine: false,
      allowElevation: false,
      installerLanguages: ['es_ES'],
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    });
  });

  it('macOS: DMGs (and update zips) for Apple Silicon and Intel, hardened, notarised when asked', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(false);
  });

  it('writes update metadata beside the installers', () => {
    expect(config.publish.provider).toBe('generic');
  });
});

describe('the signing plan of npm run dist', () => {
  it('without credentials: unsigned, each skip said in one line', () => {
    const win = signingPlan({}, 'win');
    expect(win).toMatchObject({ sign: false, env: { CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
    expect(win.lines).toEqual([
      expect.stringMatching(/^Code signing \(win\): skipped, WIN_CSC_LINK/),
    ]);
    const mac = signingPlan({}, 'mac');
    expect(mac).toMatchObject({ sign: false, notarize: false, args: ['-c.mac.notarize=false'] });
    expect(mac.lines).toEqual([
      expect.stringMatching(/^Code signing \(mac\): skipped/),
      'Notarisation (mac): skipped, an unsigned app cannot be notarised.',
    ]);
  });

  it('with a certificate: signed; with Apple credentials too: notarised', () => {
    expect(signingPlan({ WIN_CSC_LINK: 'cert.pfx' }, 'win')).toMatchObject({ sign: true, env: {} });
    const signedOnly = signingPlan({ CSC_LINK: 'cert.p12' }, 'mac');
    expect(signedOnly).toMatchObject({ sign: true, notarize: false });
    expect(signedOnly.lines[1]).toMatch(/^Notarisation \(mac\): skipped, set APPLE_API_KEY/);
    const notarised = signingPlan(
      {
        CSC_LINK: 'cert.p12',
        APPLE_ID: 'it@ejemplo.cl',
        APPLE_APP_SPECIFIC_PASSWORD: 'x',
        APPLE_TEAM_ID: 'T',
      },
      'mac',
    );
    expect(notarised).toMatchObject({ sign: true, notarize: true, args: ['-c.mac.notarize=true'] });
    // An incomplete set of Apple variables does not count.
    expect(signingPlan({ CSC_LINK: 'c', APPLE_ID: 'x' }, 'mac').notarize).toBe(false);
  });

  it('builds for the platforms named on the command line, else for this one', () => {
    expect(targetsOf(['--win'], 'linux')).toEqual(['win']);
    expect(targetsOf(['--mac', '--win'], 'linux')).toEqual(['win', 'mac']);
    expect(targetsOf([], 'darwin')).toEqual(['mac']);
    expect(targetsOf(['--publish', 'never'], 'win32')).toEqual(['win']);
  });
});
