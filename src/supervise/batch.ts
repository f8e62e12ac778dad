// 批量下发 / 批量签收: one action with one set of fields on many items, each taken through act() on its own (its
// own transaction, checks and audit entry), so one item another person moved on does not stop the rest: every
// key gets its answer. Only the actions whose fields do not depend on the item may be batched.
import { failure, type Failure } from '../contract/failure.ts';
import type { Store } from '../store/db.ts';
import type { User } from './access.ts';
import { act } from './act.ts';
import type { Clock } from '../time/index.ts';
import type { Action } from './workflow.ts';

export const BATCH_ACTIONS: readonly Action[] = ['dispatch', 'receive'];
export const MAX_BATCH = 200;

export type BatchResult = { key: string; ok: true; status: string } | ({ key: string } & Failure);

export type BatchOutcome = { ok: true; results: BatchResult[] } | Failure;

export async function batchAct(store: Store, user: User, action: unknown, keys: unknown, fields: Record<string, unknown>, clock?: Clock): Promise<BatchOutcome> {
  if (typeof action !== 'string' || !(BATCH_ACTIONS as readonly string[]).includes(action)) return failure('invalid', '批量操作只能是下发（dispatch）或签收（receive）');
  if (!Array.isArray(keys) || !keys.length || keys.length > MAX_BATCH || !keys.every((k) => typeof k === 'string' && k.length > 0 && k.length <= 512)) {
    return failure('invalid', `keys 应为 1–${MAX_BATCH} 个事项编号的列表`);
  }
  const results: BatchResult[] = [];
  for (const key of new Set(keys as string[])) {
    const r = await act(store, user, key, action, fields, clock);
    results.push(r.ok ? { key, ok: true, status: r.item.status } : { key, ...r });
  }
  return { ok: true, results };
}
