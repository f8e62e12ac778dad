// Expensive work on demand: at most one analysis-sized request or job per user and two in all at a time,
// beyond that 429 with a Chinese reason; declared on the routes (`expensive`), applied by the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/web/server/routes/index.ts';
import { WorkLimiter } from '../../src/web/server/jobs.ts';
import { DAY, PERIOD, startPopulatedServer, type Populated } from '../support/populated-server.ts';

describe('WorkLimiter', () => {
  it('gives one slot per user and two in all, and each back once', () => {
    const l = new WorkLimiter();
    const a = l.acquire('a');
    expect(a.ok).toBe(true);
    expect(l.acquire('a')).toEqual({ ok: false, kind: 'too-many', error: expect.stringContaining('请等它完成') });
    const b = l.acquire('b');
    expect(b.ok).toBe(true);
    expect(l.acquire('c')).toEqual({ ok: false, kind: 'too-many', error: expect.stringContaining('服务器正忙') });
    if (a.ok) { a.release(); a.release(); }
    expect(l.inUse()).toBe(1);
    expect(l.acquire('c').ok).toBe(true);
  });
});

let p: Populated;
beforeAll(async () => { p = await startPopulatedServer(); }, 120_000);
afterAll(async () => { await p?.srv.close(); });

describe('expensive routes over HTTP', () => {
  it('are the analysis-sized ones, by declaration', () => {
    const expensive = ROUTES.filter((r) => r.expensive).map((r) => `${r.method} ${r.path}`);
    expect(expensive).toEqual(expect.arrayContaining(['GET /api/risk', 'GET /api/daily', 'GET /api/bulletin', 'POST /api/runs', 'POST /api/imports', 'POST /api/samples', 'POST /api/samples/import']));
    expect(expensive).not.toContain('GET /api/items');
  });

  it('answer 429 with a reason to a user who already has one running, and when two run in all', async () => {
    const { limiter } = p.srv.server.ctx;
    const daily = (cookie: string) => p.srv.fetch(`/api/daily?date=${DAY}`, { cookie });
    const held = limiter.acquire('sup');
    if (!held.ok) throw new Error(held.error);
    const mine = await daily(p.cookie.sup);
    expect(mine.status).toBe(429);
    expect(mine.headers.get('retry-after')).toBe('5');
    expect(((await mine.json()) as { error: string }).error).toMatch(/请等它完成后再试/);
    // Another user still gets through, and a cheap route is never limited.
    expect((await daily(p.cookie.b1)).status).toBe(200);
    expect((await p.srv.fetch('/api/items', { cookie: p.cookie.sup })).status).toBe(200);
    const other = limiter.acquire('someone');
    expect(other.ok).toBe(true);
    const busy = await daily(p.cookie.b1);
    expect(busy.status).toBe(429);
    expect(((await busy.json()) as { error: string }).error).toMatch(/服务器正忙/);
    held.release();
    if (other.ok) other.release();
    expect((await daily(p.cookie.sup)).status).toBe(200);
    expect(limiter.inUse()).toBe(0);
  });

  it('lets one of a user\'s concurrent bulletins run and refuses the others, then frees the slot', async () => {
    const url = '/api/bulletin?month=2021-06&as_of=2021-07-10';
    const answers = await Promise.all(Array.from({ length: 3 }, () => p.srv.fetch(url, { cookie: p.cookie.sup })));
    const statuses = answers.map((r) => r.status).sort();
    await Promise.all(answers.map((r) => r.arrayBuffer()));
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(p.srv.server.ctx.limiter.inUse()).toBe(0);
  });

  it('keeps an analysis\'s slot until its job ends', async () => {
    const { limiter, jobs } = p.srv.server.ctx;
    const r = await p.srv.fetch('/api/runs', { json: PERIOD, cookie: p.cookie.sup });
    expect(r.status).toBe(202);
    expect(limiter.inUse()).toBe(jobs.running() ? 1 : 0);
    await jobs.idle();
    await expect.poll(() => limiter.inUse()).toBe(0);
  });
});
