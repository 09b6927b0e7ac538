/**
 * Builds the shipped samples and demo logs: traffic from `generateTraffic`, written in
 * one format, with the junk real logs contain mixed in.
 */
import { scheduleIncidents, type Incident } from './incidents.js';
import { Random } from './random.js';
import { generateTraffic, type SyntheticRequest, type TrafficOptions } from './traffic.js';
import { albLine } from './write-alb.js';
import { cloudflareLine } from './write-cloudflare.js';
import { nginxJunkLines, nginxLine } from './write-nginx.js';
import { nginxJsonLine } from './write-nginx-json.js';

export const DEMO_FORMATS = ['nginx', 'alb', 'cloudflare', 'nginx-json'] as const;
export type DemoFormat = (typeof DEMO_FORMATS)[number];

export interface SampleOptions extends TrafficOptions {
  format: DemoFormat;
  /** Share of lines preceded by a junk line (0 for none). */
  junkRate?: number;
  /** Zone offset of nginx `$time_local`, minutes east of UTC. */
  offsetMinutes?: number;
  /** Number of incidents to inject at random (0 for a healthy log). */
  incidentCount?: number;
}

/** How a generic code shows up in each vendor's log (what the writers do to it). */
export function vendorCode(format: DemoFormat, code: number): number {
  if (format === 'alb' && code === 499) return 460;
  if (format === 'alb' && code === 444) return 403;
  if (format === 'cloudflare' && code === 504) return 524;
  if (format === 'cloudflare' && code === 444) return 403;
  return code;
}

export interface GroundTruth {
  format: DemoFormat;
  seed: number;
  incidents: { id: string; kind: string; start: string; end: string; codes: number[] }[];
}

export interface Demo {
  lines: Generator<string>;
  truth: GroundTruth;
}

/** A log with incidents and the ground truth describing them. */
export function generateDemo(options: SampleOptions): Demo {
  const incidents: Incident[] = options.incidentCount
    ? scheduleIncidents(new Random(options.seed ^ 0x1c1d), options.startUs, options.hours, options.incidentCount, options.peakPerHour)
    : [];
  const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();
  return {
    lines: sampleLines({ ...options, incidents }),
    truth: {
      format: options.format, seed: options.seed,
      incidents: incidents.map((i) => ({ id: i.id, kind: i.kind, start: iso(i.startUs), end: iso(i.endUs), codes: i.codes.map((c) => vendorCode(options.format, c)) })),
    },
  };
}

/** Lines that show up in real files of each format and are not valid requests. */
function junkLines(format: DemoFormat, rng: Random, tsUs: number): string[] {
  if (format === 'nginx') return nginxJunkLines(rng, tsUs);
  const iso = new Date(Math.floor(tsUs / 1000)).toISOString();
  if (format === 'alb') {
    return [
      `https ${iso} app/api-prod/50dc6c495c0c9188 192.0.2.7:2817 10.0.1.10:8080 0.000 0.001 0.000 200 200 34 366 "GET https://api.example.com:443/ HTTP/1.1" "curl/8`,
      'garbage that is not a load balancer line',
      `${iso} 192.0.2.9 39794 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 3 "-" - - Success TID_dc57cebed65b444ebc8177bb698fe166`,
      `https ${iso} app/api-prod/50dc6c495c0c9188 192.0.2.7:2817 10.0.1.10:8080 0.000 0.001 0.000 2x0 200 34 366 "GET https://api.example.com:443/ HTTP/1.1" "curl/8.5.0" - - - "-" "-" "-" 1 ${iso} "forward" "-" "-" "-" "-" "-" "-"`,
    ];
  }
  return [
    `{"ClientIP":"192.0.2.4","EdgeResponseStatus":200,"EdgeStartTimestamp":"${iso}","ClientRequestURI":"/api/v1/us`,
    '\u0000\u0000\u0000binary\u0001',
    `{"EdgeStartTimestamp":"${iso}","ClientRequestURI":"/no-status"}`,
  ];
}

function formatLine(format: DemoFormat, request: SyntheticRequest, rng: Random, index: number, offsetMinutes: number): string {
  switch (format) {
    case 'nginx': return nginxLine(request, offsetMinutes);
    case 'alb': return albLine(request, rng);
    case 'cloudflare': return cloudflareLine(request, rng, index);
    case 'nginx-json': return nginxJsonLine(request);
  }
}

export function* sampleLines(options: SampleOptions): Generator<string> {
  const rng = new Random(options.seed ^ 0x5eed);
  const junkRate = options.junkRate ?? 0;
  let junkIndex = 0;
  let index = 0;
  for (const request of generateTraffic(options)) {
    if (junkRate > 0 && rng.chance(junkRate)) {
      const junk = junkLines(options.format, rng, request.tsUs);
      yield junk[junkIndex++ % junk.length];
    }
    yield formatLine(options.format, request, rng, index++, options.offsetMinutes ?? 0);
  }
}
