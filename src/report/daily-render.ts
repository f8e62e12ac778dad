// The daily report in three forms: aligned text for the terminal, a self-contained HTML page (no
// external fonts, scripts or styles: the police network has no internet), and an XLSX sheet.
import ExcelJS from 'exceljs';
import { table } from './text-table.ts';
import { DAILY_SECTIONS, SECTION_LABELS, type DailyItem, type DailyReport } from './daily.ts';

const officerText = (i: DailyItem): string =>
  i.officers.map((o) => `${o.role} ${o.name ? `${o.name}（${o.id}）` : o.id}`).join('；') || '（未登记）';
const unitText = (u: { unit: string; unit_name: string | null }): string => (u.unit_name ? `${u.unit_name}（${u.unit}）` : u.unit);
const totalsText = (t: DailyReport['totals']): string => DAILY_SECTIONS.map((s) => `${SECTION_LABELS[s]} ${t[s]}`).join('，');

export function dailyText(r: DailyReport): string {
  const out = [`每日调度 ${r.date}（按 ${r.asOf} 00:00 判定）：${totalsText(r.totals)}`];
  if (!r.units.length) out.push('当日无执法无视频、超时上传或违规删除。');
  for (const u of r.units) {
    out.push('', `${unitText(u)}：${totalsText(u.counts)}`);
    out.push(table(['类别', '时间', '编号', '民警', '说明'], u.items.map((i) => [SECTION_LABELS[i.section], i.at, i.subject.id, officerText(i), i.title])));
  }
  return out.join('\n') + '\n';
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);

export function dailyHtml(r: DailyReport): string {
  const sections = r.units.map((u) => `
<section>
  <h2>${esc(unitText(u))}</h2>
  <p class="counts">${esc(totalsText(u.counts))}</p>
  <table>
    <thead><tr><th>类别</th><th>时间</th><th>编号</th><th>民警</th><th>说明</th></tr></thead>
    <tbody>${u.items.map((i) => `
      <tr class="${i.section}"><td>${esc(SECTION_LABELS[i.section])}</td><td>${esc(i.at)}</td><td>${esc(i.subject.id)}</td><td>${esc(officerText(i))}</td><td>${esc(i.title)}</td></tr>`).join('')}
    </tbody>
  </table>
</section>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>每日调度 ${esc(r.date)}</title>
<style>
  body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #222; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
  th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 14px; }
  th { background: #f0f0f0; }
  tr.missing td:first-child { color: #b00; } tr.deleted td:first-child { color: #900; } tr.late td:first-child { color: #a60; }
  .counts { color: #555; }
</style>
</head>
<body>
<h1>每日调度 ${esc(r.date)}</h1>
<p>按 ${esc(r.asOf)} 00:00 判定。全支队：${esc(totalsText(r.totals))}。</p>
${r.units.length ? sections : '<p>当日无执法无视频、超时上传或违规删除。</p>'}
</body>
</html>
`;
}

export async function writeDailyXlsx(r: DailyReport, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yanpan';
  const ws = wb.addWorksheet(`每日调度 ${r.date}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '单位代码', key: 'unit', width: 15 }, { header: '单位名称', key: 'unit_name', width: 24 },
    { header: '类别', key: 'section', width: 14 }, { header: '时间', key: 'at', width: 17 },
    { header: '记录类型', key: 'kind', width: 10 }, { header: '编号', key: 'id', width: 24 },
    { header: '民警', key: 'officers', width: 28 }, { header: '严重程度', key: 'severity', width: 9 },
    { header: '说明', key: 'title', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const u of r.units) {
    for (const i of u.items) {
      ws.addRow({ unit: u.unit, unit_name: u.unit_name, section: SECTION_LABELS[i.section], at: i.at, kind: i.subject.kind, id: i.subject.id, officers: officerText(i), severity: i.severity, title: i.title });
    }
  }
  await wb.xlsx.writeFile(file);
}
