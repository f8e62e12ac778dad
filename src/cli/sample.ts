// `yanpan sample` and `yanpan sample import`: argument checks, then the report functions; exit codes 0 done, 1 bad file, 2 bad arguments.
import { openExisting } from './history.ts';
import { checkSampleRequest, createSample, EmptySampleError } from '../spotcheck/sample.ts';
import { formatCellError, importChecklist, raiseWith } from '../spotcheck/import.ts';
import { exitWith, table } from './output.ts';

export interface SampleArgs { db: string; month: string; kind: string; rate: string; min?: string; seed?: string; out: string }

export async function sampleCommand(a: SampleArgs): Promise<number> {
  const err = (s: string) => { process.stderr.write(`${s}\n`); return 2; };
  const checked = checkSampleRequest(a);
  if (!checked.ok) return exitWith(checked);
  const { req } = checked;
  if (!/\.xlsx$/i.test(a.out)) return err(`--out 应为 .xlsx 文件，而不是 ${a.out}`);

  const store = await openExisting(a.db);
  if (!store) return 2;
  try {
    const r = await createSample(store, req, a.out).catch((e: unknown) => {
      if (e instanceof EmptySampleError) return e;
      throw e;
    });
    if (r instanceof EmptySampleError) return err(r.message);
    const w = (s: string) => process.stdout.write(s);
    w(`样本 ${r.sampleId}：${a.month} ${a.kind === 'documents' ? '法律文书' : '执法视频'}，比例 ${+(req.rate * 100).toFixed(4)}%，每单位至少 ${req.min} 条\n`);
    w(`随机种子 ${r.draw.seed}${checked.seedChosen ? '（未指定，已随机选定并记录）' : ''}\n生成器 ${r.draw.generator}\n`);
    w(`总体 ${r.draw.population} 条，SHA-256 ${r.draw.populationSha256}\n`);
    w(`${table(['单位代码', '单位名称', '总体', '抽取'], r.strata.map((s) => [s.unit, s.unit_name ?? '', s.population, s.drawn]))}\n`);
    w(`共抽取 ${r.rows.length} 条 → ${a.out}\n`);
    w(`重抽：yanpan sample --month ${a.month} --kind ${a.kind} --rate ${a.rate} --min ${req.min} --seed ${r.draw.seed} --out FILE.xlsx\n`);
    return 0;
  } finally {
    store.close();
  }
}

export async function sampleImportCommand(file: string, db: string): Promise<number> {
  const store = await openExisting(db);
  if (!store) return 2;
  try {
    // The command line has no signed-in user: the audit log names the command.
    const r = await importChecklist(store, file, raiseWith('命令行 sample import'));
    if (!r.ok) {
      process.stderr.write(`${file}：${r.errors.length} 处错误，未导入任何结果：\n`);
      for (const e of r.errors) process.stderr.write(`  ${formatCellError(e)}\n`);
      return 1;
    }
    process.stdout.write(`样本 ${r.sampleId}：导入 ${r.stored} 条检查结果（不合格 ${r.failed} 条，尚未检查 ${r.unanswered} 条）`
      + `${r.items.length ? `，生成督办事项 ${r.items.length} 项` : ''}\n`);
    return 0;
  } finally {
    store.close();
  }
}
