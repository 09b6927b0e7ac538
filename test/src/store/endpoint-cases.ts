/**
 * Paths and their templates at every rule and bound (endpoint-template.ts): the
 * JavaScript templating is held to them, and the WebAssembly one to it over the same paths.
 */
export const TEMPLATE_CASES: readonly (readonly [string, string])[] = [
  ['/users/123', '/users/{id}'],
  ['/users/123/orders/456', '/users/{id}/orders/{id}'],
  ['/a/1/2/3/4', '/a/{id}/{id}/{id}/{id}'],
  ['/v2/items', '/v2/items'],
  ['/sessions/0f8fad5b-d9cb-469f-a165-70867728950e/refresh', '/sessions/{uuid}/refresh'],
  ['/blobs/9e107d9d372bb6826bd81d3542a419d6', '/blobs/{hash}'],
  ['/static/app.3f2a9c1b.js', '/static/app.{hash}.js'],
  ['/keys/AKIAIOSFODNN7EXAMPLEKEYVALUE', '/keys/{token}'],
  ['/files/report-2024.pdf', '/files/report-2024.pdf'],
  ['/', '/'],
  ['', ''],
  // At the length bounds: 16 hex characters, 24 token characters.
  ['/abcdef0123456789', '/{hash}'],
  ['/abcdef012345678', '/abcdef012345678'],
  ['/AAAAAAAAAAAAAAAAAAAAAAA_', '/{token}'],
  ['/AAAAAAAAAAAAAAAAAAAAAA_', '/AAAAAAAAAAAAAAAAAAAAAA_'],
  ['/0f8fad5b-d9cb-469f-a165-70867728950e', '/{uuid}'],
  // Adjacent segments of every rule, and segments after other rules' placeholders.
  ['/b/9e107d9d372bb6826bd81d3542a419d6/0123456789abcdef0/x', '/b/{hash}/{hash}/x'],
  ['/k/AKIAIOSFODNN7EXAMPLEKEYVALUE/AAAAAAAAAAAAAAAAAAAAAAA_', '/k/{token}/{token}'],
  ['/s/0f8fad5b-d9cb-469f-a165-70867728950e/42/7', '/s/{uuid}/{id}/{id}'],
  ['/1/abcdef0123456789/2/', '/{id}/{hash}/{id}/'],
  // A long digit segment is hex first; a UUID inside a segment leaves the rest of it.
  ['/12345678901234567890', '/{hash}'],
  ['/x-0f8fad5b-d9cb-469f-a165-70867728950e', '/x-{uuid}'],
  // Dot hashes are lowercase, and a dot ends one match before the next can start.
  ['/a.ABCDEF12.js', '/a.ABCDEF12.js'],
  ['/a.1234abcd.5678abcd.js', '/a.{hash}.5678abcd.js'],
  ['/a.1234abcd..5678abcd.js', '/a.{hash}..{hash}.js'],
  // Only text after a slash is a segment; a brace in the path is text like any other.
  ['123/456', '123/{id}'],
  ['/a}/1', '/a}/{id}'],
  ['//7//', '//{id}//'],
  // Non-ASCII characters belong to no rule's class.
  ['/café/123', '/café/{id}'],
  ['/é12/😀/9', '/é12/😀/{id}'],
];
