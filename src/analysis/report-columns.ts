/**
 * Columns no analysis query reads: kept in a database file (ingest, analyze --db,
 * export, query) but not in a run's staging files when only that run's report reads
 * them (analyze without --db or --retain). Copying the text ones cost about a tenth of
 * a Cloudflare line's parse and encode; reading the bytes sent from an nginx line,
 * about a twentieth of its. A test runs the report both ways over the samples and
 * compares them, which fails if a query starts reading one of these.
 */
import type { OmittableField } from '../store/row-group-encoder.js';

export const UNREPORTED_FIELDS: readonly OmittableField[] = [
  'method', 'query', 'protocol', 'referer', 'request_id', 'cache_status', 'upstream_addr', 'actions_executed', 'bytes_sent',
];
