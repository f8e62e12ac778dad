// An invalid stored deadline setting is reported, never silently replaced by the default: the default serves
// meanwhile (dispatching keeps working), but /api/meta names the field and the reason, the settings page shows
// them, and the server log says so from the start, again when it changes, and when it is fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

interface Meta { settings: { deadlineDays: Record<string, number> }; settings_problems: { field: string; reason: string }[] }

let srv: TestServer;
let adm: string;
let sup: string;
const logged: string[] = [];
const settingsLines = () => logged.filter((l) => l.startsWith('settings '));

beforeAll(async () => {
  srv = await startTestServer({
    users: [{ name: 'adm', role: 'admin' }, { name: 'sup', role: 'supervisor' }],
    options: { log: (line) => logged.push(line) },
    setup: async (store) => { await store.run(`INSERT INTO supervise_settings VALUES ('deadlineDays', '{"high":0,"medium":10,"low":15}')`); },
  });
  adm = await srv.login('adm');
  sup = await srv.login('sup');
}, 60_000);
afterAll(async () => { await srv?.close(); });

describe('an invalid stored deadline setting', () => {
  it('is in the server log from the start', () => {
    expect(settingsLines()).toEqual([expect.stringMatching(/^settings invalid deadlineDays\.high：保存的督办期限设置无效：high 的期限应为 1–120 个工作日/)]);
  });

  it('is named on /api/meta, field and reason, while the defaults serve; the log says it once', async () => {
    const r = await srv.fetch('/api/meta', { cookie: sup });
    expect(r.status).toBe(200);
    const meta = (await r.json()) as Meta;
    expect(meta.settings.deadlineDays).toEqual({ high: 5, medium: 10, low: 15 });
    expect(meta.settings_problems).toEqual([{ field: 'deadlineDays.high', reason: expect.stringMatching(/^保存的督办期限设置无效：high 的期限应为 1–120 个工作日；暂按默认期限（高 5、中 10、低 15 个工作日）/) }]);
    expect(settingsLines()).toHaveLength(1);
  });

  it('a stored value that is not JSON is reported too, not a 500', async () => {
    await srv.store.run(`UPDATE supervise_settings SET value = '{high' WHERE name = 'deadlineDays'`);
    const meta = (await (await srv.fetch('/api/meta', { cookie: adm })).json()) as Meta;
    expect(meta.settings.deadlineDays).toEqual({ high: 5, medium: 10, low: 15 });
    expect(meta.settings_problems).toEqual([{ field: 'deadlineDays', reason: expect.stringContaining('无法读取（不是有效的 JSON）') }]);
    expect(settingsLines().at(-1)).toMatch(/^settings invalid deadlineDays：/);
  });

  it('is gone once an administrator sets the deadlines again', async () => {
    const put = await srv.fetch('/api/settings/deadlines', { method: 'PUT', json: { high: 3 }, cookie: adm });
    expect(put.status).toBe(200);
    const meta = (await (await srv.fetch('/api/meta', { cookie: sup })).json()) as Meta;
    expect(meta.settings.deadlineDays).toEqual({ high: 3, medium: 10, low: 15 });
    expect(meta.settings_problems).toEqual([]);
    expect(settingsLines().at(-1)).toBe('settings valid again');
  });
});
