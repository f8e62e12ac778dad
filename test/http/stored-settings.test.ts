// A stored setting that no longer passes its checks is reported, never replaced by the default: the domain
// throws it as a Failure (conflict) and the server answers it in one place, 409 with the reason, on every
// route that needs the setting — not a 500, and not a guard in each route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

let srv: TestServer;
let adm: string;
beforeAll(async () => {
  srv = await startTestServer({ data: { units: [{ unit_code: 'U1', unit_name: '太谷区大队' }] }, users: [{ name: 'adm', role: 'admin' }] });
  adm = await srv.login('adm');
  await srv.store.run(`INSERT INTO rule_settings VALUES (1, '2021-07-01 08:00:00', 'adm', 'x', true, '{"caseShelving":{"sceneWorkingDays":-1}}')`);
  await srv.store.run(`INSERT INTO supervise_settings VALUES ('ruleEffectiveness', '{"windowDays":-5}')`);
}, 60_000);
afterAll(async () => { await srv?.close(); });

describe('an invalid stored setting', () => {
  it('is a 409 naming the version and the figure wherever it is needed', async () => {
    const answers = [
      await srv.fetch('/api/rule-settings', { cookie: adm }),
      await srv.fetch('/api/rule-settings/preview', { json: { settings: {}, from: '2021-01-01', to: '2021-06-30' }, cookie: adm }),
      await srv.fetch('/api/runs', { json: { from: '2021-01-01', to: '2021-06-30', as_of: '2021-07-11' }, cookie: adm }),
    ];
    for (const r of answers) {
      expect(r.status).toBe(409);
      expect(((await r.json()) as { error: string }).error).toMatch(/规则设置第 1 版无效.*sceneWorkingDays/);
    }
    // The 规则成效 page and the 通报, which reports the same figures.
    for (const path of ['/api/rule-effectiveness', '/api/bulletin?month=2021-06&as_of=2021-07-05']) {
      const r = await srv.fetch(path, { cookie: adm });
      expect(r.status, path).toBe(409);
      expect(((await r.json()) as { error: string }).error, path).toMatch(/保存的规则成效设置无效/);
    }
  });
});
