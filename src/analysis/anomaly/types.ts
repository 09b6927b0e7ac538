/**
 * Shapes and tuning of anomaly detection. docs/anomalies.md explains each parameter.
 */

export type AnomalyKind = 'spike' | 'burn' | 'new-code' | 'latency';
export type Severity = 'low' | 'medium' | 'high';
/** Severity order, lowest first; every sort, merge and `--fail-on anomaly>=` comparison uses it. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };
export type SensitivityName = 'low' | 'normal' | 'high';

export interface Sensitivity {
  /** Family-wise false-alarm budget per series, split Bonferroni-style over the tests. */
  alpha: number;
  /** An anomaly needs at least this many events (guards against 1-in-10 at night). */
  minEvents: number;
  /** Observed must be at least this multiple of expected (effect size). */
  minRatio: number;
  /** Buckets with fewer timed requests do not take part in latency detection. */
  minTimed: number;
}

export const SENSITIVITIES: Record<SensitivityName, Sensitivity> = {
  low: { alpha: 1e-4, minEvents: 20, minRatio: 4, minTimed: 30 },
  normal: { alpha: 1e-3, minEvents: 10, minRatio: 3, minTimed: 20 },
  high: { alpha: 1e-2, minEvents: 5, minRatio: 2, minTimed: 10 },
};

/** A detected stretch, by bucket index, before evidence is gathered. */
export interface Candidate {
  kind: AnomalyKind;
  codes: number[];
  class: string;
  fromBucket: number;
  toBucket: number;
  observed: number;
  expected: number;
  score: number;
  severity: Severity;
  /** Kind-specific facts (burn rates, latency figures) shown with the anomaly. */
  facts: Record<string, number | string | boolean>;
}

export interface ShareRow { value: string | null; count: number; share: number }

export interface Evidence {
  endpoints: ShareRow[];
  clients: ShareRow[];
  userAgents: ShareRow[];
  hosts: ShareRow[];
  /** Set when one value accounts for at least half of the anomaly's requests. */
  concentration: { dimension: 'endpoint' | 'client' | 'userAgent' | 'host'; value: string; share: number } | null;
  distinctPaths: number;
  distinctClients: number;
  /** Request times of the anomaly's requests, where the format logs them. */
  timing: { timed: number; p50: number; p90: number; nearTimeout: { seconds: number; share: number } | null } | null;
  /** Who generated the anomaly's requests (proxy/edge/LB vs upstream/origin/target). */
  generatedBy: { proxy: number; upstream: number };
}

export interface Anomaly {
  id: string;
  kind: AnomalyKind;
  codes: number[];
  class: string;
  severity: Severity;
  startUs: number;
  endUs: number;
  observed: number;
  expected: number;
  score: number;
  facts: Record<string, number | string | boolean>;
  summary: string;
  evidence: Evidence;
}

export interface DetectionOptions {
  sensitivity?: SensitivityName;
  /** Availability objective in percent for burn-rate alerts (99.9 by default). */
  slo?: number;
}
