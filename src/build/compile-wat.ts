/**
 * Compiles the project's WebAssembly text into the TypeScript modules that load it,
 * with wabt's wat2wasm: `npm run wasm`. The tokenizer (parsers/byte-tokens.wat) and
 * the endpoint templating (src/store/endpoint-template.wat). The compiled bytes are
 * committed, so that building and installing need no WebAssembly tool; tests compile
 * the text again and compare.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

/** A WebAssembly text, the module that holds its compilation, and the name that module exports it by. */
export interface WatModule { wat: string; module: string; name: string }

export const TOKENIZER: WatModule = { wat: 'parsers/byte-tokens.wat', module: 'parsers/byte-tokens-wasm.ts', name: 'BYTE_TOKENS_WASM' };
export const ENDPOINT_TEMPLATE: WatModule = { wat: 'src/store/endpoint-template.wat', module: 'src/store/endpoint-template-module.ts', name: 'ENDPOINT_TEMPLATE_WASM' };

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
export function wasmModuleText(binary: Uint8Array, { wat: source, name }: WatModule): string {
  const base64 = Buffer.from(binary).toString('base64');
  const lines = base64.match(/.{1,96}/g) ?? [];
  return [
    `// Generated from ${source} by \`npm run wasm\` (src/build/compile-wat.ts): do not edit.`,
    `export const ${name} = Buffer.from(`,
    lines.map((line) => `  '${line}'`).join(' +\n') + ',',
    "  'base64',",
    ');',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const target of [TOKENIZER, ENDPOINT_TEMPLATE]) {
    const binary = await compileWat(target.wat, readFileSync(target.wat, 'utf8'));
    writeFileSync(target.module, wasmModuleText(binary, target));
    console.log(`${target.module}: ${binary.length} bytes of WebAssembly`);
  }
}
