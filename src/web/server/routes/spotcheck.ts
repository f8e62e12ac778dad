// 抽查 over HTTP: the samples drawn (the list, one sample with its records and findings), drawing a sample,
// its checklist as a workbook, and reading a filled checklist back, whose 不合格 records become items. The same
// functions as `yanpan sample`; a brigade user sees its own unit's strata, records and findings.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transaction } from '../../../store/db.ts';
import { scopeOf } from '../../../supervise/access.ts';
import { checkSampleRequest, createSample, EmptySampleError } from '../../../spotcheck/sample.ts';
import { listSamples, rewriteChecklist, sampleDetail } from '../../../spotcheck/catalog.ts';
import { importChecklist, raiseWith } from '../../../spotcheck/import.ts';
import { answerFailure, fail, FAILURE_STATUS, formFile, jsonBody, param, type RouteDef } from '../context.ts';
import { onOwnConnection } from '../own-connection.ts';
import { download, inTempDir, XLSX } from '../download.ts';

export const spotcheckRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/samples', access: 'user',
    doc: 'The spot-check samples (抽查) drawn.',
    async handler(c, { store }) {
      return c.json(await listSamples(store, scopeOf(c.get('user'))));
    },
  },
  {
    method: 'POST', path: '/api/samples', access: 'manage-data', expensive: true,
    doc: 'Draw a stratified spot-check sample of a month.',
    security: { event: 'analysis', detail: () => '抽查抽样' },
    async handler(c, ctx) {
      const body = await jsonBody(c, ['month', 'kind', 'rate', 'min', 'seed']);
      const checked = checkSampleRequest(body);
      if (!checked.ok) return answerFailure(c, checked);
      const r = await transaction(ctx.store, () => createSample(ctx.store, checked.req, null)).catch((e: unknown) => {
        if (e instanceof EmptySampleError) return e;
        throw e;
      });
      if (r instanceof EmptySampleError) return fail(c, 400, r.message);
      return c.json({ sample_id: r.sampleId, params: r.params, strata: r.strata, seed_chosen: checked.seedChosen }, 201);
    },
  },
  {
    method: 'GET', path: '/api/samples/:id', access: 'user',
    doc: 'One sample: its parameters, strata, records and findings.',
    async handler(c, { store }) {
      const id = Number(param(c, 'id'));
      const d = Number.isSafeInteger(id) ? await sampleDetail(store, id, scopeOf(c.get('user'))) : null;
      return d ? c.json(d) : fail(c, 404, '没有这个样本');
    },
  },
  {
    method: 'GET', path: '/api/samples/:id/checklist', access: 'manage-data', expensive: true,
    doc: 'The sample\'s checklist as an Excel workbook.',
    security: { event: 'export' },
    async handler(c, ctx) {
      const id = Number(param(c, 'id'));
      if (!Number.isSafeInteger(id)) return fail(c, 404, '没有这个样本');
      return inTempDir(async (dir) => {
        const f = join(dir, 'checklist.xlsx');
        const r = await onOwnConnection(ctx, (s) => rewriteChecklist(s, id, f));
        if (!r.ok) return answerFailure(c, r);
        return download(c, await readFile(f), XLSX, `抽查清单-样本${id}.xlsx`);
      });
    },
  },
  {
    method: 'POST', path: '/api/samples/import', access: 'manage-data', expensive: true, maxBody: 20 * 1024 * 1024,
    doc: 'Read a filled checklist back; failed records become items.',
    security: { event: 'import', detail: () => '导入抽查结果' },
    async handler(c, ctx) {
      const file = await formFile(c, '填好的检查清单');
      return inTempDir(async (dir) => {
        const f = join(dir, 'checklist.xlsx');
        await writeFile(f, new Uint8Array(await file.arrayBuffer()));
        const r = await importChecklist(ctx.store, f, raiseWith(c.get('user').username));
        if (!r.ok) return c.json({ error: r.error, errors: r.errors }, FAILURE_STATUS[r.kind]);
        return c.json(r);
      });
    },
  },
];
