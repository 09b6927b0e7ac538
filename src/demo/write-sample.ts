/**
 * Builds the shipped samples and demo logs: traffic from `generateTraffic`, plus the
 * edge cases real logs contain, written in one format.
 */
import { Random } from './random.js';
import { generateTraffic, type TrafficOptions } from './traffic.js';
import { nginxJunkLines, nginxLine } from './write-nginx.js';

export interface SampleOptions extends TrafficOptions {
  /** Share of lines replaced by junk (0 for none). */
  junkRate?: number;
  /** Zone offset of nginx `$time_local`, minutes east of UTC. */
  offsetMinutes?: number;
}

export function* nginxSampleLines(options: SampleOptions): Generator<string> {
  const rng = new Random(options.seed ^ 0x5eed);
  const junkRate = options.junkRate ?? 0;
  let junkIndex = 0;
  for (const request of generateTraffic(options)) {
    if (junkRate > 0 && rng.chance(junkRate)) {
      const junk = nginxJunkLines(rng, request.tsUs);
      yield junk[junkIndex++ % junk.length];
    }
    yield nginxLine(request, options.offsetMinutes ?? 0);
  }
}
