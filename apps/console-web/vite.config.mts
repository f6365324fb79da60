import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

// The console's web UI: React + Mantine + uPlot, bundled by Vite (esbuild compiles the JSX, no
// plugin needed) into dist/apps/console-web, which console-api serves on the same origin.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/console-web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: true,
    rollupOptions: {
      // Mantine marks its modules "use client" for React Server Components; meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'info',
});
