// Minimal reproduction of the native crash seen in imports (docs/DUCKDB-CRASH.md): DuckDB alone, no project code.
// It writes a CSV of time stamps in the form 'YYYY-MM-DD HH:MM', then runs, again and again, a parallel
// CREATE TABLE AS that parses them with try_strptime, while the main thread polls the connection's progress.
//
//   node scripts/duckdb-crash-repro.mjs [--rows N] [--passes N] [--poll MS|off] [--parse list|single|coalesce|none]
//
// --poll MS   read conn.progress every MS milliseconds while the statement runs (the importer polled every 200)
// --parse     list: try_strptime(v, [f1, f2, f3, ...]) (the importer's form; values match the third format)
//             first: try_strptime(v, f1) alone — the format the values do NOT match (ends one literal early)
//             single: try_strptime(v, f3) — the format the values match
//             coalesce: coalesce(try_strptime(v, f1), try_strptime(v, f2), ...)
//             sentinel: the list, with '|' appended to the value and to every format (the workaround)
//             none: keep the text (no parsing at all)
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', '200000'));
const passes = Number(arg('passes', '50'));
const poll = arg('poll', '1');
const parse = arg('parse', 'list');

const FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f'];
const q = (s) => `'${s.replace(/'/g, "''")}'`;
const expr = (v) => {
  switch (parse) {
    case 'list': return `try_strptime(${v}, [${FORMATS.map(q).join(', ')}])`;
    case 'first': return `try_strptime(${v}, ${q(FORMATS[0])})`;
    case 'single': return `try_strptime(${v}, ${q(FORMATS[2])})`;
    case 'coalesce': return `coalesce(${FORMATS.map((f) => `try_strptime(${v}, ${q(f)})`).join(', ')})`;
    // The workaround: a sentinel after the value and after each format, so the parser meets a character
    // that is not the format's literal instead of running off the end of the value.
    case 'sentinel': return `try_strptime(${v} || '|', [${FORMATS.map((f) => q(`${f}|`)).join(', ')}])`;
    case 'none': return v;
    default: throw new Error(`--parse ${parse}?`);
  }
};

const dir = mkdtempSync(join(tmpdir(), 'duckdb-crash-'));
const csv = join(dir, 'business.csv');
const pad = (n) => String(n).padStart(2, '0');
const lines = ['id,accepted,checked,closed'];
for (let i = 0; i < rows; i++) {
  const d = new Date(Date.UTC(2021, 0, 1) + i * 37_000);
  const t = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  lines.push(`${i},${t},${i % 3 ? t : ''},${t}`);
}
writeFileSync(csv, lines.join('\n') + '\n');

const instance = await DuckDBInstance.create(join(dir, 'repro.duckdb'), { memory_limit: '1500MB' });
const conn = await instance.connect();
const ts = parse === 'none' ? 'VARCHAR' : 'TIMESTAMP';
await conn.run(`CREATE TABLE t (id VARCHAR, accepted ${ts}, checked ${ts}, closed ${ts})`);
await conn.run('SET preserve_insertion_order = false');
console.log(`duckdb ${(await (await conn.runAndReadAll('SELECT version() AS v')).getRowObjects())[0].v}, ${rows} rows, ${passes} passes, poll ${poll}, parse ${parse}, pid ${process.pid}`);
for (let p = 0; p < passes; p++) {
  // As the importer wrote it: trimmed text, empty = NULL, DuckDB's reject tables on, into a stored table.
  const v = (c) => `nullif(trim(${c}, E' \\t\\r\\n\u3000\u00a0'), '')`;
  const sql = `INSERT INTO t
    SELECT ${v('id')}, ${expr(v('accepted'))}, ${expr(v('checked'))}, ${expr(v('closed'))}
    FROM read_csv(${q(csv)}, header = true, auto_detect = false,
      columns = {'id': 'VARCHAR', 'accepted': 'VARCHAR', 'checked': 'VARCHAR', 'closed': 'VARCHAR'},
      delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
      store_rejects = true, rejects_table = 'rej_${p}', rejects_scan = 'rejscan_${p}')`;
  const work = conn.run(sql);
  const timer = poll === 'off' ? null : setInterval(() => { void conn.progress; }, Number(poll));
  try {
    await work;
  } finally {
    if (timer) clearInterval(timer);
  }
  await conn.run('DELETE FROM t');
  process.stdout.write(`pass ${p + 1} ok\n`);
}
conn.closeSync();
instance.closeSync();
rmSync(dir, { recursive: true, force: true });
