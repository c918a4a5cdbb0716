// The rules kube-proxy writes for one service port (pkg/proxy/iptables/proxier.go,
// syncProxyRules loop body and writeServiceToEndpointRules), in upstream's emit order.
// The per-endpoint rules and entry rules are field-only specs (specs.ts); the rest is text.
import type { Categorized, EndpointInfo } from '../endpoints.ts';
import { externallyAccessible, rangesContain, sourceRangeStrings, type ServicePortInfo } from '../serviceport.ts';
import { KUBE_EXTERNAL_SERVICES, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES } from './chains.ts';
import { RuleSpec } from './netfilter.ts';
import { AffinityJump, ClusterMasq, EndpointDNAT, EndpointJump, EndpointMasq, Portal, quote } from './specs.ts';

/** Join words the way kube-proxy's LineBuffer does; words with spaces arrive pre-quoted upstream. */
export function line(...parts: (string | string[])[]): string {
  return parts.flat().map((w) => (w.includes(' ') ? `"${w}"` : w)).join(' ');
}
export const chainLine = (name: string): string => `:${name} - [0:0]`;

const cm = (s: string): string => `-m comment --comment ${quote(s)}`;
/** `-A CHAIN args [-j TARGET]` as a rule spec. */
export const rule = (chain: string, args: string, target?: string, targetArgs = ''): RuleSpec =>
  new RuleSpec(chain, `-A ${chain}${args ? ' ' + args : ''}${target ? ' -j ' + target + targetArgs : ''}`, target);

export interface RuleContext {
  masqueradeAll: boolean;
  /** Local-traffic detector matches (`-s 10.0.0.0/8`, `! -s ...`); undefined when no detector is configured. */
  ifLocal?: string;
  ifNotLocal?: string;
  localhostNodePortsNfacct: boolean;
  nodeIP?: string;
  largeClusterMode: boolean;
}

/** Everything one service port writes. */
export interface PortRules {
  /** filter rules: written on every sync. */
  filter: RuleSpec[];
  /** nat KUBE-SERVICES / KUBE-NODEPORTS rules: written on every sync. */
  nat: RuleSpec[];
  /** The port's own chains (EXT, FW, SVC, SVL, SEPs): written on full syncs or when the service changed. */
  chains: string[];
  /** Each chain's rules, parallel to `chains`: the kernel model adopts these arrays, so they are never edited. */
  bodies: RuleSpec[][];
  /**
   * The internal chain's masquerade rule (the first of its body), which kube-proxy writes
   * before every other chain's rules; the rest follow body by body.
   */
  lead?: RuleSpec;
}

/** The comment of a rule on a path without endpoints (only built where one is written). */
const noEndpoints = (name: string, hasAny: boolean): string => `${name} has no ${hasAny ? 'local ' : ''}endpoints`;
const matches = new Map<string, string>();
/** `-m tcp -p tcp`, made once per protocol. */
function matchProto(proto: string): string {
  let m = matches.get(proto);
  if (m === undefined) { m = `-m ${proto} -p ${proto}`; matches.set(proto, m); }
  return m;
}

/** Go `%0.10f` of 1/n. */
const probs: string[] = [];
export const probability = (n: number): string => (probs[n] ??= (1 / n).toFixed(10));

