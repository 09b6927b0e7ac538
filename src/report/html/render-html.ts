/**
 * The self-contained HTML report: one file, inline CSS, inline SVG and a few lines of
 * inline script for sorting. A Content-Security-Policy forbids every network fetch, so
 * even a hostile string that slipped past escaping could not load anything.
 */
import type { Report } from '../model.js';
import { emptyWindowNote, formatCount } from '../format.js';
import { escapeHtml as e } from '../sanitize.js';
import { SCRIPT, STYLES } from './page-assets.js';
import { anomalies, anomalyHighlights, attribution, codes, endpoints, inputs, overview, recommendations, traffic } from './sections.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtml(report: Report): string {
  const t = report.totals;
  const sources = report.inputs.length === 1 ? report.inputs[0].path
    : report.inputs.length > 1 ? `${report.inputs.length} inputs`
      : report.store !== null ? `store ${report.store.path}` : 'exported Parquet';
  const range = t.start ? `${t.start} – ${t.end}` : emptyWindowNote(report) ?? 'no requests';
  const sections: [string, string, string][] = [
    ['overview', 'Overview', overview(report)],
    ['anomalies', 'Anomalies', anomalies(report)],
    ['recommendations', 'Recommendations', recommendations(report)],
    ['traffic', 'Traffic over time', traffic(report, anomalyHighlights(report))],
    ['codes', 'Status codes', codes(report)],
    ['endpoints', 'Endpoints', endpoints(report)],
    ['attribution', 'Who generated the errors', attribution(report)],
    ['inputs', 'Inputs and data quality', inputs(report)],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${e(report.tool.name)} ${e(report.tool.version)}">
<title>logcodes report — ${e(sources)}</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>Status codes: ${e(sources)}</h1>
<div class="meta">${formatCount(t.requests)} requests, ${e(range)} · generated ${e(report.generatedAt)} by ${e(report.tool.name)} ${e(report.tool.version)}</div>
</header>
<nav>${sections.map(([id, title]) => `<a href="#${id}">${e(title)}</a>`).join('')}</nav>
<main>
${sections.map(([id, title, body]) => `<section id="${id}"><h2>${e(title)}</h2>${body}</section>`).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
