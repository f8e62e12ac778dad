/** See utf8-out.mjs. */
export function utf8MarkedInto(text: string, out: Uint8Array): number;
export function utf8Marked(text: string): Buffer;
export function decodeChunk(decoder: TextDecoder, chunk: Uint8Array, encoding: string): string;
