// One node opened up: kubelet, containerd's sandboxes and containers, the cni0 bridge and
// veths, flanneld's backend and routes, and kube-proxy's chains as iptables-save prints each rule.

import type { Simulation } from '../simulation.ts';
import { canonicalRule } from '../proxy/iptables/canonical.ts';
import { TABLE_ORDER, type KChain } from '../proxy/iptables/netfilter.ts';
import { fnv32a } from '../controllers/hash.ts';
import { IpvsProxier } from '../proxy/ipvs/proxier.ts';
import { sortDests, sortServices } from '../proxy/ipvs/state.ts';
import type { ChainView, NodeView, SandboxView, VirtualServerView } from './types.ts';
import type { Node, Pod, Service } from '../api/types.ts';

/** The veth name the bridge plugin would pick for a sandbox (stable per sandbox id). */
export const vethName = (sandboxId: string): string => `veth${fnv32a(sandboxId).toString(16).padStart(8, '0')}`;

/**
 * A rule's words, target and packet count. The kernel model keeps counters either on the rule
 * or beside the shared rule specs (a per-chain array); this reads both.
 */
function ruleFacts(ch: KChain, i: number): { words: string[]; target?: string; pkts: number } {
  const r = ch.rules[i] as unknown as { words: string[]; target?: string; pkts?: number; spec?: { target?: string } };
  const counters = (ch as { counters?: Float64Array }).counters;
  return { words: r.words, target: r.spec?.target ?? r.target, pkts: r.pkts ?? counters?.[2 * i] ?? 0 };
}

export function nodeView(sim: Simulation, name: string): NodeView | undefined {
  const k = sim.kubelets.get(name);
  const node = sim.api.get<Node>('Node', undefined, name);
  if (!k || !node) return undefined;
  const containers = [...k.cri.containers.values()];
  const sandboxes: SandboxView[] = [...k.cri.sandboxes.values()].map((s) => ({
    id: s.id, pod: s.name, namespace: s.namespace, ip: s.ip, veth: vethName(s.id),
    hostNetwork: !!sim.api.get<Pod>('Pod', s.namespace, s.name)?.spec.hostNetwork,
    volumes: (k.workers.get(s.podUid)?.volumes ?? []).map((v) => ({ name: v.name, plugin: v.plugin, hostPath: v.hostPath })),
    state: s.state === 'SANDBOX_READY' ? 'ready' : 'notready',
    containers: containers.filter((c) => c.sandboxId === s.id).map((c) => ({
      id: c.id, name: c.name, image: c.image, attempt: c.attempt,
      state: c.state === 'CONTAINER_RUNNING' ? 'running' : c.state === 'CONTAINER_EXITED' ? 'exited' : 'created',
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}), ...(c.reason ? { reason: c.reason } : {}),
    })),
  }));
  const kp = sim.kubeProxies.get(name);
  kp?.sync();
  const chains: ChainView[] = [];
  if (kp) {
    for (const table of TABLE_ORDER) {
      const t = kp.kernel.tables.get(table);
      if (!t) continue;
      for (const ch of t.ordered()) {
        chains.push({
          table, name: ch.name, builtin: ch.builtin, ...(ch.builtin ? { policy: ch.policy } : {}),
          rules: ch.rules.map((_, i) => {
            const { words, target, pkts } = ruleFacts(ch, i);
            const ci = words.indexOf('--comment');
            const pi = words.indexOf('--probability');
            return {
              index: i + 1, line: canonicalRule(ch.name, words, false), pkts,
              ...(target ? { target } : {}),
              ...(ci >= 0 ? { comment: words[ci + 1] } : {}),
              ...(pi >= 0 ? { probability: Number(words[pi + 1]) } : {}),
            };
          }),
        });
      }
    }
  }
  const fl = sim.flannel.node(name);
  const peers = sim.flannel.routes(name, sim.store.list<Node>('Node'));
  return {
    name,
    internalIP: k.nodeIP,
    ...(node.spec.podCIDR ? { podCIDR: node.spec.podCIDR } : {}),
    kubelet: { running: k.running, version: sim.settings.kubernetesVersion },
    runtime: { name: 'containerd', version: k.cri.version, images: [...k.cri.images.values()].map((i) => ({ ref: i.ref, size: i.sizeBytes })) },
    cni: { bridge: 'cni0', ...(k.ipam.gateway ? { gateway: k.ipam.gateway } : {}) },
    sandboxes,
    flannel: { ...(fl.backend ? { backend: fl.backend } : {}), ...(fl.vtep ? { vtep: fl.vtep.name } : {}), routes: peers },
    proxy: {
      mode: kp?.mode ?? sim.settings.proxy.mode, chains, restore: kp?.last?.restore ?? '',
      ...(kp?.proxier instanceof IpvsProxier ? { ipvs: virtualServers(kp.proxier, sim.api.list<Service>('Service')) } : {}),
    },
  };
}

/** `ipvsadm -Ln` as data, each virtual server named by the Service port it serves. */
function virtualServers(p: IpvsProxier, services: Service[]): VirtualServerView[] {
  const owner = new Map<string, string>();
  for (const s of services) {
    for (const port of s.spec.ports ?? []) {
      const name = `${s.metadata.namespace ?? 'default'}/${s.metadata.name}:${port.name || port.port}`;
      const proto = port.protocol ?? 'TCP';
      for (const ip of [s.spec.clusterIP, ...(s.spec.externalIPs ?? [])]) if (ip) owner.set(`${proto} ${ip}:${port.port}`, name);
      if (port.nodePort) owner.set(`${proto} *:${port.nodePort}`, name);
    }
  }
  return sortServices([...p.services.values()]).map((vs) => {
    const service = owner.get(`${vs.proto} ${vs.ip}:${vs.port}`) ?? owner.get(`${vs.proto} *:${vs.port}`);
    return {
      proto: vs.proto, ip: vs.ip, port: vs.port, scheduler: vs.scheduler, ...(service ? { service } : {}),
      reals: sortDests(vs.dests).map((d) => ({ ip: d.ip, port: d.port, weight: d.weight, activeConns: d.activeConns, inactConns: d.inactConns })),
    };
  });
}
