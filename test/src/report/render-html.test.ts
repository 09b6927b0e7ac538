import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { renderHtml } from '../../../src/report/html/render-html.js';
import { sample, tempDir } from '../../helpers.js';

const HOSTILE_UA = '<script>alert("ua")</script><img src=x onerror=alert(1)>';
const HOSTILE_PATH = '/search/"><svg onload=alert(2)>';

async function hostileReportHtml(): Promise<string> {
  const file = join(tempDir(), 'hostile.log');
  const line = (status: number, path: string, ua: string): string =>
    `192.0.2.66 - - [26/Nov/2026:10:00:00 +0000] "GET ${path} HTTP/1.1" ${status} 10 "-" "${ua}"`;
  writeFileSync(file, [line(404, HOSTILE_PATH, HOSTILE_UA), line(500, '/ok', 'curl'), line(200, '/ok', HOSTILE_UA), 'junk <b>line</b>'].join('\n') + '\n');
  const { report } = await analyze({ inputs: [file] });
  return renderHtml(report);
}

describe('HTML report', () => {
  it('escapes every log-derived string', async () => {
    const html = await hostileReportHtml();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>line</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;ua&quot;)&lt;/script&gt;');
    expect(html).toContain('junk &lt;b&gt;line&lt;/b&gt;');
  });

  it('shows control characters and bidirectional overrides as escapes, never raw', async () => {
    const file = join(tempDir(), 'controls.log');
    writeFileSync(file, [
      '192.0.2.66 - - [26/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 404 10 "-" "evil\u001b[2J\u202egnp.exe"',
      '\u0016\u0003\u0001 tls junk',
    ].join('\n') + '\n');
    const { report } = await analyze({ inputs: [file], format: 'nginx' });
    const html = renderHtml(report);
    // eslint-disable-next-line no-control-regex
    expect(html.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)).toBeNull();
    expect(html).toContain('evil\\x1b[2J\\u202egnp.exe');
    expect(html).toContain('\\x16\\x03\\x01 tls junk');
  });

  it('is self-contained: no external URL is referenced, and a CSP forbids fetching', async () => {
    const { report } = await analyze({ inputs: [sample('nginx-access.log')] });
    const html = renderHtml(report);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*"(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain('<svg');
    expect(html).toContain('id="codes-table"');
    expect(html).toContain('GET /api/v1/users/{id}');
  });
});

describe('HTML anomalies and recommendations', () => {
  it('lists anomalies, highlights them on the charts, and links recommendations to them', async () => {
    const { craftLog } = await import('../../fixtures/craft.js');
    const file = craftLog('nginx', [{ n: 150, status: 429, client: '192.0.2.77', minute: 30, path: '/api/v1/search' }]);
    const { report } = await analyze({ inputs: [file] });
    const html = renderHtml(report);
    expect(report.anomalies).toHaveLength(1);
    expect(html).toContain('id="anomaly-a1"');
    expect(html).toContain('class="highlight"');
    expect(html).toContain('href="#anomaly-a1"');
    expect(html).toContain('id="rec-r1"');
    expect(html).toContain('150 requests from 192.0.2.77 to GET /api/v1/search got 429');
  });
});

const CHROMIUM = '/usr/bin/chromium';
const needBrowser = process.env.CI === 'true';

describe.runIf(existsSync(CHROMIUM) || needBrowser)('HTML report in a real browser', () => {
  it('opens offline with no console errors and no requests, showing figures, charts and sortable tables', async () => {
    const { chromium } = await import('playwright-core');
    const { report } = await analyze({ inputs: [sample('')] });
    const html = renderHtml(report);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, offline: true });
      const requests: string[] = [];
      await context.route('**/*', (route) => { requests.push(route.request().url()); return route.abort(); });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(html, { waitUntil: 'load' });

      expect(report.totals.requests).toBe(17635);
      expect(await page.locator('.card .value').first().textContent()).toBe('17,635');
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('#codes-table tbody tr').count()).toBe(report.codes.length);
      expect(await page.locator('#endpoints-table tbody tr').count()).toBe(report.endpoints.rows.length);

      // Sorting: click "Requests" twice (ascending, then descending) in the codes table.
      const requestsHeader = page.locator('#codes-table th', { hasText: 'Requests' });
      await requestsHeader.click();
      const ascending = await page.locator('#codes-table tbody tr td:nth-child(5)').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      await requestsHeader.click();
      const firstCode = await page.locator('#codes-table tbody tr td:first-child').first().textContent();
      expect(firstCode).toBe(String(report.codes[0].code));

      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: 'test-artifacts/html-report.png', fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
