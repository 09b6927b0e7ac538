/**
 * A small pool of parse workers. Each job goes to the worker with the fewest jobs
 * unanswered; results come back as promises. Workers the CLI started early are adopted
 * (early-workers.ts); each worker gets the run's setup as its first message.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { BufferRecycler } from './buffer-recycler.js';
import type { ParsedChunk } from './chunk-parser.js';
import { CHUNK_BYTES } from './chunk-size.js';
import { adoptWorkers, startWorker } from './early-workers.js';
import type { ChunkJob, WorkerSetup } from './parse-worker.js';

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * The worker with the fewest unanswered jobs; among equals, the one whose turn it is.
 * Handing jobs out strictly in turn let one worker fall four chunks behind the other,
 * which then idled through the end of the input (about 50 ms of a 2M-line nginx run).
 */
export function leastBusyWorker(unanswered: readonly number[], turn: number): number {
  let best = turn % unanswered.length;
  for (let i = 0; i < unanswered.length; i++) if (unanswered[i] < unanswered[best]) best = i;
  return best;
}

export class WorkerPool {
  private readonly workers: Worker[];
  /** Jobs sent, by id, with the chunk buffer that goes back to `inputs` once parsed (if the pool may reuse it). */
  private readonly waiting = new Map<number, { resolve: (r: ParsedChunk) => void; reject: (e: Error) => void; input: ArrayBufferLike | null; worker: number }>();
  /** Jobs sent to each worker and not yet answered. */
  private readonly unanswered: number[];
  private nextId = 0;
  /** Chunk buffers back from the workers, for the next chunks. */
  readonly inputs = new BufferRecycler(CHUNK_BYTES + CHUNK_BYTES / 4);
  /** Row-group buffers written out, on their way back to the workers (given, then drained into a job). */
  private readonly spareOutputs = new BufferRecycler(0, 8);
  private replied: () => void = () => {};
  private failure: Error | null = null;
  private closing = false;
  /** Settles when a worker first answers a job: from then on the workers are warm and busy. */
  readonly firstReply = new Promise<void>((resolve) => { this.replied = resolve; });

  constructor(setup: WorkerSetup, size: number = defaultWorkerCount()) {
    const early = adoptWorkers(size);
    this.workers = [...early, ...Array.from({ length: size - early.length }, startWorker)];
    this.unanswered = this.workers.map(() => 0);
    for (const worker of this.workers) {
      worker.postMessage({ setup });
      worker.on('message', (message: { id: number; result?: ParsedChunk; error?: string }) => {
        this.replied();
        const job = this.waiting.get(message.id);
        if (job === undefined) return;
        this.waiting.delete(message.id);
        this.unanswered[job.worker]--;
        if (job.input !== null) this.inputs.give(job.input);
        if (message.error !== undefined) job.reject(new Error(message.error));
        else {
          const groups = message.result!.groups.map((g) => ({ ...g, bytes: Buffer.from(g.bytes.buffer, g.bytes.byteOffset, g.bytes.byteLength) }));
          job.resolve({ ...message.result!, groups });
        }
      });
      worker.on('error', (error) => this.fail(error));
      // A worker that stops on its own (its script missing, out of memory) would leave
      // its jobs unanswered, and a run with nothing left to wait on would end quietly.
      worker.on('exit', (code) => { if (!this.closing) this.fail(new Error(`a parse worker stopped (exit code ${code})`)); });
    }
  }

  /** Every job waiting, and every later one, fails with the first worker failure. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.waiting.values()) job.reject(this.failure);
    this.waiting.clear();
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * reuse: the job's bytes are a buffer from `inputs` (shared memory), which goes back
   * there once the worker is done with it. Other bytes are copied into the message.
   * Nothing is moved between the threads (buffer-recycler.ts).
   */
  run(job: Omit<ChunkJob, 'id' | 'spare'>, reuse = false): Promise<ParsedChunk> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const spare = this.spareOutputs.drain();
    const worker = leastBusyWorker(this.unanswered, id);
    this.unanswered[worker]++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, input: reuse ? job.bytes.buffer : null, worker });
      this.workers[worker].postMessage({ ...job, id, spare });
    });
  }

  /** A result's row groups are written out: their buffers go back to a worker with a later job. */
  recycle(result: ParsedChunk): void {
    for (const buffer of new Set(result.groups.map((g) => g.bytes.buffer))) this.spareOutputs.give(buffer);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
