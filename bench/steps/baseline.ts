// The floor: DuckDB's own CSV reader, every CSV of the folder into a plain all-text table of a new
// database file, no validation. GB18030 files are read with encoding='latin-1' (DuckDB has no GB18030
// decoder without extensions; latin-1 keeps every byte, so the reader does the same parsing work on the
// same bytes). XLSX files are not read (DuckDB needs an extension for them); the import does read them.
//   node --import tsx bench/steps/baseline.ts DIR DB
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, db] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
const conn = await inst.connect();
const files: { file: string; encoding: string; ms: number; rows: number }[] = [];
for (const f of readdirSync(dir).filter((n) => /\.csv$/i.test(n)).sort()) {
  const path = join(dir, f);
  // Encoding from the first 64 KiB (the generator writes one encoding per file); not timed.
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 16);
  const head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  closeSync(fd);
  const cut = head.lastIndexOf(0x0a);
  const encoding = isUtf8(head.subarray(0, cut < 0 ? head.length : cut + 1)) ? 'utf-8' : 'latin-1';
  const t = performance.now();
  await conn.run(`CREATE TABLE "${f.slice(0, -4)}" AS SELECT * FROM read_csv('${path.replace(/'/g, "''")}', header = true, all_varchar = true, encoding = '${encoding}')`);
  const ms = performance.now() - t;
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM "${f.slice(0, -4)}"`);
  files.push({ file: f, encoding, ms, rows: Number(r.getRows()[0][0]) });
}
conn.closeSync();
inst.closeSync();
process.stdout.write(JSON.stringify({ files }) + '\n');
