import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/codes/catalog.js';
import { describeCode, listCodes, statusClass } from '../../../src/codes/registry.js';

describe('status-code registry', () => {
  it('holds every code listed in the seed guide', () => {
    // The numbers listed in shared/seed/api-status-codes-guide.txt, extracted once.
    const listed = readFileSync(new URL('../../fixtures/guide-codes.txt', import.meta.url), 'utf8').trim().split(/\s+/).map(Number);
    expect(listed.length).toBeGreaterThan(80);
    const known = new Set(CATALOG.map((row) => row[0]));
    expect(listed.filter((code) => !known.has(code))).toEqual([]);
  });

  it('gives every entry a class, name, vendor and meaning', () => {
    for (const row of CATALOG) {
      const info = describeCode(row[0]);
      expect(info.class).toMatch(/^\dxx$/);
      expect(row[2].length).toBeGreaterThan(1);
      expect(row[3].length).toBeGreaterThan(10);
    }
  });

  it('says which vendor a shared number belongs to, by log format', () => {
    expect(describeCode(561)).toMatchObject({ vendor: 'aws-elb', name: 'Unauthorized', class: '5xx', known: true });
    expect(describeCode(499, ['nginx'])).toMatchObject({ vendor: 'nginx', name: 'Client Closed Request' });
    expect(describeCode(530, ['cloudflare']).vendor).toBe('cloudflare');
    expect(describeCode(530, ['cloudflare']).meanings.map((m) => m.vendor)).toEqual(['cloudflare', 'pantheon']);
    expect(describeCode(0, ['alb']).vendor).toBe('aws-elb');
    expect(describeCode(0, ['nginx']).vendor).toBe('nginx');
    expect(describeCode(404).vendor).toBe('standard');
  });

  it('keeps unknown numeric codes as themselves, classed by first digit', () => {
    expect(describeCode(299)).toMatchObject({ code: 299, class: '2xx', known: false, vendor: 'unknown' });
    expect(describeCode(999).class).toBe('9xx');
    expect(statusClass(0)).toBe('0xx');
  });

  it('lists codes by vendor and class', () => {
    expect(listCodes({ vendor: 'cloudflare' }).map((c) => c.code)).toEqual([499, 520, 521, 522, 523, 524, 525, 526, 527, 529, 530]);
    expect(listCodes({ vendor: 'aws' }).map((c) => c.code)).toEqual([0, 460, 463, 464, 561]);
    const fourxx = listCodes({ class: '4xx' });
    expect(fourxx.every((c) => c.class === '4xx')).toBe(true);
    expect(fourxx.map((c) => c.code)).toContain(444);
  });
});
