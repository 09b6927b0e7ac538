/**
 * Benchmark inputs, made once with the demo generator and kept between runs.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
  renameSync(`${file}.part`, file);
  return file;
}

/**
 * A folder of `files` small nginx logs of `linesEach` lines, in folders of a hundred: the
 * shape of a cron job's archive of rotated or per-interval files (ALB writes one per
 * load balancer node every five minutes). The day is generated a little denser than
 * needed, so that it never runs out before the last file.
 */
export async function ensureFolder(dir: string, files: number, linesEach: number): Promise<string> {
  const folder = join(dir, `nginx-folder-${files}x${linesEach}`);
  if (existsSync(folder)) return folder;
  const part = `${folder}.part`;
  let index = 0;
  let lines: string[] = [];
  for (const line of sampleLines({ format: 'nginx', seed: 7, startUs: Date.UTC(2026, 10, 1) * 1000, hours: 24, peakPerHour: Math.round((files * linesEach) / 24 / 0.55), junkRate: 0 })) {
    lines.push(line);
    if (lines.length < linesEach) continue;
    const sub = join(part, String(Math.floor(index / 100)).padStart(3, '0'));
    if (index % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `access-${String(index).padStart(5, '0')}.log`), lines.join('\n') + '\n');
    lines = [];
    if (++index >= files) break;
  }
  renameSync(part, folder);
  return folder;
}
