import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runMain, sample, tempDir } from '../../helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8'));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': ISO } });
const validate = ajv.compile(schema);

async function reportOf(args: string[]): Promise<unknown> {
  const { stdout } = await runMain(['analyze', ...args, '--json', '-']);
  return JSON.parse(stdout);
}

describe('JSON Schema (draft 2020-12)', () => {
  it('accepts the reports of every sample, together and one by one', async () => {
    const reports = [
      await reportOf([sample('')]),
      await reportOf([sample('nginx-access.log')]),
      await reportOf([sample('alb/edge-cases.log')]),
      await reportOf([sample('cloudflare/edge-cases.ndjson'), '--bucket', '1h']),
    ];
    for (const report of reports) {
      const ok = validate(report);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('accepts a report with anomalies', async () => {
    const dir = tempDir();
    const log = join(dir, 'incidents.log');
    const { code } = await runMain(['demo', '--seed', '3', '--hours', '24', '--peak', '1500', '--incidents', '4', '--out', log]);
    expect(code).toBe(0);
    const report = (await reportOf([log])) as { anomalies: unknown[] };
    expect(report.anomalies.length).toBeGreaterThanOrEqual(3);
    expect(validate(report)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('accepts an empty report', async () => {
    const file = join(tempDir(), 'empty.log');
    writeFileSync(file, '');
    expect(validate(await reportOf([file]))).toBe(true);
  });

  it('rejects a report that breaks the contract', async () => {
    const report = (await reportOf([sample('nginx-edge-cases.log')])) as { codes: { count: unknown }[]; extra?: unknown };
    report.codes[0].count = 'many';
    expect(validate(report)).toBe(false);
    const other = (await reportOf([sample('nginx-edge-cases.log')])) as Record<string, unknown>;
    other.unexpected = true;
    expect(validate(other)).toBe(false);
  });
});
