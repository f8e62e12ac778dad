// The one DuckDB connection the rest of the program talks to. Extension auto-install/auto-load is
// off: the police network has no internet, and a silent download attempt would only hang.
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { migrate } from './migrations.ts';
import type { Params, Row, Store } from './store.ts';

// The store's public face: callers import the connection, its types and its helpers from here alone.
export type { Params, Row, Store } from './store.ts';
export { ident, lit } from './quote.ts';
export { inTransaction } from './transaction.ts';

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
