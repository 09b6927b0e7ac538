/**
 * The elements of a JSON array document (a Logpush batch wrapped in `[...]`), one at
 * a time in constant memory, with stream-json. Integers of 16 or more digits are kept
 * as digit strings: unixnano timestamps exceed 2^53 and must not pass through a float.
 */
import type { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { streamArray } from 'stream-json/streamers/stream-array.js';

type Token = parser.Token;

function keepBigIntegersExact(token: Token): Token {
  if (token.name === 'numberValue' && token.value.length >= 16 && /^-?\d+$/.test(token.value)) {
    return { name: 'stringValue', value: token.value };
  }
  return token;
}

export async function* jsonArrayElements(stream: Readable): AsyncGenerator<unknown> {
  const elements = chain([stream, parser({ packValues: true, streamValues: false }), keepBigIntegersExact, streamArray()]);
  for await (const item of elements as AsyncIterable<{ key: number; value: unknown }>) yield item.value;
}
