/**
 * The sections of the HTML report, each a pure function of the report model that
 * returns markup. Log-derived text goes through `e` (escapeHtml) without exception.
 */
import { SEVERITY_RANK } from '../../analysis/anomaly/types.js';
import { statusClass } from '../../codes/registry.js';
import type { Report, ReportCode, ReportShare } from '../model.js';
import { formatBytes, formatCode, formatCount, formatSeconds, formatShare, formatSignedPoints } from '../format.js';
import { escapeHtml as e } from '../sanitize.js';
import { classColor, horizontalBars, lineChart, stackedBars, type Highlight } from './charts.js';

const num = (value: number, text: string): string => `<td class="num" data-v="${value}">${e(text)}</td>`;
/** Anomaly counts are rates times bucket sizes: two decimals are all that mean anything. */
const hundredths = (x: number): number => Math.round(x * 100) / 100;
const codeCell = (code: number, cls: string): string => `<td class="code c${e(cls)}" data-v="${code}">${formatCode(code)}</td>`;

function shortTime(iso: string, spanDays: number): string {
  if (spanDays >= 300) return iso.slice(0, 10);
  return spanDays >= 2 ? iso.slice(5, 16).replace('T', ' ') : iso.slice(11, 16);
}

export function overview(report: Report): string {
  const t = report.totals;
  const l = report.latency.overall;
  const cards: [string, string][] = [
    ['Requests', formatCount(t.requests)],
    ['Success (2xx)', formatShare(t.successRate)],
    ['Client errors (4xx)', formatShare(t.clientErrorRate)],
    ['Server errors (5xx)', formatShare(t.serverErrorRate)],
    ['Latency p95', l === null ? 'not logged' : formatSeconds(l.p95)],
    ['Malformed lines', formatCount(t.malformed)],
  ];
  let html = `<div class="cards">${cards.map(([label, value]) => `<div class="card"><div class="value">${e(value)}</div><div class="label">${e(label)}</div></div>`).join('')}</div>`;
  const tr = report.trend;
  if (tr !== null) {
    const row = (name: string, c: { current: number | null; previous: number | null; change: number | null }): string =>
      `<tr><td>${name}</td><td class="num">${formatShare(c.current)}</td><td class="num">${formatShare(c.previous)}</td><td class="num">${e(formatSignedPoints(c.change))}</td></tr>`;
    html += `<h3>Compared with the previous period</h3><p class="muted">${e(tr.previousFrom)} – ${e(tr.previousTo)}, ${formatCount(tr.previousRequests)} requests</p>` +
      `<table><thead><tr><th>Rate</th><th class="num">Now</th><th class="num">Before</th><th class="num">Change</th></tr></thead><tbody>` +
      row('Success', tr.successRate) + row('Client errors', tr.clientErrorRate) + row('Server errors', tr.serverErrorRate) + '</tbody></table>' +
      `<table><thead><tr><th>Code</th><th class="num">Share now</th><th class="num">Before</th><th class="num">Change</th></tr></thead><tbody>` +
      tr.codes.slice(0, 10).map((c) => `<tr><td class="code">${formatCode(c.code)}</td><td class="num">${formatShare(c.share)}</td><td class="num">${formatShare(c.previousShare)}</td><td class="num">${e(formatSignedPoints(c.change))}</td></tr>`).join('') +
      '</tbody></table>';
  }
  return html;
}

