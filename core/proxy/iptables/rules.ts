// The rules kube-proxy writes for one service port (pkg/proxy/iptables/proxier.go,
// syncProxyRules loop body and writeServiceToEndpointRules), in upstream's emit order.
import type { Categorized, EndpointInfo } from '../endpoints.ts';
import { externallyAccessible, rangesContain, sourceRangeStrings, type ServicePortInfo } from '../serviceport.ts';
import { KUBE_EXTERNAL_SERVICES, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES } from './chains.ts';

/** Join words the way kube-proxy's LineBuffer does; words with spaces arrive pre-quoted upstream. */
export function line(...parts: (string | string[])[]): string {
  return parts.flat().map((w) => (w.includes(' ') ? `"${w}"` : w)).join(' ');
}
export const chainLine = (name: string): string => `:${name} - [0:0]`;

export interface RuleContext {
  masqueradeAll: boolean;
  /** Local-traffic detector matches; undefined when no detector is configured. */
  ifLocal?: string[];
  ifNotLocal?: string[];
  localhostNodePortsNfacct: boolean;
  nodeIP?: string;
  largeClusterMode: boolean;
}

export interface ServiceOutput {
  filterRules: string[];
  /** KUBE-SERVICES / KUBE-NODEPORTS rules: written on every sync. */
  natRules: string[];
  /** Per-service chains: dropped on a partial sync when the service is unchanged. */
  svcChains: string[];
  svcRules: string[];
  /** Every chain this service uses, written or not (stale-chain detection). */
  active: Set<string>;
}

/** Go `%0.10f` of 1/n. */
export const probability = (n: number): string => (1 / n).toFixed(10);

