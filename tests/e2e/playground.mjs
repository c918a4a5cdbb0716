// The playground's end-to-end scenarios, run in order against one page by run.mjs.
import { join } from 'node:path';
import { assert, paste } from './helpers.mjs';

const apiYaml = (replicas, replicasLine = `  replicas: ${replicas}`) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
${replicasLine}
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: httpd
          image: httpd:2.4
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 8080
      targetPort: 80
`;
const troubleYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: 1
  selector:
    matchLabels:
      app: broken
  template:
    metadata:
      labels:
        app: broken
    spec:
      containers:
        - name: app
          image: nginx:doesnotexist
---
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    disktype: ssd
  containers:
    - name: app
      image: busybox
      command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox
      command: ["sh", "-c", "sleep 2; exit 1"]
`;
const BROKEN_LINE = 6; // `  replicas: 3: 4`: a mapping inside a compact mapping

/** Pod ids, service edge ids and where each pod sits, read from the rendered graph. */
const readGraph = (page) =>
  page.evaluate(() => {
    const box = (el) => el.getBoundingClientRect();
    const workers = [...document.querySelectorAll('.react-flow__node-node')].filter((n) => n.querySelector('[data-role=worker]'));
    const pods = [...document.querySelectorAll('.react-flow__node-pod')].filter((el) => el.dataset.id.startsWith('Pod/default/')).map((el) => {
      const b = box(el);
      const inWorker = workers.some((w) => {
        const g = box(w);
        return b.left >= g.left && b.right <= g.right && b.top >= g.top && b.bottom <= g.bottom;
      });
      return { id: el.dataset.id, inWorker, status: el.querySelector('[data-status]')?.dataset.status };
    });
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => el.dataset.id);
    return { pods, edges };
  });

async function waitForPods(page, prefix, count, timeout = 15000) {
  await page.waitForFunction(
    ([prefix, count]) => {
      // Only the workloads under test (namespace default), not the cluster's own pods.
      const ids = [...document.querySelectorAll('.react-flow__node-pod')].map((el) => el.dataset.id).filter((id) => id.startsWith('Pod/default/'));
      return ids.length === count && ids.every((id) => new RegExp(`^Pod/[^/]*/${prefix}-`).test(id));
    },
    [prefix, count],
    { timeout, polling: 'raf' },
  );
}

/** Wait for the animated fit-to-view to finish: the viewport transform holds still for 150 ms. */
async function viewSettled(page) {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('.react-flow__viewport')?.style.transform;
      const same = t === globalThis.lastViewport;
      globalThis.lastViewport = t;
      return same;
    },
    null,
    { polling: 150, timeout: 5000 },
  );
}

async function shoot(page, artifacts, name) {
  await viewSettled(page);
  await page.screenshot({ path: join(artifacts, name) });
}

const edgesOf = (edges, svc) => edges.filter((id) => new RegExp(`^svc:Service/[^/]*/${svc}->`).test(id));

