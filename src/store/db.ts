// The one DuckDB connection the rest of the program talks to. Extension auto-install/auto-load is
// off: the police network has no internet, and a silent download attempt would only hang.
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrate } from './migrations.ts';

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export interface Store {
  readonly path: string;
  readonly conn: DuckDBConnection;
  run(sql: string, params?: Params): Promise<void>;
  /** Rows as plain JS values: BIGINT → number when safe, DATE/TIMESTAMP → string 'YYYY-MM-DD[ HH:MM:SS]'. */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  close(): void;
}

export const DEFAULT_DB = 'yanpan.duckdb';

export async function openStore(path: string = DEFAULT_DB, opts: { migrate?: boolean } = {}): Promise<Store> {
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    // An ordinary office server runs other things: keep DuckDB's buffers bounded and let it spill large
    // intermediate tables to disk instead (YANPAN_MEMORY_LIMIT overrides, e.g. "4GB").
    memory_limit: process.env.YANPAN_MEMORY_LIMIT ?? '1500MB',
  });
  const conn = await instance.connect();
  const store: Store = {
    path,
    conn,
    async run(sql, params) {
      await conn.run(sql, params);
    },
    async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
      const reader = await conn.runAndReadAll(sql, params);
      const wide = reader.columnTypes().flatMap((t, i) => (WIDE_INTS.has(t.typeId) ? [reader.columnName(i)] : []));
      const rows = reader.getRowObjectsJson() as Row[];
      if (wide.length) for (const r of rows) for (const k of wide) if (typeof r[k] === 'string') r[k] = Number(r[k]);
      return rows as T[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  if (opts.migrate !== false) {
    try {
      await migrate(store);
    } catch (err) {
      store.close();
      throw err;
    }
  }
  return store;
}

// getRowObjectsJson renders 64-bit integers as strings; counts and ids of ours fit a JS number.
const WIDE_INTS = new Set<number>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

/** Run `body` in one transaction: everything or nothing. */
export async function inTransaction<T>(store: Store, body: () => Promise<T>): Promise<T> {
  await store.run('BEGIN TRANSACTION');
  try {
    const result = await body();
    await store.run('COMMIT');
    return result;
  } catch (err) {
    await store.run('ROLLBACK');
    throw err;
  }
}

/** Quote an identifier for SQL. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** Quote a string literal for SQL (for paths and values built into DDL, never for user rows). */
export const lit = (value: string): string => `'${value.replace(/'/g, "''")}'`;
