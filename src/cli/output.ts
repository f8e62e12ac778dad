// Terminal output helpers: a progress bar on a terminal, plain lines otherwise; aligned tables.
import cliProgress from 'cli-progress';
import type { Failure, FailureKind } from '../contract/failure.ts';

export const isTty = (): boolean => Boolean(process.stderr.isTTY) && !process.env.CI;

/**
 * The one place a domain failure becomes an exit code: 2 when the request as given cannot be done (bad
 * arguments, no such record, a conflict, a refused file), 1 when it may work later.
 */
export const EXIT_CODE: Readonly<Record<FailureKind, number>> = {
  invalid: 2, forbidden: 2, 'not-found': 2, conflict: 2, 'too-large': 2, unsupported: 2, unavailable: 1, 'too-many': 1,
};

/** Say a failure on standard error; the exit code for it. */
export function exitWith(f: Failure): number {
  process.stderr.write(`${f.error}\n`);
  return EXIT_CODE[f.kind];
}

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
