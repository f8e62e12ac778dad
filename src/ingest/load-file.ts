// One file into one contract table, inside the caller's transaction: bulk read as text with DuckDB's
// CSV reader, validate and type in SQL, keep every refused row with its physical line, then replace
// records with the same key and insert. Nothing here commits; the import decides.
// The steps live in their own modules: source.ts (file → UTF-8 CSV + header), load-sql.ts (the SQL),
// record-lines.ts (physical lines of rejects), replace-by-key.ts, file-notes.ts.
import type { Table } from '../contract/tables.ts';
import type { Store } from '../store/db.ts';
import { isDiskFull } from './failure.ts';
import { headerNotes, referenceNotes } from './file-notes.ts';
import { matchHeader, type HeaderMatch } from './header.ts';
import { loadSql, readerRejectReason, type LoadSql } from './load-sql.ts';
import { profiler, withProgress } from './progress.ts';
import { recordLines } from './record-lines.ts';
import { replaceByKey, undoReplace } from './replace-by-key.ts';
import { lineOfRecord } from './scan.ts';
import type { TextEncoding } from './encoding.ts';
import { sampleValues } from './samples.ts';
import type { Source, SourceOutcome } from './source.ts';

export interface FileReport {
  readonly file: string;
  readonly table: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: TextEncoding | 'xlsx';
  readonly sha256: string;
  readonly rows: number;
  readonly loaded: number;
  readonly replaced: number;
  readonly rejected: number;
  readonly unknownColumns: readonly string[];
  readonly notes: readonly string[];
}

export type FileOutcome = { ok: true; report: FileReport } | { ok: false; file: string; message: string };

export interface LoadOptions {
  readonly importId: number;
  readonly tmpDir: string;
  readonly onProgress?: (fraction: number) => void;
}

type Counts = Pick<FileReport, 'rows' | 'loaded' | 'replaced' | 'rejected' | 'notes'>;

interface Load {
  readonly store: Store;
  readonly table: Table;
  readonly fileName: string;
  readonly source: Source;
  readonly match: HeaderMatch;
  readonly sql: LoadSql;
  readonly opts: LoadOptions;
  readonly step: (what: string) => void;
}

/** The load of a file whose source step (source.ts's readSource) is done; the import runs that step ahead (ahead.ts). */
export async function loadSource(store: Store, table: Table, fileName: string, src: SourceOutcome, opts: LoadOptions): Promise<FileOutcome> {
  const step = profiler();
  step('start');
  if (!src.ok) return { ok: false, file: fileName, message: src.message };
  const source = src.source;

  const match = matchHeader(table, source.header);
  if (match.missingRequired.length) {
    return { ok: false, file: fileName, message: `缺少必填列：${match.missingRequired.map((c) => `${c.zh}（${c.key}）`).join('、')}` };
  }
  if (!match.columns.some(Boolean)) return { ok: false, file: fileName, message: '表头中没有任何可识别的列' };

  const samples = await sampleValues(source.csvPath, source.format === 'xlsx' ? 1 : 0, source.delimiter);
  const sql = loadSql({
    table, match, header: source.header, format: source.format, csvPath: source.csvPath, importId: opts.importId, fileName, samples, delimiter: source.delimiter,
  });
  const load: Load = { store, table, fileName, source, match, sql, opts, step };
  const loaded = (source.format === 'csv' && !source.refused.length ? (await onePass(load)) ?? (await fastPath(load)) : null) ?? (await carefulPath(load));
  if ('message' in loaded) return { ok: false, file: fileName, message: loaded.message };
  const counts = await withConversionRejects(load, loaded);
  return {
    ok: true,
    report: {
      file: fileName, table: table.key, format: source.format, encoding: source.encoding, sha256: source.sha256,
      rows: counts.rows, loaded: counts.loaded, replaced: counts.replaced, rejected: counts.rejected,
      unknownColumns: match.unknown, notes: [...source.notes, ...counts.notes],
    },
  };
}

// One pass for a clean export into an empty table (a first import, a new database): insert every row typed and
// checked — a refused row marked by its key — then count on the table what the keys pre-read of the fast path
// would have: refused rows, repeated keys, the reader's refusals. All clear: done, in one read of the file.
// Otherwise delete the table's rows (it was empty before this file, inside the import's transaction) and let
// the careful path name every refused row (null). A table that holds rows takes the fast path below.
async function onePass({ store, table, match, sql, opts, step }: Load): Promise<Counts | null> {
  if (!sql.onePassPossible) return null;
  const [{ rows }] = await store.all<{ rows: number }>(`SELECT count(*) AS rows FROM ${sql.target}`);
  if (rows > 0) return null;
  let clean: boolean;
  let n: number;
  try {
    await withProgress(store, opts.onProgress, store.run(`INSERT INTO ${sql.target} SELECT * FROM ${sql.onePassRows}`));
    const [s] = await store.all<{ n: number; refused_rows: number; distinct_keys: number; refused: number }>(sql.onePassStats);
    n = s.n;
    clean = s.refused_rows === 0 && s.refused === 0 && s.distinct_keys === s.n;
  } finally {
    for (const t of sql.fastReaderTemps) await store.run(`DROP TABLE IF EXISTS ${t}`);
  }
  if (!clean) {
    await store.run(`DELETE FROM ${sql.target}`);
    step('one pass declined');
    return null;
  }
  step('one pass read+validate+insert');
  const notes = [...headerNotes(match), ...(await referenceNotes(store, table, sql.target, sql.present))];
  return { rows: n, loaded: n, replaced: 0, rejected: 0, notes };
}

