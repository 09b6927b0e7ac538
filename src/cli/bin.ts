#!/usr/bin/env node
// The only place that ends the process: everything else returns exit codes.
import { removeAllTempDirs } from '../store/temp-dirs.js';
import { main } from './main.js';

// Interrupted: remove the run's temporary files (staging can be most of a log's size),
// then end with the shell's code for the signal (128 + its number).
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removeAllTempDirs();
    process.exit(code);
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.stderr.write(`logcodes: ${String(error)}\n`); process.exitCode = 1; },
);
