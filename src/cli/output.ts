// Terminal output helpers: a progress bar on a terminal, plain lines otherwise; aligned tables.
import cliProgress from 'cli-progress';

export const isTty = (): boolean => Boolean(process.stderr.isTTY) && !process.env.CI;

/** Display width, counting CJK characters as two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;

/** A plain aligned table; numeric-looking cells right-aligned. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (/^-?[\d.,]+%?$/.test(c) ? padStart(c, widths[i]) : padEnd(c, widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

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
