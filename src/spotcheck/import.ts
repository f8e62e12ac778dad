// Reading a filled checklist back. Every answer is checked against the sample it claims to belong to:
// a row the sample never drew, a key field that was edited, a value outside a drop-down list, a 不合格
// without a problem type — each is reported with its sheet, row and column, nothing is guessed, and a
// file with any error stores nothing. A clean file stores the findings; each 不合格 becomes a
// supervision item for the unit that answers for the record.
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { failure, type Failure } from '../contract/failure.ts';
import { transaction, type Store } from '../store/db.ts';
import { createItems, SYSTEM_USER } from '../supervise/sync.ts';
import { cellText } from '../ingest/xlsx.ts';
import {
  CHECKLIST_SHEET, COLUMNS, KIND_LABELS, PARAMS_SHEET, PARAM_LABELS, PROBLEM_TYPES, VERDICTS, columnLetter,
  type ColumnKey,
} from './checklist.ts';
import { SAMPLE_KINDS, type SampleKind } from './population.ts';
import type { RecordRef } from '../contract/vocabulary.ts';

export interface CellError {
  readonly sheet: string;
  /** 1-based sheet row; 0 when the error is about the whole sheet. */
  readonly row: number;
  /** Column letter, '' when the error is about the whole sheet or row. */
  readonly column: string;
  readonly message: string;
}

export const formatCellError = (e: CellError): string =>
  `${e.sheet}${e.row ? `!${e.column}${e.row}` : ''}${e.column && !e.row ? ` 列 ${e.column}` : ''}：${e.message}`;

export interface Finding {
  readonly row: number;
  readonly unit: string;
  readonly kind: string;
  readonly id: string;
  readonly verdict: (typeof VERDICTS)[number];
  readonly problem: string | null;
  readonly note: string | null;
  readonly checker: string;
}

/** What a 不合格 finding asks of the supervision loop: an item keyed like a warning (`category|kind|id`). */
export interface SpotItem {
  readonly category: 'spot-check';
  /** One item per sample and record: `<sample id>/<record kind>:<record id>`. */
  readonly subject: { readonly kind: 'sample'; readonly id: string };
  readonly unit: string;
  readonly severity: 'medium';
  readonly rule: 'spot-check';
  readonly title: string;
  readonly evidence: readonly RecordRef[];
}
/**
 * Opens (or finds again) the supervision items, in its own transaction; returns their keys in order.
 * Given by the caller so that this module does not depend on the loop's internals.
 */
export type RaiseItems = (store: Store, items: readonly SpotItem[]) => Promise<string[]>;

/** The supervision loop's way in for items that do not come from an analysis run (source 'spotcheck'). */
export const raiseWith = (actor: string): RaiseItems => (store, items) => createItems(store, 'spotcheck', items, actor);

/** A checklist refused: every error found, each with its sheet, row and column; nothing stored. */
export type ChecklistFailure = Failure & { readonly errors: readonly CellError[] };

const refused = (errors: readonly CellError[]): ChecklistFailure => ({ ...failure('invalid', `检查清单有 ${errors.length} 处错误，未导入任何结果`), errors });

export type ReadResult =
  | { ok: true; sampleId: number; kind: SampleKind; findings: Finding[]; unanswered: number }
  | ChecklistFailure;

export type ImportResult =
  | { ok: true; sampleId: number; stored: number; failed: number; unanswered: number; items: string[] }
  | ChecklistFailure;

interface SampleRowRef { unit_code: string; record_kind: string; record_id: string; draw_order: number }

const LABEL_TO_KIND = new Map(Object.entries(KIND_LABELS).map(([k, v]) => [v, k]));
const col = (key: ColumnKey): number => COLUMNS.findIndex((c) => c.key === key) + 1;

async function loadWorkbook(file: string): Promise<ExcelJS.Workbook | string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
    return wb;
  } catch (err) {
    return `无法读取 ${basename(file)}：${(err as Error).message}（应为 yanpan sample 生成的 XLSX 抽查清单）`;
  }
}

