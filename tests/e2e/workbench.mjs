// The workbench around the graph: file tree and tabs, the simulated clock (play, pause, step,
// rewind), the terminal, the events panel, and text that survives reloads and engine crashes.
import { join } from 'node:path';

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

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Reads from the store through the test hook (plain data only crosses back). */
const state = (page, fn) => page.evaluate(`(${fn})(globalThis.kubeplayEngine.state())`);
const podIds = (page) => state(page, (s) => (s.snapshot?.objects ?? []).filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default').map((o) => o.metadata.name));
const restarts = (page, name) =>
  state(page, `(s) => s.snapshot?.objects.find((o) => o.kind === 'Pod' && o.metadata.name === '${name}')?.status?.containerStatuses?.[0]?.restartCount ?? -1`);
const clock = (page) => state(page, (s) => s.clock);
const waitFor = (page, fn, arg, timeout = 15000) => page.waitForFunction(fn, arg, { timeout, polling: 100 });
const waitPod = (page, name, present = true) =>
  waitFor(page, ([n, p]) => (globalThis.kubeplayEngine?.state().snapshot?.objects ?? []).some((o) => o.kind === 'Pod' && o.metadata.name === n) === p, [name, present]);

/** Replace the active file's text the way a user would: select all and paste. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await waitFor(page, (t) => globalThis.kubeplayEditor?.value() === t, text, 5000);
}

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
    name: 'workbench: no request left localhost; no page errors',
    run: async ({ offsite, pageErrors }) => {
      assert(offsite.length === 0, `off-site requests: ${offsite.join(', ')}`);
      assert(pageErrors.length === 0, `page errors: ${pageErrors.join('\n')}`);
    },
  },
];
