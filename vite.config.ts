import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer (the Client Connector window). `npm run build:renderer` writes dist/renderer with
 * relative asset URLs (base './'), so the Electron host can load it from disk and the web shell
 * can serve it under any path. `vite build --mode mock` builds the same app on the in-memory mock
 * connector (renderer/dev/mock-connector.ts) for screenshots and demos.
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
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