/** Validate a filled checklist against the stored sample. Reads only. */
export async function readChecklist(store: Store, file: string): Promise<ReadResult> {
  const wb = await loadWorkbook(file);
  if (typeof wb === 'string') return refused([{ sheet: basename(file), row: 0, column: '', message: wb }]);
  const errors: CellError[] = [];

  // The hidden parameter sheet says which sample this is; its figures must match what was stored.
  const ps = wb.getWorksheet(PARAMS_SHEET);
  if (!ps) return refused([{ sheet: PARAMS_SHEET, row: 0, column: '', message: '缺少参数表：这不是 yanpan sample 生成的抽查清单，或参数表被删除' }]);
  const params = new Map<string, { value: string; row: number }>();
  ps.eachRow((r, n) => { if (n > 1) params.set(cellText(r.getCell(1).value).trim(), { value: cellText(r.getCell(2).value).trim(), row: n }); });
  const idParam = params.get(PARAM_LABELS.sampleId);
  const sampleId = idParam && /^\d+$/.test(idParam.value) ? Number(idParam.value) : null;
  if (!idParam || sampleId === null) return refused([{ sheet: PARAMS_SHEET, row: idParam?.row ?? 0, column: idParam ? 'B' : '', message: `${PARAM_LABELS.sampleId}缺失或不是整数` }]);
  const stored = await store.all<{ kind: string; seed: number; population_sha256: string; month: string }>(
    'SELECT kind, seed, population_sha256, month FROM samples WHERE sample_id = $1', [sampleId]);
  if (!stored.length) return refused([{ sheet: PARAMS_SHEET, row: idParam.row, column: 'B', message: `数据库中没有编号为 ${sampleId} 的样本（是否换了数据库？）` }]);
  const s = stored[0];
  for (const [label, expected] of [[PARAM_LABELS.kind, s.kind], [PARAM_LABELS.month, s.month], [PARAM_LABELS.seed, String(s.seed)], [PARAM_LABELS.populationSha256, s.population_sha256]] as const) {
    const got = params.get(label);
    if (got?.value !== expected) errors.push({ sheet: PARAMS_SHEET, row: got?.row ?? 0, column: got ? 'B' : '', message: `${label}为“${got?.value ?? '（缺失）'}”，与样本 ${sampleId} 记录的“${expected}”不符` });
  }
  if (!SAMPLE_KINDS.includes(s.kind as SampleKind)) throw new Error(`programmer error: stored sample kind ${s.kind}`);
  const kind = s.kind as SampleKind;

  const ws = wb.getWorksheet(CHECKLIST_SHEET);
  if (!ws) return refused([...errors, { sheet: CHECKLIST_SHEET, row: 0, column: '', message: '缺少抽查清单工作表' }]);
  const header = ws.getRow(1);
  for (const [i, c] of COLUMNS.entries()) {
    const got = cellText(header.getCell(i + 1).value).trim();
    if (got !== c.header) errors.push({ sheet: CHECKLIST_SHEET, row: 1, column: String.fromCharCode(65 + i), message: `表头应为“${c.header}”，实为“${got}”（请勿增删或移动列）` });
  }
  if (errors.length) return refused(errors);

  const drawn = new Map<string, SampleRowRef>();
  for (const r of await store.all<SampleRowRef>('SELECT unit_code, record_kind, record_id, draw_order FROM sample_rows WHERE sample_id = $1', [sampleId])) {
    drawn.set(`${r.record_kind}:${r.record_id}`, r);
  }
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  let unanswered = 0;
  const problems = PROBLEM_TYPES[kind];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const v = (key: ColumnKey): string => cellText(r.getCell(col(key)).value).trim();
    const err = (key: ColumnKey, message: string) => errors.push({ sheet: CHECKLIST_SHEET, row: n, column: columnLetter(key), message });
    if (COLUMNS.every((c) => v(c.key) === '')) return;
    const label = v('kind');
    const recordKind = LABEL_TO_KIND.get(label);
    if (!recordKind) { err('kind', `记录类型“${label}”不在列表（${[...LABEL_TO_KIND.keys()].join('、')}）中`); return; }
    const id = v('id');
    const key = `${recordKind}:${id}`;
    const ref = drawn.get(key);
    if (!ref) { err('id', `未知的行：${label} ${id || '（空）'} 不在样本 ${sampleId} 中（编号被改动或行是新加的）`); return; }
    if (seen.has(key)) { err('id', `${label} ${id} 重复出现（第 ${seen.get(key)} 行已有）`); return; }
    seen.set(key, n);
    if (v('unit') !== ref.unit_code) err('unit', `单位代码被改动：样本中为 ${ref.unit_code}，清单中为“${v('unit')}”`);
    if (v('order') !== String(ref.draw_order)) err('order', `抽取顺序被改动：样本中为 ${ref.draw_order}，清单中为“${v('order')}”`);
    const verdict = v('verdict');
    const problem = v('problem');
    const checker = v('checker');
    const note = v('note');
    if (verdict === '') {
      if (problem || checker || note) err('verdict', '已填写问题类型、说明或检查人，但未填写合格/不合格');
      else unanswered++;
      return;
    }
    if (!(VERDICTS as readonly string[]).includes(verdict)) { err('verdict', `“${verdict}”不在列表（${VERDICTS.join('、')}）中`); return; }
    if (problem && !problems.includes(problem)) err('problem', `问题类型“${problem}”不在列表（${problems.join('、')}）中`);
    if (verdict === '不合格' && !problem) err('problem', '不合格须选择问题类型');
    if (verdict === '合格' && problem) err('problem', `合格的记录不应有问题类型（填了“${problem}”）`);
    if (!checker) err('checker', '请填写检查人');
    findings.push({ row: n, unit: ref.unit_code, kind: recordKind, id, verdict: verdict as Finding['verdict'], problem: problem || null, note: note || null, checker });
  });
  if (errors.length) return refused(errors);
  return { ok: true, sampleId, kind, findings, unanswered };
}

