// `npm run bench -- --api [--items N] [--load-seconds S] [--users U]`: the supervision API under size and load.
//
// 1. A database with N items (default 100,000) over the detachment's units: a stored run of N warnings
//    fed to the loop by syncRun (timed), plus log-ins for 50 users.
// 2. `yanpan serve` in its own process on 127.0.0.1 (random port).
// 3. GET /api/items, filtered and paged, many times over a mix of filters: p50/p95 (target p95 < 100 ms).
// 4. Load: U simulated users (default 50) for S seconds (default 60, bounded) listing, reading and acting,
//    many on a small set of the same items; then checks: no 5xx, every accepted action in the audit exactly
//    once, the audit chain whole; and pairs of conflicting actions sent at once give one 200 and one 409.
//    During the load, bursts of wrong passwords sent at once: twelve from three addresses lock an account;
//    twelve from one address trip the per-address limit (429) first, and that account still logs in elsewhere.
//    And every user asks for three expensive reports at once: at most one per user and two in all run, the
//    rest are answered 429, none 5xx.
// 5. Every console page's requests (总览, 预警核查 list with filters, an item with its basis and neighbours, 地图,
//    风险画像 and an officer, 今日调度, 抽查, 规则成效, 我的待办, 数据截至), each --page-requests times by one supervisor:
//    the first request's time and p95 per request (target p95 < 1 s). The periods are those the pages open on (the
//    data's, from 数据截至). `--pages-db DB` measures them over a copy of an existing database (an imported and
//    analysed city-year, say: `npm run bench -- --scale 1 --keep` leaves one) instead of the seeded one, and skips
//    steps 3–4; the copy first gets what a served city-year holds after the server's import and analysis jobs: every
//    stored run synced into items, then items over the year's own tickets up to --items (fillItems), so the page step
//    sees both the records and the items; and the 风险画像 of the period its page opens on, kept (prepareDefaultRisk).
//    Its result goes to bench/results/local/ (`--cite NAME`: bench/results/NAME.json; `--scale S` records the scale).
// Only 127.0.0.1 is ever contacted.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '../src/store/db.ts';
import { syncRun } from '../src/supervise/sync.ts';
import { CATEGORIES } from '../src/rules/types.ts';
import { dataThrough } from '../src/queries/data-through.ts';
import { defaultRiskPeriod } from '../src/report/risk-period.ts';
import { prepareDefaultRisk } from '../src/report/risk.ts';
import { today as todayIn, systemClock } from '../src/time/index.ts';
import { addUser } from '../src/supervise/users.ts';
import { verifyAudit } from '../src/supervise/audit.ts';
import { rawRequest } from '../test/support/from-address.ts';
import { recordCited, resultPath, sourceState } from './results.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
const PASSWORD = 'Bench-password1';
const UNITS = Array.from({ length: 11 }, (_, i) => `1407000${String(i + 1).padStart(2, '0')}00`);
const CATS = ['point-trading', 'case-shelving', 'favor-voiding', 'bodycam-missing', 'device-volume', 'code-mismatch', 'blackspot', 'opinion-quota'];
const TARGET_P95_MS = 100;
const PAGE_TARGET_P95_MS = 1000;

export interface ApiArgs {
  items: number; loadSeconds: number; users: number; listRequests: number; pageRequests: number; pagesDb: string | null;
  /** With --pages-db: the bench scale the database was made at (recorded in the result), and a name to cite the run by. */
  scale: number | null; cite: string | null;
}

