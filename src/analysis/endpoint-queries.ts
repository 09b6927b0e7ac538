/**
 * SQL for endpoints. Variable path segments collapse to placeholders so that
 * `/users/123` and `/users/456` are one endpoint, `GET /users/{id}`:
 *   - UUIDs → {uuid}
 *   - hashes in file names (`app.3f2a9c1b.js`) → `app.{hash}.js`
 *   - all-hex segments of 16+ characters → {hash}
 *   - all-digit segments → {id}
 *   - segments of 24+ token characters (API keys, base64 ids) → {token}
 * RE2 has no lookahead, so each segment rule consumes the following `/` and runs
 * twice to catch adjacent segments (`/1/2`).
 */
import { IN_WINDOW } from './window.js';

const segment = (expr: string, pattern: string, placeholder: string): string => {
  const once = (e: string): string => `regexp_replace(${e}, '/${pattern}(/|$)', '/${placeholder}\\1', 'g')`;
  return once(once(expr));
};

function templateExpression(path: string): string {
  let e = `regexp_replace(${path}, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '{uuid}', 'g')`;
  e = `regexp_replace(${e}, '\\.[0-9a-f]{8,}\\.', '.{hash}.', 'g')`;
  e = segment(e, '[0-9a-fA-F]{16,}', '{hash}');
  e = segment(e, '[0-9]+', '{id}');
  e = segment(e, '[A-Za-z0-9_=-]{24,}', '{token}');
  return e;
}

/** A temporary macro: defined per connection, never stored in a database file. */
export const CREATE_TEMPLATE_MACRO = `CREATE OR REPLACE TEMP MACRO endpoint_template(p) AS ${templateExpression('p')}`;

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
