import type { RequestRecord } from '../../parsers/types.js';

/** Where records go: the bulk loader, or the appender (request-writer.ts). */
export interface RequestSink {
  append(record: RequestRecord, input: string, line: number): void;
  /** Makes every appended record visible to queries (within the current transaction). */
  flush(): Promise<void>;
  /**
   * After a failure, before the transaction is rolled back: drops the records appended
   * since the last flush, so that close() does not load them outside it. A sink without
   * it may still load them on close.
   */
  discard?(): Promise<void>;
  close(): Promise<void>;
  /** Records handed to the sink so far. */
  readonly rowsWritten: number;
}
