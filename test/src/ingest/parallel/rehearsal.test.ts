import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parserByName } from '../../../../parsers/registry.js';
import { omitFields, parseChunk, rehearse } from '../../../../src/ingest/parallel/chunk-parser.js';
import { rehearsalBytes } from '../../../../src/ingest/parallel/rehearsal.js';

const NGINX = readFileSync(new URL('../../../../samples/nginx-access.log', import.meta.url));

describe("a parse worker's rehearsal", () => {
  it('is the first 300 whole lines, seven copies of each of the first 40, then the first 100 again', () => {
    const lines = rehearsalBytes(NGINX).toString('latin1').split('\n');
    expect(lines.pop()).toBe('');
    const original = NGINX.toString('latin1').split('\n');
    expect(lines.length).toBe(300 + 40 * 7 + 100);
    expect(lines.slice(0, 300)).toEqual(original.slice(0, 300));
    const first = original[0];
    expect(lines.slice(300, 307)).toEqual([
      first.slice(0, first.length >> 1), first.slice(0, 20), `x${first}`, first.replace(/ \d{3} /, ' OK '), `\u00fc\u00d2${first.slice(3)}`,
      first.replace('2026:07:00:03', '2026:99:99:99'), first.replace('2026:07:00:03', '2026:23:59:59'),
    ]);
    expect(lines.slice(580)).toEqual(original.slice(0, 100));
  });

  it('keeps bytes that are not UTF-8 as they are, and leaves out a cut last line and very long lines', () => {
    const long = 'y'.repeat(20_000);
    const chunk = Buffer.concat([Buffer.from([0xff, 0x41, 0x0a]), Buffer.from(`${long}\nshort\nunfinished`)]);
    const bytes = rehearsalBytes(chunk);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0x41, 0x0a]);
    const lines = bytes.toString('latin1').split('\n');
    expect(lines).not.toContain(long);
    expect(lines).not.toContain('unfinished');
    expect(lines.slice(0, 2)).toEqual(['\u00ffA', 'short']);
    expect(rehearsalBytes(Buffer.from('no newline at all')).length).toBe(0);
    expect(rehearsalBytes(Buffer.alloc(0)).length).toBe(0);
  });

  it('leaves the next chunk\'s rows, counts and samples as they would have been', () => {
    const parser = parserByName('nginx')!;
    const chunk = Buffer.concat([NGINX, Buffer.from('not a log line\n')]);
    omitFields([]);
    const plain = parseChunk(chunk, 1, parser, 4096);
    rehearse(chunk, parser, 4096);
    const after = parseChunk(chunk, 1, parser, 4096);
    const comparable = (r: typeof plain) => ({ ...r, groups: r.groups.map((g) => ({ kind: g.kind, layout: g.layout, bytes: Buffer.from(g.bytes).toString('base64') })) });
    expect(comparable(after)).toEqual(comparable(plain));
    expect(after.records).toBe(3924);
    expect(after.malformed).toBe(9);
  });
});
