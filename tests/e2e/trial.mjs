// What a newcomer trial at 1440×900 and 1280×720 found, checked end to end: "fit view" always
// shows something, an edit's additions out of sight are announced with "show", a crash-looping
// pod says how it last ended, the footer counts errors and warnings apart, the Find box starts
// empty in another view, and Monaco follows the page's theme. Screenshots: tests/artifacts/3x-*.png.
import { join } from 'node:path';
import { CRASHER, assert, paste as pasteInto, settled, waitFor } from './helpers.mjs';

const paste = (page, text) => pasteInto(page, text, { tab: 'workspace.yaml' });
const view = (page, name) => page.getByRole('tablist', { name: 'Graph view' }).getByRole('tab', { name }).click();
const viewport = (page) => page.evaluate(() => document.querySelector('.react-flow__viewport')?.style.transform ?? '');

/** A fresh starter workspace at width×height (the runner's size and storage put back after). */
async function fresh(page, url, width, height, body) {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height });
  try {
    await page.goto(url);
    await page.evaluate(() => localStorage.clear());
    await page.goto(url);
    await waitFor(page, () => !!globalThis.kubeplayEditor && !!globalThis.kubeplayEngine?.state().snapshot);
    await page.waitForSelector('.react-flow__node-pod', { timeout: 10000 });
    await settled(page);
    await body();
  } finally {
    await page.setViewportSize(before);
  }
}

