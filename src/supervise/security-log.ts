// The security log (安全审计): who logged in or failed to, was locked out, logged out, changed a
// password, changed users or settings, imported, analysed, exported or downloaded a report — each with
// the time, the client address and the outcome, and a short detail (never a password). Append-only (only
// appendSecurity writes it) and hash-chained like the item audit (chain.ts); `yanpan audit verify`
// checks both chains.
import { transaction, type Store } from '../store/db.ts';
import { chainHash, GENESIS, verifyChain, type ChainAnchor, type ChainResult } from './chain.ts';
import { localStamp, systemClock, type Clock } from '../time/index.ts';

export const SECURITY_EVENTS = {
  login: '登录',
  logout: '退出登录',
  lockout: '账户锁定',
  'password-change': '修改密码',
  'password-reset': '重置密码',
  'user-add': '新增用户',
  'user-disable': '停用用户',
  'user-enable': '启用用户',
  'user-unlock': '解锁用户',
  'setting-change': '修改设置',
  import: '导入数据',
  analysis: '运行分析',
  export: '导出数据',
  'report-download': '下载报告',
  backup: '备份',
  restore: '恢复备份',
} as const;
export type SecurityEvent = keyof typeof SECURITY_EVENTS;
export const isSecurityEvent = (e: string): e is SecurityEvent => Object.hasOwn(SECURITY_EVENTS, e);

export const OUTCOMES = { success: '成功', failure: '失败', refused: '拒绝' } as const;
export type Outcome = keyof typeof OUTCOMES;

export interface SecurityInput {
  /** Who did it (for a log-in: the name given); '-' when unknown. */
  readonly user: string;
  /** The client address; 'cli' for the command line. */
  readonly address: string;
  readonly event: SecurityEvent;
  readonly outcome: Outcome;
  /** A short description: what was exported, why a log-in failed. Cut to 300 characters. */
  readonly detail?: string;
}

export interface SecurityEntry { at: string; user: string; address: string; event: SecurityEvent; outcome: Outcome; detail: string }

const content = (at: string, e: { user: string; address: string; event: string; outcome: string; detail: string }): unknown[] =>
  [at, e.user, e.address, e.event, e.outcome, e.detail];

/** Append one entry, in its own transaction (or the caller's, when inside one): the number and the previous hash are read where no other writer runs. */
export async function appendSecurity(store: Store, e: SecurityInput, clock: Clock = systemClock): Promise<void> {
  const row = { user: e.user.slice(0, 64) || '-', address: e.address.slice(0, 64), event: e.event, outcome: e.outcome, detail: (e.detail ?? '').slice(0, 300) };
  await transaction(store, async () => {
    const [last] = await store.all<{ seq: number; hash: string }>('SELECT seq, hash FROM security_log ORDER BY seq DESC LIMIT 1');
    const seq = (last?.seq ?? 0) + 1;
    const prev = last?.hash ?? GENESIS;
    const at = localStamp(clock.now());
    const hash = chainHash(seq, content(at, row), prev);
    await store.run('INSERT INTO security_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [seq, at, row.user, row.address, row.event, row.outcome, row.detail, prev, hash]);
  });
}

export interface SecurityQuery {
  /** First and last day (YYYY-MM-DD, local), inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly user?: string;
  readonly event?: SecurityEvent;
  readonly page: number;
  readonly size: number;
}

/** Entries matching the filters, newest first, one page of them, and how many match in all. */
export async function querySecurityLog(store: Store, q: SecurityQuery): Promise<{ total: number; entries: SecurityEntry[] }> {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (q.from) { where.push('substr(logged_at, 1, 10) >= $from'); params.from = q.from; }
  if (q.to) { where.push('substr(logged_at, 1, 10) <= $to'); params.to = q.to; }
  if (q.user) { where.push('username = $user'); params.user = q.user; }
  if (q.event) { where.push('event = $event'); params.event = q.event; }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ n }] = await store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM security_log ${cond}`, params);
  const rows = await store.all<{ at: string; username: string; address: string; event: SecurityEvent; outcome: Outcome; detail: string }>(
    `SELECT logged_at AS at, username, address, event, outcome, detail FROM security_log ${cond}
     ORDER BY seq DESC LIMIT $limit OFFSET $offset`, { ...params, limit: q.size, offset: (q.page - 1) * q.size });
  return { total: n, entries: rows.map((r) => ({ at: r.at, user: r.username, address: r.address, event: r.event, outcome: r.outcome, detail: r.detail })) };
}

/** Recompute the security log's chain and check its anchors (chain.ts). */
export async function verifySecurityLog(store: Store, anchors: readonly ChainAnchor[] = []): Promise<ChainResult> {
  const rows = await store.all<{ seq: number; at: string; username: string; address: string; event: string; outcome: string; detail: string; prev_hash: string; hash: string }>(
    'SELECT seq, logged_at AS at, username, address, event, outcome, detail, prev_hash, hash FROM security_log ORDER BY seq');
  return verifyChain(rows.map((r) => ({ seq: r.seq, prev_hash: r.prev_hash, hash: r.hash, content: content(r.at, { ...r, user: r.username }) })), anchors);
}