export const tests = [
  {
    name: 'first-load JS stays within budget',
    run: async ({ firstLoadKb, budgetKb }) => assert(firstLoadKb <= budgetKb, `${firstLoadKb.toFixed(1)} kB > ${budgetKb} kB`),
  },
  {
    name: 'starter scenario: nginx Deployment and Service on first open',
    run: async ({ page, url, artifacts, timings }) => {
      const t0 = Date.now();
      await page.goto(url);
      await waitForPods(page, 'web', 3);
      timings['open → starter graph'] = Date.now() - t0;
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      assert((await page.locator('header').innerText()).includes('kubeplay'), 'header names the product');
      const { pods, edges } = await readGraph(page);
      assert(pods.every((p) => p.inWorker), `starter pods inside worker nodes: ${JSON.stringify(pods)}`);
      assert(edgesOf(edges, 'web').length === 3, `service web has 3 edges: ${edges}`);
      await shoot(page, artifacts, '01-starter.png');
    },
  },
  {
    name: 'paste a Deployment (3 replicas) + Service: 3 pods inside workers, 3 service edges',
    run: async ({ page, artifacts, timings }) => {
      const t0 = await paste(page, apiYaml(3));
      await waitForPods(page, 'api', 3);
      await page.waitForFunction(() => [...document.querySelectorAll('.react-flow__edge')].filter((e) => /^svc:Service\/[^/]*\/api->/.test(e.dataset.id)).length === 3, null, { polling: 'raf', timeout: 5000 });
      timings['paste → graph (3 api pods)'] = Date.now() - t0;
      const { pods, edges } = await readGraph(page);
      assert(pods.length === 3 && pods.every((p) => p.inWorker), `3 pods inside worker node groups: ${JSON.stringify(pods)}`);
      assert(edgesOf(edges, 'api').length === 3, `service api has 3 edges: ${edges}`);
      assert(pods.every((p) => p.status === 'Running'), `pods are Running: ${JSON.stringify(pods)}`);
      await shoot(page, artifacts, '02-pasted.png');
    },
  },
  {
    name: 'broken YAML: marker on the broken line, graph unchanged; fixed: graph updates',
    run: async ({ page, artifacts, timings }) => {
      const before = await readGraph(page);
      await paste(page, apiYaml(3, '  replicas: 3: 4'));
      await page.waitForFunction((line) => (globalThis.kubeplayEditor?.markers() ?? []).some((m) => m.startLineNumber === line), BROKEN_LINE, { timeout: 5000 });
      await page.waitForSelector('.squiggly-error', { timeout: 5000 });
      const errorText = await page.getByTestId('error-count').innerText();
      assert(/\d+ errors?/.test(errorText), `status bar counts errors: ${errorText}`);
      const during = await readGraph(page);
      assert(JSON.stringify(during.pods.map((p) => p.id)) === JSON.stringify(before.pods.map((p) => p.id)), 'pods unchanged while broken');
      assert(JSON.stringify(during.edges) === JSON.stringify(before.edges), 'edges unchanged while broken');
      await shoot(page, artifacts, '03-broken.png');

      const t0 = await paste(page, apiYaml(4));
      await waitForPods(page, 'api', 4);
      timings['fix → graph (4 api pods)'] = Date.now() - t0;
      await page.waitForFunction(() => (globalThis.kubeplayEditor?.markers() ?? []).length === 0, null, { timeout: 5000 });
      assert((await page.getByTestId('error-count').innerText()) === 'No errors', 'status bar clear after the fix');
      const after = await readGraph(page);
      const kept = before.pods.every((p) => after.pods.some((q) => q.id === p.id));
      assert(kept, 'the 3 existing pods survive a scale-up');
      await shoot(page, artifacts, '04-fixed.png');
    },
  },
  {
    name: 'editor text survives a reload',
    run: async ({ page, artifacts }) => {
      await page.reload();
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      const text = await page.evaluate(() => globalThis.kubeplayEditor.value());
      assert(text === apiYaml(4), 'the pasted text is back after reload');
      await waitForPods(page, 'api', 4);
      await shoot(page, artifacts, '05-reloaded.png');
    },
  },
  {
    name: 'trouble: an unschedulable pod waits outside the nodes, failing pods turn red',
    run: async ({ page, artifacts }) => {
      await paste(page, troubleYaml);
      await page.waitForFunction(
        // Off-screen nodes are not rendered (onlyRenderVisibleElements): wait for all three.
        () => ['/picky', '/crasher', '/broken-'].every((s) => document.querySelector(`.react-flow__node-pod[data-id*="${s}"]`)),
        null,
        { timeout: 15000, polling: 'raf' },
      );
      await viewSettled(page); // nodes outside the view mid-animation are not in the DOM
      const where = await page.evaluate(() => {
        const inside = (el, sel) => [...document.querySelectorAll(sel)].some((g) => {
          const a = el.getBoundingClientRect();
          const b = g.getBoundingClientRect();
          return a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
        });
        return [...document.querySelectorAll('.react-flow__node-pod')].filter((el) => el.dataset.id.startsWith('Pod/default/')).map((el) => ({
          id: el.dataset.id,
          status: el.querySelector('[data-status]').dataset.status,
          red: !!el.querySelector('.tone-bad'),
          inNode: inside(el, '.react-flow__node-node'),
          inUnscheduled: inside(el, '.react-flow__node-unscheduled'),
        }));
      });
      const picky = where.find((p) => p.id.endsWith('/picky'));
      assert(picky && picky.inUnscheduled && !picky.inNode && picky.status === 'Pending', `picky waits outside nodes: ${JSON.stringify(picky)}`);
      const broken = where.find((p) => p.id.includes('/broken-'));
      assert(broken?.inNode && broken.red && /ImagePull|ErrImage/.test(broken.status), `a bad image is red, inside a node: ${JSON.stringify(broken)}`);
      const crasher = where.find((p) => p.id.endsWith('/crasher'));
      assert(crasher?.inNode, `crasher runs on a node: ${JSON.stringify(crasher)}`);
      await shoot(page, artifacts, '06-trouble.png');
    },
  },
  {
    name: 'clicking a pod shows where it comes from in the editor',
    run: async ({ page }) => {
      await page.click('.react-flow__node-pod[data-id$="/crasher"]');
      const crasherLine = troubleYaml.split('\n').indexOf('  name: crasher') + 1;
      await page.waitForFunction((max) => { const l = globalThis.kubeplayEditor?.selectedLine(); return l && l <= max && l >= max - 3; }, crasherLine, { timeout: 3000 });
      await page.click('.react-flow__node-pod[data-id*="/broken-"]');
      await page.waitForFunction(() => globalThis.kubeplayEditor?.selectedLine() === 1, null, { timeout: 3000 });
    },
  },
  {
    name: 'the editor/graph divider resizes from the keyboard',
    run: async ({ page }) => {
      const width = () => page.locator('.editor-pane').evaluate((el) => el.getBoundingClientRect().width);
      const before = await width();
      await page.getByRole('separator', { name: 'Resize editor and graph' }).focus();
      await page.keyboard.press('ArrowRight');
      const after = await width();
      assert(after > before + 40, `editor widened: ${before} → ${after}`);
      await page.keyboard.press('ArrowLeft');
    },
  },
  {
    name: 'Reset scenario brings the starter back; legible on a 1280×720 projector',
    run: async ({ page, artifacts }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.getByRole('button', { name: 'Reset scenario' }).click();
      await waitForPods(page, 'web', 3);
      const text = await page.evaluate(() => globalThis.kubeplayEditor.value());
      assert(text.includes('name: web') && text.includes('kind: Service'), 'starter text is back in the editor');
      await shoot(page, artifacts, '07-projector-1280x720.png');
      await page.setViewportSize({ width: 1600, height: 900 });
    },
  },
  {
    name: 'system pods are hidden by default and shown on request',
    run: async ({ page, artifacts }) => {
      const systemPods = () => page.locator('.react-flow__node-pod[data-id^="Pod/kube-"]').count();
      assert((await systemPods()) === 0, 'no kube-* pods while hidden');
      const toggle = page.getByRole('button', { name: 'Show system pods' });
      await toggle.click();
      await page.getByRole('button', { name: 'Hide system pods', pressed: true }).waitFor({ timeout: 3000 });
      await viewSettled(page);
      console.log(`      (${await systemPods()} system pods shown)`);
      await shoot(page, artifacts, '08-system-pods.png');
      await page.getByRole('button', { name: 'Hide system pods' }).click();
      await page.waitForFunction(() => !document.querySelector('.react-flow__node-pod[data-id^="Pod/kube-"]'), null, { timeout: 3000 });
    },
  },
  {
    name: 'every button has an accessible name',
    run: async ({ page }) => {
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('button, [role=button]')]
          .filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim() || b.getAttribute('title')))
          .map((b) => b.outerHTML.slice(0, 120)),
      );
      assert(unnamed.length === 0, `unnamed buttons: ${unnamed.join('\n')}`);
    },
  },
  {
    name: 'no request left localhost; no page errors',
    run: async ({ offsite, pageErrors }) => {
      assert(offsite.length === 0, `off-site requests: ${offsite.join(', ')}`);
      assert(pageErrors.length === 0, `page errors: ${pageErrors.join('\n')}`);
    },
  },
];
