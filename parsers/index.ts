export * from './types.js';
export { PARSERS, parserByName, detectFormat, DETECTION_THRESHOLD, type Detection } from './registry.js';
export { nginxParser, parseNginxLine } from './nginx.js';
export { microsToIso } from './time.js';
export { albParser, parseAlbLine, ALB_TYPES } from './alb.js';
export { cloudflareParser, parseCloudflareLine, recordFromCloudflare } from './cloudflare.js';
export { nginxJsonParser, createNginxJsonParser, parseFieldMap, recordFromNginxJson, type FieldMap } from './nginx-json.js';
export { compileNginxLogFormat } from './nginx-format.js';
export { parseJsonObject } from './json-line.js';
