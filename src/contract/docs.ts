// docs/TABLES.md is generated from the contract declaration, so the reference cannot drift from the
// code. `npx tsx src/contract/docs.ts` rewrites it; a test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SQL_TYPE, tableList } from './tables.ts';

export function tablesMarkdown(): string {
  const out = ['# 数据表参考 (generated from src/contract/tables.ts — do not edit)', ''];
  out.push('Each table is one file `<key>.csv` or `<key>.xlsx` in a dataset folder. Headers may use the Chinese name or the',
    'English key. `*` = required. The database table has the same name and the English keys as columns.', '');
  for (const t of tableList()) {
    out.push(`## ${t.key} ${t.zh}`, '', `Primary key: ${t.primaryKey.join(' + ')}`, '', '| 中文 | key | type | SQL | values / notes |', '|---|---|---|---|---|');
    for (const c of t.columns) {
      const notes = [c.values?.join(' / '), c.ref ? `→ ${c.ref}` : '', c.emptyIsZero ? 'empty = 0' : '', c.zeroPad ? `zero-padded to ${c.zeroPad}` : '', c.note ?? ''].filter(Boolean).join('; ');
      out.push(`| ${c.zh}${c.required ? '*' : ''} | ${c.key} | ${c.type} | ${SQL_TYPE[c.type]} | ${notes} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('../../docs/TABLES.md', import.meta.url), tablesMarkdown());
}
