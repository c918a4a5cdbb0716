// flanneld with the kube subnet manager (flannel-io/flannel v0.26: main.go, pkg/subnet/kube,
// pkg/backend/vxlan, pkg/backend/hostgw). When its container starts on a node it reads
// net-conf.json from the ConfigMap mounted at /etc/kube-flannel/, registers the node's lease
// as Node annotations (flannel.alpha.coreos.com/backend-type, backend-data, public-ip,
// kube-subnet-manager), writes /run/flannel/subnet.env (through its hostPath mount, for the
// flannel CNI plugin) and routes to the leases of the other nodes:
//   vxlan:   flannel.<VNI> (address: the subnet's .0/32), `SUBNET via SUBNET.0 dev flannel.1 onlink`
//   host-gw: no device, `SUBNET via PUBLIC-IP dev eth0`
// A backend only routes to leases of its own type ("Ignoring non-host-gw subnet"). The
// config is read at start only, so a changed ConfigMap takes effect when the pod restarts.
// Simplified: routes are computed from the current leases instead of kept as kernel state;
// a route the node's earlier backend installed is kept while the peer's lease is still of
// that type (as after a rolling switch), and flannel.1 stays once created (flanneld never
// deletes it).

import type { Component, Context } from '../api/context.ts';
import type { KObject, Node, Pod } from '../api/types.ts';
import { fnv32a } from '../controllers/hash.ts';
import { cidrContains, intToIp, parseCidr } from '../net/ip.ts';
import type { Store } from '../runtime/fs.ts';

export const ANNOTATION = 'flannel.alpha.coreos.com/';
export type Backend = 'vxlan' | 'host-gw';
const BACKENDS: readonly string[] = ['vxlan', 'host-gw'];
/** The node's eth0 MTU; VXLAN's outer headers take 50 bytes of it (vxlan_network.go). */
const ETH_MTU = 1500;

/** A locally administered MAC, stable per seed (the simulation has no hardware). */
export function pseudoMac(seed: string): string {
  const h = fnv32a(seed).toString(16).padStart(8, '0') + fnv32a(seed + '#').toString(16).padStart(8, '0');
  return ['02', h.slice(0, 2), h.slice(2, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10)].join(':');
}

export interface NetConf { network: string; backend: string; vni: number }

/** net-conf.json as subnet.ParseConfig reads it: Go's JSON keys match case-insensitively; no Backend means udp. */
export function parseNetConf(text: string): NetConf | undefined {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch { return undefined; }
  const field = (o: unknown, k: string): unknown =>
    o && typeof o === 'object' ? Object.entries(o).find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1] : undefined;
  const be = field(raw, 'Backend');
  const vni = Number(field(be, 'VNI') ?? 1);
  return { network: String(field(raw, 'Network') ?? ''), backend: be === undefined ? 'udp' : String(field(be, 'Type') ?? ''), vni: Number.isInteger(vni) ? vni : 1 };
}

/** kube-flannel.yml's net-conf.json (v0.26.4), with the cluster's pod subnet as Network. */
export const netConfJson = (network: string, backend = 'vxlan'): string =>
  `{\n  "Network": "${network}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "${backend}"\n  }\n}\n`;

/** A node's lease as the other flanneld see it: its annotations. */
export interface Lease { node: string; subnet: string; type: string; publicIP: string }

export function leaseOf(n: Node): Lease | undefined {
  const a = n.metadata.annotations ?? {};
  if (a[`${ANNOTATION}kube-subnet-manager`] !== 'true' || !n.spec.podCIDR) return undefined;
  return { node: n.metadata.name, subnet: n.spec.podCIDR, type: a[`${ANNOTATION}backend-type`] ?? '', publicIP: a[`${ANNOTATION}public-ip`] ?? '' };
}

/** One route to another node's pod subnet, as `ip route` shows it. */
export interface PodRoute { dst: string; gateway: string; dev: string; onlink: boolean; node: string; backend: Backend }

/** What flanneld did on one node since it booted. */
export interface FlannelNode {
  /** The backend flanneld last started with; undefined until it has run. */
  backend?: Backend;
  /** flannel.<VNI>, once the vxlan backend created it. */
  vtep?: { name: string; mac: string; ip: string };
  /** Backends it has run: their routes to peers still of that type stay in the kernel. */
  ran: Set<Backend>;
  containerID?: string;
}

export const routeText = (r: PodRoute): string => `${r.dst} via ${r.gateway} dev ${r.dev} ${r.onlink ? 'onlink ' : ''}`;

export class Flannel implements Component {
  readonly name = 'flanneld';
  private readonly nodes = new Map<string, FlannelNode>();
  private readonly queue = new Set<string>();

