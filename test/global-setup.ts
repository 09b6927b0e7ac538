/**
 * One temporary folder for the whole test run. TMPDIR points into it, so the test
 * workers, the CLI processes they start and the code under test (staging files, DuckDB
 * spill directories, tempDir()) all make their temporary files there; it is removed
 * when the run ends, even for runs a test killed on purpose.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'logcodes-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
