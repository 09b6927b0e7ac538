import type { RequestRecord } from '../../parsers/types.js';

/** Where records go: the bulk loader, or the appender (request-writer.ts). */
export interface RequestSink {
  append(record: RequestRecord, input: string, line: number): void;
  /** Makes every appended record visible to queries (within the current transaction). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Records handed to the sink so far. */
  readonly rowsWritten: number;
}
