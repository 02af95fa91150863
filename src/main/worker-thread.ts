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

export function startWorker(entry: string, workerData: unknown): Worker {
  return entry.endsWith('.ts')
    ? new Worker(fromSource(entry), { eval: true, workerData })
    : new Worker(entry, { workerData });
}
