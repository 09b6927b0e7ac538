/**
 * The stage after reading: holds back the first units of an input until its format
 * is known, then parses each unit (a line, or an element of a JSON array) and sends
 * records to the sink. Every unit ends up counted as a record, malformed or skipped.
 */
import { detectFormat, detectValueFormat, PARSERS, type Detection } from '../../parsers/registry.js';
import type { LogParser, ParseResult, RequestRecord } from '../../parsers/types.js';
import { recordMalformed, type InputInfo } from './info.js';

export interface RecordSink {
  /** May return a promise to apply backpressure (the parse command writing to a pipe). */
  append(record: RequestRecord, input: string, line: number): void | Promise<void>;
  /**
   * Everything up to this line boundary has been appended: a sink with a ledger may
   * commit here, so that a killed run resumes exactly at the last commit.
   */
  checkpoint?(position: { offset: number; lines: number }, info: InputInfo): Promise<void>;
}

/** A sink with a ledger is offered a commit point every this many lines by default. */
export const DEFAULT_CHECKPOINT_LINES = 250_000;

/** Units of an input looked at before its format is chosen. */
export const DETECTION_SAMPLE_LINES = 50;

/** The one-line error for an input no parser fits, naming the closest candidate. */
export function undetectedFormatError(path: string, detection: Detection, sampled: number, what: 'lines' | 'JSON array elements'): string {
  const best = Object.entries(detection.scores).sort((a, b) => b[1] - a[1])[0];
  const guess = best ? ` (closest: ${best[0]}, ${Math.round(best[1] * 100)}% of them)` : '';
  return `${path}: could not detect the log format from the first ${sampled} ${what}${guess}; use --format`;
}

/** The one-line error for a JSON array read with a forced format that reads lines only (`--format nginx` on a Logpush batch). */
export function notAnArrayFormatError(path: string, format: string): string {
  const readers = PARSERS.filter((p) => p.parseValue !== undefined).map((p) => p.name).join(' and ');
  return `${path}: a JSON array, which the ${format} format does not read (--format ${format}); ${readers} read JSON arrays`;
}

interface Pending<T> { no: number; unit: T }

export class RecordRouter<T> {
  private readonly pending: Pending<T>[] = [];
  private parser: LogParser | null;

  /** True once the format is known and every line so far has reached the sink. */
  get decided(): boolean {
    return this.parser !== null && this.pending.length === 0;
  }

  constructor(
    private readonly info: InputInfo,
    private readonly sink: RecordSink,
    forced: LogParser | undefined,
    private readonly candidates: readonly LogParser[] | undefined,
    private readonly kind: 'line' | 'value',
  ) {
    this.parser = forced ?? null;
    if (forced !== undefined) {
      info.format = forced.name;
      info.detectedBy = 'option';
    }
  }

  /** False once the input has failed (no format fits); the caller stops reading. */
  async push(unit: T, no: number): Promise<boolean> {
    if (this.parser !== null) {
      if (this.kind === 'value' && this.parser.parseValue === undefined) {
        this.info.error = notAnArrayFormatError(this.info.path, this.parser.name);
        return false;
      }
      await this.handle(this.parser, unit, no);
      return true;
    }
    this.pending.push({ no, unit });
    return this.pending.length < DETECTION_SAMPLE_LINES || (await this.decide());
  }

  /** Decides on whatever sample there is at the end of a short input. */
  async finish(): Promise<void> {
    if (this.parser === null && this.pending.length > 0 && this.info.error === null) await this.decide();
  }

  private parse(parser: LogParser, unit: T): ParseResult {
    return this.kind === 'line' ? parser.parse(unit as string) : parser.parseValue!(unit);
  }

  private async handle(parser: LogParser, unit: T, no: number): Promise<void> {
    const result = this.parse(parser, unit);
    if (result.ok) {
      this.info.records++;
      const backpressure = this.sink.append(result.record, this.info.path, no);
      if (backpressure !== undefined) await backpressure;
    } else if (result.code === 'OTHER_RECORD_TYPE') {
      this.info.skipped++;
    } else {
      const text = this.kind === 'line' ? (unit as string) : JSON.stringify(unit) ?? String(unit);
      recordMalformed(this.info, no, text, result.code, result.reason);
    }
  }

  private async decide(): Promise<boolean> {
    const sample = this.pending.map((p) => p.unit);
    const detection = this.kind === 'line'
      ? detectFormat(sample as string[], this.candidates)
      : detectValueFormat(sample, this.candidates);
    if (detection.parser === null) {
      this.info.error = undetectedFormatError(this.info.path, detection, sample.length, this.kind === 'line' ? 'lines' : 'JSON array elements');
      return false;
    }
    const parser = detection.parser;
    this.parser = parser;
    this.info.format = parser.name;
    this.info.detectedBy = 'detection';
    for (const p of this.pending) await this.handle(parser, p.unit, p.no);
    this.pending.length = 0;
    return true;
  }
}
