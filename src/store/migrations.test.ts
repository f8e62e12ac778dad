import { describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './db.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

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
