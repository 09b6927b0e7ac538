import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { formatBytes } from '../../../src/report/format.js';
import { INPUTS_LISTED, renderText } from '../../../src/report/render-text.js';
import { tempDir } from '../../helpers.js';

const line = (i: number): string => `203.0.113.${i % 250} - - [26/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /items/${i} HTTP/1.1" 200 512 "-" "curl/8.5"`;
const lines = (from: number, count: number): string => Array.from({ length: count }, (_, i) => line(from + i)).join('\n') + '\n';

/** The header's input lines of a report over `files` (name → content). */
async function inputLinesOf(files: Record<string, string>): Promise<string[]> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const { report } = await analyze({ inputs: [dir], workers: 0 });
  const text = renderText(report, { color: false, top: 5 });
  return text.split('\n').slice(1).filter((l) => l.startsWith('  ') && l.includes(' lines, ')).map((l) => l.replace(`${dir}/`, ''));
}

describe('the inputs in the terminal report', () => {
  it('lists each input while there are few', async () => {
    const files = Object.fromEntries(Array.from({ length: INPUTS_LISTED }, (_, i) => [`a${i}.log`, lines(i * 10, 10)]));
    expect(await inputLinesOf(files)).toEqual(Object.entries(files).map(([name, text]) =>
      `  ${name} (nginx): 10 records, 0 malformed, 10 lines, ${formatBytes(Buffer.byteLength(text))}`));
  });

  it('with many, lists those worth a look and a lone one of its kind, and counts the rest by kind', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`clean-${i}.log`] = lines(i * 10, 10);
    files['broken.log'] = lines(100, 3) + 'not a log line at all\n';
    files['other.log'] = '{"time_local":"26/Nov/2026:10:00:00 +0000","remote_addr":"203.0.113.9","request":"GET /x HTTP/1.1","status":"200","body_bytes_sent":"1"}\n'.repeat(3);
    const listed = await inputLinesOf(files);
    expect(listed).toHaveLength(3);
    expect(listed).toContain(`  broken.log (nginx): 3 records, 1 malformed, 4 lines, ${formatBytes(Buffer.byteLength(files['broken.log']))}`);
    expect(listed.some((l) => l.startsWith('  other.log (nginx-json): 3 records, 0 malformed, 3 lines'))).toBe(true);
    const clean = Object.entries(files).filter(([name]) => name.startsWith('clean-')).reduce((n, [, text]) => n + Buffer.byteLength(text), 0);
    expect(listed).toContain(`  6 other inputs (nginx): 60 records, 0 malformed, 60 lines, ${formatBytes(clean)}`);
  });
});
