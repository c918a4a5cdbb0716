// `ip addr` and `ip route` on a node (iproute2's formats): eth0 with the InternalIP, the cni0
// bridge with the pod CIDR's gateway, one veth per pod, and what flanneld set up
// (core/cni/flannel.ts): flannel.1 with the vxlan backend, and the routes to the other nodes'
// pod CIDRs — `via SUBNET.0 dev flannel.1 onlink` (vxlan) or `via NODE-IP dev eth0` (host-gw).
// cni0 and the veths take flannel's MTU (subnet.env) whenever they were made (simulated).

import type { Node } from '../api/types.ts';
import type { Simulation } from '../simulation.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { fnv32a } from '../controllers/hash.ts';
import { parseCidr } from '../net/ip.ts';
import { pseudoMac as mac, routeText, type Flannel } from '../cni/flannel.ts';

export function ipCommand(sim: Simulation, k: Kubelet, args: string[]): CommandResult {
  const [obj] = args;
  if (obj === 'a' || obj === 'addr' || obj === 'address') return ok(addr(k, sim.flannel));
  if (obj === 'r' || obj === 'route') return ok(route(sim, k));
  return fail(`Object "${obj ?? ''}" is unknown, try "ip help".`, 255);
}

function addr(k: Kubelet, flannel: Flannel): string {
  const gw = k.ipam.gateway;
  const vtep = flannel.node(k.nodeName).vtep;
  const mtu = flannel.mtu(k.nodeName);
  const bits = k.ipam.cidr?.bits ?? 24;
  let idx = 1;
  const out: string[] = [];
  out.push(`${idx++}: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever`);
  out.push(`${idx++}: eth0@if${idx + 20}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n    link/ether ${mac(k.nodeName)} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n    inet ${k.nodeIP}/16 brd 172.18.255.255 scope global eth0\n       valid_lft forever preferred_lft forever`);
  if (vtep) out.push(`${idx++}: ${vtep.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default \n    link/ether ${vtep.mac} brd ff:ff:ff:ff:ff:ff\n    inet ${vtep.ip}/32 scope global ${vtep.name}\n       valid_lft forever preferred_lft forever`);
  if (k.ipam.cidr) {
    out.push(`${idx++}: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${mtu} qdisc noqueue state UP group default qlen 1000\n    link/ether ${mac(k.nodeName + 'cni0')} brd ff:ff:ff:ff:ff:ff\n    inet ${gw}/${bits} brd ${broadcast(k)} scope global cni0\n       valid_lft forever preferred_lft forever`);
  }
  for (const lease of k.ipam.leases()) {
    const name = `veth${fnv32a(lease.id).toString(16).padStart(8, '0')}`;
    out.push(`${idx++}: ${name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${mtu} qdisc noqueue master cni0 state UP group default \n    link/ether ${mac(lease.id)} brd ff:ff:ff:ff:ff:ff link-netns cni-${lease.id.slice(0, 8)}-${lease.id.slice(8, 12)}-${lease.id.slice(12, 16)}-${lease.id.slice(16, 20)}-${lease.id.slice(20, 32)}`);
  }
  return out.join('\n') + '\n';
}

function broadcast(k: Kubelet): string {
  const c = k.ipam.cidr!;
  const n = c.base + c.size - 1;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function route(sim: Simulation, k: Kubelet): string {
  const lines = [`default via 172.18.0.1 dev eth0 `];
  const own = k.ipam.cidr;
  const remote = sim.flannel.routes(k.nodeName, sim.store.list<Node>('Node'));
  // The kernel lists the main table by destination; the node's own pod CIDR sits among the others.
  const before = own ? remote.filter((r) => (parseCidr(r.dst)?.base ?? 0) < own.base) : remote;
  lines.push(...before.map(routeText));
  if (own) lines.push(`${own.text} dev cni0 proto kernel scope link src ${k.ipam.gateway} `, ...remote.slice(before.length).map(routeText));
  lines.push(`172.18.0.0/16 dev eth0 proto kernel scope link src ${k.nodeIP} `);
  return lines.join('\n') + '\n';
}
