// Share links, workspace files, the embed and its host API, hostile text and the CSP, each in a
// fresh browser context of its own (a link must work for someone who has never opened kubeplay).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { assert, waitFor } from './helpers.mjs';

const BAD = join(import.meta.dirname, '..', 'bad-input');
const HOSTILE = ['07-html-name.yaml', '08-html-label.yaml'].map((f) => ({ path: f, content: readFileSync(join(BAD, f), 'utf8') }));
const MONACO = /\/assets\/(monaco|editor\.api|editor\.worker|yaml\.worker|EditorPane)[-.]/;

const FILES = [
  { path: 'apps/web.yaml', content: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n' },
  { path: 'apps/svc.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 80' },
  { path: 'nodes/worker-1/etc/kubernetes/manifests/static-web.yaml', content: '# émoji 🚀, right-to-left ‏שלום‏\napiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n' },
];

const state = (page, fn) => page.evaluate(`(${fn})(globalThis.kubeplayEngine.state())`);
/** The engine answered the last input and the graph has something to show. */
const idle = (page) => waitFor(page, () => { const s = globalThis.kubeplayEngine?.state(); return s?.snapshot && s.status === 'idle'; });
/** What the cluster looks like, in a form two pages can compare. */
const cluster = (page) => state(page, (s) => s.snapshot.objects.map((o) => [o.kind, o.metadata.namespace ?? '', o.metadata.name, o.status?.phase ?? '', o.spec?.nodeName ?? '', o.status?.podIP ?? ''].join('/')).sort());

let browser;
/** A fresh context (no storage, no history) that records requests, dialogs and CSP violations. */
async function fresh(extra = {}) {
  browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true, ...extra });
  const log = { requests: [], dialogs: [], csp: [], errors: [] };
  context.on('request', (r) => {
    let frame = '';
    try {
      frame = r.frame().url();
    } catch { /* a worker's request */ }
    log.requests.push({ url: r.url(), frame });
  });
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  context.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Content Security Policy|CSP violation/.test(m.text())) log.csp.push(m.text());
    else log.errors.push(m.text());
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  return { context, page, log };
}

const offsite = (log) => log.requests.map((r) => new URL(r.url)).filter((u) => !['data:', 'blob:'].includes(u.protocol) && !['127.0.0.1', 'localhost'].includes(u.hostname));
const noCsp = (log, where) => assert(log.csp.length === 0, `${where}: CSP violations: ${log.csp.join(' | ')}`);

async function shareLink(page) {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  return link;
}

