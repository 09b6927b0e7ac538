/**
 * Writes the JSON and HTML renderings where the options ask: a file, or `-` for
 * stdout. Returns true when a rendering went to stdout (then no terminal summary).
 */
import { writeFile } from 'node:fs/promises';
import { errorMessage, LogcodesError } from '../errors.js';
import { renderHtml } from '../report/html/render-html.js';
import type { Report } from '../report/model.js';
import { renderJson } from '../report/render-json.js';
import type { OutStream } from './context.js';

export interface ReportTargets { json?: string; html?: string }

export async function writeReports(report: Report, targets: ReportTargets, stdout: OutStream): Promise<boolean> {
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
