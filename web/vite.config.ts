/**
 * The explorer's static build: web/ → dist/web/, relative asset paths (so the folder can be hosted under
 * any path or opened from a static server offline), module workers.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
    // the worker transform is slow on a 2-core machine; its timing report is noise here
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
  // the dev and preview servers isolate the page as `nadaraya explore` does (shared memory for its workers)
  server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  preview: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
});
