#!/usr/bin/env node
// The only place that ends the process: everything else returns exit codes.
import { fileURLToPath } from 'node:url';
import { removeAllTempDirs } from '../store/temp-dirs.js';
import { EXIT_ERROR, printError, processIo } from './context.js';
import { quickRerun } from './quick-rerun.js';

const argv = process.argv.slice(2);

/** A reader that stops early (`| head`) closed stdout: 128 + SIGPIPE, what a shell reports for such a stop. */
const EXIT_STDOUT_CLOSED = 141;

const stop = (code: number): never => {
  removeAllTempDirs();
  return process.exit(code);
};

// Node ignores SIGPIPE, so a closed pipe arrives as an error on stdout, which would
// otherwise end the run with a stack trace. Stop quietly instead.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') printError(processIo(), `cannot write to stdout: ${error.message}`);
  stop(error.code === 'EPIPE' ? EXIT_STDOUT_CLOSED : EXIT_ERROR);
});

// A cron re-run that finds nothing new is answered before the command line's modules
// load (quick-rerun.ts): they are most of such a run. Any other runs the command, whose
// modules are imported only then, from the bundle's other chunks (src/build/bundle.ts).
const quick = await quickRerun(argv, processIo());
if (quick === null) await runCommand();
else process.exitCode = quick;

async function runCommand(): Promise<void> {
  const [{ exitCodeOf, mayRelaunch, relaunch, relaunchThreshold }, { estimatedLogBytes, readsLargeFile }, { PARALLEL_MIN_BYTES }, { prestartWorkers }, { defaultWorkerCount }] =
    await Promise.all([
      import('./relaunch.js'), import('./input-guess.js'), import('../ingest/parallel/chunk-size.js'),
      import('../ingest/parallel/early-workers.js'), import('../ingest/parallel/worker-pool.js'),
    ]);
  // A large input runs in a child node with a small young generation (relaunch.ts); this
  // process only waits for it and ends as it ended: with its code, or by its signal.
  if (mayRelaunch(process.execArgv, process.env)) {
    const threshold = relaunchThreshold(process.env);
    if (threshold !== Infinity && (await estimatedLogBytes(argv)) >= threshold) {
      const end = await relaunch(fileURLToPath(import.meta.url), argv);
      if (end !== null) {
        if (end.signal !== null) process.kill(process.pid, end.signal);
        process.exit(exitCodeOf(end));
      }
    }
  }

  // Isolates made from now on (the parse workers) compile optimized code on their own
  // thread instead of a helper's; V8 reads this flag when it makes an isolate, so this
  // one's stays as it was. Both cores are busy throughout a large ingest, so compiling
  // in the background only made each worker run its slow code for longer while the
  // compiler competed with it for a core: 2M nginx lines 2.20 -> 2.07 s, 4.11 -> 3.95
  // core-seconds (docs/performance.md). The CLI only: a V8 flag is the whole process's,
  // which a library must not change under its host. Node keeps V8's flags settable after
  // start (v8/node#141); a runtime that does not only loses the speed.
  try {
    // node:v8 loads here: it brings node's streams (3 ms), which a quick re-run never needs.
    const { setFlagsFromString } = await import('node:v8');
    setFlagsFromString('--no-concurrent-recompilation');
  } catch {
    // the workers compile in the background, as they did before
  }
  // The parse workers start while the CLI's modules load (early-workers.ts): main.js is
  // imported after this, not before it as a static import would be.
  if (readsLargeFile(argv, PARALLEL_MIN_BYTES)) prestartWorkers(defaultWorkerCount());
  const { main } = await import('./main.js');

  // Interrupted: remove the run's temporary files (staging can be most of a log's size),
  // then end with the shell's code for the signal (128 + its number). The handlers stay:
  // a relaunched run gets a terminal's Ctrl-C twice (from the terminal and passed on by
  // its parent), and the second must not end it with the removal half done.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) process.on(signal, () => stop(code));

  main(argv).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { printError(processIo(), String(error)); process.exitCode = EXIT_ERROR; },
  );
}
