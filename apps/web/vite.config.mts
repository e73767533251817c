import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into dist/web, which the API serves at / (apps/api/src/web-console.ts). JSX and TypeScript are compiled by
// Vite's own transformer (automatic React runtime); no plugin is needed for a production build.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // Every API path the console calls (all but its own /console routes and the built assets).
  server: {
    proxy: {
      '^/(auth|tasks|offices|docs|rules|jurisdictions|host-cities|campaign|units|notices|groups|users|events|audit|reports|health|admin)':
        'http://127.0.0.1:3000',
    },
  },
});