export const tests = [
  {
    name: 'share/embed · share link: opened in a fresh browser shows the same files, time, view and cluster',
    run: async ({ url, artifacts }) => {
      const a = await fresh();
      await a.page.goto(url);
      await idle(a.page);
      await a.page.evaluate((files) => globalThis.kubeplayEngine.state().replaceWorkspace(files, 'test'), FILES);
      await waitFor(a.page, () => globalThis.kubeplayEngine.state().snapshot.objects.some((o) => o.metadata.name === 'static-web-worker-1' && o.status?.phase === 'Running'));
      // A later edit and a step of the clock: the link must carry the timeline, not just the files.
      await a.page.getByRole('button', { name: 'Step' }).click();
      await a.page.evaluate(() => globalThis.kubeplayEngine.state().setText('apps/web.yaml', globalThis.kubeplayEngine.state().files.find((f) => f.path === 'apps/web.yaml').content.replace('replicas: 2', 'replicas: 3')));
      await waitFor(a.page, () => globalThis.kubeplayEngine.state().snapshot.objects.filter((o) => o.kind === 'Pod' && o.metadata.name.startsWith('web-') && o.status?.phase === 'Running').length === 3);
      await idle(a.page);
      await a.page.evaluate(() => globalThis.kubeplayEngine.state().setGraphView('node', 'worker-2'));
      const link = await shareLink(a.page);
      console.log(`e2e: share link for 3 files and a timeline: ${link.length} chars`);
      await a.page.screenshot({ path: join(artifacts, 'share-1-dialog.png') });
      await a.page.getByRole('button', { name: 'Close', exact: true }).click();
      const want = { files: await state(a.page, (s) => s.files), time: await state(a.page, (s) => s.clock.time), cluster: await cluster(a.page) };

      const b = await fresh();
      await b.page.goto(link);
      await waitFor(b.page, (n) => globalThis.kubeplayEngine?.state().files.length === n && globalThis.kubeplayEngine.state().status === 'idle', FILES.length);
      await waitFor(b.page, (t) => globalThis.kubeplayEngine.state().clock?.time === t, want.time);
      const got = { files: await state(b.page, (s) => s.files), time: await state(b.page, (s) => s.clock.time), cluster: await cluster(b.page) };
      assert(JSON.stringify(got.files) === JSON.stringify(want.files), `files differ:\n${JSON.stringify(got.files)}\nvs\n${JSON.stringify(want.files)}`);
      assert(JSON.stringify(got.cluster) === JSON.stringify(want.cluster), `cluster differs:\n${got.cluster.filter((x) => !want.cluster.includes(x)).join('\n')}\nvs\n${want.cluster.filter((x) => !got.cluster.includes(x)).join('\n')}`);
      const view = await state(b.page, (s) => `${s.graphView}/${s.viewNode}`);
      assert(view === 'node/worker-2', `same view: ${view}`);
      assert(!(await b.page.evaluate(() => location.hash)), 'the link is taken out of the address once opened');
      await b.page.getByRole('tablist', { name: 'Graph view' }).waitFor();
      await b.page.waitForTimeout(800);
      await b.page.screenshot({ path: join(artifacts, 'share-2-opened.png') });

      // Own work in the editor: a link asks first, and "Keep my files" keeps them.
      await b.page.evaluate(() => globalThis.kubeplayEngine.state().setText('apps/web.yaml', '# mine\n'));
      const starter = await shareLink(a.page);
      await b.page.goto(starter);
      await b.page.getByRole('heading', { name: 'Open the scenario from the link?' }).waitFor();
      await b.page.screenshot({ path: join(artifacts, 'share-3-asks.png') });
      await b.page.getByRole('button', { name: 'Keep my files' }).click();
      assert((await state(b.page, (s) => s.files.find((f) => f.path === 'apps/web.yaml').content)) === '# mine\n', 'kept my text');
      await b.page.goto(starter);
      await b.page.getByRole('button', { name: 'Open it' }).click();
      await waitFor(b.page, () => !globalThis.kubeplayEngine.state().files.some((f) => f.content === '# mine\n'));
      await b.page.getByRole('status').filter({ hasText: 'Opened a shared link' }).getByRole('button', { name: 'Undo' }).click();
      await waitFor(b.page, () => globalThis.kubeplayEngine.state().files.some((f) => f.content === '# mine\n'));
      for (const x of [a, b]) {
        noCsp(x.log, 'app');
        assert(offsite(x.log).length === 0, `offsite requests: ${offsite(x.log).join(', ')}`);
        assert(x.log.errors.length === 0, `page errors: ${x.log.errors.join(' | ')}`);
      }
      await a.context.close();
      await b.context.close();
    },
  },
  {
    name: 'share/embed · share link: the starter scenario link is short; a damaged link says so and changes nothing; a huge workspace gets files instead',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      await page.goto(url);
      await idle(page);
      const link = await shareLink(page);
      console.log(`e2e: starter scenario link: ${link.length} chars (fragment ${new URL(link).hash.length - 1})`);
      assert(new URL(link).hash.length < 200, `starter link fragment is ${new URL(link).hash.length} chars`);
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      await page.goto(link.slice(0, -12));
      await page.getByRole('heading', { name: 'Could not open the link' }).waitFor();
      await page.screenshot({ path: join(artifacts, 'share-4-damaged.png') });
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();

      // Too much for a link (text that does not compress): the dialog says so and offers files.
      await page.evaluate(() => {
        let x = 1;
        let text = '# ';
        for (let i = 0; i < 40_000; i++) text += String.fromCharCode(97 + ((x = (x * 48271) % 2147483647) % 26));
        globalThis.kubeplayEngine.state().setText('noise.yaml', `${text}\n`);
      });
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByText('This workspace is too large for a link').waitFor();
      assert(await page.getByLabel('Share link').count() === 0, 'no link offered');
      await page.getByRole('button', { name: 'Download .zip' }).waitFor();
      await page.screenshot({ path: join(artifacts, 'share-6-too-large.png') });
      noCsp(log, 'app');
      await context.close();
    },
  },
  {
    name: 'share/embed · export: zip and YAML export → import round-trip the tree exactly; a hostile zip is refused',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      await page.goto(url);
      await idle(page);
      await page.evaluate((files) => globalThis.kubeplayEngine.state().replaceWorkspace(files, 'test'), FILES);
      const want = JSON.stringify(await state(page, (s) => s.files));
      for (const kind of ['zip', 'yaml']) {
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download .${kind}` }).click()]);
        const saved = join(artifacts, `share-export.${kind}`);
        await download.saveAs(saved);
        await page.getByRole('button', { name: 'Close', exact: true }).click();
        await page.evaluate(() => globalThis.kubeplayEngine.state().resetWorkspace());
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        await page.getByLabel('Workspace file', { exact: true }).setInputFiles(saved);
        await waitFor(page, (w) => JSON.stringify(globalThis.kubeplayEngine.state().files) === w, want, 5000);
      }
      assert(readFileSync(join(artifacts, 'share-export.yaml'), 'utf8').includes('--- # kubeplay-file: "nodes/worker-1/etc/kubernetes/manifests/static-web.yaml"'), 'the YAML bundle marks each file');

      // A zip that climbs out of the workspace, and a zip bomb: refused, with the reason as text.
      const evil = join(artifacts, 'share-evil.zip');
      writeFileSync(evil, zipSync({ '../../etc/evil.yaml': new TextEncoder().encode('kind: Pod\n') }));
      const bomb = join(artifacts, 'share-bomb.zip');
      writeFileSync(bomb, zipSync({ 'big.yaml': [new Uint8Array(50 * 1024 * 1024).fill(32), { level: 9 }] }));
      for (const [file, reason] of [[evil, /\.\./], [bomb, /too large/]]) {
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        await page.getByLabel('Workspace file', { exact: true }).setInputFiles(file);
        await page.getByRole('heading', { name: /Could not open share-/ }).waitFor();
        const text = await page.locator('.share-error').innerText();
        assert(reason.test(text), `refusal says why: ${text}`);
        if (file === evil) await page.screenshot({ path: join(artifacts, 'share-5-refused.png') });
        await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
      }
      assert(JSON.stringify(await state(page, (s) => s.files)) === want, 'refused files change nothing');
      noCsp(log, 'app');
      await context.close();
    },
  },
  {
    name: 'share/embed · export: the graph as PNG and SVG',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      await page.goto(url);
      await idle(page);
      await page.locator('.react-flow__node').first().waitFor();
      await page.waitForTimeout(600);
      for (const kind of ['PNG', 'SVG']) {
        await page.getByRole('button', { name: 'Share', exact: true }).click();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: kind, exact: true }).click()]);
        const saved = join(artifacts, `share-graph.${kind.toLowerCase()}`);
        await download.saveAs(saved);
        const bytes = readFileSync(saved);
        assert(kind === 'PNG' ? bytes.subarray(1, 4).toString() === 'PNG' && bytes.length > 5000 : bytes.toString().startsWith('<svg'), `${kind} file is one`);
        await page.getByRole('button', { name: 'Close', exact: true }).click();
      }
      noCsp(log, 'graph export');
      assert(offsite(log).length === 0, 'no request leaves the machine');
      await context.close();
    },
  },
  {
    name: 'share/embed · embed page: three instances, nothing beyond the origin, no Monaco for read-only ones, no storage of the app touched',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      await page.goto(url + 'embed-demo.html');
      const frames = () => page.frames().filter((f) => f.url().includes('/embed.html'));
      await waitFor(page, () => document.querySelectorAll('iframe, kubeplay-playground').length === 3);
      await page.waitForFunction(() => true);
      for (let i = 0; i < 100 && frames().length < 3; i++) await page.waitForTimeout(100);
      assert(frames().length === 3, `three embed frames: ${frames().length}`);
      for (const f of frames()) await f.locator('.react-flow__node').first().waitFor({ timeout: 20000 });
      const editable = frames().find((f) => f.url().includes('mode=editable'));
      await editable.locator('.monaco-editor').waitFor({ timeout: 20000 });
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(artifacts, 'embed-1-three.png') });

      assert(offsite(log).length === 0, `offsite requests: ${offsite(log).join(', ')}`);
      const monaco = log.requests.filter((r) => MONACO.test(r.url));
      assert(monaco.length > 0 && monaco.every((r) => r.frame.includes('mode=editable') || r.frame === ''), `Monaco only for the editable embed: ${monaco.map((r) => `${r.url} from ${r.frame}`).join('\n')}`);
      const readOnly = frames().filter((f) => !f.url().includes('mode=editable'));
      for (const f of readOnly) {
        assert(await f.evaluate(() => !document.querySelector('.monaco-editor') && !!document.querySelector('.react-flow')), 'read-only embed: graph, no Monaco');
        const loaded = await f.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
        assert(!loaded.some((u) => MONACO.test(u)), `read-only embed loaded Monaco: ${loaded.filter((u) => MONACO.test(u))}`);
      }
      console.log(`e2e: read-only embed fetched ${log.requests.filter((r) => r.frame.includes('embed.html?scenario') && r.url.endsWith('.js')).length} scripts, none of Monaco`);
      // The embeds run on the app's origin yet never write its saved workspace.
      const keys = await page.evaluate(() => Object.keys(localStorage));
      assert(!keys.some((k) => k.startsWith('kubeplay.')), `embeds wrote the app's storage: ${keys}`);
      noCsp(log, 'embed demo');
      assert(log.errors.length === 0, `page errors: ${log.errors.join(' | ')}`);
      await context.close();
    },
  },
  {
    name: 'share/embed · embed host API: postMessage from a foreign origin is ignored; an allowed origin loads a workspace and reads state',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      const foreign = url.replace('127.0.0.1', 'localhost'); // another origin on the same server
      await page.goto(foreign + 'embed-demo/demo.css');
      const open = async (query) => {
        await page.evaluate(([src]) => new Promise((resolve) => {
          const f = document.createElement('iframe');
          f.src = src;
          f.style.cssText = 'width:800px;height:500px';
          f.onload = () => resolve();
          document.body.append(f);
        }), [`${url}embed.html${query}`]);
        const frame = page.frames().at(-1);
        await frame.waitForFunction(() => globalThis.kubeplayEngine?.state().status === 'idle', null, { timeout: 20000 });
        return frame;
      };
      const post = (index, msg) => page.evaluate(([i, m]) => new Promise((resolve) => {
        const target = document.querySelectorAll('iframe')[i].contentWindow;
        const onMessage = (e) => {
          if (e.source !== target || e.data?.id !== m.id) return;
          window.removeEventListener('message', onMessage);
          resolve(e.data);
        };
        window.addEventListener('message', onMessage);
        target.postMessage(m, '*');
        setTimeout(() => resolve(null), 1500);
      }), [index, msg]);
      const workspace = { files: [{ path: 'from-host.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: from-host\nspec:\n  containers:\n    - name: c\n      image: nginx\n' }] };

      const deaf = await open('?panels=graph');
      const before = await deaf.evaluate(() => JSON.stringify(globalThis.kubeplayEngine.state().files));
      assert((await post(0, { kubeplay: 1, id: 1, type: 'load', workspace })) === null, 'a foreign origin gets no answer');
      assert((await post(0, { kubeplay: 1, id: 2, type: 'getState' })) === null, 'nor any state');
      assert((await deaf.evaluate(() => JSON.stringify(globalThis.kubeplayEngine.state().files))) === before, 'and changes nothing');

      const host = await open(`?panels=editor,graph&origins=${encodeURIComponent(new URL(foreign).origin)}`);
      const ok = await post(1, { kubeplay: 1, id: 3, type: 'load', workspace });
      assert(ok?.type === 'ok', `allowed origin: load answered ${JSON.stringify(ok)}`);
      await host.waitForFunction(() => globalThis.kubeplayEngine.state().snapshot?.objects.some((o) => o.metadata.name === 'from-host' && o.status?.phase === 'Running'), null, { timeout: 15000 });
      const st = await post(1, { kubeplay: 1, id: 4, type: 'getState' });
      assert(st?.type === 'state' && st.state.files[0].path === 'from-host.yaml' && st.state.objects.some((o) => o.name === 'from-host' && o.phase === 'Running'), `state: ${JSON.stringify(st).slice(0, 200)}`);
      const later = await post(1, { kubeplay: 1, id: 5, type: 'setTime', time: 300_000 });
      assert(later?.type === 'ok', 'setTime answered');
      await host.waitForFunction(() => globalThis.kubeplayEngine.state().clock?.time === 300_000, null, { timeout: 15000 });
      const bad = await post(1, { kubeplay: 1, id: 6, type: 'load', workspace: { files: [{ path: '../x.yaml', content: '' }] } });
      assert(bad?.type === 'error' && /\.\./.test(bad.error), `a bad payload is refused: ${JSON.stringify(bad)}`);
      await page.screenshot({ path: join(artifacts, 'embed-2-host-api.png') });
      noCsp(log, 'embed host api');
      await context.close();
    },
  },
  {
    name: 'share/embed · ?lang=ko: the inspector’s why for an unschedulable pod, the share dialog and an embed speak Korean; kubectl output stays English',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      await page.goto(`${url}?lang=ko`);
      await idle(page);
      const picky = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: picky\nspec:\n  nodeSelector:\n    disktype: ssd\n  containers:\n    - name: app\n      image: nginx:1.27\n';
      await page.evaluate((files) => globalThis.kubeplayEngine.state().replaceWorkspace(files, 'test'), [{ path: 'picky.yaml', content: picky }]);
      await waitFor(page, () => globalThis.kubeplayEngine.state().snapshot.objects.some((o) => o.kind === 'Pod' && o.metadata.name === 'picky'));
      await idle(page);
      await page.evaluate(() => globalThis.kubeplayEngine.state().select('Pod/default/picky'));
      const why = page.getByRole('region', { name: '왜?' });
      await why.waitFor({ timeout: 10000 });
      await waitFor(page, () => document.querySelector('.why')?.textContent.includes('NodeAffinity'));
      const text = await why.innerText();
      assert(/0\/3 nodes are available/.test(text), `the scheduler's own message stays English: ${text}`);
      assert(text.includes('worker-1: NodeAffinity이(가) 거절함 — 파드의 nodeSelector는 disktype=ssd을(를) 요구하지만 이 노드에는 그런 레이블이 없습니다'), `worker-1 verdict in Korean: ${text}`);
      assert(/control-plane: TaintToleration이\(가\) 거절함 — 노드에 테인트 node-role\.kubernetes\.io\/control-plane:NoSchedule이\(가\) 있는데/.test(text), `control-plane verdict in Korean: ${text}`);
      assert(!/rejected by|nodeSelector wants/.test(text), `no English explanation left: ${text}`);
      const describe = await page.locator('.insp-pre').innerText();
      assert(/Warning\s+FailedScheduling/.test(describe), 'kubectl describe stays English');
      await page.screenshot({ path: join(artifacts, 'lang-ko-1-why.png') });

      await page.getByRole('button', { name: '공유', exact: true }).click();
      await page.getByRole('heading', { name: '공유와 내보내기' }).waitFor();
      const dialog = await page.locator('.share-dialog').innerText();
      assert(dialog.includes('이 링크는') && dialog.includes('어떤 서버도 내용을 보지 않습니다'), `share dialog in Korean: ${dialog}`);
      const share = page.getByRole('dialog', { name: '공유와 내보내기' });
      for (const name of ['링크 복사', '임베드 코드 복사', '.zip 내려받기', '.yaml 내려받기', '닫기']) await share.getByRole('button', { name, exact: true }).waitFor();
      assert(!/Share and export|Copy link|Download|Workspace/.test(dialog), `no English left in the dialog: ${dialog}`);
      await page.screenshot({ path: join(artifacts, 'lang-ko-2-share.png') });
      const code = await page.getByLabel('임베드 코드').inputValue();
      await share.getByRole('button', { name: '닫기', exact: true }).click();

      const src = /src="([^"]+)"/.exec(code)[1];
      const embed = await context.newPage();
      await embed.goto(src.replace('#', '?lang=ko#'));
      await embed.locator('.embed-mode', { hasText: '읽기 전용' }).waitFor({ timeout: 15000 });
      await embed.getByRole('link', { name: 'kubeplay에서 열기 ↗' }).waitFor();
      await embed.locator('.react-flow__node-pod').first().waitFor({ timeout: 15000 });
      const bar = await embed.locator('body').innerText();
      assert(!/\b(nodes|embed|inspector|graph)\.[a-zA-Z]+\b/.test(bar), `no raw message keys in the embed: ${bar.slice(0, 400)}`);
      assert(bar.includes('컨트롤 플레인'), `graph labels in Korean: ${bar.slice(0, 400)}`);
      await embed.screenshot({ path: join(artifacts, 'lang-ko-3-embed.png') });

      // A damaged link says why in Korean too.
      await page.goto(`${url}?lang=ko#kp1.not*base64`);
      await page.getByRole('heading', { name: '링크를 열 수 없습니다' }).waitFor();
      const refusal = await page.locator('.share-error').innerText();
      assert(refusal.startsWith('링크가 손상되었습니다'), `the refusal in Korean: ${refusal}`);
      await page.getByRole('dialog').getByRole('button', { name: '확인', exact: true }).click();
      assert(log.errors.length === 0, `no page errors: ${log.errors.join(' | ')}`);
      await context.close();
    },
  },
  {
    name: 'share/embed · bad input: HTML and script in names, labels, annotations and file names render as text',
    run: async ({ url, artifacts }) => {
      const { context, page, log } = await fresh();
      const injected = (p) => p.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src]), [onerror]').length);
      await page.goto(url);
      await idle(page);
      await page.evaluate((files) => globalThis.kubeplayEngine.state().replaceWorkspace(files, 'test'), HOSTILE);
      await idle(page);
      await page.getByRole('tab', { name: '07-html-name.yaml' }).waitFor();
      await page.locator('.monaco-editor').waitFor({ timeout: 20000 });
      await page.waitForTimeout(500);
      const text = await page.locator('body').innerText();
      assert(text.includes('<img src=x onerror=alert(1)>'), 'the hostile name is on screen, as text');
      await page.screenshot({ path: join(artifacts, 'badinput-1-app.png') });

      // The same files read-only in an embed (plain text view), and a link with a hostile file name.
      await shareLink(page);
      const code = await page.getByLabel('Embed code').inputValue();
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      const embedLink = /src="([^"]+)"/.exec(code)[1];
      const embed = await context.newPage();
      embed.on('dialog', (d) => void d.dismiss().then(() => log.dialogs.push(d.message())));
      await embed.goto(embedLink);
      await embed.locator('.code-view').getByRole('tab', { name: '08-html-label.yaml' }).click();
      await embed.getByText('<script>alert(1)</script>').waitFor();
      await embed.screenshot({ path: join(artifacts, 'badinput-2-embed.png') });

      // A file named with HTML, arriving in a zip: refused, and the refusal shows the name as text.
      const named = join(artifacts, 'share-hostile-name.zip');
      writeFileSync(named, zipSync({ '<img src=x onerror=alert(1)>.yaml': new TextEncoder().encode('kind: Pod\n') }));
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByLabel('Workspace file', { exact: true }).setInputFiles(named);
      await page.locator('.share-error', { hasText: '<img src=x onerror=alert(1)>.yaml' }).waitFor();
      await page.screenshot({ path: join(artifacts, 'badinput-3-file-name.png') });
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
      for (const p of [page, embed]) assert((await injected(p)) === 0, 'no element was injected');
      assert(log.dialogs.length === 0, `no alert ran: ${log.dialogs}`);
      noCsp(log, 'bad input');
      await context.close();
    },
  },
  {
    name: 'share/embed · csp: the built pages carry a strict policy; with Monaco, xterm and the graph loaded there are 0 violations',
    run: async ({ url, artifacts }) => {
      const dist = process.env.KUBEPLAY_DIST || join(import.meta.dirname, '..', '..', 'dist');
      for (const html of ['index.html', 'embed.html']) {
        const text = readFileSync(join(dist, html), 'utf8');
        const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)?.[1]?.replace(/&#39;/g, "'");
        assert(csp && /script-src 'self'(;|$)/.test(csp) && !/unsafe-eval/.test(csp) && /connect-src 'self'/.test(csp), `${html}: strict CSP meta: ${csp}`);
        assert(!/<script(?![^>]*\bsrc=)[^>]*>/.test(text), `${html}: no inline script`);
      }
      const { context, page, log } = await fresh();
      await page.goto(url);
      await page.locator('.monaco-editor').waitFor({ timeout: 20000 });
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await page.locator('.xterm').waitFor();
      await page.keyboard.type('kubectl get pods\n');
      await page.locator('.react-flow__node').first().waitFor();
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(artifacts, 'csp-app.png') });
      noCsp(log, 'app with Monaco and xterm');
      assert(offsite(log).length === 0, 'nothing beyond the origin');
      await context.close();

      // Measured, not assumed: what a style-src without 'unsafe-inline' would break.
      const strict = await fresh();
      await strict.context.route(/\/(index\.html)?$/, async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, body: (await res.text()).replace("style-src &#39;self&#39; &#39;unsafe-inline&#39;", 'style-src &#39;self&#39;') });
      });
      await strict.page.goto(url);
      await strict.page.locator('.monaco-editor').waitFor({ timeout: 20000 }).catch(() => {});
      await strict.page.waitForTimeout(1500);
      console.log(`e2e: CSP violations if style-src dropped 'unsafe-inline': ${strict.log.csp.length} (with it: 0)`);
      await strict.context.close();
    },
  },
];
