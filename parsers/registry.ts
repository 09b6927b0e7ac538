/**
 * The table of known formats (GoAccess keeps its formats in one table too). Order
 * matters only for ties in detection: more specific formats come first.
 */
import { albParser } from './alb.js';
import { cloudflareParser } from './cloudflare.js';
import { nginxJsonParser } from './nginx-json.js';
import { nginxParser } from './nginx.js';
import { shareParsedValues, type LogParser } from './types.js';

export const PARSERS: readonly LogParser[] = [nginxParser, albParser, cloudflareParser, nginxJsonParser];

export function parserByName(name: string): LogParser | undefined {
  return PARSERS.find((p) => p.name === name);
}

/** A format is accepted when at least this share of the sample parses. */
export const DETECTION_THRESHOLD = 0.5;

export interface Detection {
  parser: LogParser | null;
  score: number;
  /** Each format tried, by name: every one, unless one parsed the whole sample, after which none is tried. */
  scores: Record<string, number>;
}

export function detectFormat(sampleLines: readonly string[], parsers: readonly LogParser[] = PARSERS): Detection {
  return pickBest(parsers, (parser) => parser.detect(sampleLines));
}

/** Detection for JSON array batches: only parsers that take decoded values compete. */
export function detectValueFormat(sampleValues: readonly unknown[], parsers: readonly LogParser[] = PARSERS): Detection {
  return pickBest(parsers.filter((p) => p.parseValue !== undefined), (parser) => shareParsedValues(sampleValues, parser.parseValue!));
}

function pickBest(parsers: readonly LogParser[], scoreOf: (parser: LogParser) => number): Detection {
  const scores: Record<string, number> = {};
  let best: LogParser | null = null;
  let bestScore = 0;
  for (const parser of parsers) {
    const score = scoreOf(parser);
    scores[parser.name] = score;
    if (score > bestScore) { best = parser; bestScore = score; }
    // A later format could only tie, and a tie goes to the earlier one: the rest need
    // not parse the sample (on the main thread, before the first chunk goes out).
    if (score === 1) break;
  }
  return bestScore >= DETECTION_THRESHOLD ? { parser: best, score: bestScore, scores } : { parser: null, score: bestScore, scores };
}
