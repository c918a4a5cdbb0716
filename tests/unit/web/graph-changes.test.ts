// "What my edit did" (snapshot and rule diffs), rule gists, component chips.
import { describe, expect, it } from 'vitest';
import { cluster, deploymentYaml, serviceYaml } from '../harness.ts';
import { view } from '../../../core/views/index.ts';
import { diffChains, diffSnapshots, mergeChanges, ruleKey, sortChanges } from '../../../web/graph/changes.ts';
import { ruleGist, servicePortOf } from '../../../web/graph/rules.ts';
import { controlPlaneChips, nodeBadges, proxyPods } from '../../../web/graph/components.ts';
import type { Node } from '../../../core/api/types.ts';
import type { NodeView } from '../../../web/graph/viewTypes.ts';

const nodeView = (c: ReturnType<typeof cluster>): NodeView => {
  const r = view(c.sim, { kind: 'node', name: 'worker-1' });
  if (r.kind !== 'node') throw new Error(r.kind);
  return r.node;
};

describe('what my edit did', () => {
  const c = cluster();
  c.apply(deploymentYaml('web', 2));
  c.settle();
  const before = c.sim.snapshot();
  const rulesBefore = nodeView(c);
  c.apply(`${deploymentYaml('web', 2)}---\n${serviceYaml('web')}`);
  c.settle();
  const after = c.sim.snapshot();
  const rulesAfter = nodeView(c);

  it('lists the new Service and its EndpointSlice, nothing about untouched pods', () => {
    const changes = diffSnapshots(before, after);
    expect(changes.filter((x) => x.kind === 'added').map((x) => x.key)).toEqual(expect.arrayContaining(['Service/default/web']));
    expect(changes.some((x) => x.what === 'EndpointSlice' && x.kind === 'added' && /10\.244\./.test(x.detail ?? ''))).toBe(true);
    expect(changes.some((x) => x.what === 'Pod')).toBe(false);
  });

  it('lists the chains kube-proxy added on the node and the new rule lines', () => {
    const d = diffChains(rulesBefore, rulesAfter);
    const added = d.changes.filter((x) => x.kind === 'added').map((x) => x.label);
    expect(added.some((l) => /^chain nat\/KUBE-SVC-/.test(l))).toBe(true);
    expect(added.filter((l) => /^chain nat\/KUBE-SEP-/.test(l))).toHaveLength(2);
    expect(d.changes.find((x) => x.label === 'chain nat/KUBE-SERVICES')).toMatchObject({ kind: 'changed', detail: '+1 rule on worker-1' });
    const line = rulesAfter.proxy.chains.find((x) => x.table === 'nat' && x.name === 'KUBE-SERVICES')!.rules.find((r) => r.comment === 'default/web cluster IP')!.line;
    expect(d.rules.has(ruleKey('worker-1', 'nat', 'KUBE-SERVICES', line))).toBe(true);
  });

  it('names each rule line a chain gained, with its index in the chain now', () => {
    const d = diffChains(rulesBefore, rulesAfter);
    const services = rulesAfter.proxy.chains.find((x) => x.table === 'nat' && x.name === 'KUBE-SERVICES')!;
    const rule = services.rules.find((r) => r.comment === 'default/web cluster IP')!;
    expect(d.changes.find((x) => x.label === 'chain nat/KUBE-SERVICES')!.rules).toEqual([{ kind: 'added', line: rule.line, index: rule.index }]);
    const svc = d.changes.find((x) => /^chain nat\/KUBE-SVC-/.test(x.label))!;
    expect(svc.rules!.map((r) => r.line)).toEqual(rulesAfter.proxy.chains.find((x) => `chain ${x.table}/${x.name}` === svc.label)!.rules.map((r) => r.line));
    const undo = diffChains(rulesAfter, rulesBefore).changes.find((x) => x.label === 'chain nat/KUBE-SERVICES')!;
    expect(undo.rules).toEqual([{ kind: 'removed', line: rule.line }]);
  });

  const chain = (rules: { kind: 'added' | 'removed'; line: string }[]) => ({ kind: 'changed' as const, what: 'Chain', key: 'Chain/w/nat/X', label: 'chain nat/X', rules });
  it.each([
    { name: 'a line added then removed cancels out', given: [[{ kind: 'added', line: 'A' }], [{ kind: 'removed', line: 'A' }]], want: [] },
    { name: 'lines of two edits add up', given: [[{ kind: 'added', line: 'A' }], [{ kind: 'removed', line: 'B' }]], want: [{ kind: 'added', line: 'A' }, { kind: 'removed', line: 'B' }] },
    { name: 'a line removed then added back cancels out', given: [[{ kind: 'removed', line: 'A' }], [{ kind: 'added', line: 'A' }]], want: [] },
  ] as const)('merges a chain’s rule lines: $name', ({ given, want }) => {
    expect(mergeChanges([chain([...given[0]])], [chain([...given[1]])])[0]!.rules).toEqual(want);
  });

  it('folds changes within one edit: added then changed stays added, added then removed is nothing', () => {
    const a = { kind: 'added' as const, what: 'Pod', key: 'Pod/default/x', label: 'pod/x', detail: 'Pending' };
    expect(mergeChanges([a], [{ ...a, kind: 'changed', detail: 'Pending → Running' }])).toEqual([{ ...a, detail: 'Running' }]);
    expect(mergeChanges([a], [{ ...a, kind: 'removed' }])).toEqual([]);
    expect(mergeChanges([{ ...a, kind: 'changed', detail: 'A → B' }], [{ ...a, kind: 'changed', detail: 'B → C' }])[0]!.detail).toBe('A → C');
    expect(sortChanges([{ ...a, what: 'Chain', key: 'c' }, a]).map((x) => x.what)).toEqual(['Pod', 'Chain']);
  });
});

