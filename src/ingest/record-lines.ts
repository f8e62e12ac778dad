// Where a staged record sits in its file (its physical line), for the rejects only.
// Record __seq (0-based, in file order) is record ordinal __seq + 2 (header = 1) until DuckDB's reader refuses a
// record; each refusal pushes later rows one ordinal further. A quoted newline pushes later records one line
// further (from the scan). XLSX rows carry their sheet row number instead.
import type { Store } from '../store/db.ts';
import type { LineOfSql } from './load-sql.ts';
import type { Scan } from './scan.ts';

export async function recordLines(
  store: Store, names: { readonly ordinalSegments: string; readonly lineSegments: string }, readerRejectLines: string, scan: Scan | null,
): Promise<LineOfSql> {
  if (!scan) {
    return { expr: (a) => `${a}.__xline`, joins: () => '', exprOfSeq: () => 'NULL' };
  }
  // Records that produced no row: refused by the reader, or empty lines it skipped.
  const refusedByReader = (await store.all<{ line: number }>(readerRejectLines)).map((r) => r.line);
  const refused = [...new Set([...refusedByReader, ...scan.blankOrdinals])].sort((a, b) => a - b);
  const ordSegT = names.ordinalSegments;
  const lineSegT = names.lineSegments;
  await segTable(store, ordSegT, ordinalSegments(refused));
  await segTable(store, lineSegT, [[0, 0], ...scan.lineShifts.map(([o, line]) => [o, line - o] as [number, number])]);
  const ordOf = (seq: string) => `(${seq} + (SELECT v FROM ${ordSegT} WHERE k <= ${seq} ORDER BY k DESC LIMIT 1))`;
  return {
    expr: (a) => `${a}.__seq + ${a}__os.v + ${a}__ls.v`,
    joins: (a) => `ASOF JOIN ${ordSegT} ${a}__os ON ${a}.__seq >= ${a}__os.k ASOF JOIN ${lineSegT} ${a}__ls ON ${a}.__seq + ${a}__os.v >= ${a}__ls.k`,
    exprOfSeq: (seq) => `(${ordOf(seq)} + (SELECT v FROM ${lineSegT} WHERE k <= ${ordOf(seq)} ORDER BY k DESC LIMIT 1))`,
  };
}

/** [first record number, ordinal − record number from there on], given the sorted ordinals that produced no row. */
export function ordinalSegments(refused: readonly number[]): [number, number][] {
  const seg: [number, number][] = [[0, 2]];
  refused.forEach((ordinal, i) => {
    const k = i + 1;
    const start = ordinal - 1 - k;
    const last = seg[seg.length - 1];
    if (last[0] === start) last[1] = 2 + k;
    else seg.push([start, 2 + k]);
  });
  return seg;
}

async function segTable(store: Store, name: string, seg: [number, number][]): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE ${name} (k BIGINT, v BIGINT)`);
  for (let i = 0; i < seg.length; i += 500) {
    const part = seg.slice(i, i + 500);
    await store.run(`INSERT INTO ${name} VALUES ${part.map(([k, v]) => `(${k}, ${v})`).join(', ')}`);
  }
}
