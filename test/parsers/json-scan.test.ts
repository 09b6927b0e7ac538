import { describe, expect, it } from 'vitest';
import { JsonKind, ObjectMembers, type JsonMembers } from '../../parsers/json-members.js';
import { ByteMembers } from '../../parsers/json-scan.js';
import { KeyTable } from '../../parsers/key-table.js';
import { MEMBER_CAP } from '../../parsers/token-memory.js';
import { ScannedRecord, TextField } from '../../parsers/scanned-record.js';
import { mutate, seededRandom } from '../helpers.js';

const KEYS = ['a', 'b', 'c', 'ClientRequestUserAgent'];

/** What a source answers for every wanted key, through the whole JsonMembers API. */
function answers(m: JsonMembers, bytes: Buffer): unknown[] {
  const out = new ScannedRecord();
  return KEYS.map((_, k) => {
    const kind = m.kind(k);
    out.reset(bytes, 0, 0);
    m.toField(out, TextField.path, k);
    return {
      kind, text: m.text(k), hasText: m.hasText(k), field: out.get(TextField.path), number: m.number(k),
      value: kind === JsonKind.Number ? m.numberValue(k) : null, json: kind === JsonKind.Absent ? null : m.json(k),
    };
  });
}

/**
 * One reader for every line, as a parser has: what it keeps from line to line (the
 * keys at each position) is exercised by every test, the mutated lines' included.
 */
const shared = new ByteMembers(new KeyTable(KEYS));

/** Reads a line between other bytes (as in a chunk); null when the reader declines it. */
function readBytes(line: string, members = shared): { members: ByteMembers; bytes: Buffer } | null {
  const bytes = Buffer.from(`{"x":1}\n${line}\n{"y":2}`);
  const start = 8;
  return members.read(bytes, start, bytes.length - 8) ? { members, bytes } : null;
}

function agreesWithJsonParse(line: string): void {
  const read = readBytes(line);
  if (read === null) return;
  const parsed: unknown = JSON.parse(line); // throws if the byte reader accepted invalid JSON
  expect(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), line).toBe(true);
  const objectMembers = new ObjectMembers(KEYS);
  objectMembers.reset(parsed as Record<string, unknown>, line);
  expect(answers(read.members, read.bytes), line).toEqual(answers(objectMembers, Buffer.alloc(0)));
}

