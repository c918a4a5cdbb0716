// Golden outputs of control-plane scenarios; see tests/golden/control-plane/README.md for
// where each expected text comes from. Set UPDATE_GOLDEN=1 to rewrite them.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cluster, deploymentYaml } from '../harness.ts';

const dir = join(import.meta.dirname, '../../golden/control-plane');
function golden(name: string, got: string): void {
  const f = join(dir, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(f)) writeFileSync(f, got);
  expect(got).toBe(readFileSync(f, 'utf8'));
}

describe('control-plane goldens', () => {
  it('FailedScheduling in kubectl get events', () => {
    const c = cluster();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "8"}}}]\n');
    c.advance('10s');
    golden('failed-scheduling.txt', c.run('kubectl get events --field-selector involvedObject.name=big'));
  });
  it('describe node after the kubelet stopped', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 2));
    c.advance('20s');
    c.run('ssh worker-1 systemctl stop kubelet');
    c.advance('70s');
    golden('node-failure-describe.txt', c.run('kubectl describe node worker-1'));
  });
  it('drain', () => {
    const c = cluster();
    c.apply(deploymentYaml('web', 2));
    c.advance('20s');
    golden('drain.txt', c.run('kubectl drain worker-2') + c.run('kubectl drain worker-2 --ignore-daemonsets'));
  });
});
