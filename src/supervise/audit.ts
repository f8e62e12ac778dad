// The audit log: append-only, hash-chained. Each entry's hash is SHA-256 over its own content and the
// previous entry's hash, so an edited, removed or reordered entry breaks the chain at that point.
// Callers append inside the transaction that makes the change, so the log and the items never disagree.
import { createHash } from 'node:crypto';
import type { Store } from '../store/db.ts';

export interface AuditInput {
  readonly at: string;
  readonly username: string;
  readonly itemKey: string | null;
  readonly action: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface AuditEntry { at: string; user: string; action: string; from: string | null; to: string | null; fields: Record<string, unknown> }

const GENESIS = '0'.repeat(64);

const entryHash = (seq: number, e: AuditInput, fieldsJson: string, prev: string): string =>
  createHash('sha256').update(JSON.stringify([seq, e.at, e.username, e.itemKey, e.action, e.from, e.to, fieldsJson, prev])).digest('hex');

/** Append entries in order. Must run inside the caller's transaction. */
export async function appendAudit(store: Store, entries: readonly AuditInput[]): Promise<void> {
  if (!entries.length) return;
  const [last] = await store.all<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS;
  if (entries.length < 20) {
    for (const e of entries) {
      seq += 1;
      const fields = JSON.stringify(e.fields);
      const hash = entryHash(seq, e, fields, prev);
      await store.run('INSERT INTO audit VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [seq, e.at, e.username, e.itemKey, e.action, e.from, e.to, fields, prev, hash]);
      prev = hash;
    }
    return;
  }
  // A run may change thousands of items at once: the appender writes them in one pass.
  const app = await store.conn.createAppender('audit');
  for (const e of entries) {
    seq += 1;
    const fields = JSON.stringify(e.fields);
    const hash = entryHash(seq, e, fields, prev);
    app.appendBigInt(BigInt(seq));
    app.appendVarchar(e.at);
    app.appendVarchar(e.username);
    if (e.itemKey === null) app.appendNull(); else app.appendVarchar(e.itemKey);
    app.appendVarchar(e.action);
    if (e.from === null) app.appendNull(); else app.appendVarchar(e.from);
    if (e.to === null) app.appendNull(); else app.appendVarchar(e.to);
    app.appendVarchar(fields);
    app.appendVarchar(prev);
    app.appendVarchar(hash);
    app.endRow();
    prev = hash;
  }
  app.closeSync();
}

/** One item's history, oldest first. */
export async function auditOf(store: Store, itemKey: string): Promise<AuditEntry[]> {
  const rows = await store.all<{ at: string; username: string; action: string; from_status: string | null; to_status: string | null; fields: string }>(
    'SELECT logged_at AS at, username, action, from_status, to_status, fields FROM audit WHERE item_key = $1 ORDER BY seq', [itemKey]);
  return rows.map((r) => ({ at: r.at, user: r.username, action: r.action, from: r.from_status, to: r.to_status, fields: JSON.parse(r.fields) as Record<string, unknown> }));
}

/**
 * An entry of the chain as it was noted down outside the database: its number and hash. The chain alone shows an
 * entry edited, removed or inserted, but not a log rewritten from some entry on with fresh hashes, nor its last
 * entries cut off; an anchor does, since the entry it names must still be there with the same hash.
 */
export interface AuditAnchor { readonly seq: number; readonly hash: string }

/** An anchor as written `SEQ:HASH` (what `yanpan audit verify` prints); null when it is not one. */
export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return m && Number(m[1]) >= 1 ? { seq: Number(m[1]), hash: m[2] } : null;
}

export const formatAnchor = (a: AuditAnchor): string => `${a.seq}:${a.hash}`;

export type VerifyResult =
  | { ok: true; entries: number; /** The last entry, to note down as an anchor; null for an empty log. */ head: AuditAnchor | null }
  | { ok: false; entries: number; seq: number; reason: string };

/** Recompute the chain from the first entry, then find each anchor unchanged; name the first entry that does not fit. */
export async function verifyAudit(store: Store, anchors: readonly AuditAnchor[] = []): Promise<VerifyResult> {
  const rows = await store.all<{ seq: number; at: string; username: string; item_key: string | null; action: string; from_status: string | null; to_status: string | null; fields: string; prev_hash: string; hash: string }>(
    'SELECT seq, logged_at AS at, username, item_key, action, from_status, to_status, fields, prev_hash, hash FROM audit ORDER BY seq');
  let prev = GENESIS;
  let expectSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectSeq) return { ok: false, entries: rows.length, seq: r.seq, reason: `序号不连续：应为 ${expectSeq}，实为 ${r.seq}（有记录被删除或插入）` };
    if (r.prev_hash !== prev) return { ok: false, entries: rows.length, seq: r.seq, reason: '前一条记录的哈希不符（前一条被修改或删除）' };
    const e: AuditInput = { at: r.at, username: r.username, itemKey: r.item_key, action: r.action, from: r.from_status, to: r.to_status, fields: {} };
    if (entryHash(r.seq, e, r.fields, r.prev_hash) !== r.hash) return { ok: false, entries: rows.length, seq: r.seq, reason: '本条记录内容与其哈希不符（记录被修改）' };
    prev = r.hash;
    expectSeq += 1;
  }
  // The chain is whole and numbered 1…n, so entry `seq` is rows[seq - 1].
  for (const a of [...anchors].sort((x, y) => x.seq - y.seq)) {
    const r = rows[a.seq - 1];
    if (!r) return { ok: false, entries: rows.length, seq: a.seq, reason: `锚点所记的第 ${a.seq} 条已不存在（审计日志末尾的记录被删除）` };
    if (r.hash !== a.hash) return { ok: false, entries: rows.length, seq: a.seq, reason: '本条的哈希与锚点所记不符（审计日志自此被整体改写）' };
  }
  const last = rows.at(-1);
  return { ok: true, entries: rows.length, head: last ? { seq: last.seq, hash: last.hash } : null };
}
