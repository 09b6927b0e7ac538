import { describe, expect, it } from 'vitest';
import { newInputInfo } from '../../../src/ingest/info.js';
import { Progress } from '../../../src/cli/progress.js';

function capture(isTTY: boolean): { out: { write(s: string): boolean; isTTY: boolean }; text: () => string } {
  let text = '';
  return { out: { write: (s: string) => { text += s; return true; }, isTTY }, text: () => text };
}

describe('progress line', () => {
  it('shows bytes, size, ETA, lines and rate on a terminal', () => {
    let clock = 0;
    const { out, text } = capture(true);
    const progress = new Progress(out, true, () => clock);
    const info = { ...newInputInfo('/var/log/nginx/access.log'), bytes: 10 * 1024 * 1024, size: 40 * 1024 * 1024, lines: 50000 };
    clock = 2000;
    progress.update(info, 0, 3);
    expect(text()).toBe('\r\u001b[2K[1/3] /var/log/nginx/access.log  10.0 MiB of 40.0 MiB  ETA 6s  50,000 lines  5.0 MiB/s');
    clock = 2100;
    progress.update({ ...info, bytes: 11 * 1024 * 1024 }, 0, 3); // throttled
    expect(text().split('\r').length).toBe(2);
    progress.done();
    expect(text().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('stays silent when stderr is not a terminal or under --quiet', () => {
    const piped = capture(false);
    const p1 = Progress.for(piped.out, false);
    p1.update({ ...newInputInfo('x'), bytes: 1 }, 0, 1);
    p1.done();
    expect(piped.text()).toBe('');
    const quiet = capture(true);
    const p2 = Progress.for(quiet.out, true);
    p2.update({ ...newInputInfo('x'), bytes: 1 }, 0, 1);
    expect(quiet.text()).toBe('');
  });
});
