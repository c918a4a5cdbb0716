// Where a trace starts and where it goes: `pod/NAME`, `node/NAME`, `external`, and
// `IP:PORT` or `DNS-NAME:PORT`, with cluster DNS answered from the Services themselves
// (`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`), as CoreDNS would.
import type { EndpointSlice, Pod, Service } from '../../api/types.ts';
import { parseIP } from '../ip.ts';
import type { Said } from '../../views/message.ts';
import { sayTrace } from './messages.ts';

export type Source =
  | { kind: 'pod'; pod: Pod; node: string; ip: string }
  | { kind: 'node'; node: string }
  | { kind: 'external'; ip: string };

export function resolveSource(from: string, pods: Pod[], nodes: string[]): Source | string {
  if (from === 'external') return { kind: 'external', ip: '203.0.113.10' };
  const [kind, ...rest] = from.split('/');
  if (kind === 'node' && rest.length === 1) {
    return nodes.includes(rest[0]!) ? { kind: 'node', node: rest[0]! } : `node "${rest[0]}" not found`;
  }
  if (kind === 'pod' && (rest.length === 1 || rest.length === 2)) {
    const [ns, name] = rest.length === 2 ? rest : ['default', rest[0]!];
    const pod = pods.find((p) => p.metadata.name === name && (p.metadata.namespace ?? 'default') === ns);
    if (!pod) return `pods "${name}" not found in namespace "${ns}"`;
    const refused = execRefusal(pod);
    if (refused) return refused;
    const ip = pod.status?.podIP, node = pod.spec.nodeName;
    if (!ip || !node) return `pod ${ns}/${name} has no IP yet (phase ${pod.status?.phase ?? 'Pending'})`;
    if (pod.spec.hostNetwork) return { kind: 'node', node };
    return { kind: 'pod', pod, node, ip };
  }
  return `--from must be pod/NAME, pod/NAMESPACE/NAME, node/NAME or external (got "${from}")`;
}

/**
 * A packet from a pod is sent by a process in it, as after `kubectl exec POD -- curl ...`: when
 * nothing runs there, the trace refuses with what that exec prints. kubectl (exec.go) refuses
 * a completed pod itself; the API server one without a node (pod strategy's streamLocation);
 * the kubelet's GetExec finds no running container ("container not found"), which kubectl
 * prints after its failed SPDY upgrade. The named container is the one kubectl picks.
 */
export function execRefusal(pod: Pod): string | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return `error: cannot exec into a container in a completed pod; current phase is ${phase}`;
  if (!pod.spec.nodeName) return `Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned`;
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  if (statuses.some((c) => c.state?.running)) return undefined;
  const name = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec.containers[0]?.name ?? '';
  return `error: unable to upgrade connection: container not found ("${name}")`;
}

export interface Destination { ip: string; port: number; name?: string; answer?: Said }

/** Resolves `HOST[:PORT]`; searchNs is the source pod's namespace (its resolv.conf search path). */
export function resolveDestination(to: string, needPort: boolean, services: Service[], slices: EndpointSlice[],
  domain: string, searchNs: string): Destination | string {
  const m = /^(.*?)(?::(\d+))?$/.exec(to);
  const host = m?.[1] ?? '', port = Number(m?.[2] ?? 0);
  if (needPort && !port) return `--to needs a port: HOST:PORT (got "${to}")`;
  if (parseIP(host)) return { ip: host, port };
  const labels = host.replace(/\.$/, '').split('.');
  const suffix = `svc.${domain}`.split('.');
  let name: string | undefined, ns = searchNs;
  if (labels.length === 1) name = labels[0];
  else if (labels.length === 2 || (labels.length === 3 && labels[2] === 'svc')) [name, ns] = labels as [string, string];
  else if (labels.length === 2 + suffix.length && labels.slice(2).join('.') === suffix.join('.')) [name, ns] = labels as [string, string];
  const svc = services.find((s) => s.metadata.name === name && (s.metadata.namespace ?? 'default') === ns);
  if (!svc) return `could not resolve "${host}": NXDOMAIN`;
  const fqdn = `${name}.${ns}.svc.${domain}`;
  if (svc.spec.type === 'ExternalName') return `${fqdn} is an ExternalName Service (CNAME ${svc.spec.externalName ?? ''}): not a cluster address to trace`;
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return { ip: svc.spec.clusterIP, port, name: fqdn, answer: sayTrace('trace.dns.clusterIP', { fqdn, ip: svc.spec.clusterIP }) };
  // Headless: DNS answers with the ready endpoints' addresses; the resolver takes the first.
  const ips = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name)
    .flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).map((e) => e.addresses?.[0] ?? ''))
    .filter(Boolean).sort();
  if (!ips.length) return `could not resolve "${host}": headless Service with no ready endpoints`;
  return { ip: ips[0]!, port, name: fqdn, answer: sayTrace('trace.dns.headless', { fqdn, ips: ips.join(', ') }) };
}
