/**
 * Parse workers started before the command line is parsed. Loading the CLI (yargs and
 * every command's modules) keeps the main thread busy for about 110 ms while the other
 * core idles, and a worker's own start (a new isolate, then the parsers' modules) takes
 * 50-60 ms, so the CLI entry starts the workers first when the command is about to
 * read a large file (cli/input-guess.ts), and the run's WorkerPool adopts them. Until
 * adopted they are unref'd: a run that never needs them ends as if they did not exist.
 */
import { Worker } from 'node:worker_threads';
import { regularFile } from '../sources.js';

function workerUrl(): URL {
  // The worker is the built module in dist/ in every case: next to this one when built,
  // under dist/src/ when this runs from the CLI's bundle in dist/, and when vitest runs
  // the TypeScript sources (the test command builds first). The bundle's files
  // (src/build/bundle.ts) are the only .mjs: tsc writes .js.
  const here = import.meta.url;
  if (here.endsWith('.mjs')) return new URL('./src/ingest/parallel/parse-worker.js', here);
  return here.endsWith('.js') ? new URL('./parse-worker.js', here) : new URL('../../../dist/src/ingest/parallel/parse-worker.js', here);
}

/** A parse worker, waiting for its setup message (parse-worker.ts). */
export function startWorker(): Worker {
  // A small young generation: the workers' garbage is short-lived per-line strings, and
  // V8's default lets it grow to tens of MB per worker (8 MB less at peak, no slower).
  return new Worker(workerUrl(), { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
}

const stock: Worker[] = [];

export function prestartWorkers(count: number): void {
  for (let i = 0; i < count; i++) {
    const worker = startWorker();
    worker.unref();
    // A worker that fails before it is adopted is dropped; the pool starts another.
    worker.once('error', () => {
      const at = stock.indexOf(worker);
      if (at >= 0) stock.splice(at, 1);
    });
    stock.push(worker);
  }
}

/** Up to count prestarted workers, now owned by the caller (ref'd again). */
export function adoptWorkers(count: number): Worker[] {
  const adopted = stock.splice(0, count);
  for (const worker of adopted) {
    worker.removeAllListeners('error');
    worker.ref();
  }
  return adopted;
}

export const prestartedWorkers = (): number => stock.length;

/** Whether path names a regular file of at least minBytes (not a folder, glob or device). */
export function isLargeFile(path: string, minBytes: number): boolean {
  return (regularFile(path)?.size ?? -1) >= minBytes;
}
