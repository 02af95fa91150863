// `npm run dist [-- electron-builder flags]`: the installer build (no demo seed: --mode package),
// then electron-builder, with signing and notarisation on when their variables are set and a
// clear line for each one skipped (scripts/signing-plan.mjs).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signingPlan, targetsOf } from './signing-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const env = { ...process.env };
const builderArgs = [...args];

for (const target of targetsOf(args, process.platform)) {
  const plan = signingPlan(process.env, target);
  for (const line of plan.lines) console.log(line);
  Object.assign(env, plan.env);
  builderArgs.push(...plan.args);
}

const run = (script, scriptArgs) =>
  execFileSync(process.execPath, [script, ...scriptArgs], { cwd: root, env, stdio: 'inherit' });

const bin = (file) => path.join(root, 'node_modules', file);
run(bin('electron-vite/bin/electron-vite.js'), ['build', '--mode', 'package']);
run(bin('electron-builder/cli.js'), builderArgs);
