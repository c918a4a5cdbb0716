import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-worker-manager (used by monaco-yaml's worker) imports the pre-0.55 deep path
      // `monaco-editor/esm/vs/...`, which monaco-editor 0.57's export map no longer resolves.
      { find: /^monaco-editor\/esm\/vs\//, replacement: monacoEsm },
    ],
  },
  // Found late by the dev server's scan (it is only imported from the engine worker), which
  // would otherwise cost a full page reload on first start.
  optimizeDeps: { include: ['yaml'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco is one large lazy chunk by design; the first-load budget is checked by tests/e2e.
    chunkSizeWarningLimit: 4000,
  },
});