export function writeServicePort(ctx: RuleContext, sp: ServicePortInfo, cat: Categorized): PortRules {
  const filter: RuleSpec[] = [], nat: RuleSpec[] = [], chains: string[] = [], bodies: RuleSpec[][] = [];
  const proto = sp.protocol.toLowerCase();
  const mp = matchProto(proto);
  const name = sp.spn;
  const { svc: clusterChain, svl: localChain, ext: extChain, fw: fwChain } = sp.chains;
  const { hasAny } = cat;
  const extAccessible = externallyAccessible(sp);
  const usesCluster = cat.cluster.length > 0 && (!sp.internalPolicyLocal || extAccessible);
  const usesLocal = cat.local.length > 0 && (sp.internalPolicyLocal || (sp.externalPolicyLocal && extAccessible));
  const internalChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const hasInternal = hasAny && (!sp.internalPolicyLocal || cat.local.length > 0);
  const externalPolicyChain = sp.externalPolicyLocal ? localChain : clusterChain;
  const hasExternal = hasAny && (!sp.externalPolicyLocal || cat.local.length > 0);
  const usesExt = hasAny && extAccessible;
  const usesFW = hasAny && sp.lbVIPs.length > 0 && sp.sourceRanges.length > 0;
  const lbChain = usesFW ? fwChain : extChain;

  // Used only where a path has no endpoints: REJECT when none exist anywhere, else DROP.
  const verdict = hasAny ? 'DROP' : 'REJECT';

  if (hasInternal) nat.push(new Portal(KUBE_SERVICES, internalChain, `${name} cluster IP`, proto, sp.clusterIP, sp.port));
  else filter.push(rule(KUBE_SERVICES, `${cm(noEndpoints(name, hasAny))} ${mp} -d ${sp.clusterIP} --dport ${sp.port}`, verdict));
  for (const ip of sp.externalIPs) {
    if (hasAny) nat.push(new Portal(KUBE_SERVICES, extChain, `${name} external IP`, proto, ip, sp.port));
    if (!hasExternal) filter.push(rule(KUBE_EXTERNAL_SERVICES, `${cm(noEndpoints(name, hasAny))} ${mp} -d ${ip} --dport ${sp.port}`, verdict));
  }
  for (const ip of sp.lbVIPs) {
    if (hasAny) nat.push(new Portal(KUBE_SERVICES, lbChain, `${name} loadbalancer IP`, proto, ip, sp.port));
    if (usesFW) filter.push(rule(KUBE_PROXY_FIREWALL, `${cm(`${name} traffic not accepted by ${fwChain}`)} ${mp} -d ${ip} --dport ${sp.port}`, 'DROP'));
  }
  if (!hasExternal) {
    for (const ip of sp.lbVIPs) filter.push(rule(KUBE_EXTERNAL_SERVICES, `${cm(noEndpoints(name, hasAny))} ${mp} -d ${ip} --dport ${sp.port}`, verdict));
  }
  if (sp.nodePort !== 0) {
    if (hasAny) {
      if (ctx.localhostNodePortsNfacct) {
        nat.push(rule(KUBE_NODEPORTS, `${cm(name)} ${mp} -d 127.0.0.0/8 --dport ${sp.nodePort} -m nfacct --nfacct-name localhost_nps_accepted_pkts`, extChain));
      }
      nat.push(rule(KUBE_NODEPORTS, `${cm(name)} ${mp} --dport ${sp.nodePort}`, extChain));
    }
    if (!hasExternal) {
      filter.push(rule(KUBE_EXTERNAL_SERVICES, `${cm(noEndpoints(name, hasAny))} -m addrtype --dst-type LOCAL ${mp} --dport ${sp.nodePort}`, verdict));
    }
  }
  if (sp.healthCheckNodePort !== 0) {
    filter.push(rule(KUBE_NODEPORTS, `${cm(`${name} health check node port`)} -m tcp -p tcp --dport ${sp.healthCheckNodePort}`, 'ACCEPT'));
  }

  // The internal chain is always one of this port's own chains when it has a rule (hasInternal
  // implies cluster or local endpoints in use), so the lead lands in its body below.
  let lead: RuleSpec | undefined;
  if (hasInternal && (ctx.masqueradeAll || ctx.ifNotLocal)) {
    lead = new ClusterMasq(internalChain, name, proto, sp.clusterIP, sp.port, ctx.masqueradeAll ? undefined : ctx.ifNotLocal);
  }
  if (usesExt) {
    const ext = own(chains, bodies, extChain);
    if (!sp.externalPolicyLocal) {
      ext.push(rule(extChain, cm(`masquerade traffic for ${name} external destinations`), KUBE_MARK_MASQ));
    } else {
      if (ctx.ifLocal) ext.push(rule(extChain, `${cm(`pod traffic for ${name} external destinations`)} ${ctx.ifLocal}`, clusterChain));
      ext.push(rule(extChain, `${cm(`masquerade LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL`, KUBE_MARK_MASQ));
      ext.push(rule(extChain, `${cm(`route LOCAL traffic for ${name} external destinations`)} -m addrtype --src-type LOCAL`, clusterChain));
    }
    if (hasExternal) ext.push(rule(extChain, '', externalPolicyChain));
  }
  if (usesFW) {
    const fw = own(chains, bodies, fwChain);
    const head = cm(`${name} loadbalancer IP`);
    for (const r of sourceRangeStrings(sp)) fw.push(rule(fwChain, `${head} -s ${r}`, extChain));
    if (ctx.nodeIP && rangesContain(sp, ctx.nodeIP)) {
      for (const ip of sp.lbVIPs) fw.push(rule(fwChain, `${head} -s ${ip}`, extChain));
    }
    fw.push(rule(fwChain, cm(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)));
  }
  if (usesCluster) writeEndpointRules(ctx, sp, clusterChain, own(chains, bodies, clusterChain), lead, cat.cluster);
  if (usesLocal) writeEndpointRules(ctx, sp, localChain, own(chains, bodies, localChain), lead, cat.local);
  // Large-cluster mode drops per-endpoint comments (they are 40% of the bytes).
  const sepComment = ctx.largeClusterMode ? undefined : name;
  const affinity = sp.stickySeconds > 0;
  for (const ep of cat.reachable) {
    chains.push(ep.chain);
    bodies.push([new EndpointMasq(ep.chain, sepComment, ep.ip), new EndpointDNAT(ep.chain, sepComment, affinity, proto, ep.str)]);
  }
  return { filter, nat, chains, bodies, lead };
}

/** Declares one of the port's own chains; returns its (empty) body. */
function own(chains: string[], bodies: RuleSpec[][], chain: string): RuleSpec[] {
  const body: RuleSpec[] = [];
  chains.push(chain);
  bodies.push(body);
  return body;
}

function writeEndpointRules(ctx: RuleContext, sp: ServicePortInfo, chain: string, rules: RuleSpec[], lead: RuleSpec | undefined, eps: EndpointInfo[]): void {
  if (lead && lead.chain === chain) rules.push(lead);
  const spn = ctx.largeClusterMode ? undefined : sp.spn;
  if (sp.stickySeconds) {
    for (const ep of eps) rules.push(new AffinityJump(chain, ep.chain, spn, ep.str, sp.stickySeconds));
  }
  for (let i = 0; i < eps.length; i++) {
    const ep = eps[i]!;
    rules.push(new EndpointJump(chain, ep.chain, spn, ep.str, i < eps.length - 1 ? probability(eps.length - i) : ''));
  }
}
