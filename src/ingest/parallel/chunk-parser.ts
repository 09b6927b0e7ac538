/**
 * Parses a chunk of whole lines into CSV rows for the bulk loader, with the same
 * rules and counters as the line-by-line path (ingest-input.ts + record-router.ts):
 * lines are cut by lines.ts, blank lines are counted, lines
 * that were too long are malformed, other failures are malformed by their code, and
 * OTHER_RECORD_TYPE lines are skipped. Pure: used inside the worker threads.
 */
import type { LogParser, ParseErrorCode } from '../../../parsers/types.js';
import { csvRow } from '../../store/bulk-writer.js';
import { countMalformed, type MalformedCounters } from '../info.js';
import { eachLine, isBlank } from '../lines.js';

export interface ChunkStats extends MalformedCounters {
  lines: number;
  blank: number;
  records: number;
  skipped: number;
}

export interface ParsedChunk extends ChunkStats {
  csv: Buffer;
}

export function parseChunk(bytes: Uint8Array, firstLine: number, oversized: readonly number[], parser: LogParser, maxLineBytes: number): ParsedChunk {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tooLong = new Set(oversized);
  const stats: ChunkStats = { lines: 0, blank: 0, records: 0, malformed: 0, skipped: 0, malformedByCode: {}, samples: [] };
  // Rows are encoded straight into one buffer (never from Node's shared pool, so that it
  // can be transferred): an array of row strings joined at the end kept the worker's
  // garbage collector busier than its parser.
  let out = Buffer.allocUnsafeSlow(Math.max(4096, bytes.byteLength * 2));
  let used = 0;
  const bad = (line: number, text: string, code: ParseErrorCode, reason: string): void => countMalformed(stats, line, text, code, reason);
  let line = firstLine - 1;
  eachLine(buf, (text) => {
    line++;
    stats.lines++;
    if (isBlank(text)) { stats.blank++; return; }
    if (tooLong.has(line)) {
      bad(line, text, 'LINE_TOO_LONG', `line longer than ${maxLineBytes} bytes`);
      return;
    }
    const result = parser.parse(text);
    if (result.ok) {
      stats.records++;
      const row = csvRow(result.record, line);
      if (used + row.length * 3 > out.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, used + row.length * 3));
        out.copy(bigger, 0, 0, used);
        out = bigger;
      }
      used += out.write(row, used, 'utf8');
    } else if (result.code === 'OTHER_RECORD_TYPE') {
      stats.skipped++;
    } else {
      bad(line, text, result.code, result.reason);
    }
  });
  return { ...stats, csv: out.subarray(0, used) };
}
