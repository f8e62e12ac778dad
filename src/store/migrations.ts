// Schema versions. A database made by an older release is brought forward; one made by a newer
// release is refused with a message saying so, rather than misread.
import { contractDdl, systemDdl } from './schema.ts';
import { sampleDdl } from '../report/sample-schema.ts';
import { settingsDdl } from '../analyze/settings-versions.ts';
import { securityDdl, superviseDdl } from '../supervise/schema.ts';
import type { Store } from './store.ts';
import { transaction } from './transaction.ts';

interface Migration { readonly version: number; readonly describe: string; up(store: Store): Promise<void> }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    describe: '合同数据表、导入记录、拒收行、分析运行与预警',
    async up(store) {
      for (const sql of [...contractDdl(), ...systemDdl()]) await store.run(sql);
    },
  },
  {
    version: 2,
    describe: '督办：预警事项、审计日志、用户、会话、附件',
    async up(store) {
      for (const sql of superviseDdl()) await store.run(sql);
    },
  },
  {
    version: 3,
    describe: '事故预测（形势研判）：每次预测的各单位期望值与 80% 区间；通报的可编辑设置',
    async up(store) {
      await store.run(`CREATE TABLE IF NOT EXISTS forecasts (
        forecast_id BIGINT NOT NULL, made_at TIMESTAMP NOT NULL, month VARCHAR NOT NULL, unit_code VARCHAR NOT NULL,
        expected DOUBLE NOT NULL, low BIGINT NOT NULL, high BIGINT NOT NULL, history_from VARCHAR, history_to VARCHAR)`);
      await store.run('CREATE TABLE IF NOT EXISTS bulletin_settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)');
    },
  },
  {
    version: 4,
    describe: '抽查：样本、样本记录、检查结果',
    async up(store) {
      for (const sql of sampleDdl()) await store.run(sql);
    },
  },
  {
    version: 5,
    describe: '安全：须改密码、姓名、按用户名计的登录失败、会话起始时间、安全审计日志',
    async up(store) {
      for (const sql of securityDdl()) await store.run(sql);
    },
  },
  {
    version: 6,
    describe: '规则设置的版本：谁、何时、为何修改；每次分析记下所用的版本',
    async up(store) {
      for (const sql of settingsDdl()) await store.run(sql);
    },
  },
];

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
