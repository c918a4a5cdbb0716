#!/usr/bin/env node
// `npm run bench`: measures, never asserts. Runs each benchmark in its own process with a
// time limit, prints the numbers and appends a dated section to BENCHMARKS.md with the
// machine and the commit. Budget: under 10 minutes on a 2-core machine.

import { spawnSync, execSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const quick = process.argv.includes('--quick');
// `--only engine` (or scheduler, proxy, browser) runs one group of benchmarks.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const wanted = (group) => !only || only === group;
const results = [];

function runJson(label, cmd, args, timeoutMs) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const wall = Date.now() - t0;
  const line = (r.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (r.status !== 0 || !line) {
    const why = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM' ? `did not finish within ${timeoutMs / 1000} s` : `exit ${r.status}: ${(r.stderr ?? '').split('\n').filter((l) => l && !l.includes('nodedir')).slice(-3).join(' | ')}`;
    console.log(`${label}: ${why}`);
    results.push({ label, error: why, wallMs: wall });
    return undefined;
  }
  const data = JSON.parse(line);
  console.log(`${label}: ${line}`);
  results.push({ label, ...data, wallMs: wall });
  return data;
}

const tsx = ['node_modules/tsx/dist/cli.mjs'];
// Each scale gets a time limit so the whole run stays under 10 minutes; a scale that does not
// reach steady state in time is reported as such (that is a result too).
const engineScales = quick ? [[100, 3000, 100, 120]] : [[100, 3000, 100, 120], [1000, 30000, 1000, 150], [5000, 150000, 10000, 90]];
if (wanted('engine')) for (const [n, p, s, limitS] of engineScales)
  runJson(`engine ${n} nodes / ${p} pods / ${s} services`, process.execPath, ['--max-old-space-size=4096', ...tsx, 'bench/engine.bench.ts', String(n), String(p), String(s)], limitS * 1000);
// Scheduler alone at 100 / 1,000 / 5,000 nodes (pods/s of CPU time, beside scheduler_perf's floor).
if (wanted('scheduler')) runJson('scheduler throughput', process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/scheduler.bench.ts', ...(quick ? ['100', '1000'] : [])], 90_000);
if (wanted('proxy') && existsSync('bench/proxy.bench.ts')) runJson('kube-proxy iptables rules', process.execPath, [...tsx, 'bench/proxy.bench.ts'], 180_000);
if (wanted('browser') && existsSync('bench/browser.bench.mjs')) runJson('browser (load, edit → graph, pan/zoom)', process.execPath, ['bench/browser.bench.mjs'], 300_000);

const commit = (() => { try { return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const header = existsSync('BENCHMARKS.md') ? '' : '# Benchmarks\n\nWritten by `npm run bench` (bench/run.mjs). Numbers are measurements, not assertions; targets are in the issues.\n';
const body = [`\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · commit ${commit}${quick ? ' · quick' : ''}${only ? ` · only ${only}` : ''}\n`, `Machine: ${machine}\n`, '```json', ...results.map((r) => JSON.stringify(r)), '```\n'].join('\n');
if (header) writeFileSync('BENCHMARKS.md', header);
appendFileSync('BENCHMARKS.md', body);
console.log('\nappended to BENCHMARKS.md');
