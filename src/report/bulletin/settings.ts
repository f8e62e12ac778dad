// The editable parts of the bulletin (kept in bulletin_settings, name → value): the issuing body's
// name and the text of 七、下一步工作要求. An administrator changes them from the command line
// (`yanpan report settings`) or the console; the rest of the bulletin is computed.
import type { Store } from '../../store/db.ts';
import { tableExists } from './queries.ts';
import { failure, type Failure } from '../../contract/failure.ts';

export interface BulletinSettings {
  /** 发文机关; empty = the detachment's name taken from the units table. */
  issuer: string;
  /** 七、下一步工作要求: one paragraph per line. */
  requirements: string;
}

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  issuer: '',
  requirements: [
    '（一）抓好问题整改。各单位要对照本通报反映的问题逐条核查，按期反馈整改结果；逾期未办结的，支队将跟踪督办并予以通报。',
    '（二）做好形势研判。各单位要针对下月事故预测和节假日出行特点，提前部署重点时段、重点路段的路面管控，加强事故多发点段隐患排查治理。',
    '（三）规范执法办案。严格执法记录仪使用和视频管理，规范事故处理和违法处理程序，杜绝人情案、关系案。',
    '（四）坚持开门纳谏。各单位每季度至少开展一次意见建议征集，认真办理群众反映的问题。',
  ].join('\n'),
};

export const BULLETIN_SETTINGS_DDL = 'CREATE TABLE IF NOT EXISTS bulletin_settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)';

export async function readBulletinSettings(store: Store): Promise<BulletinSettings> {
  const out = { ...DEFAULT_BULLETIN_SETTINGS };
  if (!(await tableExists(store, 'bulletin_settings'))) return out;
  for (const r of await store.all<{ name: string; value: string }>('SELECT name, value FROM bulletin_settings')) {
    if (r.name === 'issuer' || r.name === 'requirements') out[r.name] = r.value;
  }
  return out;
}

export type SettingsChange = { ok: true; settings: BulletinSettings } | Failure;

/** Change some settings; an empty requirements text is refused (the section must say something). */
export async function writeBulletinSettings(store: Store, change: Partial<BulletinSettings>): Promise<SettingsChange> {
  if (change.requirements !== undefined && change.requirements.trim() === '') return failure('invalid', '下一步工作要求不能为空');
  if (change.requirements !== undefined && change.requirements.length > 5000) return failure('invalid', '下一步工作要求过长（最多 5000 字）');
  if (change.issuer !== undefined && change.issuer.length > 60) return failure('invalid', '发文机关名称过长（最多 60 字）');
  await store.run(BULLETIN_SETTINGS_DDL);
  for (const name of ['issuer', 'requirements'] as const) {
    const value = change[name];
    if (value === undefined) continue;
    await store.run('DELETE FROM bulletin_settings WHERE name = $1', [name]);
    await store.run('INSERT INTO bulletin_settings (name, value) VALUES ($1, $2)', [name, value.trim()]);
  }
  return { ok: true, settings: await readBulletinSettings(store) };
}
