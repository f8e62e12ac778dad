// Where a benchmark run's result goes, and what it records of the source it measured. Every run records
// the commit and whether the working tree was clean (a figure from uncommitted code cannot be
// reproduced). Runs go to bench/results/local/ (ignored by git); a run the docs cite is kept with
// `--cite NAME`: bench/results/NAME.json, committed, with one line in bench/results/HISTORY.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceState {
  /** The commit measured; null outside a git checkout. */
  readonly commit: string | null;
  /** No change to tracked files and no untracked file that git does not ignore. */
  readonly clean: boolean | null;
}

export function sourceState(root: string): SourceState {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return { commit: git('rev-parse', 'HEAD').trim(), clean: git('status', '--porcelain').trim() === '' };
  } catch {
    return { commit: null, clean: null };
  }
}

/** The result file of a run: an ignored one by default, bench/results/NAME.json when cited. */
export function resultPath(root: string, o: { cite: string | null; date: string; scale: number }): string {
  if (o.cite !== null) {
    if (!/^[\w.-]+$/.test(o.cite)) throw new Error('--cite takes a file name without folders (letters, digits, . _ -)');
    return join(root, 'bench/results', `${o.cite}.json`);
  }
  return join(root, 'bench/results/local', `${o.date}-scale${o.scale}-${Date.now()}.json`);
}

/** One line of bench/results/HISTORY: the file, when, the commit (+dirty when the tree was not clean), the scale and the headline ratio. */
export function historyLine(file: string, when: string, source: SourceState, scale: number, ratio: number): string {
  const commit = source.commit === null ? 'no-commit' : `${source.commit.slice(0, 12)}${source.clean ? '' : '+dirty'}`;
  return `${file}\t${when}\t${commit}\tscale ${scale}\timport/baseline ${ratio.toFixed(2)}\n`;
}

/** Add a cited run to the history (once per file). */
export function recordCited(root: string, line: string): void {
  const history = join(root, 'bench/results/HISTORY');
  const file = line.split('\t')[0];
  if (existsSync(history) && readFileSync(history, 'utf8').split('\n').some((l) => l.split('\t')[0] === file)) return;
  appendFileSync(history, line);
}
