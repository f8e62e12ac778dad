// Backup and restore on real DuckDB files: the copy, the manifest and its anchors, the restore into a new
// data folder, and every way a damaged or partial backup is refused with the file that fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';
import { createItems } from '../../src/supervise/sync.ts';
import { act } from '../../src/supervise/act.ts';
import { formatAnchor, verifyAudit } from '../../src/supervise/audit.ts';
import { describeFiles, manifestText, pruneBackups, readManifestText, takeBackup, type Manifest } from '../../src/deploy/backup.ts';
import { checkBackup, restoreBackup } from '../../src/deploy/restore.ts';
import { nextRun } from '../../src/deploy/schedule.ts';

const BIN = new URL('../../bin/yanpan', import.meta.url).pathname;
let root: string;
let dataDir: string;
let db: string;
let head: string;
let backup: string;
let manifest: Manifest;

async function seed(store: Store): Promise<void> {
  await store.run("INSERT INTO units (unit_code, unit_name, kind) VALUES ('U1', '太谷区大队', '县区大队')");
  const keys = await createItems(store, 'test', [
    { category: 'code-mismatch', subject: { kind: 'violation', id: 'V1' }, unit: 'U1', severity: 'high', title: '违法代码与记分不符' },
    { category: 'code-mismatch', subject: { kind: 'violation', id: 'V2' }, unit: 'U1', severity: 'low', title: '违法代码与记分不符' },
  ], 'test');
  const r = await act(store, { username: 'duban', role: 'supervisor', unit: null }, keys[0], 'dispatch', { deadline_days: 5, note: '请核查' });
  expect(r.ok).toBe(true);
}

const copyOf = async (name: string) => { const d = join(root, name); await cp(backup, d, { recursive: true }); return d; };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'yanpan-backup-'));
  dataDir = join(root, 'data');
  await mkdir(join(dataDir, 'attachments', '1'), { recursive: true });
  await writeFile(join(dataDir, 'attachments', '1', 'photo.png'), 'not really a png');
  db = join(dataDir, 'yanpan.duckdb');
  const store = await openStore(db);
  await seed(store);
  const v = await verifyAudit(store);
  head = v.ok && v.head ? formatAnchor(v.head) : '';
  const r = await takeBackup(store, dataDir, { now: new Date('2026-12-07T02:30:00+08:00') });
  store.close();
  if (!r.ok) throw new Error(r.error);
  backup = r.dir;
  manifest = r.manifest;
}, 30_000);
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

describe('a backup', () => {
  it('is a folder under the data folder\'s backups/ with the database, the attachments and a manifest of every file and the audit chain\'s last entry', async () => {
    expect(backup).toBe(join(dataDir, 'backups', 'yanpan-20261207-023000'));
    expect(manifest.files.map((f) => f.path)).toEqual(['attachments/1/photo.png', 'yanpan.duckdb']);
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.bytes > 0)).toBe(true);
    expect(manifest.audit).toEqual({ audit: head, security: expect.stringMatching(/^1:[0-9a-f]{64}$/) });
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(await describeFiles(backup)).toEqual(manifest.files);
    expect(readManifestText(await readFile(join(backup, 'manifest.json'), 'utf8'))).toEqual(manifest);
    expect(await checkBackup(backup)).toEqual({ ok: true, manifest });
  });

  it('is restored into a new data folder with the same items and an intact audit chain, and the security log records both', async () => {
    const target = join(root, 'restored');
    const r = await restoreBackup(backup, join(target, 'yanpan.duckdb'), target);
    expect(r).toMatchObject({ ok: true, aside: null });
    const store = await openStore(join(target, 'yanpan.duckdb'));
    expect(await store.all('SELECT item_key AS key, status FROM items ORDER BY key')).toEqual([
      { key: 'code-mismatch|violation|V1', status: 'dispatched' }, { key: 'code-mismatch|violation|V2', status: 'pending' }]);
    const v = await verifyAudit(store);
    const log = await store.all('SELECT event, detail FROM security_log ORDER BY seq');
    store.close();
    expect(v.ok && v.head && formatAnchor(v.head)).toBe(head);
    // The security log records the backup (inside it) and then the restore.
    expect(log).toEqual([{ event: 'backup', detail: 'yanpan-20261207-023000' }, { event: 'restore', detail: '从 yanpan-20261207-023000 恢复' }]);
    expect(await readFile(join(target, 'attachments', '1', 'photo.png'), 'utf8')).toBe('not really a png');
  });

  it('restored over existing data moves that data aside first', async () => {
    const target = join(root, 'over');
    await mkdir(join(target, 'attachments'), { recursive: true });
    await writeFile(join(target, 'attachments', 'old.txt'), 'old');
    (await openStore(join(target, 'yanpan.duckdb'))).close();
    const r = await restoreBackup(backup, join(target, 'yanpan.duckdb'), target, { now: new Date('2026-12-08T09:00:00+08:00') });
    expect(r).toMatchObject({ ok: true, aside: join(target, 'replaced-20261208-090000') });
    expect(await readdir(join(target, 'replaced-20261208-090000'))).toEqual(['attachments', 'yanpan.duckdb']);
    expect(existsSync(join(target, 'attachments', 'old.txt'))).toBe(false);
  });
});

