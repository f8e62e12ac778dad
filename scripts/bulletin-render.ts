// `npm run bulletin:render [-- --db FILE --month YYYY-MM --as-of YYYY-MM-DD]`: build the monthly bulletin,
// check it as OOXML, convert it with LibreOffice to PDF and render its pages to PNG, so a person can look
// at what the offices will see. Without --db it builds the demo detachment first. Output: artefacts/bulletin/
// (git-ignored). Needs Debian's libreoffice-writer, fonts-noto-cjk and poppler-utils; not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDemo } from '../src/demo/generate.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { analyze, saveRun } from '../src/analyze/run.ts';
import { DEFAULT_SETTINGS } from '../src/rules/settings.ts';
import { openStore } from '../src/store/db.ts';
import { buildBulletin } from '../src/report/bulletin/index.ts';
import { storeMonthlyForecasts } from '../src/forecast/forecast.ts';
import { addMonths } from '../src/time/index.ts';
import { checkDocx } from '../test/support/ooxml.ts';

const OUT = resolve('artefacts/bulletin');
const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };

function need(cmd: string): void {
  try { execFileSync('which', [cmd], { stdio: 'ignore' }); } catch {
    process.stderr.write(`缺少 ${cmd}：apt-get install -y libreoffice-writer fonts-noto-cjk poppler-utils\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  need('soffice'); need('pdftoppm');
  mkdirSync(OUT, { recursive: true });
  let db = arg('--db');
  let month = arg('--month');
  let asOf = arg('--as-of');
  if (!db) {
    const dir = join(OUT, 'demo');
    rmSync(dir, { recursive: true, force: true });
    const s = await generateDemo({ dir, scale: 0.02, seed: 1, months: 6 });
    db = join(dir, 'yanpan.duckdb');
    const store = await openStore(db);
    const imp = await importDataset(store, dir);
    if (!imp.ok) throw new Error(imp.message);
    const r = await analyze(store, s.period, DEFAULT_SETTINGS);
    await saveRun(store, r, DEFAULT_SETTINGS, { demo: true, ...s.period });
    await storeMonthlyForecasts(store, addMonths(s.period.to.slice(0, 7), -11), addMonths(s.period.to.slice(0, 7), 1));
    store.close();
    month ??= s.period.to.slice(0, 7);
    asOf ??= s.period.asOf;
  }
  if (!month || !asOf) throw new Error('--month and --as-of are needed with --db');
  const store = await openStore(db);
  const b = await buildBulletin(store, month, asOf);
  store.close();
  const { problems } = await checkDocx(b.docx);
  if (problems.length) throw new Error(`OOXML problems:\n${problems.join('\n')}`);
  const docx = join(OUT, `bulletin-${month}.docx`);
  writeFileSync(docx, b.docx);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, docx], { stdio: 'ignore' });
  const pdf = docx.replace(/\.docx$/, '.pdf');
  for (const f of readdirSync(OUT)) if (/^page-\d+\.png$/.test(f)) rmSync(join(OUT, f));
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(OUT, 'page')]);
  const pages = readdirSync(OUT).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  process.stdout.write(`${b.title}\n${docx}\n${pdf}（${pages.length} 页）\n${pages.map((p) => join(OUT, p)).join('\n')}\n`);
}

await main();
