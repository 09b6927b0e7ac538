/**
 * The page's CSS and script, inlined so the report opens offline and makes no
 * request of any kind (no CDN, no web font, no remote script).
 */
export const STYLES = `
:root { --fg:#1d2330; --muted:#5f6b7a; --line:#dde2e8; --bg:#fff; --panel:#f6f8fa; --accent:#2f6fde; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
header { padding:20px 32px 12px; border-bottom:1px solid var(--line); }
header h1 { margin:0 0 4px; font-size:22px; }
header .meta { color:var(--muted); }
nav { position:sticky; top:0; background:var(--bg); border-bottom:1px solid var(--line); padding:8px 32px; z-index:2; }
nav a { margin-right:16px; color:var(--accent); text-decoration:none; }
main { padding:8px 32px 48px; max-width:1280px; }
section { margin-top:28px; }
h2 { font-size:18px; border-bottom:1px solid var(--line); padding-bottom:4px; }
h3 { font-size:15px; margin:18px 0 6px; }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(170px,1fr)); gap:12px; }
.card { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:10px 14px; }
.card .value { font-size:22px; font-weight:600; }
.card .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.chart { width:100%; height:auto; background:var(--bg); border:1px solid var(--line); border-radius:6px; margin:6px 0 14px; }
.chart .grid { stroke:#eef1f4; } .chart .tick { font-size:11px; fill:var(--muted); } .chart .label { font-size:12px; fill:var(--fg); }
.chart .highlight { fill:#d64541; opacity:.14; }
table { border-collapse:collapse; width:100%; margin:6px 0 14px; font-variant-numeric:tabular-nums; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:var(--panel); font-weight:600; white-space:nowrap; }
table.sortable th { cursor:pointer; user-select:none; }
table.sortable th[aria-sort=ascending]::after { content:" ▲"; } table.sortable th[aria-sort=descending]::after { content:" ▼"; }
td.num, th.num { text-align:right; }
.code { font-weight:600; font-family:ui-monospace,SFMono-Regular,Menlo,monospace; }
.c1xx{color:#4f6fa0}.c2xx{color:#2d7d49}.c3xx{color:#2f87a0}.c4xx{color:#a87700}.c5xx{color:#b3302c}.c0xx{color:#6d4fa0}
.tag { display:inline-block; padding:0 6px; border-radius:4px; background:var(--panel); border:1px solid var(--line); font-size:12px; color:var(--muted); }
.sev-high { background:#fbe3e2; color:#a12a26; border-color:#efb3b0; } .sev-medium { background:#fdf1d6; color:#8a6100; border-color:#f0d79a; }
details.anomaly.high { border-color:#efb3b0; }
.muted { color:var(--muted); } .empty { color:var(--muted); font-style:italic; }
details { border:1px solid var(--line); border-radius:6px; padding:6px 10px; margin:6px 0; }
summary { cursor:pointer; }
code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,monospace; font-size:12px; }
pre { white-space:pre-wrap; word-break:break-all; background:var(--panel); padding:6px; border-radius:4px; }
.grid2 { display:grid; grid-template-columns:repeat(auto-fit,minmax(280px,1fr)); gap:12px; }
@media print {
  nav { display:none; } header { padding:0 0 8px; } main { padding:0; max-width:none; }
  section, .chart, table, details { break-inside:avoid; } details { border:none; } details > summary { list-style:none; }
  a { color:inherit; text-decoration:none; }
}
`;

/** Click a header to sort; numbers sort by their data-v value. */
export const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[col];
        var v = cell.getAttribute('data-v');
        return v !== null ? parseFloat(v) : cell.textContent.trim().toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return asc ? r : -r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;
