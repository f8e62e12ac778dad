// `yanpan demo`: the one-command proof that the product works — a synthetic detachment in the
// contract's formats, imported, analysed and scored against its own planted truth.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TABLE_KEYS, type TableKey } from '../contract/tables.ts';
import { generateDemo } from '../demo/generate.ts';
import { formatScore, scoreWarnings } from '../demo/score.ts';
import type { Truth } from '../demo/truth.ts';
import { openStore } from '../store/db.ts';
import { importDataset } from '../ingest/import-dataset.ts';
import { analyze, exportLines, saveRun } from '../analyze/run.ts';
import { DEFAULT_SETTINGS } from '../rules/settings.ts';
import { storeMonthlyForecasts } from '../forecast/forecast.ts';
import { backtest, oracleFromTruth } from '../forecast/backtest.ts';
import { addMonths } from '../time/index.ts';
import { syncRun } from '../supervise/sync.ts';
import { prepareDefaultRisk } from '../report/risk.ts';

function tables(arg: string | undefined, flag: string): TableKey[] | string {
  if (!arg) return [];
  const keys = arg.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = keys.filter((k) => !TABLE_KEYS.includes(k as TableKey));
  return bad.length ? `${flag}：未知的表 ${bad.join('、')}（可选：${TABLE_KEYS.join(', ')}）` : (keys as TableKey[]);
}

export async function demoCommand(o: Record<string, string | undefined>): Promise<number> {
  const scale = Number(o.scale ?? '0.02');
  const seed = Number(o.seed ?? '1');
  const months = Number(o.months ?? '6');
  if (!(scale > 0)) { process.stderr.write(`--scale 应为正数，而不是 ${o.scale}\n`); return 2; }
  if (!Number.isInteger(seed)) { process.stderr.write(`--seed 应为整数，而不是 ${o.seed}\n`); return 2; }
  if (!(Number.isInteger(months) && months >= 1 && months <= 24)) { process.stderr.write(`--months 应为 1–24 的整数\n`); return 2; }
  const gb18030 = tables(o.gb18030, '--gb18030');
  const xlsx = tables(o.xlsx, '--xlsx');
  const englishHeaders = tables(o.englishHeaders, '--english-headers');
  for (const t of [gb18030, xlsx, englishHeaders]) if (typeof t === 'string') { process.stderr.write(`${t}\n`); return 2; }

  const dir = o.dir ?? 'demo-data';
  const dbPath = o.db ?? join(dir, 'yanpan.duckdb');
  const w = (s: string) => process.stdout.write(s);
  await mkdir(dir, { recursive: true });
  let t0 = performance.now();
  // Some files as the source systems save them (a Chinese name, a title and a 合计 foot, UTF-16 text): the score proves that path too.
  const summary = await generateDemo({ dir, scale, seed, months, gb18030: gb18030 as TableKey[], xlsx: xlsx as TableKey[], englishHeaders: englishHeaders as TableKey[], asExported: true });
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  w(`① 生成演示数据：${dir}（规模 ${scale}，种子 ${seed}，${months} 个月，${rows.toLocaleString()} 行，其中违法 ${summary.rows.violations.toLocaleString()} 条；`
    + `埋设问题 ${summary.planted} 个、合规对照 ${summary.lookalikes} 个），用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒\n`);

  await rm(dbPath, { force: true });
  await rm(`${dbPath}.wal`, { force: true });
  const store = await openStore(dbPath);
  try {
    t0 = performance.now();
    const imp = await importDataset(store, dir);
    if (!imp.ok) { process.stderr.write(`导入失败：${imp.file ?? ''} ${imp.message}\n`); return 1; }
    const rejected = imp.report.files.reduce((a, f) => a + f.rejected, 0);
    w(`② 导入 ${imp.report.files.length} 个文件（${imp.report.files.map((f) => `${f.file}:${f.encoding}`).join('，')}），拒收 ${rejected} 行，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒\n`);

    const truth = JSON.parse(await readFile(summary.truthFile, 'utf8')) as Truth;
    t0 = performance.now();
    const result = await analyze(store, summary.period, DEFAULT_SETTINGS);
    const out = join(dir, 'warnings.jsonl');
    await writeFile(out, exportLines(result.warnings));
    const runId = await saveRun(store, result, DEFAULT_SETTINGS, { demo: true, ...summary.period, scale, seed, months });
    await syncRun(store, runId);
    await prepareDefaultRisk(store);
    w(`③ 分析 ${summary.period.from} 至 ${summary.period.to}（基准日 ${summary.period.asOf}）：${result.warnings.length} 条预警 → ${out}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒\n\n`);

    const scores = scoreWarnings(truth, result.warnings);
    w(`④ 与埋设真值对比（每类精确率、召回率）：\n${formatScore(scores, { details: 3 })}\n`);
    // 形势研判 as a detachment forecasting every month would have it on file, so the bulletin can show the
    // last 12 months' errors (the months before the period too: the demo's accident history reaches back).
    const lastMonth = summary.period.to.slice(0, 7);
    const forecasts = await storeMonthlyForecasts(store, addMonths(lastMonth, -11), addMonths(lastMonth, 1));
    w(`\n⑤ 形势研判：已逐月预测并存档 ${forecasts} 个月（至 ${addMonths(lastMonth, 1)}）；月度通报：bin/yanpan report --db ${dbPath} --month ${lastMonth} --as-of ${summary.period.asOf} --out 通报.docx\n`);
    // How good it is, against the expected counts the generator drew the accidents from (1.00 is the limit).
    const bt = await backtest(store, 12, undefined, oracleFromTruth(truth) ?? undefined);
    if (!('error' in bt)) {
      const ratio = (x: number) => (bt.oracle ? `（÷ 真实期望 ${(x / bt.oracle.mae).toFixed(2)}）` : '');
      w(`   近 ${bt.months.length} 个月滚动回测：单位月 MAE 模型 ${bt.mae.model.toFixed(2)}${ratio(bt.mae.model)}，近12个月均值 ${bt.mae.mean12.toFixed(2)}${ratio(bt.mae.mean12)}，`
        + `上月 ${bt.mae.lastMonth.toFixed(2)}，去年同月 ${bt.mae.seasonalNaive.toFixed(2)}；80% 区间覆盖 ${(bt.coverage * 100).toFixed(1)}%\n`);
    }
    w(`\n数据库：${dbPath}。可用 bin/yanpan analyze --db ${dbPath} --from ${summary.period.from} --to ${summary.period.to} --as-of ${summary.period.asOf} --out 预警.jsonl 重新分析。\n`);
    return 0;
  } finally {
    store.close();
  }
}
