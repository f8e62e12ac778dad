// `npm run forecast:eval [-- --seeds 1-40 --histories 18 --variants demo --priors '{"harmonic":600}']`: the
// forecast's backtest over the generator settings (src/cli/forecast-eval.ts), printed as tables. `--priors`
// overrides some of the model's prior precisions (how they were chosen: on seeds other than the table's),
// `--reference-prior '{"harmonic":300,"season":300}'` those of the season-unknown reference's season terms.
import { forecastEval, formatEval } from '../src/cli/forecast-eval.ts';
import { PRIOR_PRECISION, type Priors } from '../src/forecast/model.ts';
import { REFERENCE_PRIOR } from '../src/cli/forecast-reference.ts';

const arg = (k: string) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : undefined; };
const list = (k: string) => arg(k)?.split(',').map((s) => s.trim()).filter(Boolean);
/** '1-5,8' → [1, 2, 3, 4, 5, 8] */
const seeds = list('--seeds')?.flatMap((s) => {
  const [a, b] = s.split('-').map(Number);
  return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
});
const override = arg('--priors');
const priors = override ? { ...PRIOR_PRECISION, ...(JSON.parse(override) as Partial<Priors>) } : undefined;
const ref = arg('--reference-prior');
const referencePrior = ref ? { ...REFERENCE_PRIOR, ...(JSON.parse(ref) as Partial<typeof REFERENCE_PRIOR>) } : undefined;
const t0 = performance.now();
const rows = await forecastEval({ seeds, histories: list('--histories')?.map(Number), variants: list('--variants'), priors, referencePrior });
process.stdout.write(formatEval(rows));
process.stdout.write(`(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
