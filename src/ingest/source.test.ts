// The source step's early transcode (a worker thread beside the scan) must give the very copy the transcode after
// the scan gives, and leave nothing behind when the scan decides the copy is not wanted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { TABLES } from '../contract/tables.ts';
import { readSource, type Source } from './source.ts';
import { transcodeInWorker } from './transcode.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yanpan-source-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEAD = '单位代码,单位名称,单位类型,辖区';
const rows = (n: number) => Array.from({ length: n }, (_, i) => `U${i},平遥交警大队第${i}中队,县区大队,平遥县`);

/** readSource of `bytes` with the early transcode on (every size) or off, in its own temporary folder. */
async function source(bytes: Buffer, early: boolean): Promise<{ source: Source; copy: Buffer | null; left: string[] }> {
  const file = join(dir, 'units.csv');
  await writeFile(file, bytes);
  const tmp = await mkdtemp(join(dir, early ? 'early-' : 'after-'));
  const out = await readSource(TABLES.units, file, tmp, { earlyTranscodeMinBytes: early ? 0 : Infinity });
  if (!out.ok) throw new Error(out.message);
  const copy = out.source.csvPath === file ? null : await readFile(out.source.csvPath);
  return { source: out.source, copy, left: await readdir(tmp) };
}

describe('the early transcode', () => {
  it('gives the same copy as the transcode after the scan, a damaged character marked the same way', async () => {
    const clean = iconv.encode([HEAD, ...rows(3000)].join('\n') + '\n', 'gb18030');
    const name = iconv.encode('第1234中队', 'gb18030');
    const at = clean.indexOf(name);
    const damaged = Buffer.concat([clean.subarray(0, at + 1), clean.subarray(at + 2)]);
    const early = await source(damaged, true);
    const after = await source(damaged, false);
    expect(early.source.encoding).toBe('gb18030');
    expect(early.copy).not.toBeNull();
    expect(early.copy!.equals(after.copy!)).toBe(true);
    expect(early.copy!.includes(0xff)).toBe(true); // the damaged character, for the reader to refuse
    expect(early.source.header).toEqual(HEAD.split(','));
  });

  it('is dropped when the whole file turns out to be UTF-8 with a GB18030 beginning, leaving no copy behind', async () => {
    const bytes = Buffer.concat([
      iconv.encode([HEAD, ...rows(2000)].join('\n') + '\n', 'gb18030'),
      Buffer.from(rows(30000).join('\n') + '\n', 'utf8'),
    ]);
    const early = await source(bytes, true);
    expect(early.source.encoding).toBe('utf-8');
    expect(early.copy).toBeNull();
    expect(early.left).toEqual([]);
  });

  it('is dropped for a file whose line ends need repair, which the transcode after the scan does', async () => {
    const bytes = iconv.encode([HEAD, ...rows(3000)].join('\r\n') + '\n', 'gb18030');
    const early = await source(bytes, true);
    const after = await source(bytes, false);
    expect(early.source.encoding).toBe('gb18030');
    expect(early.copy!.equals(after.copy!)).toBe(true);
    expect(early.copy!.includes(0x0d)).toBe(false);
  });

  it('gives the same copy from a file of several chunks, characters cut at the chunk edges included', async () => {
    // The worker reads 4 MiB at a time into one buffer and alternates two output buffers: 12 MB takes both several times.
    const bytes = iconv.encode([HEAD, ...rows(300_000)].join('\n') + '\n', 'gb18030');
    expect(bytes.length).toBeGreaterThan(3 * (4 << 20));
    const early = await source(bytes, true);
    expect(early.copy!.equals(Buffer.from(iconv.decode(bytes, 'gb18030'), 'utf8'))).toBe(true);
  });

  it('keeps a validly spelled U+FFFD in the worker\'s copy as in the other, and marks only the damage', async () => {
    const bytes = iconv.encode([HEAD, ...rows(3000), 'U9,甲\uFFFD乙,县区大队,平遥县'].join('\n') + '\n', 'gb18030');
    const damaged = Buffer.concat([bytes, Buffer.from([0x55, 0x38, 0x2c, 0x81, 0x0a])]);
    const [early, after] = [await source(damaged, true), await source(damaged, false)];
    expect(early.copy!.equals(after.copy!)).toBe(true);
    expect(early.copy!.includes(Buffer.from('甲\uFFFD乙', 'utf8'))).toBe(true);
    expect(early.copy!.filter((b) => b === 0xff).length).toBe(1);
  });

  it('fails as a value when the copy cannot be written', async () => {
    const file = join(dir, 'units.csv');
    await writeFile(file, iconv.encode(HEAD + '\n', 'gb18030'));
    await expect(transcodeInWorker(file, join(dir, 'missing', 'units.utf8.csv'), 'gb18030').done).rejects.toThrow(/ENOENT/);
  });
});
