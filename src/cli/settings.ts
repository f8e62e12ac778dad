// `yanpan settings`: the rule settings' versions — show what is in force, list the history, try a file's
// figures against the latest period (diff) and adopt them. The console's 规则设置 page calls the same functions.
import { readFile } from 'node:fs/promises';
import { openStore, type Store } from '../store/db.ts';
import { checkPeriod, type Period } from '../analyze/period.ts';
import { adoptSettings, listSettingsVersions, settingsInForce } from '../analyze/settings-versions.ts';
import { diffSettings, latestRunPeriod, type SettingsDiff } from '../analyze/settings-diff.ts';
import { CATEGORY_INFO, severityZh } from '../contract/categories.ts';
import { mergeSettings, type Settings } from '../rules/settings.ts';
import { localStamp } from '../time/index.ts';
import { readSuperviseSettings } from '../supervise/settings.ts';
import { exitWith, table } from './output.ts';
import { failure, type Failure } from '../contract/failure.ts';


async function readOverrides(file: string): Promise<{ ok: true; settings: Settings; raw: unknown } | Failure> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return failure('invalid', `无法读取设置文件 ${file}：${(err as Error).message}`);
  }
  const merged = mergeSettings(raw);
  return merged.ok ? { ok: true, settings: merged.settings, raw } : { ...merged, error: `设置文件 ${file}：${merged.error}` };
}

async function withStore(db: string, body: (store: Store) => Promise<number>): Promise<number> {
  const store = await openStore(db);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}

export const settingsShow = (db: string): Promise<number> => withStore(db, async (store) => {
  const s = await settingsInForce(store);
  process.stdout.write(`现行规则设置：${s.version === null ? 'RULES.md 默认值（尚未保存版本）' : `第 ${s.version} 版`}\n${JSON.stringify(s.settings, null, 2)}\n`);
  // A stored supervision setting that no longer passes its checks (its default serves meanwhile): said, never silent.
  for (const p of (await readSuperviseSettings(store)).problems) process.stderr.write(`注意：设置 ${p.field} 无效。${p.reason}\n`);
  return 0;
});

export const settingsHistory = (db: string): Promise<number> => withStore(db, async (store) => {
  const rows = await listSettingsVersions(store);
  if (!rows.length) { process.stdout.write('尚无规则设置版本：分析按 RULES.md 默认值进行。\n'); return 0; }
  process.stdout.write(`${table(['版本', '时间', '修改人', '原因', '状态', '分析次数'],
    rows.map((r) => [r.version, r.created_at.slice(0, 16).replace('T', ' '), r.created_by, r.reason, r.in_force ? '现行' : r.adopted ? '曾采用' : '试用', r.runs]))}\n`);
  return 0;
});

export function printDiff(d: SettingsDiff, w: (s: string) => void): void {
  w(`试算期间 ${d.period.from} 至 ${d.period.to}，判定基准日 ${d.period.asOf}\n`);
  if (!d.groups.length) { w('与现行设置相同：预警不会变化。\n'); return; }
  w(`改动的设置组：${d.groups.join('、')}\n`);
  w(`${table(['类别', '现行', '试算', '新增', '减少', '严重程度变化'], d.categories.map((c) =>
    [`${CATEGORY_INFO[c.category].zh}（${c.category}）`, c.before, c.after, c.added, c.removed, c.severity_changed]))}\n`);
  for (const [label, list] of [['新增', d.added], ['减少', d.removed]] as const) {
    for (const x of list) w(`${label}  ${CATEGORY_INFO[x.category].zh}  ${severityZh(x.severity)}  ${x.title}\n`);
  }
  for (const x of d.severity_changed) w(`严重程度 ${severityZh(x.before)}→${severityZh(x.severity)}  ${CATEGORY_INFO[x.category].zh}  ${x.title}\n`);
}

export interface DiffArgs { db: string; file: string; from?: string; to?: string; asOf?: string }

/** Exit codes: 0 done, 2 bad arguments or settings. */
export async function settingsDiff(a: DiffArgs): Promise<number> {
  const file = await readOverrides(a.file);
  if (!file.ok) return exitWith(file);
  return withStore(a.db, async (store) => {
    let period: Period | null;
    if (a.from !== undefined || a.to !== undefined) {
      if (a.from === undefined || a.to === undefined) { process.stderr.write('期间需同时给出开始与结束日期\n'); return 2; }
      const checked = checkPeriod(a.from, a.to, a.asOf);
      if (!checked.ok) return exitWith(checked);
      period = checked.period;
    } else {
      period = await latestRunPeriod(store);
      if (!period) { process.stderr.write('尚无分析记录：请给出试算期间（开始与结束日期）\n'); return 2; }
    }
    const current = await settingsInForce(store);
    printDiff(await diffSettings(store, period, current.settings, file.settings), (s) => process.stdout.write(s));
    return 0;
  });
}

export interface AdoptArgs { db: string; file: string; reason: string; by?: string }

export async function settingsAdopt(a: AdoptArgs): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(a.file, 'utf8'));
  } catch (err) {
    process.stderr.write(`无法读取设置文件 ${a.file}：${(err as Error).message}\n`);
    return 2;
  }
  return withStore(a.db, async (store) => {
    const r = await adoptSettings(store, raw, { by: a.by ?? 'cli', reason: a.reason, at: localStamp(new Date()) });
    if (!r.ok) return exitWith({ ...r, error: `设置文件 ${a.file}：${r.error}` });
    process.stdout.write(r.unchanged ? `与现行的第 ${r.version} 版相同，未新建版本。\n` : `已保存为第 ${r.version} 版，即日起分析使用此版设置。\n`);
    return 0;
  });
}
