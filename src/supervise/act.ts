// One action on one item: check it against the workflow table, write the item and append the audit
// entry in one transaction. The update names the version it read, so two people acting on the same
// item at once can never both win: the second finds the status moved on (409), never a lost update.
import { inIdList, transaction, type Store } from '../store/db.ts';
import { addWorkingDays } from '../calendar/calendar.ts';
import { canAct, type User } from './access.ts';
import { appendAudit } from './audit.ts';
import { localDay, localStamp, systemClock, type Clock } from '../time/index.ts';
import { findItem, type ItemSummary } from './items.ts';
import { failure, type Failure } from '../contract/failure.ts';
import type { Severity } from '../contract/vocabulary.ts';
import { superviseSettings } from './settings.ts';
import { ACTION_ZH, ACTIONS, decide, isAction, ROLE_ZH, type Fields } from './workflow.ts';

export type ActResult = { ok: true; item: ItemSummary } | Failure;

export async function act(store: Store, user: User, key: string, action: unknown, raw: Record<string, unknown>, clock: Clock = systemClock): Promise<ActResult> {
  if (!isAction(action)) return failure('invalid', `未知的操作：应为 ${ACTIONS.join('、')} 之一`);
  const { version, ...given } = raw;
  if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version))) return failure('invalid', 'version 应为整数');
  const now = clock.now();
  const today = localDay(now);
  return transaction(store, async (): Promise<ActResult> => {
    const item = await findItem(store, user, key, today);
    if (!item) return failure('not-found', '没有这个事项');
    if (!canAct(user, action)) return failure('forbidden', `${ROLE_ZH[user.role]}无权执行“${ACTION_ZH[action]}”`);
    if (version !== undefined && version !== item.version) return failure('conflict', '事项已被他人更新，请刷新后重试');
    const d = decide(item, user.role, action, given);
    if (!d.ok) return d;
    const fields: Fields = { ...d.fields };
    const attached = Array.isArray(fields.attachments) ? fields.attachments : [];
    if (attached.length) {
      const rows = await store.all<{ n: number }>(
        `SELECT count(*) AS n FROM attachments WHERE item_key = $key AND ${inIdList('attachment_id', 'ids')}`,
        { key, ids: JSON.stringify(attached) });
      if (rows[0].n !== new Set(attached).size) return failure('invalid', '附件编号不属于本事项');
    }
    let deadline = item.deadline;
    if (action === 'dispatch') {
      const days = typeof fields.deadline_days === 'number' ? fields.deadline_days : (await superviseSettings(store)).deadlineDays[item.severity as Severity] ?? 10;
      fields.deadline_days = days;
      deadline = await addWorkingDays(store, today, days);
      fields.deadline = deadline ?? '';
    }
    const at = localStamp(now);
    const finding = action === 'verify' ? String(fields.finding) : item.finding;
    await store.run(
      `UPDATE items SET status = $to, version = version + 1, deadline = $deadline::DATE, finding = $finding, updated_at = $at
       WHERE item_key = $key AND version = $version`,
      { to: d.to, deadline, finding, at, key, version: item.version });
    await appendAudit(store, [{ at, username: user.username, itemKey: key, action, from: item.status, to: d.to, fields }]);
    const after = await findItem(store, user, key, today);
    if (!after || after.version !== item.version + 1) throw new Error(`item ${key} changed under a held transaction`);
    const { evidenceJson: _e, rule: _r, finding: _f, created_at: _c, ...summary } = after;
    return { ok: true, item: summary };
  });
}