const log = (s: string): void => { process.stderr.write(s + '\n'); };
const pct = (xs: number[], p: number): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** A database holding `n` items from one stored run, and the bench's users. */
async function seed(db: string, n: number, users: number): Promise<{ syncMs: number }> {
  const store = await openStore(db);
  try {
    await store.run(`INSERT INTO units SELECT * FROM (VALUES ${UNITS.map((u, i) => `('${u}', '第${i + 1}大队', '县区大队', NULL)`).join(', ')}) t`);
    await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of, args, settings, counts, skipped)
      VALUES (1, now()::TIMESTAMP, DATE '2021-01-01', DATE '2021-12-31', DATE '2022-01-10', '{}', '{}', '{}', '[]')`);
    // Spread like real warnings: categories, units, severities, scores; ids that q can find.
    await store.run(`INSERT INTO warnings
      SELECT 1, cat || '|' || kind || '|' || id, cat, kind, id, unit, sev, score, cat || '-rule', '预警 ' || id || ' 待核查', '[{"kind":"violation","id":"V' || i || '"}]', ''
      FROM (SELECT i, ${sqlList(CATS)}[1 + i % ${CATS.length}] AS cat, 'violation' AS kind, 'V' || lpad(i::VARCHAR, 9, '0') AS id,
                   ${sqlList(UNITS)}[1 + (i * 7) % ${UNITS.length}] AS unit,
                   ['high', 'medium', 'low'][1 + (i * 13) % 3] AS sev, ((i * 37) % 100) / 100.0 AS score
            FROM range(${n}) r(i))`);
    const t0 = performance.now();
    await syncRun(store, 1);
    const syncMs = performance.now() - t0;
    for (const victim of ['victim1', 'victim2']) {
      const r = await addUser(store, victim, 'supervisor', null, PASSWORD, 'bench');
      if (!r.ok) throw new Error(r.error);
    }
    for (let u = 0; u < users; u++) {
      const role = u % 5 === 0 ? 'supervisor' : 'brigade';
      const r = await addUser(store, `u${u}`, role, role === 'brigade' ? UNITS[u % UNITS.length] : null, PASSWORD, 'bench');
      if (!r.ok) throw new Error(r.error);
    }
    return { syncMs };
  } finally {
    store.close();
  }
}
const sqlList = (xs: readonly string[]): string => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

export interface Filled { runsSynced: number; syncMs: number; fromRuns: number; filler: number; fillerSyncMs: number; items: number }

/**
 * The items a served city-year holds, on an imported and analysed database: every stored run synced into items
 * (as the console's analysis does), then, up to `n` items, one more run of warnings over the data's own tickets
 * (a category each in turn, the ticket's handling unit), so the items' evidence resolves to real records. The
 * extra run skips every category, so it flags nothing as resolved, and it is kept apart from the risk periods.
 */
export async function fillItems(store: Store, n: number): Promise<Filled> {
  const runs = await store.all<{ run_id: number }>('SELECT run_id FROM runs ORDER BY run_id');
  const t0 = performance.now();
  for (const r of runs) await syncRun(store, Number(r.run_id));
  const syncMs = performance.now() - t0;
  const count = async () => Number((await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM items'))[0].n);
  const fromRuns = await count();
  const need = n - fromRuns;
  let fillerSyncMs = 0;
  if (need > 0) {
    const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(run_id), 0)::INTEGER + 1 AS id FROM runs');
    const skipped = JSON.stringify(CATEGORIES.map((category) => ({ category, missing: [] })));
    await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of, args, settings, counts, skipped)
      SELECT $id, now()::TIMESTAMP, min(occurred_at)::DATE, max(occurred_at)::DATE, DATE '1999-12-31', '{"bench":"filler"}', '{}', '{}', $skipped
      FROM violations`, { id, skipped });
    const [{ fallback }] = await store.all<{ fallback: string }>('SELECT coalesce(min(unit_code), \'U\') AS fallback FROM units');
    await store.run(`INSERT INTO warnings
      SELECT $id, cat || '|violation|' || violation_id, cat, 'violation', violation_id, unit, sev, score, cat || '-rule',
        '预警 ' || violation_id || ' 待核查', '[{"kind":"violation","id":' || to_json(violation_id) || '}]', ''
      FROM (SELECT v.violation_id, coalesce(NULLIF(trim(v.handling_unit), ''), $fallback) AS unit,
              ${sqlList(CATS)}[1 + (row_number() OVER (ORDER BY v.violation_id)) % ${CATS.length}] AS cat,
              ['high', 'medium', 'low'][1 + (hash(v.violation_id) % 3)::INTEGER] AS sev, (hash(v.violation_id) % 100)::INTEGER / 100.0 AS score
            FROM violations v) w
      WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.item_key = w.cat || '|violation|' || w.violation_id)
      ORDER BY hash(violation_id) LIMIT ${need}`, { id, fallback });
    const t1 = performance.now();
    await syncRun(store, id);
    fillerSyncMs = performance.now() - t1;
  }
  const items = await count();
  return { runsSynced: runs.length, syncMs, fromRuns, filler: items - fromRuns, fillerSyncMs, items };
}

