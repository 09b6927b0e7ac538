/** How much the bulk writer (bulk-writer.ts) puts in a row group, a joined group and a load. */

/** Records appended one by one become a row group at this many rows or text bytes. */
export const GROUP_ROWS = 16384;
export const GROUP_TEXT_BYTES = 4 * 1024 * 1024;
/**
 * How much staged data one load reads. A store in memory loads 128 MB at a time:
 * smaller loads were slower there (2M nginx lines: 32 MB 5.3 s, 128 MB 4.7 s). A
 * database file loads 16 MB at a time, on one DuckDB thread: its loads overlap parsing
 * more evenly and hold less (2M lines: 6.7 s and 345 MB against 7.2 s and 370 MB for
 * 48 MB loads).
 */
export const LOAD_BYTES = { inMemory: 128 * 1024 * 1024, file: 16 * 1024 * 1024 } as const;
/**
 * Small row groups are joined up to the size of a parse chunk (group-merger.ts): the
 * notable rows of a dozen nginx chunks make one group, while a chunk's ordinary rows
 * are written as they come. Joining those too, into 16 MB groups, made the ingest
 * slower than the report gained: writing 16 MB at a time took several times as long
 * as the same bytes in 2 MB writes on this machine (docs/performance.md).
 */
export const MERGE_BYTES = 2 * 1024 * 1024;
