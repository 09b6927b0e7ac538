import { execFileSync } from 'node:child_process';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import helpTextWidth from '../../../src/cli/help-text-width.js';

const BUNDLE = new URL('../../../dist/logcodes.mjs', import.meta.url).pathname;
const UNBUNDLED = new URL('../../../dist/src/cli/bin.js', import.meta.url).pathname;
const COMMANDS = ['', 'analyze', 'ingest', 'report', 'export', 'query', 'parse', 'codes', 'demo'];

/** A command's help; not on a terminal, main.ts lays it out 100 columns wide. */
const help = (bin: string, command: string): string =>
  execFileSync(process.execPath, [bin, ...(command === '' ? [] : [command]), '--help'], { encoding: 'utf8' });

describe('helpTextWidth (string-width in the bundle)', () => {
  it('counts characters, not escapes, controls or combining marks', () => {
    expect(helpTextWidth('')).toBe(0);
    expect(helpTextWidth('--wait 60')).toBe(9);
    expect(helpTextWidth('\u001b[1mbold\u001b[22m')).toBe(4);
    expect(helpTextWidth('e\u0301')).toBe(1);
    expect(helpTextWidth('a\tb')).toBe(2);
    expect(helpTextWidth('threshold — 5xx')).toBe(15);
  });

  it('agrees with string-width on every line of the help', () => {
    for (const command of COMMANDS) {
      for (const line of help(UNBUNDLED, command).split('\n')) expect(helpTextWidth(line), line).toBe(stringWidth(line));
    }
  });

  it('leaves every command\'s help as the unbundled CLI prints it', () => {
    for (const command of COMMANDS) expect(help(BUNDLE, command), command).toBe(help(UNBUNDLED, command));
  }, 60_000);
});
