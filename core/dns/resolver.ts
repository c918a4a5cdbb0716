// CoreDNS's `kubernetes` plugin, as a pure function of the cluster state: Service names
// resolve to their ClusterIP (headless ones to their ready endpoints' IPs), endpoint
// hostnames of headless Services to the pod's IP, a-b-c-d.<ns>.pod names to a.b.c.d,
// ExternalName Services to a CNAME. Plus the /etc/resolv.conf the kubelet writes into a
// pod and nslookup's answers. `resolve(sim, name, fromNamespace)` is what `kubectl exec
// POD -- nslookup NAME` uses.

import type { EndpointSlice, KObject, Pod, Service } from '../api/types.ts';
import type { ApiServer } from '../api/apiserver.ts';
import type { ClusterSettings } from '../cluster/settings.ts';

/** What resolve() needs of a Simulation (kept structural so core/dns does not import it). */
export interface DnsView {
  api: ApiServer;
  settings: ClusterSettings;
}

export interface DnsAnswer {
  /** The fully qualified name that answered (after the search list). */
  name: string;
  /** A records. */
  addresses: string[];
  /** For ExternalName Services. */
  cname?: string;
  /** Names tried before, that answered NXDOMAIN. */
  tried: string[];
}

export type DnsResult =
  | { ok: true; answer: DnsAnswer; server: string }
  | { ok: false; reason: 'NXDOMAIN'; name: string; tried: string[]; server: string }
  | { ok: false; reason: 'unreachable'; server: string };

const IPV4 = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/;

/** The kube-dns Service's ClusterIP (the nameserver pods use), or the configured clusterDNS. */
export function clusterDnsIP(v: DnsView): string {
  return v.api.get<Service>('Service', 'kube-system', 'kube-dns')?.spec.clusterIP ?? v.settings.clusterDNS;
}

/** Whether CoreDNS can answer: kube-dns has at least one ready endpoint. */
export function dnsServing(v: DnsView): boolean {
  return readyAddresses(v, 'kube-system', 'kube-dns').length > 0;
}

function readyAddresses(v: DnsView, ns: string, svc: string, withHostname?: string): string[] {
  const out: string[] = [];
  const slices = v.api.store.withLabel<EndpointSlice>('EndpointSlice', ns, 'kubernetes.io/service-name', svc);
  const service = v.api.get<Service>('Service', ns, svc);
  for (const s of slices)
    for (const e of s.endpoints ?? []) {
      if (!(e.conditions?.ready ?? true) && !service?.spec.publishNotReadyAddresses) continue;
      if (withHostname !== undefined && e.hostname !== withHostname) continue;
      out.push(...e.addresses);
    }
  return [...new Set(out)].sort(ipCompare);
}

function ipCompare(a: string, b: string): number {
  const n = (ip: string) => ip.split('.').reduce((s, x) => s * 256 + Number(x), 0);
  return n(a) - n(b);
}

/** Answers one fully qualified name (no search list), as the kubernetes plugin would. */
export function lookup(v: DnsView, fqdn: string): { addresses: string[]; cname?: string } | undefined {
  const domain = v.settings.dnsDomain;
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const suffix = `.${domain}`;
  if (!name.endsWith(suffix)) return undefined;
  const parts = name.slice(0, -suffix.length).split('.');
  // <svc>.<ns>.svc, <hostname>.<svc>.<ns>.svc
  if (parts[parts.length - 1] === 'svc' && (parts.length === 3 || parts.length === 4)) {
    const [ns, svcName] = [parts[parts.length - 2]!, parts[parts.length - 3]!];
    const svc = v.api.get<Service>('Service', ns, svcName);
    if (!svc) return undefined;
    if (parts.length === 4) {
      const ips = readyAddresses(v, ns, svcName, parts[0]);
      return ips.length ? { addresses: ips } : undefined;
    }
    if (svc.spec.type === 'ExternalName') return { addresses: [], cname: svc.spec.externalName };
    if (svc.spec.clusterIP === 'None') {
      const ips = readyAddresses(v, ns, svcName);
      return ips.length ? { addresses: ips } : undefined;
    }
    return svc.spec.clusterIP ? { addresses: [svc.spec.clusterIP] } : undefined;
  }
  // a-b-c-d.<ns>.pod ("pods insecure": any well-formed address answers)
  if (parts.length === 3 && parts[2] === 'pod' && v.api.get<KObject>('Namespace', undefined, parts[1]!)) {
    const m = IPV4.exec(parts[0]!);
    if (m && m.slice(1).every((x) => Number(x) <= 255)) return { addresses: [m.slice(1).join('.')] };
  }
  return undefined;
}

