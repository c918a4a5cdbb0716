#!/usr/bin/env node
// End-to-end tests: build the app, serve dist/ on loopback, drive Debian's Chromium with
// playwright-core, and print `N passed, M failed`. Exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { tests } from './playground.mjs';
import { tests as workbench } from './workbench.mjs';
import { tests as graph } from './graph.mjs';
import { tests as shareEmbed } from './share-embed.mjs';
import { tests as classroom } from './classroom.mjs';
import { tests as offline } from './offline.mjs';
import { tests as time } from './time.mjs';
import { tests as terminal } from './terminal.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// KUBEPLAY_DIST lets several builds run side by side on one checkout.
const dist = process.env.KUBEPLAY_DIST || join(root, 'dist');
const artifacts = join(root, 'tests', 'artifacts');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const FIRST_LOAD_BUDGET_KB = 140;

if (!existsSync(executablePath)) {
  if (process.env.KUBEPLAY_SKIP_E2E === '1') {
    console.log('\n**********************************************************');
    console.log(`*  E2E SKIPPED: no Chromium at ${executablePath} (KUBEPLAY_SKIP_E2E=1)`);
    console.log('**********************************************************\n');
    process.exit(0);
  }
  console.error(`e2e: no Chromium at ${executablePath}.\n` +
    'Install it with `apt-get install -y chromium` (Debian/Ubuntu), or point $CHROMIUM at a Chromium binary,\n' +
    'or set KUBEPLAY_SKIP_E2E=1 to skip the end-to-end tests.');
  process.exit(1);
}

console.log('e2e: vite build');
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', dist, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('e2e: vite build failed');
  process.exit(1);
}

// First-load JS: what index.html loads before Monaco (entry script + its modulepreloads).
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
const firstLoadKb = scripts.reduce((kb, src) => kb + gzipSync(readFileSync(join(dist, src.replace(/^\//, '')))).length / 1024, 0);
console.log(`e2e: first-load JS ${firstLoadKb.toFixed(1)} kB gzip (${scripts.join(', ')}), budget ${FIRST_LOAD_BUDGET_KB} kB`);

mkdirSync(artifacts, { recursive: true });
const server = await serve(dist);
const profile = mkdtempSync(join(tmpdir(), 'kubeplay-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 900 },
  deviceScaleFactor: 1,
});
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });

// Offline and private: every request must stay on this machine.
const offsite = [];
const pageErrors = [];
context.on('request', (req) => {
  const u = new URL(req.url());
  if (['data:', 'blob:'].includes(u.protocol)) return;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) offsite.push(req.url());
});
const page = context.pages()[0] ?? (await context.newPage());
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));

const env = { page, url: server.url, dist, artifacts, offsite, pageErrors, firstLoadKb, budgetKb: FIRST_LOAD_BUDGET_KB, timings: {} };
let passed = 0;
let failed = 0;
// E2E_GREP=text runs only the tests whose name contains it (while working on one area).
for (const t of [...tests, ...workbench, ...graph, ...shareEmbed, ...classroom, ...offline, ...time, ...terminal].filter((t) => t.name.includes(process.env.E2E_GREP ?? ''))) {
  const t0 = Date.now();
  try {
    await t.run(env);
    passed++;
    console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${t.name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    await page.screenshot({ path: join(artifacts, `FAILED-${t.name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}
for (const [what, ms] of Object.entries(env.timings)) console.log(`e2e: ${what}: ${ms} ms`);

await context.close();
await server.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
// For tests/run-all.mjs, which adds these to the Vitest counts in npm test's closing line.
writeFileSync(join(artifacts, 'e2e-summary.json'), JSON.stringify({ passed, failed }));
process.exit(failed ? 1 : 0);
