// The console's build: `npm run build` → dist/console (git-ignored), served by `yanpan serve`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { SOURCE_STAMP, sourceHash } from './build.ts';
import { jinzhongMap } from './jinzhong-map.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('../../../dist/console');

/** Record which sources this build was made from, so the tests' set-up can tell a stale build. */
const stamp = (): Plugin => ({ name: 'yanpan-source-stamp', closeBundle: () => writeFileSync(join(outDir, SOURCE_STAMP), sourceHash()) });

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue(), jinzhongMap(), stamp()],
  // The console must load with no network: nothing here may point outside the build.
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