describe('ByteMembers', () => {
  it('reads the wanted members of an object in place, and skips the others', () => {
    const line = '{ "a" : "GET" ,"zz":[1,{"q":[true,false,null]}],"b":-12.5e1, "c":true,"ClientRequestUserAgent":"curl/8.5.0"}';
    const { members, bytes } = readBytes(line)!;
    expect([members.kind(0), members.kind(1), members.kind(2), members.kind(3)]).toEqual([JsonKind.String, JsonKind.Number, JsonKind.True, JsonKind.String]);
    expect([members.text(0), members.numberValue(1), members.text(2), members.text(3)]).toEqual(['GET', -125, 'true', 'curl/8.5.0']);
    // A plain string stays a byte range of the line: no string is made for it.
    const out = new ScannedRecord();
    out.reset(bytes, 0, 0);
    members.toField(out, TextField.user_agent, 3);
    expect(out.text[TextField.user_agent]).toBeUndefined();
    expect(out.get(TextField.user_agent)).toBe('curl/8.5.0');
    agreesWithJsonParse(line);
  });

  it('gives JSON.parse answers for escapes, numbers held in strings, and absent or empty values', () => {
    for (const line of [
      '{"a":"caf\\u00e9 \\"q\\" \\/ \\\\ \\n","b":" 12 ","c":""}',
      '{"a":"é","b":"0x10","c":null}',
      '{"a":12,"b":"1e400","c":1e400}',
      '{"a":-0,"b":"-","c":[],"ClientRequestUserAgent":{}}',
      '{"a":false,"b":"Infinity","c":"\\ud800"}',
      '{"a":0.1,"b":1E+2,"c":123456789012345678901234567890}',
      '{}',
      ' \t{"b":"7"}\r',
    ]) {
      expect(readBytes(line), line).not.toBeNull();
      agreesWithJsonParse(line);
    }
  });

  it('leaves to JSON.parse what it cannot vouch for', () => {
    for (const line of [
      '{"a":1,"a":2}', // a wanted key twice: JSON.parse keeps the last
      '{"\\u0061":1}', // a key spelled with escapes
      `{"x":${'['.repeat(40)}${']'.repeat(40)}}`, // nesting deeper than the reader follows
      '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":-}', '{"a":1e}', '{"a":+1}', '{"a":NaN}', '{"a":tru}',
      '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"tab\there"}', '{"a":"open}', "{'a':1}",
      '{"a":1,}', '{"a":1}}', '{"a":1} x', '{"a" 1}', '[1,2]', '"a"', '', '\ufeff{"a":1}', '{"a":[1,]}', '{"a":{"b"}}',
    ]) expect(readBytes(line), line).toBeNull();
    // Only the wanted key counts twice: other keys may repeat.
    expect(readBytes('{"x":1,"x":2,"a":3}')).not.toBeNull();
    // Up to MEMBER_CAP members are read in place; a line with more goes to JSON.parse.
    const many = (n: number): string => `{${Array.from({ length: n - 1 }, (_, i) => `"k${i}":${i},`).join('')}"b":7}`;
    expect(readBytes(many(MEMBER_CAP))!.members.numberValue(1)).toBe(7);
    expect(readBytes(many(MEMBER_CAP + 1))).toBeNull();
    agreesWithJsonParse(many(MEMBER_CAP));
    // Nesting: 32 levels in all are read in place (the object's members at the first).
    expect(readBytes(`{"a":${'['.repeat(31)}${']'.repeat(31)}}`)).not.toBeNull();
    expect(readBytes(`{"a":${'['.repeat(32)}${']'.repeat(32)}}`)).toBeNull();
  });

  it('agrees with JSON.parse over mutated lines (seeded)', () => {
    const seeds = [
      '{"a":"GET","b":200,"c":"/x?y=1","ClientRequestUserAgent":"Mozilla/5.0 (X11)","d":[1,"two",{"e":null}]}',
      '{"b":"404", "a" : "caf\\u00e9", "c":-1.5e-3, "f":{"g":[true,false]}}',
    ];
    const pieces = ['"', '\\', '\\u00', ',', ':', '{', '}', '[', ']', ' ', '\t', '0', '-', '.', 'e', 'true', 'null', '"a":1,', '"b":"x",', 'é', '\u0001'];
    const random = seededRandom(7);
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const line = mutate(seeds[random(seeds.length)], pieces, random);
      if (readBytes(line) !== null) accepted++;
      agreesWithJsonParse(line);
    }
    // The reader accepted a fair share (the unmutated lines at least), so the check above was exercised.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('takes a key as the last line\'s at its position only when the reader saw the same bytes there', () => {
    const members = new ByteMembers(new KeyTable(KEYS));
    const read = (line: string): unknown[] | null => {
      const got = readBytes(line, members);
      return got === null ? null : [0, 1, 2].map((k) => (got.members.kind(k) === JsonKind.Absent ? null : got.members.text(k)));
    };
    expect(read('{"a":"1","b":"2"}')).toEqual(['1', '2', null]);
    expect(read('{"b":"3","a":"4"}')).toEqual(['4', '3', null]);
    // A line the reader declines part way leaves the last line's keys as they were ...
    expect(read('{"a":"5","b":"6",')).toBeNull();
    expect(read('{"b":"7","a":"8"}')).toEqual(['8', '7', null]);
    // ... a line with a wanted key twice is read whole, and its keys count for the next.
    expect(read('{"c":"9","a":"1","a":"2","b":"0"}')).toBeNull();
    expect(read('{"c":"3","x":"4","a":"5","b":"6"}')).toEqual(['5', '6', '3']);
    // Keys longer than the memo holds, and positions past its 64, are looked up every time.
    const long = 'k'.repeat(70);
    expect(read(`{"${long}":"1","a":"2"}`)).toEqual(['2', null, null]);
    expect(read(`{"${long}x":"1","b":"2"}`)).toEqual([null, '2', null]);
    expect(read(`{"${long}":"1","c":"2"}`)).toEqual([null, null, '2']);
    const many = (key: string): string => `{${Array.from({ length: 66 }, (_, i) => `"o${i}":"${i}",`).join('')}"${key}":"x"}`;
    expect(read(many('a'))).toEqual(['x', null, null]);
    expect(read(many('b'))).toEqual([null, 'x', null]);
  });

  it('keeps two readers apart that read lines in turn (the memo is the thread\'s)', () => {
    const first = new ByteMembers(new KeyTable(KEYS));
    const second = new ByteMembers(new KeyTable(['b', 'a']));
    const texts = (members: ByteMembers, line: string, count: number): unknown[] =>
      Array.from({ length: count }, (_, k) => readBytes(line, members)!.members.text(k));
    expect(texts(first, '{"a":"1","b":"2"}', 2)).toEqual(['1', '2']);
    expect(texts(second, '{"b":"3","a":"4"}', 2)).toEqual(['3', '4']);
    // The memo now holds b, a at positions 0, 1: the first reader must not take them for its a, b.
    expect(texts(first, '{"b":"5","a":"6"}', 2)).toEqual(['6', '5']);
    expect(texts(second, '{"a":"7","b":"8"}', 2)).toEqual(['8', '7']);
  });

  it('keeps finding the wanted keys after learning as many other keys as it holds', () => {
    const members = new ByteMembers(new KeyTable(KEYS));
    for (let i = 0; i < 700; i++) expect(readBytes(`{"other${i}":${i},"b":${i}}`, members)!.members.numberValue(1)).toBe(i);
    // Lines whose keys come in a different order than the last line's.
    expect(readBytes('{"c":"z","a":"y"}', members)!.members.text(0)).toBe('y');
    expect(readBytes('{"a":"y","c":"z"}', members)!.members.text(2)).toBe('z');
  });
});
