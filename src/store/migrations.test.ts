import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './db.ts';
import { featureMigrations, inVersionOrder, MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

describe('schema versions', () => {
  it('records the schema version and reopens an existing database without change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yanpan-mig-'));
    const path = join(dir, 'x.duckdb');
    const a = await openStore(path);
    a.close();
    const b = await openStore(path);
    expect(await b.all('SELECT max(version) AS version, count(*)::INTEGER AS n FROM schema_version')).toEqual([{ version: SCHEMA_VERSION, n: MIGRATIONS.length }]);
    b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a database made by a newer release, saying what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yanpan-mig-'));
    const path = join(dir, 'x.duckdb');
    const a = await openStore(path);
    await a.run('INSERT INTO schema_version (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
    a.close();
    await expect(openStore(path)).rejects.toThrow(/更新版本/);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('the features\' migrations', () => {
  it('are read from src/<feature>/migrations/NNN-name.sql, each saying what it adds, and every table they make exists', async () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(featureMigrations().map((m) => m.version)).toEqual(expect.arrayContaining([2, 3, 4, 5, 6]));
    const store = await openStore(':memory:');
    const tables = (await store.all<{ t: string }>('SELECT table_name AS t FROM information_schema.tables')).map((r) => r.t);
    expect(tables).toEqual(expect.arrayContaining(['items', 'audit', 'users', 'forecasts', 'samples', 'security_log', 'rule_settings']));
    store.close();
  });

  it('refuses a file that does not say what it adds, and two that claim one version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yanpan-mig-'));
    await mkdir(join(dir, 'a', 'migrations'), { recursive: true });
    await mkdir(join(dir, 'b', 'migrations'), { recursive: true });
    await writeFile(join(dir, 'a', 'migrations', '007-x.sql'), '-- x\nCREATE TABLE x (a INT);\n');
    await writeFile(join(dir, 'b', 'migrations', '007-y.sql'), '-- y\nCREATE TABLE y (a INT);\n');
    expect(featureMigrations(dir).map((m) => [m.version, m.describe]).sort()).toEqual([[7, 'x'], [7, 'y']]);
    expect(() => inVersionOrder(featureMigrations(dir))).toThrow(/two migrations claim schema version 7/);
    await writeFile(join(dir, 'b', 'migrations', '007-y.sql'), 'CREATE TABLE y (a INT);\n');
    expect(() => featureMigrations(dir)).toThrow(/first line/);
    await rm(dir, { recursive: true, force: true });
  });
});
