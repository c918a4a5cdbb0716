// The packet tracer: one packet (the first of a connection) from a pod, a node or an
// outside client, through veth / cni0 / the route flanneld wrote (flannel.1 with VXLAN, or
// straight to the other node's eth0 with host-gw) and every netfilter hook of every node it
// crosses, evaluated against the rules in each node's kernel model (walk.ts), ending in an
// outcome. Random branches use the caller's seeded RNG, or are forced with `pick`.
import type { EndpointSlice, Pod, Service } from '../../api/types.ts';
import type { NetfilterState } from '../iptables/netfilter.ts';
import { cidrContains, parseCIDR, parseIP } from '../ip.ts';
import { resolveDestination, resolveSource } from './resolve.ts';
import type { Hop, Outcome, Packet, Proto, TraceResult } from './types.ts';
import { walkHook, type Hook, type WalkEnv } from './walk.ts';
import type { Message, Said } from '../../views/message.ts';
import { sayTrace } from './messages.ts';
import { routeText, type PodRoute } from '../../cni/flannel.ts';

export interface NodeNet {
  name: string;
  ip: string;
  podCIDR?: string;
  /** cni0's address (the pods' gateway) and flannel.1's (the podCIDR's network address), when it exists. */
  gateway?: string;
  vtepIP?: string;
  /** The route flanneld wrote for an address in another node's pod CIDR, if any. */
  podRoute?: (dst: string) => PodRoute | undefined;
  kernel: NetfilterState;
  /** Addresses kube-proxy bound to kube-ipvs0 (IPVS mode). */
  extraLocal: string[];
  recent: Map<string, Map<string, number>>;
  conntrack: string[];
  /** IPVS mode: the virtual-server step between INPUT and the pod. */
  ipvs?: (p: Packet, hops: Hop[], nowSeconds: number) => boolean;
  inSet?: WalkEnv['inSet'];
  /** Said once at the start: how this node's data path is modelled, when not literally. */
  note?: string;
}

export interface TraceEnv {
  nodes: NodeNet[];
  pods: Pod[];
  services: Service[];
  slices: EndpointSlice[];
  dnsDomain: string;
  rng: () => number;
  nowSeconds: number;
}

export interface TraceRequest { from: string; to: string; proto?: Proto; pick?: number; via?: string }

const inCidr = (ip: string, cidr: string | undefined) => {
  const c = cidr ? parseCIDR(cidr) : null, a = parseIP(ip);
  return !!c && !!a && cidrContains(c, a);
};
const SIZE: Record<Proto, number> = { tcp: 60, udp: 36, sctp: 52, icmp: 84 };

type Route = { kind: 'local' } | { kind: 'cni0' } | { kind: 'pods'; route: PodRoute; to?: NodeNet } | { kind: 'eth0'; to?: NodeNet };
const outIf = (r: Route): string => (r.kind === 'cni0' ? 'cni0' : r.kind === 'pods' ? r.route.dev : 'eth0');
const encapsulated = (r: Route): boolean => r.kind === 'pods' && r.route.backend === 'vxlan';

