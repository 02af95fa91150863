/**
 * One way to start the desk's worker threads (the bulk apply, the snapshot's index build): the
 * built app starts its bundle's entry; from source (the web door, tests, benchmarks) a thread
 * does not inherit the TypeScript loader the desk runs under (Node 20 runs no `--import` in
 * workers), so it registers tsx itself before importing the `.ts` entry.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

function fromSource(entry: string): string {
  let api = 'tsx/esm/api';
  try {
    api = import.meta.resolve(api);
  } catch {
    // Where import.meta.resolve is missing (vitest) the bare name resolves from the project.
  }
  const url = pathToFileURL(entry).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
}

/** The flags that load a module before the program's own, each with its value. */
const PRELOAD_FLAGS = new Set(['--require', '-r', '--import', '--loader', '--experimental-loader']);
const isTsx = (value: string) => /[\\/]tsx[\\/]/.test(value);

/**
 * The process's flags less the TypeScript loader's (tsx's `--require …/preflight.cjs --import
 * …/loader.mjs`, which a thread inherits): a built entry is JavaScript already, and the loader
 * tripled a short thread's start under tsx (about 200 ms against 60 ms for the bulk preview's
 * members reader). Other flags (memory limits, profiling) still reach the thread.
 */
export function withoutTypeScriptLoader(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    const [name, value] = flag.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!PRELOAD_FLAGS.has(name)) kept.push(flag);
    else if (value !== undefined) {
      if (!isTsx(value)) kept.push(flag);
    } else if (isTsx(execArgv[i + 1] ?? '')) i += 1;
    else kept.push(flag);
  }
  return kept;
}

/**
 * A built entry starts without the TypeScript loader; where the flags left are refused for a
 * thread (`--expose-gc`, say, which Node only ignores when a thread inherits it unasked), it
 * inherits them as before.
 */
export function startWorker(
  entry: string,
  workerData: unknown,
  execArgv: readonly string[] = process.execArgv,
): Worker {
  if (entry.endsWith('.ts')) return new Worker(fromSource(entry), { eval: true, workerData });
  const kept = withoutTypeScriptLoader(execArgv);
  if (kept.length === execArgv.length) return new Worker(entry, { workerData });
  try {
    return new Worker(entry, { workerData, execArgv: kept });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(entry, { workerData });
  }
}
