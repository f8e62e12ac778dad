// Where a benchmark's result goes and what it records of the source (bench/results.ts), with real git.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyLine, recordCited, resultPath, sourceState } from '../bench/results.ts';

const dir = mkdtempSync(join(tmpdir(), 'yanpan-bench-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, encoding: 'utf8' });

describe('a benchmark result', () => {
  it('records the commit measured and whether the tree was clean', () => {
    expect(sourceState(dir)).toEqual({ commit: null, clean: null });
    git('init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('commit', '-qm', 'a');
    const head = git('rev-parse', 'HEAD').trim();
    expect(sourceState(dir)).toEqual({ commit: head, clean: true });
    writeFileSync(join(dir, 'a.txt'), 'changed');
    expect(sourceState(dir)).toEqual({ commit: head, clean: false });
    expect(historyLine('x.json', '2026-12-07T00:00:00.000Z', sourceState(dir), 1, 1.374)).toBe(`x.json\t2026-12-07T00:00:00.000Z\t${head.slice(0, 12)}+dirty\tscale 1\timport/baseline 1.37\n`);
  });

  it('goes to the ignored folder unless cited, and a cited run is listed once in HISTORY', () => {
    expect(resultPath('/r', { cite: null, date: '2026-12-07', scale: 0.1 })).toMatch(/^\/r\/bench\/results\/local\/2026-12-07-scale0\.1-\d+\.json$/);
    expect(resultPath('/r', { cite: '2026-12-07-scale1-final', date: '2026-12-07', scale: 1 })).toBe('/r/bench/results/2026-12-07-scale1-final.json');
    expect(() => resultPath('/r', { cite: '../elsewhere', date: '2026-12-07', scale: 1 })).toThrow(/--cite/);
    const line = historyLine('run.json', '2026-12-07T00:00:00.000Z', { commit: 'abc', clean: true }, 1, 1.2);
    execFileSync('mkdir', ['-p', join(dir, 'bench/results')]);
    recordCited(dir, line);
    recordCited(dir, line);
    expect(readFileSync(join(dir, 'bench/results/HISTORY'), 'utf8')).toBe(line);
  });

  it('is ignored by git in bench/results/local/', () => {
    expect(execFileSync('git', ['check-ignore', 'bench/results/local/x.json'], { encoding: 'utf8' }).trim()).toBe('bench/results/local/x.json');
  });
});
