// A hostile user in the real page: two tabs on one workspace, pastes the engine must refuse
// (deep nesting, 10 MB, an alias bomb, 100 million replicas, a __proto__ key), and markup in
// every text the page shows. Each refusal is a marker at its line and a status-bar line, the last
// good cluster stays, and nothing runs. The longest main-thread task is recorded (numbers belong
// in BENCHMARKS.md, not in assertions).
import { assert, paste, waitFor } from './helpers.mjs';

const keep = `apiVersion: v1
kind: Pod
metadata:
  name: keep-me
  annotations:
    note: '<img src=x onerror="globalThis.pwned=1">'
    link: 'javascript:globalThis.pwned=2'
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

const deep = (n) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: deep\nspec:\n  x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const bomb = () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 16; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
};
const replicas = `apiVersion: apps/v1
kind: Deployment
metadata: {name: many}
spec:
  replicas: 100000000
  selector: {matchLabels: {app: many}}
  template:
    metadata: {labels: {app: many}}
    spec: {containers: [{name: c, image: nginx}]}
`;
const proto = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: proto\nspec:\n  __proto__: {nodeName: worker-2}\n  containers: [{name: c, image: nginx}]\n`;

const hasPod = (name) => (globalThis.kubeplayEngine?.state().snapshot?.objects ?? []).some((o) => o.kind === 'Pod' && o.metadata.name === name);

export const tests = [
  {
    name: 'hostile / bad pastes: each refused at its line with the reason, the last good cluster stays, nothing runs',
    run: async ({ page, url, timings }) => {
      // A fresh workspace and layout: the suite's earlier tests leave files, tabs and panels behind.
      await page.goto(url);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.locator('.monaco-editor').waitFor({ timeout: 30000 });
      await page.evaluate(() => {
        globalThis.longest = 0;
        new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.longest = Math.max(globalThis.longest, e.duration); }).observe({ type: 'longtask' });
      });
      await paste(page, keep);
      await waitFor(page, hasPod, 'keep-me', 30000);
      const cases = [
        { what: 'nesting 400 deep', text: deep(400), line: 6, message: /nested more than 256 levels deep/ },
        { what: 'an alias bomb', text: bomb(), line: 1, message: /alias/i },
        { what: '100 million replicas', text: replicas, line: 5, message: /the workloads ask for 100000000 pods; the playground simulates up to 200000/ },
        { what: 'a __proto__ key', text: proto, line: 6, message: /"__proto__" is not supported/ },
        { what: 'a 10 MB paste', text: `${keep}  x: "${'a'.repeat(10 * 1024 * 1024)}"\n`, line: 1, message: /the workspace is 10\.1 MB; the playground simulates workspaces up to 10 MB/ },
      ];
      for (const c of cases) {
        // Pasted as paste() does, with more time for Monaco to take 10 MB on a busy machine.
        await page.evaluate((t) => navigator.clipboard.writeText(t), c.text);
        await page.click('.monaco-editor .view-lines');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Control+V');
        await waitFor(page, (n) => globalThis.kubeplayEditor?.value().length === n, c.text.length, 60000);
        const marker = await waitFor(page, (re) => globalThis.kubeplayEditor.markers().find((m) => new RegExp(re).test(m.message)), c.message.source, 30000)
          .then((h) => h.jsonValue(), () => null);
        assert(marker, `${c.what}: a marker says why (markers: ${JSON.stringify(await page.evaluate(() => globalThis.kubeplayEditor.markers().map((m) => m.message)))})`);
        assert(marker.startLineNumber === c.line, `${c.what}: marker on line ${c.line}, got ${marker.startLineNumber}`);
        const status = await page.locator('.first-error').innerText();
        assert(c.message.test(status) && status.startsWith(`workspace.yaml:${c.line}:`), `${c.what}: the status bar names file:line:col — ${status.slice(0, 160)}`);
        assert(await page.evaluate(hasPod, 'keep-me'), `${c.what}: the last good pod is still there`);
      }
      timings['hostile: longest main-thread task over the bad pastes (incl. the 10 MB one)'] = Math.round(await page.evaluate(() => globalThis.longest));
      await paste(page, keep);
      await waitFor(page, () => globalThis.kubeplayEditor.markers().length === 0, undefined, 30000);
      assert(await page.evaluate(() => globalThis.pwned === undefined && !document.querySelector('img[src="x"]')), 'no markup from the manifests ran');
    },
  },
  {
    name: 'hostile / markup in annotations renders as text in the inspector’s describe and the terminal',
    run: async ({ page }) => {
      // Selected from the editor (the cursor in a manifest selects its object); describe in the inspector.
      await page.evaluate(() => globalThis.kubeplayEngine.state().select?.('Pod/default/keep-me'));
      await waitFor(page, () => [...document.querySelectorAll('.insp-pre')].some((e) => e.textContent.includes('<img src=x onerror="globalThis.pwned=1">')), undefined, 15000);
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await waitFor(page, () => !!globalThis.kubeplayTerminal, undefined, 20000);
      await page.click('.terminal-host');
      await page.keyboard.type('kubectl describe pod keep-me');
      await page.keyboard.press('Enter');
      await waitFor(page, () => globalThis.kubeplayTerminal.text().includes('javascript:globalThis.pwned=2'), undefined, 10000);
      const created = await page.evaluate(() => ({ pwned: globalThis.pwned, imgs: document.querySelectorAll('img[src="x"]').length, js: [...document.querySelectorAll('a[href^="javascript:"]')].length }));
      assert(created.pwned === undefined && created.imgs === 0 && created.js === 0, `nothing from the text became markup: ${JSON.stringify(created)}`);
    },
  },
  {
    name: 'hostile / two tabs on one workspace: each takes the other’s edits; a stale tab’s typing writes nothing old back',
    run: async ({ page, url }) => {
      const a = page;
      await a.goto(url);
      await a.locator('.monaco-editor').waitFor({ timeout: 30000 });
      const b = await a.context().newPage();
      try {
        await b.goto(url);
        await b.locator('.monaco-editor').waitFor({ timeout: 30000 });
        await a.bringToFront();
        const fromA = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-tab-a}\n';
        await paste(a, fromA);
        // Tab B shows it (and says so), without a reload.
        await waitFor(b, (t) => globalThis.kubeplayEditor?.value() === t, fromA, 10000);
        await b.getByRole('status').filter({ hasText: 'Changed in another tab of this workspace: workspace.yaml' }).waitFor({ timeout: 5000 });
        // B types: its save carries A's text, not the text B loaded with.
        await b.bringToFront();
        await b.click('.monaco-editor .view-lines');
        await b.keyboard.press('Control+End');
        await b.keyboard.insertText('# typed in tab b\n');
        await waitFor(a, () => globalThis.kubeplayEditor?.value().includes('# typed in tab b'), undefined, 10000);
        await a.reload();
        await a.locator('.monaco-editor').waitFor({ timeout: 30000 });
        const text = await a.evaluate(() => globalThis.kubeplayEditor.value());
        assert(text.includes('from-tab-a') && text.includes('# typed in tab b'), `after a reload both tabs' edits are there: ${JSON.stringify(text.slice(0, 120))}`);
      } finally {
        await b.close();
      }
    },
  },
];
