// `npm run forecast:eval [-- --seeds 1,2 --histories 18 --variants demo]`: the forecast's backtest over the
// generator settings (src/cli/forecast-eval.ts), printed as one table.
import { forecastEval, formatEval } from '../src/cli/forecast-eval.ts';

const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
const list = (k: string) => arg(k)?.split(',').map((s) => s.trim()).filter(Boolean);
const t0 = performance.now();
const rows = await forecastEval({ seeds: list('--seeds')?.map(Number), histories: list('--histories')?.map(Number), variants: list('--variants') });
process.stdout.write(formatEval(rows));
process.stdout.write(`(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