export function trace(env: TraceEnv, req: TraceRequest): TraceResult | string {
  const proto = req.proto ?? 'tcp';
  const src = resolveSource(req.from, env.pods, env.nodes.map((n) => n.name));
  if (typeof src === 'string') return src;
  const ns = src.kind === 'pod' ? src.pod.metadata.namespace ?? 'default' : 'default';
  const dest = resolveDestination(req.to, proto !== 'icmp', env.services, env.slices, env.dnsDomain, ns);
  if (typeof dest === 'string') return dest;
  const hops: Hop[] = [];
  if (dest.answer) hops.push({ kind: 'route', ...sayTrace('trace.dns', { answer: dest.answer.msg }) });
  const nodeOf = (name: string) => env.nodes.find((n) => n.name === name)!;
  const start = src.kind === 'external'
    ? (req.via ? env.nodes.find((n) => n.name === req.via) : env.nodes.find((n) => !/control-plane|master/.test(n.name)) ?? env.nodes[0])
    : nodeOf(src.node);
  if (!start) return `node "${req.via ?? ''}" not found`;
  if (start.note) hops.push({ kind: 'route', node: start.name, text: start.note });
  const sport = proto === 'icmp' ? 0 : 32768 + Math.floor(env.rng() * 28232);
  const p: Packet = { proto, src: '', sport, dst: dest.ip, dport: dest.port, mark: 0, bridged: false, ctNew: true, ctDnat: false };
  const probability = { value: 1 };
  const pick = req.pick ? { n: req.pick, used: false } : undefined;
  const walkEnv = (n: NodeNet): WalkEnv => ({
    node: n.name, kernel: n.kernel, rng: env.rng, pick, recent: n.recent, nowSeconds: env.nowSeconds,
    bytes: SIZE[proto], hops, probability, inSet: n.inSet,
    isLocal: (ip) => ip === n.ip || ip.startsWith('127.') || ip === n.gateway || ip === n.vtepIP || n.extraLocal.includes(ip),
  });
  const route = (n: NodeNet, dst: string): Route => {
    if (walkEnv(n).isLocal(dst)) return { kind: 'local' };
    if (inCidr(dst, n.podCIDR)) return { kind: 'cni0' };
    const pr = n.podRoute?.(dst);
    // VXLAN's next hop is the peer's flannel.1 (its subnet's .0), host-gw's the peer's eth0.
    if (pr) return { kind: 'pods', route: pr, to: env.nodes.find((m) => (pr.backend === 'vxlan' ? inCidr(pr.gateway, m.podCIDR) : m.ip === pr.gateway)) };
    return { kind: 'eth0', to: env.nodes.find((m) => m.ip === dst) };
  };
  const devAddr = (n: NodeNet, r: Route) => (r.kind === 'cni0' ? n.gateway! : encapsulated(r) ? n.vtepIP! : n.ip);
  const fail = (kind: Outcome['kind'], said: Said): TraceResult =>
    ({ request: { from: req.from, to: req.to, proto }, sent, hops: [...hops, { kind: 'outcome', ...said }], outcome: { kind, ...said }, probability: probability.value });
  const hook = (n: NodeNet, h: Hook) => {
    hops.push({ kind: 'hook', node: n.name, text: `${n.name}: netfilter ${h}` });
    return walkHook(walkEnv(n), p, h);
  };
  const blocked = (n: NodeNet, r: { verdict: string; rejectWith?: string }) =>
    r.verdict === 'REJECT'
      ? fail('rejected', sayTrace(proto === 'tcp' ? 'trace.out.rejectedTcp' : 'trace.out.rejected', { node: n.name, reply: r.rejectWith ?? '', src: sent.src }))
      : fail('dropped', sayTrace('trace.out.dropped', { node: n.name }));

  let node = start;
  let sent: Packet;
  if (src.kind === 'pod') {
    p.src = src.ip;
    sent = { ...p };
    const sandbox = `cni-${src.pod.metadata.uid ?? src.pod.metadata.name}`;
    hops.push({ kind: 'netns', node: node.name, ...sayTrace('trace.podNetns', { pod: `${ns}/${src.pod.metadata.name}`, sandbox, ip: src.ip, gateway: `${node.gateway}` }) });
    hops.push({ kind: 'link', node: node.name, ...sayTrace('trace.veth', { node: node.name, gateway: `${node.gateway}` }) });
    Object.assign(p, { inIf: 'cni0', bridged: true });
  } else if (src.kind === 'node') {
    p.src = devAddr(node, route(node, p.dst));
    sent = { ...p };
    hops.push({ kind: 'netns', node: node.name, ...sayTrace('trace.nodeNetns', { node: node.name, dst: p.dst, src: p.src }) });
  } else {
    p.src = src.ip;
    sent = { ...p };
    hops.push({ kind: 'link', node: node.name, ...sayTrace('trace.external', { ip: src.ip, node: node.name, nodeIP: node.ip, dst: p.dst }) });
    Object.assign(p, { inIf: 'eth0' });
  }

  const original = `${p.dst}:${p.dport}`;
  let arrived: Packet = sent;
  for (let crossings = 0; crossings < 4; crossings++) {
    const local = p.inIf === undefined;
    let r = local ? undefined : hook(node, 'PREROUTING');
    if (local) r = hook(node, 'OUTPUT');
    if (r && r.verdict !== 'ACCEPT') return blocked(node, r);
    let rt = route(node, p.dst);
    hops.push({ kind: 'route', node: node.name, ...sayTrace('trace.route', { node: node.name, dst: p.dst, via: via(node, rt) }) });
    if (rt.kind === 'local' && !local) {
      const ri = hook(node, 'INPUT');
      if (ri.verdict !== 'ACCEPT') return blocked(node, ri);
      let viaIpvs: boolean;
      try { viaIpvs = !!node.ipvs?.(p, hops, env.nowSeconds); } catch {
        return done(node, 'rejected', sayTrace('trace.out.ipvsEmpty', { node: node.name, src: sent.src }));
      }
      if (!viaIpvs) {
        if (proto === 'icmp') return done(node, 'local', sayTrace('trace.out.ping', { node: node.name, ip: p.dst }));
        return done(node, 'local', sayTrace('trace.out.hostNetwork', { node: node.name, dst: `${p.dst}:${p.dport}` }));
      }
      Object.assign(p, { inIf: undefined });
      rt = route(node, p.dst);
      hops.push({ kind: 'route', node: node.name, ...sayTrace('trace.route', { node: node.name, dst: p.dst, via: via(node, rt) }) });
    } else if (!local) {
      p.outIf = outIf(rt);
      const rf = hook(node, 'FORWARD');
      if (rf.verdict !== 'ACCEPT') return blocked(node, rf);
    }
    if (rt.kind === 'local') return done(node, 'local', sayTrace('trace.out.ownAddress', { node: node.name, dst: `${p.dst}:${p.dport}` }));
    p.outIf = outIf(rt);
    const ep = (ip: string) => (proto === 'icmp' ? ip : `${ip}:${p.sport}`);
    const before = ep(p.src);
    const rp = hook(node, 'POSTROUTING');
    if (rp.verdict !== 'ACCEPT') return blocked(node, rp);
    if (rp.masquerade) {
      p.src = devAddr(node, rt);
      hops.push({ kind: 'nat', node: node.name, nat: { type: 'MASQUERADE', before, after: ep(p.src) }, ...sayTrace('trace.masquerade', { before, after: ep(p.src), dev: p.outIf }) });
    }
    if (p.ctNew) conntrack(node, arrived, p, hops);
    if (rt.kind === 'cni0') return deliver(env, node, p, fail, hops, probability.value, req, sent);
    const next = rt.to;
    if (!next) {
      const svcCIDR = env.services.some((s) => s.spec.clusterIP === p.dst);
      return fail(svcCIDR ? 'unreachable' : 'left-cluster', svcCIDR
        ? sayTrace(proto === 'icmp' ? 'trace.out.noRulePing' : 'trace.out.noRule', { dst: proto === 'icmp' ? p.dst : original, proto, ip: p.dst })
        : sayTrace('trace.out.left', { node: node.name, dst: p.dst }));
    }
    hops.push({ kind: 'link', node: node.name, ...(rt.kind !== 'pods'
      ? sayTrace('trace.wire', { node: next.name, ip: next.ip })
      : encapsulated(rt)
        ? sayTrace('trace.vxlan', { dev: rt.route.dev, from: node.ip, to: next.ip, node: next.name })
        : sayTrace('trace.hostgw', { node: next.name, ip: next.ip, src: p.src, dst: p.dst })) });
    // A new node: its own conntrack; the skb mark does not survive the wire.
    Object.assign(p, { inIf: outIf(rt), outIf: undefined, mark: 0, bridged: false, ctNew: true, ctDnat: false });
    node = next;
    arrived = { ...p };
  }
  return fail('dropped', sayTrace('trace.out.loop'));

  function done(n: NodeNet, kind: Outcome['kind'], said: Said): TraceResult {
    if (p.ctNew) conntrack(n, arrived, p, hops);
    return fail(kind, said);
  }
}

