/**
 * Lookups over the status-code catalog. A code is described in the context of the
 * log it came from: 561 in an ALB log is AWS's, 499 in an nginx log is nginx's.
 * Unknown numeric codes keep their number and are classed by their first digit.
 */
import { CATALOG, VENDOR_LABELS, type CatalogRow, type Vendor } from './catalog.js';

export interface CodeMeaning {
  vendor: Vendor;
  vendorLabel: string;
  name: string;
  meaning: string;
}

export interface CodeInfo {
  code: number;
  /** `2xx`, `4xx`...; `0xx` holds nginx's and ALB's 000. */
  class: string;
  known: boolean;
  /** The meaning that applies in this context (format), or the standard one. */
  name: string;
  vendor: Vendor | 'unknown';
  vendorLabel: string;
  meaning: string;
  /** Every meaning the catalog knows for the number, the applying one first. */
  meanings: CodeMeaning[];
}

/** Which vendor's meaning a log format's codes take first. */
const FORMAT_VENDOR: Record<string, Vendor> = {
  nginx: 'nginx',
  'nginx-json': 'nginx',
  'nginx-custom': 'nginx',
  alb: 'aws-elb',
  cloudflare: 'cloudflare',
};

const BY_CODE = new Map<number, CatalogRow[]>();
for (const row of CATALOG) {
  const list = BY_CODE.get(row[0]);
  if (list) list.push(row);
  else BY_CODE.set(row[0], [row]);
}

export function statusClass(code: number): string {
  return `${Math.floor(code / 100)}xx`;
}

function toMeaning(row: CatalogRow): CodeMeaning {
  return { vendor: row[1], vendorLabel: VENDOR_LABELS[row[1]], name: row[2], meaning: row[3] };
}

/**
 * Describes a code. `formats` are the log formats it was seen in; the first vendor
 * among them that defines the code wins, then the standard meaning, then the first.
 */
export function describeCode(code: number, formats: readonly string[] = []): CodeInfo {
  const rows = BY_CODE.get(code);
  if (rows === undefined) {
    return {
      code, class: statusClass(code), known: false, name: 'Unknown', vendor: 'unknown', vendorLabel: 'unknown',
      meaning: `Not in the catalog; classed as ${statusClass(code)} by its first digit.`, meanings: [],
    };
  }
  const preferred = formats.map((f) => FORMAT_VENDOR[f]).filter((v): v is Vendor => v !== undefined);
  const pick =
    rows.find((r) => preferred.includes(r[1])) ?? rows.find((r) => r[1] === 'standard') ?? rows[0];
  const meanings = [pick, ...rows.filter((r) => r !== pick)].map(toMeaning);
  return { code, class: statusClass(code), known: true, ...meanings[0], meanings };
}

export interface CodeFilter {
  vendor?: string;
  class?: string;
}

/** Catalog rows as CodeInfo, one per (code, vendor), filtered and sorted by code. */
export function listCodes(filter: CodeFilter = {}): CodeInfo[] {
  const vendor = filter.vendor?.toLowerCase();
  const cls = filter.class?.toLowerCase();
  const out: CodeInfo[] = [];
  for (const row of CATALOG) {
    if (vendor !== undefined && !vendorMatches(row[1], vendor)) continue;
    if (cls !== undefined && statusClass(row[0]) !== cls) continue;
    const info = describeCode(row[0]);
    const own = toMeaning(row);
    out.push({ ...info, ...own, meanings: [own, ...info.meanings.filter((m) => m.vendor !== row[1])] });
  }
  return out;
}

/** Other names a user may give a vendor (a Map: `--vendor constructor` is a name like any other). */
const VENDOR_ALIASES = new Map<string, readonly Vendor[]>([['aws', ['aws-elb']], ['alb', ['aws-elb']], ['elb', ['aws-elb']], ['ietf', ['standard']]]);

function vendorMatches(vendor: Vendor, query: string): boolean {
  return vendor === query || VENDOR_LABELS[vendor].toLowerCase() === query || (VENDOR_ALIASES.get(query) ?? []).includes(vendor);
}

export const KNOWN_VENDORS = Object.keys(VENDOR_LABELS) as Vendor[];