/** The search list of a pod in `ns` with dnsPolicy ClusterFirst. */
export function searchList(v: DnsView, ns: string): string[] {
  const d = v.settings.dnsDomain;
  return [`${ns}.svc.${d}`, `svc.${d}`, d];
}

/**
 * Resolves `name` as a pod in `fromNamespace` would (ClusterFirst, ndots:5): names with
 * fewer than 5 dots go through the search list first, then as given.
 */
export function resolve(v: DnsView, name: string, fromNamespace = 'default'): DnsResult {
  const server = clusterDnsIP(v);
  if (!dnsServing(v)) return { ok: false, reason: 'unreachable', server };
  const absolute = name.endsWith('.');
  const bare = name.replace(/\.$/, '');
  const dots = (bare.match(/\./g) ?? []).length;
  const candidates = absolute ? [bare] : dots >= 5 ? [bare, ...searchList(v, fromNamespace).map((s) => `${bare}.${s}`)] : [...searchList(v, fromNamespace).map((s) => `${bare}.${s}`), bare];
  const tried: string[] = [];
  for (const c of candidates) {
    const r = lookup(v, c);
    if (r) return { ok: true, server, answer: { name: c, addresses: r.addresses, cname: r.cname, tried } };
    tried.push(c);
  }
  return { ok: false, reason: 'NXDOMAIN', name: bare, tried, server };
}

/** /etc/resolv.conf as the kubelet writes it for the pod's dnsPolicy and dnsConfig. */
export function resolvConf(v: DnsView, pod: Pod, nodeResolv = ['nameserver 172.18.0.1']): string {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const cfg = (pod.spec.dnsConfig ?? {}) as { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] };
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork);
  if (clusterFirst) {
    servers = [clusterDnsIP(v)];
    searches = searchList(v, pod.metadata.namespace ?? 'default');
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    servers = nodeResolv.filter((l) => l.startsWith('nameserver ')).map((l) => l.slice(11));
  }
  servers = [...servers, ...(cfg.nameservers ?? [])];
  searches = [...searches, ...(cfg.searches ?? [])];
  for (const o of cfg.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
    options = [...options.filter((x) => x.split(':')[0] !== o.name), text];
  }
  const lines = [];
  if (searches.length) lines.push(`search ${searches.join(' ')}`);
  for (const s of servers) lines.push(`nameserver ${s}`);
  if (options.length) lines.push(`options ${options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/**
 * `nslookup NAME` inside a pod: busybox's applet format for busybox-based images, BIND's
 * (dnsutils) otherwise. Returns stdout/stderr/exit code as the shell prints them.
 */
export function nslookup(v: DnsView, pod: Pod, name: string, image = ''): { stdout: string; stderr: string; exitCode: number } {
  const busybox = /(^|\/)busybox(:|$)/.test(image);
  const r = resolve(v, name, pod.metadata.namespace ?? 'default');
  const head = busybox ? `Server:\t\t${r.server}\nAddress:\t${r.server}:53\n\n` : `Server:\t\t${r.server}\nAddress:\t${r.server}#53\n\n`;
  if (!r.ok && r.reason === 'unreachable')
    return { stdout: busybox ? '' : '', stderr: busybox ? ';; connection timed out; no servers could be reached\n\n' : ';; connection timed out; no servers could be reached\n\n', exitCode: 1 };
  if (!r.ok) return { stdout: head, stderr: `** server can't find ${r.name}: NXDOMAIN\n\n`, exitCode: 1 };
  const a = r.answer;
  let body = '';
  if (a.cname) body += `${a.name}\tcanonical name = ${a.cname}.\n`;
  for (const ip of a.addresses) body += `Name:\t${a.name}\nAddress: ${ip}\n`;
  return { stdout: head + (busybox ? '' : '') + body + '\n', stderr: '', exitCode: 0 };
}
