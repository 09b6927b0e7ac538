/**
 * A parse worker's rehearsal: before its first chunk of a format, the worker parses a
 * few hundred of the chunk's own lines and broken copies of some of them, and throws
 * the result away (chunk-parser.ts `rehearse`).
 *
 * Why: V8 optimizes the parse loop after the first thousand-odd lines, with type
 * feedback only for the paths those lines took. A malformed line, a non-ASCII field or
 * a redirect arriving later has no feedback, so V8 throws the optimized code away and
 * compiles it again, up to five times per worker (`--trace-deopt`). Rehearsed, the
 * first optimization already covers them: the first twenty chunks of an nginx worker
 * took 355-362 ms, with the rehearsal 323-330 ms including it, and a 2M-line nginx
 * analyze 1.91 -> 1.82 s (docs/performance.md, ninth round). Nothing of the rehearsal
 * reaches a result.
 */

/** Lines of the chunk rehearsed as they are. */
const LINES = 300;
/** Of those, the first ones also rehearsed broken. */
const BROKEN = 40;
/** Bytes of the chunk looked at, and the longest line rehearsed. */
const SCAN_BYTES = 256 * 1024;
const LONGEST = 16 * 1024;

/** The first time of day of a line (nginx, ALB and Cloudflare times alike), after the character before it. */
const TIME_OF_DAY = /(\D)\d\d:\d\d:\d\d/;

/**
 * The rehearsal's lines as bytes: up to LINES whole lines from the start of the chunk,
 * then copies of the first BROKEN of them cut short (half, 20 bytes), with junk before
 * them, with a non-number where a status would be, with non-ASCII bytes that are not
 * UTF-8 in front, and with an impossible time of day (`99:99:99`); a copy of each at the
 * day's last second, whose microseconds no longer fit a small integer (arithmetic
 * compiled on a log's first times only is thrown away when they stop fitting); then the
 * first lines once more, so that the compiled code also sees ordinary lines after broken
 * ones. Bytes are kept as Latin-1, one per character.
 */
export function rehearsalBytes(chunk: Uint8Array): Buffer {
  const head = Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, SCAN_BYTES)).toString('latin1');
  const lines = head.split('\n').slice(0, LINES + 1);
  lines.pop(); // the last piece may be cut at SCAN_BYTES
  const whole = lines.filter((line) => line.length <= LONGEST);
  const broken = whole.slice(0, BROKEN).flatMap((line) => [
    line.slice(0, line.length >> 1),
    line.slice(0, 20),
    `x${line}`,
    line.replace(/ \d{3} /, ' OK '),
    `\u00fc\u00d2${line.slice(3)}`,
    line.replace(TIME_OF_DAY, '$199:99:99'),
    line.replace(TIME_OF_DAY, '$123:59:59'),
  ]);
  const text = [...whole, ...broken, ...whole.slice(0, LINES / 3)].join('\n');
  return Buffer.from(text.length > 0 ? `${text}\n` : '', 'latin1');
}
