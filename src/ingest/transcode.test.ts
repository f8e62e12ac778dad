// The byte-level pieces of the source step, on strings and buffers: no files, no database.
import { describe, expect, it } from 'vitest';
import { chooseEncoding, countUtf8, type Utf8Evidence } from './encoding.ts';
import { LONG_RECORD, lineEndNormalizer, longRecordFilter } from './transcode.ts';
import { decodeChunk, utf8Marked } from './utf8-out.mjs';

const evidence = (bytes: number[] | Buffer): Utf8Evidence => {
  const e = { valid: 0, invalid: 0 };
  countUtf8(Buffer.from(bytes), e);
  return e;
};

describe('encoding evidence', () => {
  it('counts valid multi-byte sequences and invalid bytes', () => {
    expect(evidence(Buffer.from('平遥a交警', 'utf8'))).toEqual({ valid: 4, invalid: 0 });
    expect(evidence([0xe5, 0xb9, 0xb3, 0xff, 0x61])).toEqual({ valid: 1, invalid: 1 });
    // overlong '/' and a UTF-16 surrogate are not UTF-8
    expect(evidence([0xe0, 0x80, 0xaf, 0xed, 0xa0, 0x80])).toEqual({ valid: 0, invalid: 6 });
  });

  it('keeps a sequence cut at the end of a chunk for the next chunk', () => {
    const e = { valid: 0, invalid: 0 };
    const bytes = Buffer.from('a平', 'utf8');
    expect(countUtf8(bytes.subarray(0, 3), e, false)).toBe(2);
    expect(e).toEqual({ valid: 0, invalid: 0 });
  });

  it('calls a file UTF-8 when its good sequences outnumber its bad bytes, else GB18030', () => {
    expect(chooseEncoding({ valid: 1000, invalid: 1 })).toBe('utf-8');
    expect(chooseEncoding({ valid: 3520, invalid: 12786 })).toBe('gb18030'); // the sample's accidents.csv
    expect(chooseEncoding({ valid: 0, invalid: 1 })).toBe('gb18030');
  });
});

describe('decodeChunk', () => {
  const gb = (bytes: number[]) => decodeChunk(new TextDecoder('gb18030'), Uint8Array.from(bytes), 'gb18030');
  it('gives a validly spelled U+FFFD as the character and an invalid byte as damage', () => {
    // "a,<U+FFFD>,<invalid 0x81 0x0a>"
    const text = gb([0x61, 0x2c, 0x84, 0x31, 0xa4, 0x37, 0x2c, 0x81, 0x0a]);
    expect(utf8Marked(text)).toEqual(Buffer.from([0x61, 0x2c, 0xef, 0xbf, 0xbd, 0x2c, 0xff, 0x0a]));
  });
  it('keeps it when the chunk edge splits it, at each of the three places', () => {
    for (let k = 1; k < 4; k++) {
      const bytes = [0x61, 0x2c, 0x84, 0x31, 0xa4, 0x37, 0x2c, 0x81, 0x0a];
      const decoder = new TextDecoder('gb18030');
      const text = decodeChunk(decoder, Uint8Array.from(bytes.slice(0, 2 + k)), 'gb18030') + decodeChunk(decoder, Uint8Array.from(bytes.slice(2 + k)), 'gb18030') + decoder.decode();
      expect(utf8Marked(text), String(k)).toEqual(Buffer.from([0x61, 0x2c, 0xef, 0xbf, 0xbd, 0x2c, 0xff, 0x0a]));
    }
  });
  it('leaves the same bytes alone where they are no character of their own (0x84 the trail byte of 亜)', () => {
    const bytes = [0x0a, 0x81, 0x84, 0x31, 0xa4, 0x37, 0x81, 0x30];
    expect(gb(bytes)).toBe(new TextDecoder('gb18030').decode(Uint8Array.from(bytes)));
  });
});

describe('lineEndNormalizer', () => {
  it('makes CRLF and lone CR outside quotes LF, across chunk boundaries, and leaves quoted values alone', () => {
    const n = lineEndNormalizer();
    const out = ['a,b\r', '\nc,"x\r\ny"\r', 'd\re,f\r'].map((t) => n(t)).join('') + n(null);
    expect(out).toBe('a,b\nc,"x\r\ny"\nd\ne,f\n');
  });
});

describe('longRecordFilter', () => {
  it('replaces a record over the limit by a placeholder keeping its line breaks, and keeps its beginning', () => {
    const shown: string[] = [];
    const f = longRecordFilter(10, shown);
    const out = ['a,b\nlong,"1234', '5\n678901"\nc,d'].map((t) => f(t)).join('') + f(null);
    expect(out).toBe(`a,b\n"${LONG_RECORD}\n"\nc,d`);
    expect(shown).toEqual(['long,"12345\n678901"']);
  });
});

describe('transcodeToUtf8', () => {
  it('keeps the last record of a file without a final line end when records are checked for length', async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { transcodeToUtf8 } = await import('./transcode.ts');
    const dir = await mkdtemp(join(tmpdir(), 'yanpan-transcode-'));
    try {
      await writeFile(join(dir, 'in.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,2\r\n3,4', 'utf16le')]));
      await transcodeToUtf8(join(dir, 'in.csv'), join(dir, 'out.csv'), { from: 'utf-16le', lineEnds: true, maxRecordBytes: 100 });
      expect(await readFile(join(dir, 'out.csv'), 'utf8')).toBe('a,b\n1,2\n3,4');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
