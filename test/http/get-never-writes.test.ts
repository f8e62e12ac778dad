// A GET never writes: every GET route, called with valid parameters by each role that may call it,
// leaves every table as it was (sessions and the security log apart: they record the request itself).
// The route list is the server's own: a new GET route without an entry here fails the test.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/web/server/routes/index.ts';
import { DAY, ITEM, MONTH, PERIOD, startPopulatedServer, tableDigests, type Populated } from '../support/populated-server.ts';

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

/** For each GET route: the requests to make (path and query) and the status each should get. */
function requests(evidence: { kind: string; id: string }): Record<string, [string, number][]> {
  const period = `from=${PERIOD.from}&to=${PERIOD.to}`;
  const risk = `${period}&as_of=${PERIOD.asOf}`;
  return {
    '/api/meta': [['/api/meta', 200]],
    '/api/users': [['/api/users', 200]],
    '/api/security-log': [['/api/security-log', 200], ['/api/security-log?event=login&page=1&size=10', 200]],
    '/api/items/:key/attachments/:id': [[`/api/items/${enc(ITEM)}/attachments/${p.attachmentId}`, 200]],
    '/api/attachments/:id': [[`/api/attachments/${p.attachmentId}`, 200]],
    // No forecast of July is on file: the download computes one, and must not store it.
    '/api/bulletin': [['/api/bulletin?month=2021-06&as_of=2021-07-10', 200], ['/api/bulletin?month=2021-06', 200]],
    '/api/bulletin/settings': [['/api/bulletin/settings', 200]],
    '/api/units': [['/api/units', 200]],
    '/api/overview': [[`/api/overview?${period}`, 200], ['/api/overview', 200]],
    '/api/overview/accidents': [[`/api/overview/accidents?month=${MONTH}`, 200], ['/api/overview/accidents', 200]],
    '/api/map/points': [['/api/map/points', 200]],
    '/api/items/:key/basis': [[`/api/items/${enc(ITEM)}/basis`, 200]],
    '/api/items/:key/neighbours': [[`/api/items/${enc(ITEM)}/neighbours?kind=${enc(evidence.kind)}&id=${enc(evidence.id)}`, 200]],
    '/api/export/items.xlsx': [['/api/export/items.xlsx', 200]],
    '/api/import-history': [['/api/import-history', 200]],
    '/api/import-history/:id/rejects': [['/api/import-history/1/rejects', 404]],
    '/api/import-history/:id/rejects.csv': [['/api/import-history/1/rejects.csv', 404]],
    '/api/imports/:id': [['/api/imports/1', 404]],
    '/api/imports': [['/api/imports', 200]],
    '/api/runs/:id': [['/api/runs/1', 200]],
    '/api/runs': [['/api/runs', 200]],
    '/api/items': [['/api/items', 200], ['/api/items?status=pending', 200]],
    '/api/items/:key': [[`/api/items/${enc(ITEM)}`, 200]],
    '/api/items/:key/audit': [[`/api/items/${enc(ITEM)}/audit`, 200]],
    '/api/me': [['/api/me', 200]],
    '/api/daily': [[`/api/daily?date=${DAY}`, 200]],
    '/api/daily/export': [[`/api/daily/export?date=${DAY}`, 200], [`/api/daily/export?date=${DAY}&format=html`, 200]],
    '/api/risk': [[`/api/risk?${risk}`, 200]],
    '/api/risk/export': [[`/api/risk/export?${risk}`, 200]],
    '/api/risk/officers/:id': [[`/api/risk/officers/P1?${risk}`, 200]],
    '/api/samples': [['/api/samples', 200]],
    '/api/samples/:id': [[`/api/samples/${p.sampleId}`, 200]],
    '/api/samples/:id/checklist': [[`/api/samples/${p.sampleId}/checklist`, 200]],
  };
}

describe('a GET never writes', () => {
  it('leaves every table unchanged after every GET route, for each role that may call it', async () => {
    const item = (await (await p.srv.fetch(`/api/items/${enc(ITEM)}`, { cookie: p.cookie.sup })).json()) as { evidence: { kind: string; id: string }[] };
    const table = requests(item.evidence[0]);
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
  });
});
