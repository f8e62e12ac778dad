// The console's build: `npm run build` → dist/console (git-ignored), served by `yanpan serve`.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { jinzhongMap } from './jinzhong-map.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue(), jinzhongMap()],
  // The console must load with no network: nothing here may point outside the build.
  build: {
    outDir: here('../../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
