/**
 * Inline SVG charts drawn from the report model: no library, no network. Every label
 * that could come from a log passes through escapeHtml.
 */
import { escapeHtml } from '../sanitize.js';

export const CLASS_COLORS: Record<string, string> = {
  '1xx': '#6c8ebf', '2xx': '#3a9d5d', '3xx': '#48a9c5', '4xx': '#e0a100', '5xx': '#d64541',
};
const OTHER_COLOR = '#8e6bbf';
export const classColor = (cls: string): string => CLASS_COLORS[cls] ?? OTHER_COLOR;

const W = 960;
const H = 240;
const M = { top: 12, right: 16, bottom: 28, left: 56 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

export interface Series { label: string; color: string; values: (number | null)[]; dashed?: boolean }

/** Marks a time range on a chart (anomalies), by bucket index. */
export interface Highlight { from: number; to: number; label: string }

function axes(maxY: number, formatY: (v: number) => string, xLabels: string[], n: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = M.top + PLOT_H * (1 - f);
    return `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" class="grid"/>` +
      `<text x="${M.left - 6}" y="${y + 4}" text-anchor="end" class="tick">${escapeHtml(formatY(maxY * f))}</text>`;
  }).join('');
  const anchors = ['start', 'middle', 'end'];
  const xs = xLabels.length === 0 ? '' : [0, Math.floor((n - 1) / 2), n - 1].map((i, k) => {
    const x = k === 0 ? M.left : k === 2 ? W - M.right : M.left + (PLOT_W * (i + 0.5)) / n;
    return `<text x="${x}" y="${H - 8}" text-anchor="${anchors[k]}" class="tick">${escapeHtml(xLabels[i] ?? '')}</text>`;
  }).join('');
  return ticks + xs;
}

function highlights(marks: readonly Highlight[], n: number): string {
  return marks.map((m) => {
    const x = M.left + (PLOT_W * m.from) / n;
    const w = Math.max((PLOT_W * (m.to - m.from + 1)) / n, 2);
    return `<rect x="${x}" y="${M.top}" width="${w}" height="${PLOT_H}" class="highlight"><title>${escapeHtml(m.label)}</title></rect>`;
  }).join('');
}

function svg(title: string, body: string): string {
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" class="chart"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

const niceMax = (v: number): number => {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((c) => c >= v) ?? v;
};

/** Stacked bars: one bar per bucket, one segment per class. */
export function stackedBars(title: string, stacks: { label: string; segments: { key: string; value: number }[] }[], xLabels: string[], marks: readonly Highlight[] = []): string {
  const n = Math.max(stacks.length, 1);
  const maxY = niceMax(Math.max(0, ...stacks.map((s) => s.segments.reduce((a, b) => a + b.value, 0))));
  const barW = PLOT_W / n;
  const bars = stacks.map((stack, i) => {
    let y = M.top + PLOT_H;
    return stack.segments.filter((s) => s.value > 0).map((s) => {
      const h = (PLOT_H * s.value) / maxY;
      y -= h;
      return `<rect x="${(M.left + i * barW).toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(barW - 0.5, 0.5).toFixed(2)}" height="${h.toFixed(2)}" fill="${classColor(s.key)}">` +
        `<title>${escapeHtml(`${stack.label} ${s.key}: ${s.value}`)}</title></rect>`;
    }).join('');
  }).join('');
  return svg(title, axes(maxY, (v) => String(Math.round(v)), xLabels, n) + highlights(marks, n) + bars);
}

/** Lines over buckets; null values leave gaps. */
export function lineChart(title: string, series: readonly Series[], xLabels: string[], formatY: (v: number) => string, marks: readonly Highlight[] = []): string {
  const n = Math.max(...series.map((s) => s.values.length), 1);
  const maxY = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const x = (i: number): number => M.left + (PLOT_W * (i + 0.5)) / n;
  const y = (v: number): number => M.top + PLOT_H * (1 - v / maxY);
  const paths = series.map((s) => {
    let d = '';
    let dots = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      // A value with no neighbour would be an invisible zero-length line: draw a dot.
      if (!pen && (s.values[i + 1] ?? null) === null) dots += `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${s.color}"/>`;
      pen = true;
    });
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="4 3"' : ''}><title>${escapeHtml(s.label)}</title></path>${dots}`;
  }).join('');
  const legend = series.map((s, i) => `<g transform="translate(${M.left + 8 + i * 130},${M.top + 4})"><rect width="12" height="3" y="5" fill="${s.color}"/><text x="16" y="10" class="tick">${escapeHtml(s.label)}</text></g>`).join('');
  return svg(title, axes(maxY, formatY, xLabels, n) + highlights(marks, n) + paths + legend);
}

/** Horizontal bars with a label and value on each row. */
export function horizontalBars(title: string, rows: { label: string; value: number; color: string; note: string }[]): string {
  const rowH = 22;
  const height = rows.length * rowH + 8;
  const labelW = 260;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const body = rows.map((r, i) => {
    const w = ((W - labelW - 120) * r.value) / max;
    const y = 4 + i * rowH;
    return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="label">${escapeHtml(r.label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${Math.max(w, 1).toFixed(1)}" height="${rowH - 6}" fill="${r.color}"><title>${escapeHtml(`${r.label}: ${r.note}`)}</title></rect>` +
      `<text x="${labelW + w + 6}" y="${y + 15}" class="tick">${escapeHtml(r.note)}</text>`;
  }).join('');
  return `<svg viewBox="0 0 ${W} ${height}" role="img" aria-label="${escapeHtml(title)}" class="chart"><title>${escapeHtml(title)}</title>${body}</svg>`;
}
