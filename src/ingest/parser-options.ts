/**
 * Turns the format options of the command line (or library call) into the parser a
 * run forces and the parsers detection chooses from.
 */
import { compileNginxLogFormat } from '../../parsers/nginx-format.js';
import { createNginxJsonParser, parseFieldMap } from '../../parsers/nginx-json.js';
import { PARSERS } from '../../parsers/registry.js';
import type { LogParser } from '../../parsers/types.js';
import { errorMessage, LogcodesError } from '../errors.js';

export interface FormatOptions {
  /** A parser name, or `auto`/undefined to detect per input. */
  format?: string;
  /** `--field-map status=resp_code,...` for nginx JSON logs. */
  fieldMap?: string;
  /** `--nginx-log-format '<log_format from nginx.conf>'`. */
  nginxLogFormat?: string;
}

export interface ParserChoice {
  forced?: LogParser;
  candidates: readonly LogParser[];
}

export const FORMAT_NAMES = ['auto', ...PARSERS.map((p) => p.name), 'nginx-custom'];

export function chooseParsers(options: FormatOptions): ParserChoice {
  let candidates: LogParser[] = [...PARSERS];
  if (options.fieldMap !== undefined) {
    let jsonParser: LogParser;
    try {
      jsonParser = createNginxJsonParser(parseFieldMap(options.fieldMap));
    } catch (error) {
      throw new LogcodesError('INVALID_ARGUMENT', errorMessage(error));
    }
    candidates = candidates.map((p) => (p.name === jsonParser.name ? jsonParser : p));
  }
  if (options.nginxLogFormat !== undefined) {
    let custom: LogParser;
    try {
      custom = compileNginxLogFormat(options.nginxLogFormat);
    } catch (error) {
      throw new LogcodesError('INVALID_ARGUMENT', `--nginx-log-format: ${errorMessage(error)}`);
    }
    // First, so that it wins ties with the built-in nginx format it may resemble.
    candidates = [custom, ...candidates];
  }
  const format = options.format;
  if (format === undefined || format === 'auto') return { candidates };
  const forced = candidates.find((p) => p.name === format);
  if (forced === undefined) {
    const hint = format === 'nginx-custom' ? ' (give --nginx-log-format)' : '';
    throw new LogcodesError('UNKNOWN_FORMAT', `unknown format "${format}"${hint}; known: ${FORMAT_NAMES.join(', ')}`);
  }
  return { forced, candidates };
}