/** Where the route lookup sends the packet, as `ip route get` would say it, in words. */
function via(n: NodeNet, r: Route): Message {
  if (r.kind === 'local') return sayTrace('trace.via.local').msg;
  if (r.kind === 'cni0') return sayTrace('trace.via.cni0', { cidr: `${n.podCIDR}` }).msg;
  if (r.kind === 'pods') return sayTrace('trace.via.flannel', { route: routeText(r.route).trimEnd(), node: r.route.node, backend: r.route.backend }).msg;
  return r.to ? sayTrace('trace.via.eth0', { node: r.to.name }).msg : sayTrace('trace.via.default').msg;
}

function conntrack(n: NodeNet, sent: Packet, p: Packet, hops: Hop[]): void {
  const name = sent.proto.padEnd(8);
  const num = { tcp: 6, udp: 17, sctp: 132, icmp: 1 }[sent.proto];
  const head = sent.proto === 'tcp' ? `${name} ${num} 120 SYN_SENT` : `${name} ${num} 30`;
  const ports = (a: number, b: number) => (sent.proto === 'icmp' ? 'type=8 code=0 id=1' : `sport=${a} dport=${b}`);
  const orig = `src=${sent.src} dst=${sent.dst} ${ports(sent.sport, sent.dport)}`;
  const reply = `src=${p.dst} dst=${p.src} ${sent.proto === 'icmp' ? 'type=0 code=0 id=1' : `sport=${p.dport} dport=${p.sport}`}`;
  const entry = `${head} ${orig} [UNREPLIED] ${reply} mark=0 use=1`;
  n.conntrack.push(entry);
  if (n.conntrack.length > 200) n.conntrack.shift();
  hops.push({ kind: 'conntrack', node: n.name, ...sayTrace('trace.conntrack', { node: n.name, entry }) });
}

