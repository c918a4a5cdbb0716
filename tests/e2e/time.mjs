// Rewinding and tracing as a newcomer meets them (issue 6, tasks 3 and 4): timeline markers that
// say what happened and rewind to just before it, a clock that does not push the slider around,
// honest notices when an edit moves the clock or is made in the past, the status bar naming the
// back-off the cluster waits on, "Rewind to before this crash" on a pod; a trace whose path stays
// lit, whose hops are grouped by node with another node's hops one click away, that starts from a
// running pod and is refused, as kubectl exec is, when the sender cannot send. Screenshots: tests/artifacts/time-*.png.
import { join } from 'node:path';
import { assert, paste as pasteInto, waitFor } from './helpers.mjs';

const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox
      command: ["sh", "-c", "sleep 2; exit 1"]
---
apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  nodeSelector:
    kubernetes.io/hostname: worker-1
  containers:
    - name: shell
      image: busybox
      command: ["sleep", "3600"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        kubernetes.io/hostname: worker-2
      containers:
        - name: nginx
          image: nginx:1.27
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
`;

const state = (page, fn) => page.evaluate(`(${fn})(globalThis.kubeplayEngine.state())`);
const clock = (page) => state(page, (s) => s.clock);
const restarts = (page) =>
  state(page, (s) => s.snapshot?.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'crasher')?.status?.containerStatuses?.[0]?.restartCount ?? -1);
/** The clock as web/time/format.ts prints it (below an hour). */
const clockText = (ms) => (ms < 60000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60000)} min ${String(Math.floor((ms % 60000) / 1000)).padStart(2, '0')} s`);
const box = (locator) => locator.boundingBox().then((b) => ({ x: Math.round(b.x), width: Math.round(b.width) }));

const paste = (page, text) => pasteInto(page, text, { tab: 'workspace.yaml' });
const inspectorTab = (page, name) => page.getByRole('tablist', { name: 'Inspector' }).getByRole('tab', { name }).click();
const marker = (page, name) => page.getByRole('group', { name: 'Timeline markers' }).getByRole('button', { name });

