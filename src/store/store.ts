// What the rest of the program sees of the database: one connection with two ways to run SQL. A leaf
// module of types, so the migrations can name a Store without importing the module that opens one.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export interface Store {
  readonly path: string;
  readonly conn: DuckDBConnection;
  run(sql: string, params?: Params): Promise<void>;
  /** Rows as plain JS values: BIGINT → number when safe, DATE/TIMESTAMP → string 'YYYY-MM-DD[ HH:MM:SS]'. */
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  /**
   * Numeric columns as typed arrays (NULL → NaN), one per column of the result: many numbers read at once
   * without making an object per row (the blackspot rule reads the year's coordinates this way).
   */
  numbers(sql: string, params?: Params): Promise<Float64Array[]>;
  close(): void;
  /** Another connection to the same database (its own transactions), e.g. for a long job inside the server. */
  connect(): Promise<Store>;
}
