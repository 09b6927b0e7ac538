import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BYTE_TOKENS_WASM } from '../../../parsers/byte-tokens-wasm.js';
import { compileWat, ENDPOINT_TEMPLATE, TOKENIZER, wasmModuleText, type WatModule } from '../../../src/build/compile-wat.js';
import { ENDPOINT_TEMPLATE_WASM } from '../../../src/store/endpoint-template-module.js';

describe('the committed WebAssembly (`npm run wasm` writes it)', () => {
  const modules: [WatModule, Buffer][] = [[TOKENIZER, BYTE_TOKENS_WASM], [ENDPOINT_TEMPLATE, ENDPOINT_TEMPLATE_WASM]];

  it.each(modules)('is the compilation of $wat', async (target, loaded) => {
    const binary = await compileWat(target.wat, readFileSync(target.wat, 'utf8'));
    expect(Buffer.from(binary).equals(loaded)).toBe(true);
    expect(readFileSync(target.module, 'utf8')).toBe(wasmModuleText(binary, target));
  });
});
