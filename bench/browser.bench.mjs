#!/usr/bin/env node
// Browser benchmarks in real headless Chromium against the built app (measures only):
//  - load: first-load JS/CSS gzip before Monaco, Monaco's chunk, FCP, LCP, time to interactive
//    (editor ready and graph drawn);
//  - edit → graph: from the edit reaching the store to the next painted frame after the
//    snapshot that reflects it, p50/p95 over 50 edits, for ~30 and ~1,000 pods; the debounce
//    (120 ms) is reported apart; longest main-thread task (PerformanceObserver 'longtask');
//  - pan/zoom frame times with the large cluster on screen.
// Prints one JSON line.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { classroom, large } from './scenarios.mjs';

const DEBOUNCE_MS = 120;
const root = process.cwd();
const dist = join(root, 'dist');
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) throw new Error('vite build failed');

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

const rev = () => page.evaluate(() => globalThis.kubeplayEngine?.state().snapshot?.revision ?? -1);

/** Sets the workspace text through the store (what a keystroke does) and times until painted. */
async function edit(text) {
  const before = await rev();
  return page.evaluate(async ({ text, before, debounce }) => {
    const st = globalThis.kubeplayEngine.state();
    const path = globalThis.kubeplayEditor.path();
    const start = performance.now();
    st.setText(path, text);
    await new Promise((resolve) => {
      const check = () => ((globalThis.kubeplayEngine.state().snapshot?.revision ?? -1) !== before ? resolve() : setTimeout(check, 2));
      setTimeout(check, debounce);
    });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - start;
  }, { text, before, debounce: DEBOUNCE_MS });
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]); };

async function editRun(make, n) {
  await edit(make(0));
  await page.waitForTimeout(500);
  await page.evaluate(() => { globalThis.__long = []; });
  const times = [];
  for (let i = 1; i <= n; i++) times.push(await edit(make(i)));
  const longest = await page.evaluate(() => Math.round(Math.max(0, ...globalThis.__long)));
  const afterDebounce = times.map((t) => t - DEBOUNCE_MS);
  return { edits: n, p50Ms: pct(afterDebounce, 50), p95Ms: pct(afterDebounce, 95), p50WithDebounceMs: pct(times, 50), longestTaskMs: longest };
}

const classroomRun = await editRun(classroom, 50);
const largeRun = await editRun(large, 50);

// Pan/zoom with the large cluster: frame intervals while the wheel and a drag move the view.
await page.screenshot({ path: 'tests/artifacts/bench-large.png' });
console.error(JSON.stringify({ classroomRun, largeRun }));
const box = await page.locator('.react-flow').first().boundingBox();
await page.evaluate(() => { globalThis.__frames = []; let last = performance.now(); const tick = (t) => { globalThis.__frames.push(t - last); last = t; if (globalThis.__frames.length < 400) requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
await page.mouse.move(cx, cy);
for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, i % 2 ? 120 : -120); await page.waitForTimeout(16); }
await page.mouse.down();
for (let i = 0; i < 60; i++) { await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 6) * 120); await page.waitForTimeout(8); }
await page.mouse.up();
const frames = (await page.evaluate(() => globalThis.__frames)).slice(5);
const graphNodesInDom = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);

await ctx.close();
await server.close();
console.log(JSON.stringify({
  firstLoadJsGzipKB: sum(firstJs), firstLoadCssGzipKB: sum(firstCss), monacoJsGzipKB: sum(monacoJs),
  fcpMs: load.fcpMs, lcpMs: load.lcpMs, interactiveMs,
  editToGraph: { classroom: classroomRun, large: largeRun },
  panZoom: { frames: frames.length, p50FrameMs: pct(frames, 50), p95FrameMs: pct(frames, 95), graphNodesInDom },
}));
