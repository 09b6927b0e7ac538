import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../src/analysis/playbook/scenarios/index.js';
import { analyze } from '../../../src/analyze.js';
import { craftLog, type Crafted } from '../../fixtures/craft.js';

type Format = 'nginx' | 'alb' | 'cloudflare';
interface Case { name: string; format: Format; specs: Crafted[]; fires: string[]; not: string[] }

const one = '192.0.2.77';
const scan = (i: number): string => `/probe/${i}/x.php`;

const CASES: Case[] = [
  // general
  { name: '401 from many clients', format: 'nginx', specs: [{ n: 80, status: 401, minute: 20 }], fires: ['auth-rotation'], not: ['auth-one-client'] },
  { name: 'a steady trickle of 401 from many clients', format: 'nginx', specs: [{ n: 80, status: 401 }], fires: [], not: ['auth-rotation'] },
  { name: '401 from one client', format: 'nginx', specs: [{ n: 80, status: 401, client: one }], fires: ['auth-one-client'], not: ['auth-rotation'] },
  { name: '429 from one client', format: 'nginx', specs: [{ n: 150, status: 429, client: one, minute: 30, path: '/api/search' }], fires: ['rate-limit-one-client'], not: ['rate-limit-broad'] },
  { name: '429 from many clients', format: 'nginx', specs: [{ n: 150, status: 429, minute: 30 }], fires: ['rate-limit-broad'], not: ['rate-limit-one-client'] },
  { name: '504 that are not at a timeout', format: 'nginx', specs: [{ n: 20, status: 504, rt: 3.2, upstream: null }], fires: ['gateway-timeout'], not: ['nginx-504-read-timeout'] },
  { name: '504 at 60 s', format: 'nginx', specs: [{ n: 20, status: 504, rt: 60.01, upstream: null }], fires: ['nginx-504-read-timeout'], not: ['gateway-timeout'] },
  { name: '422 and 415', format: 'nginx', specs: [{ n: 30, status: 422 }, { n: 10, status: 415 }], fires: ['unprocessable', 'unsupported-media'], not: [] },
  { name: '403 from the application', format: 'nginx', specs: [{ n: 30, status: 403 }], fires: ['forbidden'], not: [] },
  { name: '403 from nginx itself', format: 'nginx', specs: [{ n: 30, status: 403, upstream: null }], fires: [], not: ['forbidden'] },
  { name: 'a scanner', format: 'nginx', specs: [{ n: 60, status: 404, client: one, path: scan, minute: 40 }], fires: ['scanner-404'], not: ['not-found-regression'] },
  { name: 'a route that broke', format: 'nginx', specs: [{ n: 120, status: 404, path: '/api/orders/list', minute: 45 }], fires: ['not-found-regression'], not: ['scanner-404'] },
  { name: '500s', format: 'nginx', specs: [{ n: 30, status: 500 }], fires: ['server-errors'], not: [] },
  { name: '503 from the application', format: 'nginx', specs: [{ n: 30, status: 503, rt: 0.4 }], fires: ['unavailable'], not: ['nginx-limit-req-503'] },
  { name: '400 from the application', format: 'nginx', specs: [{ n: 40, status: 400 }], fires: ['bad-request'], not: ['nginx-header-size'] },
  { name: 'one client redirected over and over', format: 'nginx', specs: [{ n: 200, status: 301, client: one }], fires: ['redirect-heavy'], not: [] },
  // nginx
  { name: '444 drops', format: 'nginx', specs: [{ n: 15, status: 444, upstream: null }], fires: ['nginx-444-drops'], not: [] },
  { name: '499 at a 30 s client timeout', format: 'nginx', specs: [{ n: 25, status: 499, rt: 30.1, upstream: null }], fires: ['nginx-499-client-timeout'], not: ['nginx-499-impatient'] },
  { name: 'a burst of 499 as responses slow down', format: 'nginx', specs: [{ n: 40, status: 499, rt: 7.3, upstream: null, minute: 20 }], fires: ['nginx-499-impatient'], not: ['nginx-499-client-timeout'] },
  { name: 'a few 499 with no pattern', format: 'nginx', specs: [{ n: 8, status: 499, rt: 1.3, upstream: null }], fires: [], not: ['nginx-499-client-timeout', 'nginx-499-impatient'] },
  { name: '502 upstream failures', format: 'nginx', specs: [{ n: 20, status: 502, upstream: 502 }], fires: ['nginx-502-upstream'], not: [] },
  { name: '413 uploads', format: 'nginx', specs: [{ n: 10, status: 413, upstream: null, method: 'POST' }], fires: ['nginx-413-body-size'], not: [] },
  { name: '414 from nginx', format: 'nginx', specs: [{ n: 10, status: 414, upstream: null }], fires: ['nginx-header-size'], not: [] },
  { name: 'limit_req 503', format: 'nginx', specs: [{ n: 60, status: 503, upstream: null, rt: 0, client: one }], fires: ['nginx-limit-req-503'], not: ['unavailable'] },
  // ALB
  { name: '460', format: 'alb', specs: [{ n: 10, status: 460, upstream: null }], fires: ['alb-460-client-closed'], not: [] },
  { name: '463 and 464', format: 'alb', specs: [{ n: 3, status: 463, upstream: null }, { n: 3, status: 464, upstream: null }], fires: ['alb-463-xff', 'alb-464-protocol'], not: [] },
  { name: '561 with Auth error_reason', format: 'alb', specs: [{ n: 5, status: 561, upstream: null, errorReason: 'AuthInvalidIdToken' }], fires: ['alb-561-idp', 'alb-auth-errors'], not: [] },
  { name: 'LB-generated 502/503/504', format: 'alb', specs: [{ n: 10, status: 502, upstream: null }, { n: 10, status: 503, upstream: null }, { n: 10, status: 504, upstream: null }], fires: ['alb-lb-502', 'alb-lb-503', 'alb-lb-504'], not: ['gateway-timeout'] },
  { name: 'target-generated 502/503', format: 'alb', specs: [{ n: 20, status: 502, upstream: 502 }, { n: 20, status: 503, upstream: 503 }], fires: ['unavailable'], not: ['alb-lb-502', 'alb-lb-503'] },
  { name: 'Lambda failures', format: 'alb', specs: [{ n: 5, status: 502, upstream: null, errorReason: 'LambdaUnhandled' }], fires: ['alb-lambda'], not: [] },
  { name: 'WAF blocks', format: 'alb', specs: [{ n: 30, status: 403, upstream: null }], fires: ['alb-waf'], not: ['forbidden'] },
  { name: 'desync', format: 'alb', specs: [{ n: 4, status: 400, upstream: 400, classification: 'Ambiguous' }], fires: ['alb-desync'], not: [] },
  // Cloudflare
  { name: 'edge 52x and 530', format: 'cloudflare', specs: [520, 521, 522, 523, 524, 525, 526, 530].map((status) => ({ n: 5, status, upstream: null })), fires: ['cf-520', 'cf-521', 'cf-522', 'cf-523', 'cf-524', 'cf-525', 'cf-526', 'cf-530'], not: ['cf-origin-5xx'] },
  { name: 'origin 502 passed through', format: 'cloudflare', specs: [{ n: 20, status: 502, upstream: 502 }], fires: ['cf-origin-5xx'], not: ['cf-520'] },
  { name: 'Cloudflare rate limiting', format: 'cloudflare', specs: [{ n: 40, status: 429, upstream: null, client: one, securityAction: 'rateLimit' }], fires: ['cf-rate-limit-1015'], not: ['rate-limit-one-client'] },
  { name: 'origin 429', format: 'cloudflare', specs: [{ n: 40, status: 429, upstream: 429, client: one }], fires: ['rate-limit-one-client'], not: ['cf-rate-limit-1015'] },
];

