// Schema versions. A database made by an older release is brought forward; one made by a newer
// release is refused with a message saying so, rather than misread.
//
// The store's own migration (1) makes the contract tables and the program's records of imports and
// runs. Every other table belongs to a feature, which declares it in its own folder as
// `src/<feature>/migrations/NNN-name.sql`: NNN is the schema version, the first line a `-- ` comment
// saying what it adds. The store reads those files and knows no feature.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractDdl, systemDdl } from './schema.ts';
import type { Store } from './store.ts';
import { transaction } from './transaction.ts';

interface Migration { readonly version: number; readonly describe: string; up(store: Store): Promise<void> }

const SRC = fileURLToPath(new URL('../', import.meta.url));
const FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

/** The features' migration files: src/<feature>/migrations/NNN-name.sql. */
export function featureMigrations(src: string = SRC): Migration[] {
  const out: Migration[] = [];
  for (const feature of readdirSync(src, { withFileTypes: true })) {
    if (!feature.isDirectory()) continue;
    const dir = join(src, feature.name, 'migrations');
    let names: string[];
    try { names = readdirSync(dir); } catch { continue; }
    for (const name of names) {
      const m = FILE.exec(name);
      if (!m) continue;
      const sql = readFileSync(join(dir, name), 'utf8');
      const describe = /^-- (.+)/.exec(sql)?.[1];
      if (!describe) throw new Error(`${feature.name}/migrations/${name}: the first line should say what it adds (-- …)`);
      // DuckDB runs the file's statements one after another in the one call.
      out.push({ version: Number(m[1]), describe, up: (store) => store.run(sql) });
    }
  }
  return out;
}

export function inVersionOrder(list: readonly Migration[]): Migration[] {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].version === sorted[i - 1].version) throw new Error(`two migrations claim schema version ${sorted[i].version}`);
  }
  return sorted;
}

export const MIGRATIONS: readonly Migration[] = inVersionOrder([
  {
    version: 1,
    describe: '合同数据表、导入记录、拒收行、分析运行与预警',
    async up(store) {
      for (const sql of [...contractDdl(), ...systemDdl()]) await store.run(sql);
    },
  },
  ...featureMigrations(),
]);

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class SchemaTooNewError extends Error {}

export async function migrate(store: Store): Promise<number> {
  await store.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)');
  const [{ v }] = await store.all<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  const current = v ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new SchemaTooNewError(
      `数据库 ${store.path} 的结构版本为 ${current}，高于本程序支持的 ${SCHEMA_VERSION}：请使用更新版本的 yanpan 打开它。`,
    );
  }
  // Apply every version not yet recorded, not only those above the highest: versions are claimed by
  // parallel work and may land out of order, and each migration is written to apply on its own.
  const applied = new Set((await store.all<{ version: number }>('SELECT version FROM schema_version')).map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await transaction(store, async () => {
      await m.up(store);
      await store.run('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
    });
  }
  return SCHEMA_VERSION;
}
