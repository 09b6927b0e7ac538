/**
 * @duckdb/node-api, loaded on first use. Its native binding takes about 0.1 s to load,
 * which commands that never open a database (codes, demo, parse, --help) should not
 * pay for. The package is
 * CommonJS, so it can be required synchronously wherever a value is first needed;
 * types come from `import type`, which costs nothing at run time.
 */
import { createRequire } from 'node:module';

type DuckDBModule = typeof import('@duckdb/node-api');

let loaded: DuckDBModule | null = null;

export function duckdb(): DuckDBModule {
  loaded ??= createRequire(import.meta.url)('@duckdb/node-api') as DuckDBModule;
  return loaded;
}
