// A hash chain over an append-only table, shared by the item audit (audit.ts) and the security log
// (security-log.ts). Each entry's hash is SHA-256 over its own content and the previous entry's hash,
// so an edited, removed or reordered entry breaks the chain at that point; an anchor (an entry's
// number and hash noted down outside the database) also shows a log rewritten with fresh hashes or
// cut short, which the chain alone cannot.
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

/** The hash of an entry: its number, its content in a fixed order, and the previous hash last. */
export const chainHash = (seq: number, content: readonly unknown[], prev: string): string =>
  createHash('sha256').update(JSON.stringify([seq, ...content, prev])).digest('hex');

export interface ChainAnchor { readonly seq: number; readonly hash: string }

/** An anchor as written `SEQ:HASH` (what `yanpan audit verify` prints); null when it is not one. */
export function parseAnchor(text: string): ChainAnchor | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return m && Number(m[1]) >= 1 ? { seq: Number(m[1]), hash: m[2] } : null;
}

export const formatAnchor = (a: ChainAnchor): string => `${a.seq}:${a.hash}`;

export type ChainResult =
  | { ok: true; entries: number; /** The last entry, to note down as an anchor; null for an empty log. */ head: ChainAnchor | null }
  | { ok: false; entries: number; seq: number; reason: string };

export interface ChainRow { readonly seq: number; readonly prev_hash: string; readonly hash: string; readonly content: readonly unknown[] }

/** Recompute the chain from the first entry, then find each anchor unchanged; name the first entry that does not fit. */
export function verifyChain(rows: readonly ChainRow[], anchors: readonly ChainAnchor[] = []): ChainResult {
  let prev = GENESIS;
  let expectSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectSeq) return { ok: false, entries: rows.length, seq: r.seq, reason: `序号不连续：应为 ${expectSeq}，实为 ${r.seq}（有记录被删除或插入）` };
    if (r.prev_hash !== prev) return { ok: false, entries: rows.length, seq: r.seq, reason: '前一条记录的哈希不符（前一条被修改或删除）' };
    if (chainHash(r.seq, r.content, r.prev_hash) !== r.hash) return { ok: false, entries: rows.length, seq: r.seq, reason: '本条记录内容与其哈希不符（记录被修改）' };
    prev = r.hash;
    expectSeq += 1;
  }
  // The chain is whole and numbered 1…n, so entry `seq` is rows[seq - 1].
  for (const a of [...anchors].sort((x, y) => x.seq - y.seq)) {
    const r = rows[a.seq - 1];
    if (!r) return { ok: false, entries: rows.length, seq: a.seq, reason: `锚点所记的第 ${a.seq} 条已不存在（日志末尾的记录被删除）` };
    if (r.hash !== a.hash) return { ok: false, entries: rows.length, seq: a.seq, reason: '本条的哈希与锚点所记不符（日志自此被整体改写）' };
  }
  const last = rows.at(-1);
  return { ok: true, entries: rows.length, head: last ? { seq: last.seq, hash: last.hash } : null };
}
