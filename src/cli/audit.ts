// `yanpan audit verify`: recompute the audit log's hash chain and name the first entry that breaks it.
import { openStore } from '../store/db.ts';
import { verifyAudit } from '../supervise/audit.ts';

/** Exit codes: 0 the chain is whole, 3 it is broken. */
export async function auditVerify(o: { db: string }): Promise<number> {
  const store = await openStore(o.db);
  try {
    const r = await verifyAudit(store);
    if (r.ok) {
      process.stdout.write(`审计日志完整：${r.entries} 条记录，哈希链无断裂。\n`);
      return 0;
    }
    process.stdout.write(`审计日志被改动：第 ${r.seq} 条记录 — ${r.reason}（共 ${r.entries} 条）。\n`);
    return 3;
  } finally {
    store.close();
  }
}