export function writeServicePort(ctx: RuleContext, sp: ServicePortInfo, cat: Categorized, out: ServiceOutput): void {
  const proto = sp.protocol.toLowerCase();
  const mp = ['-m', proto, '-p', proto];
  const name = sp.spn;
  const { svc: clusterChain, svl: localChain, ext: extChain, fw: fwChain } = sp.chains;
  const { hasAny } = cat;
  const usesCluster = cat.cluster.length > 0 && (!sp.internalPolicyLocal || externallyAccessible(sp));
  const usesLocal = cat.local.length > 0 && (sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp)));
  const internalChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const hasInternal = hasAny && (!sp.internalPolicyLocal || cat.local.length > 0);
  const externalPolicyChain = sp.externalPolicyLocal ? localChain : clusterChain;
  const hasExternal = hasAny && (!sp.externalPolicyLocal || cat.local.length > 0);
  const usesExt = hasAny && externallyAccessible(sp);
  const usesFW = hasAny && sp.lbVIPs.length > 0 && sp.sourceRanges.length > 0;
  const lbChain = usesFW ? fwChain : extChain;

  const noEps = `${name} has no endpoints`;
  const noLocal = `${name} has no local endpoints`;
  // Used only where a path has no endpoints: REJECT when none exist anywhere, else DROP.
  const verdict = !hasAny ? ['REJECT', noEps] : ['DROP', noLocal];
  const dport = String(sp.port);
  const { filterRules, natRules } = out;

  if (hasInternal) {
    natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', `${name} cluster IP`, mp, '-d', sp.clusterIP, '--dport', dport, '-j', internalChain));
  } else {
    filterRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', verdict[1]!, mp, '-d', sp.clusterIP, '--dport', dport, '-j', verdict[0]!));
  }
  for (const ip of sp.externalIPs) {
    if (hasAny) natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', `${name} external IP`, mp, '-d', ip, '--dport', dport, '-j', extChain));
    if (!hasExternal) filterRules.push(line('-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', verdict[1]!, mp, '-d', ip, '--dport', dport, '-j', verdict[0]!));
  }
  for (const ip of sp.lbVIPs) {
    if (hasAny) natRules.push(line('-A', KUBE_SERVICES, '-m', 'comment', '--comment', `${name} loadbalancer IP`, mp, '-d', ip, '--dport', dport, '-j', lbChain));
    if (usesFW) filterRules.push(line('-A', KUBE_PROXY_FIREWALL, '-m', 'comment', '--comment', `${name} traffic not accepted by ${fwChain}`, mp, '-d', ip, '--dport', dport, '-j', 'DROP'));
  }
  if (!hasExternal) {
    for (const ip of sp.lbVIPs) filterRules.push(line('-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', verdict[1]!, mp, '-d', ip, '--dport', dport, '-j', verdict[0]!));
  }
  if (sp.nodePort !== 0) {
    const np = String(sp.nodePort);
    if (hasAny) {
      if (ctx.localhostNodePortsNfacct) {
        natRules.push(line('-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', name, mp, '-d', '127.0.0.0/8', '--dport', np, '-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts', '-j', extChain));
      }
      natRules.push(line('-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', name, mp, '--dport', np, '-j', extChain));
    }
    if (!hasExternal) {
      filterRules.push(line('-A', KUBE_EXTERNAL_SERVICES, '-m', 'comment', '--comment', verdict[1]!, '-m', 'addrtype', '--dst-type', 'LOCAL', mp, '--dport', np, '-j', verdict[0]!));
    }
  }
  if (sp.healthCheckNodePort !== 0) {
    filterRules.push(line('-A', KUBE_NODEPORTS, '-m', 'comment', '--comment', `${name} health check node port`, '-m', 'tcp', '-p', 'tcp', '--dport', String(sp.healthCheckNodePort), '-j', 'ACCEPT'));
  }

  const { svcChains: chains, svcRules: rules, active } = out;
  if (hasInternal) {
    const args = ['-m', 'comment', '--comment', `${name} cluster IP`, ...mp, '-d', sp.clusterIP, '--dport', dport];
    if (ctx.masqueradeAll) rules.push(line('-A', internalChain, args, '-j', KUBE_MARK_MASQ));
    else if (ctx.ifNotLocal) rules.push(line('-A', internalChain, args, ctx.ifNotLocal, '-j', KUBE_MARK_MASQ));
  }
  if (usesExt) {
    chains.push(chainLine(extChain));
    active.add(extChain);
    if (!sp.externalPolicyLocal) {
      rules.push(line('-A', extChain, '-m', 'comment', '--comment', `masquerade traffic for ${name} external destinations`, '-j', KUBE_MARK_MASQ));
    } else {
      if (ctx.ifLocal) rules.push(line('-A', extChain, '-m', 'comment', '--comment', `pod traffic for ${name} external destinations`, ctx.ifLocal, '-j', clusterChain));
      rules.push(line('-A', extChain, '-m', 'comment', '--comment', `masquerade LOCAL traffic for ${name} external destinations`, '-m', 'addrtype', '--src-type', 'LOCAL', '-j', KUBE_MARK_MASQ));
      rules.push(line('-A', extChain, '-m', 'comment', '--comment', `route LOCAL traffic for ${name} external destinations`, '-m', 'addrtype', '--src-type', 'LOCAL', '-j', clusterChain));
    }
    if (hasExternal) rules.push(line('-A', extChain, '-j', externalPolicyChain));
  }
  if (usesFW) {
    chains.push(chainLine(fwChain));
    active.add(fwChain);
    const head = ['-A', fwChain, '-m', 'comment', '--comment', `${name} loadbalancer IP`];
    for (const r of sourceRangeStrings(sp)) rules.push(line(head, '-s', r, '-j', extChain));
    if (ctx.nodeIP && rangesContain(sp, ctx.nodeIP)) {
      for (const ip of sp.lbVIPs) rules.push(line(head, '-s', ip, '-j', extChain));
    }
    rules.push(line('-A', fwChain, '-m', 'comment', '--comment', `other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`));
  }
  if (usesCluster) {
    chains.push(chainLine(clusterChain));
    active.add(clusterChain);
    writeEndpointRules(ctx, sp, clusterChain, cat.cluster, rules);
  }
  if (usesLocal) {
    chains.push(chainLine(localChain));
    active.add(localChain);
    writeEndpointRules(ctx, sp, localChain, cat.local, rules);
  }
  for (const ep of cat.reachable) {
    chains.push(chainLine(ep.chain));
    active.add(ep.chain);
    const head = ['-A', ep.chain, ...comment(ctx, name)];
    rules.push(line(head, '-s', ep.ip, '-j', KUBE_MARK_MASQ));
    const affinity = sp.stickySeconds ? ['-m', 'recent', '--name', ep.chain, '--set'] : [];
    rules.push(line(head, affinity, mp, '-j', 'DNAT', '--to-destination', ep.str));
  }
}

/** Large-cluster mode drops per-endpoint comments (they are 40% of the bytes). */
const comment = (ctx: RuleContext, text: string): string[] => (ctx.largeClusterMode ? [] : ['-m', 'comment', '--comment', text]);

function writeEndpointRules(ctx: RuleContext, sp: ServicePortInfo, chain: string, eps: EndpointInfo[], rules: string[]): void {
  if (sp.stickySeconds) {
    for (const ep of eps) {
      rules.push(line('-A', chain, comment(ctx, `${sp.spn} -> ${ep.str}`), '-m', 'recent', '--name', ep.chain, '--rcheck', '--seconds', String(sp.stickySeconds), '--reap', '-j', ep.chain));
    }
  }
  eps.forEach((ep, i) => {
    const stat = i < eps.length - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', probability(eps.length - i)] : [];
    rules.push(line('-A', chain, comment(ctx, `${sp.spn} -> ${ep.str}`), stat, '-j', ep.chain));
  });
}
