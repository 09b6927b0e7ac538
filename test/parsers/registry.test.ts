import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, PARSERS } from '../../parsers/registry.js';
import { seededRandom } from '../helpers.js';

const lines = (path: string, n = 50): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(0, n);
const NGINX = '203.0.113.9 - - [01/Nov/2026:10:00:00 +0000] "GET /users/42 HTTP/1.1" 404 12 "-" "curl/8.5.0"';

describe('format detection over the table of parsers', () => {
  it('stops at the first format that parses the whole sample', () => {
    const detection = detectFormat(lines('samples/nginx-access.log'));
    expect(detection.parser?.name).toBe('nginx');
    expect(detection.score).toBe(1);
    // nginx is first in the table: no other format was tried.
    expect(Object.keys(detection.scores)).toEqual(['nginx']);
  });

  it('tries the formats in table order until one parses everything', () => {
    const detection = detectFormat(lines('samples/nginx-json-access.log'));
    expect(detection.parser?.name).toBe('nginx-json');
    const tried = Object.keys(detection.scores);
    expect(tried).toEqual(PARSERS.slice(0, tried.length).map((p) => p.name));
    expect(detection.scores['nginx']).toBe(0);
  });

  it('weighs every format when none parses the whole sample, and keeps the best', () => {
    const sample = [NGINX, NGINX, NGINX, 'not a log line'];
    const detection = detectFormat(sample);
    expect(detection.parser?.name).toBe('nginx');
    expect(detection.score).toBe(0.75);
    expect(Object.keys(detection.scores)).toEqual(PARSERS.map((p) => p.name));
  });

  it('names no format below the threshold, with every score for the error message', () => {
    const detection = detectFormat(['hello', 'world']);
    expect(detection.parser).toBeNull();
    expect(Object.values(detection.scores)).toEqual(PARSERS.map(() => 0));
  });
});

describe('every parser in the table', () => {
  const SAMPLES: Record<string, string> = {
    nginx: 'samples/nginx-access.log',
    alb: 'samples/alb/123456789012_elasticloadbalancing_us-east-2_app.api-prod.50dc6c495c0c9188_20261124T1200Z_10.0.1.5_4f2k9xq1.log.gz',
    cloudflare: 'samples/cloudflare/http_requests_20261124.ndjson',
    'nginx-json': 'samples/nginx-json-access.log',
  };

  it('reads a line the same whatever lines came before it', () => {
    // Parsers remember what consecutive lines share (a day, a second, JSON keys); a
    // line that fails half way must not leave that memory wrong for the next. Digits
    // replaced by digits keep a line's shape and make impossible dates and times, so
    // lines are read in order and then shuffled, and each must read the same.
    for (const parser of PARSERS) {
      const file = SAMPLES[parser.name];
      const bytes = readFileSync(file);
      const base = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split('\n').filter((l) => l !== '');
      const random = seededRandom(17);
      const lines = Array.from({ length: 6000 }, () => {
        const chars = [...base[random(base.length)]];
        const digits = chars.flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
        for (let edit = 0; edit < 2 && digits.length > 0; edit++) chars[digits[random(Math.min(digits.length, 40))]] = String(random(10));
        return chars.join('');
      });
      const read = (line: string): string => {
        const result = parser.parse(line);
        return JSON.stringify(result.ok ? result.record : result.code);
      };
      const inOrder = lines.map(read);
      const shuffled = lines.map((_, i) => i);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = random(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const again = new Array<string>(lines.length);
      for (const i of shuffled) again[i] = read(lines[i]);
      const differing = lines.filter((_, i) => inOrder[i] !== again[i]);
      expect(differing, parser.name).toEqual([]);
      // Not a vacuous comparison: some lines fail, most still read.
      const failed = inOrder.filter((r) => r.startsWith('"')).length;
      expect(failed, parser.name).toBeGreaterThan(0);
      expect(failed, parser.name).toBeLessThan(lines.length / 2);
    }
  });
});