describe('a damaged or partial backup is refused, naming the file, and nothing is changed', () => {
  const refusedWith = async (dir: string, file: string, reason: RegExp) => {
    const target = join(root, `target-${Math.random().toString(36).slice(2)}`);
    const r = await restoreBackup(dir, join(target, 'yanpan.duckdb'), target);
    expect(r).toMatchObject({ ok: false, file, error: expect.stringMatching(reason) });
    expect(existsSync(target)).toBe(false);
  };
  const flip = async (path: string, at: number) => {
    const b = await readFile(path);
    b[at] ^= 0x01;
    await writeFile(path, b);
  };

  it('one byte changed in the database', async () => {
    const d = await copyOf('flip-db');
    await flip(join(d, 'yanpan.duckdb'), 5000);
    await refusedWith(d, 'yanpan.duckdb', /SHA-256 与清单不符/);
  });
  it('one byte changed in an attachment, or in the manifest', async () => {
    const d = await copyOf('flip-att');
    await flip(join(d, 'attachments', '1', 'photo.png'), 3);
    await refusedWith(d, 'attachments/1/photo.png', /SHA-256/);
    const m = await copyOf('flip-manifest');
    const text = await readFile(join(m, 'manifest.json'), 'utf8');
    await writeFile(join(m, 'manifest.json'), text.replace(manifest.created_at, manifest.created_at.replace(/.$/, 'Y')));
    await refusedWith(m, 'manifest.json', /被改动/);
  });
  it('a file missing, the manifest missing, a file the manifest does not list', async () => {
    const d = await copyOf('missing');
    await unlink(join(d, 'attachments', '1', 'photo.png'));
    await refusedWith(d, 'attachments/1/photo.png', /缺少文件/);
    const m = await copyOf('no-manifest');
    await unlink(join(m, 'manifest.json'));
    await refusedWith(m, 'manifest.json', /缺少 manifest\.json/);
    const x = await copyOf('extra');
    await appendFile(join(x, 'stray.txt'), 'x');
    await refusedWith(x, 'stray.txt', /未列出/);
  });
  it('a database whose audit log no longer ends at the recorded anchor, even with the file hashes rewritten to match', async () => {
    const d = await copyOf('cut-audit');
    const store = await openStore(join(d, 'yanpan.duckdb'));
    await store.run('DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)');
    await store.run('CHECKPOINT');
    store.close();
    await writeFile(join(d, 'manifest.json'), manifestText({ ...manifest, files: await describeFiles(d) }));
    await refusedWith(d, 'yanpan.duckdb', /锚点/);
  });
});

describe('scheduled backups', () => {
  it('run next at the configured local time (Asia/Shanghai), today or tomorrow', () => {
    expect(nextRun('02:30', new Date('2026-12-07T01:00:00+08:00'))).toEqual(new Date('2026-12-07T02:30:00+08:00'));
    expect(nextRun('02:30', new Date('2026-12-07T02:30:00+08:00'))).toEqual(new Date('2026-12-08T02:30:00+08:00'));
    expect(nextRun('23:59', new Date('2026-12-07T20:00:00Z'))).toEqual(new Date('2026-12-08T23:59:00+08:00'));
  });
  it('keep the newest N scheduled backups and never touch one taken by hand', async () => {
    const dir = join(root, 'prune');
    for (const n of ['auto-20261201-023000', 'auto-20261202-023000', 'auto-20261203-023000', 'yanpan-20261130-120000', 'auto-20261204-023000.partial']) {
      await mkdir(join(dir, n), { recursive: true });
    }
    expect(await pruneBackups(dir, 2)).toEqual(['auto-20261201-023000']);
    expect((await readdir(dir)).sort()).toEqual(['auto-20261202-023000', 'auto-20261203-023000', 'auto-20261204-023000.partial', 'yanpan-20261130-120000']);
  });
});

describe('yanpan backup while the server runs', () => {
  it('asks the server, which holds the database, and prints the backup folder on its last line; restore is refused while it serves', async () => {
    const dir = join(root, 'served');
    await cp(dataDir, dir, { recursive: true, filter: (s) => !s.includes('backups') });
    const child = spawn(BIN, ['serve', '--db', join(dir, 'yanpan.duckdb'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/已启动/);
      const run = (...args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => {
        const c = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = ''; let stderr = '';
        c.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
        c.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
        c.on('exit', (code) => ok({ code, stdout, stderr }));
      });
      const to = join(root, 'elsewhere');
      const r = await run('backup', '--db', join(dir, 'yanpan.duckdb'), '--to', to);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/由运行中的服务器制作/);
      const last = r.stdout.trim().split('\n').at(-1)!;
      expect(last.startsWith(`${to}/yanpan-`)).toBe(true);
      expect(await checkBackup(last)).toMatchObject({ ok: true, manifest: { audit: { audit: head } } });
      expect(out).toMatch(/backup manual ok \d+ms/);
      const refused = await run('restore', last, '--db', join(dir, 'yanpan.duckdb'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/请先停止服务/);
      // The refusal is a failure of kind `unavailable` (it may work once the server stops): the command's exit
      // code 1 comes from that kind, not from its words.
      expect(await restoreBackup(last, join(dir, 'yanpan.duckdb'), dir)).toMatchObject({ ok: false, kind: 'unavailable', file: null });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(existsSync(join(dir, 'yanpan.sock'))).toBe(false);
  }, 60_000);
});
