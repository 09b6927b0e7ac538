import { existsSync, readFileSync } from 'node:fs';

/**
 * Read once from package.json so the report and `--version` never disagree. The
 * module runs from `src/` under vitest and from `dist/src/` when built, so look up.
 */
function findPackageJson(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return readFileSync(url, 'utf8');
  }
  return '{"name":"logcodes","version":"0.0.0"}';
}

const pkg = JSON.parse(findPackageJson()) as { name: string; version: string };

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;
