/**
 * Reads one input end to end in named stages: open (gzip sniffing) → line guard →
 * split2 → format detection on the first lines → parse → sink. A bad line is a
 * value, counted and sampled; only a failure of the input itself (missing file,
 * corrupt gzip, no detectable format) stops this input, and never the others.
 */
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import split2 from 'split2';
import { detectFormat } from '../../parsers/registry.js';
import type { LogParser, RequestRecord } from '../../parsers/types.js';
import { errorMessage } from '../errors.js';
import { newInputInfo, recordMalformed, type InputInfo } from './info.js';
import { DEFAULT_MAX_LINE_BYTES, LineGuard } from './line-guard.js';
import { openInput } from './open-input.js';

export interface RecordSink {
  append(record: RequestRecord, input: string, line: number): void;
}

export interface IngestOptions {
  /** Forced parser (`--format`); detection runs when absent. */
  parser?: LogParser;
  /** Parsers detection chooses from; the registry's table by default. */
  candidates?: readonly LogParser[];
  maxLineBytes?: number;
  stdin?: Readable;
  /** Called with the live counters as bytes are read (for progress display). */
  onProgress?: (info: InputInfo) => void;
}

/** Lines of an input looked at before its format is chosen. */
export const DETECTION_SAMPLE_LINES = 50;

interface PendingLine { lineNo: number; text: string }

export async function ingestInput(path: string, sink: RecordSink, options: IngestOptions = {}): Promise<InputInfo> {
  const info = newInputInfo(path);
  const onProgress = options.onProgress;
  let opened;
  try {
    opened = await openInput(path, options.stdin ?? process.stdin, (n) => {
      info.bytes += n;
      onProgress?.(info);
    });
  } catch (error) {
    info.error = errorMessage(error);
    return info;
  }
  info.gzip = opened.gzip;
  let parser: LogParser | null = options.parser ?? null;
  if (parser !== null) { info.format = parser.name; info.detectedBy = 'option'; }

  const guard = new LineGuard(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const lines = split2();
  let readError: unknown = null;
  const piped = pipeline(opened.stream, guard, lines).catch((error: unknown) => { readError ??= error; });
  const pending: PendingLine[] = [];
  let lineNo = 0;

  const handle = (active: LogParser, text: string, no: number): void => {
    const result = active.parse(text);
    if (result.ok) {
      info.records++;
      sink.append(result.record, path, no);
    } else if (result.code === 'OTHER_RECORD_TYPE') {
      info.skipped++;
    } else {
      recordMalformed(info, no, text, result.code, result.reason);
    }
  };

  /** Chooses the format from the pending sample; false when none fits. */
  const decide = (): boolean => {
    const detection = detectFormat(pending.map((p) => p.text), options.candidates);
    if (detection.parser === null) {
      const best = Object.entries(detection.scores).sort((a, b) => b[1] - a[1])[0];
      const guess = best ? ` (closest: ${best[0]}, ${Math.round(best[1] * 100)}% of lines)` : '';
      info.error = `${path}: could not detect the log format from the first ${pending.length} lines${guess}; use --format`;
      return false;
    }
    parser = detection.parser;
    info.format = parser.name;
    info.detectedBy = 'detection';
    for (const p of pending) handle(parser, p.text, p.lineNo);
    pending.length = 0;
    return true;
  };

  try {
    for await (const text of lines as AsyncIterable<string>) {
      lineNo++;
      info.lines++;
      if (isBlank(text)) { info.blank++; continue; }
      if (guard.oversized.has(lineNo)) {
        guard.oversized.delete(lineNo);
        recordMalformed(info, lineNo, text, 'LINE_TOO_LONG', `line longer than ${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES} bytes`);
        continue;
      }
      if (parser !== null) { handle(parser, text, lineNo); continue; }
      pending.push({ lineNo, text });
      if (pending.length >= DETECTION_SAMPLE_LINES && !decide()) break;
    }
  } catch (error) {
    readError ??= error;
  }
  if (info.error === null && parser === null && pending.length > 0) decide();
  if (info.error !== null) {
    lines.destroy();
    await piped;
    return info;
  }
  await piped;
  if (readError !== null) {
    info.partial = true;
    info.error = `${path}: reading stopped after line ${lineNo} (byte ${info.bytes}): ${errorMessage(readError)}`;
  }
  return info;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
