import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValues } from './samples.ts';

describe('sampleValues', () => {
  let dir = '';
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'yanpan-samples-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('takes the first non-blank value of each column, past the header, blank and quoted fields', async () => {
    const f = join(dir, 'a.csv');
    await writeFile(f, '\ufeffid,at,note\r\n1,, \r\n\r\n2,2021-01-01 03:41,"a, ""b"""\r\n3,2021/01/01 03:41:00,c\r\n');
    expect(await sampleValues(f)).toEqual(['1', '2021-01-01 03:41', 'a, "b"']);
  });

  it('drops leading columns (the sheet row of a converted XLSX) and has no sample for a column with no value', async () => {
    const f = join(dir, 'b.csv');
    await writeFile(f, '__line,day,x\n2,20210101,\n3,20210102,\n');
    const s = await sampleValues(f, 1);
    expect(s[0]).toBe('20210101');
    expect(s[1] ?? null).toBeNull();
  });

  it('reads whole lines only from a file larger than its window', async () => {
    const f = join(dir, 'c.csv');
    const row = '2021-01-01 03:41,平遥交警大队\n';
    await writeFile(f, `at,unit\n${row.repeat(10000)}`);
    expect(await sampleValues(f)).toEqual(['2021-01-01 03:41', '平遥交警大队']);
  });
});
