// `kubectl get nodes` row, after upstream printNode.
import type { Node } from '../../api/types.ts';
import { since } from '../duration.ts';
import { byteCompare } from '../labelFormat.ts';
import type { Printer, RowContext } from '../table.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Roles from node-role.kubernetes.io/<role> keys and the legacy kubernetes.io/role value. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(byteCompare);
}

/** Only the Ready condition counts; SchedulingDisabled is appended for cordoned nodes. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const address = (node: Node, type: string): string =>
  node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodePrinter: Printer<Node> = {
  columns: [
    { name: 'Name' }, { name: 'Status' }, { name: 'Roles' }, { name: 'Age' }, { name: 'Version' },
    { name: 'Internal-IP', wide: true }, { name: 'External-IP', wide: true }, { name: 'OS-Image', wide: true },
    { name: 'Kernel-Version', wide: true }, { name: 'Container-Runtime', wide: true },
  ],
  cells(node: Node, ctx: RowContext): string[] {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name, nodeStatus(node), nodeRoles(node).join(',') || '<none>',
      since(node.metadata.creationTimestamp, ctx.now), info['kubeletVersion'] ?? '',
      address(node, 'InternalIP'), address(node, 'ExternalIP'), info['osImage'] || '<unknown>',
      info['kernelVersion'] || '<unknown>', info['containerRuntimeVersion'] || '<unknown>',
    ];
  },
};
