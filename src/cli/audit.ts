// `yanpan audit verify [--anchor SEQ:HASH …] [--security-anchor SEQ:HASH …]`: recompute the hash chains of
// the item audit and of the security log, find each anchor noted down earlier unchanged, and name the
// first entry that breaks either; print the last entry of each as the next anchor.
import { openStore } from '../store/db.ts';
import { verifyAudit } from '../supervise/audit.ts';
import { formatAnchor, parseAnchor, type ChainAnchor, type ChainResult } from '../supervise/chain.ts';
import { verifySecurityLog } from '../supervise/security-log.ts';

function anchorsOf(texts: readonly string[] | undefined): ChainAnchor[] | string {
  const anchors: ChainAnchor[] = [];
  for (const text of texts ?? []) {
    const a = parseAnchor(text);
    if (!a) return text;
    anchors.push(a);
  }
  return anchors;
}

function report(name: string, option: string, r: ChainResult, anchors: number): boolean {
  if (!r.ok) {
    process.stdout.write(`${name}被改动：第 ${r.seq} 条记录 — ${r.reason}（共 ${r.entries} 条）。\n`);
    return false;
  }
  const checked = anchors ? `，与 ${anchors} 个锚点一致` : '';
  process.stdout.write(`${name}完整：${r.entries} 条记录，哈希链无断裂${checked}。\n`);
  if (r.head) process.stdout.write(`  当前锚点（${option}）：${formatAnchor(r.head)}\n`);
  return true;
}

/** Exit codes: 0 both chains whole and every anchor found, 2 an anchor that is not SEQ:HASH, 3 a log was changed. */
export async function auditVerify(o: { db: string; anchor?: readonly string[]; securityAnchor?: readonly string[] }): Promise<number> {
  const audit = anchorsOf(o.anchor);
  const security = anchorsOf(o.securityAnchor);
  for (const bad of [audit, security]) {
    if (typeof bad === 'string') {
      process.stderr.write(`锚点应写作「序号:哈希」（哈希为 64 位十六进制数字），而不是 ${bad}\n`);
      return 2;
    }
  }
  const store = await openStore(o.db);
  try {
    const a = report('审计日志', '--anchor', await verifyAudit(store, audit as ChainAnchor[]), (audit as ChainAnchor[]).length);
    const s = report('安全审计日志', '--security-anchor', await verifySecurityLog(store, security as ChainAnchor[]), (security as ChainAnchor[]).length);
    if (a && s) process.stdout.write('请把当前锚点记在数据库之外（如纸质台账）；日后用 --anchor / --security-anchor 核对，可发现整体改写或删去末尾记录。\n');
    return a && s ? 0 : 3;
  } finally {
    store.close();
  }
}
