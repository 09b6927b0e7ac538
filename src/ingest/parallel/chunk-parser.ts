/**
 * Parses a chunk of whole lines into a Parquet row group for the bulk loader, with the same
 * rules and counters as the line-by-line path (ingest-input.ts + record-router.ts):
 * lines are cut by lines.ts, blank lines are counted, lines longer than the limit are
 * malformed (their sample is their first maxLineBytes bytes, as LineGuard passes them),
 * other failures are malformed by their code, and OTHER_RECORD_TYPE lines are skipped.
 * Pure: runs inside the workers. The parallel reader numbers a chunk's lines from 1 and
 * moves them to their place in the input once the chunks before it are counted.
 *
 * A parser with a byte-level `scan` reads each line in place and its fields are copied
 * to the row group without decoding; a line is decoded to text only when it is malformed
 * (for the sample). Other parsers get each line as a string.
 */
import { ScannedRecord } from '../../../parsers/scanned-record.js';
import type { LogParser, ParseErrorCode, ScanFailure } from '../../../parsers/types.js';
import type { OmittableField } from '../../store/row-group-encoder.js';
import { SplitEncoder, type StagedGroup } from '../../store/row-group-split.js';
import { countMalformed, type MalformedCounters } from '../info.js';
import { isBlankBytes, lineEnd, overLimit, withoutCr } from '../lines.js';
import { rehearsalBytes } from './rehearsal.js';
import { tokenMemory } from '../../../parsers/token-memory.js';

export interface ChunkStats extends MalformedCounters {
  lines: number;
  blank: number;
  records: number;
  skipped: number;
}

export interface ParsedChunk extends ChunkStats {
  /** The records as row groups of a staging file, one per kind that has rows (row-group-split.ts). */
  groups: StagedGroup[];
}

const scanned = new ScannedRecord();
let rows = new SplitEncoder();

/** From now on, chunks are staged without these fields (SplitEncoder). */
export function omitFields(omitted: readonly OmittableField[]): void {
  rows = new SplitEncoder(omitted);
}

/**
 * Parses the rehearsal of a chunk (rehearsal.ts) and throws the result away: only the
 * compiled code it leaves behind is kept (every parse finishes with an empty encoder).
 */
export function rehearse(chunk: Uint8Array, parser: LogParser, maxLineBytes: number): void {
  try {
    parseChunk(rehearsalBytes(chunk), 1, parser, maxLineBytes);
  } catch {
    // A rehearsal only warms code up: whatever went wrong in it, the chunk itself decides.
  }
}

/** output: where to write the row groups (a recycled buffer), used while it has room. */
export function parseChunk(bytes: Uint8Array, firstLine: number, parser: LogParser, maxLineBytes: number, output?: Buffer): ParsedChunk {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stats: ChunkStats = { lines: 0, blank: 0, records: 0, malformed: 0, skipped: 0, malformedByCode: {}, samples: [] };
  /** text: the line, when the parser already had it decoded. */
  const failed = (line: number, from: number, to: number, failure: ScanFailure, text?: string): void => {
    if (failure.code === 'OTHER_RECORD_TYPE') stats.skipped++;
    else bad(line, text ?? buf.toString('utf8', from, to), failure.code, failure.reason);
  };
  const bad = (line: number, text: string, code: ParseErrorCode, reason: string): void => countMalformed(stats, line, text, code, reason);
  /** A line over the limit: its sample is its first maxLineBytes bytes, as LineGuard passes them. */
  const tooLong = (line: number, start: number): void =>
    bad(line, buf.toString('utf8', start, withoutCr(buf, start, start + maxLineBytes)), 'LINE_TOO_LONG', `line longer than ${maxLineBytes} bytes`);
  let line = firstLine - 1;
  // The tokenizer copies the chunk's lines into its memory a window at a time (token-memory.ts).
  const memory = tokenMemory();
  memory.openChunk(buf);
  try {
    // A loop rather than eachLineRange and a closure: a new closure per chunk is a new
    // call target, and V8 threw away and recompiled the whole inlined parse for it.
    for (let next = 0; next < buf.length;) {
      const start = next;
      const newline = lineEnd(buf, start);
      next = newline + 1;
      const end = withoutCr(buf, start, newline);
      line++;
      stats.lines++;
      if (isBlankBytes(buf, start, end)) stats.blank++;
      else if (overLimit(start, newline, maxLineBytes)) tooLong(line, start);
      else if (parser.scan !== undefined) {
        const failure = parser.scan(buf, start, end, scanned);
        if (failure === null) rows.addScanned(scanned, line);
        else failed(line, start, end, failure);
      } else {
        const text = buf.toString('utf8', start, end);
        const result = parser.parse(text);
        if (result.ok) rows.addRecord(result.record, line);
        else failed(line, start, end, result, text);
      }
    }
  } finally {
    memory.closeChunk();
  }
  stats.records = rows.rows;
  return { ...stats, groups: rows.finish(output) };
}
