/**
 * Text columns no analysis query reads: kept in a database file (ingest, analyze --db,
 * export, query) but not in a run's staging files when only that run's report reads
 * them (analyze without --db or --retain), where copying them cost about a tenth of a
 * Cloudflare line's parse and encode. A test runs the report both ways over the samples
 * and compares them, which fails if a query starts reading one of these.
 */
import type { TextFieldName } from '../../parsers/scanned-record.js';

export const UNREPORTED_FIELDS: readonly TextFieldName[] = [
  'method', 'query', 'protocol', 'referer', 'request_id', 'cache_status', 'upstream_addr', 'actions_executed',
];
