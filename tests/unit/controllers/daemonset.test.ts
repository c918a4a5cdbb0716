// The DaemonSet controller reacts to one node at a time (addNode/updateNode/deleteNode in
// pkg/controller/daemon/daemon_controller.go): a node that joins, is relabelled or leaves
// gets its daemon pod created or removed, and the status counts follow, without a walk of
// every node. Each case ends with the pods' nodes and the DaemonSet's status.
import { describe, expect, it } from 'vitest';
import { cluster } from '../harness.ts';
import type { Pod } from '../../../core/api/types.ts';

const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {disk: ssd}
      containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
`;
const JOIN = 'ssh worker-3 kubeadm join 172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00';

const cases: { name: string; given: string[]; want: { nodes: string[]; desired: number; current: number } }[] = [
  { name: 'no node has the label', given: [], want: { nodes: [], desired: 0, current: 0 } },
  { name: 'a node labelled gets a pod', given: ['kubectl label node worker-1 disk=ssd'], want: { nodes: ['worker-1'], desired: 1, current: 1 } },
  { name: 'two labelled, one unlabelled again', given: ['kubectl label node worker-1 disk=ssd', 'kubectl label node worker-2 disk=ssd', 'kubectl label node worker-1 disk-'], want: { nodes: ['worker-2'], desired: 1, current: 1 } },
  { name: 'a node that joins and is labelled', given: [JOIN, 'kubectl label node worker-3 disk=ssd'], want: { nodes: ['worker-3'], desired: 1, current: 1 } },
  { name: 'a labelled node deleted', given: ['kubectl label node worker-1 disk=ssd', 'kubectl label node worker-2 disk=ssd', 'kubectl delete node worker-2'], want: { nodes: ['worker-1'], desired: 1, current: 1 } },
];

describe('DaemonSet controller, node by node', () => {
  for (const { name, given, want } of cases)
    it(name, () => {
      const c = cluster();
      c.apply(ds);
      c.advance('10s');
      for (const line of given) {
        c.run(line);
        c.advance('20s');
      }
      const live = c.sim.pods().filter((p: Pod) => p.metadata.name.startsWith('agent-') && !p.metadata.deletionTimestamp);
      expect(live.map((p) => p.spec.nodeName).sort()).toEqual(want.nodes);
      const st = c.get('DaemonSet', 'agent')!.status as { desiredNumberScheduled: number; currentNumberScheduled: number };
      expect({ desired: st.desiredNumberScheduled, current: st.currentNumberScheduled }).toEqual({ desired: want.desired, current: want.current });
    });
});
