// The graph views and the inspector, end to end: cluster, node internals, data path (a rule's
// exact line), why a pod is Pending, a packet trace played hop by hop, what an edit did, the
// pod's journey, and search. Screenshots go to tests/artifacts/2x-*.png.
import { join } from 'node:path';
import { assert, paste as pasteInto, waitFor } from './helpers.mjs';
import { trial } from './trial.mjs';

const web = (extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
${extra}`;
const picky = `---
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
`;
const apiService = `---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: web
  ports:
    - port: 8080
      targetPort: 80
`;

const paste = (page, text) => pasteInto(page, text, { tab: 'workspace.yaml' });

/** Wait for the animated fit-to-view to finish: the viewport transform holds still for 150 ms. */
async function settled(page) {
  await page.waitForFunction(() => {
    const t = document.querySelector('.react-flow__viewport')?.style.transform;
    const same = t === globalThis.lastViewport;
    globalThis.lastViewport = t;
    return same;
  }, null, { polling: 150, timeout: 5000 });
}

async function shoot(page, artifacts, name) {
  await settled(page);
  await page.screenshot({ path: join(artifacts, name) });
}

const view = (page, name) => page.getByRole('tablist', { name: 'Graph view' }).getByRole('tab', { name }).click();
const inspectorTab = (page, name) => page.getByRole('tablist', { name: 'Inspector' }).getByRole('tab', { name }).click();

export const tests = [
  {
    name: 'graph / cluster view shows the control plane, each node’s kubelet, kube-proxy and runtime, pods and Services',
    run: async ({ page, url, artifacts }) => {
      await page.goto(url);
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      // Fewer panes, more graph: the terminal dock is the teammate's, closed for these views.
      await page.evaluate(() => localStorage.setItem('kubeplay.dock.v1', 'closed'));
      await page.reload();
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      await paste(page, web());
      await view(page, 'Cluster');
      await waitFor(page, () => document.querySelectorAll('.react-flow__node-pod[data-id^="Pod/default/web-"]').length === 3);
      const chips = await page.locator('.react-flow__node-controlplane .cp-label').allInnerTexts();
      assert(chips.join('|') === 'API server|etcd|scheduler|controller manager|CoreDNS', `control plane chips: ${chips}`);
      const badges = await page.locator('.react-flow__node-node[data-id="Node//worker-1"] .badge').allInnerTexts();
      assert(badges.length === 3 && badges[0] === 'kubelet' && badges[1] === 'kube-proxy' && /^containerd /.test(badges[2]), `worker-1 badges: ${badges}`);
      await shoot(page, artifacts, '20-cluster.png');
    },
  },
  {
    name: 'graph / node internals of worker-1 — sandboxes with pause and containers, veths to cni0, routes',
    run: async ({ page, artifacts }) => {
      await view(page, 'Node internals');
      await page.getByLabel('Node', { exact: true }).selectOption('worker-1');
      await page.waitForSelector('.react-flow__node-sandbox', { timeout: 10000 });
      await page.waitForSelector('.react-flow__node-bridge');
      const containers = await page.locator('.react-flow__node-container .ctr-name').allInnerTexts();
      assert(containers.includes('pause') && containers.includes('nginx'), `containers: ${containers}`);
      // Edges are drawn once their nodes are measured, a frame or more after the nodes appear.
      await waitFor(page, () => [...document.querySelectorAll('.react-flow__edge-text')].some((e) => /^veth[0-9a-f]{8}$/.test(e.textContent ?? '')));
      const labels = await page.locator('.react-flow__edge-text').allTextContents();
      assert(labels.some((l) => /^veth[0-9a-f]{8}$/.test(l)), `a veth per pod: ${labels}`);
      assert(labels.includes('10.244.2.0/24') && labels.includes('CRI'), `routes and CRI: ${labels}`);
      await shoot(page, artifacts, '21-node-internals.png');
    },
  },
  {
    name: 'graph / data path — chains with their rules, jumps, DNAT to pods; a rule’s exact iptables-save line',
    run: async ({ page, artifacts }) => {
      await view(page, 'Data path');
      await page.waitForSelector('.react-flow__node-chain[data-id="chain:nat/KUBE-SERVICES"]', { timeout: 10000 });
      await waitFor(page, () => document.querySelectorAll('.react-flow__node-chain[data-id^="chain:nat/KUBE-SEP-"]').length === 3 && document.querySelectorAll('.react-flow__node-endpoint').length === 3);
      const svc = page.locator('.react-flow__node-chain[data-id^="chain:nat/KUBE-SVC-"]');
      assert((await svc.count()) === 1, 'one KUBE-SVC chain for web');
      const edges = await page.locator('.react-flow__edge-text').allTextContents();
      assert(['p=0.333', 'p=0.5', 'else', 'DNAT'].every((l) => edges.includes(l)), `jump labels: ${edges}`);
      await svc.locator('.rule-row[data-rule="2"]').click();
      const line = await page.getByTestId('rule-line').innerText();
      assert(/^-A KUBE-SVC-[A-Z0-9]{16} -m comment --comment "default\/web -> 10\.244\.\d+\.\d+:80" -m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-[A-Z0-9]{16}$/.test(line), `the rule's line: ${line}`);
      await shoot(page, artifacts, '22-datapath-rule.png');
    },
  },
  {
    name: 'graph / inspector: why a pod is Pending — the scheduler’s verdict for every node in plain words',
    run: async ({ page, artifacts }) => {
      await paste(page, web() + picky);
      await view(page, 'Cluster');
      await page.waitForSelector('.react-flow__node-pod[data-id="Pod/default/picky"]', { timeout: 15000 });
      await settled(page);
      await page.click('.react-flow__node-pod[data-id="Pod/default/picky"]');
      const why = page.getByRole('region', { name: 'Why' });
      await why.waitFor({ timeout: 5000 });
      const text = await why.innerText();
      assert(/0\/3 nodes are available/.test(text), `scheduler message: ${text}`);
      assert(text.includes("worker-1: rejected by NodeAffinity — the pod's nodeSelector wants disktype=ssd; this node has no such label"), `worker-1 verdict: ${text}`);
      assert(/control-plane: rejected by TaintToleration — the node is tainted node-role\.kubernetes\.io\/control-plane:NoSchedule/.test(text), `control-plane verdict: ${text}`);
      await shoot(page, artifacts, '23-why-pending.png');
    },
  },
  {
    name: 'graph / trace: a packet from a pod to web:80 lights its path hop by hop on the data path',
    run: async ({ page, artifacts }) => {
      await inspectorTab(page, 'Trace a packet');
      const from = await page.getByLabel('Trace from').locator('option').evaluateAll((os) => os.map((o) => o.value).find((v) => v.startsWith('pod/web-')));
      await page.getByLabel('Trace from').selectOption(from);
      await page.getByLabel('Trace to').fill('web:80');
      // The To combobox's suggestions cover the button while they are open: the click goes to it.
      await page.getByRole('button', { name: 'Trace', exact: true }).dispatchEvent('click');
      await page.waitForSelector('.rule-row.current', { timeout: 5000 });
      // Follow the lit row until the packet arrives: the chains it passes, in order.
      const seen = await page.evaluate(async () => {
        const chains = [];
        for (let i = 0; i < 120 && !document.querySelector('.react-flow__node-endpoint .endpoint.traced'); i++) {
          const id = document.querySelector('.rule-row.current')?.closest('.react-flow__node')?.dataset.id;
          if (id && chains.at(-1) !== id) chains.push(id);
          await new Promise((r) => setTimeout(r, 50));
        }
        return chains;
      });
      const order = ['chain:nat/PREROUTING', 'chain:nat/KUBE-SERVICES', 'chain:nat/KUBE-SVC-', 'chain:nat/KUBE-SEP-'].map((p) => seen.findIndex((id) => id.startsWith(p)));
      assert(order.every((i) => i >= 0) && order.every((i, k) => k === 0 || i > order[k - 1]), `hops in order: ${seen.join(' → ')}`);
      await page.waitForSelector('.react-flow__node-endpoint .endpoint.traced', { timeout: 10000 });
      assert((await page.getByRole('tab', { name: 'Data path' }).getAttribute('aria-selected')) === 'true', 'the trace opened the data path');
      const outcome = await page.locator('.trace-outcome').innerText();
      assert(/delivered to pod default\/web-/.test(outcome), `outcome: ${outcome}`);
      // Which probability is which: a random rule's own p beside it, the whole path's (its factors) under the outcome.
      assert(/probability of this whole path: 0\.\d{3} = 0\.\d{3}( × 0\.\d{3})* \(each random rule/.test(outcome), `path probability labelled: ${outcome}`);
      const branches = await page.locator('.hop-branch').allTextContents();
      assert(branches.length > 0 && branches.every((b) => /random branch p=[\d.]+: (not )?taken — p = this rule’s own chance \(statistic match\)/.test(b)), `branch p labelled: ${branches}`);
      await shoot(page, artifacts, '24-trace.png');
    },
  },
  {
    name: 'graph / what my edit did: a new Service’s chains and rules light up on the data path and are listed',
    run: async ({ page, artifacts }) => {
      await paste(page, web() + picky + apiService);
      await page.waitForSelector('.react-flow__node.chg-added[data-id^="chain:nat/KUBE-SVC-"]', { timeout: 10000 });
      await page.waitForSelector('.react-flow__node-chain[data-id="chain:nat/KUBE-SERVICES"] .rule-row.hot');
      await inspectorTab(page, 'What changed');
      const list = (await page.locator('.change-list').innerText()).replace(/\n/g, ' | ');
      assert(/service\/api/.test(list) && /chain nat\/KUBE-SVC-/.test(list) && /chain nat\/KUBE-SERVICES \| \+1 rule on worker-\d/.test(list), `changes listed: ${list}`);
      // Each chain lists the very lines it gained, as iptables-save prints them; one opens its row.
      // (Shown on one line without the `-A CHAIN` the heading says, the target always in view; the
      // whole line is the tooltip.)
      const rule = page.locator('.change-rule .change-line[title^="-A KUBE-SERVICES "][title*="default/api cluster IP"]');
      assert((await rule.count()) === 1, `the new KUBE-SERVICES line: ${await page.locator('.change-rules').allInnerTexts()}`);
      const dnat = page.locator('.change-rule .change-line[title^="-A KUBE-SEP-"][title*=" -j DNAT --to-destination 10.244."]');
      assert((await dnat.count()) >= 1, 'a DNAT line of the new Service');
      // Matches on one line (cut), the target whole: nothing runs out of the column.
      const fit = await page.locator('.change-rule .change-line').evaluateAll((els) => els.map((e) => {
        const body = e.querySelector('.rule-body');
        const jump = e.querySelector('.rule-jump');
        return {
          bodyLines: Math.round(body.getBoundingClientRect().height / (1.4 * parseFloat(getComputedStyle(body).fontSize))),
          jumpWhole: !jump || jump.scrollWidth <= jump.clientWidth + 1,
          inside: e.getBoundingClientRect().right <= e.closest('.change-list').getBoundingClientRect().right + 1,
        };
      }));
      assert(fit.every((f) => f.bodyLines <= 1 && f.jumpWhole && f.inside), `rule lines fit the column: ${JSON.stringify(fit)}`);
      assert(/^-j DNAT --to-destination 10\.244\./.test(await dnat.first().locator('.rule-jump').innerText()), 'the DNAT target shown whole');
      await shoot(page, artifacts, '25-what-changed.png');
      await rule.click();
      await page.waitForSelector('.react-flow__node-chain[data-id="chain:nat/KUBE-SERVICES"] .rule-row.selected', { timeout: 5000 });
      const shown = await page.locator('.react-flow__node-chain[data-id="chain:nat/KUBE-SERVICES"] .rule-row.selected').getAttribute('title');
      assert(/default\/api cluster IP/.test(shown ?? ''), `the selected row is the rule clicked: ${shown}`);
      // The highlight is for a few seconds, then the graph is calm again.
      await page.waitForSelector('.react-flow__node.chg-added', { state: 'detached', timeout: 10000 });
    },
  },
  {
    name: 'graph / journey: a pod’s 8 steps play across the cluster view; search jumps to an object',
    run: async ({ page, artifacts }) => {
      await view(page, 'Cluster');
      await page.locator('.wb-search input').fill('picky');
      await page.locator('.wb-search input').press('Enter');
      await page.getByRole('heading', { name: /picky/ }).waitFor({ timeout: 5000 });
      // Searching selects too: the first pod of the web Deployment, centred (ids match as well as names).
      await page.locator('.wb-search input').fill('Pod/default/web-');
      await page.locator('.wb-search input').press('Enter');
      await page.getByRole('heading', { name: /web-/ }).waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: '▶ Replay how it was created' }).click();
      const lit = await page.evaluate(async () => {
        const seen = [];
        for (let i = 0; i < 250; i++) {
          const el = document.querySelector('.journey-here');
          const what = el?.dataset.role ?? el?.className.split(' ')[0];
          if (what && seen.at(-1) !== what) seen.push(what);
          if (seen.includes('pod')) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        return seen;
      });
      assert(['apiserver', 'etcd', 'scheduler', 'badge', 'pod'].every((s) => lit.includes(s)) && lit.indexOf('apiserver') < lit.indexOf('pod'), `journey lit: ${lit}`);
      await shoot(page, artifacts, '26-journey.png');
    },
  },
  {
    name: 'graph / legible at 1440×900: at the default split pod name, status and IP are ≥ 11 px on screen; labels explained',
    run: ({ page, url, artifacts }) => atSize(page, 1440, 900, async () => {
      await page.goto(url);
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      await paste(page, web());
      await view(page, 'Cluster');
      await waitFor(page, () => document.querySelectorAll('.react-flow__node-pod[data-id^="Pod/default/web-"]').length === 3);
      // Pods the paste removed linger a few seconds as ghosts; the view is judged once they are gone.
      await waitFor(page, () => !document.querySelector('[data-id^="ghost:"]'), null, 10000);
      await settled(page);
      const seen = await page.evaluate(() => {
        const zoom = Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]);
        const host = document.querySelector('.flow-host').getBoundingClientRect();
        const onScreen = [...document.querySelectorAll('.react-flow__node-pod[data-id^="Pod/default/web-"]')].filter((n) => {
          const r = n.getBoundingClientRect();
          return r.right > host.left && r.left < host.right && r.bottom > host.top && r.top < host.bottom;
        });
        const px = (el) => parseFloat(getComputedStyle(el).fontSize) * zoom;
        const texts = onScreen.flatMap((n) => [n.querySelector('.pod-name'), n.querySelector('.pod-status'), n.querySelector('.pod-row.mono span')]);
        return { zoom, pods: onScreen.length, smallest: Math.min(...texts.map(px)), width: host.width };
      });
      assert(seen.pods >= 2, `the workload's pods in view: ${JSON.stringify(seen)}`);
      assert(seen.smallest >= 11, `pod text on screen ≥ 11 px: ${JSON.stringify(seen)}`);
      const pod = page.locator('.react-flow__node-pod[data-id^="Pod/default/web-"]').first();
      assert((await pod.locator('.pod-qos').getAttribute('aria-label')) === 'QoS class: BestEffort', 'QoS explained');
      assert((await pod.locator('.pod-restarts').getAttribute('aria-label')) === 'Restarts: 0', 'restarts explained');
      const rev = await page.getByTestId('revision').getAttribute('aria-label');
      assert(/^API server resourceVersion \d+$/.test(rev ?? ''), `revision explained: ${rev}`);
      await page.screenshot({ path: join(artifacts, '27-cluster-1440.png') });
      // Zoomed far out, a click on a pod brings it up to where its text is readable.
      for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomout').click();
      await settled(page);
      const zoomOf = () => page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]));
      const out = await zoomOf();
      assert(out < 0.6, `zoomed out: ${out}`);
      await page.locator('.react-flow__node-pod[data-id^="Pod/default/web-"]').first().click();
      await settled(page);
      const back = await zoomOf();
      assert(back >= 0.85, `a click on a tiny pod zooms to it: ${out} → ${back}`);
    }),
  },
  {
    name: 'graph / 1280×720: the header on one line, no minimap over a small graph, a shorter dock',
    run: ({ page, url, artifacts }) => atSize(page, 1280, 720, async () => {
      await page.evaluate(() => {
        localStorage.removeItem('kubeplay.dock-height.v1');
        localStorage.removeItem('kubeplay.dock.v1');
      });
      await page.goto(url);
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      await view(page, 'Cluster');
      await page.waitForSelector('.react-flow__node-pod', { timeout: 10000 });
      if (!(await page.locator('.dock.open').count())) await page.getByRole('tab', { name: 'Terminal' }).click();
      await settled(page);
      const got = await page.evaluate(() => {
        const buttons = [...document.querySelectorAll('.header .btn')].map((b) => b.getBoundingClientRect());
        const host = document.querySelector('.flow-host');
        return {
          header: document.querySelector('.header').getBoundingClientRect().height,
          tallest: Math.max(...buttons.map((b) => b.height)),
          tops: new Set(buttons.map((b) => Math.round(b.top))).size,
          pane: [host.clientWidth, host.clientHeight],
          minimap: document.querySelectorAll('.react-flow__minimap').length,
          dock: document.querySelector('.dock.open').getBoundingClientRect().height,
        };
      });
      assert(got.tops === 1 && got.tallest < 40 && got.header < 60, `header on one line: ${JSON.stringify(got)}`);
      assert(got.minimap === 0 || (got.pane[0] >= 640 && got.pane[1] >= 480), `no minimap on a small pane: ${JSON.stringify(got)}`);
      assert(got.dock <= 0.2 * 720, `dock ≤ 20% of the height: ${JSON.stringify(got)}`);
      await page.screenshot({ path: join(artifacts, '28-playground-1280.png') });
    }),
  },
  {
    name: 'graph / reset scenario starts a new timeline: no ghosts of the deleted pods, no warnings of the old one',
    run: async ({ page, url, artifacts }) => {
      await page.goto(url);
      await page.waitForFunction(() => !!globalThis.kubeplayEditor, null, { timeout: 15000 });
      // Not named like the starter's own Deployment (web), which the reset brings back.
      await paste(page, web().replace(/web/g, 'shop') + picky);
      await view(page, 'Cluster');
      await waitFor(page, () => document.querySelectorAll('.react-flow__node-pod[data-id^="Pod/default/shop-"]').length === 3);
      await page.locator('.dock-tab .pill.bad').waitFor({ timeout: 10000 });
      await page.getByRole('button', { name: 'Reset scenario' }).click();
      await waitFor(page, () => !document.querySelector('.react-flow__node-pod[data-id^="Pod/default/shop-"]'));
      // Watched for a second and a half: not one frame of a ghost or of the old warnings.
      const leftovers = await page.evaluate(async () => {
        const seen = new Set();
        for (let i = 0; i < 30; i++) {
          for (const n of document.querySelectorAll('[data-id^="ghost:"], .react-flow__node.chg-removed')) seen.add(n.dataset.id);
          if (document.querySelector('.dock-tab .pill.bad')) seen.add('warnings');
          await new Promise((r) => setTimeout(r, 50));
        }
        return [...seen];
      });
      assert(leftovers.length === 0, `left over from before the reset: ${leftovers}`);
      await shoot(page, artifacts, '29-after-reset.png');
    },
  },
  ...trial,
];

/** Runs `body` with the page at width×height, then puts the runner's size back. */
async function atSize(page, width, height, body) {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height });
  try {
    await body();
  } finally {
    await page.setViewportSize(before);
  }
}
