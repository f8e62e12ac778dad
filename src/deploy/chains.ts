// The hash-chained logs a backup vouches for: each one's last entry (SEQ:HASH, as `audit verify` prints it)
// goes into the manifest, and a restore recomputes each chain and finds that entry unchanged.
import type { Store } from '../store/db.ts';
import { formatAnchor, parseAnchor, verifyAudit, type AuditAnchor } from '../supervise/audit.ts';
import { verifySecurityLog } from '../supervise/security-log.ts';

export interface Chain {
  /** The name in the manifest. */
  readonly name: string;
  readonly zh: string;
  verify(store: Store, anchors: readonly AuditAnchor[]): Promise<{ ok: true; head: AuditAnchor | null } | { ok: false; seq: number; reason: string }>;
}

export const CHAINS: readonly Chain[] = [
  { name: 'audit', zh: '督办审计日志', verify: verifyAudit },
  { name: 'security', zh: '安全审计日志', verify: verifySecurityLog },
];

/** Each chain's last entry, or null for an empty log; an error when a chain is already broken. */
export async function chainHeads(store: Store): Promise<{ ok: true; heads: Record<string, string | null> } | { ok: false; error: string }> {
  const heads: Record<string, string | null> = {};
  for (const c of CHAINS) {
    const r = await c.verify(store, []);
    if (!r.ok) return { ok: false, error: `${c.zh}第 ${r.seq} 条：${r.reason}` };
    heads[c.name] = r.head ? formatAnchor(r.head) : null;
  }
  return { ok: true, heads };
}

/** Recompute every chain and find the recorded last entries unchanged; an error names the chain and the entry. */
export async function checkChains(store: Store, heads: Readonly<Record<string, string | null>>): Promise<{ ok: true } | { ok: false; error: string }> {
  for (const c of CHAINS) {
    const recorded = heads[c.name];
    if (recorded === undefined) return { ok: false, error: `清单中没有${c.zh}的锚点` };
    const anchor = recorded === null ? null : parseAnchor(recorded);
    if (recorded !== null && !anchor) return { ok: false, error: `清单中${c.zh}的锚点不是「序号:哈希」：${recorded}` };
    const r = await c.verify(store, anchor ? [anchor] : []);
    if (!r.ok) return { ok: false, error: `${c.zh}第 ${r.seq} 条：${r.reason}` };
    // The backup was taken at its anchor: a longer chain in the copy is as wrong as a shorter one.
    const head = r.head ? formatAnchor(r.head) : null;
    if (head !== recorded) return { ok: false, error: `${c.zh}的最后一条（${head ?? '无'}）与清单所记（${recorded ?? '无'}）不符` };
  }
  return { ok: true };
}
