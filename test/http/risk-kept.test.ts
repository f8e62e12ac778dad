// The console's own import and analysis jobs keep the 风险画像 of the period its page opens on, and the page's
// request for that period reads what they kept instead of analysing (report/risk-store.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let sup: string;
beforeAll(async () => {
  srv = await startTestServer({
    users: [{ name: 'sup', role: 'supervisor' }],
    data: {
      units: [{ unit_code: 'U1', unit_name: '太谷区大队', kind: '县区大队' }],
      officers: [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }],
      violations: [{ violation_id: 'V1', plate: '晋K00001', plate_type: '02', occurred_at: '2021-03-15 08:00:00', code: '1039', source: '现场', officer_id: 'P1', status: '已处理' }],
    },
  });
  sup = await srv.login('sup');
}, 60_000);
afterAll(async () => { await srv?.close(); });

type Kept = { f: string; t: string; a: string; v: number };
const kept = () => srv.store.all<Kept>('SELECT period_from::VARCHAR AS f, period_to::VARCHAR AS t, as_of::VARCHAR AS a, data_version::INTEGER AS v FROM risk_profiles');
async function finished(path: string): Promise<void> {
  await srv.server.ctx.jobs.idle();
  const job = (await (await srv.fetch(path, { cookie: sup })).json()) as { status: string; error: string | null };
  expect(job.status, job.error ?? '').toBe('done');
}

describe('the kept risk profile', () => {
  it('is made by an analysis from the console, for the period the page opens on, and is what the page reads', async () => {
    expect(await kept()).toEqual([]);
    const r = await srv.fetch('/api/runs', { json: { from: '2021-03-01', to: '2021-03-31', as_of: '2021-04-01' }, cookie: sup });
    expect(r.status).toBe(202);
    await finished(`/api/runs/${((await r.json()) as { id: number }).id}`);
    // 数据截至 2021-03-15: six whole months to February, judged on 16 March.
    expect(await kept()).toEqual([{ f: '2020-09-01', t: '2021-02-28', a: '2021-03-16', v: 0 }]);
    const url = '/api/risk?from=2020-09-01&to=2021-02-28&as_of=2021-03-16';
    // Marked in place: the answer carries the mark, so the request read the kept profile.
    const [{ report }] = await srv.store.all<{ report: string }>('SELECT report FROM risk_profiles');
    await srv.store.run('UPDATE risk_profiles SET report = $r', { r: JSON.stringify({ ...JSON.parse(report) as object, months: ['kept'] }) });
    const got = await srv.fetch(url, { cookie: sup });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { months: string[] }).months).toEqual(['kept']);
  });

  it('is made again by an import from the console, for the new data only', async () => {
    const zip = zipSync({ 'export/units.csv': strToU8('单位代码,单位名称,单位类型\r\nU3,祁县大队,县区大队\r\n') });
    const form = new FormData();
    form.append('files', new Blob([zip]), '导出.zip');
    const r = await srv.fetch('/api/imports', { body: form, cookie: sup });
    expect(r.status).toBe(202);
    await finished(`/api/imports/${((await r.json()) as { id: number }).id}`);
    expect(await kept()).toEqual([{ f: '2020-09-01', t: '2021-02-28', a: '2021-03-16', v: 1 }]);
  });
});
