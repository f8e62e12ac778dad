// Terminal output helpers: a progress bar on a terminal, plain lines otherwise; aligned tables.
import cliProgress from 'cli-progress';

export const isTty = (): boolean => Boolean(process.stderr.isTTY) && !process.env.CI;

// The aligned tables are the text reports' (src/report/text-table.ts); the CLI prints them.
export { table, width } from '../report/text-table.ts';

export interface Progress {
  start(label: string): void;
  update(fraction: number): void;
  stop(detail: string): void;
}

export function progress(): Progress {
  if (!isTty()) {
    let label = '';
    let t0 = 0;
    return {
      start(l) { label = l; t0 = Date.now(); process.stderr.write(`… ${l}\n`); },
      update() {},
      stop(detail) { process.stderr.write(`✓ ${label}  ${detail}  (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`); },
    };
  }
  const bar = new cliProgress.SingleBar({ format: '{label} [{bar}] {percentage}% | {duration_formatted}', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let label = '';
  return {
    start(l) { label = l; bar.start(100, 0, { label }); },
    update(f) { bar.update(Math.round(f * 100)); },
    stop(detail) { bar.update(100); bar.stop(); process.stderr.write(`✓ ${label}  ${detail}\n`); },
  };
}
