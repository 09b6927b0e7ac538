/**
 * `main(argv)` parses the command line, runs one command and returns its exit code.
 */
import yargs from 'yargs';
import { errorMessage } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { analyzeCommand } from './commands/analyze.js';
import { codesCommand } from './commands/codes.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { queryCommand } from './commands/query.js';
import { ingestCommand } from './commands/ingest.js';
import { reportCommand } from './commands/report.js';
import { parseCommand } from './commands/parse.js';
import { EXIT_ERROR, EXIT_OK, printError, processIo, STDIN_ARG, type CliContext, type CliIo } from './context.js';

/** Options whose value may be `-` (stdout); yargs would take a lone `-` as a positional. */
const DASH_VALUE_OPTIONS = new Set(['--json', '--html', '--output', '-o']);

/**
 * yargs drops a lone `-` from positional arrays, so `-` meaning stdin is swapped for
 * a sentinel that cannot occur in a real argv (it holds a NUL) and swapped back by
 * the commands; `--json -` is joined into `--json=-`.
 */
export function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (DASH_VALUE_OPTIONS.has(argv[i]) && argv[i + 1] === '-') {
      out.push(`${argv[i]}=-`);
      i++;
    } else out.push(argv[i] === '-' ? STDIN_ARG : argv[i]);
  }
  return out;
}

/** Options that may be given more than once, each value kept. */
const REPEATABLE = new Set(['--fail-on']);
const SHORT_NAMES = new Map([['-q', '--quiet'], ['-o', '--output'], ['-h', '--help']]);

/**
 * The first option argv gives twice, unless it is repeatable; null when none is.
 * yargs would hand the command both values as an array, which the option's reader does
 * not expect (`--to X --to Y`: "value.trim is not a function"), and it adds a repeated
 * number 1 to the one before it (`--top 50 --top 1` is 51), so a repeated option is
 * refused, naming it, rather than read as something the user did not write.
 */
export function repeatedOption(argv: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const arg of argv) {
    if (arg === '--') break;
    // Not options: a lone dash (stdin) and negative numbers given as values.
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
    const name = SHORT_NAMES.get(arg) ?? arg.split('=')[0];
    if (REPEATABLE.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

export async function main(rawArgv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const repeated = repeatedOption(rawArgv);
  if (repeated !== null) {
    printError(io, `${repeated} was given more than once; give it once (see logcodes --help)`);
    return EXIT_ERROR;
  }
  const argv = joinDashValues(rawArgv);
  let exitCode = EXIT_OK;
  const context: CliContext = { io, exit: (code) => { exitCode = Math.max(exitCode, code); } };
  const parser = yargs([...argv])
    .scriptName('logcodes')
    .usage('$0 <command> [options]\n\nWhat your access logs say about HTTP status codes.')
    .command(analyzeCommand(context))
    .command(ingestCommand(context))
    .command(reportCommand(context))
    .command(exportCommand(context))
    .command(queryCommand(context))
    .command(parseCommand(context))
    .command(codesCommand(context))
    .command(demoCommand(context))
    .demandCommand(1, 'Name a command: analyze, ingest, report, export, query, parse, codes, demo')
    .epilogue('Exit codes: 0 ok, 1 error (bad arguments, unreadable input, busy database), 2 a --fail-on threshold was breached, 130/143 interrupted, 141 stdout closed early.')
    .strict()
    // Options are written with dashes only: no camelCase twin to accept, or to list twice
    // in an "Unknown arguments" error.
    .parserConfiguration({ 'camel-case-expansion': false })
    .exitProcess(false)
    // Every message of the tool is English; yargs's own would follow LANG and mix two
    // languages in one line. (The CLI bundle carries yargs but not its locale files.)
    .locale('en')
    .version(TOOL_VERSION)
    .help()
    // yargs lays out the running command's help text after starting its handler, shown
    // or not (about 20 ms before an analyze reads its first chunk); wrapping it to the
    // terminal is most of that, so only a run that prints help wraps.
    .wrap(argv.some((arg) => arg === '--help' || arg === '-h') ? Math.min(110, process.stdout.columns ?? 100) : null);
  try {
    await parser.parseAsync([...argv], {}, (error, _args, output) => {
      if (error?.name === 'YError') {
        // A bad command line: one line, as for every other error; the full help is one --help away.
        printError(io, `${error.message.replace(/\s*\n\s*/g, ' ')} (see logcodes --help)`);
      } else if (output) io.stdout.write(output + '\n');
      // A command's own failure arrives here and again as the rejection caught below.
      if (error) exitCode = Math.max(exitCode, EXIT_ERROR);
    });
  } catch (error) {
    printError(io, errorMessage(error));
    return EXIT_ERROR;
  }
  return exitCode;
}
