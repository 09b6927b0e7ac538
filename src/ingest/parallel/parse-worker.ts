/**
 * A worker thread that parses chunks of lines into CSV for the bulk loader. It builds
 * its parsers from the same format options as the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LogParser } from '../../../parsers/types.js';
import { chooseParsers, type FormatOptions } from '../parser-options.js';
import { parseChunk } from './chunk-parser.js';

export interface WorkerSetup { formatOptions: FormatOptions; maxLineBytes: number }
export interface ChunkJob { id: number; format: string; bytes: Uint8Array; firstLine: number; oversized: number[] }

const setup = workerData as WorkerSetup;
const { candidates } = chooseParsers({ ...setup.formatOptions, format: undefined });
const byName = new Map<string, LogParser>(candidates.map((p) => [p.name, p]));

parentPort!.on('message', (job: ChunkJob) => {
  try {
    const parser = byName.get(job.format);
    if (parser === undefined) throw new Error(`worker has no parser "${job.format}"`);
    const result = parseChunk(job.bytes, job.firstLine, job.oversized, parser, setup.maxLineBytes);
    // The CSV buffer is the worker's own allocation: hand it over without a copy.
    parentPort!.postMessage({ id: job.id, result }, [result.csv.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: String(error) });
  }
});
