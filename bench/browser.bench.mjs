#!/usr/bin/env node
// Browser benchmarks in real headless Chromium against the built app (measures only):
//  - load: first-load JS/CSS gzip before Monaco, Monaco's chunk, FCP, LCP, time to interactive
//    (editor ready and graph drawn);
//  - edit → graph: a keystroke in the editor (Playwright's keyboard, so Monaco, the store and
//    autosave do their real work), timed from its text reaching the store to the paint of the
//    frame whose DOM shows the resulting snapshot's pods, p50/p95 over 50 edits, for ~30 and ~1,000
//    pods; the debounce (120 ms) is reported apart, and so is the worker's share (apply + settle);
//    the longest main-thread task and how many tasks took over 50 ms (PerformanceObserver 'longtask');
//  - pan/zoom frame times with the whole large cluster fitted on screen.
// Prints one JSON line.
// BENCH_EDITS=10 for a quick look while working; BENCH_NO_BUILD=1 reuses the build in
// $KUBEPLAY_DIST (default dist/); BENCH_ONLY=large (or classroom) runs that edit run alone, without
// pan/zoom; BENCH_PROFILE=1 records the page's main thread (CDP Profiler) during each edit run into
// tests/artifacts/bench-<scenario>.cpuprofile (open in Chromium's Performance panel) and prints the
// functions with the most self time to stderr; BENCH_TRACE=1 records a Chrome trace of each edit
// run into tests/artifacts/bench-<scenario>.trace.json (open in Chromium's Performance panel) and
// prints, per edit, the main thread's and the engine worker's time by trace event (bench/trace.mjs).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { classroom, large } from './scenarios.mjs';
import { startTrace, summarize } from './trace.mjs';

const DEBOUNCE_MS = 120;
const root = process.cwd();
const dist = process.env.KUBEPLAY_DIST || join(root, 'dist');
const EDITS = Number(process.env.BENCH_EDITS || 50);
const ONLY = process.env.BENCH_ONLY;
const PROFILE = !!process.env.BENCH_PROFILE;
const TRACE = !!process.env.BENCH_TRACE;
if (!process.env.BENCH_NO_BUILD) {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('vite build failed');
}

const kb = (f) => gzipSync(readFileSync(join(dist, f))).length / 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstJs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
const firstCss = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+\.css)"/g)].map((m) => m[1]);
const assets = readdirSync(join(dist, 'assets'));
const monacoJs = assets.filter((a) => /^monaco.*\.js$/.test(a)).map((a) => `assets/${a}`);
const sum = (files) => Math.round(files.reduce((s, f) => s + kb(f), 0) * 10) / 10;

const server = await serve(dist);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kubeplay-bench-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 900 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.addInitScript(() => {
  globalThis.__lcp = 0;
  globalThis.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
});

const t0 = Date.now();
await page.goto(server.url);
await page.waitForFunction(() => !!globalThis.kubeplayEditor && document.querySelectorAll('.react-flow__node-pod').length > 0, null, { timeout: 60_000 });
const interactiveMs = Date.now() - t0;
const load = await page.evaluate(() => ({
  fcpMs: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
  lcpMs: Math.round(globalThis.__lcp),
}));

/** Puts a whole workspace in through the store (untimed): the scenario each run edits. */
async function setWorkspace(text) {
  await page.evaluate(async (text) => {
    const host = () => document.querySelector('.flow-host[data-revision]');
    const before = host()?.dataset.revision;
    globalThis.kubeplayEngine.state().setText(globalThis.kubeplayEditor.path(), text);
    await new Promise((resolve) => { const check = () => (host() && host().dataset.revision !== before && globalThis.kubeplayEngine.state().status === 'idle' ? resolve() : setTimeout(check, 20)); setTimeout(check, 200); });
  }, text);
}

/**
 * One keystroke in the editor, as a user makes it: the last character of a line is selected and
 * typed over. Timed from the moment the keystroke's text reaches the store until the frame in
 * which the graph shows the snapshot it produced has been painted. "Shows" is read from the DOM,
 * not from our own bookkeeping: every pod of the new snapshot is drawn (a React Flow node with its
 * data-id, or zoomed out a cell with its data-pod) and no pod it no longer has is. React Flow takes
 * new nodes in an effect after the render that hands them over (then measures them), so the
 * commit of that render (the view's data-revision) is only an intermediate mark. The DOM is checked
 * at each animation frame; a message posted from the frame that matched lands after its paint.
 * The debounce is inside and reported apart.
 */
