/**
 * A small pool of parse workers. Jobs are handed out round-robin; results come back
 * as promises. Workers the CLI started early are adopted (early-workers.ts); each
 * worker gets the run's setup as its first message.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { BufferRecycler } from './buffer-recycler.js';
import type { ParsedChunk } from './chunk-parser.js';
import { CHUNK_BYTES } from './chunk-size.js';
import { adoptWorkers, startWorker } from './early-workers.js';
import type { ChunkJob, WorkerSetup } from './parse-worker.js';
import { detachBeforeHotCode } from './detach-early.js';

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

export class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: ParsedChunk) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** Chunk buffers back from the workers, for the next chunks. */
  readonly inputs = new BufferRecycler(CHUNK_BYTES + CHUNK_BYTES / 4);
  /** Row-group buffers written out, on their way back to the workers (given, then drained into a job). */
  private readonly spareOutputs = new BufferRecycler(0, 8);
  private replied: () => void = () => {};
  /** Settles when a worker first answers a job: from then on the workers are warm and busy. */
  readonly firstReply = new Promise<void>((resolve) => { this.replied = resolve; });

  constructor(setup: WorkerSetup, size: number = defaultWorkerCount()) {
    detachBeforeHotCode(); // chunks are moved to the workers
    const early = adoptWorkers(size);
    this.workers = [...early, ...Array.from({ length: size - early.length }, startWorker)];
    for (const worker of this.workers) {
      worker.postMessage({ setup });
      worker.on('message', (message: { id: number; result?: ParsedChunk; error?: string; input?: ArrayBuffer }) => {
        if (message.input !== undefined) this.inputs.give(message.input);
        this.replied();
        const job = this.waiting.get(message.id);
        if (job === undefined) return;
        this.waiting.delete(message.id);
        if (message.error !== undefined) job.reject(new Error(message.error));
        else {
          const groups = message.result!.groups.map((g) => ({ ...g, bytes: Buffer.from(g.bytes.buffer, g.bytes.byteOffset, g.bytes.byteLength) }));
          job.resolve({ ...message.result!, groups });
        }
      });
      worker.on('error', (error) => { for (const job of this.waiting.values()) job.reject(error); this.waiting.clear(); });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * move: the job's bytes own their buffer, which is moved to the worker instead of
   * copied, and comes back to `inputs` with the result.
   */
  run(job: Omit<ChunkJob, 'id' | 'spare' | 'move'>, move = false): Promise<ParsedChunk> {
    const id = this.nextId++;
    const spare = this.spareOutputs.drain();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length].postMessage({ ...job, id, spare, move }, move ? [job.bytes.buffer as ArrayBuffer, ...spare] : spare);
    });
  }

  /** A result's row groups are written out: their buffers go back to a worker with a later job. */
  recycle(result: ParsedChunk): void {
    for (const buffer of new Set(result.groups.map((g) => g.bytes.buffer))) if (buffer instanceof ArrayBuffer) this.spareOutputs.give(buffer);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