export function traffic(report: Report, marks: readonly Highlight[]): string {
  const buckets = report.timeseries;
  if (buckets.length === 0) return '<p class="empty">No requests in this window.</p>';
  const spanDays = (Date.parse(buckets[buckets.length - 1].start) - Date.parse(buckets[0].start)) / 86400e3;
  const labels = buckets.map((b) => shortTime(b.start, spanDays));
  const classes = report.classes.map((c) => c.class);
  let html = `<h3>Requests by class, per ${e(report.window.bucket)}</h3>` + stackedBars('Requests by class over time',
    buckets.map((b) => ({ label: b.start, segments: classes.map((cls) => ({ key: cls, value: b.classes[cls] ?? 0 })) })), labels, marks);
  html += `<p class="muted">${classes.map((c) => `<span style="color:${classColor(c)}">■</span> ${e(c)}`).join(' &nbsp; ')}</p>`;
  html += '<h3>Error rate</h3>' + lineChart('Error rate over time', [
    { label: '4xx rate', color: classColor('4xx'), values: buckets.map((b) => b.clientErrorRate) },
    { label: '5xx rate', color: classColor('5xx'), values: buckets.map((b) => b.serverErrorRate) },
  ], labels, (v) => `${Number((v * 100).toFixed(1))}%`, marks);
  if (report.latency.available) {
    const p = (k: 'p50' | 'p95' | 'p99'): (number | null)[] => buckets.map((b) => (b.latency === null ? null : b.latency[k]));
    html += '<h3>Latency percentiles</h3>' + lineChart('Latency percentiles over time', [
      { label: 'p50', color: '#3a9d5d', values: p('p50') },
      { label: 'p95', color: '#e0a100', values: p('p95') },
      { label: 'p99', color: '#d64541', values: p('p99'), dashed: true },
    ], labels, (v) => formatSeconds(v), marks);
  }
  return html;
}

function shareList(title: string, items: ReportShare[]): string {
  if (items.length === 0) return '';
  return `<div><h4>${e(title)}</h4><table><tbody>${items.map((s) =>
    `<tr><td>${s.value === null ? '<span class="muted">(none)</span>' : e(s.value)}</td><td class="num">${formatCount(s.count)}</td><td class="num">${formatShare(s.share)}</td></tr>`).join('')}</tbody></table></div>`;
}

function generatedBy(c: ReportCode): string {
  const g = c.generatedBy;
  if (g === null) return '';
  const parts = [[g.proxyLabel, g.proxy], [g.upstreamLabel, g.upstream], ['unknown', g.unknown]].filter(([, n]) => (n as number) > 0);
  return parts.map(([label, n]) => `${e(String(label))} ${formatCount(n as number)}`).join(', ');
}

export function codes(report: Report): string {
  const top = report.codes.slice(0, 15);
  let html = horizontalBars('Most frequent status codes', top.map((c) => ({
    label: `${formatCode(c.code)} ${c.name}`, value: c.count, color: classColor(c.class), note: `${formatCount(c.count)} (${formatShare(c.share)})`,
  })));
  html += '<table class="sortable" id="codes-table"><thead><tr><th>Code</th><th>Name</th><th>Vendor</th><th>Class</th><th class="num">Requests</th><th class="num">Share</th><th>Generated by</th></tr></thead><tbody>' +
    report.codes.map((c) => `<tr>${codeCell(c.code, c.class)}<td>${e(c.known ? c.name : 'unknown code')}</td><td>${e(c.vendorLabel)}</td><td>${e(c.class)}</td>` +
      `${num(c.count, formatCount(c.count))}${num(c.share, formatShare(c.share))}<td>${generatedBy(c)}</td></tr>`).join('') + '</tbody></table>';
  for (const c of report.codes.filter((x) => x.top !== null)) {
    const t = c.top!;
    html += `<details id="code-${c.code}"><summary><span class="code c${e(c.class)}">${formatCode(c.code)}</span> ${e(c.name)} — ${formatCount(c.count)} requests</summary>` +
      `<p>${e(c.meaning)}${c.generatedBy ? ` <span class="tag">${generatedBy(c)}</span>` : ''}</p><div class="grid2">` +
      shareList('Endpoints', t.endpoints) + shareList('Clients', t.clients) + shareList('User agents', t.userAgents) + shareList('Hosts', t.hosts) +
      '</div></details>';
  }
  return html;
}

export function endpoints(report: Report): string {
  const rows = report.endpoints.rows;
  if (rows.length === 0) return '<p class="empty">No endpoints.</p>';
  return `<p class="muted">${formatCount(report.endpoints.distinct)} distinct endpoints; variable path segments shown as {id}, {uuid}, {hash}, {token}. Sorted by errors.</p>` +
    '<table class="sortable" id="endpoints-table"><thead><tr><th>Endpoint</th><th class="num">Requests</th><th class="num">4xx</th><th class="num">5xx</th><th class="num">Error rate</th><th>Codes</th></tr></thead><tbody>' +
    rows.map((r) => `<tr><td><code>${e(r.endpoint)}</code></td>${num(r.total, formatCount(r.total))}${num(r.clientErrors, formatCount(r.clientErrors))}` +
      `${num(r.serverErrors, formatCount(r.serverErrors))}${num(r.errorRate, formatShare(r.errorRate))}<td>${r.codes.map((c) =>
        `<span class="code c${statusClass(c.code)}" title="${formatShare(c.share)}">${formatCode(c.code)}</span>×${formatCount(c.count)}`).join(' ')}</td></tr>`).join('') +
    '</tbody></table>';
}

