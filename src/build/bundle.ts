/**
 * Bundles the CLI for the package's bin (`npm run build` runs this after tsc):
 *
 * - dist/logcodes.mjs, the entry, with yargs, split2 and stream-json inside, in chunks
 *   beside it (dist/logcodes-HASH.mjs) that the entry imports when it needs them: the
 *   cron re-run answered before the CLI loads (cli/quick-rerun.ts) compiles only the
 *   entry's chunk, not the 0.8 MB of the whole CLI (about 20 ms of a 0.2 s run);
 * - dist/duckdb-node-api.cjs, the DuckDB API in one file: node loaded its package's 181
 *   CommonJS modules one by one in 33 ms, this in 17 (store/duckdb-module.ts).
 *
 * The DuckDB bindings (the native library) stay outside both: npm installs them per platform.
 */
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const OUT = 'dist';
const ENTRY = 'logcodes';
/** The chunks stay in dist/ beside the entry: modules in them find files relative to their own URL (early-workers.ts, version.ts). */
const CHUNK_PREFIX = `${ENTRY}-`;

// Chunks of an earlier build have other hashes; nothing would remove them.
for (const name of readdirSync(OUT)) if (name.startsWith(CHUNK_PREFIX) && name.endsWith('.mjs')) rmSync(join(OUT, name));

await build({
  entryPoints: { [ENTRY]: 'dist/src/cli/bin.js' },
  bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20',
  outdir: OUT, chunkNames: `${CHUNK_PREFIX}[hash]`, outExtension: { '.js': '.mjs' },
  external: ['@duckdb/node-api'],
  // The help's layout needs string-width's count, not its tables of every script (help-text-width.ts).
  alias: { 'string-width': './dist/src/cli/help-text-width.js' },
  // Bundled CommonJS modules (yargs's parts) call require; an ES module has none.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});
await build({
  entryPoints: ['node_modules/@duckdb/node-api/lib/index.js'],
  bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  outfile: join(OUT, 'duckdb-node-api.cjs'), external: ['@duckdb/node-bindings'], logLevel: 'warning',
});
for (const file of [join(OUT, 'src/cli/bin.js'), join(OUT, `${ENTRY}.mjs`)]) chmodSync(file, 0o755);