describe('rule gist', () => {
  it('says what a kube-proxy rule matches and does', () => {
    expect(ruleGist('-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU'))
      .toEqual({ match: '10.96.0.10:53/udp', action: '→ KUBE-SVC-TCOU7JCQXEZGVUNU', jump: 'KUBE-SVC-TCOU7JCQXEZGVUNU', comment: 'kube-system/kube-dns:dns cluster IP' });
    expect(ruleGist('-A KUBE-SVC-X -m comment --comment "default/web:http -> 10.244.1.3:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-Y').match).toBe('p=0.333');
    expect(ruleGist('-A KUBE-SEP-Y -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.1.3:80')).toMatchObject({ action: 'DNAT → 10.244.1.3:80', dnat: '10.244.1.3:80' });
    expect(ruleGist('-A KUBE-SVC-X ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m tcp --dport 443 -j KUBE-MARK-MASQ')).toMatchObject({ match: '10.96.0.1:443/tcp, not from 10.244.0.0/16', action: 'mark for SNAT' });
    expect(ruleGist('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN')).toMatchObject({ match: 'unmarked', action: 'RETURN' });
    expect(servicePortOf('default/web:http -> 10.244.1.3:80')).toBe('default/web:http');
    expect(servicePortOf('kubernetes service portals')).toBeUndefined();
  });
});

describe('components', () => {
  it('shows the control plane from its static pods and each node’s kubelet, kube-proxy and runtime', () => {
    const c = cluster();
    c.settle();
    const objects = c.sim.snapshot().objects;
    const chips = controlPlaneChips(objects);
    expect(chips.map((x) => x.label)).toEqual(['API server', 'etcd', 'scheduler', 'controller manager', 'CoreDNS']);
    expect(chips.every((x) => x.tone === 'ok' && x.pod)).toBe(true);
    const w1 = objects.find((o) => o.kind === 'Node' && o.metadata.name === 'worker-1') as Node;
    const b = nodeBadges(w1, proxyPods(objects).get('worker-1'));
    expect(b.kubelet.ok).toBe(true);
    expect(b.proxy).toMatchObject({ tone: 'ok', text: 'kube-proxy' });
    expect(b.runtime).toMatch(/^containerd /);
  });
});
