/**
 * nginx JSON access logs: a `log_format ... escape=json '{"status":$status,...}'`
 * template (formats.md 1.4). Key names are the deployment's choice, so common names
 * and aliases are mapped (see nginx-variables.ts) and `--field-map` adds custom ones:
 * `status=resp_code,request_time=duration`.
 */
import { jsonText, parseJsonObject, type JsonObject } from './json-line.js';
import { setterFor } from './nginx-variables.js';
import { nginxJsonByteScan } from './nginx-json-bytes.js';
import { emptyRecord, fail, isJsonObject, scanningParser, type LogParser, type ParseResult } from './types.js';

/** nginx variable name → the JSON key a deployment uses for it. */
export type FieldMap = Readonly<Record<string, string>>;

/** `status=resp_code,request_time=duration` → {status: 'resp_code', ...}; throws on junk. */
export function parseFieldMap(spec: string): FieldMap {
  const map: Record<string, string> = {};
  for (const pair of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new Error(`--field-map: expected variable=key, got "${pair}"`);
    const variable = pair.slice(0, eq).trim().replace(/^\$/, '');
    if (setterFor(variable) === undefined) throw new Error(`--field-map: unknown field "${variable}"`);
    map[variable] = pair.slice(eq + 1).trim();
  }
  return map;
}

export function recordFromNginxJson(object: JsonObject, fieldMap: FieldMap = {}, keyToVariable = invert(fieldMap)): ParseResult {
  const record = emptyRecord('nginx-json', NaN, NaN);
  const apply = (key: string): void => {
    const setter = setterFor(keyToVariable.get(key) ?? key);
    if (setter === undefined) return;
    const text = jsonText(object[key]);
    if (text !== null) setter(record, text);
  };
  // `request` first, so that explicit method/uri keys refine it rather than being overwritten.
  if (Object.hasOwn(object, 'request')) apply('request');
  for (const key of Object.keys(object)) if (key !== 'request') apply(key);
  if (Number.isNaN(record.status)) {
    const key = fieldMap.status ?? 'status';
    return key in object ? fail('BAD_STATUS', `status is not a number: ${JSON.stringify(object[key])}`) : fail('MISSING_FIELD', `no "${key}" key`);
  }
  if (Number.isNaN(record.ts)) return fail('BAD_TIMESTAMP', 'no parsable time (time_iso8601, time_local, msec or mapped)');
  return { ok: true, record };
}

function invert(fieldMap: FieldMap): Map<string, string> {
  return new Map(Object.entries(fieldMap).map(([variable, key]) => [key, variable]));
}

/**
 * Lines are read in place where possible (nginx-json-bytes.ts); `parse(line)` is the
 * same scan over the string's bytes, and the decoded path below has the last word.
 */
export function createNginxJsonParser(fieldMap: FieldMap = {}): LogParser {
  const keyToVariable = invert(fieldMap);
  const decoded = (line: string): ParseResult => {
    const object = parseJsonObject(line);
    if (object === null) return fail('BAD_JSON', 'not a JSON object');
    return recordFromNginxJson(object, fieldMap, keyToVariable);
  };
  const scanning = scanningParser('nginx-json', 'nginx JSON access log (escape=json template; --field-map for custom keys)', nginxJsonByteScan(keyToVariable, decoded));
  return {
    ...scanning,
    parseValue: (value) => (isJsonObject(value) ? recordFromNginxJson(value, fieldMap, keyToVariable) : fail('BAD_JSON', 'array element is not an object')),
  };
}

export const nginxJsonParser = createNginxJsonParser();
