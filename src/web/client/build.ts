// Build the console when it is missing or older than its sources (the browser tests' global set-up;
// `npm run build` always builds). "Older" is decided by a hash of the sources, not by file times, so a
// fresh clone or a checkout of another branch is judged right.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_DIR } from './dist-path.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Everything the console's bundle is made from (the client imports labels and tables from these). */
const SOURCES = ['src/web/client', 'src/contract', 'src/supervise/workflow.ts', 'src/rules/types.ts', 'package-lock.json'];
export const SOURCE_STAMP = '.source-hash';

function files(path: string): string[] {
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export function sourceHash(): string {
  const h = createHash('sha256');
  for (const f of SOURCES.flatMap(files).sort()) h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

export async function ensureConsoleBuilt(): Promise<'up-to-date' | 'built'> {
  const hash = sourceHash();
  const stamp = join(CONSOLE_DIR, SOURCE_STAMP);
  if (existsSync(join(CONSOLE_DIR, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 'up-to-date';
  const { build } = await import('vite');
  // The config's stamp plugin records the hash once the bundle is written.
  await build({ configFile: join(ROOT, 'src/web/client/vite.config.ts'), logLevel: 'warn' });
  return 'built';
}
