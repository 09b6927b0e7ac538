/**
 * V8 compiles typed-array reads on the promise that no ArrayBuffer in the thread has
 * ever been detached (its "ArrayBufferDetaching" protector). Moving a buffer to another
 * thread detaches it and breaks that promise once, and V8 then throws away every
 * optimized function that relied on it: in a parse worker, the whole parser, just
 * compiled during its first chunk, which it then runs unoptimized and compiles again
 * (about 0.2 s of compile time per run over 2M lines). Detaching a
 * throwaway buffer before anything is hot breaks the promise while nothing depends on
 * it. The code compiled afterwards checks for detached buffers, as it would have after
 * the first move anyway (docs/performance.md, fifth round).
 */
let detached = false;

export function detachBeforeHotCode(): void {
  if (detached) return;
  detached = true;
  const throwaway = new ArrayBuffer(8);
  structuredClone(throwaway, { transfer: [throwaway] });
}
