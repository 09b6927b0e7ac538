import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ByteTokens } from '../../parsers/byte-tokens.js';
import { tokenMemory } from '../../parsers/token-memory.js';
import { MAX_LINE_BYTES_LIMIT } from '../../src/ingest/line-guard.js';
import { seededRandom } from '../helpers.js';

/** Every line's token texts, read one line at a time. */
function tokensOf(tokens: ByteTokens, bytes: Buffer, lines: readonly [number, number][]): (string[] | null)[] {
  return lines.map(([start, end]) => (tokens.read(bytes, start, end) ? Array.from({ length: tokens.count }, (_, k) => tokens.text(k)) : null));
}

function lineRanges(bytes: Buffer): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(10, start);
    const end = newline < 0 ? bytes.length : newline;
    ranges.push([start, end]);
    start = end + 1;
  }
  return ranges;
}

describe('tokenMemory', () => {
  it('reads an open chunk\'s lines from windows of it as it reads them one by one', () => {
    const random = seededRandom(11);
    // Lines short and long (one longer than a window), so that windows end inside lines and a line needs a window of its own.
    const lines = Array.from({ length: 3000 }, (_, i) => i === 1500
      ? `long "${'x'.repeat(40_000)}" [end]`
      : `${i} "GET /p/${'a'.repeat(random(300))} HTTP/1.1" [t${i}] k="v ${i}"${random(5) === 0 ? ' "open' : ''}`);
    const bytes = Buffer.from(lines.join('\n'));
    const ranges = lineRanges(bytes);
    const tokens = new ByteTokens();
    const alone = tokensOf(tokens, bytes, ranges);
    const memory = tokenMemory();
    memory.openChunk(bytes);
    let windowed: (string[] | null)[];
    try {
      windowed = tokensOf(tokens, bytes, ranges);
    } finally {
      memory.closeChunk();
    }
    expect(windowed).toEqual(alone);
    expect(alone[1500]?.[1].length).toBe(40_000);
    expect(alone.filter((t) => t === null).length).toBeGreaterThan(400);
    const read = alone.findIndex((t, i) => t !== null && i > 0);
    expect(alone[read]?.slice(0, 1)).toEqual([String(read)]);
  });

  it('copies a closed chunk\'s lines again: a buffer changed after its chunk closed is read as it is now', () => {
    const tokens = new ByteTokens();
    const bytes = Buffer.from('first "line"\nsecond line');
    const memory = tokenMemory();
    memory.openChunk(bytes);
    expect(tokens.read(bytes, 0, 12) && tokens.text(1)).toBe('line');
    memory.closeChunk();
    bytes.write('FIRST "LINE"', 0);
    expect(tokens.read(bytes, 0, 12) && [tokens.text(0), tokens.text(1)]).toEqual(['FIRST', 'LINE']);
  });

  it('copies lines of other buffers on their own while a chunk is open, and the chunk\'s after them', () => {
    const tokens = new ByteTokens();
    const chunk = Buffer.from('a "b"\nc [d]');
    const other = Buffer.from('x "y z"');
    const memory = tokenMemory();
    memory.openChunk(chunk);
    try {
      expect(tokensOf(tokens, chunk, [[0, 5]])).toEqual([['a', 'b']]);
      expect(tokensOf(tokens, other, [[0, 7]])).toEqual([['x', 'y z']]);
      expect(tokensOf(tokens, chunk, [[6, 11], [0, 5]])).toEqual([['c', 'd'], ['a', 'b']]);
    } finally {
      memory.closeChunk();
    }
  });
});

describe('the tokenizer memory\'s size', () => {
  it('holds the longest line an ingest parses without growing, and grows for a longer one', () => {
    const tokens = new ByteTokens();
    const memory = tokenMemory();
    const before = memory.generation;
    // MAX_LINE_BYTES_LIMIT (src/ingest/line-guard.ts): growing would slow the thread's typed arrays for good.
    const longest = Buffer.from(`a "${'x'.repeat(MAX_LINE_BYTES_LIMIT - 4)}"`);
    expect(longest.length).toBe(MAX_LINE_BYTES_LIMIT);
    expect(tokens.read(longest, 0, longest.length) && tokens.to[1] - tokens.from[1]).toBe(MAX_LINE_BYTES_LIMIT - 4);
    expect(memory.generation).toBe(before);
    const longer = Buffer.from(`b [${'y'.repeat(MAX_LINE_BYTES_LIMIT)}]`);
    expect(tokens.read(longer, 0, longer.length) && [tokens.text(0), tokens.to[1] - tokens.from[1]]).toEqual(['b', MAX_LINE_BYTES_LIMIT]);
    expect(memory.generation).toBe(before + 1);
    expect(tokens.read(longest, 0, 1) && tokens.text(0)).toBe('a');
  });
});

describe('without WebAssembly (node --jitless)', () => {
  const dist = new URL('../../dist/parsers/nginx.js', import.meta.url).href;
  const run = (code: string) => spawnSync(process.execPath, ['--jitless', '--input-type=module', '-e', code], { encoding: 'utf8' });

  it('loads the parsers, and says why a line cannot be tokenized', () => {
    const loaded = run(`await import(${JSON.stringify(dist)}); console.log('loaded')`);
    expect(loaded.stdout.trim()).toBe('loaded');
    const parsed = run(`const m = await import(${JSON.stringify(dist)}); try { m.parseNginxLine('a - - [x] "GET / HTTP/1.1" 200 1 "-" "-"'); } catch (e) { console.log(e.message); }`);
    expect(parsed.stdout.trim()).toBe('the nginx and ALB tokenizer needs WebAssembly, which this node does not provide (started with --jitless?)');
  });

  it('reads JSON lines all the same, through JSON.parse', () => {
    const cloudflare = new URL('../../dist/parsers/cloudflare.js', import.meta.url).href;
    const line = JSON.stringify({ ClientRequestMethod: 'GET', ClientRequestURI: '/a?b=1', EdgeResponseStatus: 503, EdgeStartTimestamp: '2026-11-01T10:00:00Z', ClientIP: '192.0.2.1' });
    const parsed = run(`const { cloudflareParser } = await import(${JSON.stringify(cloudflare)}); const r = cloudflareParser.parse(${JSON.stringify(line)}); console.log(JSON.stringify([r.ok, r.record?.status, r.record?.path, r.record?.client_ip]))`);
    expect(parsed.stderr).not.toMatch(/Error/);
    expect(JSON.parse(parsed.stdout)).toEqual([true, 503, '/a', '192.0.2.1']);
  });
});