export function attribution(report: Report): string {
  if (report.attribution.length === 0) return '<p class="empty">No error responses.</p>';
  return '<table class="sortable" id="attribution-table"><thead><tr><th>Code</th><th>Format</th><th class="num">Errors</th><th class="num">By proxy/edge/LB</th><th class="num">By upstream/origin/target</th><th class="num">Unknown</th></tr></thead><tbody>' +
    report.attribution.map((a) => `<tr>${codeCell(a.code, statusClass(a.code))}<td>${e(a.format)}</td>${num(a.total, formatCount(a.total))}` +
      `${num(a.proxy, `${formatCount(a.proxy)} ${a.proxyLabel}`)}${num(a.upstream, `${formatCount(a.upstream)} ${a.upstreamLabel}`)}${num(a.unknown, formatCount(a.unknown))}</tr>`).join('') +
    '</tbody></table>';
}

export function inputs(report: Report): string {
  let html = '<table class="sortable" id="inputs-table"><thead><tr><th>Input</th><th>Format</th><th class="num">Size</th><th class="num">Lines</th><th class="num">Records</th><th class="num">Malformed</th><th class="num">Skipped</th><th>Status</th></tr></thead><tbody>' +
    report.inputs.map((i) => `<tr><td><code>${e(i.path)}</code></td><td>${e(i.format ?? '—')}${i.gzip ? ' <span class="tag">gzip</span>' : ''}</td>` +
      `${num(i.bytes, formatBytes(i.bytes))}${num(i.lines, formatCount(i.lines))}${num(i.records, formatCount(i.records))}${num(i.malformed, formatCount(i.malformed))}` +
      `${num(i.skipped, formatCount(i.skipped))}<td>${i.error === null ? 'ok' : e(i.error)}</td></tr>`).join('') + '</tbody></table>';
  if (report.malformedSamples.length > 0) {
    html += '<h3>Malformed line samples</h3>' + report.malformedSamples.map((s) =>
      `<p><code>${e(s.path)}:${s.line}</code> <span class="tag">${e(s.code)}</span> ${e(s.reason)}</p><pre>${e(s.text)}</pre>`).join('');
  }
  if (report.latency.byClass.length > 0) {
    html += '<h3>Latency by class</h3><table><thead><tr><th>Class</th><th class="num">Timed</th><th class="num">Mean</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th></tr></thead><tbody>' +
      report.latency.byClass.map((l) => `<tr><td>${e(l.class)}</td><td class="num">${formatCount(l.timed)}</td><td class="num">${formatSeconds(l.mean)}</td>` +
        `<td class="num">${formatSeconds(l.p50)}</td><td class="num">${formatSeconds(l.p95)}</td><td class="num">${formatSeconds(l.p99)}</td></tr>`).join('') + '</tbody></table>';
  }
  return html;
}

/** Anomalies as chart highlights, by bucket index of the time series. */
export function anomalyHighlights(report: Report): Highlight[] {
  const starts = report.timeseries.map((b) => Date.parse(b.start));
  const index = (iso: string, end: boolean): number => {
    const t = Date.parse(iso) - (end ? 1 : 0);
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1] <= t) i++;
    return i;
  };
  return report.anomalies.map((a) => ({ from: index(a.start, false), to: index(a.end, true), label: `${a.id}: ${a.summary}` }));
}