async function keystroke(prev, next) {
  const a = prev.split('\n'), b = next.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  if (line < 0 || a.length !== b.length || a[line].slice(0, -1) !== b[line].slice(0, -1)) throw new Error('an edit must change the last character of one line');
  await page.evaluate(({ line, col }) => {
    const mark = (globalThis.__edit = { start: 0, snapshot: 0, commit: 0, shown: 0, painted: 0 });
    const host = document.querySelector('.flow-host[data-revision]');
    const before = host.dataset.revision;
    let want = null;
    let changed = true;
    const shown = () => {
      const drawn = host.querySelectorAll('[data-id^="Pod/default/"], [data-pod^="Pod/default/"]');
      if (drawn.length !== want.size) return false;
      for (const el of drawn) if (!want.has(el.dataset.id ?? el.dataset.pod)) return false;
      return true;
    };
    // Looked at in each frame after the snapshot arrived, when the graph's DOM changed since.
    const watch = new MutationObserver(() => { changed = true; });
    watch.observe(host, { subtree: true, childList: true, attributes: true });
    const frame = () => {
      const look = changed;
      changed = false;
      if (!look || !shown()) return requestAnimationFrame(frame);
      mark.shown = performance.now();
      watch.disconnect();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        mark.painted = performance.now();
        performance.mark('kp-edit-painted');
      };
      ch.port2.postMessage(0);
    };
    const stop = globalThis.kubeplayEngine.subscribe((s, p) => {
      if (s.files !== p.files) mark.start = performance.now();
      // The debounce is over: the edit's window in a trace (BENCH_TRACE) opens.
      if (s.status === 'busy' && p.status !== 'busy' && mark.start) performance.mark('kp-edit-start');
      if (s.snapshot !== p.snapshot && mark.start && !mark.snapshot) {
        mark.snapshot = performance.now();
        want = new Set(s.snapshot.objects.filter((o) => o.kind === 'Pod' && o.metadata.namespace === 'default').map((o) => `Pod/default/${o.metadata.name}`));
        stop();
        requestAnimationFrame(frame);
      }
    });
    const mo = new MutationObserver(() => {
      if (host.dataset.revision === before) return;
      mark.commit = performance.now();
      mo.disconnect();
    });
    mo.observe(host, { attributes: true, attributeFilter: ['data-revision'] });
    globalThis.kubeplayEngine.state().revealInEditor(globalThis.kubeplayEditor.path(), line + 1, col);
  }, { line, col: b[line].length });
  await page.keyboard.type(b[line].at(-1));
  await page.waitForFunction(() => globalThis.__edit.painted > 0, null, { timeout: 60_000, polling: 20 });
  return page.evaluate(() => {
    const e = globalThis.__edit;
    // Split: keystroke → snapshot in the store (debounce, worker: engine + snapshot + transfer),
    // → the view's render committed (store update, derive, React), → shown and painted (React
    // Flow's own update of its nodes, style, layout, paint).
    return { ms: e.painted - e.start, engineMs: globalThis.kubeplayEngine.state().tookMs, toSnapshot: e.snapshot - e.start, toCommit: (e.commit || e.shown) - e.snapshot, toPaint: e.painted - (e.commit || e.shown) };
  });
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]); };

