/** Bytes of whole lines handed to a parse worker at a time. */
export const CHUNK_BYTES = 1024 * 1024;