export function anomalies(report: Report): string {
  const d = report.detection;
  if (report.anomalies.length === 0) {
    return `<p class="empty">No anomalies at sensitivity ${e(d.sensitivity)} (SLO ${d.slo}%): error rates, codes and latency stayed within their baselines.</p>`;
  }
  const rows = report.anomalies.map((a) => {
    const ev = a.evidence;
    const top = (label: string, items: ReportShare[]): string => items.length === 0 ? '' :
      `<div><h4>${label}</h4><table><tbody>${items.map((s) => `<tr><td>${s.value === null ? '<span class="muted">(none)</span>' : e(s.value)}</td><td class="num">${formatCount(s.count)}</td><td class="num">${formatShare(s.share)}</td></tr>`).join('')}</tbody></table></div>`;
    const timing = ev.timing === null ? '' : `<p class="muted">Request times: p50 ${formatSeconds(ev.timing.p50)}, p90 ${formatSeconds(ev.timing.p90)}${ev.timing.nearTimeout ? `; ${formatShare(ev.timing.nearTimeout.share)} near ${ev.timing.nearTimeout.seconds} s` : ''}. Generated by proxy ${formatCount(ev.generatedBy.proxy)}, upstream ${formatCount(ev.generatedBy.upstream)}.</p>`;
    return `<details id="anomaly-${e(a.id)}" class="anomaly ${e(a.severity)}"${a.severity === 'high' ? ' open' : ''}><summary><span class="tag sev-${e(a.severity)}">${e(a.severity)}</span> <strong>${e(a.id)}</strong> ${e(a.summary)}</summary>` +
      `<p class="muted">${e(a.kind)} · ${e(a.start)} – ${e(a.end)} · observed ${formatCount(hundredths(a.observed))}, expected ${hundredths(a.expected)} · score ${a.score} · ${formatCount(ev.distinctClients)} clients, ${formatCount(ev.distinctPaths)} paths</p>` +
      timing + `<div class="grid2">${top('Endpoints', ev.endpoints)}${top('Clients', ev.clients)}${top('User agents', ev.userAgents)}${top('Hosts', ev.hosts)}</div></details>`;
  }).join('');
  const table = '<table class="sortable" id="anomalies-table"><thead><tr><th>Id</th><th>Severity</th><th>Kind</th><th>Codes</th><th>Start</th><th>End</th><th class="num">Observed</th><th class="num">Expected</th></tr></thead><tbody>' +
    report.anomalies.map((a) => `<tr><td><a href="#anomaly-${e(a.id)}">${e(a.id)}</a></td><td data-v="${SEVERITY_RANK[a.severity]}">${e(a.severity)}</td><td>${e(a.kind)}</td>` +
      `<td>${a.codes.map((c) => formatCode(c)).join(', ')}</td><td>${e(a.start)}</td><td>${e(a.end)}</td>${num(a.observed, String(hundredths(a.observed)))}${num(a.expected, String(hundredths(a.expected)))}</tr>`).join('') + '</tbody></table>';
  return `<p class="muted">Highlighted in red on the charts below. Sensitivity ${e(d.sensitivity)}, SLO ${d.slo}%.</p>` + table + rows;
}

export function recommendations(report: Report): string {
  if (report.recommendations.length === 0) return '<p class="empty">No playbook scenario matched the evidence in this window.</p>';
  return report.recommendations.map((r) => {
    const list = (items: string[]): string => (items.length === 0 ? '<p class="muted">—</p>' : `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`);
    const anomalyLinks = r.anomalyIds.map((id) => `<a href="#anomaly-${e(id)}">${e(id)}</a>`).join(', ');
    const codeLinks = r.codes.map((c) => `<a href="#code-${c}" class="code">${formatCode(c)}</a>`).join(', ');
    return `<details id="rec-${e(r.id)}" class="anomaly ${e(r.severity)}"${r.severity !== 'low' ? ' open' : ''}><summary><span class="tag sev-${e(r.severity)}">${e(r.severity)}</span> <strong>${e(r.id)}</strong> ${e(r.title)}</summary>` +
      `<p>${e(r.evidence.summary)}</p><p class="muted">Codes ${codeLinks}${anomalyLinks ? ` · anomalies ${anomalyLinks}` : ''} · scenario <code>${e(r.scenario)}</code> · look at ${r.fields.map((f) => `<code>${e(f)}</code>`).join(' ')}</p>` +
      `<div class="grid2"><div><h4>Server side</h4>${list(r.actions.server)}</div><div><h4>Client side</h4>${list(r.actions.client)}</div></div>` +
      `<p class="muted">Sources: ${r.sources.map((u) => `<span>${e(u)}</span>`).join(' · ')}</p></details>`;
  }).join('');
}
