// `yanpan report`: the monthly 通报 (.docx); `yanpan report-settings`: its editable parts.
import { readFile, writeFile } from 'node:fs/promises';
import { openExisting } from './history.ts';
import { buildBulletin } from '../report/bulletin/index.ts';
import { readBulletinSettings, writeBulletinSettings } from '../report/bulletin/settings.ts';
import { isMonth, parseDay, today } from '../time/index.ts';
import { exitWith } from './output.ts';

/** Exit codes: 0 done, 2 bad arguments. */
export async function reportCommand(a: { db: string; month: string; out: string; asOf?: string }): Promise<number> {
  if (!isMonth(a.month)) { process.stderr.write(`--month 应为 YYYY-MM，而不是 ${a.month}\n`); return 2; }
  const asOf = a.asOf === undefined ? today() : parseDay(a.asOf);
  if (asOf === null) { process.stderr.write(`--as-of 应为 YYYY-MM-DD（1990—2099 年），而不是 ${a.asOf}\n`); return 2; }
  if (!a.out.toLowerCase().endsWith('.docx')) { process.stderr.write(`--out 应为 .docx 文件，而不是 ${a.out}\n`); return 2; }
  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    const b = await buildBulletin(store, a.month, asOf, { keepForecast: true });
    await writeFile(a.out, b.docx);
    const f = b.data.forecast;
    process.stdout.write(`${b.title} → ${a.out}（${(b.docx.length / 1024).toFixed(0)} KB）`
      + ('error' in f ? `；形势研判：${f.error}\n` : `；下月预测${f.stored === 'new' ? '已新建并存档' : '取自存档'}\n`));
    return 0;
  } finally {
    store.close();
  }
}

export async function reportSettingsCommand(a: { db: string; issuer?: string; requirements?: string }): Promise<number> {
  let requirements: string | undefined;
  if (a.requirements !== undefined) {
    try { requirements = await readFile(a.requirements, 'utf8'); } catch (err) {
      process.stderr.write(`无法读取 ${a.requirements}：${(err as Error).message}\n`);
      return 2;
    }
  }
  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    if (a.issuer !== undefined || requirements !== undefined) {
      const r = await writeBulletinSettings(store, { issuer: a.issuer, requirements });
      if (!r.ok) return exitWith(r);
    }
    const s = await readBulletinSettings(store);
    process.stdout.write(`发文机关：${s.issuer || '（取自单位表）'}\n下一步工作要求：\n${s.requirements}\n`);
    return 0;
  } finally {
    store.close();
  }
}
