/**
 * Private temporary directories this process made (staging files, DuckDB's spill
 * directory), so that a run stopped by a signal can remove them: without --db the
 * staging files of a big log take most of its size on disk until the run ends.
 * Directories are made with mkdtemp (owner-only, unpredictable names); bin.ts calls
 * removeAllTempDirs on SIGINT and SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

export function makeTempDir(prefix: string, parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, prefix));
  made.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

export function removeAllTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
