// Preloaded into every measured child (node --import): at exit, write the process's own resource
// usage — peak RSS covers DuckDB's native threads too, as they live in the same process.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
const t0 = performance.now();
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ wallMs: performance.now() - t0, userMs: u.userCPUTime / 1000, sysMs: u.systemCPUTime / 1000, maxRssKb: u.maxRSS }));
  });
}
