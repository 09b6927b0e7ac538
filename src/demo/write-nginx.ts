/**
 * Writes synthetic requests as nginx `combined` lines with nginx's default escaping
 * and a trailing timing block (`rt= uct= uht= urt= us=`), the layout many teams add.
 */
import type { Random } from './random.js';
import type { SyntheticRequest } from './traffic.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `$time_local` for a UTC instant shown in a zone `offsetMinutes` east of UTC. */
export function formatTimeLocal(tsUs: number, offsetMinutes: number): string {
  const d = new Date(Math.floor(tsUs / 1000) + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:` +
    `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** nginx escape=default: `"`, `\`, control bytes and bytes >= 0x80 become \xHH. */
export function nginxEscape(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out += byte === 0x22 || byte === 0x5c || byte < 0x20 || byte >= 0x7f
      ? `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

export function nginxLine(r: SyntheticRequest, offsetMinutes = 0): string {
  const target = r.query === null ? r.path : `${r.path}?${r.query}`;
  const upstream = r.upstreamStatus === null ? '-' : String(r.upstreamStatus);
  const urt = r.upstreamTimeS === null ? '-' : r.upstreamTimeS.toFixed(3);
  return `${r.clientIp} - - [${formatTimeLocal(r.tsUs, offsetMinutes)}] "${nginxEscape(`${r.method} ${target} ${r.protocol}`)}" ` +
    `${String(r.status).padStart(3, '0')} ${r.bytes} "${r.referer === null ? '-' : nginxEscape(r.referer)}" "${nginxEscape(r.userAgent)}" ` +
    `rt=${r.requestTimeS.toFixed(3)} uct="${r.upstreamTimeS === null ? '-' : '0.001'}" urt="${urt}" us="${upstream}"`;
}

/** Lines real nginx logs end up containing that are not valid combined lines. */
export function nginxJunkLines(rng: Random, tsUs: number): string[] {
  const when = formatTimeLocal(tsUs, 0);
  return [
    `198.51.100.23 - - [${when}] "GET /api/v1/users/1 HTTP/1.1" 200 51`, // cut mid-line (disk full, rotation)
    '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\u00d2\u00a7', // TLS bytes written as text
    `{"time":"${new Date(tsUs / 1000).toISOString()}","status":200,"request":"GET / HTTP/1.1"}`, // another format
    `203.0.113.5 - - [${when}] "GET / HTTP/1.1" OK 612 "-" "curl/8.5.0"`, // status not numeric
    `203.0.113.5 - - [31/Foo/2026:99:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5.0"`, // bad time
    `192.0.2.${rng.int(1, 254)} - - [${when}] "GET /index.html HTTP/1.1" 200 612 "-" "Mozilla/5.0`, // unterminated quote
  ];
}