  /** hostFs: a node's directories that hostPath volumes share (the kubelet's). */
  constructor(private readonly ctx: Context, private readonly hostFs: (node: string) => Map<string, Store> | undefined) {
    ctx.api.store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      if (flanneldContainer(p)) this.queue.add(`${p.metadata.namespace}/${p.metadata.name}`);
    });
  }

  node(name: string): FlannelNode {
    let n = this.nodes.get(name);
    if (!n) this.nodes.set(name, (n = { ran: new Set() }));
    return n;
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    const keys = [...this.queue];
    this.queue.clear();
    let did = false;
    for (const key of keys) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.ctx.api.get<Pod>('Pod', ns, name);
      const c = pod && flanneldContainer(pod);
      const cs = c && pod.status?.containerStatuses?.find((s) => s.name === c.name);
      if (!pod?.spec.nodeName || !cs?.state?.running || !cs.containerID) continue;
      const fl = this.node(pod.spec.nodeName);
      if (fl.containerID === cs.containerID) continue;
      fl.containerID = cs.containerID;
      did = this.start(pod, fl) || did;
    }
    return did;
  }

  /** flanneld's start: net-conf.json, the backend's device, then the lease on the Node. */
  private start(pod: Pod, fl: FlannelNode): boolean {
    const conf = this.netConf(pod);
    const node = this.ctx.api.get<Node>('Node', undefined, pod.spec.nodeName!);
    const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    // Other backends (udp, wireguard, ipip, ...) are not simulated: the node keeps what it had.
    if (!conf || !BACKENDS.includes(conf.backend) || !node?.spec.podCIDR || !ip) return false;
    const backend = conf.backend as Backend;
    fl.backend = backend;
    fl.ran.add(backend);
    if (backend === 'vxlan') fl.vtep = { name: `flannel.${conf.vni}`, mac: pseudoMac(`${node.metadata.name}flannel`), ip: node.spec.podCIDR.split('/')[0]! };
    const data = backend === 'vxlan' ? `{"VNI":${conf.vni},"VtepMAC":"${fl.vtep!.mac}"}` : 'null';
    const annotations = {
      ...node.metadata.annotations,
      [`${ANNOTATION}backend-data`]: data, [`${ANNOTATION}backend-type`]: backend,
      [`${ANNOTATION}kube-subnet-manager`]: 'true', [`${ANNOTATION}public-ip`]: ip,
    };
    this.ctx.api.update({ ...node, metadata: { ...node.metadata, annotations } });
    const run = this.hostPathAt(pod, '/run/flannel');
    const sn = parseCidr(node.spec.podCIDR)!;
    run?.set('/subnet.env', `FLANNEL_NETWORK=${conf.network}\nFLANNEL_SUBNET=${intToIp(sn.base + 1)}/${sn.bits}\nFLANNEL_MTU=${this.mtu(node.metadata.name)}\nFLANNEL_IPMASQ=true\n`);
    return true;
  }

  /** The volume the flanneld container mounts at `path`: its ConfigMap name or its host directory. */
  private volumeAt(pod: Pod, path: string): { configMap?: { name?: string }; hostPath?: { path: string } } | undefined {
    const mounts = (flanneldContainer(pod)!.volumeMounts ?? []) as { name: string; mountPath: string }[];
    const mount = mounts.find((m) => m.mountPath.replace(/\/$/, '') === path);
    return pod.spec.volumes?.find((v) => v.name === mount?.name);
  }

  private hostPathAt(pod: Pod, path: string): Store | undefined {
    const dir = this.volumeAt(pod, path)?.hostPath?.path;
    return dir ? this.hostFs(pod.spec.nodeName!)?.get(dir) : undefined;
  }

  /** /etc/kube-flannel/net-conf.json: the configMap volume mounted there. */
  private netConf(pod: Pod): NetConf | undefined {
    const name = this.volumeAt(pod, '/etc/kube-flannel')?.configMap?.name;
    const cm = name && this.ctx.api.get<KObject & { data?: Record<string, string> }>('ConfigMap', pod.metadata.namespace, name);
    const text = cm ? cm.data?.['net-conf.json'] : undefined;
    return text ? parseNetConf(text) : undefined;
  }

  /** subnet.env's FLANNEL_MTU: eth0's, less VXLAN's 50 bytes (1450 before flanneld ran, as kube-flannel's default). */
  mtu(name: string): number {
    return this.node(name).backend === 'host-gw' ? ETH_MTU : ETH_MTU - 50;
  }

  /** The node's routes to the other nodes' pod subnets, in the kernel's order (by destination). */
  routes(name: string, nodes: Node[]): PodRoute[] {
    const fl = this.node(name);
    const out: PodRoute[] = [];
    for (const n of nodes) {
      const l = n.metadata.name !== name ? leaseOf(n) : undefined;
      const r = l && routeFor(fl, l);
      if (r) out.push(r);
    }
    const base = (r: PodRoute) => parseCidr(r.dst)?.base ?? 0;
    return out.sort((a, b) => base(a) - base(b));
  }

  /** The route `ip route get DST` would pick among them, if DST is in another node's pod subnet. */
  routeTo(name: string, dst: string, nodes: Node[]): PodRoute | undefined {
    const peer = nodes.find((n) => n.metadata.name !== name && n.spec.podCIDR && cidrContains(parseCidr(n.spec.podCIDR)!, dst));
    const l = peer && leaseOf(peer);
    return l && routeFor(this.node(name), l);
  }
}

function routeFor(fl: FlannelNode, l: Lease): PodRoute | undefined {
  if (l.type !== fl.backend && !fl.ran.has(l.type as Backend)) return undefined;
  if (l.type === 'vxlan' && fl.vtep) return { dst: l.subnet, gateway: l.subnet.split('/')[0]!, dev: fl.vtep.name, onlink: true, node: l.node, backend: 'vxlan' };
  if (l.type === 'host-gw' && l.publicIP) return { dst: l.subnet, gateway: l.publicIP, dev: 'eth0', onlink: false, node: l.node, backend: 'host-gw' };
  return undefined;
}

function flanneldContainer(p: Pod) {
  return p.spec.containers.find((c) => c.command?.[0]?.endsWith('/flanneld'));
}
