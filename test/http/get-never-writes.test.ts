// A GET never writes: every GET route, called with valid parameters by each role that may call it,
// leaves every table as it was (sessions and the security log apart: they record the request itself).
// The route list is the server's own: a new GET route without an entry here fails the test.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/web/server/routes/index.ts';
import { getRequests, ITEM, startPopulatedServer, tableDigests, type Populated } from '../support/populated-server.ts';

let p: Populated;
beforeAll(async () => { p = await startPopulatedServer(); }, 120_000);
afterAll(async () => { await p?.srv.close(); });

const enc = encodeURIComponent;

/**
 * Every part of a .docx, byte for byte (base64), but for what differs between two packings of the same
 * document: the package's creation time and the drawing ids the docx library counts up per process.
 */
async function docxParts(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    if (name === 'docProps/core.xml') out[name] = (await entry.async('string')).replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '<dcterms:$1><');
    else if (name === 'word/document.xml') out[name] = (await entry.async('string')).replace(/<wp:docPr id="\d+"/g, '<wp:docPr id=""');
    else out[name] = await entry.async('base64');
  }
  return out;
}

describe('a GET never writes', () => {
  it('leaves every table unchanged after every GET route, for each role that may call it', async () => {
    const item = (await (await p.srv.fetch(`/api/items/${enc(ITEM)}`, { cookie: p.cookie.sup })).json()) as { evidence: { kind: string; id: string }[] };
    const table = getRequests(p, item.evidence[0]);
    const gets = ROUTES.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.path).filter((path) => !(path in table)), 'GET routes without requests here').toEqual([]);
    const before = await tableDigests(p);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['forecasts', 'items', 'runs', 'samples', 'audit']));
    let calls = 0;
    for (const r of gets) {
      const who = r.access === 'admin' ? ['adm'] : r.access === 'manage-data' ? ['sup', 'adm'] : ['sup', 'b1'];
      for (const [url, status] of table[r.path]) {
        for (const u of who) {
          // A brigade user sees only its own unit's items and may get 404 where the supervisor gets 200: any answer below 500 is fine.
          const res = await p.srv.fetch(url, { cookie: p.cookie[u as keyof Populated['cookie']] });
          await res.arrayBuffer();
          if (u === 'b1') expect(res.status, `${u} ${url}`).toBeLessThan(500);
          else expect(res.status, `${u} ${url}`).toBe(status);
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(40);
    expect(await tableDigests(p)).toEqual(before);
  }, 120_000);

  it('gives the same bulletin whether or not the next month\'s forecast is on file, and stores one only on request', async () => {
    const url = '/api/bulletin?month=2021-06&as_of=2021-07-10';
    const first = Buffer.from(await (await p.srv.fetch(url, { cookie: p.cookie.sup })).arrayBuffer());
    const count = async () => (await p.srv.store.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM forecasts WHERE month = '2021-07'"))[0].n;
    expect(await count()).toBe(0);
    const stored = await p.srv.fetch('/api/forecasts', { json: { month: '2021-07' }, cookie: p.cookie.sup });
    expect(stored.status).toBe(201);
    expect(await count()).toBeGreaterThan(0);
    const second = Buffer.from(await (await p.srv.fetch(url, { cookie: p.cookie.sup })).arrayBuffer());
    expect(await docxParts(second)).toEqual(await docxParts(first));
    // Storing is for those who manage data, with a valid month and no other field.
    expect((await p.srv.fetch('/api/forecasts', { json: { month: '2021-07' }, cookie: p.cookie.b1 })).status).toBe(403);
    expect((await p.srv.fetch('/api/forecasts', { json: { month: '2021-13' }, cookie: p.cookie.sup })).status).toBe(400);
    expect((await p.srv.fetch('/api/forecasts', { json: { month: '2021-07', x: 1 }, cookie: p.cookie.sup })).status).toBe(400);
    // A month with no history before it: a conflict with the data on file, with the reason.
    const early = await p.srv.fetch('/api/forecasts', { json: { month: '1990-01' }, cookie: p.cookie.sup });
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ error: expect.stringContaining('无法研判') });
  });
});
