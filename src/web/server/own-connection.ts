// Heavy reads (the rules over a day, the analysis of a period, a workbook rewritten) run on a connection of
// their own, so the server's shared connection keeps answering other requests meanwhile.
import type { Store } from '../../store/db.ts';
import type { ServerContext } from './context.ts';

export async function onOwnConnection<T>(ctx: ServerContext, body: (s: Store) => Promise<T>): Promise<T> {
  const conn = await ctx.store.connect();
  try {
    return await body(conn);
  } finally {
    conn.close();
  }
}
