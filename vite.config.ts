import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where the cloud serves the admin console (electron/cloud/admin/console-routes.ts). */
const CONSOLE_BASE = '/admin/';

/**
 * Two pages from one build: the Client Connector window (renderer/index.html) and the cloud's
 * admin console (renderer/console/index.html). `npm run build:renderer` writes dist/renderer.
 * The window uses relative asset URLs (base './'), so the Electron host can load it from disk
 * and the web shell can serve it under any path. The console is served by the cloud at /admin
 * with its assets under /admin/assets/, so its page names them by that absolute path.
 * `vite build --mode mock` builds the window on the in-memory mock connector
 * (renderer/dev/mock-connector.ts) for screenshots and demos.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The preload helper would add code for browsers without modulepreload: not ours.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        window: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        console: fileURLToPath(new URL('./renderer/console/index.html', import.meta.url)),
      },
    },
  },
  experimental: {
    renderBuiltUrl(filename, { hostId, hostType }) {
      if (hostType === 'html' && hostId.endsWith('console/index.html')) {
        return CONSOLE_BASE + filename;
      }
      return { relative: true };
    },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
