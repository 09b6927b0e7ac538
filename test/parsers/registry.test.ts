import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, PARSERS } from '../../parsers/registry.js';

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