export function spotItem(sampleId: number, month: string, f: Finding): SpotItem {
  const label = KIND_LABELS[f.kind] ?? f.kind;
  return {
    category: 'spot-check',
    subject: { kind: 'sample', id: `${sampleId}/${f.kind}:${f.id}` },
    unit: f.unit,
    severity: 'medium',
    rule: 'spot-check',
    title: `${month} 抽查（样本 ${sampleId}）：${label} ${f.id} 不合格，问题类型 ${f.problem}${f.note ? `，${f.note}` : ''}（检查人 ${f.checker}）`,
    evidence: [{ kind: f.kind, id: f.id }],
  };
}

interface StoredFinding { record_kind: string; record_id: string; verdict: string; problem: string | null; note: string | null; checker: string; item_key: string | null }

/**
 * Validate, raise an item for each new or changed 不合格, then store every finding in one transaction.
 * Importing the same file again changes nothing: in particular it does not reopen an item already closed.
 * Items first: raising is idempotent (same key, same item), so a failure between the two steps is repaired
 * by importing the file again.
 */
export async function importChecklist(store: Store, file: string, raise: RaiseItems | null = raiseWith(SYSTEM_USER)): Promise<ImportResult> {
  const read = await readChecklist(store, file);
  if (!read.ok) return read;
  const [{ month }] = await store.all<{ month: string }>('SELECT month FROM samples WHERE sample_id = $1', [read.sampleId]);
  const before = new Map((await store.all<StoredFinding>(
    'SELECT record_kind, record_id, verdict, problem, note, checker, item_key FROM sample_findings WHERE sample_id = $1', [read.sampleId]))
    .map((f) => [`${f.record_kind}:${f.record_id}`, f]));
  const same = (f: Finding, b: StoredFinding | undefined): b is StoredFinding =>
    !!b && b.verdict === f.verdict && b.problem === f.problem && b.note === f.note && b.checker === f.checker;
  const itemKeys = new Map<string, string>();
  for (const f of read.findings) {
    const b = before.get(`${f.kind}:${f.id}`);
    if (same(f, b) && b.item_key) itemKeys.set(`${f.kind}:${f.id}`, b.item_key);
  }
  const toRaise = read.findings.filter((f) => f.verdict === '不合格' && !itemKeys.has(`${f.kind}:${f.id}`));
  const raised: string[] = [];
  if (raise && toRaise.length) {
    const keys = await raise(store, toRaise.map((f) => spotItem(read.sampleId, month, f)));
    toRaise.forEach((f, i) => itemKeys.set(`${f.kind}:${f.id}`, keys[i]));
    raised.push(...keys);
  }
  await transaction(store, async () => {
    for (const f of read.findings) {
      await store.run('DELETE FROM sample_findings WHERE sample_id = $1 AND record_kind = $2 AND record_id = $3', [read.sampleId, f.kind, f.id]);
      await store.run(
        `INSERT INTO sample_findings VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()::TIMESTAMP, $9, $10)`,
        [read.sampleId, f.kind, f.id, f.unit, f.verdict, f.problem, f.note, f.checker, basename(file),
          f.verdict === '不合格' ? itemKeys.get(`${f.kind}:${f.id}`) ?? null : null]);
    }
  });
  const failed = read.findings.filter((f) => f.verdict === '不合格').length;
  return { ok: true, sampleId: read.sampleId, stored: read.findings.length, failed, unanswered: read.unanswered, items: raised };
}