function deliver(env: TraceEnv, n: NodeNet, p: Packet, fail: (k: Outcome['kind'], said: Said) => TraceResult,
  hops: Hop[], probability: number, req: TraceRequest, sent: Packet): TraceResult {
  const pod = env.pods.find((x) => x.status?.podIP === p.dst && x.spec.nodeName === n.name && !x.spec.hostNetwork);
  if (!pod) return fail('unreachable', sayTrace('trace.out.noPod', { ip: p.dst, node: n.name }));
  const id = { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, node: n.name, ip: p.dst };
  const podName = `${id.namespace}/${id.name}`;
  hops.push({ kind: 'link', node: n.name, ...sayTrace('trace.toPod', { pod: podName, ip: p.dst }) });
  const ports = (pod.spec.containers ?? []).flatMap((c) => (c.ports ?? []).map((x) => ({ port: x.containerPort, proto: (x.protocol ?? 'TCP').toLowerCase() })));
  const refused = p.proto === 'tcp' && ports.length > 0 && !ports.some((x) => x.port === p.dport && x.proto === 'tcp');
  const said = refused
    ? sayTrace('trace.out.refused', { pod: podName, ip: p.dst, node: n.name, port: p.dport })
    : sayTrace('trace.out.delivered', { pod: podName, dst: `${p.dst}:${p.dport}`, node: n.name, src: `${p.src}:${p.sport}` });
  hops.push({ kind: 'outcome', ...said });
  return { request: { from: req.from, to: req.to, proto: p.proto }, sent, hops, outcome: { kind: refused ? 'refused' : 'delivered', ...said, pod: id }, probability };
}
