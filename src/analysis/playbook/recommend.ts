/**
 * Recommendations for a window: code facts from SQL, attribution and anomalies from the
 * analysis, matched against the playbook table.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Anomaly } from '../anomaly/types.js';
import { generatedByOf, type AttributionRow } from '../attribution.js';
import type { Summary } from '../summary.js';
import type { AnalysisWindow } from '../window.js';
import { codeFacts, type FactParts } from './code-facts.js';
import { matchScenarios, type CodeContext, type Recommendation } from './match.js';
import { SCENARIOS } from './scenarios/index.js';

export async function recommend(
  connection: DuckDBConnection, window: AnalysisWindow, summary: Summary, attribution: readonly AttributionRow[], anomalies: readonly Anomaly[],
  parts: FactParts,
): Promise<Recommendation[]> {
  const facts = await codeFacts(connection, window, parts);
  const contexts = new Map<number, CodeContext>();
  for (const [code, f] of facts) {
    contexts.set(code, { facts: f, formats: summary.codes.find((c) => c.code === code)?.formats ?? [], generatedBy: generatedByOf(attribution, code) });
  }
  return matchScenarios(SCENARIOS, contexts, anomalies, summary.totals.requests);
}