const deployment = (replicas) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
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
`;
const crasher = `---\n${CRASHER}`;

/** Presses "fit view", waits for the move to end; returns the viewport and the note shown. */
async function pressFit(page) {
  await page.click('.react-flow__controls-fitview');
  await page.locator('.fit-note').waitFor({ timeout: 2000 });
  const note = await page.locator('.fit-note').innerText();
  await settled(page);
  return { at: await viewport(page), note };
}

export const trial = [
  ...[[1440, 900], [1280, 720]].map(([w, h]) => ({
    name: `trial / fit view at ${w}×${h}: each press shows something — the whole graph when the framing is on screen, then the framing again`,
    run: ({ page, url, artifacts }) => fresh(page, url, w, h, async () => {
      await view(page, 'Cluster');
      const framed = await viewport(page);
      const first = await pressFit(page);
      assert(first.at !== framed && /whole graph · press again/.test(first.note), `first press from the framing: ${framed} → ${first.at} (${first.note})`);
      await page.screenshot({ path: join(artifacts, `30-fit-whole-${w}.png`) });
      const second = await pressFit(page);
      assert(second.at !== first.at && /main part .* press again for the whole graph/.test(second.note), `second press: ${first.at} → ${second.at} (${second.note})`);
      const third = await pressFit(page);
      assert(third.at === first.at, `third press: the whole graph again: ${third.at} vs ${first.at}`);
      // A view without a framing of its own, already whole: the press says so rather than nothing.
      await view(page, 'Node internals');
      await page.waitForSelector('.react-flow__node-sandbox', { timeout: 10000 });
      await settled(page);
      const before = await viewport(page);
      const same = await pressFit(page);
      assert(same.at === before && /already in view/.test(same.note), `node internals: ${before} → ${same.at} (${same.note})`);
      await page.screenshot({ path: join(artifacts, `31-fit-already-${w}.png`) });
    }),
  })),
  {
    name: 'trial / an edit that adds pods out of sight says so, and Show brings them into view',
    run: ({ page, url, artifacts }) => fresh(page, url, 1280, 720, async () => {
      await view(page, 'Cluster');
      await paste(page, deployment(9));
      const note = page.locator('.away-note');
      await note.waitFor({ timeout: 10000 });
      const text = await note.innerText();
      assert(/Pod web-\S+ (and \d+ more )?(was|were) added out of sight/.test(text), `notice: ${text}`);
      await page.screenshot({ path: join(artifacts, '32-added-out-of-sight.png') });
      await note.getByRole('button', { name: 'Show' }).click();
      await settled(page);
      await page.locator('.react-flow__node[data-pulse]').first().waitFor({ timeout: 3000 });
      const seen = await page.evaluate(() => {
        const pane = document.querySelector('.flow-host').getBoundingClientRect();
        return [...document.querySelectorAll('.react-flow__node[data-pulse]')].map((n) => {
          const r = n.getBoundingClientRect();
          const x = r.left + r.width / 2, y = r.top + r.height / 2;
          return x > pane.left && x < pane.right && y > pane.top && y < pane.bottom;
        });
      });
      assert(seen.length > 0 && seen.every(Boolean), `the added pods in view after Show: ${seen}`);
      await page.screenshot({ path: join(artifacts, '33-added-shown.png') });
    }),
  },
  {
    name: 'trial / a crash-looping pod between restarts: kubectl’s Running, with its last exit and restarts beside it; footer says 0 errors · N warnings',
    run: ({ page, url, artifacts }) => fresh(page, url, 1440, 900, async () => {
      await view(page, 'Cluster');
      await paste(page, deployment(1) + crasher);
      await page.waitForSelector('.react-flow__node[data-id="Pod/default/crasher"]', { timeout: 10000 });
      // Step through the clock until the container runs again after a restart.
      const between = () => page.evaluate(() => {
        const p = globalThis.kubeplayEngine.state().snapshot?.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'crasher');
        const c = p?.status?.containerStatuses?.[0];
        return !!c && c.restartCount >= 1 && !!c.state.running;
      });
      for (let i = 0; i < 40 && !(await between()); i++) {
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForTimeout(150);
      }
      assert(await between(), 'the crasher runs again after a restart');
      const card = page.locator('.react-flow__node[data-id="Pod/default/crasher"]');
      await waitFor(page, () => document.querySelector('.react-flow__node[data-id="Pod/default/crasher"] .pod-status')?.textContent === 'Running');
      const last = await card.locator('.pod-last').innerText();
      assert(/^last: Error \(1\) \d+s ago$/.test(last), `card: ${last}`);
      await card.click();
      const insp = await page.locator('.insp-last').innerText();
      assert(/^Restarts: [1-9]\d* · last: Error \(exit 1\) \d+s ago$/.test(insp), `inspector: ${insp}`);
      assert((await page.locator('.insp-title .pill').innerText()) === 'Running', 'the status stays what kubectl prints');
      await page.locator('[data-testid="warning-count"]').waitFor({ timeout: 5000 });
      const footer = `${await page.getByTestId('error-count').innerText()} · ${await page.getByTestId('warning-count').innerText()}`;
      assert(/^0 errors · [1-9]\d* warnings?$/.test(footer), `footer: ${footer}`);
      // Why lines with long plugin names stay inside the inspector.
      const over = await page.locator('.why li').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      assert(over.length === 0, `why lines overflow: ${over}`);
      await page.screenshot({ path: join(artifacts, '34-crash-loop-last-exit.png') });
      await page.getByTestId('warning-count').click();
      await page.getByLabel('Events').first().waitFor({ timeout: 5000 });
    }),
  },
  {
    name: 'trial / follow a packet from the keyboard: Enter traces, the suggestions close and leave the outcome in view',
    run: ({ page, url, artifacts }) => fresh(page, url, 1280, 720, async () => {
      await page.getByRole('tablist', { name: 'Inspector' }).getByRole('tab', { name: 'Trace a packet' }).click();
      const to = page.getByRole('combobox', { name: 'Trace to' });
      await to.fill('web:80');
      await to.press('Enter');
      await page.locator('.trace-outcome').waitFor({ timeout: 10000 });
      assert((await to.getAttribute('aria-expanded')) === 'false', 'the suggestions closed');
      assert(/probability of this whole path/.test(await page.locator('.trace-outcome').innerText()), 'the path probability is labelled');
      await page.screenshot({ path: join(artifacts, '36-trace-keyboard.png') });
    }),
  },
  {
    name: 'trial / the Find box starts empty in another view',
    run: ({ page, url }) => fresh(page, url, 1440, 900, async () => {
      await view(page, 'Cluster');
      const find = page.locator('.wb-search input');
      await find.fill('nothing-like-this');
      await find.press('Enter');
      await waitFor(page, () => document.querySelector('.wb-search input')?.classList.contains('missed'));
      await view(page, 'Data path');
      assert((await find.inputValue()) === '' && !(await find.getAttribute('class'))?.includes('missed'), 'empty in the data path');
      await find.fill('KUBE-SERVICES');
      await view(page, 'Cluster');
      assert((await find.inputValue()) === '', 'empty back in the cluster view');
    }),
  },
  {
    name: 'trial / Monaco follows the page theme: light, dark, high contrast',
    run: async ({ page, url, artifacts }) => {
      const look = async (theme) => {
        await page.goto(`${url}?theme=${theme}`);
        await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 15000 });
        return page.evaluate(() => {
          const ed = document.querySelector('.monaco-editor');
          return { classes: ed.className, bg: getComputedStyle(document.querySelector('.monaco-editor-background')).backgroundColor };
        });
      };
      const light = await look('light');
      assert(/\bvs\b/.test(light.classes) && light.bg === 'rgb(255, 255, 254)', `light: ${JSON.stringify(light)}`);
      const dark = await look('dark');
      assert(/\bvs-dark\b/.test(dark.classes) && dark.bg === 'rgb(17, 24, 39)', `dark: ${JSON.stringify(dark)}`);
      // (YAML is coloured once its tokens arrive: the screenshot waits for them.)
      await waitFor(page, () => !!document.querySelector('.view-lines span[class*="mtk"]:not(.mtk1)'), null, 10000);
      await page.screenshot({ path: join(artifacts, '35-dark-editor.png') });
      // Switched while open (presentation mode's T does this): the editor follows.
      await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
      await waitFor(page, () => /\bvs\b/.test(document.querySelector('.monaco-editor')?.className ?? ''), null, 3000);
      const hc = await look('high-contrast');
      assert(/\bhc-light\b/.test(hc.classes), `high contrast: ${JSON.stringify(hc)}`);
      await page.goto(url);
    },
  },
];
