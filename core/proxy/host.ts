// The iptables rules other node components own, installed into the node's kernel model
// before kube-proxy's first sync (the start order on a kubeadm node: kubelet, flannel,
// kube-proxy), so `iptables-save` shows all of them as a real node does.
//  - kubelet (pkg/kubelet/kubelet_network_linux.go): KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY,
//    KUBE-FIREWALL and its jumps from INPUT/OUTPUT.
//  - flannel (pkg/trafficmngr/iptables): FLANNEL-FWD in filter, FLANNEL-POSTRTG in nat.
import type { NetfilterState } from './iptables/netfilter.ts';

const KUBELET_FIREWALL = ['-m', 'comment', '--comment', 'block incoming localnet connections', '--dst', '127.0.0.0/8',
  '!', '--src', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'];

export function installKubeletRules(k: NetfilterState): void {
  k.ensureChain('mangle', 'KUBE-IPTABLES-HINT');
  for (const t of ['mangle', 'nat', 'filter'] as const) k.ensureChain(t, 'KUBE-KUBELET-CANARY');
  k.ensureChain('filter', 'KUBE-FIREWALL');
  k.ensureRule('filter', 'KUBE-FIREWALL', normalizeLong(KUBELET_FIREWALL), false);
  k.ensureRule('filter', 'OUTPUT', ['-j', 'KUBE-FIREWALL'], true);
  k.ensureRule('filter', 'INPUT', ['-j', 'KUBE-FIREWALL'], true);
}

/** `--dst`/`--src` are iptables' long spellings of -d/-s; the kernel keeps no difference. */
function normalizeLong(words: string[]): string[] {
  return words.map((w) => (w === '--dst' ? '-d' : w === '--src' ? '-s' : w));
}

export interface FlannelConfig {
  /** flannel's Network (net-conf.json), the cluster's pod subnet. */
  network: string;
  /** This node's lease (its podCIDR). */
  subnet: string;
  randomFully: boolean;
}

export function installFlannelRules(k: NetfilterState, f: FlannelConfig): void {
  const fwd = ['-m', 'comment', '--comment', 'flanneld forward'];
  k.ensureChain('filter', 'FLANNEL-FWD');
  k.ensureRule('filter', 'FORWARD', [...fwd, '-j', 'FLANNEL-FWD'], false);
  k.ensureRule('filter', 'FLANNEL-FWD', ['-s', f.network, ...fwd, '-j', 'ACCEPT'], false);
  k.ensureRule('filter', 'FLANNEL-FWD', ['-d', f.network, ...fwd, '-j', 'ACCEPT'], false);
  const masq = ['-m', 'comment', '--comment', 'flanneld masq'];
  const rf = f.randomFully ? ['--random-fully'] : [];
  k.ensureChain('nat', 'FLANNEL-POSTRTG');
  k.ensureRule('nat', 'POSTROUTING', [...masq, '-j', 'FLANNEL-POSTRTG'], false);
  const rules = [
    // kube-proxy already masquerades what it marked: no double NAT.
    ['-m', 'mark', '--mark', '0x4000/0x4000', ...masq, '-j', 'RETURN'],
    ['-s', f.subnet, '-d', f.network, ...masq, '-j', 'RETURN'],
    ['-s', f.network, '-d', f.subnet, ...masq, '-j', 'RETURN'],
    ['!', '-s', f.network, '-d', f.subnet, ...masq, '-j', 'RETURN'],
    ['-s', f.network, '!', '-d', '224.0.0.0/4', ...masq, '-j', 'MASQUERADE', ...rf],
    ['!', '-s', f.network, '-d', f.network, ...masq, '-j', 'MASQUERADE', ...rf],
  ];
  for (const r of rules) k.ensureRule('nat', 'FLANNEL-POSTRTG', r, false);
}
