// GB18030/GBK → UTF-8, streamed to a temporary file DuckDB's CSV reader can take.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';

export async function transcodeToUtf8(src: string, dest: string): Promise<void> {
  await pipeline(createReadStream(src, { highWaterMark: 1 << 20 }), iconv.decodeStream('gb18030'), iconv.encodeStream('utf-8'), createWriteStream(dest));
}
