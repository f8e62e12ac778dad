// Progress of a long statement, and the optional timing of a load's steps for the benchmark's profiling.
import type { Store } from '../store/db.ts';

/** Report DuckDB's progress on a long statement while it runs. */
export async function withProgress<T>(store: Store, onProgress: ((f: number) => void) | undefined, work: Promise<T>): Promise<T> {
  if (!onProgress) return work;
  const timer = setInterval(() => {
    const p = store.conn.progress;
    if (p.percentage >= 0) onProgress(p.percentage / 100);
  }, 200);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** A step timer, one per file load; YANPAN_PROFILE=1 prints each step's wall and CPU time to stderr. */
export function profiler(enabled: boolean = Boolean(process.env.YANPAN_PROFILE)): (what: string) => void {
  if (!enabled) return () => undefined;
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  return (what) => {
    const now = performance.now();
    const cpu = process.cpuUsage(cpuMark);
    process.stderr.write(`  [profile] ${what}: ${((now - mark) / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)\n`);
    mark = now;
    cpuMark = process.cpuUsage();
  };
}
