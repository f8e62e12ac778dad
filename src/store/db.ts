// The one DuckDB connection the rest of the program talks to. Extension auto-install/auto-load is
// off: the police network has no internet, and a silent download attempt would only hang.
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import { migrate } from './migrations.ts';
import type { Params, Row, Store } from './store.ts';

// The store's public face: callers import the connection, its types and its helpers from here alone.
export type { Params, Row, Store } from './store.ts';
export { ident, inIdList, lit } from './quote.ts';
export { transaction } from './transaction.ts';

export const DEFAULT_DB = 'yanpan.duckdb';

/** The database file is held by another process (typically `yanpan serve`). */
export class DatabaseLockedError extends Error {}

/** `readOnly`: open without writing anything (and so without migrating), e.g. to check a backup's copy. */
export async function openStore(path: string = DEFAULT_DB, opts: { migrate?: boolean; readOnly?: boolean } = {}): Promise<Store> {
  const instance = await createInstance(path, opts.readOnly === true);
  const store = storeOn(instance, await instance.connect(), path, true);
  if (opts.migrate !== false && !opts.readOnly) {
    try {
      await migrate(store);
    } catch (err) {
      store.close();
      throw err;
    }
  }
  return store;
}

async function createInstance(path: string, readOnly: boolean): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(path, {
      ...(readOnly ? { access_mode: 'READ_ONLY' } : {}),
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      // An ordinary office server runs other things: keep DuckDB's buffers bounded and let it spill large
      // intermediate tables to disk instead (YANPAN_MEMORY_LIMIT overrides, e.g. "4GB").
      memory_limit: process.env.YANPAN_MEMORY_LIMIT ?? '1500MB',
      // No vacuum at checkpoints. It merges partly filled row groups, and after an import appends to a table that
      // ends in one (every table after its first import) it rewrote all the appended rows, on one thread, when the
      // database closed: 1.7 s for a month of a city's violations, which the import itself had written in 0.5 s.
      // Without it each import leaves at most one partly filled row group per table, and a replaced record's old
      // row stays as a deleted row in its row group; an import that replaces a large share of a table turns the
      // vacuum on for the checkpoint that follows it (ingest/vacuum.ts).
      max_vacuum_tasks: '0',
    });
  } catch (err) {
    // DuckDB lets one process hold a database file; say which and what to do instead of its long message.
    if (/lock/i.test((err as Error).message)) {
      throw new DatabaseLockedError(`数据库 ${path} 正被另一个进程（例如 yanpan serve）使用：请在控制台中操作，或先停止服务器再运行此命令。`);
    }
    throw err;
  }
}

function storeOn(instance: DuckDBInstance, conn: DuckDBConnection, path: string, ownsInstance: boolean): Store {
  return {
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
    async numbers(sql: string, params?: Params): Promise<Float64Array[]> {
      // Chunk by chunk from the materialised result: no array of values per column made on the way.
      const result = await conn.run(sql, params);
      const chunks = Array.from({ length: result.chunkCount }, (_, k) => result.getChunk(k));
      const out = Array.from({ length: result.columnCount }, () => new Float64Array(chunks.reduce((n, c) => n + c.rowCount, 0)));
      let at = 0;
      for (const chunk of chunks) {
        out.forEach((col, c) => {
          const vector = chunk.getColumnVector(c);
          for (let j = 0; j < chunk.rowCount; j++) { const v = vector.getItem(j); col[at + j] = v == null ? NaN : Number(v); }
        });
        at += chunk.rowCount;
      }
      return out;
    },
    close() {
      conn.closeSync();
      if (ownsInstance) instance.closeSync();
    },
    async connect() {
      return storeOn(instance, await instance.connect(), path, false);
    },
  };
}

// getRowObjectsJson renders 64-bit integers as strings; counts and ids of ours fit a JS number.
const WIDE_INTS = new Set<number>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);
