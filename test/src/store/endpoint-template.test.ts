import { describe, expect, it } from 'vitest';
import { endpointOf, NO_REQUEST_LINE, templatedBound, templatePath } from '../../../src/store/endpoint-template.js';
import { TEMPLATE_CASES } from './endpoint-cases.js';

describe('endpoint templating', () => {
  it.each(TEMPLATE_CASES)('%s → %s', (path, expected) => {
    expect(endpointOf('GET', path)).toBe(`GET ${expected}`);
  });

  it('gives requests without a path one pseudo-endpoint, and a missing method a dash', () => {
    expect(endpointOf(null, null)).toBe(NO_REQUEST_LINE);
    expect(endpointOf('GET', null)).toBe('(no request line)');
    expect(endpointOf(null, '/users/7')).toBe('- /users/{id}');
  });

  it('writes in place, within its bound, at the offset it is given', () => {
    const path = Buffer.from('xx/1/2/3/4/5/6/7/8/9yy');
    const out = Buffer.alloc(100, 0x2a);
    const end = templatePath(path, 2, path.length - 2, out, 10);
    expect(out.toString('latin1', 10, end)).toBe('/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}');
    expect(out[9]).toBe(0x2a);
    expect(out[end]).toBe(0x2a);
    // The worst case: every other byte a digit segment.
    const worst = Buffer.from('/1'.repeat(50));
    expect(templatePath(worst, 0, worst.length, Buffer.alloc(templatedBound(worst.length)), 0)).toBe(templatedBound(worst.length));
  });

  it('keeps a long path whole', () => {
    const long = `/${'~'.repeat(5000)}/${'0f8fad5b-d9cb-469f-a165-70867728950e'.repeat(40)}/${'1'.repeat(3000)}`;
    expect(endpointOf('POST', long)).toBe(`POST /${'~'.repeat(5000)}/${'{uuid}'.repeat(40)}/{hash}`);
  });
});
