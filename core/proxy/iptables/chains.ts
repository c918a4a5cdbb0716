// kube-proxy's chain names: fixed chains and the per-service hashed chains.
import { hash16 as hash } from './hash.ts';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';

// Service chains are memoised (one map per prefix): every node's kube-proxy names the same
// chains, and sha256 in plain TS is the hot spot at scale. Endpoint chains are memoised by
// their caller, per EndpointSlice object (endpoints.ts).
const memo = new Map<string, Map<string, string>>();
function hashed(prefix: string, s: string): string {
  let names = memo.get(prefix);
  if (!names) { names = new Map(); memo.set(prefix, names); }
  let h = names.get(s);
  if (h === undefined) {
    h = hash(s, prefix);
    if (names.size > 500_000) names.clear();
    names.set(s, h);
  }
  return h;
}

/** `ns/name:port` (or `ns/name` for an unnamed port), as ServicePortName.String() prints it. */
export const servicePortName = (ns: string, name: string, port: string): string =>
  `${ns}/${name}${port ? ':' + port : ''}`;

export interface ServiceChains { svc: string; svl: string; ext: string; fw: string }

export function serviceChains(spn: string, protocol: string): ServiceChains {
  const svc = hashed('KUBE-SVC-', spn + lower(protocol));
  const h = svc.slice(9);
  return { svc, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}

/** `endpoint` is the canonical `IP:port` / `[IP]:port`. */
export const endpointChain = (spn: string, protocol: string, endpoint: string): string =>
  hash(spn + lower(protocol) + endpoint, 'KUBE-SEP-');

const lower = (protocol: string): string => (protocol === 'TCP' ? 'tcp' : protocol === 'UDP' ? 'udp' : protocol.toLowerCase());

const SERVICE_CHAIN_PREFIXES = ['KUBE-SVC-', 'KUBE-SVL-', 'KUBE-SEP-', 'KUBE-FW-', 'KUBE-EXT-'];
export const isServiceChainName = (c: string): boolean => SERVICE_CHAIN_PREFIXES.some((p) => c.startsWith(p));

/** The jumps from built-in chains that kube-proxy (and kubelet's KUBE-FIREWALL copy) ensure with `iptables -I`. */
export interface JumpRule { table: 'filter' | 'nat'; src: string; dst: string; comment: string; extra: string[] }
const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];
export const JUMP_RULES: JumpRule[] = [
  { table: 'filter', src: 'INPUT', dst: KUBE_EXTERNAL_SERVICES, comment: 'kubernetes externally-visible service portals', extra: NEW },
  { table: 'filter', src: 'FORWARD', dst: KUBE_EXTERNAL_SERVICES, comment: 'kubernetes externally-visible service portals', extra: NEW },
  { table: 'filter', src: 'INPUT', dst: KUBE_NODEPORTS, comment: 'kubernetes health check service ports', extra: [] },
  { table: 'filter', src: 'FORWARD', dst: KUBE_SERVICES, comment: 'kubernetes service portals', extra: NEW },
  { table: 'filter', src: 'OUTPUT', dst: KUBE_SERVICES, comment: 'kubernetes service portals', extra: NEW },
  { table: 'filter', src: 'FORWARD', dst: KUBE_FORWARD, comment: 'kubernetes forwarding rules', extra: [] },
  { table: 'filter', src: 'INPUT', dst: KUBE_PROXY_FIREWALL, comment: 'kubernetes load balancer firewall', extra: NEW },
  { table: 'filter', src: 'OUTPUT', dst: KUBE_PROXY_FIREWALL, comment: 'kubernetes load balancer firewall', extra: NEW },
  { table: 'filter', src: 'FORWARD', dst: KUBE_PROXY_FIREWALL, comment: 'kubernetes load balancer firewall', extra: NEW },
  { table: 'nat', src: 'OUTPUT', dst: KUBE_SERVICES, comment: 'kubernetes service portals', extra: [] },
  { table: 'nat', src: 'PREROUTING', dst: KUBE_SERVICES, comment: 'kubernetes service portals', extra: [] },
  { table: 'nat', src: 'POSTROUTING', dst: KUBE_POSTROUTING, comment: 'kubernetes postrouting rules', extra: [] },
  { table: 'filter', src: 'INPUT', dst: KUBE_FIREWALL, comment: '', extra: [] },
  { table: 'filter', src: 'OUTPUT', dst: KUBE_FIREWALL, comment: '', extra: [] },
];

/** Argument words of a jump rule, comment quoted the way kube-proxy's EnsureRule passes it to the shell-less exec. */
export function jumpRuleArgs(j: JumpRule): string[] {
  const args = [...j.extra];
  if (j.comment) args.push('-m', 'comment', '--comment', j.comment);
  args.push('-j', j.dst);
  return args;
}
