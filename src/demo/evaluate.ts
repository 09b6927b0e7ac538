/**
 * Scores detected anomalies against a demo log's ground truth: an anomaly matches an
 * incident when their times overlap (with one bucket of slack for bucket alignment)
 * and they share a code. Recall counts incidents found; precision counts anomalies that
 * correspond to some incident.
 */
import type { GroundTruth } from './write-sample.js';

export interface AnomalyLike { id: string; start: string; end: string; codes: number[]; severity: string }

export interface DetectionScore {
  recall: number;
  precision: number;
  missed: string[];
  spurious: string[];
}

export function scoreDetection(anomalies: readonly AnomalyLike[], truth: GroundTruth, slackSeconds: number): DetectionScore {
  const slack = slackSeconds * 1000;
  const matches = (a: AnomalyLike, i: GroundTruth['incidents'][number]): boolean =>
    Date.parse(a.start) - slack < Date.parse(i.end) && Date.parse(i.start) < Date.parse(a.end) + slack &&
    a.codes.some((c) => i.codes.includes(c));
  const missed = truth.incidents.filter((i) => !anomalies.some((a) => matches(a, i))).map((i) => i.id);
  const spurious = anomalies.filter((a) => !truth.incidents.some((i) => matches(a, i))).map((a) => a.id);
  return {
    recall: truth.incidents.length === 0 ? 1 : 1 - missed.length / truth.incidents.length,
    precision: anomalies.length === 0 ? 1 : 1 - spurious.length / anomalies.length,
    missed,
    spurious,
  };
}
