/**
 * The WebAssembly endpoint templating (endpoint-template.wat) over this thread's
 * tokenizer memory (parsers/token-memory.ts), made on first use: the endpoint column
 * templates a request whose line is in that memory with it (endpoint-column.ts).
 */
import { tokenMemory } from '../../parsers/token-memory.js';
import { CLASS } from './endpoint-template.js';
import { ENDPOINT_TEMPLATE_WASM } from './endpoint-template-module.js';

/**
 * Paths up to this long take the UUID and dot-hash passes in WebAssembly (two scratch
 * areas of this size); a longer one that needs them is left to the JavaScript.
 */
const SCRATCH_BYTES = 4096;
/** Bytes the templating may write past its output's end (eight-byte placeholder stores). */
export const ENDPOINT_SLACK = 16;

/**
 * Writes the endpoint of the request at dst, as the staging column holds it (a 4-byte
 * length, `METHOD /template`); returns the bytes written, or a negative number when
 * the JavaScript must do it (endpoint-template.wat). methodLength -1: no method.
 */
export type WasmEndpoint = (method: number, methodLength: number, path: number, pathLength: number, dst: number) => number;

interface Exports {
  setup(classes: number, scratch: number, size: number): void;
  endpoint: WasmEndpoint;
}

let compiled: WebAssembly.Module | undefined;
/** This thread's templating: undefined until asked for, null when the arena had no room for its table and scratch. */
let threadEndpoint: WasmEndpoint | null | undefined;

/** This thread's WebAssembly templating, or null (no room in the arena for it). */
export function wasmEndpoint(): WasmEndpoint | null {
  if (threadEndpoint !== undefined) return threadEndpoint;
  const memory = tokenMemory();
  const classes = memory.area(CLASS.length + 2 * (SCRATCH_BYTES + ENDPOINT_SLACK));
  if (classes < 0) return (threadEndpoint = null);
  memory.view(classes, CLASS.length).set(CLASS);
  compiled ??= new WebAssembly.Module(ENDPOINT_TEMPLATE_WASM);
  const exports = memory.instantiate(compiled) as unknown as Exports;
  exports.setup(classes, classes + CLASS.length, SCRATCH_BYTES);
  return (threadEndpoint = exports.endpoint);
}
