/**
 * The parse workers of one run: started when the first large input needs them, or
 * early, when a named input is already known to be large. Early, their start-up
 * (loading the parsers in two threads, about 100 ms before the first chunk is parsed)
 * overlaps the opening of the store instead of following it.
 */
import { STDIN_PATH } from '../sources.js';
import { isLargeFile } from './early-workers.js';
import type { WorkerSetup } from './parse-worker.js';
import { WorkerPool } from './worker-pool.js';

export class LazyPool {
  private pool: WorkerPool | undefined;

  constructor(private readonly setup: WorkerSetup, private readonly size: number) {}

  /** When the workers, if started, first answer a job (WorkerPool.firstReply); null when they are not started. */
  get firstReply(): Promise<void> | null {
    return this.pool?.firstReply ?? null;
  }

  get(): WorkerPool {
    return (this.pool ??= new WorkerPool(this.setup, this.size));
  }

  /** Starts the workers now if one of the inputs names a file of at least minBytes (directories and globs are not looked into). */
  startIfLarge(inputs: readonly string[], minBytes: number): void {
    if (inputs.some((input) => input !== STDIN_PATH && isLargeFile(input, minBytes))) this.get();
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}
