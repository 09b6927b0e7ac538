#!/usr/bin/env node
import { main } from './main.js';

// The only place that ends the process: everything else returns exit codes.
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.stderr.write(`logcodes: ${String(error)}\n`); process.exitCode = 1; },
);
