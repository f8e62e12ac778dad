// The spot-check checklist (抽查清单) as an XLSX workbook: one row per drawn record with the fields a
// checker needs to pull the file, empty columns to fill (each with a drop-down where the answer is a
// closed list), a per-unit summary, and a hidden sheet with the parameters that let anyone redraw it.
// The layout is a table of columns so that the writer and the reader of the filled file cannot drift apart.
import ExcelJS from 'exceljs';
import type { SampleKind } from './population.ts';

export const CHECKLIST_SHEET = '抽查清单';
export const STRATA_SHEET = '分层汇总';
export const PARAMS_SHEET = '参数';

export const VERDICTS = ['合格', '不合格'] as const;

/** The problem types a checker may choose from (问题类型). */
export const PROBLEM_TYPES: Record<SampleKind, readonly string[]> = {
  documents: ['事实不清', '证据不足', '适用法律错误', '程序违法', '超期办理', '文书制作不规范', '处罚不当', '其他'],
  videos: ['未全程记录', '画面或声音不清', '未按规定标注', '未关联业务', '超时上传', '违规删除', '执法不规范', '其他'],
};

/** Record kinds as the checker reads them. */
export const KIND_LABELS: Record<string, string> = { violation: '违法处理', accident: '事故认定', video: '执法视频' };

export type ColumnKey =
  | 'unit' | 'unit_name' | 'order' | 'kind' | 'id' | 'doc_no' | 'at' | 'officer_id' | 'officer_name' | 'summary'
  | 'verdict' | 'problem' | 'note' | 'checker';

export interface ChecklistColumn {
  readonly key: ColumnKey;
  readonly header: string;
  readonly width: number;
  /** A key field: written by the program, compared on import, never to be edited. */
  readonly locked: boolean;
}

export const COLUMNS: readonly ChecklistColumn[] = [
  { key: 'unit', header: '单位代码', width: 15, locked: true },
  { key: 'unit_name', header: '单位名称', width: 22, locked: false },
  { key: 'order', header: '抽取顺序', width: 9, locked: true },
  { key: 'kind', header: '记录类型', width: 10, locked: true },
  { key: 'id', header: '编号', width: 24, locked: true },
  { key: 'doc_no', header: '文书编号', width: 24, locked: false },
  { key: 'at', header: '时间', width: 17, locked: false },
  { key: 'officer_id', header: '民警警号', width: 10, locked: false },
  { key: 'officer_name', header: '民警姓名', width: 10, locked: false },
  { key: 'summary', header: '摘要', width: 40, locked: false },
  { key: 'verdict', header: '合格/不合格', width: 12, locked: false },
  { key: 'problem', header: '问题类型', width: 16, locked: false },
  { key: 'note', header: '说明', width: 36, locked: false },
  { key: 'checker', header: '检查人', width: 10, locked: false },
];

export const columnLetter = (key: ColumnKey): string => String.fromCharCode(65 + COLUMNS.findIndex((c) => c.key === key));

/** The parameters written to the hidden sheet, in order: label and value. */
export interface ChecklistParams {
  readonly sampleId: number;
  readonly month: string;
  readonly kind: SampleKind;
  readonly rate: number;
  readonly min: number;
  readonly seed: number;
  readonly generator: string;
  readonly populationSha256: string;
  readonly population: number;
  readonly drawn: number;
  readonly createdAt: string;
}

export const PARAM_LABELS: Record<keyof ChecklistParams, string> = {
  sampleId: '样本编号', month: '月份', kind: '抽查类型', rate: '抽取比例', min: '每单位最少', seed: '随机种子',
  generator: '随机数生成器', populationSha256: '总体 SHA-256', population: '总体数量', drawn: '抽取数量', createdAt: '生成时间',
};

export interface ChecklistRow {
  readonly unit: string;
  readonly unit_name: string | null;
  readonly order: number;
  readonly kind: string;
  readonly id: string;
  readonly doc_no: string | null;
  readonly at: string | null;
  readonly officer_id: string | null;
  readonly officer_name: string | null;
  readonly summary: string;
}

export interface StratumLine { readonly unit: string; readonly unit_name: string | null; readonly population: number; readonly drawn: number }

const listFormula = (values: readonly string[]): string => `"${values.join(',')}"`;

export async function writeChecklist(file: string, p: ChecklistParams, rows: readonly ChecklistRow[], strata: readonly StratumLine[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yanpan';
  const ws = wb.addWorksheet(CHECKLIST_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({ ...r, kind: KIND_LABELS[r.kind] ?? r.kind, verdict: null, problem: null, note: null, checker: null });
  }
  const last = Math.max(2, rows.length + 1);
  const verdictCol = columnLetter('verdict');
  const problemCol = columnLetter('problem');
  for (let i = 2; i <= last; i++) {
    ws.getCell(`${verdictCol}${i}`).dataValidation = {
      type: 'list', allowBlank: true, formulae: [listFormula(VERDICTS)],
      showErrorMessage: true, errorTitle: '合格/不合格', error: '请从列表中选择：合格 或 不合格',
    };
    ws.getCell(`${problemCol}${i}`).dataValidation = {
      type: 'list', allowBlank: true, formulae: [listFormula(PROBLEM_TYPES[p.kind])],
      showErrorMessage: true, errorTitle: '问题类型', error: '请从列表中选择问题类型',
    };
  }
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  for (const [i, c] of COLUMNS.entries()) if (c.locked) ws.getColumn(i + 1).eachCell((cell) => { cell.fill = fill; });

  const ss = wb.addWorksheet(STRATA_SHEET);
  ss.columns = [
    { header: '单位代码', key: 'unit', width: 15 }, { header: '单位名称', key: 'unit_name', width: 22 },
    { header: '总体数量', key: 'population', width: 10 }, { header: '抽取数量', key: 'drawn', width: 10 },
  ];
  ss.getRow(1).font = { bold: true };
  for (const s of strata) ss.addRow(s);

  const ps = wb.addWorksheet(PARAMS_SHEET, { state: 'hidden' });
  ps.columns = [{ header: '参数', key: 'k', width: 16 }, { header: '值', key: 'v', width: 80 }];
  for (const k of Object.keys(PARAM_LABELS) as (keyof ChecklistParams)[]) ps.addRow({ k: PARAM_LABELS[k], v: String(p[k]) });
  await wb.xlsx.writeFile(file);
}
