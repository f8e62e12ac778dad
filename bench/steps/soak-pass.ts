// One pass of `npm run soak`: what `yanpan import DIR --db DB` and then `yanpan analyze` do, through the same
// command functions, in one process (one start-up instead of two). Each step's exit code is reported on
// stderr as `SOAK <step> <code>`, so a crash (no line for the step) is charged to the step that was running.
//   node --import tsx bench/steps/soak-pass.ts DIR DB FROM TO AS_OF OUT
import { importCommand } from '../../src/cli/import.ts';
import { analyzeCommand } from '../../src/cli/analyze.ts';

const [dir, db, from, to, asOf, out] = process.argv.slice(2);
const imported = await importCommand(dir, db);
process.stderr.write(`SOAK import ${imported}\n`);
if (imported === 0) {
  const analyzed = await analyzeCommand({ db, from, to, asOf, out, quiet: true });
  process.stderr.write(`SOAK analyze ${analyzed}\n`);
  process.exitCode = analyzed;
} else {
  process.exitCode = imported;
}
