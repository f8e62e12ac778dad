// `yanpan audit verify [--anchor SEQ:HASH …]`: recompute the audit log's hash chain, find each anchor noted down
// earlier unchanged, and name the first entry that breaks either; print the last entry as the next anchor.
import { openStore } from '../store/db.ts';
import { formatAnchor, parseAnchor, verifyAudit, type AuditAnchor } from '../supervise/audit.ts';

/** Exit codes: 0 the chain is whole and every anchor found, 2 an anchor that is not SEQ:HASH, 3 the log was changed. */
export async function auditVerify(o: { db: string; anchor?: readonly string[] }): Promise<number> {
  const anchors: AuditAnchor[] = [];
  for (const text of o.anchor ?? []) {
    const a = parseAnchor(text);
    if (!a) {
      process.stderr.write(`锚点应写作「序号:哈希」（哈希为 64 位十六进制数字），而不是 ${text}\n`);
      return 2;
    }
    anchors.push(a);
  }
  const store = await openStore(o.db);
  try {
    const r = await verifyAudit(store, anchors);
    if (r.ok) {
      const checked = anchors.length ? `，与 ${anchors.length} 个锚点一致` : '';
      process.stdout.write(`审计日志完整：${r.entries} 条记录，哈希链无断裂${checked}。\n`);
      if (r.head) {
        process.stdout.write(`当前锚点：${formatAnchor(r.head)}\n请把它记在数据库之外（如纸质台账）；日后用 --anchor 核对，可发现整体改写或删去末尾记录。\n`);
      }
      return 0;
    }
    process.stdout.write(`审计日志被改动：第 ${r.seq} 条记录 — ${r.reason}（共 ${r.entries} 条）。\n`);
    return 3;
  } finally {
    store.close();
  }
}
