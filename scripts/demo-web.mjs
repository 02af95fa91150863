// `npm run demo:web`: the whole loop in a browser — the reference central API (demo data) and
// the web door syncing with it. Ctrl+C stops both. Data stays in .data/demo between runs.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const node = process.execPath;
const children = [];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function start(args, label) {
  const child = spawn(node, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`${label} terminó con código ${code}`);
    stop();
  });
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const ready = JSON.parse(line);
        if (ready.ready) resolve(ready);
      } catch {
        console.log(line);
      }
    });
  });
}

const central = await start(
  ['src/central-api/start.ts', '--port', '5190', '--data-dir', '.data/demo/central'],
  'El sistema central',
);
console.log(`Sistema central: ${central.url}`);
const web = await start(
  [
    'src/main/web/start.ts',
    '--port',
    '5180',
    '--data-dir',
    '.data/demo/desk',
    '--demo-persons',
    '0',
    '--central',
    central.url,
  ],
  'La puerta web',
);
console.log(
  `Abra ${web.url} e ingrese con agente / agente600 (la réplica se carga desde el sistema central).`,
);
