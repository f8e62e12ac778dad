import { openStore } from '../store/db.ts';
import { importDataset } from '../ingest/import-dataset.ts';
import { TABLES } from '../contract/tables.ts';
import { progress, table } from './output.ts';

const MATCHED_BY = { key: '文件名（表的英文名）', name: '文件名（表的中文名）', header: '表头' } as const;

/** Exit codes: 0 loaded, 2 a file failed (nothing changed), 1 the database could not be opened. */
export async function importCommand(dir: string, dbPath: string): Promise<number> {
  let store;
  try {
    store = await openStore(dbPath);
  } catch (err) {
    process.stderr.write(`无法打开数据库 ${dbPath}：${(err as Error).message}\n`);
    return 1;
  }
  try {
    const bar = progress();
    let bytes = 0;
    let t0 = 0;
    const result = await importDataset(store, dir, {
      fileStart(file, _t, size) { bytes = size; t0 = Date.now(); bar.start(file); },
      fileProgress(_f, p) { bar.update(p); },
      fileDone(r) {
        const s = (Date.now() - t0) / 1000 || 0.001;
        bar.stop(`${r.rows.toLocaleString()} 行，${Math.round(r.rows / s).toLocaleString()} 行/秒，${(bytes / 1048576 / s).toFixed(1)} MB/s`);
      },
    });
    if (!result.ok) {
      process.stderr.write(`\n导入失败${result.file ? `：文件 ${result.file}` : ''}：${result.message}\n数据库未作任何改动。\n`);
      return 2;
    }
    const r = result.report;
    process.stdout.write(`\n${table(
      ['文件', '表', '识别依据', '编码', '行数', '新增', '替换', '拒收'],
      r.files.map((f) => [f.file, `${f.table} ${TABLES[f.table as keyof typeof TABLES].zh}`, MATCHED_BY[f.matchedBy], f.encoding, f.rows, f.loaded, f.replaced, f.rejected]),
    )}\n`);
    for (const f of r.files) for (const n of f.notes) process.stdout.write(`注意 ${f.file}：${n}\n`);
    for (const f of r.ignored) process.stdout.write(`忽略的文件 ${f.file}：${f.reason}\n`);
    if (r.absent.length) process.stdout.write(`本次未提供的表：${r.absent.join('、')}\n`);
    const tot = r.files.reduce((a, f) => ({ rows: a.rows + f.rows, rej: a.rej + f.rejected }), { rows: 0, rej: 0 });
    if (tot.rej) process.stdout.write(`被拒收的行可用 \`yanpan rejects --import ${r.importId}\` 查看。\n`);
    process.stdout.write(`导入批次 ${r.importId} 完成：${r.files.length} 个文件，${tot.rows} 行，载入 ${tot.rows - tot.rej} 行，拒收 ${tot.rej} 行，用时 ${r.seconds.toFixed(1)} 秒\n`);
    return 0;
  } finally {
    store.close();
  }
}
