/**
 * Recommendations for a window: code facts from SQL (code-facts.ts), attribution and
 * anomalies from the analysis, matched against the playbook table.
 */
import type { Anomaly } from '../anomaly/types.js';
import { generatedByOf, type AttributionRow } from '../attribution.js';
import type { Summary } from '../summary.js';
import type { CodeFacts } from './code-facts.js';
import { matchScenarios, type CodeContext, type Recommendation } from './match.js';
import { SCENARIOS } from './scenarios/index.js';

export function recommend(
  facts: ReadonlyMap<number, CodeFacts>, summary: Summary, attribution: readonly AttributionRow[], anomalies: readonly Anomaly[],
): Recommendation[] {
  const contexts = new Map<number, CodeContext>();
  for (const [code, f] of facts) {
    contexts.set(code, { facts: f, formats: summary.codes.find((c) => c.code === code)?.formats ?? [], generatedBy: generatedByOf(attribution, code) });
  }
  return matchScenarios(SCENARIOS, contexts, anomalies, summary.totals.requests);
}
