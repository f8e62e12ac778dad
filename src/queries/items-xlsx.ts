// 预警核查 → 导出 Excel: the filtered list (the same filter and order as the page, every page of it) as
// an XLSX workbook, Chinese headers and labels, the filter written above the table so a printed sheet
// says what it lists.
import ExcelJS from 'exceljs';
import { CATEGORY_INFO, SEVERITY_ZH, SUBJECT_KIND_ZH, categoryZh } from '../contract/categories.ts';
import type { Store } from '../store/db.ts';
import type { User } from '../supervise/access.ts';
import { listItems, type ItemFilter } from '../supervise/items.ts';
import { STATUS_ZH } from '../supervise/workflow.ts';
import { minuteStamp } from '../time/index.ts';

/** More rows than this are cut, and the sheet says so (a workbook for people, not a data dump). */
export const EXPORT_LIMIT = 50_000;
const BATCH = 5_000;

/** The regulation and article behind a category (contract/categories.ts), as on the item page. */
const basisOf = (category: string): string => (CATEGORY_INFO as Record<string, { basis: string } | undefined>)[category]?.basis ?? '';

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '序号', key: 'n', width: 7 },
  { header: '预警类别', key: 'category', width: 16 },
  { header: '对象类型', key: 'kind', width: 10 },
  { header: '对象编号', key: 'subject', width: 22 },
  { header: '预警内容', key: 'title', width: 60 },
  { header: '依据', key: 'basis', width: 40 },
  { header: '责任单位', key: 'unit', width: 22 },
  { header: '等级', key: 'severity', width: 6 },
  { header: '分值', key: 'score', width: 7 },
  { header: '状态', key: 'status', width: 9 },
  { header: '逾期', key: 'overdue', width: 6 },
  { header: '复发', key: 'recurred', width: 6 },
  { header: '办理期限', key: 'deadline', width: 12 },
  { header: '更新时间', key: 'updated', width: 17 },
];

export async function itemsWorkbook(store: Store, user: User, filter: Omit<ItemFilter, 'page' | 'size'>, today: string, describe: string): Promise<{ buffer: Buffer; rows: number; total: number }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yanpan';
  const ws = wb.addWorksheet('预警核查');
  ws.addRow([`预警核查清单（导出日期 ${today}）`]).font = { bold: true, size: 14 };
  ws.addRow([describe || '筛选条件：全部']);
  const head = ws.addRow(COLUMNS.map((c) => c.header));
  head.font = { bold: true };
  head.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }; });
  COLUMNS.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; });
  let n = 0;
  let total = 0;
  for (let page = 1; n < EXPORT_LIMIT; page++) {
    const r = await listItems(store, user, { ...filter, page, size: BATCH }, today);
    total = r.total;
    for (const it of r.items) {
      if (n >= EXPORT_LIMIT) break;
      n++;
      ws.addRow([n, categoryZh(it.category), (SUBJECT_KIND_ZH as Record<string, string>)[it.subject.kind] ?? it.subject.kind, it.subject.id, it.title, basisOf(it.category),
        it.unit_name ?? it.unit, (SEVERITY_ZH as Record<string, string>)[it.severity] ?? it.severity, it.score, STATUS_ZH[it.status],
        it.overdue ? '是' : '否', it.recurred ? '是' : '否', it.deadline ?? '', minuteStamp(it.updated_at)]);
    }
    if (r.items.length < BATCH) break;
  }
  if (total > n) ws.addRow([`共 ${total} 条，仅导出前 ${n} 条；请缩小筛选范围。`]).font = { color: { argb: 'FFC00000' } };
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, rows: n, total };
}
