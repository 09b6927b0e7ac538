import { describe, expect, it } from 'vitest';
import { endpointOf, NO_REQUEST_LINE, templatedBound, templatePath } from '../../../src/store/endpoint-template.js';

describe('endpoint templating', () => {
  const cases: [string, string][] = [
    ['/users/123', '/users/{id}'],
    ['/users/123/orders/456', '/users/{id}/orders/{id}'],
    ['/a/1/2/3/4', '/a/{id}/{id}/{id}/{id}'],
    ['/v2/items', '/v2/items'],
    ['/sessions/0f8fad5b-d9cb-469f-a165-70867728950e/refresh', '/sessions/{uuid}/refresh'],
    ['/blobs/9e107d9d372bb6826bd81d3542a419d6', '/blobs/{hash}'],
    ['/static/app.3f2a9c1b.js', '/static/app.{hash}.js'],
    ['/keys/AKIAIOSFODNN7EXAMPLEKEYVALUE', '/keys/{token}'],
    ['/files/report-2024.pdf', '/files/report-2024.pdf'],
    ['/', '/'],
    ['', ''],
    // At the length bounds: 16 hex characters, 24 token characters.
    ['/abcdef0123456789', '/{hash}'],
    ['/abcdef012345678', '/abcdef012345678'],
    ['/AAAAAAAAAAAAAAAAAAAAAAA_', '/{token}'],
    ['/AAAAAAAAAAAAAAAAAAAAAA_', '/AAAAAAAAAAAAAAAAAAAAAA_'],
    ['/0f8fad5b-d9cb-469f-a165-70867728950e', '/{uuid}'],
    // Adjacent segments of every rule, and segments after other rules' placeholders.
    ['/b/9e107d9d372bb6826bd81d3542a419d6/0123456789abcdef0/x', '/b/{hash}/{hash}/x'],
    ['/k/AKIAIOSFODNN7EXAMPLEKEYVALUE/AAAAAAAAAAAAAAAAAAAAAAA_', '/k/{token}/{token}'],
    ['/s/0f8fad5b-d9cb-469f-a165-70867728950e/42/7', '/s/{uuid}/{id}/{id}'],
    ['/1/abcdef0123456789/2/', '/{id}/{hash}/{id}/'],
    // A long digit segment is hex first; a UUID inside a segment leaves the rest of it.
    ['/12345678901234567890', '/{hash}'],
    ['/x-0f8fad5b-d9cb-469f-a165-70867728950e', '/x-{uuid}'],
    // Dot hashes are lowercase, and a dot ends one match before the next can start.
    ['/a.ABCDEF12.js', '/a.ABCDEF12.js'],
    ['/a.1234abcd.5678abcd.js', '/a.{hash}.5678abcd.js'],
    ['/a.1234abcd..5678abcd.js', '/a.{hash}..{hash}.js'],
    // Only text after a slash is a segment; a brace in the path is text like any other.
    ['123/456', '123/{id}'],
    ['/a}/1', '/a}/{id}'],
    ['//7//', '//{id}//'],
    // Non-ASCII characters belong to no rule's class.
    ['/café/123', '/café/{id}'],
    ['/é12/😀/9', '/é12/😀/{id}'],
  ];

  it.each(cases)('%s → %s', (path, expected) => {
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
