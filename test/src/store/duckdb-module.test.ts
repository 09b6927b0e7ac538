import { describe, expect, it } from 'vitest';
import { duckdbSource } from '../../../src/store/duckdb-module.js';

type DuckDBModuleFile = typeof import('../../../src/store/duckdb-module.js');

describe('loading @duckdb/node-api', () => {
  it('takes the package itself when run from the sources', () => {
    expect(duckdbSource()).toMatch(/node_modules\/@duckdb\/node-api\/lib\/index\.js$/);
  });

  it('takes the build\'s one-file copy from the compiled modules, and it runs queries', async () => {
    const compiled = new URL('../../../dist/src/store/duckdb-module.js', import.meta.url).href;
    const { duckdb, duckdbSource: sourceOf } = (await import(compiled)) as DuckDBModuleFile;
    expect(sourceOf()).toBe(new URL('../../../dist/duckdb-node-api.cjs', import.meta.url).pathname);
    const instance = await duckdb().DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      expect((await connection.runAndReadAll('SELECT 40 + 2 AS answer')).getRowObjectsJS()).toEqual([{ answer: 42 }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
