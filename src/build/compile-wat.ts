/**
 * Compiles the tokenizer's WebAssembly text (parsers/byte-tokens.wat) into the module
 * parsers load (parsers/byte-tokens-wasm.ts), with wabt's wat2wasm: `npm run wasm`.
 * The compiled bytes are committed, so that building and installing need no
 * WebAssembly tool; a test compiles the text again and compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

export const WAT_PATH = 'parsers/byte-tokens.wat';
export const MODULE_PATH = 'parsers/byte-tokens-wasm.ts';

/** The binary of a module in WebAssembly text, SIMD allowed. */
export async function compileWat(name: string, text: string): Promise<Uint8Array> {
  const tools = await wabt();
  const parsed = tools.parseWat(name, text, { simd: true });
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** The TypeScript module that holds a binary, as base64. */
export function wasmModuleText(binary: Uint8Array, source: string): string {
  const base64 = Buffer.from(binary).toString('base64');
  const lines = base64.match(/.{1,96}/g) ?? [];
  return [
    `// Generated from ${source} by \`npm run wasm\` (src/build/compile-wat.ts): do not edit.`,
    'export const BYTE_TOKENS_WASM = Buffer.from(',
    lines.map((line) => `  '${line}'`).join(' +\n') + ',',
    "  'base64',",
    ');',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const binary = await compileWat(WAT_PATH, readFileSync(WAT_PATH, 'utf8'));
  writeFileSync(MODULE_PATH, wasmModuleText(binary, WAT_PATH));
  console.log(`${MODULE_PATH}: ${binary.length} bytes of WebAssembly`);
}
