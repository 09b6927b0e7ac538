/**
 * The way out of the reporting commands: the JSON and HTML renderings where the
 * options ask (a file, or `-` for stdout), and the terminal summary unless one of
 * them took stdout.
 */
import { writeFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { errorMessage, LogcodesError } from '../errors.js';
import { renderHtml } from '../report/html/render-html.js';
import type { Report } from '../report/model.js';
import { renderJson } from '../report/render-json.js';
import { renderText } from '../report/render-text.js';
import { useColor, type CliContext, type OutStream } from './context.js';

export interface ReportTargets { json?: string; html?: string }

export function withReportTargets<T>(y: Argv<T>): Argv<T & ReportTargets> {
  return y
    .option('json', { type: 'string', describe: 'Write the JSON report to FILE, or - for stdout' })
    .option('html', { type: 'string', describe: 'Write the self-contained HTML report to FILE, or - for stdout' }) as unknown as Argv<T & ReportTargets>;
}

/** Writes every rendering asked for, and the terminal summary (top lists of `top`) when stdout is free. */
export async function outputReport(report: Report, args: ReportTargets & { top: number }, context: CliContext): Promise<void> {
  const toStdout = await writeReports(report, { json: args.json, html: args.html }, context.io.stdout);
  if (!toStdout) context.io.stdout.write(renderText(report, { color: useColor(context.io), top: args.top }));
}

async function writeReports(report: Report, targets: ReportTargets, stdout: OutStream): Promise<boolean> {
  if (targets.json === '-' && targets.html === '-') throw new LogcodesError('INVALID_ARGUMENT', 'only one of --json and --html can go to stdout');
  const renderings: [string | undefined, string, () => string][] = [
    [targets.json, 'JSON', () => renderJson(report)],
    [targets.html, 'HTML', () => renderHtml(report)],
  ];
  let toStdout = false;
  for (const [target, kind, render] of renderings) {
    if (target === undefined) continue;
    if (target === '-' || target === '') {
      stdout.write(render());
      toStdout = true;
      continue;
    }
    try {
      await writeFile(target, render());
    } catch (error) {
      throw new LogcodesError('OUTPUT_FAILED', `${target}: cannot write the ${kind} report: ${errorMessage(error)}`);
    }
  }
  return toStdout;
}
