#!/usr/bin/env node
// `npm test`: every test, in order of cost — typecheck, lint (layering rules), the Vitest
// suites (unit, golden, property, fuzz, netfilter), then end-to-end in real Chromium.
// Prints one closing line "N passed, N failed" counting the steps.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('tests/artifacts', { recursive: true });
const VITEST_JSON = 'tests/artifacts/vitest.json';
const E2E_JSON = 'tests/artifacts/e2e-summary.json';
for (const f of [VITEST_JSON, E2E_JSON]) rmSync(f, { force: true });

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['unit, golden, property and netfilter tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]],
  ['end-to-end in Chromium', 'node', ['tests/e2e/run.mjs']],
];

let passed = 0;
let failed = 0;
const failures = [];
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    process.stdout.write(`=== ${name}: ok (${secs}s) ===\n`);
  } else {
    failed++;
    failures.push(name);
    process.stdout.write(`=== ${name}: FAILED (exit ${r.status ?? r.signal}, ${secs}s) ===\n`);
  }
}
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\nsteps: ${passed} passed, ${failed} failed\n`);
// Test counts across suites: Vitest's JSON report plus the e2e runner's summary.
let tp = 0, tf = 0, ts = 0;
if (existsSync(VITEST_JSON)) {
  const v = JSON.parse(readFileSync(VITEST_JSON, 'utf8'));
  tp += v.numPassedTests ?? 0;
  tf += v.numFailedTests ?? 0;
  ts += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(E2E_JSON)) {
  const e = JSON.parse(readFileSync(E2E_JSON, 'utf8'));
  tp += e.passed ?? 0;
  tf += e.failed ?? 0;
}
process.stdout.write(`tests: ${tp} passed, ${tf + failed} failed, ${ts} skipped\n`);
process.exit(failed ? 1 : 0);
