/** See utf8-out.mjs. */
export function utf8Marked(text: string): Buffer;