/** `yanpan serve` on a random port; resolves with its address. */
async function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // The address is printed once when the port is bound (503 until the database is open), then again when it serves.
      const m = /研判控制台已启动：(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
  return { url, child };
}

interface Session { name: string; role: string; unit: string | null; cookie: string }

async function login(url: string, name: string): Promise<Session> {
  const r = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: name, password: PASSWORD }) });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status}`);
  const me = (await r.json()) as { role: string; unit: string | null };
  return { name, role: me.role, unit: me.unit, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] };
}

interface Sample { kind: string; ms: number; status: number }

async function timed(samples: Sample[], kind: string, url: string, s: Session, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const t0 = performance.now();
  const r = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: s.cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as unknown;
  samples.push({ kind, ms: performance.now() - t0, status: r.status });
  return { status: r.status, json };
}

const LIST_QUERIES = (unit: string) => [
  `/api/items?unit=${unit}&status=pending&size=20&page=3`,
  `/api/items?category=device-volume&severity=high&size=50`,
  `/api/items?overdue=true&size=20`,
  `/api/items?q=V00004&size=20`,
  `/api/items?unit=${unit}&sort=score&order=desc&size=20&page=10`,
  `/api/items?status=pending,dispatched&size=20&page=100`,
];

async function listLatency(url: string, sup: Session, requests: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < requests; i++) {
    const qs = LIST_QUERIES(UNITS[i % UNITS.length]);
    await timed(samples, 'list', url, sup, qs[i % qs.length]);
  }
  return samples;
}

interface Accepted { key: string; action: string; user: string }

/** The next action this user may take on an item in this status (the test's own copy of the §4 table). */
function nextAction(role: string, status: string): Record<string, unknown> | null {
  const sup = role !== 'brigade';
  if (sup && status === 'pending') return { action: 'dispatch', deadline_days: 5 };
  if (sup && status === 'review') return Math.random() < 0.3 ? { action: 'return', reason: '请补充材料' } : { action: 'approve' };
  if (!sup && status === 'dispatched') return { action: 'receive' };
  if (!sup && status === 'verifying') return { action: 'verify', finding: '属实', note: '经核查属实' };
  if (!sup && status === 'rectifying') return { action: 'submit', measures: '已整改' };
  return null;
}

async function load(url: string, sessions: Session[], seconds: number): Promise<{ samples: Sample[]; accepted: Accepted[]; refused: number }> {
  const samples: Sample[] = [];
  const accepted: Accepted[] = [];
  let refused = 0;
  const until = performance.now() + seconds * 1000;
  // A small hot set per unit: the first items of each unit's list, acted on by everyone of that unit at once.
  const hot = new Map<string, string[]>();
  for (const u of UNITS) {
    const r = await timed([], 'list', url, sessions.find((s) => s.role === 'supervisor')!, `/api/items?unit=${u}&sort=score&order=desc&size=8`);
    hot.set(u, (r.json as { items: { key: string }[] }).items.map((i) => i.key));
  }
  const allHot = [...hot.values()].flat();
  const worker = async (s: Session) => {
    let n = 0;
    while (performance.now() < until) {
      n++;
      const unit = s.unit ?? UNITS[n % UNITS.length];
      const keys = s.unit ? hot.get(s.unit)! : allHot;
      const qs = LIST_QUERIES(unit);
      await timed(samples, 'list', url, s, s.unit ? qs[n % qs.length].replace(/unit=[^&]+&?/, '') : qs[n % qs.length]);
      const key = keys[Math.floor(Math.random() * keys.length)];
      const got = await timed(samples, 'read', url, s, `/api/items/${encodeURIComponent(key)}`);
      if (got.status !== 200) continue;
      const item = got.json as { status: string };
      const body = nextAction(s.role, item.status);
      if (!body) continue;
      const r = await timed(samples, 'act', url, s, `/api/items/${encodeURIComponent(key)}/actions`, body);
      if (r.status === 200) accepted.push({ key, action: String(body.action), user: s.name });
      else if (r.status === 409) refused++;
    }
  };
  await Promise.all(sessions.map(worker));
  return { samples, accepted, refused };
}

interface Bursts { lockedByBurst: boolean; oneAddress: number[]; stillLogsIn: boolean; fiveXX: number }

/**
 * Wrong passwords sent at once, as a guesser would: twelve from three addresses at one account (it must
 * lock: the right password then fails too), and twelve from one address at another (the address limit must
 * answer 429 before the account locks, so that account still logs in from another address).
 */
async function bursts(url: string): Promise<Bursts> {
  const guess = (name: string, from: string, password = 'Wrong-guess-1') =>
    rawRequest(`${url}/api/login`, { json: { username: name, password }, localAddress: from, headers: { origin: url } });
  const spread = await Promise.all(Array.from({ length: 12 }, (_, i) => guess('victim1', `127.0.0.${2 + (i % 3)}`)));
  const after = await guess('victim1', '127.0.0.5', PASSWORD);
  const one = await Promise.all(Array.from({ length: 12 }, () => guess('victim2', '127.0.0.6')));
  const elsewhere = await guess('victim2', '127.0.0.7', PASSWORD);
  const all = [...spread, after, ...one, elsewhere];
  return {
    lockedByBurst: after.status === 401 && /锁定/.test(after.body),
    oneAddress: one.map((r) => r.status).sort(),
    stillLogsIn: elsewhere.status === 200,
    fiveXX: all.filter((r) => r.status >= 500).length,
  };
}

interface Expensive { statuses: number[]; fiveXX: number }

/**
 * Expensive reports asked for at once by every user, three each (a risk profile and a day's report over the
 * seeded data): the server runs at most one per user and two in all, and answers the rest 429 with a reason —
 * never a 5xx, never a queue that starves the list.
 */
async function expensiveBurst(url: string, sessions: readonly Session[]): Promise<Expensive> {
  const paths = ['/api/risk?from=2021-01-01&to=2021-06-30&as_of=2021-07-11', '/api/daily?date=2021-06-15', '/api/risk?from=2021-04-01&to=2021-06-30&as_of=2021-07-11'];
  const all = await Promise.all(sessions.flatMap((s) => paths.map(async (p) => {
    const r = await fetch(`${url}${p}`, { headers: { cookie: s.cookie } });
    await r.arrayBuffer();
    return r.status;
  })));
  return { statuses: all, fiveXX: all.filter((x) => x >= 500).length };
}

/** Pairs of the same action sent at once on fresh items: exactly one of each pair may win. */
async function conflicts(url: string, a: Session, b: Session, pairs: number): Promise<{ ok: number; bad: string[]; accepted: Accepted[] }> {
  const r = await fetch(`${url}/api/items?status=pending&sort=score&order=asc&size=${pairs}`, { headers: { cookie: a.cookie } });
  const keys = ((await r.json()) as { items: { key: string }[] }).items.map((i) => i.key);
  let ok = 0;
  const bad: string[] = [];
  const accepted: Accepted[] = [];
  for (const key of keys) {
    const path = `${url}/api/items/${encodeURIComponent(key)}/actions`;
    const send = (s: Session) => fetch(path, { method: 'POST', headers: { cookie: s.cookie, origin: url, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'dispatch' }) });
    const [x, y] = await Promise.all([send(a), send(b)]);
    const st = [x.status, y.status].sort().join('+');
    if (st === '200+409') {
      ok++;
      accepted.push({ key, action: 'dispatch', user: x.status === 200 ? a.name : b.name });
    } else bad.push(`${key}: ${st}`);
  }
  return { ok, bad, accepted };
}

const addDay = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const firstOfMonth = (d: string): string => `${d.slice(0, 7)}-01`;

/** The console's requests, page by page, over what the database holds: the latest run's period, its items, an officer. */
async function pageRequests(url: string, sup: Session): Promise<[string, string][]> {
  const get = async <T>(path: string): Promise<T> => (await (await fetch(url + path, { headers: { cookie: sup.cookie } })).json()) as T;
  const meta = await get<{ data_through: string | null }>('/api/meta');
  // The period the pages open on: the data's (the console's own defaults, web/client/data-period.ts), not the calendar's.
  const { from, to, asOf } = defaultRiskPeriod(meta.data_through, todayIn(systemClock));
  const period = `from=${from}&to=${to}`;
  const risk = `${period}&as_of=${asOf}`;
  const list = await get<{ items: { key: string; unit: string; category: string }[] }>('/api/items?sort=score&order=desc&size=20');
  const item = list.items[0];
  const detail = item ? await get<{ evidence?: { kind: string; id: string }[] }>(`/api/items/${encodeURIComponent(item.key)}`) : null;
  const ev = detail?.evidence?.[0];
  const day = meta.data_through ?? to;
  const out: [string, string][] = [
    ['数据截至 meta', '/api/meta'],
    ['我的待办 todo', '/api/todo'],
    ['总览 overview', '/api/overview'],
    ['总览 overview, period', `/api/overview?${period}`],
    ['总览 accidents', '/api/overview/accidents'],
    ['预警核查 list', '/api/items?size=20'],
    ['预警核查 list, filtered', `/api/items?status=pending,dispatched&severity=high${item ? `&unit=${item.unit}&category=${item.category}` : ''}&size=20`],
    ['预警核查 list, search', '/api/items?q=V00004&size=20'],
    ['预警核查 list, period', `/api/items?${period}&size=20`],
    ['地图 map', '/api/map/points'],
    ['风险画像 risk', `/api/risk?${risk}`],
    // Another period than the one the page opens on: computed on demand, then kept while the data are unchanged.
    ['风险画像 risk, other period', `/api/risk?from=${firstOfMonth(addDay(from, -1))}&to=${addDay(from, -1)}&as_of=${asOf}`],
    ['今日调度 daily', `/api/daily?date=${day}`],
    ['抽查 samples', '/api/samples'],
    ['规则成效 rule effectiveness', `/api/rule-effectiveness?${period}`],
    ['会话 session', '/api/session'],
    ['单位 units', '/api/units'],
    ['数据 import history', '/api/import-history'],
    ['数据 runs', '/api/runs'],
    ['规则设置 rule settings', '/api/rule-settings'],
    ['月度通报 bulletin settings', '/api/bulletin/settings'],
  ];
  if (item) {
    const k = encodeURIComponent(item.key);
    out.push(['item', `/api/items/${k}`], ['item audit', `/api/items/${k}/audit`], ['item basis', `/api/items/${k}/basis`]);
    if (ev) out.push(['item neighbours', `/api/items/${k}/neighbours?kind=${encodeURIComponent(ev.kind)}&id=${encodeURIComponent(ev.id)}`]);
  }
  return out;
}

/** The officer page of the highest-ranked officer of the period the risk request asked for (after it was measured). */
async function officerRequest(url: string, sup: Session, riskPath: string): Promise<[string, string] | null> {
  const ranked = (await (await fetch(url + riskPath, { headers: { cookie: sup.cookie } })).json()) as { officers?: { officer_id: string; score: number }[] };
  const officer = ranked.officers?.find((o) => o.score > 0) ?? ranked.officers?.[0];
  const q = riskPath.split('?')[1];
  return officer ? ['风险画像 officer', `/api/risk/officers/${encodeURIComponent(officer.officer_id)}?${q}`] : null;
}

/**
 * Each request `times` times, one after another; the first is reported apart (what a user opening the page waits).
 * With `admin`, also the administrator's pages (用户, 安全日志), as that user.
 */
async function pageLatency(url: string, sup: Session, times: number, admin?: Session): Promise<{ name: string; path: string; first: number; p95: number; errors: number }[]> {
  const requests = await pageRequests(url, sup);
  const asAdmin = new Set(admin ? ['/api/users', '/api/security-log'] : []);
  requests.push(...[...asAdmin].map((p): [string, string] => [p === '/api/users' ? '用户 users' : '安全日志 security log', p]));
  const out = [];
  let officerAdded = false;
  // The risk list first is measured cold (nothing asked it before); the officer page is found from it afterwards.
  for (let n = 0; n < requests.length; n++) {
    const [name, path] = requests[n];
    if (n === requests.length - 1 && !officerAdded) {
      officerAdded = true;
      const riskPath = requests.find(([x]) => x.startsWith('风险画像'))?.[1];
      const officer = riskPath ? await officerRequest(url, sup, riskPath) : null;
      if (officer) requests.push(officer);
    }
    const samples: Sample[] = [];
    for (let i = 0; i < times; i++) await timed(samples, name, url, asAdmin.has(path) && admin ? admin : sup, path);
    const ms = samples.map((x) => x.ms);
    out.push({ name, path, first: ms[0], p95: pct(ms, 95), errors: samples.filter((x) => x.status !== 200).length });
  }
  return out;
}

function pagesReport(rows: Awaited<ReturnType<typeof pageLatency>>, times: number, loadBefore: string): string[] {
  const worst = Math.max(...rows.map((r) => r.p95));
  return [
    '',
    `console requests, ${times} each, one supervisor (first request, p95); load average before ${loadBefore}, after ${loadavg().map((x) => x.toFixed(2)).join(' ')}:`,
    ...rows.map((r) => `  ${r.p95 < PAGE_TARGET_P95_MS ? 'ok  ' : 'SLOW'} ${r.name.padEnd(30)} first ${r.first.toFixed(0).padStart(6)} ms  p95 ${r.p95.toFixed(0).padStart(6)} ms${r.errors ? `  errors ${r.errors}` : ''}  ${r.path}`),
    `${worst < PAGE_TARGET_P95_MS ? 'MET   ' : 'MISSED'} every console request p95 < ${PAGE_TARGET_P95_MS} ms (worst ${worst.toFixed(0)} ms)`,
  ];
}

/** Step 5 alone over a copy of an existing database: its first supervisor-capable user is added as `bench-pages`. */
async function pagesOnly(a: ApiArgs & { pagesDb: string }): Promise<void> {
  if (!existsSync(a.pagesDb)) throw new Error(`--pages-db: no such file ${a.pagesDb}`);
  // What is measured: taken before the run, so a change made meanwhile is not credited to it.
  const source = sourceState(ROOT);
  const work = mkdtempSync(join(tmpdir(), 'yanpan-bench-pages-'));
  const db = join(work, 'yanpan.duckdb');
  let filled: Filled | null = null;
  let child: ChildProcess | null = null;
  try {
    copyFileSync(a.pagesDb, db);
    if (existsSync(`${a.pagesDb}.wal`)) copyFileSync(`${a.pagesDb}.wal`, `${db}.wal`);
    const store = await openStore(db);
    let r;
    try {
      const f = filled = await fillItems(store, a.items);
      log(`  items: ${f.fromRuns.toLocaleString()} from ${f.runsSynced} stored runs (sync ${(f.syncMs / 1000).toFixed(1)} s) + ${f.filler.toLocaleString()} over the data's tickets (sync ${(f.fillerSyncMs / 1000).toFixed(1)} s) = ${f.items.toLocaleString()}`);
      const through = await dataThrough(store, todayIn(systemClock));
      log(`  数据截至 ${through ?? '—'}; the risk page opens on ${JSON.stringify(defaultRiskPeriod(through, todayIn(systemClock)))}`);
      // What the server's import and analysis jobs do last (routes/data.ts): keep that period's profile.
      const t0 = performance.now();
      const kept = await prepareDefaultRisk(store);
      log(`  its profile ${kept?.made ? 'made and kept' : 'was kept already'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      r = await addUser(store, 'bench-pages', 'supervisor', null, PASSWORD, 'bench');
      if (r.ok) r = await addUser(store, 'bench-admin', 'admin', null, PASSWORD, 'bench');
    } finally {
      store.close();
    }
    if (!r.ok) throw new Error(r.error);
    const server = await serve(db);
    child = server.child;
    const sup = await login(server.url, 'bench-pages');
    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    const rows = await pageLatency(server.url, sup, a.pageRequests, await login(server.url, 'bench-admin'));
    process.stdout.write(pagesReport(rows, a.pageRequests, loadBefore).join('\n') + '\n');
    // The result: bench/results/local/ by default, bench/results/NAME.json with --cite NAME (results.ts).
    const when = new Date().toISOString();
    const file = resultPath(ROOT, { cite: a.cite, date: when.slice(0, 10), scale: a.scale ?? 0 }).replace(/\.json$/, a.cite === null ? '-pages.json' : '.json');
    mkdirSync(dirname(file), { recursive: true });
    const worst = Math.max(...rows.map((r) => r.p95));
    writeFileSync(file, JSON.stringify({
      date: when, ...source, kind: 'console pages', scale: a.scale, database: basename(a.pagesDb), items: filled, pageRequests: a.pageRequests,
      loadBefore, loadAfter: loadavg().map((x) => x.toFixed(2)).join(' '), cores: availableParallelism(), targetP95Ms: PAGE_TARGET_P95_MS, worstP95Ms: worst,
      requests: rows,
    }, null, 1) + '\n');
    log(`results written to ${file}`);
    if (a.cite !== null) {
      const commit = source.commit === null ? 'no-commit' : `${source.commit.slice(0, 12)}${source.clean ? '' : '+dirty'}`;
      recordCited(ROOT, `${a.cite}.json\t${when}\t${commit}\tscale ${a.scale ?? '?'}\tconsole pages worst p95 ${worst.toFixed(0)} ms\n`);
    }
  } finally {
    if (child) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

export async function apiBench(a: ApiArgs): Promise<void> {
  if (a.pagesDb) return pagesOnly({ ...a, pagesDb: a.pagesDb });
  const work = mkdtempSync(join(tmpdir(), 'yanpan-bench-api-'));
  const db = join(work, 'yanpan.duckdb');
  let child: ChildProcess | null = null;
  try {
    log(`supervision API benchmark: ${a.items.toLocaleString()} items, ${a.users} users, load ${a.loadSeconds} s`);
    const { syncMs } = await seed(db, a.items, a.users);
    log(`  seeded: syncRun of ${a.items.toLocaleString()} warnings into items took ${(syncMs / 1000).toFixed(1)} s`);
    const server = await serve(db);
    child = server.child;
    const url = server.url;
    const sessions = await Promise.all(Array.from({ length: a.users }, (_, u) => login(url, `u${u}`)));
    const sup = sessions.find((s) => s.role === 'supervisor')!;
    await listLatency(url, sup, 20); // warm-up
    const list = await listLatency(url, sup, a.listRequests);
    const listMs = list.map((x) => x.ms);
    const listErrors = list.filter((x) => x.status !== 200).length;
    const pagesLoad = loadavg().map((x) => x.toFixed(2)).join(' ');
    const pages = await pageLatency(url, sup, a.pageRequests);

    const [loadRun, burst, costly] = await Promise.all([load(url, sessions, a.loadSeconds), bursts(url), expensiveBurst(url, sessions)]);
    const costlyOk = costly.fiveXX === 0 && costly.statuses.includes(429) && costly.statuses.some((x) => x === 200);
    const burstOk = burst.lockedByBurst && burst.stillLogsIn && burst.fiveXX === 0 && burst.oneAddress.includes(429) && burst.oneAddress.filter((x) => x === 401).length <= 5;
    const sups = sessions.filter((s) => s.role === 'supervisor');
    const pair = await conflicts(url, sups[0], sups[1] ?? sups[0], 20);
    const accepted = [...loadRun.accepted, ...pair.accepted];
    const fiveXX = [...list, ...loadRun.samples].filter((x) => x.status >= 500).length;
    const unexpected = loadRun.samples.filter((x) => ![200, 409].includes(x.status)).length;

    child.kill('SIGTERM');
    await new Promise((ok) => child!.once('exit', ok));
    child = null;
    // Every accepted action is in the audit exactly once: compare the multisets of (key, action, user).
    const store = await openStore(db);
    const rows = await store.all<{ item_key: string; action: string; username: string; n: number }>(
      `SELECT item_key, action, username, count(*)::INTEGER AS n FROM audit
       WHERE action IN ('dispatch', 'receive', 'verify', 'submit', 'approve', 'return') GROUP BY ALL`);
    const chain = await verifyAudit(store);
    store.close();
    const want = new Map<string, number>();
    for (const x of accepted) want.set(`${x.key}\u0000${x.action}\u0000${x.user}`, (want.get(`${x.key}\u0000${x.action}\u0000${x.user}`) ?? 0) + 1);
    const have = new Map(rows.map((r) => [`${r.item_key}\u0000${r.action}\u0000${r.username}`, r.n]));
    const mismatched = [...new Set([...want.keys(), ...have.keys()])].filter((k) => want.get(k) !== have.get(k)).length;

    const by = (k: string) => loadRun.samples.filter((x) => x.kind === k).map((x) => x.ms);
    const all = loadRun.samples.map((x) => x.ms);
    const out = [
      '',
      `GET /api/items, ${a.items.toLocaleString()} items, filtered and paged (${a.listRequests} requests, one client):`,
      `  p50 ${pct(listMs, 50).toFixed(1)} ms, p95 ${pct(listMs, 95).toFixed(1)} ms, max ${Math.max(...listMs).toFixed(1)} ms, errors ${listErrors}`,
      `${pct(listMs, 95) < TARGET_P95_MS ? 'MET   ' : 'MISSED'} GET /api/items p95: ${pct(listMs, 95).toFixed(1)} ms (target < ${TARGET_P95_MS} ms)`,
      '',
      `load: ${a.users} users for ${a.loadSeconds} s: ${loadRun.samples.length} requests (${(loadRun.samples.length / a.loadSeconds).toFixed(0)}/s)`,
      `  p95 all ${pct(all, 95).toFixed(1)} ms; list ${pct(by('list'), 95).toFixed(1)} ms, read ${pct(by('read'), 95).toFixed(1)} ms, act ${pct(by('act'), 95).toFixed(1)} ms`,
      `  actions accepted ${loadRun.accepted.length}, refused as stale (409) ${loadRun.refused}; 5xx ${fiveXX}; other unexpected statuses ${unexpected}`,
      `  conflicting pairs sent at once: ${pair.ok}/${pair.ok + pair.bad.length} gave one 200 and one 409${pair.bad.length ? ` (not: ${pair.bad.slice(0, 3).join('; ')})` : ''}`,
      `  audit: ${mismatched === 0 ? 'every accepted action exactly once' : `${mismatched} (item, action, user) groups differ`}; chain ${chain.ok ? 'whole' : `broken at ${chain.seq}`}`,
      `${fiveXX === 0 && unexpected === 0 && mismatched === 0 && chain.ok && pair.bad.length === 0 ? 'MET   ' : 'MISSED'} load: no 5xx, no lost or doubled action, conflicts 200+409`,
      `  wrong-password bursts during the load: 12 at once from 3 addresses ${burst.lockedByBurst ? 'locked the account' : 'did NOT lock the account'}; `
        + `12 at once from one address → ${burst.oneAddress.filter((x) => x === 401).length}×401, ${burst.oneAddress.filter((x) => x === 429).length}×429; `
        + `that account ${burst.stillLogsIn ? 'still logs in from another address' : 'was locked out'}; 5xx ${burst.fiveXX}`,
      `${burstOk ? 'MET   ' : 'MISSED'} log-in bursts: the account locks, the per-address limit trips first, no 5xx`,
      `  expensive reports during the load: ${costly.statuses.length} asked at once by ${sessions.length} users → `
        + `${costly.statuses.filter((x) => x === 200).length}×200, ${costly.statuses.filter((x) => x === 429).length}×429, 5xx ${costly.fiveXX}`,
      `${costlyOk ? 'MET   ' : 'MISSED'} expensive work: limited (429 beyond one per user and two in all), no 5xx`,
      ...pagesReport(pages, a.pageRequests, pagesLoad),
      `errors: ${fiveXX + unexpected + listErrors + burst.fiveXX + costly.fiveXX + pages.reduce((n, r) => n + r.errors, 0)}`,
    ];
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    if (child) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

export function parseApiArgs(argv: string[]): ApiArgs {
  const a: ApiArgs = { items: 100_000, loadSeconds: 60, users: 50, listRequests: 300, pageRequests: 20, pagesDb: null, scale: null, cite: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => Number(argv[++i]);
    if (k === '--items') a.items = v();
    else if (k === '--load-seconds') a.loadSeconds = Math.min(60, v());
    else if (k === '--users') a.users = v();
    else if (k === '--list-requests') a.listRequests = v();
    else if (k === '--page-requests') a.pageRequests = v();
    else if (k === '--pages-db') a.pagesDb = argv[++i] ?? null;
    else if (k === '--scale') a.scale = v();
    else if (k === '--cite') a.cite = argv[++i] ?? null;
  }
  if (!(a.items > 0 && a.users >= 2 && a.loadSeconds > 0 && a.listRequests > 0 && a.pageRequests > 0)) throw new Error('--items, --users (≥ 2), --load-seconds, --list-requests and --page-requests must be positive');
  return a;
}
