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
  };
  kubelet: {
    maxPods: number;
    staticPodPath: string;
    podInfraContainerImage: string;
    cgroupDriver: string;
  };
}

export const DEFAULT_VERSION = 'v1.34.1';

export function defaultSettings(): ClusterSettings {
  return {
    kubernetesVersion: DEFAULT_VERSION,
    serviceSubnet: '10.96.0.0/12',
    podSubnet: '10.244.0.0/16',
    dnsDomain: 'cluster.local',
    clusterDNS: '10.96.0.10',
    nodeMonitorGracePeriodMs: 50_000,
    proxy: { mode: 'iptables', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, ipvsScheduler: 'rr' },
    kubelet: { maxPods: 110, staticPodPath: '/etc/kubernetes/manifests', podInfraContainerImage: 'registry.k8s.io/pause:3.10', cgroupDriver: 'systemd' },
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
    } else if (c.kind === 'KubeletConfiguration') {
      if (typeof o.maxPods === 'number') s.kubelet.maxPods = o.maxPods;
      if (typeof o.staticPodPath === 'string') s.kubelet.staticPodPath = o.staticPodPath;
      if (typeof o.cgroupDriver === 'string') s.kubelet.cgroupDriver = o.cgroupDriver;
      const dns = o.clusterDNS;
      if (Array.isArray(dns) && typeof dns[0] === 'string') s.clusterDNS = dns[0];
      if (typeof o.clusterDomain === 'string') s.dnsDomain = o.clusterDomain;
    }
  }
  s.nodeMonitorGracePeriodMs = minorOf(s.kubernetesVersion) >= 32 ? 50_000 : 40_000;
  return s;
}
