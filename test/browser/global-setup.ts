// Vitest global set-up: the browser tests load the built console, so build it first when it is
// missing or stale (a few seconds; nothing when up to date).
import { ensureConsoleBuilt } from '../../src/web/client/build.ts';

export default async function setup(): Promise<void> {
  const r = await ensureConsoleBuilt();
  if (r === 'built') process.stderr.write('[yanpan] console built into dist/console for the browser tests\n');
}
