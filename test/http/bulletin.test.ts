// The console's bulletin routes over real HTTP: download (supervisors and admins only), settings (admins change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { insertSeries } from '../support/accident-series.ts';
import { checkDocx, documentText } from '../support/ooxml.ts';

describe('bulletin routes', () => {
  let srv: TestServer;
  let sup: string, br: string, adm: string;
  beforeAll(async () => {
    srv = await startTestServer({
      users: [{ name: 'sup', role: 'supervisor' }, { name: 'br', role: 'brigade', unit: 'U1' }, { name: 'adm', role: 'admin' }],
      data: { units: [{ unit_code: 'U1', unit_name: '甲县交警大队' }, { unit_code: 'U2', unit_name: '乙县交警大队' }] },
      setup: async (store) => { await insertSeries(store, { units: { U1: 9, U2: 4 }, from: '2019-07', months: 24, seed: 4 }); },
    });
    [sup, br, adm] = [await srv.login('sup'), await srv.login('br'), await srv.login('adm')];
  });
  afterAll(async () => { await srv.close(); });

  it('gives a supervisor the month\'s bulletin as a .docx', async () => {
    const r = await srv.fetch('/api/bulletin?month=2021-06&as_of=2021-07-10', { cookie: sup });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="bulletin-2021-06\.docx"; filename\*=UTF-8''/);
    const { files, problems } = await checkDocx(Buffer.from(await r.arrayBuffer()));
    expect(problems).toEqual([]);
    expect(documentText(files.get('word/document.xml')!).paragraphs).toContain('关于2021年6月全市道路交通事故和执法监督情况的通报');
  });

  it('refuses a brigade user, a visitor without a session, and a bad month or date, with a reason', async () => {
    expect((await srv.fetch('/api/bulletin?month=2021-06', { cookie: br })).status).toBe(403);
    expect((await srv.fetch('/api/bulletin?month=2021-06')).status).toBe(401);
    for (const q of ['month=2021-13', 'month=', 'month=2021-06&as_of=2021-02-31x']) {
      const r = await srv.fetch(`/api/bulletin?${q}`, { cookie: sup });
      expect(r.status, q).toBe(400);
      expect(((await r.json()) as { error: string }).error).toMatch(/应为/);
    }
  });

  it('lets an admin, and only an admin, change the requirements text, which the next bulletin carries', async () => {
    expect((await srv.fetch('/api/bulletin/settings', { cookie: sup })).status).toBe(200);
    expect((await srv.fetch('/api/bulletin/settings', { method: 'PUT', cookie: sup, json: { requirements: 'x' } })).status).toBe(403);
    expect((await srv.fetch('/api/bulletin/settings', { method: 'PUT', cookie: adm, json: { requirements: '  ' } })).status).toBe(400);
    expect((await srv.fetch('/api/bulletin/settings', { method: 'PUT', cookie: adm, json: { requirements: 3 } })).status).toBe(400);
    const ok = await srv.fetch('/api/bulletin/settings', { method: 'PUT', cookie: adm, json: { requirements: '（一）七月底前完成全部逾期事项的整改。' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { requirements: string }).requirements).toBe('（一）七月底前完成全部逾期事项的整改。');
    const r = await srv.fetch('/api/bulletin?month=2021-06&as_of=2021-07-10', { cookie: adm });
    const { files } = await checkDocx(Buffer.from(await r.arrayBuffer()));
    expect(documentText(files.get('word/document.xml')!).paragraphs).toContain('（一）七月底前完成全部逾期事项的整改。');
    const audit = await srv.store.all<{ username: string; fields: string }>("SELECT username, fields FROM audit WHERE action = 'bulletin-settings'");
    expect(audit.map((a) => a.username)).toEqual(['adm']);
    expect(JSON.parse(audit[0].fields)).toMatchObject({ requirements: '（一）七月底前完成全部逾期事项的整改。' });
  });
});
