// Seeded fuzzing of the shell: whatever line a user types, the shell answers with output
// and an exit code — it never throws and never leaves the engine broken. Failing seeds
// found here are kept below as regressions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { Shell } from '../../../core/shell/shell.ts';

const WORDS = ['kubectl', 'get', 'describe', 'delete', 'apply', 'scale', 'logs', 'cordon', 'uncordon', 'pods', 'po', 'nodes', 'svc', 'deploy',
  'rs', 'endpointslices', 'events', 'all', 'web', 'worker-1', 'control-plane', '-o', 'wide', 'yaml', 'json', 'name', '-n', 'kube-system', '-A',
  '-l', 'app=web', '--replicas=0', '--replicas=5', '-f', 'x.yaml', 'ssh', 'iptables-save', '-t', 'nat', 'filter', 'crictl', 'ps', '-a', 'images',
  'ip', 'addr', 'route', 'systemctl', 'status', 'stop', 'start', 'kubelet', 'journalctl', '-u', 'sleep', '1s', '30s', 'exit', '--', '"', "'",
  '|', ';', '$(x)', '<img src=x onerror=alert(1)>', '\u202e', '😀', '', '--grace-period=0', '--force', '-p', '-c'];

const line = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { minLength: 0, maxLength: 8 }).map((w) => w.join(' '));

describe('shell fuzz', () => {
  const c = cluster(7);
  c.apply(deploymentYaml('web', 2) + '---\n' + serviceYaml('web'));
  c.settle();
  const shell = new Shell(c.sim);

  it('never throws, always returns strings and an exit code', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        for (const l of lines) {
          const r = shell.run(l);
          expect(typeof r.stdout).toBe('string');
          expect(typeof r.stderr).toBe('string');
          expect(Number.isInteger(r.exitCode)).toBe(true);
          // An internal error is a bug even when caught: the shell must answer as the tool would.
          expect(r.stderr).not.toMatch(/kubeplay: internal error/);
        }
        shell.run('exit');
      }),
      { seed: 20261121, numRuns: 300 },
    );
  });

  it('keeps the cluster consistent after a fuzzed session', () => {
    c.settle();
    const ips = c.sim.pods().filter((p) => p.status?.podIP && p.status.phase === 'Running' && !p.spec.hostNetwork).map((p) => `${p.spec.nodeName}/${p.status!.podIP}`);
    expect(new Set(ips).size).toBe(ips.length);
  });
});
