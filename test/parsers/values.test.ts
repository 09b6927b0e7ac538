import { describe, expect, it } from 'vitest';
import { epochIntegerAt, parseEpochDigits } from '../../parsers/epoch-time.js';
import { parseIsoTime, parseNginxLocalTime } from '../../parsers/time.js';
import { seededRandom } from '../helpers.js';
import { decodeNginxEscapes } from '../../parsers/escapes.js';
import {
  addressWithoutPort, lastUpstreamStatus, parseStatus, splitRequestLine, splitUrl, sumUpstreamTimes,
} from '../../parsers/values.js';

describe('value rules', () => {
  it('parses statuses strictly', () => {
    expect(parseStatus('200')).toBe(200);
    expect(parseStatus('000')).toBe(0);
    expect(parseStatus('2OO')).toBeNaN();
    expect(parseStatus('-')).toBeNaN();
    expect(parseStatus('')).toBeNaN();
  });

  it('keeps the last upstream status and sums times over , and : lists', () => {
    expect(lastUpstreamStatus('502, 200')).toBe(200);
    expect(lastUpstreamStatus('502 : 504')).toBe(504);
    expect(lastUpstreamStatus('-')).toBeNull();
    expect(sumUpstreamTimes('0.001 : 0.002')).toBe(0.003);
    expect(sumUpstreamTimes('0.001, 0.002, -')).toBe(0.003);
    expect(sumUpstreamTimes('-')).toBeNull();
  });

  it('splits request lines with raw spaces at the first and last space', () => {
    expect(splitRequestLine('GET /a b c HTTP/1.1')).toEqual({ method: 'GET', uri: '/a b c', protocol: 'HTTP/1.1' });
    expect(splitRequestLine('GET /old')).toEqual({ method: 'GET', uri: '/old', protocol: null });
    expect(splitRequestLine('- http://host:80- -')).toEqual({ method: null, uri: null, protocol: null });
  });

  it('splits URLs into host, path and query', () => {
    expect(splitUrl('https://api.example.com:443/v1/x?y=1')).toEqual({ host: 'api.example.com', path: '/v1/x', query: 'y=1' });
    expect(splitUrl('/v1/x?')).toEqual({ host: null, path: '/v1/x', query: null });
    expect(splitUrl('http://[2001:db8::1]:80/')).toEqual({ host: '2001:db8::1', path: '/', query: null });
  });

  it('takes a scheme only where one can be: a letter first (RFC 3986 3.1)', () => {
    expect(splitUrl('/a://b?c')).toEqual({ host: null, path: '/a://b', query: 'c' });
    expect(splitUrl('1x://h/p')).toEqual({ host: null, path: '1x://h/p', query: null });
    expect(splitUrl('://h/p')).toEqual({ host: null, path: '://h/p', query: null });
    expect(splitUrl('HTTP://h/p')).toEqual({ host: 'h', path: '/p', query: null });
    expect(splitUrl('svn+ssh://h')).toEqual({ host: 'h', path: '/', query: null });
  });

  it('strips the port from unbracketed IPv6 client:port at the last colon', () => {
    expect(addressWithoutPort('2601:6bbc:c0::1:50599')).toBe('2601:6bbc:c0::1');
    expect(addressWithoutPort('192.0.2.1:443')).toBe('192.0.2.1');
    expect(addressWithoutPort('-')).toBeNull();
  });
});