/** Self time per function (top `n`) of a CDP profile: where the main thread went. */
function topSelf(profile, n) {
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

async function editRun(name, make, n) {
  await setWorkspace(make(0));
  await page.focus('.monaco-editor textarea');
  await page.waitForTimeout(1000);
  await page.evaluate(() => { globalThis.__long = []; });
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const tracing = TRACE ? await page.context().newCDPSession(page) : null;
  const stopTrace = tracing ? await startTrace(tracing) : null;
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const m0 = cdp ? await metrics() : null;
  const times = [];
  const engine = [], toSnapshot = [], toCommit = [], toPaint = [];
  for (let i = 1; i <= n; i++) {
    const r = await keystroke(make(i - 1), make(i));
    times.push(r.ms);
    engine.push(r.engineMs);
    toSnapshot.push(r.toSnapshot - DEBOUNCE_MS);
    toCommit.push(r.toCommit);
    toPaint.push(r.toPaint);
  }
  await page.waitForTimeout(300); // a task still running when the last edit painted counts too
  if (cdp) {
    // Main-thread time per edit by kind (Chromium's own accounting), then the functions.
    const m1 = await metrics();
    const per = (k) => Math.round(((m1[k] - m0[k]) * 1000) / n);
    console.error(`main thread, ${name}, ms per edit: task ${per('TaskDuration')}, script ${per('ScriptDuration')}, style ${per('RecalcStyleDuration')}, layout ${per('LayoutDuration')}`);
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync('tests/artifacts', { recursive: true });
    writeFileSync(`tests/artifacts/bench-${name}.cpuprofile`, JSON.stringify(profile));
    console.error(`main thread, ${name} (${n} edits), self time:\n${topSelf(profile, 25).join('\n')}`);
    await cdp.detach();
  }
  if (stopTrace) {
    const events = await stopTrace();
    mkdirSync('tests/artifacts', { recursive: true });
    writeFileSync(`tests/artifacts/bench-${name}.trace.json`, JSON.stringify({ traceEvents: events }));
    console.error(`trace, ${name}: ${JSON.stringify(summarize(events))}`);
    await tracing.detach();
  }
  const longest = await page.evaluate(() => Math.round(Math.max(0, ...globalThis.__long)));
  const longTasks = await page.evaluate(() => globalThis.__long.filter((d) => d > 50).length);
  const afterDebounce = times.map((t) => t - DEBOUNCE_MS);
  return {
    edits: n, p50Ms: pct(afterDebounce, 50), p95Ms: pct(afterDebounce, 95), maxMs: Math.round(Math.max(...afterDebounce)), p50WithDebounceMs: pct(times, 50),
    // The worker's own time (apply + settle) inside p50/p95: the engine's share, not the page's.
    engineP50Ms: pct(engine, 50), engineP95Ms: pct(engine, 95),
    // p50 of each leg: worker round trip after the debounce, page work to the commit, commit to paint.
    split: { workerP50Ms: pct(toSnapshot, 50), pageP50Ms: pct(toCommit, 50), paintP50Ms: pct(toPaint, 50), pageP95Ms: pct(toCommit, 95) },
    longestTaskMs: longest, tasksOver50Ms: longTasks,
  };
}

const classroomRun = !ONLY || ONLY === 'classroom' ? await editRun('classroom', classroom, EDITS) : undefined;
const largeRun = !ONLY || ONLY === 'large' ? await editRun('large', large, EDITS) : undefined;
console.error(JSON.stringify({ classroomRun, largeRun }));
if (ONLY) {
  await ctx.close();
  await server.close();
  process.exit(0);
}

// Pan/zoom with the whole large cluster in view ("fit view"): frame intervals while the wheel
// zooms in and out and a drag pans. Counts the pods drawn on screen (as cards or, zoomed out,
// as cells of their node's summary).
await page.click('.react-flow__controls-fitview');
await page.waitForTimeout(800);
const box = await page.locator('.react-flow').first().boundingBox();
const onScreen = () => page.evaluate((b) => {
  const inView = (el) => { const r = el.getBoundingClientRect(); return r.right > b.x && r.left < b.x + b.width && r.bottom > b.y && r.top < b.y + b.height; };
  return {
    pods: [...document.querySelectorAll('.react-flow__node-pod, .pod-cell')].filter(inView).length,
    flowNodes: [...document.querySelectorAll('.react-flow__node')].filter(inView).length,
    zoom: Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport').style.transform)?.[1] ?? 0),
  };
}, box);
const shown = await onScreen();
await page.screenshot({ path: 'tests/artifacts/bench-large.png' });
await page.evaluate(() => { globalThis.__frames = []; let last = performance.now(); const tick = (t) => { globalThis.__frames.push(t - last); last = t; if (globalThis.__frames.length < 400) requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
// The drag starts on the empty pane (a drag that starts on a node moves the node, not the view).
const { cx, cy } = await page.evaluate((b) => {
  for (let fy = 0.5; fy < 0.95; fy += 0.05) for (let fx = 0.5; fx < 0.95; fx += 0.05) {
    const x = b.x + b.width * fx, y = b.y + b.height * fy;
    if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { cx: x, cy: y };
  }
  return { cx: b.x + b.width / 2, cy: b.y + b.height / 2 };
}, box);
await page.mouse.move(cx, cy);
for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, i % 2 ? 120 : -120); await page.waitForTimeout(16); }
await page.mouse.down();
for (let i = 0; i < 60; i++) { await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 6) * 120); await page.waitForTimeout(8); }
await page.mouse.up();
const frames = (await page.evaluate(() => globalThis.__frames)).slice(5);

await ctx.close();
await server.close();
console.log(JSON.stringify({
  firstLoadJsGzipKB: sum(firstJs), firstLoadCssGzipKB: sum(firstCss), monacoJsGzipKB: sum(monacoJs),
  fcpMs: load.fcpMs, lcpMs: load.lcpMs, interactiveMs,
  editToGraph: { classroom: classroomRun, large: largeRun },
  panZoom: { frames: frames.length, p50FrameMs: pct(frames, 50), p95FrameMs: pct(frames, 95), podsOnScreen: shown.pods, flowNodesOnScreen: shown.flowNodes, zoom: shown.zoom },
}));
