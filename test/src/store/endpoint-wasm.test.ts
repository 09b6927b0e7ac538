import { describe, expect, it } from 'vitest';
import { tokenMemory } from '../../../parsers/token-memory.js';
import { endpointOf, templatedBound } from '../../../src/store/endpoint-template.js';
import { ENDPOINT_SLACK, wasmEndpoint } from '../../../src/store/endpoint-wasm.js';
import { seededRandom } from '../../helpers.js';
import { TEMPLATE_CASES } from './endpoint-cases.js';

const memory = tokenMemory();
const endpoint = wasmEndpoint()!;
const AREA = 64 * 1024;
const input = memory.area(AREA), output = memory.area(AREA);

/** The WebAssembly templating of a method (null: none) and path: the endpoint, or its negative result. */
function templated(method: string | null, path: string): string | number {
  const methodBytes = Buffer.from(method ?? ''), pathBytes = Buffer.from(path);
  memory.view(input, AREA).fill(0x21);
  methodBytes.copy(memory.view(input, methodBytes.length));
  const pathAt = input + methodBytes.length + 7;
  pathBytes.copy(memory.view(pathAt, pathBytes.length));
  const out = memory.view(output, AREA).fill(0x2a);
  const written = endpoint(input, method === null ? -1 : methodBytes.length, pathAt, pathBytes.length, output);
  if (written < 0) return written;
  // What it says it wrote, and nothing past the room the caller gives it.
  const room = 6 + Math.max(methodBytes.length, 1) + templatedBound(pathBytes.length);
  expect(written).toBeLessThanOrEqual(room);
  expect(out.readUInt32LE(0)).toBe(written - 4);
  expect(out.subarray(room + ENDPOINT_SLACK, room + ENDPOINT_SLACK + 64).every((b) => b === 0x2a)).toBe(true);
  return out.toString('latin1', 4, written);
}

describe('the WebAssembly endpoint templating (endpoint-template.wat)', () => {
  it('gives what endpointOf gives, at every rule and bound', () => {
    // The JavaScript templating's cases (those with non-ASCII characters are the JavaScript's: below), and more bounds.
    const paths = [...TEMPLATE_CASES.map(([path]) => path).filter((path) => /^[\x00-\x7f]*$/.test(path)),
      '/{id}/7', '/0F8FAD5B-D9CB-469F-A165-70867728950E', '/0f8fad5b-d9cb-469f-a165-70867728950', '/a.1234abc.js', '/.12345678.',
      '.12345678./x', '/AAAAAAAAAAAAAAAAAAAAAA=-', `/${'1'.repeat(4000)}`, `/${'a.12345678.'.repeat(370)}`];
    expect(paths).toHaveLength(TEMPLATE_CASES.length - 2 + 9);
    for (const path of paths) {
      for (const method of ['GET', null, 'M-SEARCH']) expect(templated(method, path), path).toBe(endpointOf(method, path));
    }
  });

  it('gives what endpointOf gives over random paths made of the rules\' pieces', () => {
    const random = seededRandom(18);
    const pieces = ['/', '/', '/', '1', '42', '0', 'abc', 'DEF', '9e107d9d', '372bb682', '.', '-', '_', '=', '{', '}', '~', '%C3%A9',
      '0f8fad5b-d9cb-469f-a165-70867728950e', '.3f2a9c1b.', 'app', 'Z', 'token', 'AKIAIOSFODNN7EXAMPLE'];
    let compared = 0;
    for (let n = 0; n < 20000; n++) {
      let path = random(4) === 0 ? '' : '/';
      for (let k = random(14); k > 0; k--) path += pieces[random(pieces.length)];
      const method = random(10) === 0 ? null : 'GET';
      expect(templated(method, path), path).toBe(endpointOf(method, path));
      compared++;
    }
    expect(compared).toBe(20000);
  });

  it('leaves to the JavaScript what it must: non-ASCII bytes, and a long path the UUID or dot-hash pass would need', () => {
    expect(templated('GET', '/café/1')).toBe(-1);
    expect(templated('GÉT', '/a/1')).toBe(-1);
    expect(templated('GET', `/${'a.12345678.'.repeat(380)}`)).toBe(-2);
    expect(templated('GET', `/${'0f8fad5b-d9cb-469f-a165-70867728950e/'.repeat(120)}`)).toBe(-2);
    // A long path that needs neither pass is templated all the same.
    expect(templated('GET', `/${'~'.repeat(9000)}/12`)).toBe(`GET /${'~'.repeat(9000)}/{id}`);
  });
});
