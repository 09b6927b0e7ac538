/**
 * A one-line progress display on stderr for long runs: bytes and lines read, rate,
 * and an ETA for files whose size is known. Only on a terminal and never under
 * --quiet, so logs and cron mail stay clean.
 */
import type { InputInfo } from '../ingest/info.js';
import { formatBytes, formatCount } from '../report/format.js';
import { stripControl } from '../report/sanitize.js';
import type { OutStream } from './context.js';

/** Redraw at most this often. */
const INTERVAL_MS = 250;

export class Progress {
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;

  constructor(private readonly out: OutStream, private readonly enabled: boolean, private readonly now: () => number = Date.now) {
    this.started = now();
  }

  static for(out: OutStream, quiet: boolean): Progress {
    return new Progress(out, !quiet && out.isTTY === true);
  }

  update(info: InputInfo, index: number, total: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.lastDraw < INTERVAL_MS) return;
    this.lastDraw = t;
    this.out.write(`\r\u001b[2K${this.line(info, index, total, t)}`);
    this.drawn = true;
  }

  line(info: InputInfo, index: number, total: number, t: number): string {
    const seconds = Math.max((t - this.started) / 1000, 0.001);
    const rate = info.bytes / seconds;
    const name = stripControl(info.path).slice(-40);
    let text = `[${index + 1}/${total}] ${name}  ${formatBytes(info.bytes)}`;
    if (info.size !== null && info.size > 0) {
      text += ` of ${formatBytes(info.size)}`;
      const eta = rate > 0 ? Math.max(0, (info.size - info.bytes) / rate) : 0;
      text += `  ETA ${Math.ceil(eta)}s`;
    }
    return `${text}  ${formatCount(info.lines)} lines  ${formatBytes(rate)}/s`;
  }

  done(): void {
    if (this.drawn) this.out.write('\r\u001b[2K');
    this.drawn = false;
  }
}
