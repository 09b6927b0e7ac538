export * from './types.js';
export { PARSERS, parserByName, detectFormat, DETECTION_THRESHOLD, type Detection } from './registry.js';
export { nginxParser, parseNginxLine } from './nginx.js';
export { microsToIso } from './time.js';
