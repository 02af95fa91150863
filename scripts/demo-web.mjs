// `npm run demo:web`: the whole loop in a browser — the reference central API (demo data) and
// the web door syncing with it. Ctrl+C stops both. Data stays in .data/demo between runs.
//
// The central API may go away (stopped by hand to try working offline, or crashed): the web door
// keeps running offline and says so; `npm run central` with the printed command brings it back
// on the same port, and the desk reconnects by itself. Only the web door's exit ends the demo.
//
// Options (for tests and busy machines): --central-port N, --web-port N (0: any free port),
// --data-dir D.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'central-port': { type: 'string', default: '5190' },
    'web-port': { type: 'string', default: '5180' },
    'data-dir': { type: 'string', default: '.data/demo' },
  },
});
const centralDir = path.join(values['data-dir'], 'central');
const deskDir = path.join(values['data-dir'], 'desk');

const node = process.execPath;
const children = new Set();
let stopping = false;
const stopAll = () => {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

/** Starts a Node entry; resolves with its readiness line, rejects if it exits before. */
function start(args, onExit) {
  const child = spawn(node, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let ready = null;
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (ready === null) reject(new Error(`terminó antes de estar listo (código ${code})`));
      else if (!stopping) onExit(code, signal);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line);
        if (parsed.ready && ready === null) {
          ready = { ...parsed, pid: child.pid };
          resolve(ready);
          return;
        }
      } catch {
        // not JSON: the child's own output
      }
      console.log(line);
    });
  });
}

const how = (code, signal) => (signal ? `señal ${signal}` : `código ${code}`);

let central;
try {
  central = await start(
    ['src/central-api/start.ts', '--port', values['central-port'], '--data-dir', centralDir],
    (code, signal) => {
      console.log(
        `\nEl sistema central se detuvo (${how(code, signal)}). La Mesa de Ayuda sigue abierta ` +
          'sin conexión: las acciones quedan pendientes en este equipo y se enviarán al volver.\n' +
          `Para volver a conectarla: npm run central -- --port ${central.port} --data-dir ${centralDir}\n`,
      );
    },
  );
} catch (error) {
  console.error(`No se pudo iniciar el sistema central: ${error.message}`);
  stopAll();
  process.exit(1);
}
console.log(`Sistema central: ${central.url} (proceso ${central.pid})`);

try {
  const web = await start(
    [
      'src/main/web/start.ts',
      '--port',
      values['web-port'],
      '--data-dir',
      deskDir,
      '--demo-persons',
      '0',
      '--central',
      central.url,
    ],
    (code, signal) => {
      console.error(`La puerta web se detuvo (${how(code, signal)}): fin de la demostración.`);
      stopAll();
      process.exitCode = code ?? 1;
    },
  );
  console.log(
    `Abra ${web.url} e ingrese con agente / agente600 (los datos se cargan desde el sistema central).`,
  );
} catch (error) {
  console.error(`No se pudo iniciar la puerta web: ${error.message}`);
  stopAll();
  process.exit(1);
}
