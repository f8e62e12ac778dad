// The audit log: append-only, hash-chained (chain.ts). Each entry's hash is SHA-256 over its own content
// and the previous entry's hash, so an edited, removed or reordered entry breaks the chain at that point.
// Callers append inside the transaction that makes the change, so the log and the items never disagree.
import type { Store } from '../store/db.ts';
import { chainHash, GENESIS, verifyChain, type ChainAnchor, type ChainResult } from './chain.ts';

export { formatAnchor, parseAnchor } from './chain.ts';

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

const entryHash = (seq: number, e: AuditInput, fieldsJson: string, prev: string): string =>
  chainHash(seq, [e.at, e.username, e.itemKey, e.action, e.from, e.to, fieldsJson], prev);

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

/** An entry of the chain as noted down outside the database: its number and hash (chain.ts). */
export type AuditAnchor = ChainAnchor;
export type VerifyResult = ChainResult;

/** Recompute the chain from the first entry, then find each anchor unchanged; name the first entry that does not fit. */
export async function verifyAudit(store: Store, anchors: readonly AuditAnchor[] = []): Promise<VerifyResult> {
  const rows = await store.all<{ seq: number; at: string; username: string; item_key: string | null; action: string; from_status: string | null; to_status: string | null; fields: string; prev_hash: string; hash: string }>(
    'SELECT seq, logged_at AS at, username, item_key, action, from_status, to_status, fields, prev_hash, hash FROM audit ORDER BY seq');
  return verifyChain(rows.map((r) => ({ seq: r.seq, prev_hash: r.prev_hash, hash: r.hash, content: [r.at, r.username, r.item_key, r.action, r.from_status, r.to_status, r.fields] })), anchors);
}
