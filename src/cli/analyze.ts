import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { settingsInForce } from '../analyze/settings-versions.ts';
import { openStore } from '../store/db.ts';
import { checkPeriod } from '../analyze/period.ts';
import { analyze, exportLines, saveRun } from '../analyze/run.ts';
import { mergeSettings, type Settings } from '../rules/settings.ts';
import { CATEGORIES } from '../rules/types.ts';
import { exitWith, table } from './output.ts';
import { uncoveredYears } from '../calendar/calendar.ts';
import { syncRun } from '../supervise/sync.ts';
import { prepareDefaultRisk } from '../report/risk.ts';

export interface AnalyzeArgs { db: string; from: string; to: string; asOf?: string; out: string; settings?: string; quiet?: boolean }

/** Exit codes: 0 done, 2 bad arguments or settings. */
export async function analyzeCommand(a: AnalyzeArgs): Promise<number> {
  const checked = checkPeriod(a.from, a.to, a.asOf);
  if (!checked.ok) return exitWith(checked);
  let overrides: unknown = null;
  if (a.settings) {
    try {
      overrides = JSON.parse(await readFile(a.settings, 'utf8'));
    } catch (err) {
      process.stderr.write(`无法读取设置文件 ${a.settings}：${(err as Error).message}\n`);
      return 2;
    }
  }
  const merged = a.settings ? mergeSettings(overrides) : null;
  if (merged && !merged.ok) return exitWith({ ...merged, error: `设置文件 ${a.settings}：${merged.error}` });
  const period = checked.period;
  if (a.asOf === undefined) process.stderr.write(`注意：未指定 --as-of，按今天 ${period.asOf} 判定期限；有导出日期时请传入导出日期。\n`);

  const store = await openStore(a.db);
  try {
    const missingYears = await uncoveredYears(store, period.from, period.asOf);
    if (missingYears.length) {
      process.stderr.write(`注意：${missingYears.join('、')} 年的法定节假日安排尚未收录，工作日期限按周一至周五计算；请用 yanpan calendar set 补充。\n`);
    }
    // Without a file, the figures in force (the latest adopted version); a file's figures are kept as a version of their own.
    let settings: Settings;
    if (merged?.ok) settings = merged.settings;
    // Stored settings that no longer pass their checks throw a FailureError, said by main.ts (exit 2).
    else settings = (await settingsInForce(store)).settings;
    const t0 = performance.now();
    const result = await analyze(store, period, settings);
    await writeFile(a.out, exportLines(result.warnings));
    const runId = await saveRun(store, result, settings, {
      from: period.from, to: period.to, asOf: period.asOf, out: a.out, settings: a.settings ?? null,
      ...(a.settings ? { settings_reason: `命令行分析所用的设置文件 ${basename(a.settings)}（未采用）` } : {}) });
    const [{ settings_version: version }] = await store.all<{ settings_version: number }>('SELECT settings_version FROM runs WHERE run_id = $1', [runId]);
    const sync = await syncRun(store, runId);
    const total = (performance.now() - t0) / 1000;
    // The 风险画像 the console opens on, kept so that its first request only reads (report/risk-store.ts). The
    // analysis asked for is done and kept whatever happens here: without it the page computes the profile when asked.
    try {
      await prepareDefaultRisk(store);
    } catch (err) {
      process.stderr.write(`注意：未能预先生成风险画像（打开该页时再计算）：${(err as Error).message}\n`);
    }
    if (!a.quiet) {
      printSummary(result, settings, runId, Number(version), a.out, total);
      if (sync) process.stdout.write(`督办事项：新增 ${sync.created}，复发 ${sync.recurred}，已办结无新情况 ${sync.settled}，更新 ${sync.refreshed + sync.foundAgain}，数据中已不再出现 ${sync.resolvedInData}，未变 ${sync.unchanged}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}

function printSummary(result: Awaited<ReturnType<typeof analyze>>, settings: Settings, runId: number, version: number, out: string, seconds: number): void {
  const w = process.stdout.write.bind(process.stdout);
  w(`分析期间 ${result.period.from} 至 ${result.period.to}，判定基准日 ${result.period.asOf}（运行编号 ${runId}）\n`);
  w(`本次使用的规则参数（RULES.md 0.8），设置第 ${version} 版：\n`);
  for (const [group, values] of Object.entries(settings)) w(`  ${group}: ${JSON.stringify(values)}\n`);
  const rows = CATEGORIES.map((c) => {
    const ws = result.warnings.filter((x) => x.category === c);
    const t = result.timings.find((x) => x.category === c);
    const sk = result.skipped.find((x) => x.category === c);
    const n = (s: string) => ws.filter((x) => x.severity === s).length;
    return [c, sk ? '跳过' : ws.length, sk ? '' : n('high'), sk ? '' : n('medium'), sk ? '' : n('low'), t ? `${t.ms.toFixed(0)} ms` : ''];
  });
  w(`\n${table(['类别', '预警', '高', '中', '低', '用时'], rows)}\n`);
  for (const s of result.skipped) w(`跳过 ${s.category}：缺少数据表 ${s.missing.join('、')}\n`);
  w(`\n共 ${result.warnings.length} 条预警，已写入 ${out}，用时 ${seconds.toFixed(2)} 秒\n`);
}
