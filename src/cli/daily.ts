// `yanpan daily --date D [--out FILE.html|FILE.xlsx]`: exit 0 done, 2 bad arguments.
import { writeFile } from 'node:fs/promises';
import { openExisting } from './history.ts';
import { parseDay } from '../time/index.ts';
import { dailyReport } from '../report/daily.ts';
import { dailyHtml, dailyText, writeDailyXlsx } from '../report/daily-render.ts';

export async function dailyCommand(a: { db: string; date: string; out?: string }): Promise<number> {
  const date = parseDay(a.date);
  if (!date) { process.stderr.write(`--date 不是有效日期：${a.date}（应为 YYYY-MM-DD）\n`); return 2; }
  const format = a.out === undefined ? 'text' : /\.html?$/i.test(a.out) ? 'html' : /\.xlsx$/i.test(a.out) ? 'xlsx' : null;
  if (!format) { process.stderr.write(`--out 应为 .html 或 .xlsx 文件，而不是 ${a.out}\n`); return 2; }
  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    const r = await dailyReport(store, date);
    if (a.out === undefined) process.stdout.write(dailyText(r));
    else {
      if (format === 'html') await writeFile(a.out, dailyHtml(r));
      else await writeDailyXlsx(r, a.out);
      const t = r.totals;
      process.stdout.write(`每日调度 ${date}：执法无视频 ${t.missing}，超时上传 ${t.late}，违规删除 ${t.deleted}（${r.units.length} 个单位）→ ${a.out}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
