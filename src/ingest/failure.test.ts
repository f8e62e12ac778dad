import { describe, expect, it } from 'vitest';
import { failureMessage, isDiskFull } from './failure.ts';

const places = { database: 'store/y.duckdb', tmpDir: 'tmp/yanpan-import-1-abc' };

describe('failureMessage', () => {
  it('names the file DuckDB could not write', () => {
    expect(failureMessage(new Error('IO Error: Could not write file "store/y.duckdb.wal": No space left on device'), places))
      .toBe('磁盘已满：无法写入 store/y.duckdb.wal。请在该磁盘上腾出空间后重新导入。');
  });

  it('names the path of a Node error, or both places when the error names none', () => {
    const node = Object.assign(new Error("ENOSPC: no space left on device, mkdtemp 'tmp/yanpan-import-1-XXXXXX'"), { code: 'ENOSPC', path: 'tmp/yanpan-import-1-XXXXXX' });
    expect(failureMessage(node, places)).toBe('磁盘已满：无法写入 tmp/yanpan-import-1-XXXXXX。请在该磁盘上腾出空间后重新导入。');
    const bare = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(failureMessage(bare, places)).toBe('磁盘已满：无法写入 数据库 store/y.duckdb 或临时目录 tmp/yanpan-import-1-abc。请在该磁盘上腾出空间后重新导入。');
  });

  it('gives any other error its first line only, never a dump', () => {
    expect(failureMessage(new Error('Invalid Input Error: bad\n  file = x\n  delimiter = ,'), places)).toBe('导入时出错：Invalid Input Error: bad');
    expect(isDiskFull(new Error('Invalid Input Error: bad'))).toBe(false);
  });
});
