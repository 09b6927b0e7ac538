/**
 * Matches scenarios on evidence, not on the code alone. Where an anomaly involves a
 * code, its figures (time, count, clients, endpoints) are the evidence; otherwise the
 * code's figures over the whole window. Every recommendation cites its numbers.
 */
import { microsToIso } from '../../../parsers/time.js';
import { SEVERITY_RANK as RANK, type Anomaly, type Severity } from '../anomaly/types.js';
import type { CodeFacts } from './code-facts.js';
import type { Conditions, Scenario } from './types.js';

export interface CodeContext {
  facts: CodeFacts;
  formats: string[];
  generatedBy: { proxy: number; upstream: number; unknown: number } | null;
}

export interface Recommendation {
  id: string;
  scenario: string;
  group: Scenario['group'];
  codes: number[];
  title: string;
  severity: Severity;
  evidence: { summary: string; figures: Record<string, string | number> };
  actions: { client: string[]; server: string[] };
  fields: string[];
  anomalyIds: string[];
  sources: string[];
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const when = (us: number): string => microsToIso(us).slice(0, 16).replace('T', ' ');
const seconds = (s: number | null): string => (s === null ? 'unknown' : s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(1)} s`);

/** What a code is judged on: the anomaly that involves it when there is one, else its figures over the window. */
function evidenceFor(f: CodeFacts, anomaly: Anomaly | undefined) {
  return {
    client: anomaly?.evidence.clients[0] ?? (f.topClient && { value: f.topClient.value, count: f.topClient.count, share: f.topClient.count / f.count }),
    endpoint: anomaly?.evidence.endpoints[0] ?? (f.topEndpoint && { value: f.topEndpoint.value, count: f.topEndpoint.count, share: f.topEndpoint.count / f.count }),
    near: anomaly?.evidence.timing?.nearTimeout ?? f.nearTimeout,
    clients: anomaly?.evidence.distinctClients ?? f.clients,
  };
}

/** Scenario ids are ASCII: compared by code point, without loading ICU's collator (about 18 ms) as localeCompare does. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Figures for one code, the values a scenario's explanation is filled with. */
function figures(ctx: CodeContext, anomaly: Anomaly | undefined, totalRequests: number): Record<string, string | number> {
  const f = ctx.facts;
  const count = anomaly?.observed ?? f.count;
  const { client, endpoint, near, clients } = evidenceFor(f, anomaly);
  const timing = anomaly?.evidence.timing ?? null;
  const reason = [...f.errorReasons, ...f.classifications][0];
  return {
    code: String(f.code).padStart(3, '0'), count: Math.round(count), share: pct(f.count / Math.max(totalRequests, 1)),
    start: when(anomaly?.startUs ?? f.firstUs), end: when(anomaly?.endUs ?? f.lastUs),
    client: client?.value ?? 'unknown', clientShare: pct(client?.share ?? 0), clients,
    endpoint: endpoint?.value ?? 'unknown', endpointShare: pct(endpoint?.share ?? 0),
    timeout: near?.seconds ?? 0, timeoutShare: pct(near?.share ?? 0), p50: seconds(timing?.p50 ?? f.p50),
    reason: reason?.value ?? '-', reasonCount: reason?.count ?? 0,
    proxy: anomaly?.evidence.generatedBy.proxy ?? ctx.generatedBy?.proxy ?? 0,
    upstream: anomaly?.evidence.generatedBy.upstream ?? ctx.generatedBy?.upstream ?? 0,
    paths: anomaly?.evidence.distinctPaths ?? f.topClient?.paths ?? 0,
  };
}

function holds(c: Conditions, ctx: CodeContext, anomaly: Anomaly | undefined, totalRequests: number): boolean {
  const f = ctx.facts;
  if (c.formats && !ctx.formats.some((fmt) => c.formats!.includes(fmt))) return false;
  if (f.count < (c.minCount ?? 5)) return false;
  if (c.minShare !== undefined && f.count / Math.max(totalRequests, 1) < c.minShare) return false;
  if (c.anomaly && anomaly === undefined) return false;
  const g = ctx.generatedBy;
  if (c.generatedBy === 'proxy' && !(g && g.proxy > g.upstream + g.unknown)) return false;
  if (c.generatedBy === 'upstream' && !(g && g.upstream > g.proxy + g.unknown)) return false;
  const { client, endpoint, near, clients } = evidenceFor(f, anomaly);
  if (c.clients !== undefined) {
    const topShare = client?.share ?? 0;
    if (c.clients === 'one' && topShare < 0.5) return false;
    if (c.clients === 'many' && (topShare >= 0.25 || clients < 5)) return false;
  }
  if (c.timingNear && (!near || near.share < 0.3 || !c.timingNear.includes(near.seconds))) return false;
  if (c.timingBelow !== undefined && !(f.p50 !== null && f.p50 < c.timingBelow)) return false;
  if (c.errorReasonPrefix && !f.errorReasons.some((r) => c.errorReasonPrefix!.some((p) => r.value.startsWith(p)))) return false;
  if (c.classification && !f.classifications.some((r) => c.classification!.includes(r.value))) return false;
  if (c.minDistinctPathsOfTopClient !== undefined) {
    const paths = anomaly?.evidence.concentration?.dimension === 'client' ? anomaly.evidence.distinctPaths : f.topClient?.paths ?? 0;
    if (paths < c.minDistinctPathsOfTopClient) return false;
  }
  if (c.oneEndpoint && (endpoint?.share ?? 0) < 0.5) return false;
  return true;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

function severityOf(anomaly: Anomaly | undefined, code: number, count: number, totalRequests: number): Severity {
  if (anomaly) return anomaly.severity;
  const share = count / Math.max(totalRequests, 1);
  if (share >= 0.05) return 'high';
  if (share >= 0.01 || (code >= 500 && code <= 599 && share >= 0.005)) return 'medium';
  return 'low';
}

export function matchScenarios(scenarios: readonly Scenario[], contexts: Map<number, CodeContext>, anomalies: readonly Anomaly[], totalRequests: number): Recommendation[] {
  const hits: { scenario: Scenario; code: number; anomaly: Anomaly | undefined }[] = [];
  for (const scenario of scenarios) {
    for (const code of scenario.when.codes) {
      const ctx = contexts.get(code);
      if (ctx === undefined) continue;
      const anomaly = anomalies.filter((a) => a.codes.includes(code)).sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.observed - a.observed)[0];
      if (holds(scenario.when, ctx, anomaly, totalRequests)) hits.push({ scenario, code, anomaly });
    }
  }
  // A general scenario steps aside where a more specific one fits the same code.
  const fired = new Set(hits.map((h) => `${h.scenario.id}:${h.code}`));
  const kept = hits.filter((h) => !(h.scenario.when.unless ?? []).some((id) => fired.has(`${id}:${h.code}`)));
  const byScenario = new Map<string, typeof kept>();
  for (const h of kept) byScenario.set(h.scenario.id, [...(byScenario.get(h.scenario.id) ?? []), h]);
  const recs = [...byScenario.values()].map((group) => {
    const main = group.reduce((a, b) => (contexts.get(b.code)!.facts.count > contexts.get(a.code)!.facts.count ? b : a));
    const values = figures(contexts.get(main.code)!, main.anomaly, totalRequests);
    const affected = group.reduce((n, h) => n + (h.anomaly?.observed ?? contexts.get(h.code)!.facts.count), 0);
    const severity = group.map((h) => severityOf(h.anomaly, h.code, contexts.get(h.code)!.facts.count, totalRequests)).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
    const s = main.scenario;
    return {
      affected, rec: {
        id: '', scenario: s.id, group: s.group, codes: group.map((h) => h.code).sort((a, b) => a - b), title: s.title, severity,
        evidence: { summary: fill(s.explain, values), figures: { ...values, affected } }, actions: s.actions, fields: s.fields,
        anomalyIds: [...new Set(group.flatMap((h) => anomalies.filter((a) => a.codes.includes(h.code)).map((a) => a.id)))], sources: s.sources,
      } as Recommendation,
    };
  });
  recs.sort((a, b) => RANK[b.rec.severity] - RANK[a.rec.severity] || b.affected - a.affected || byCodePoint(a.rec.scenario, b.rec.scenario));
  return recs.map(({ rec }, i) => ({ ...rec, id: `r${i + 1}` }));
}