export const tests = [
  {
    name: 'time: an edit says how far it ran the clock; markers name what happened and rewind to just before it; the slider keeps its width',
    run: async ({ page, url, artifacts }) => {
      await page.goto(url);
      await waitFor(page, () => !!globalThis.kubeplayEditor);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitFor(page, () => !!globalThis.kubeplayEditor && !!globalThis.kubeplayEngine?.state().clock);
      await paste(page, yaml);
      const notice = page.getByTestId('settled-notice');
      await notice.waitFor({ timeout: 15000 });
      const said = await notice.innerText();
      assert(/^Applied your edit and ran until the cluster settled: \+\d/.test(said), `settle notice: ${said}`);
      const c = await clock(page);
      assert(!c.playing && (await page.getByRole('button', { name: 'Play', exact: true }).count()) === 1, 'paused, and the button says Play');

      // The status bar does not claim the cluster settled while the kubelet holds the crasher back.
      await waitFor(page, () => /pod\/crasher is in CrashLoopBackOff/.test(document.querySelector('.engine-state')?.textContent ?? ''));
      const status = await page.locator('.engine-state').innerText();
      assert(/^Idle until t = .+: pod\/crasher is in CrashLoopBackOff/.test(status), `status bar: ${status}`);

      const backoff = marker(page, /· Warning BackOff pod\/crasher: Back-off restarting failed container app in pod crasher_default/);
      assert((await backoff.count()) > 0, 'a named marker per BackOff event');
      const legend = await page.locator('.timeline-legend').innerText();
      assert(/your edit/.test(legend) && /warning/.test(legend) && /event/.test(legend), `legend: ${legend}`);
      await page.screenshot({ path: join(artifacts, 'time-1-settled.png') });

      const slider = page.getByRole('slider', { name: /Timeline/ });
      const before = { slider: await box(slider), clock: await box(page.getByTestId('clock')) };
      const first = backoff.first();
      const label = await first.getAttribute('aria-label');
      const at = await state(page, `(s) => s.ticks.find((k) => k.reason === 'BackOff').t`);
      assert(label.startsWith(`t = ${clockText(at)} · `), `the marker says when: ${label} (${at} ms)`);
      await first.hover();
      await first.click();
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time === t, at - 1000);
      const after = { slider: await box(slider), clock: await box(page.getByTestId('clock')) };
      assert(JSON.stringify(after) === JSON.stringify(before), `rewinding moved nothing: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      const past = await page.getByTestId('past-notice').locator('span').first().innerText();
      assert(/^Viewing t = .+ of .+\. An edit or command now continues from this moment and drops what was recorded after it\.$/.test(past), `past notice: ${past}`);
      await page.screenshot({ path: join(artifacts, 'time-2-rewound.png') });

      // From the keyboard: PageUp goes to just before the previous marker.
      const prev = await state(page, (s) => Math.max(...[...s.ticks.map((k) => k.t), ...s.clock.inputs].map((t) => Math.max(0, t - 1000)).filter((t) => t < s.clock.time)));
      await slider.focus();
      await page.keyboard.press('PageUp');
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time === t, prev);
    },
  },
  {
    name: 'time: an edit while rewound continues from the moment shown, and says so',
    run: async ({ page }) => {
      const c = await clock(page);
      assert(c.time < c.head, 'still rewound');
      await paste(page, yaml.replace('replicas: 1', 'replicas: 2'));
      const notice = page.getByTestId('settled-notice');
      await waitFor(page, () => /Made at t = /.test(document.querySelector('[data-testid="settled-notice"]')?.textContent ?? ''));
      const said = await notice.innerText();
      assert(said.includes(`Made at t = ${clockText(c.time)}, in the past: the timeline goes on from there`), `branch notice: ${said}`);
      const now = await clock(page);
      assert(now.time === now.head && now.inputs.at(-1) === c.time, `a new branch from ${c.time}: ${JSON.stringify(now)}`);
      assert((await page.getByTestId('past-notice').count()) === 0, 'no longer in the past');
    },
  },
  {
    name: 'time: "Rewind to before this crash" on a restarted pod, then Play shows the crash again',
    run: async ({ page, artifacts }) => {
      await page.getByRole('tablist', { name: 'Graph view' }).getByRole('tab', { name: 'Cluster' }).click();
      await page.click('.react-flow__node-pod[data-id="Pod/default/crasher"]');
      await page.getByRole('button', { name: 'Replay how it was created' }).waitFor({ timeout: 5000 });
      const rewind = page.getByRole('button', { name: /^◀ Rewind to before this crash \(t = / });
      await rewind.waitFor({ timeout: 5000 });
      const before = await restarts(page);
      const crash = await state(page, (s) => {
        const p = s.snapshot.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'crasher');
        const epoch = Date.parse(s.snapshot.timeIso) - Math.floor(s.snapshot.time / 1000) * 1000;
        return Date.parse(p.status.containerStatuses[0].lastState.terminated.finishedAt) - epoch;
      });
      await page.screenshot({ path: join(artifacts, 'time-3-crash-inspector.png') });
      await rewind.click();
      await waitFor(page, (t) => globalThis.kubeplayEngine.state().clock.time === t, crash - 1000);
      const then = await state(page, (s) => s.snapshot.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'crasher').status.containerStatuses[0]);
      assert(then.state.running && then.restartCount === before, `just before the crash the container runs: ${JSON.stringify(then)} (restarts then ${before})`);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      const icon = await page.locator('.time-btn.primary .icon path').getAttribute('d');
      assert(icon.startsWith('M7 5h3'), `the pause icon while playing: ${icon}`);
      await waitFor(page, () => /CrashLoopBackOff|Error/.test(JSON.stringify(globalThis.kubeplayEngine.state().snapshot.objects.find((o) => o.metadata.name === 'crasher')?.status?.containerStatuses?.[0]?.state)), null, 10000);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    },
  },
  {
    name: 'time: trace from the default (running) pod; the path stays lit; hops grouped by node, unmatched folded; worker-2 one click away',
    run: async ({ page, artifacts }) => {
      const latest = page.getByRole('button', { name: /Latest/ });
      if (await latest.isEnabled()) await latest.click();
      await waitFor(page, () => {
        const c = globalThis.kubeplayEngine.state().clock;
        return c.time === c.head;
      });
      await inspectorTab(page, 'Trace a packet');
      const from = await page.getByLabel('Trace from').inputValue();
      assert(from === 'pod/probe', `From defaults to the running pod, not the crash-looping one: ${from}`);
      const to = page.getByRole('combobox', { name: 'Trace to' });
      await to.fill('web');
      const list = page.getByRole('listbox', { name: 'Services' });
      await list.waitFor();
      const options = await list.getByRole('option').allInnerTexts();
      assert(options[0] === 'web:80', `suggestions: ${options}`);
      await to.press('ArrowDown');
      await to.press('Enter');
      assert((await to.inputValue()) === 'web:80' && (await to.getAttribute('role')) === 'combobox', 'picked, still the same text box');
      await page.getByRole('button', { name: 'Trace', exact: true }).click();
      await page.waitForSelector('.react-flow__node-endpoint .endpoint.traced', { timeout: 15000 });
      // The last frame (the packet arrives), then well past it: the path is still lit.
      await waitFor(page, () => /^delivered to pod default\/web-/.test(document.querySelector('.trace-caption')?.textContent ?? ''), null, 60000);
      await page.waitForTimeout(7000);
      const lit = await page.locator('.rule-row.traced, .rule-row.current, .endpoint.traced').count();
      assert(lit > 0, 'the path stays lit after the animation');

      const groups = await page.locator('.hop-node h4 > span:first-child').allInnerTexts();
      assert(groups.join('|') === 'on worker-1|on worker-2', `hops grouped by node: ${groups}`);
      const folded = await page.locator('.hop-skipped summary').allInnerTexts();
      assert(folded.some((s) => /^\d+ rules or chains did not match$/.test(s)), `unmatched folded: ${folded}`);
      const rows = await page.locator('.hops .hop-node > ol > li').count();
      const hops = await state(page, (s) => s.lastTrace.trace.hops.length);
      assert(rows < hops * 0.8, `${rows} rows for ${hops} hops`);
      const breaks = await page.locator('.hop').first().evaluate((el) => getComputedStyle(el).wordBreak);
      assert(breaks === 'normal', `no mid-word breaks: word-break ${breaks}`);

      await page.getByRole('button', { name: 'Show on worker-2' }).click();
      await waitFor(page, () => globalThis.kubeplayEngine.state().viewNode === 'worker-2');
      await page.waitForSelector('.react-flow__node-chain .rule-row.traced', { timeout: 10000 });
      const shown = await page.locator('.hop-node').nth(1).locator('h4').innerText();
      assert(/shown on the data path/.test(shown), `worker-2 marked as shown: ${shown}`);
      await page.screenshot({ path: join(artifacts, 'time-4-trace-worker-2.png') });

      await page.getByRole('button', { name: 'Clear the path' }).click();
      await waitFor(page, () => !document.querySelector('.rule-row.traced, .endpoint.traced'));
    },
  },
  {
    name: 'time: a trace from a pod with no running container is refused as kubectl exec is, and no path is shown',
    run: async ({ page, artifacts }) => {
      const options = await page.getByLabel('Trace from').locator('option').allInnerTexts();
      assert(options.includes('pod/crasher (CrashLoopBackOff)'), `From marks the pod that cannot send: ${options}`);
      await page.getByLabel('Trace from').selectOption('pod/crasher');
      await page.getByRole('button', { name: 'Trace', exact: true }).click();
      const refusal = page.locator('.trace-error[role=alert]');
      await refusal.waitFor({ timeout: 10000 });
      // kubectl exec's own words (the kubelet finds no running container "app").
      const said = await refusal.innerText();
      assert(said === 'error: unable to upgrade connection: container not found ("app")', `refusal: ${said}`);
      const text = await page.getByRole('note').innerText();
      assert(/^pod\/crasher has no running container \((CrashLoopBackOff|Error)\): nothing in it can send this packet/.test(text), `note: ${text}`);
      assert(await page.locator('.trace-outcome, .hops').count() === 0, 'the earlier trace is not shown as if it answered');
      await waitFor(page, () => !document.querySelector('.rule-row.traced, .endpoint.traced'));
      await page.screenshot({ path: join(artifacts, 'time-5-trace-not-running.png') });
    },
  },
];
