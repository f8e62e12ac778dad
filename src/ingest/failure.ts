// An import that fails on the system's side (a full disk, a file that cannot be written) says what happened
// and where, in words a supervisor can act on, instead of DuckDB's or Node's raw text.

export interface FailurePlaces {
  /** The database file. */
  readonly database: string;
  /** The import's temporary folder (converted copies of the files). */
  readonly tmpDir: string;
}

const DISK_FULL = /no space left on device|disk is full|not enough space on the disk|ENOSPC/i;

/** A failure of the system (the disk), not of the file being read. */
export function isDiskFull(err: unknown): boolean {
  const e = err as { message?: unknown; code?: unknown };
  return e?.code === 'ENOSPC' || DISK_FULL.test(typeof e?.message === 'string' ? e.message : String(err));
}

/** The message for an error thrown while importing (not a refused file: those are values). */
export function failureMessage(err: unknown, places: FailurePlaces): string {
  const e = err as { message?: unknown; code?: unknown; path?: unknown };
  const text = typeof e?.message === 'string' ? e.message : String(err);
  if (isDiskFull(err)) {
    // DuckDB names the file it could not write; Node's stream errors carry it as `path` (or not at all).
    const named = /(?:write|open|create|extend) file "([^"]+)"/i.exec(text)?.[1] ?? (typeof e?.path === 'string' ? e.path : null);
    const where = named ?? `数据库 ${places.database} 或临时目录 ${places.tmpDir}`;
    return `磁盘已满：无法写入 ${where}。请在该磁盘上腾出空间后重新导入。`;
  }
  return `导入时出错：${text.split('\n')[0]}`;
}
