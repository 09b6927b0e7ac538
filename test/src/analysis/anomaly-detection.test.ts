import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze.js';
import { scoreDetection } from '../../../src/demo/evaluate.js';
import { generateDemo, type DemoFormat } from '../../../src/demo/write-sample.js';
import type { Report } from '../../../src/report/model.js';
import { tempDir } from '../../helpers.js';

const START = Date.UTC(2026, 10, 20) * 1000;

async function run(format: DemoFormat, seed: number, hours: number, peakPerHour: number, incidents: number) {
  const demo = generateDemo({ format, seed, startUs: START, hours, peakPerHour, junkRate: 0.001, incidentCount: incidents });
  const file = join(tempDir(), `demo-${format}-${seed}.log`);
  writeFileSync(file, [...demo.lines].join('\n') + '\n');
  const { report } = await analyze({ inputs: [file] });
  return { report, truth: demo.truth };
}

const describeMisses = (report: Report, missed: string[], spurious: string[]): string =>
  `missed ${missed.join(',') || '-'}; spurious ${report.anomalies.filter((a) => spurious.includes(a.id)).map((a) => a.summary).join(' | ') || '-'}`;

describe('the shipped incidents sample', () => {
  it('finds exactly its four incidents, each with a recommendation', async () => {
    const { readFileSync } = await import('node:fs');
    const { sample } = await import('../../helpers.js');
    const truth = JSON.parse(readFileSync(new URL('../../fixtures/nginx-incidents.truth.json', import.meta.url), 'utf8'));
    const { report } = await analyze({ inputs: [sample('nginx-incidents.log')] });
    const score = scoreDetection(report.anomalies, truth, report.window.bucketSeconds);
    expect(score).toEqual({ recall: 1, precision: 1, missed: [], spurious: [] });
    expect(report.anomalies.map((a) => a.severity)).toEqual(['high', 'high', 'high', 'high']);
    expect(report.recommendations.filter((r) => r.anomalyIds.length > 0).map((r) => r.scenario).sort())
      .toEqual(['auth-rotation', 'nginx-499-client-timeout', 'rate-limit-one-client', 'unavailable']);
  });
});

describe('anomaly detection against injected incidents', () => {
  const cases: [DemoFormat, number][] = [
    ['nginx', 1], ['nginx', 2], ['alb', 3], ['alb', 4], ['cloudflare', 5], ['cloudflare', 6], ['nginx-json', 7],
  ];
  it.each(cases)('%s seed %i: recall and precision of at least 0.8 over two days', async (format, seed) => {
    const { report, truth } = await run(format, seed, 48, 1500, 6);
    const score = scoreDetection(report.anomalies, truth, report.window.bucketSeconds);
    const detail = describeMisses(report, score.missed, score.spurious);
    expect(score.recall, detail).toBeGreaterThanOrEqual(0.8);
    expect(score.precision, detail).toBeGreaterThanOrEqual(0.8);
  });

  it('finds incidents in a low-traffic log spanning several days', async () => {
    const { report, truth } = await run('nginx', 11, 5 * 24, 25, 5);
    expect(report.totals.requests / 5).toBeLessThan(600);
    const score = scoreDetection(report.anomalies, truth, report.window.bucketSeconds);
    const detail = describeMisses(report, score.missed, score.spurious);
    expect(score.recall, detail).toBeGreaterThanOrEqual(0.8);
    expect(score.precision, detail).toBeGreaterThanOrEqual(0.8);
  });

  it.each([['nginx', 21], ['alb', 22], ['cloudflare', 23], ['nginx', 24]] as [DemoFormat, number][])(
    'stays quiet on an incident-free %s log (seed %i): no high-severity anomaly', async (format, seed) => {
      const { report } = await run(format, seed, 48, 1500, 0);
      expect(report.anomalies.filter((a) => a.severity === 'high').map((a) => a.summary)).toEqual([]);
    });

  it('stays quiet on an incident-free low-traffic log', async () => {
    const { report } = await run('nginx', 31, 4 * 24, 25, 0);
    expect(report.anomalies.filter((a) => a.severity === 'high').map((a) => a.summary)).toEqual([]);
  });
});
