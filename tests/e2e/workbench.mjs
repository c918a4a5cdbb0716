// The workbench around the graph: file tree and tabs, the simulated clock (play, pause, step,
// rewind), the terminal, the events panel, and text that survives reloads and engine crashes.
import { join } from 'node:path';
import { assert, paste, settled, waitFor } from './helpers.mjs';

const crasher = `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox
      command: ["sh", "-c", "sleep 2; exit 1"]
`;
const db = `apiVersion: v1
kind: Pod
metadata:
  name: db
  labels:
    app: db
spec:
  containers:
    - name: redis
      image: redis:7
`;

/** Reads from the store through the test hook (plain data only crosses back). */
const state = (page, fn) => page.evaluate(`(${fn})(globalThis.kubeplayEngine.state())`);
const podIds = (page) => state(page, (s) => (s.snapshot?.objects ?? []).filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default').map((o) => o.metadata.name));
const restarts = (page, name) =>
  state(page, `(s) => s.snapshot?.objects.find((o) => o.kind === 'Pod' && o.metadata.name === '${name}')?.status?.containerStatuses?.[0]?.restartCount ?? -1`);
const clock = (page) => state(page, (s) => s.clock);
const waitPod = (page, name, present = true) =>
  waitFor(page, ([n, p]) => (globalThis.kubeplayEngine?.state().snapshot?.objects ?? []).some((o) => o.kind === 'Pod' && o.metadata.name === n) === p, [name, present]);

async function newFile(page, path) {
  await page.getByRole('button', { name: 'New file' }).click();
  const input = page.getByLabel('New file path');
  await input.fill(path);
  await input.press('Enter');
  await waitFor(page, (p) => globalThis.kubeplayEditor?.path() === p, path, 5000);
}

/** Types a line into the terminal and waits until `expect` shows up in its text. */
async function run(page, line, expect, timeout = 10000) {
  await page.click('.terminal-host');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  if (expect) await waitFor(page, (e) => globalThis.kubeplayTerminal?.text().includes(e), expect, timeout);
}
const termText = (page) => page.evaluate(() => globalThis.kubeplayTerminal?.text() ?? '');

/** Runs `fn` on a fresh starter workspace at `viewport`, then puts the earlier storage back. */
async function withStarter(page, url, viewport, fn) {
  if (!page.url().startsWith(url)) await page.goto(url);
  const saved = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  await page.setViewportSize(viewport);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await waitFor(page, () => !!globalThis.kubeplayEngine?.state().snapshot);
  try {
    await fn();
  } finally {
    await page.evaluate((s) => {
      localStorage.clear();
      for (const [k, v] of JSON.parse(s)) localStorage.setItem(k, v);
    }, saved);
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(url);
    await waitFor(page, () => !!globalThis.kubeplayEngine?.state().snapshot);
  }
}

export const tests = [
  {
    name: 'workbench: a fresh workspace with the file tree, tabs, time bar and terminal',
    run: async ({ page, url, artifacts }) => {
      await page.goto(url);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitFor(page, () => !!globalThis.kubeplayEditor && globalThis.kubeplayEngine?.state().snapshot);
      await page.getByRole('tree', { name: 'Files' }).waitFor();
      await page.getByRole('tab', { name: 'workspace.yaml' }).waitFor();
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      await page.screenshot({ path: join(artifacts, '20-workbench.png') });
    },
  },
  {
    name: 'file tree: add a file in a folder, rename it, switch tabs, delete and undo',
    run: async ({ page }) => {
      await newFile(page, 'apps/db.yaml');
      await paste(page, db);
      await waitPod(page, 'db');
      assert(await page.locator('.tree-row.folder', { hasText: 'apps' }).count() === 1, 'the apps folder is in the tree');

      await page.locator('.tree-row', { hasText: 'db.yaml' }).click();
      await page.keyboard.press('F2');
      const rename = page.getByLabel('Rename apps/db.yaml');
      await rename.fill('apps/database.yaml');
      await rename.press('Enter');
      await page.getByRole('tab', { name: 'database.yaml' }).waitFor();
      assert(await page.getByRole('tab', { name: 'db.yaml', exact: true }).count() === 0, 'the old tab is gone');
      await waitPod(page, 'db'); // same object, new file

      await page.getByRole('tab', { name: 'workspace.yaml' }).click();
      await waitFor(page, () => globalThis.kubeplayEditor.value().includes('name: web'));
      await page.getByRole('tab', { name: 'database.yaml' }).click();
      await waitFor(page, () => globalThis.kubeplayEditor.value().includes('name: db'));

      await page.locator('.tree-row', { hasText: 'database.yaml' }).click();
      await page.keyboard.press('Delete');
      await waitPod(page, 'db', false);
      await page.getByRole('status').filter({ hasText: 'Deleted apps/database.yaml' }).getByRole('button', { name: 'Undo' }).click();
      await waitPod(page, 'db');
      const files = await state(page, (s) => s.files.map((f) => f.path));
      assert(files.includes('apps/database.yaml'), `undo brings the file back: ${files}`);
    },
  },
  {
    name: 'file tree: a static pod folder for worker-1 gives a mirror pod',
    run: async ({ page, artifacts }) => {
      await page.getByLabel('Add a static pod to a node').selectOption('worker-1');
      await waitFor(page, () => globalThis.kubeplayEditor?.path() === 'nodes/worker-1/etc/kubernetes/manifests/static-web.yaml');
      await waitPod(page, 'static-web-worker-1');
      await page.screenshot({ path: join(artifacts, '21-files.png') });
    },
  },
  {
    name: 'editor → graph: the cursor in a manifest selects its object',
    run: async ({ page }) => {
      await page.getByRole('tab', { name: 'database.yaml' }).click();
      await page.locator('.monaco-editor .view-line', { hasText: 'image: redis:7' }).click();
      await waitFor(page, () => globalThis.kubeplayEngine.state().selected === 'Pod/default/db', null, 3000);
    },
  },
  {
    name: 'time: play moves the clock, pause stops it, step goes to the next event',
    run: async ({ page }) => {
      await newFile(page, 'crash.yaml');
      await paste(page, crasher);
      await waitPod(page, 'crasher');
      const t0 = (await clock(page)).time;
      await page.getByLabel('Playing speed').selectOption('10');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time > t + 20000, t0, 10000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      const paused = (await clock(page)).time;
      await page.waitForTimeout(400);
      assert((await clock(page)).time === paused, 'paused: the clock stands still');
      await page.getByRole('button', { name: 'Step' }).click();
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time > t, paused, 5000);
    },
  },
  {
    name: 'time: rewind brings the crashing pod back to fewer restarts; Latest replays to the same state',
    run: async ({ page, artifacts }) => {
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await waitFor(page, () => {
        const p = globalThis.kubeplayEngine.state().snapshot.objects.find((o) => o.metadata.name === 'crasher');
        return (p?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 3;
      }, null, 30000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
      const late = await clock(page);
      const lateRestarts = await restarts(page, 'crasher');
      const events = await state(page, (s) => s.ticks.length);
      assert(events > 0, 'the timeline has event ticks');

      // Click the timeline between the moment crash.yaml was written and now.
      const created = await page.evaluate(() => globalThis.kubeplayEngine.journal().findLast((i) => i.files?.some((f) => f.path === 'crash.yaml'))?.at);
      const target = created + (late.time - created) / 3;
      const box = await page.getByRole('slider', { name: /Timeline/ }).boundingBox();
      const span = Math.max(60000, late.head * 1.04);
      await page.mouse.click(box.x + box.width * (target / span), box.y + box.height / 2);
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time < t, late.time - 1000);
      const early = await restarts(page, 'crasher');
      assert(early >= 0 && early < lateRestarts, `rewound: the crasher exists with ${early} restarts < ${lateRestarts}`);
      assert((await page.getByTestId('clock').innerText()).includes('of'), 'the clock shows where we are of the recorded time');
      await page.screenshot({ path: join(artifacts, '22-rewound.png') });

      await page.getByRole('button', { name: /Latest/ }).click();
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time === t, late.time);
      assert((await restarts(page, 'crasher')) === lateRestarts, 'replayed to the same restart count');

      // The slider works from the keyboard too.
      await page.getByRole('slider', { name: /Timeline/ }).focus();
      await page.keyboard.press('Home');
      await waitFor(page, () => globalThis.kubeplayEngine.state().clock.time === 0);
      await page.keyboard.press('End');
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time === t, late.head);
    },
  },
  {
    name: 'terminal: kubectl get pods, Tab completion, history, ssh worker-1 prompt, trace',
    run: async ({ page, artifacts }) => {
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await waitFor(page, () => !!globalThis.kubeplayTerminal);
      await run(page, 'kubectl get pods', 'crasher');
      const out = await termText(page);
      assert(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/.test(out), `kubectl columns: ${out.slice(-400)}`);

      await page.keyboard.type('kubectl describe pods cr');
      await page.keyboard.press('Tab');
      await waitFor(page, () => globalThis.kubeplayTerminal.text().split('\n').at(-1).startsWith('$ kubectl describe pods crasher'));
      await page.keyboard.press('Enter');
      await waitFor(page, () => globalThis.kubeplayTerminal.text().includes('Back-off restarting failed container'));

      await run(page, 'ssh worker-1', 'root@worker-1:~#');
      await run(page, 'crictl ps', 'CONTAINER');
      await run(page, 'exit', 'Connection to worker-1 closed.');
      await page.keyboard.press('ArrowUp');
      await waitFor(page, () => globalThis.kubeplayTerminal.text().split('\n').at(-1).endsWith('$ exit'));
      await page.keyboard.press('Control+C');

      await run(page, 'trace --from node/worker-1 --to web:80', 'result:');
      const trace = await state(page, (s) => s.lastTrace?.trace.request);
      assert(trace?.to === 'web:80', `the trace is published for the graph: ${JSON.stringify(trace)}`);
      await page.screenshot({ path: join(artifacts, '23-terminal.png') });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(artifacts, '25-projector-terminal-1280x720.png') });
      await page.setViewportSize({ width: 1600, height: 900 });
    },
  },
  {
    name: 'events panel: like kubectl get events -w, warnings stand out',
    run: async ({ page, artifacts }) => {
      await page.getByRole('tab', { name: /^Events/ }).click();
      await page.locator('.events-table tr.warning', { hasText: 'BackOff' }).first().waitFor();
      const head = await page.locator('.events-table thead').innerText();
      assert(/LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/.test(head), `kubectl's columns: ${head}`);
      await page.screenshot({ path: join(artifacts, '24-events.png') });
      await page.getByRole('tab', { name: 'Terminal' }).click();
    },
  },
  {
    name: 'never lose text: a reload right after typing, and a crash of the engine',
    run: async ({ page }) => {
      await page.getByRole('tab', { name: 'crash.yaml' }).click();
      await page.locator('.monaco-editor .view-line').first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('# typed just before a reload\n');
      await page.reload();
      await waitFor(page, () => globalThis.kubeplayEditor?.value().startsWith('# typed just before a reload'));

      // The page keeps a copy of the inputs (here: the files loaded at t=0).
      await waitFor(page, () => globalThis.kubeplayEngine.journal().length >= 1 && globalThis.kubeplayEngine.state().status === 'idle');
      const before = await clock(page);
      await page.evaluate(() => globalThis.kubeplayEngine.kill());
      await waitFor(page, () => globalThis.kubeplayEngine.state().restarts === 1 && globalThis.kubeplayEngine.state().status === 'idle');
      const after = await clock(page);
      assert(after.time === before.time, `restored at the same moment: ${before.time} → ${after.time}`);
      assert((await page.evaluate(() => globalThis.kubeplayEditor.value())).startsWith('# typed just before'), 'the text is untouched');
      await paste(page, crasher.replace('crasher', 'survivor'));
      await waitPod(page, 'survivor');
      assert(!(await podIds(page)).includes('crasher'), 'the new engine follows edits');
    },
  },
  {
    name: 'schema: completion and hover docs from the bundled Kubernetes schema, offline; format document',
    run: async ({ page }) => {
      await newFile(page, 'schema-check.yaml');
      await paste(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: s\nspec:\n  ');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'containers' }).first().waitFor({ timeout: 10000 });
      await page.keyboard.press('Escape');

      // Hover documentation, and Format document.
      await paste(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n      name: s\nspec:\n  containers: []\n');
      await page.locator('.monaco-editor .view-line span', { hasText: /^containers$/ }).hover();
      await page.locator('.monaco-hover', { hasText: 'List of containers belonging to the pod' }).waitFor({ timeout: 10000 });
      await page.getByRole('button', { name: 'Format' }).click();
      await waitFor(page, () => globalThis.kubeplayEditor.value().includes('metadata:\n  name: s'), null, 10000);
    },
  },
  {
    name: 'data path legible at 1440×900 with the default split: KUBE-SERVICES → the Service’s chains, rules ≥ 12 px, full line on hover and click',
    run: async ({ page, url, artifacts }) => {
      await withStarter(page, url, { width: 1440, height: 900 }, async () => {
        await page.getByRole('tab', { name: 'Data path' }).click();
        const services = page.locator('.react-flow__node-chain[data-id="chain:nat/KUBE-SERVICES"]');
        await services.waitFor({ timeout: 15000 });
        await waitFor(page, () => document.querySelectorAll('.react-flow__node-endpoint').length === 3);
        await settled(page);
        const seen = await page.evaluate(() => {
          const zoom = Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]);
          const pane = document.querySelector('.react-flow__renderer').getBoundingClientRect();
          const box = (sel) => document.querySelector(sel)?.getBoundingClientRect();
          const px = (sel) => Math.min(...[...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom));
          const svc = box('.react-flow__node-chain[data-id^="chain:nat/KUBE-SVC-"]');
          return {
            zoom, pane: { left: pane.left, right: pane.right, top: pane.top, bottom: pane.bottom },
            services: box('.react-flow__node-chain[data-id="chain:nat/KUBE-SERVICES"]'), svcLeft: svc?.left,
            name: px('.chain-name'), rule: Math.min(px('.rule-match'), px('.rule-action')),
            cut: [...document.querySelectorAll('.rule-match, .rule-action')].filter((e) => e.scrollWidth > e.clientWidth).length,
          };
        });
        const s = seen.services;
        assert(seen.zoom >= 0.9, `opens at a readable zoom, not fit-all: ${seen.zoom}`);
        assert(s.left >= seen.pane.left && s.right <= seen.pane.right && s.top >= seen.pane.top && s.bottom <= seen.pane.bottom, `KUBE-SERVICES whole in view: ${JSON.stringify(seen)}`);
        assert(seen.svcLeft < seen.pane.right - 100, `web's KUBE-SVC chain starts in view: ${JSON.stringify(seen)}`);
        assert(seen.name >= 13 && seen.rule >= 11.9, `chain names ${seen.name.toFixed(1)} px, rules ${seen.rule.toFixed(1)} px on screen`);
        // A gist cut short says so (…) and carries the whole iptables-save line as its tooltip.
        const row = services.locator('.rule-row').nth(1);
        const title = await row.getAttribute('title');
        assert(/^-A KUBE-SERVICES -d 10\.\d+\.\d+\.\d+\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-[A-Z0-9]{16}$/.test(title), `row tooltip: ${title}`);
        assert(seen.cut > 0 && await row.locator('.rule-match').evaluate((e) => getComputedStyle(e).textOverflow) === 'ellipsis', 'long gists end with an ellipsis');
        await row.hover();
        await row.click();
        assert((await page.getByTestId('rule-line').innerText()) === title, 'a click shows the same line in the inspector');
        await page.screenshot({ path: join(artifacts, '26-datapath-default-split-1440x900.png') });
      });
    },
  },
  {
    name: 'terminal panel resizes: drag its separator or ↑/↓ on it, remembered, xterm refits',
    run: async ({ page, url, artifacts }) => {
      await withStarter(page, url, { width: 1440, height: 900 }, async () => {
        await page.getByRole('tab', { name: 'Terminal' }).click();
        await waitFor(page, () => !!globalThis.kubeplayTerminal);
        const sep = page.getByRole('separator', { name: 'Resize the terminal panel' });
        const dock = page.locator('.dock');
        const before = { h: (await dock.boundingBox()).height, rows: await page.evaluate(() => globalThis.kubeplayTerminal.rows()) };
        assert(Number(await sep.getAttribute('aria-valuenow')) === Math.round(before.h), `aria-valuenow is the height: ${await sep.getAttribute('aria-valuenow')} vs ${before.h}`);
        // Mouse: drag the separator up by 200 px.
        const b = await sep.boundingBox();
        await page.mouse.move(b.x + 300, b.y + b.height / 2);
        await page.mouse.down();
        await page.mouse.move(b.x + 300, b.y - 100, { steps: 4 });
        await page.mouse.move(b.x + 300, b.y - 200, { steps: 4 });
        await page.mouse.up();
        await waitFor(page, (h) => document.querySelector('.dock').getBoundingClientRect().height > h + 190, before.h);
        await waitFor(page, (r) => globalThis.kubeplayTerminal.rows() >= r + 8, before.rows);
        const dragged = Number(await sep.getAttribute('aria-valuenow'));
        // Keyboard: focus the separator, ↓ twice shrinks by 2 × 24 px; Home is the minimum.
        await sep.focus();
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        assert(Number(await sep.getAttribute('aria-valuenow')) === dragged - 48, 'ArrowDown shrinks the panel');
        await page.keyboard.press('ArrowUp');
        const kept = Number(await sep.getAttribute('aria-valuenow'));
        assert(kept === dragged - 24, 'ArrowUp grows it');
        await page.screenshot({ path: join(artifacts, '27-terminal-resized.png') });
        await page.reload();
        await waitFor(page, () => !!globalThis.kubeplayEngine?.state().snapshot);
        await page.getByRole('separator', { name: 'Resize the terminal panel' }).waitFor();
        assert(Math.round((await page.locator('.dock').boundingBox()).height) === kept, 'the height survives a reload');
        await page.getByRole('separator', { name: 'Resize the terminal panel' }).focus();
        await page.keyboard.press('Home');
        assert(Number(await page.getByRole('separator', { name: 'Resize the terminal panel' }).getAttribute('aria-valuenow')) === 120, 'Home: the smallest');
      });
    },
  },
  {
    name: 'workbench: no request left localhost; no page errors',
    run: async ({ offsite, pageErrors }) => {
      assert(offsite.length === 0, `off-site requests: ${offsite.join(', ')}`);
      assert(pageErrors.length === 0, `page errors: ${pageErrors.join('\n')}`);
    },
  },
];
