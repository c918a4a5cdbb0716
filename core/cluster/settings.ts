// Cluster-wide settings, read from the real config kinds when the workspace has them:
// kubeadm ClusterConfiguration, KubeProxyConfiguration and KubeletConfiguration.

import type { KObject } from '../api/types.ts';

export interface ClusterSettings {
  kubernetesVersion: string;
  serviceSubnet: string;
  podSubnet: string;
  dnsDomain: string;
  clusterDNS: string;
  nodeMonitorGracePeriodMs: number;
  proxy: {
    mode: 'iptables' | 'ipvs' | 'nftables';
    clusterCIDR: string;
    masqueradeAll: boolean;
    ipvsScheduler: string;
    /** KubeProxyConfiguration nodePortAddresses (CIDRs, or ["primary"]); empty: every local address. */
    nodePortAddresses: string[];
  };
  kubelet: {
    maxPods: number;
    staticPodPath: string;
    podInfraContainerImage: string;
    cgroupDriver: string;
    /** Hard eviction thresholds by signal ("100Mi", "10%"); a configured map replaces the defaults. */
    evictionHard: Record<string, string>;
    /** How long a pressure condition stays True after its threshold was last met. */
    evictionPressureTransitionPeriodMs: number;
    kubeReserved: Record<string, string>;
    systemReserved: Record<string, string>;
  };
}

export const DEFAULT_VERSION = 'v1.34.1';

/** DefaultEvictionHard (pkg/kubelet/apis/config/v1beta1/defaults_linux.go); no pid.available by default. */
export const DEFAULT_EVICTION_HARD: Readonly<Record<string, string>> = {
  'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%', 'imagefs.available': '15%', 'imagefs.inodesFree': '5%',
};

export function defaultSettings(): ClusterSettings {
  return {
    kubernetesVersion: DEFAULT_VERSION,
    serviceSubnet: '10.96.0.0/12',
    podSubnet: '10.244.0.0/16',
    dnsDomain: 'cluster.local',
    clusterDNS: '10.96.0.10',
    nodeMonitorGracePeriodMs: 50_000,
    proxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, ipvsScheduler: 'rr', nodePortAddresses: [] },
    kubelet: {
      maxPods: 110, staticPodPath: '/etc/kubernetes/manifests', podInfraContainerImage: 'registry.k8s.io/pause:3.10', cgroupDriver: 'systemd',
      evictionHard: { ...DEFAULT_EVICTION_HARD }, evictionPressureTransitionPeriodMs: 5 * 60_000, kubeReserved: {}, systemReserved: {},
    },
  };
}

const CONFIG_KINDS: Record<string, string> = {
  ClusterConfiguration: 'kubeadm.k8s.io/',
  KubeProxyConfiguration: 'kubeproxy.config.k8s.io/',
  KubeletConfiguration: 'kubelet.config.k8s.io/',
  InitConfiguration: 'kubeadm.k8s.io/',
  JoinConfiguration: 'kubeadm.k8s.io/',
};

/** Config kinds are not API objects: they configure components and are not stored. */
export const isConfigKind = (o: KObject): boolean => {
  const g = CONFIG_KINDS[o.kind];
  return g !== undefined && typeof o.apiVersion === 'string' && o.apiVersion.startsWith(g);
};

/** Minor version number of a "v1.34.1"-style version, for behaviour that changed between releases. */
export const minorOf = (v: string): number => Number(/^v?1\.(\d+)/.exec(v)?.[1] ?? 34);

const isStringMap = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** A metav1.Duration as written in config ("5m0s", "30s", "1h"). */
function goDurationMs(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^(\d+(\.\d+)?(h|m|s|ms))+$/.test(v)) return undefined;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let ms = 0;
  for (const [, n, u] of v.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(n) * unit[u!]!;
  return ms;
}

export function readSettings(configs: KObject[]): ClusterSettings {
  const s = defaultSettings();
  for (const c of configs) {
    const o = c as Record<string, unknown>;
    if (c.kind === 'ClusterConfiguration') {
      const net = (o.networking ?? {}) as Record<string, string>;
      if (typeof o.kubernetesVersion === 'string') s.kubernetesVersion = o.kubernetesVersion.startsWith('v') ? o.kubernetesVersion : `v${o.kubernetesVersion}`;
      if (net.serviceSubnet) s.serviceSubnet = net.serviceSubnet.split(',')[0]!.trim();
      if (net.podSubnet) s.podSubnet = s.proxy.clusterCIDR = net.podSubnet.split(',')[0]!.trim();
      if (net.dnsDomain) s.dnsDomain = net.dnsDomain;
    } else if (c.kind === 'KubeProxyConfiguration') {
      if (o.mode === 'ipvs' || o.mode === 'nftables' || o.mode === 'iptables') s.proxy.mode = o.mode;
      if (typeof o.clusterCIDR === 'string' && o.clusterCIDR) s.proxy.clusterCIDR = o.clusterCIDR;
      const ipt = (o.iptables ?? {}) as Record<string, unknown>;
      if (typeof ipt.masqueradeAll === 'boolean') s.proxy.masqueradeAll = ipt.masqueradeAll;
      const ipvs = (o.ipvs ?? {}) as Record<string, unknown>;
      if (typeof ipvs.scheduler === 'string' && ipvs.scheduler) s.proxy.ipvsScheduler = ipvs.scheduler;
      if (Array.isArray(o.nodePortAddresses)) s.proxy.nodePortAddresses = o.nodePortAddresses.filter((x): x is string => typeof x === 'string');
    } else if (c.kind === 'KubeletConfiguration') {
      if (typeof o.maxPods === 'number') s.kubelet.maxPods = o.maxPods;
      if (typeof o.staticPodPath === 'string') s.kubelet.staticPodPath = o.staticPodPath;
      if (typeof o.cgroupDriver === 'string') s.kubelet.cgroupDriver = o.cgroupDriver;
      for (const k of ['evictionHard', 'kubeReserved', 'systemReserved'] as const) if (isStringMap(o[k])) s.kubelet[k] = { ...o[k] };
      const period = goDurationMs(o.evictionPressureTransitionPeriod);
      if (period !== undefined) s.kubelet.evictionPressureTransitionPeriodMs = period;
      const dns = o.clusterDNS;
      if (Array.isArray(dns) && typeof dns[0] === 'string') s.clusterDNS = dns[0];
      if (typeof o.clusterDomain === 'string') s.dnsDomain = o.clusterDomain;
    }
  }
  s.nodeMonitorGracePeriodMs = minorOf(s.kubernetesVersion) >= 32 ? 50_000 : 40_000;
  return s;
}
