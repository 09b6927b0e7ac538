/**
 * @duckdb/node-api, loaded on first use: its native binding and its modules take about
 * 50 ms to load, which commands that never open a database (codes, demo, parse, --help)
 * should not pay for. The package is CommonJS, so it can be required synchronously
 * wherever a value is first needed; types come from `import type`, which costs nothing
 * at run time.
 *
 * The build also bundles the package's 181 modules into one file next to the CLI
 * (dist/duckdb-node-api.cjs; the native binding stays where npm put it). Node resolves,
 * reads and wraps each module on its own: 33 ms against 17 for the one file, about a
 * twentieth of a cron re-run. That copy is used wherever it is found, from the CLI's
 * bundle (dist/) or from the compiled modules (dist/src/store/); run from the sources
 * (the tests), the package is.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type DuckDBModule = typeof import('@duckdb/node-api');

const BUNDLED_NAME = 'duckdb-node-api.cjs';
const BUNDLED_PLACES = [`./${BUNDLED_NAME}`, `../../${BUNDLED_NAME}`];

let loaded: { module: DuckDBModule; from: string } | null = null;

function load(): { module: DuckDBModule; from: string } {
  const require = createRequire(import.meta.url);
  for (const place of BUNDLED_PLACES) {
    const file = fileURLToPath(new URL(place, import.meta.url));
    if (existsSync(file)) return { module: require(file) as DuckDBModule, from: file };
  }
  return { module: require('@duckdb/node-api') as DuckDBModule, from: require.resolve('@duckdb/node-api') };
}

export function duckdb(): DuckDBModule {
  loaded ??= load();
  return loaded.module;
}

/** The file duckdb() loaded the API from (the build's bundle or the package's entry). */
export function duckdbSource(): string {
  duckdb();
  return loaded!.from;
}
