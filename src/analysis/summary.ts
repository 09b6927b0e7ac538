/**
 * The status-code summary of a window: totals, classes and every code.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { describeCode, type CodeInfo } from '../codes/registry.js';
import { queryRows } from '../store/query.js';
import { BOUNDS_SQL, SUMMARY_SQL, TALLIED_SUMMARY_SQL } from './summary-queries.js';
import { windowParams, type AnalysisWindow } from './window.js';

export interface Totals {
  requests: number;
  startUs: number | null;
  endUs: number | null;
  success: number;
  clientErrors: number;
  serverErrors: number;
}

export interface ClassCount { class: string; count: number }
export interface CodeCount { code: number; count: number; formats: string[]; info: CodeInfo }

export interface Summary {
  totals: Totals;
  classes: ClassCount[];
  codes: CodeCount[];
}

export interface Bounds { requests: number; firstUs: number | null; lastUs: number | null }

/** The five standard classes are always listed, even at zero; others when seen. */
const STANDARD_CLASSES = [1, 2, 3, 4, 5];

export async function storedBounds(connection: DuckDBConnection): Promise<Bounds> {
  const [row] = await queryRows(connection, BOUNDS_SQL);
  return { requests: row.requests as number, firstUs: (row.first_us as number | null) ?? null, lastUs: (row.last_us as number | null) ?? null };
}

/**
 * The summary of a window. `tallied`: the window is the one the connection's time
 * series counted (timeSeries), whose tally it reads instead of the requests.
 */
export async function summarize(connection: DuckDBConnection, window: AnalysisWindow, tallied = false): Promise<Summary> {
  const rows = tallied ? await queryRows(connection, TALLIED_SUMMARY_SQL) : await queryRows(connection, SUMMARY_SQL, windowParams(window));
  const t = rows.find((r) => r.kind === 'total')!;
  const totals: Totals = {
    requests: t.count as number,
    startUs: (t.start_us as number | null) ?? null,
    endUs: (t.end_us as number | null) ?? null,
    success: t.success as number,
    clientErrors: t.client_errors as number,
    serverErrors: t.server_errors as number,
  };
  const byDigit = new Map(rows.filter((r) => r.kind === 'class').map((r) => [r.key as number, r.count as number]));
  const digits = [...new Set([...STANDARD_CLASSES, ...byDigit.keys()])].sort((a, b) => a - b);
  const classes = digits.map((d) => ({ class: `${d}xx`, count: byDigit.get(d) ?? 0 }));
  const codes = rows.filter((r) => r.kind === 'code').map((r) => {
    const formats = r.formats as string[];
    return { code: r.key as number, count: r.count as number, formats, info: describeCode(r.key as number, formats) };
  });
  return { totals, classes, codes };
}
