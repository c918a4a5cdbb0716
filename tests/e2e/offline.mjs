// Offline after the first visit: the service worker precaches the build, then the origin's
// server is shut down and the playground must still load, simulate, open the terminal and
// switch language. A server of this test's own (own origin, own registration) so the kernel of
// the check is real: nothing can come from the network once it is closed.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assert, paste, waitFor } from './helpers.mjs';
import { serve } from './server.mjs';


const offlineYaml = `apiVersion: v1
kind: Pod
metadata:
  name: offline-pod
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

export const tests = [
  {
    name: 'offline: after the first visit the app loads, simulates, opens the terminal and switches language with its server gone',
    run: async ({ page: main, artifacts, dist }) => {
      const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
      const list = /addAll\(`([^`]*)`\.split\(`,`\)\)|addAll\((\[[^\]]*\])\)/.exec(sw);
      const files = list?.[1] ? list[1].split(',') : JSON.parse(list?.[2] ?? '[]');
      assert(files.length > 20 && files.includes('index.html') && files.some((f) => /monaco|editor\.api/.test(f)), `precache list: ${files.length} files`);
      const bytes = files.reduce((n, f) => n + statSync(join(dist, f)).size, 0);

      const server = await serve(dist);
      const context = main.context();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
      const page = await context.newPage();
      try {
        const t0 = Date.now();
        await page.goto(server.url);
        await page.locator('.monaco-editor').waitFor({ timeout: 30000 });
        // `ready` resolves once a worker is active, i.e. after its install (the whole precache) succeeded.
        const cached = await page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          const names = await caches.keys();
          const cache = await caches.open(names.find((n) => n.startsWith('kubeplay-')));
          return { active: !!reg.active, entries: (await cache.keys()).length };
        });
        assert(cached.active && cached.entries >= files.length, `precached ${cached.entries} of ${files.length}`);
        console.log(`e2e: offline precache ${files.length} files, ${(bytes / 1048576).toFixed(1)} MB, installed ${Date.now() - t0} ms after navigation`);

        await server.close();
        const gone = await page.evaluate((u) => fetch(`${u}no-such-file-${Date.now()}`).then(() => 'reached', () => 'unreachable'), server.url);
        assert(gone === 'unreachable', `the server is gone: ${gone}`);

        await page.reload();
        await page.locator('.monaco-editor').waitFor({ timeout: 30000 });
        await waitFor(page, () => document.querySelectorAll('.react-flow__node').length > 3, undefined, 20000);
        await paste(page, offlineYaml);
        await waitFor(page, () => (globalThis.kubeplayEngine?.state().snapshot?.objects ?? [])
          .some((o) => o.kind === 'Pod' && o.metadata.name === 'offline-pod' && o.status?.phase === 'Running'), undefined, 30000);

        await page.getByRole('tab', { name: 'Terminal' }).click();
        await waitFor(page, () => !!globalThis.kubeplayTerminal, undefined, 20000);

        await page.goto(`${server.url}?lang=ko`);
        await waitFor(page, () => document.documentElement.lang === 'ko', undefined, 20000);
        await page.locator('.monaco-editor').waitFor({ timeout: 30000 });
        await page.screenshot({ path: join(artifacts, 'offline-ko.png') });
      } finally {
        await page.close();
        await server.close().catch(() => {});
      }
    },
  },
];
