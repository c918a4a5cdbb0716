import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precachable } from './web/offline/policy.ts';

const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));
const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * The built pages' Content-Security-Policy: scripts, workers and fetches from this origin only,
 * no eval, no inline script. Styles need 'unsafe-inline': Monaco and xterm create <style>
 * elements at run time (measured by the e2e suite's securitypolicyviolation count). Images allow
 * data:/blob: for the graph's PNG/SVG export. Build only: the dev server injects inline scripts.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const csp = (): Plugin => ({
  name: 'kubeplay-csp',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
});

/** What the app build and the embed build share. */
const common = (): UserConfig => ({
  // Relative URLs: dist/ works from any folder of any static host (embed.html needs no rewrite rules).
  base: './',
  plugins: [react(), csp()],
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

/**
 * embed.html and <kubeplay-playground> (kubeplay-element.js, a stable name for docs to
 * reference) are built second, into the same dist/. A build of their own keeps the app's chunks
 * exactly as they were: one multi-entry build cut the app's first load into a dozen shared
 * chunks, a few kB more gzip.
 */
const embedBuild = (): Plugin => {
  let outDir = 'dist';
  return {
    name: 'kubeplay-embed-build',
    apply: 'build',
    configResolved: (config) => void (outDir = config.build.outDir),
    async closeBundle() {
      const base = common();
      await build({
        ...base,
        configFile: false,
        root: file('./'),
        build: {
          ...base.build,
          outDir,
          emptyOutDir: false,
          rolldownOptions: {
            input: { embed: file('./embed.html'), element: file('./web/embed/element.ts') },
            output: { entryFileNames: (chunk) => (chunk.name === 'element' ? 'kubeplay-element.js' : 'assets/[name]-[hash].js') },
          },
        },
      });
      await buildServiceWorker(outDir);
    },
  };
};

/**
 * dist/sw.js, built last: it precaches every file of the finished dist/ (app, embed, Monaco,
 * lessons), and its version is a hash of their contents, so a new deploy replaces the old cache.
 */
async function buildServiceWorker(outDir: string) {
  const files = (readdirSync(outDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(outDir, join(e.parentPath, e.name)).split('\\').join('/'))
    .filter(precachable)
    .sort();
  const version = createHash('sha256');
  for (const f of files) version.update(f).update(readFileSync(join(outDir, f)));
  await build({
    configFile: false,
    root: file('./'),
    logLevel: 'warn',
    define: { __PRECACHE__: JSON.stringify(files), __VERSION__: JSON.stringify(version.digest('hex').slice(0, 16)) },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: file('./web/offline/sw.ts'), formats: ['iife'], name: 'kubeplaySw', fileName: () => 'sw.js' },
    },
  });
}

export default defineConfig(() => {
  const base = common();
  return { ...base, plugins: [...base.plugins!, embedBuild()] };
});
