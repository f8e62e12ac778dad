// `yanpan risk --from --to [--as-of] --out FILE.csv [--weights FILE] [--settings FILE]`: exit 0 done, 2 bad arguments.
import { readFile, writeFile } from 'node:fs/promises';
import { openExisting } from './history.ts';
import { checkPeriod } from '../analyze/period.ts';
import { mergeSettings } from '../rules/settings.ts';
import { riskCsv, riskReport } from '../report/risk.ts';
import { mergeRiskSettings } from '../report/risk-settings.ts';
import { exitWith, table } from './output.ts';
import { failure, type Failure } from '../contract/failure.ts';

export interface RiskArgs { db: string; from: string; to: string; asOf?: string; out: string; weights?: string; settings?: string; top?: string }

async function readJson(file: string | undefined): Promise<{ ok: true; value: unknown } | Failure> {
  if (!file) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) };
  } catch (err) {
    return failure('invalid', `无法读取 ${file}：${(err as Error).message}`);
  }
}

export async function riskCommand(a: RiskArgs): Promise<number> {
  const err = (s: string) => { process.stderr.write(`${s}\n`); return 2; };
  const checked = checkPeriod(a.from, a.to, a.asOf);
  if (!checked.ok) return exitWith(checked);
  if (!/\.csv$/i.test(a.out)) return err(`--out 应为 .csv 文件，而不是 ${a.out}`);
  const top = a.top === undefined ? 10 : Number(a.top);
  if (!Number.isInteger(top) || top < 0) return err(`--top 应为非负整数，而不是 ${a.top}`);
  const w = await readJson(a.weights);
  if (!w.ok) return exitWith(w);
  const risk = mergeRiskSettings(w.value);
  if (!risk.ok) return exitWith({ ...risk, error: `权重文件 ${a.weights}：${risk.error}` });
  const s = await readJson(a.settings);
  if (!s.ok) return exitWith(s);
  const rules = mergeSettings(s.value);
  if (!rules.ok) return exitWith({ ...rules, error: `设置文件 ${a.settings}：${rules.error}` });
  if (a.asOf === undefined) process.stderr.write(`注意：未指定 --as-of，按今天 ${checked.period.asOf} 判定期限；有导出日期时请传入导出日期。\n`);

  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    const r = await riskReport(store, checked.period, rules.settings, risk.settings);
    await writeFile(a.out, riskCsv(r));
    const out = (t: string) => process.stdout.write(t);
    out(`执法风险画像 ${r.period.from} 至 ${r.period.to}（基准日 ${r.period.asOf}）：${r.officers.length} 名民警，其中 ${r.officers.filter((o) => o.score > 0).length} 名有预警或投诉 → ${a.out}\n`);
    out(`权重：${JSON.stringify(r.settings)}\n\n`);
    const shown = r.officers.filter((o) => o.score > 0).slice(0, top);
    if (shown.length) {
      out(`风险最高的 ${shown.length} 名（各月预警数 ${r.months.join(' ')}）：\n`);
      out(`${table(['名次', '警号', '姓名', '单位', '分值', '预警', '投诉', '各月'], shown.map((o) => [
        o.rank, o.officer_id, o.name ?? '', o.unit_name ?? o.unit ?? '', o.score.toFixed(2), o.warnings.length, o.complaints.length,
        o.months.map((m) => m.warnings).join(' ')]))}\n\n`);
    }
    out(`${table(['单位', '民警', '有风险', '分值合计', '投诉'], r.units.filter((u) => u.score > 0).map((u) => [u.unit_name ?? u.unit, u.officers, u.officersAtRisk, u.score.toFixed(2), u.complaints]))}\n`);
    return 0;
  } finally {
    store.close();
  }
}
