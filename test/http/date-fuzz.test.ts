// Hostile days and months on every route that takes one, against a real server: never a 5xx, always a
// JSON reason when refused. Each GET route of the server's own list gets each date parameter it reads
// set to each hostile value in turn, on top of valid parameters, and the date parameter names it does
// not read (from, to, as_of, date, month) all at once; the routes that take dates in a body get them there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/web/server/routes/index.ts';
import { getRequests, ITEM, startPopulatedServer, type Populated } from '../support/populated-server.ts';

const HOSTILE = ['9999-12-31', '9999-12', '2021-02-30', '0000-01-01', '0000-01', '1989-12-31', '2100-01', '', 'x', '2021-13', '-1', '2021-06-01T00:00:00',
  '１９９９-０１-０１', '2021-06\u0000', '9'.repeat(4000), '2021-02-30'.repeat(300)];
const PARAMS = ['from', 'to', 'as_of', 'date', 'month'];
const UNREAD_VALUES = ['9999-12-31', '2021-02-30', '', '9'.repeat(4000)];
/** Date parameters a route reads that its valid request (populated-server.ts) leaves out. */
const ALSO_READ: Record<string, string[]> = { '/api/items': ['from', 'to'], '/api/export/items.xlsx': ['from', 'to'], '/api/overview': ['from', 'to'], '/api/bulletin': ['as_of'] };

let p: Populated;
beforeAll(async () => { p = await startPopulatedServer(); }, 120_000);
afterAll(async () => { await p?.srv.close(); });

async function expectNo5xx(res: Response, what: string): Promise<void> {
  const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
  expect(res.status, `${what} → ${text.slice(0, 200)}`).toBeLessThan(500);
  // 431: Node's own limit on the request line and headers (16 KiB), before the app sees the request.
  if (res.status >= 400 && res.status !== 431) expect(JSON.parse(text || 'null'), `${what} → ${res.status}`).toEqual({ error: expect.stringMatching(/[\u4e00-\u9fff]/) });
}

describe('hostile days and months', () => {
  it('never make a GET route answer 5xx', async () => {
    const item = (await (await p.srv.fetch(`/api/items/${encodeURIComponent(ITEM)}`, { cookie: p.cookie.sup })).json()) as { evidence: { kind: string; id: string }[] };
    const table = getRequests(p, item.evidence[0]);
    let calls = 0;
    for (const r of ROUTES.filter((x) => x.method === 'GET')) {
      const cookie = r.access === 'admin' ? p.cookie.adm : p.cookie.sup;
      for (const [url] of table[r.path]) {
        const base = new URL(url, 'http://x');
        const read = PARAMS.filter((n) => base.searchParams.has(n) || ALSO_READ[r.path]?.includes(n));
        for (const v of HOSTILE) {
          for (const name of read) {
            const u = new URL(url, 'http://x');
            u.searchParams.set(name, v);
            await expectNo5xx(await p.srv.fetch(u.pathname + u.search, { cookie }), `GET ${u.pathname}?${name}=${v.slice(0, 30)}`);
            calls++;
          }
          // The names it does not read, all at once, for a few of the values: they must not matter (and the
          // route then does its whole work, a bulletin a second or so, so not for every value).
          if (!UNREAD_VALUES.includes(v)) continue;
          const u = new URL(url, 'http://x');
          for (const name of PARAMS.filter((n) => !read.includes(n))) u.searchParams.set(name, v);
          await expectNo5xx(await p.srv.fetch(u.pathname + u.search, { cookie }), `GET ${u.pathname}${u.search.slice(0, 60)}`);
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(300);
  }, 300_000);

  it('are refused with 400 where a route reads them', async () => {
    const cases = [
      ['/api/daily?date=', ['date']], ['/api/bulletin?month=2021-06&as_of=2021-07-10', ['month', 'as_of']],
      ['/api/overview/accidents?month=2021-03', ['month']], ['/api/risk?from=2021-01-01&to=2021-06-30', ['from', 'to', 'as_of']],
      ['/api/overview?from=2021-01-01&to=2021-06-30', ['from', 'to']], ['/api/items?from=2021-01-01', ['from', 'to']],
    ] as const;
    for (const [url, names] of cases) {
      for (const name of names) {
        for (const v of ['9999-12-31', '9999-12', '2021-02-30', '0000-01-01', 'x', '9'.repeat(4000)]) {
          const u = new URL(url, 'http://x');
          u.searchParams.set(name, v);
          const res = await p.srv.fetch(u.pathname + u.search, { cookie: p.cookie.sup });
          expect(res.status, `${url} ${name}=${v.slice(0, 20)}`).toBe(400);
        }
      }
    }
  }, 120_000);

  it('in a request body never make a route answer 5xx, and are refused with 400', async () => {
    const bodies: [string, (v: string) => Record<string, unknown>][] = [
      ['/api/runs', (v) => ({ from: v, to: '2021-06-30' })],
      ['/api/runs', (v) => ({ from: '2021-01-01', to: v })],
      ['/api/runs', (v) => ({ from: '2021-01-01', to: '2021-06-30', as_of: v })],
      ['/api/samples', (v) => ({ month: v, kind: 'documents', rate: '5%' })],
      ['/api/forecasts', (v) => ({ month: v })],
    ];
    expect(ROUTES.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(expect.arrayContaining(bodies.map(([path]) => path)));
    for (const [path, body] of bodies) {
      for (const v of HOSTILE) {
        const res = await p.srv.fetch(path, { json: body(v), cookie: p.cookie.sup });
        await expectNo5xx(res, `POST ${path} ${JSON.stringify(body(v)).slice(0, 80)}`);
        expect(res.status, `POST ${path} ${JSON.stringify(body(v)).slice(0, 80)}`).toBe(400);
      }
    }
  }, 120_000);
});
