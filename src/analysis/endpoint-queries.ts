/**
 * SQL for endpoints. The store gives every request its endpoint as it writes it
 * (`GET /users/{id}`: src/store/endpoint-template.ts), so a report groups by that short
 * column; until the eighth round of docs/performance.md each report templated the
 * window's distinct paths here with regular expressions.
 */
import { IN_WINDOW } from './window.js';

/**
 * The window's requests counted per endpoint and status, as the temporary table
 * ENDPOINT_CODES of the connection that runs this. The matrix, the endpoint breakdown
 * of each error code and each code's top endpoint all read it instead of the requests.
 */
export const ENDPOINT_CODES = 'endpoint_codes';
export const TALLY_ENDPOINT_CODES_SQL = `
CREATE OR REPLACE TEMP TABLE ${ENDPOINT_CODES} AS
SELECT endpoint, status, count(*) AS c FROM requests WHERE ${IN_WINDOW} GROUP BY ALL`;

export const ENDPOINT_MATRIX_SQL = `
WITH per_endpoint AS (
  SELECT endpoint, sum(c) AS total,
         coalesce(sum(c) FILTER (WHERE status BETWEEN 400 AND 499), 0) AS client_errors,
         coalesce(sum(c) FILTER (WHERE status >= 500), 0) AS server_errors,
         list({'code': status, 'count': c} ORDER BY c DESC, status) AS codes
  FROM ${ENDPOINT_CODES} GROUP BY endpoint
)
SELECT *, count(*) OVER () AS endpoints
FROM per_endpoint
ORDER BY server_errors + client_errors DESC, server_errors DESC, total DESC, endpoint
LIMIT $limit::BIGINT`;

/** Dimensions an error code is broken down by: columns of the requests. */
export const BREAKDOWN_DIMENSIONS = {
  endpoints: 'endpoint',
  clients: 'client_ip',
  userAgents: 'user_agent',
  hosts: 'host',
} as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;

/** Error responses: 4xx, 5xx and the "no response" 0xx. */
export const IS_ERROR = '(status >= 400 OR status < 100)';

/**
 * Whether a dimension's breakdown reads the window's endpoint tally (ENDPOINT_CODES),
 * which is of the window already, rather than the requests: its SQL then has no window
 * parameters.
 */
export const readsTally = (dimension: BreakdownDimension): boolean => BREAKDOWN_DIMENSIONS[dimension] === 'endpoint';

export function breakdownSql(dimension: BreakdownDimension): string {
  const column = BREAKDOWN_DIMENSIONS[dimension];
  // Endpoints are counted already (ENDPOINT_CODES); the other dimensions are counted here.
  const grouped = readsTally(dimension)
    ? `SELECT status, endpoint AS value, c FROM ${ENDPOINT_CODES} WHERE ${IS_ERROR}`
    : `SELECT status, ${column} AS value, count(*) AS c FROM requests WHERE ${IN_WINDOW} AND ${IS_ERROR} GROUP BY ALL`;
  return `
WITH grouped AS (${grouped}), ranked AS (
  SELECT *, c / sum(c) OVER (PARTITION BY status) AS share,
         row_number() OVER (PARTITION BY status ORDER BY c DESC, value NULLS LAST) AS rank
  FROM grouped
)
SELECT status, value, c AS count, share FROM ranked WHERE rank <= $top::BIGINT ORDER BY status, rank`;
}