describe('time encodings', () => {
  it('reads time_local with offsets', () => {
    expect(parseNginxLocalTime('28/Sep/1970:12:00:00 +0600')).toBe(Date.UTC(1970, 8, 28, 6) * 1000);
    expect(parseNginxLocalTime('28/Sep/1970:12:00:00 +06')).toBeNaN();
    // A day the calendar does not have leaves the next time of a real day alone.
    expect(parseNginxLocalTime('32/Sep/1970:12:00:00 +0600')).toBeNaN();
    expect(parseNginxLocalTime('28/Sep/1970:12:00:01 +0600')).toBe(Date.UTC(1970, 8, 28, 6, 0, 1) * 1000);
    expect(parseNginxLocalTime('28/Sxp/1970:12:00:01 +0600')).toBeNaN();
  });

  it('reads ISO 8601 with 0-9 fraction digits and offsets', () => {
    expect(parseIsoTime('2018-07-02T22:23:00.186641Z')).toBe(Date.UTC(2018, 6, 2, 22, 23, 0) * 1000 + 186641);
    expect(parseIsoTime('1970-09-28T12:00:00+06:00')).toBe(Date.UTC(1970, 8, 28, 6) * 1000);
    expect(parseIsoTime('2022-05-25T13:25:26.123456789Z')).toBe(Date.UTC(2022, 4, 25, 13, 25, 26) * 1000 + 123456);
  });

  it('reads whole epoch digits from bytes as Number() reads the digits it keeps', () => {
    // The magnitudes of parseEpochDigits, with Number() on the kept digits as the oracle.
    const oracle = (digits: string): number => {
      const int = digits.replace(/^0+(?=\d)/, '');
      if (int.length >= 18) return Number(int.slice(0, -3));
      if (int.length >= 15) return Number(int);
      return Number(int) * (int.length >= 12 ? 1000 : 1_000_000);
    };
    const random = seededRandom(23);
    const cases = ['0', '7', '1653485126', '1653485126000', '1653485126000000', '1793491200225874118', '9007199254740993', '9007199254740995123',
      '9999999999999999999', '18446744073709551615', '00000000000000000001', '0001653485126'];
    for (let i = 0; i < 20000; i++) cases.push(Array.from({ length: 1 + random(20) }, () => String(random(10))).join(''));
    let fast = 0;
    for (const digits of cases) {
      const value = epochIntegerAt(Buffer.from(digits), 0, digits.length);
      expect(parseEpochDigits(digits), digits).toBe(oracle(digits));
      if (Number.isNaN(value)) continue; // more than 16 digits kept: the string rules decide
      expect(value, digits).toBe(oracle(digits));
      fast++;
    }
    expect(fast).toBeGreaterThan(15000);
    expect([epochIntegerAt(Buffer.from('12a'), 0, 3), epochIntegerAt(Buffer.from('1.5'), 0, 3), epochIntegerAt(Buffer.from(''), 0, 0)]).toEqual([NaN, NaN, NaN]);
  });

  it('reads epoch digits of every magnitude without float loss', () => {
    expect(parseEpochDigits('1506702504433000200')).toBe(1506702504433000);
    expect(parseEpochDigits('1506702504433999999')).toBe(1506702504433999);
    expect(parseEpochDigits('1653485126')).toBe(1653485126000000);
    expect(parseEpochDigits('1653485126000')).toBe(1653485126000000);
    expect(parseEpochDigits('1700000000.123')).toBe(1700000000123000);
  });
});

describe('nginx escapes', () => {
  it('decodes UTF-8 byte runs and escaped quotes and backslashes', () => {
    expect(decodeNginxEscapes('\\xD0\\xA0\\xD1\\x83\\xD1\\x81')).toBe('Рус');
    expect(decodeNginxEscapes('a\\x22b\\x5Cc')).toBe('a"b\\c');
    expect(decodeNginxEscapes('plain')).toBe('plain');
    expect(decodeNginxEscapes('\\xFF')).toBe('\uFFFD');
  });
});

describe('ISO 8601 by position (the fast path) agrees with the general rule', () => {
  it('reads ALB timestamps and rejects malformed ones', () => {
    expect(parseIsoTime('2018-07-02T22:23:00Z')).toBe(Date.UTC(2018, 6, 2, 22, 23, 0) * 1000);
    expect(parseIsoTime('2018-07-02T22:23:00.1866Z')).toBe(Date.UTC(2018, 6, 2, 22, 23, 0) * 1000 + 186600);
    expect(parseIsoTime('2018-07-03T00:00:00.000001Z')).toBe(Date.UTC(2018, 6, 3) * 1000 + 1);
    for (const bad of ['2018-07-02T22:23:00.Z', '2018-13-02T22:23:00Z', '2018-07-02T25:23:00Z', '2018-07-02T22:23:0aZ', '2018-07-02T22:23:00.12345678901Z']) {
      expect(parseIsoTime(bad)).toBeNaN();
    }
  });

  it('reads nginx $time_iso8601 offsets (±hh:mm) as Date.parse does', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    let compared = 0;
    for (const [month, day] of [[1, 1], [2, 28], [2, 29], [6, 30], [12, 31]]) {
      for (const time of ['00:00:00', '13:05:59', '23:59:59.5', '07:30:00.123']) {
        for (const zone of ['+00:00', '-00:00', '+05:30', '-09:45', '+14:00', '-12:00']) {
          const text = `2024-${two(month)}-${two(day)}T${time}${zone}`;
          expect(parseIsoTime(text), text).toBe(Date.parse(text) * 1000);
          compared++;
        }
      }
    }
    expect(compared).toBe(120);
    expect(parseIsoTime('2026-11-24T10:20:30.123456-05:30')).toBe(Date.UTC(2026, 10, 24, 15, 50, 30) * 1000 + 123456);
    // Forms the position reader leaves to the general rule still parse; broken ones do not.
    expect(parseIsoTime('2026-11-24T10:20:30+0530')).toBe(Date.UTC(2026, 10, 24, 4, 50, 30) * 1000);
    expect(parseIsoTime('2026-11-24 10:20:30,5+01:00')).toBe(Date.UTC(2026, 10, 24, 9, 20, 30) * 1000 + 500000);
    for (const bad of ['2026-11-24T10:20:30+5:30', '2026-11-24T10:20:30.+05:30', '2026-11-24T24:20:30+05:30', '2026-11-24T10:20+05:30']) {
      expect(parseIsoTime(bad), bad).toBeNaN();
    }
  });
});