// Fast path for the usual clean export: read the keys alone first (cheap: the reader skips the other
// columns' values), and when no key is missing or repeated, type, check and insert straight into the
// table in one parallel pass — no staging copy. Any refused row sends the file down the careful path
// (null), after putting back exactly what was there: that path names every refused row's line and reason.
async function fastPath({ store, table, match, sql, opts, step }: Load): Promise<Counts | { message: string } | null> {
  const dropFast = async () => { for (const t of sql.fastTemps) await store.run(`DROP TABLE IF EXISTS ${t}`); };
  try {
    await store.run(sql.keysTable);
  } catch (err) {
    return readFailure(err);
  }
  const [k] = await store.all<{ n: number; nulls: number; distinct_keys: number; refused: number }>(sql.keysStats);
  if (k.nulls === 0 && k.refused === 0 && k.distinct_keys === k.n) {
    // An error here (a full disk) is not a refused row: it ends the transaction, so it goes to the import to report.
    const done = await replaceByKey(store, table, sql.names.keys, sql.fastRows, {
      keepIn: sql.names.old, track: (work) => withProgress(store, opts.onProgress, work),
    });
    for (const t of sql.fastReaderTemps) await store.run(`DROP TABLE IF EXISTS ${t}`);
    if (done.inserted === k.n) {
      step('fast read+validate+insert');
      const notes = [...headerNotes(match), ...(await referenceNotes(store, table, sql.loadedRows, sql.present))];
      await dropFast();
      return { rows: k.n, loaded: k.n - done.replaced, replaced: done.replaced, rejected: 0, notes };
    }
    // Some row was refused: undo this file's rows and take the careful path.
    await undoReplace(store, table, sql.names.keys, sql.names.old);
  }
  await dropFast();
  step('fast path declined');
  return null;
}

// Stage every row with its verdict, then the rejects with their lines, the repeated keys, and the replace.
async function carefulPath({ store, table, fileName, source, match, sql, opts, step }: Load): Promise<Counts | { message: string }> {
  try {
    await withProgress(store, opts.onProgress, store.run(sql.staging(false)));
    const [{ lo, hi, n }] = await store.all<{ lo: string | null; hi: string | null; n: number }>(sql.stagingRowids);
    if (n === 0 || (lo !== null && hi !== null && BigInt(hi) - BigInt(lo) + 1n === BigInt(n))) {
      await store.run(sql.stagingView(lo, false));
    } else {
      // Row ids not contiguous (never seen): number the records the slow, certain way.
      await store.run(`DROP TABLE ${sql.names.checkedTable}`);
      for (const t of [sql.names.readerRejects, sql.names.readerRejectsScan]) await store.run(`DROP TABLE IF EXISTS ${t}`);
      await withProgress(store, opts.onProgress, store.run(sql.staging(true)));
      await store.run(sql.stagingView(null, true));
    }
  } catch (err) {
    return readFailure(err);
  }
  step('read+validate');

  const lineOf = await recordLines(store, sql.names, sql.readerRejectLines, source.scan);
  const valueRejects = sql.valueRejects(lineOf);
  if (valueRejects) await store.run(valueRejects);

  await store.run(sql.dupesTable);
  const [{ nd, extra }] = await store.all<{ nd: number; extra: number | null }>(sql.dupesStats);
  if (nd > 0) await store.run(sql.dupeRejects(lineOf, source.scan !== null));
  const csvRejects = await store.all<{ line: number; col: string | null; val: string | null; type: string; why: string }>(sql.readerRejects);
  const longRecords = [...source.longRecords];
  for (const r of csvRejects) {
    const line = source.scan ? lineOfRecord(source.scan, r.line) : r.line;
    const { reason, value } = readerRejectReason(r, source.encoding, longRecords);
    await store.run('INSERT INTO rejects VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      opts.importId, table.key, fileName, line, r.col && /^c\d+$/.test(r.col) ? (match.columns[Number(r.col.slice(1))]?.key ?? r.col) : r.col,
      value, reason]);
  }
  step('rejects+dupes');

  const good = sql.good(nd > 0);
  const { replaced } = await replaceByKey(store, table, good, good);
  step('replace+insert');

  const [{ total, ok }] = await store.all<{ total: number; ok: number }>(sql.totals(extra ?? 0));
  const rejected = total - ok + csvRejects.length;
  const notes = [...headerNotes(match), ...(await referenceNotes(store, table, good, sql.present))];
  step('notes');

  await store.run(`DROP VIEW IF EXISTS ${sql.names.checked}`);
  for (const t of sql.carefulTemps) await store.run(`DROP TABLE IF EXISTS ${t}`);
  return { rows: total + csvRejects.length, loaded: ok - replaced, replaced, rejected, notes };
}

// Rows the source step left out (an unreadable XLSX cell) are rejects of their sheet row too.
async function withConversionRejects({ store, table, fileName, source, match, opts }: Load, counts: Counts): Promise<Counts> {
  if (!source.refused.length) return counts;
  for (const r of source.refused) {
    await store.run('INSERT INTO rejects VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      opts.importId, table.key, fileName, r.line, match.columns[r.column]?.key ?? source.header[r.column], r.value, r.reason]);
  }
  const n = source.refused.length;
  return { ...counts, rows: counts.rows + n, rejected: counts.rejected + n };
}

/** A file DuckDB's reader cannot read at all fails with the reader's first line; a full disk is the import's to report. */
function readFailure(err: unknown): { message: string } {
  if (isDiskFull(err)) throw err;
  return { message: `无法按 CSV 读取：${(err as Error).message.split('\n')[0]}` };
}
