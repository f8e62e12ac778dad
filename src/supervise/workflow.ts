// Contract §4 as data: the statuses, the actions, who may take each, what each needs, where it
// leads. `decide` reads this table and nothing else; no status logic lives anywhere outside it.
import { failure, type Failure } from '../contract/failure.ts';

export const STATUSES = ['pending', 'dispatched', 'verifying', 'rectifying', 'review', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_ZH: Record<Status, string> = {
  pending: '待下发', dispatched: '已下发', verifying: '核查中', rectifying: '整改中', review: '待审核', closed: '已办结',
};

/**
 * The statuses as the brigade says them: for the unit an item just dispatched is waiting to be received, one
 * in review is waiting for the detachment's answer. The detachment's roles use STATUS_ZH.
 */
export const STATUS_ZH_BRIGADE: Record<Status, string> = {
  pending: '未下发', dispatched: '待签收', verifying: '待核查', rectifying: '待整改', review: '已提交待审核', closed: '已办结',
};

export const ROLES = ['supervisor', 'brigade', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_ZH: Record<Role, string> = { supervisor: '支队督察', brigade: '大队', admin: '管理员' };

export const ACTIONS = ['dispatch', 'receive', 'verify', 'submit', 'approve', 'return'] as const;
export type Action = (typeof ACTIONS)[number];
export const ACTION_ZH: Record<Action, string> = {
  dispatch: '下发', receive: '签收', verify: '核查', submit: '提交整改', approve: '审核通过', return: '退回',
};

export const FINDINGS = ['属实', '不属实'] as const;
export type Finding = (typeof FINDINGS)[number];

/** A field an action takes: its type and limits; `required` ones must be present and non-empty. */
export type FieldSpec =
  | { readonly type: 'text'; readonly required: boolean; readonly max: number; readonly zh: string }
  | { readonly type: 'int'; readonly required: boolean; readonly min: number; readonly max: number; readonly zh: string }
  | { readonly type: 'enum'; readonly required: boolean; readonly values: readonly string[]; readonly zh: string }
  | { readonly type: 'ids'; readonly required: boolean; readonly max: number; readonly zh: string };

/** Where an action leads: one status, or a choice by a field of the request or of the item. */
export type Next =
  | Status
  | { readonly byField: string; readonly map: Readonly<Record<string, Status>> }
  | { readonly byItem: 'finding'; readonly map: Readonly<Record<string, Status>>; readonly otherwise: Status };

export interface Transition {
  readonly from: Status;
  readonly action: Action;
  readonly roles: readonly Role[];
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly next: Next;
}

const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
const BRIGADE: readonly Role[] = ['brigade'];
const note = (required: boolean): FieldSpec => ({ type: 'text', required, max: 2000, zh: '说明' });
const attachments: FieldSpec = { type: 'ids', required: false, max: 20, zh: '附件' };

export const TRANSITIONS: readonly Transition[] = [
  { from: 'pending', action: 'dispatch', roles: SUPERVISORS, next: 'dispatched',
    fields: { deadline_days: { type: 'int', required: false, min: 1, max: 120, zh: '办理期限（工作日）' }, note: note(false) } },
  { from: 'dispatched', action: 'receive', roles: BRIGADE, next: 'verifying', fields: { note: note(false) } },
  { from: 'verifying', action: 'verify', roles: BRIGADE, next: { byField: 'finding', map: { 属实: 'rectifying', 不属实: 'review' } },
    fields: { finding: { type: 'enum', required: true, values: FINDINGS, zh: '核查结论' }, note: note(true), attachments } },
  { from: 'rectifying', action: 'submit', roles: BRIGADE, next: 'review',
    fields: { measures: { type: 'text', required: true, max: 5000, zh: '整改措施' }, note: note(false), attachments } },
  { from: 'review', action: 'approve', roles: SUPERVISORS, next: 'closed', fields: { note: note(false) } },
  // A 不属实 finding goes back to verification; a rectification goes back to rectifying.
  { from: 'review', action: 'return', roles: SUPERVISORS, next: { byItem: 'finding', map: { 不属实: 'verifying' }, otherwise: 'rectifying' },
    fields: { reason: { type: 'text', required: true, max: 2000, zh: '退回原因' } } },
];

/** A status as this role says it. */
export const statusZhFor = (role: Role, status: Status): string => (role === 'brigade' ? STATUS_ZH_BRIGADE : STATUS_ZH)[status];

/** Statuses in which the unit still owes work: past the deadline here is 逾期. */
export const OVERDUE_STATUSES: readonly Status[] = ['dispatched', 'verifying', 'rectifying'];

export const isAction = (s: unknown): s is Action => typeof s === 'string' && (ACTIONS as readonly string[]).includes(s);
export const isStatus = (s: unknown): s is Status => typeof s === 'string' && (STATUSES as readonly string[]).includes(s);
export const isRole = (s: unknown): s is Role => typeof s === 'string' && (ROLES as readonly string[]).includes(s);

/** May this role ever take this action (whatever the status)? */
export const roleMayTake = (role: Role, action: Action): boolean => TRANSITIONS.some((t) => t.action === action && t.roles.includes(role));

/** The actions this role may take on an item in this status (for the console's buttons). */
export const actionsFor = (role: Role, status: Status): Action[] =>
  TRANSITIONS.filter((t) => t.from === status && t.roles.includes(role)).map((t) => t.action);

export type Fields = Record<string, string | number | string[]>;

export type Decision = { readonly ok: true; readonly to: Status; readonly fields: Fields; readonly transition: Transition } | Failure;

/** Check one action against the table: role (forbidden), status (conflict), fields (invalid). */
export function decide(item: { status: Status; finding: string | null }, role: Role, action: Action, raw: Record<string, unknown>): Decision {
  if (!roleMayTake(role, action)) return failure('forbidden', `${ROLE_ZH[role]}无权执行“${ACTION_ZH[action]}”`);
  const t = TRANSITIONS.find((x) => x.from === item.status && x.action === action);
  if (!t) return failure('conflict', `事项当前状态为“${STATUS_ZH[item.status]}”，不能执行“${ACTION_ZH[action]}”`);
  if (!t.roles.includes(role)) return failure('forbidden', `${ROLE_ZH[role]}无权执行“${ACTION_ZH[action]}”`);
  const fields = checkFields(t.fields, raw);
  if (!fields.ok) return fields;
  return { ok: true, to: nextStatus(t.next, fields.fields, item), fields: fields.fields, transition: t };
}

function nextStatus(next: Next, fields: Fields, item: { finding: string | null }): Status {
  if (typeof next === 'string') return next;
  if ('byField' in next) return next.map[String(fields[next.byField])];
  return next.map[item.finding ?? ''] ?? next.otherwise;
}

function checkFields(specs: Readonly<Record<string, FieldSpec>>, raw: Record<string, unknown>): { ok: true; fields: Fields } | Failure {
  // Own properties only: `k in specs` would take __proto__, constructor or toString as known fields.
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(specs, k));
  if (unknown.length) return failure('invalid', `不认识的字段：${unknown.join('、')}`);
  const out: Fields = {};
  for (const [name, spec] of Object.entries(specs)) {
    const v = Object.hasOwn(raw, name) ? raw[name] : undefined;
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (spec.required) return failure('invalid', `缺少必填项：${spec.zh}（${name}）`);
      continue;
    }
    if (spec.type === 'text') {
      if (typeof v !== 'string') return failure('invalid', `${spec.zh}（${name}）应为文字`);
      if (v.length > spec.max) return failure('invalid', `${spec.zh}（${name}）过长：最多 ${spec.max} 字`);
      out[name] = v.trim();
    } else if (spec.type === 'int') {
      const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < spec.min || n > spec.max) {
        return failure('invalid', `${spec.zh}（${name}）应为 ${spec.min}–${spec.max} 的整数`);
      }
      out[name] = n;
    } else if (spec.type === 'enum') {
      if (typeof v !== 'string' || !spec.values.includes(v)) return failure('invalid', `${spec.zh}（${name}）应为 ${spec.values.join(' 或 ')}`);
      out[name] = v;
    } else {
      if (!Array.isArray(v) || v.length > spec.max || !v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 64)) {
        return failure('invalid', `${spec.zh}（${name}）应为至多 ${spec.max} 个编号的列表`);
      }
      out[name] = v as string[];
    }
  }
  return { ok: true, fields: out };
}
