/**
 * The table of known formats (GoAccess keeps its formats in one table too). Order
 * matters only for ties in detection: more specific formats come first.
 */
import { nginxParser } from './nginx.js';
import type { LogParser } from './types.js';

export const PARSERS: readonly LogParser[] = [nginxParser];

export function parserByName(name: string): LogParser | undefined {
  return PARSERS.find((p) => p.name === name);
}

/** A format is accepted when at least this share of the sample parses. */
export const DETECTION_THRESHOLD = 0.5;

export interface Detection {
  parser: LogParser | null;
  score: number;
  scores: Record<string, number>;
}

export function detectFormat(sampleLines: readonly string[], parsers: readonly LogParser[] = PARSERS): Detection {
  const scores: Record<string, number> = {};
  let best: LogParser | null = null;
  let bestScore = 0;
  for (const parser of parsers) {
    const score = parser.detect(sampleLines);
    scores[parser.name] = score;
    if (score > bestScore) { best = parser; bestScore = score; }
  }
  return bestScore >= DETECTION_THRESHOLD ? { parser: best, score: bestScore, scores } : { parser: null, score: bestScore, scores };
}
