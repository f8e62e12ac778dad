// Write a demo dataset from the command line and report the speed:
//   npx tsx src/demo/write.ts --dir /tmp/demo --scale 0.33 --seed 1 [--start 2021-01-01] [--months 6]
//       [--gb18030 units,accidents] [--xlsx devices] [--english opinions]
import { performance } from 'node:perf_hooks';
import { generateDemo } from './generate.ts';
import type { TableKey } from '../contract/tables.ts';

const args = process.argv.slice(2);
const get = (name: string): string | undefined => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (name: string) => get(name)?.split(',').filter(Boolean) as TableKey[] | undefined;
const dir = get('dir');
if (!dir) {
  console.error('usage: npx tsx src/demo/write.ts --dir DIR [--scale S] [--seed N] [--start YYYY-MM-DD] [--months M] [--gb18030 t1,t2] [--xlsx t] [--english t]');
  process.exit(2);
}
const t0 = performance.now();
const s = await generateDemo({
  dir, scale: get('scale') ? Number(get('scale')) : undefined, seed: get('seed') ? Number(get('seed')) : undefined,
  start: get('start'), months: get('months') ? Number(get('months')) : undefined,
  gb18030: list('gb18030'), xlsx: list('xlsx'), englishHeaders: list('english'),
});
const secs = (performance.now() - t0) / 1000;
console.log(`period ${s.period.from} .. ${s.period.to}, as-of ${s.period.asOf}`);
for (const [k, n] of Object.entries(s.rows)) console.log(`  ${k.padEnd(11)} ${String(n).padStart(9)}  ${s.files[k as TableKey]}`);
console.log(`planted ${s.planted}, look-alikes ${s.lookalikes} → ${s.truthFile}`);
console.log(`${secs.toFixed(1)} s total; ${Math.round(s.rows.violations / secs).toLocaleString('en')} violation rows/s (whole dataset time)`);
