// npm run package → dist/yanpan-<version>-linux-x64.tar.gz (see src/deploy/package.ts).
import { buildBundle } from '../src/deploy/package.ts';

const root = new URL('..', import.meta.url).pathname;
const r = await buildBundle(root, { log: (l) => process.stdout.write(`${l}\n`), skipBuild: process.argv.includes('--skip-build') });
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
process.stdout.write(`${r.files} 个文件，解压后 ${mb(r.unpackedBytes)}；捆绑包 ${mb(r.bytes)}\n${r.tarball}\n`);
