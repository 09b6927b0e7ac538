/**
 * Benchmark inputs, made once with the demo generator and kept between runs.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { sampleLines, type DemoFormat } from '../demo/write-sample.js';

/** A day of traffic scaled to the wanted number of lines (the diurnal mean is ~0.62 of the peak). */
export async function ensureInput(dir: string, format: DemoFormat, lines: number): Promise<string> {
  const file = join(dir, `${format}-${lines}.log`);
  if (existsSync(file)) return file;
  const hours = 24;
  const peakPerHour = Math.round(lines / hours / 0.625);
  const out = createWriteStream(`${file}.part`);
  let n = 0;
  for (const line of sampleLines({ format, seed: 42, startUs: Date.UTC(2026, 10, 1) * 1000, hours, peakPerHour, junkRate: 0.0005 })) {
    if (!out.write(line + '\n')) await once(out, 'drain');
    if (++n >= lines) break;
  }
  out.end();
  await once(out, 'finish');
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.part`, file);
  return file;
}
