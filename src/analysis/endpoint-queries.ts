/**
 * SQL for endpoints. Variable path segments collapse to placeholders so that
 * `/users/123` and `/users/456` are one endpoint, `GET /users/{id}`:
 *   - UUIDs → {uuid}
 *   - hashes in file names (`app.3f2a9c1b.js`) → `app.{hash}.js`
 *   - all-hex segments of 16+ characters → {hash}
 *   - all-digit segments → {id}
 *   - segments of 24+ token characters (API keys, base64 ids) → {token}
 * RE2 has no lookahead, so each segment rule consumes the following `/` and runs
 * twice to catch adjacent segments (`/1/2`). The second pass can only match right
 * after a placeholder the first pass wrote (whose `/` it consumed), so it runs only
 * when the text holds `}/`. A rule whose match needs something the path lacks is
 * skipped: a UUID has `-`, a hashed file name `.`, a hex segment 16 characters and a
 * token 24. (Placeholders have braces, which neither class allows, so such a segment is
 * one of the original path's, whose length bounds it.)
 *
 * Each rule is a projection of its own (endpointStages): as one expression of nested
 * macros, a rule's first pass was written out again inside its second pass's test and
 * evaluated twice. Over 2M nginx requests the staged rules template the endpoint
 * matrix's 442,000 path groups in 70% of the time, with the same templates (60,000
 * fuzzed paths compared).
 */
import { IN_WINDOW } from './window.js';

/** One pass of a segment rule: each matching segment, and the `/` after it, becomes the placeholder. */
const segmentPass = (pattern: string, placeholder: string): string =>
  `regexp_replace(templated_path, '/${pattern}(/|$)', '/${placeholder}\\1', 'g')`;

/** A rule, applied to `templated_path` when `when` holds (null: always). */
interface TemplateRule { when: string | null; apply: string }

/** A segment rule's two passes; bound: what the original path's length must exceed. */
const segmentRule = (pattern: string, placeholder: string, bound: number | null): TemplateRule[] => {
  const longEnough = bound === null ? null : `path_length > ${bound}`;
  const again = "contains(templated_path, '}/')";
  return [
    { when: longEnough, apply: segmentPass(pattern, placeholder) },
    { when: longEnough === null ? again : `${longEnough} AND ${again}`, apply: segmentPass(pattern, placeholder) },
  ];
};

/** The rules in order. */
const RULES: readonly TemplateRule[] = [
  { when: "contains(templated_path, '-')", apply: "regexp_replace(templated_path, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '{uuid}', 'g')" },
  { when: "contains(templated_path, '.')", apply: "regexp_replace(templated_path, '\\.[0-9a-f]{8,}\\.', '.{hash}.', 'g')" },
  ...segmentRule('[0-9a-fA-F]{16,}', '{hash}', 16),
  ...segmentRule('[0-9]+', '{id}', null),
  ...segmentRule('[A-Za-z0-9_=-]{24,}', '{token}', 24),
];

/**
 * CTEs giving the rows of `source` (a relation with `method` and `path`) an `endpoint`
 * column, `GET /users/{id}`, as the relation `name`; requests without a request line
 * share one pseudo-endpoint. The columns templated_path and path_length are the
 * stages' own.
 */
export function endpointStages(source: string, name: string): string {
  const stages = [`${name}_0 AS (SELECT *, path AS templated_path, length(path) AS path_length FROM ${source})`];
  RULES.forEach((rule, i) => {
    const applied = rule.when === null ? rule.apply : `CASE WHEN ${rule.when} THEN ${rule.apply} ELSE templated_path END`;
    stages.push(`${name}_${i + 1} AS (SELECT * REPLACE (${applied} AS templated_path) FROM ${name}_${i})`);
  });
  stages.push(`${name} AS (SELECT * EXCLUDE (templated_path, path_length),
    CASE WHEN path IS NULL THEN '(no request line)' ELSE coalesce(method, '-') || ' ' || templated_path END AS endpoint
    FROM ${name}_${RULES.length})`);
  return stages.join(',\n');
}

/**
 * `requests_with_endpoints()`: the requests with their endpoint. A table macro, defined
 * per connection and never stored in a database file; a query's filters on the
 * requests reach the scan through it, so only the rows they keep are templated.
 */
export const ENDPOINTS_SOURCE = 'requests_with_endpoints()';
export const CREATE_ENDPOINT_MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO requests_with_endpoints() AS TABLE WITH ${endpointStages('requests', 'with_endpoints')} SELECT * FROM with_endpoints`,
];

/**
 * The window's requests counted per endpoint and status, as the temporary table
 * ENDPOINT_CODES of the connection that runs this. The matrix, the endpoint breakdown
 * of each error code and each code's top endpoint all read it, so each path is
 * templated once per report instead of once per query (and per request in those over
 * requests_with_endpoints()). Rows are grouped by raw method, path and status first, so
 * the templating regexes run once per distinct path rather than once per request.
 */
export const ENDPOINT_CODES = 'endpoint_codes';
export const TALLY_ENDPOINT_CODES_SQL = `
CREATE OR REPLACE TEMP TABLE ${ENDPOINT_CODES} AS
WITH raw AS (
  SELECT method, path, status, count(*) AS c
  FROM requests WHERE ${IN_WINDOW} GROUP BY ALL
), ${endpointStages('raw', 'templated')}
SELECT endpoint, status, sum(c)::BIGINT AS c FROM templated GROUP BY ALL`;

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

/** Dimensions an error code is broken down by: columns of the requests, or of ENDPOINTS_SOURCE. */
export const BREAKDOWN_DIMENSIONS = {
  endpoints: 'endpoint',
  clients: 'client_ip',
  userAgents: 'user_agent',
  hosts: 'host',
} as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;

/** The relation that has the column: the requests, or the requests with their endpoints. */
export const rowsWith = (column: string): string => (column === 'endpoint' ? ENDPOINTS_SOURCE : 'requests');

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