async function scenariosOf(format: Format, specs: Crafted[]): Promise<string[]> {
  const { report } = await analyze({ inputs: [craftLog(format, specs)] });
  return report.recommendations.map((r) => r.scenario);
}

describe('playbook scenarios fire on evidence', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const fired = await scenariosOf(c.format, c.specs);
    for (const id of c.fires) expect(fired, `expected ${id}`).toContain(id);
    for (const id of c.not) expect(fired, `did not expect ${id}`).not.toContain(id);
  });

  it.each(['nginx', 'alb', 'cloudflare'] as Format[])('stays silent on a clean %s log', async (format) => {
    expect(await scenariosOf(format, [])).toEqual([]);
  });

  it('covers every scenario in the table', () => {
    const tested = new Set(CASES.flatMap((c) => c.fires));
    expect(SCENARIOS.map((s) => s.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('names scenarios in lowercase ASCII, which ties between recommendations are ordered by', () => {
    expect(SCENARIOS.map((s) => s.id).filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });
});

describe('recommendation text cites its figures', () => {
  it('names the client, endpoint, count, window and share of a rate-limited client', async () => {
    const { report } = await analyze({ inputs: [craftLog('nginx', [{ n: 150, status: 429, client: one, minute: 30, path: '/api/v1/search' }])] });
    const rec = report.recommendations.find((r) => r.scenario === 'rate-limit-one-client')!;
    expect(rec.evidence.summary).toBe(`150 requests from ${one} to GET /api/v1/search got 429 between 2026-11-24 12:30 and 2026-11-24 12:31 UTC, 100% of all 429s in that time. This is one client exceeding its quota, not a capacity problem.`);
    expect(rec).toMatchObject({ codes: [429], severity: 'high', anomalyIds: [report.anomalies[0].id] });
    expect(rec.actions.client[0]).toMatch(/Retry-After/);
    expect(rec.sources[0]).toMatch(/^https:\/\//);
  });

  it('ranks by severity, then by affected requests', async () => {
    const { report } = await analyze({ inputs: [craftLog('nginx', [{ n: 150, status: 429, client: one, minute: 30 }, { n: 30, status: 422 }, { n: 60, status: 500 }])] });
    const order = report.recommendations.map((r) => [r.severity, r.evidence.figures.affected]);
    const rank = { high: 2, medium: 1, low: 0 } as Record<string, number>;
    for (let i = 1; i < order.length; i++) {
      const [s0, a0] = order[i - 1];
      const [s1, a1] = order[i];
      expect(rank[s0 as string] > rank[s1 as string] || (s0 === s1 && (a0 as number) >= (a1 as number))).toBe(true);
    }
    expect(report.recommendations.map((r) => r.id)).toEqual(report.recommendations.map((_, i) => `r${i + 1}`));
  });
});
