/**
 * Compiles an nginx `log_format` string into a parser (`--nginx-log-format`).
 *
 * The format is nginx's own syntax: `$var` or `${var}` for variables, anything else
 * literal (formats.md 1.4: escaping applies to variable values only, never to literal
 * text). It may be pasted as it stands in nginx.conf, with its single-quoted pieces
 * and an `escape=` parameter. Variables nginx-variables.ts knows fill the record;
 * others are matched and skipped.
 */
import { decodeNginxEscapes } from './escapes.js';
import { NGINX_VARIABLES, setterFor } from './nginx-variables.js';
import { emptyRecord, fail, shareParsed, type LogParser, type ParseResult } from './types.js';

type Escape = 'default' | 'json' | 'none';

interface Piece { literal?: string; variable?: string }

const TIME_VARIABLES = ['time_local', 'time_iso8601', 'msec'];

/** Strips `log_format name`, `escape=...` and nginx.conf quoting around the pieces. */
export function normalizeFormatText(text: string): { body: string; escape: Escape } {
  let rest = text.trim().replace(/;\s*$/, '');
  rest = rest.replace(/^log_format\s+\S+\s+/, '');
  let escape: Escape = 'default';
  const escapeMatch = /^escape=(default|json|none)\s+/.exec(rest);
  if (escapeMatch) {
    escape = escapeMatch[1] as Escape;
    rest = rest.slice(escapeMatch[0].length);
  }
  if (/^(?:'[^']*'\s*)+$/.test(rest)) rest = [...rest.matchAll(/'([^']*)'/g)].map((m) => m[1]).join('');
  return { body: rest, escape };
}

export function splitFormat(body: string): Piece[] {
  const pieces: Piece[] = [];
  const re = /\$\{(\w+)\}|\$(\w+)/g;
  let last = 0;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    if (m.index > last) pieces.push({ literal: body.slice(last, m.index) });
    pieces.push({ variable: m[1] ?? m[2] });
    last = m.index + m[0].length;
  }
  if (last < body.length) pieces.push({ literal: body.slice(last) });
  return pieces;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `$upstream_*` variables hold one value per upstream tried, joined by `, ` or ` : `
 * (ngx_http_upstream_module); unquoted, the list itself is the capture.
 */
const UPSTREAM_LIST = '([^\\s,]+(?:(?:, | : )[^\\s,]+)*)';

/** The capture for a variable, chosen by what surrounds it. */
function captureFor(variable: string, before: string | undefined, after: string | undefined): string {
  if (before?.endsWith('"') && after?.startsWith('"')) return '((?:[^"\\\\]|\\\\.)*)';
  if (before?.endsWith('[') && after?.startsWith(']')) return '([^\\]]*)';
  if (variable.startsWith('upstream_')) return UPSTREAM_LIST;
  if (after === undefined) return '(.*)';
  return '(.*?)';
}

function decodeJsonEscapes(value: string): string {
  if (value.indexOf('\\') < 0) return value;
  try {
    return JSON.parse(`"${value}"`) as string;
  } catch {
    return value;
  }
}

export function compileNginxLogFormat(formatText: string): LogParser {
  const { body, escape } = normalizeFormatText(formatText);
  const pieces = splitFormat(body);
  const variables = pieces.filter((p) => p.variable !== undefined).map((p) => p.variable!);
  if (!variables.includes('status')) throw new Error('the log format has no $status variable, so no status code can be read');
  if (!variables.some((v) => TIME_VARIABLES.includes(v))) {
    throw new Error('the log format has no time variable ($time_local, $time_iso8601 or $msec)');
  }
  let pattern = '^';
  pieces.forEach((piece, i) => {
    if (piece.literal !== undefined) pattern += escapeRegExp(piece.literal);
    else pattern += captureFor(piece.variable!, pieces[i - 1]?.literal, pieces[i + 1]?.literal);
  });
  const regex = new RegExp(pattern + '$');
  const setters = variables.map((v) => (v in NGINX_VARIABLES ? setterFor(v) : undefined));
  // `$request` first so that `$request_uri`/`$uri` refine rather than lose to it.
  const order = variables.map((_, i) => i).sort((a, b) => Number(variables[b] === 'request') - Number(variables[a] === 'request'));
  const decode = escape === 'default' ? decodeNginxEscapes : escape === 'json' ? decodeJsonEscapes : (v: string) => v;

  const parse = (line: string): ParseResult => {
    const m = regex.exec(line);
    if (m === null) return fail('NOT_THIS_FORMAT', 'line does not match the log format');
    const record = emptyRecord('nginx-custom', NaN, NaN);
    for (const i of order) {
      const setter = setters[i];
      if (setter !== undefined) setter(record, decode(m[i + 1]));
    }
    if (Number.isNaN(record.status)) return fail('BAD_STATUS', `status is not a number: ${JSON.stringify(m[variables.indexOf('status') + 1])}`);
    if (Number.isNaN(record.ts)) return fail('BAD_TIMESTAMP', 'time field could not be read');
    return { ok: true, record };
  };
  return {
    name: 'nginx-custom',
    description: `nginx log_format: ${body}`,
    detect: (sampleLines) => shareParsed(sampleLines, parse),
    parse,
  };
}
