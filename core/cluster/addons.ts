// The add-ons a kubeadm cluster with flannel has from the start: kube-proxy (a DaemonSet in
// kube-system, from `kubeadm init` phase addon/kube-proxy), CoreDNS (Deployment `coredns`,
// 2 replicas, behind Service `kube-dns` at the 10th address of the service range, from
// phase addon/coredns) and flannel (DaemonSet kube-flannel-ds in namespace kube-flannel,
// from kube-flannel.yml v0.26.4, with its ConfigMap kube-flannel-cfg: flanneld reads
// net-conf.json from it at start, so "Type": "host-gw" there, then restarting the DaemonSet's
// pods, switches the backend). Written after the upstream manifests, trimmed to what the
// simulation reads (no install-cni init containers); images match the release simulated.

import type { KObject } from '../api/types.ts';
import type { ApiServer } from '../api/apiserver.ts';
import { intToIp, parseCidr } from '../net/ip.ts';
import type { ClusterSettings } from './settings.ts';
import { netConfJson } from '../cni/flannel.ts';
import { fnv32a } from '../controllers/hash.ts';
import { SimClock } from '../api/clock.ts';

/** kubeadm's DNS Service IP: the 10th address of the service subnet (10.96.0.10). */
export function dnsServiceIP(s: ClusterSettings): string {
  const c = parseCidr(s.serviceSubnet);
  return c ? intToIp(c.base + 10) : '10.96.0.10';
}

/** kube-flannel.yml's cni-conf.json: the install-cni init container copies it to /etc/cni/net.d/10-flannel.conflist. */
export const CNI_CONF = `{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n`;

const CRITICAL = [{ key: 'CriticalAddonsOnly', operator: 'Exists' }];

export function addonObjects(s: ClusterSettings): KObject[] {
  const proxyImage = `registry.k8s.io/kube-proxy:${s.kubernetesVersion}`;
  const k8sApp = (v: string) => ({ 'k8s-app': v });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-flannel', labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: 'kube-flannel' } },
    {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' },
      data: {
        Corefile: `.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes ${s.dnsDomain} in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success ${s.dnsDomain}\n       disable denial ${s.dnsDomain}\n    }\n    loop\n    reload\n    loadbalance\n}\n`,
      },
    },
    {
      apiVersion: 'apps/v1', kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: k8sApp('kube-proxy') },
      spec: {
        selector: { matchLabels: k8sApp('kube-proxy') },
        template: {
          metadata: { labels: k8sApp('kube-proxy') },
          spec: {
            containers: [{
              name: 'kube-proxy', image: proxyImage, imagePullPolicy: 'IfNotPresent',
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
            }],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
          },
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      },
    },
    {
      apiVersion: 'apps/v1', kind: 'DaemonSet',
      metadata: { name: 'kube-flannel-ds', namespace: 'kube-flannel', labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } },
      spec: {
        selector: { matchLabels: { app: 'flannel', 'k8s-app': 'flannel' } },
        template: {
          metadata: { labels: { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' } },
          spec: {
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
            containers: [{
              name: 'kube-flannel', image: 'docker.io/flannel/flannel:v0.26.4',
              command: ['/opt/bin/flanneld'], args: ['--ip-masq', '--kube-subnet-mgr'],
              resources: { requests: { cpu: '100m', memory: '50Mi' } },
              securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
              volumeMounts: [{ name: 'run', mountPath: '/run/flannel' }, { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' }],
            }],
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'flannel',
            tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }],
            volumes: [{ name: 'run', hostPath: { path: '/run/flannel' } }, { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } }],
          },
        },
      },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: k8sApp('kube-dns') },
      spec: {
        replicas: 2,
        selector: { matchLabels: k8sApp('kube-dns') },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: k8sApp('kube-dns') },
          spec: {
            affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } }] } },
            containers: [{
              name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.1', imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              // Upstream also probes /health on 8080 and /ready on 8181; the image model
              // does not listen there yet, so the probes are left out (simulated).
            }],
            dnsPolicy: 'Default',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [...CRITICAL, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: {
        name: 'kube-dns', namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: dnsServiceIP(s),
        selector: k8sApp('kube-dns'),
        ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }],
      },
    },
  ] as KObject[];
}

/** The built-in PriorityClasses every cluster has. */
export const SYSTEM_PRIORITY_CLASSES: KObject[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' } as KObject,
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' } as KObject,
];

/** kube-flannel.yml's ConfigMap: flanneld's net-conf.json (Network = the cluster's pod subnet). */
export const flannelConfigMap = (s: ClusterSettings): KObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel', labels: { tier: 'node', 'k8s-app': 'flannel', app: 'flannel' } },
  data: { 'cni-conf.json': CNI_CONF, 'net-conf.json': netConfJson(s.podSubnet) },
});

export function createAddons(api: ApiServer, s: ClusterSettings): void {
  for (const o of [...SYSTEM_PRIORITY_CLASSES, ...addonObjects(s)]) api.create(o);
  // Stored with a uid derived from its name rather than through create(): one more draw from the
  // cluster's seeded RNG would re-deal the pod names and scheduling ties of every saved scenario,
  // shared link and lesson. The cluster is bootstrapped at t = 0.
  const cm = flannelConfigMap(s);
  const h = (x: string) => fnv32a(x).toString(16).padStart(8, '0');
  const id = h('kube-flannel/kube-flannel-cfg') + h('uid') + h('flannel') + h('cfg');
  const uid = `${id.slice(0, 8)}-${id.slice(8, 12)}-4${id.slice(13, 16)}-a${id.slice(17, 20)}-${id.slice(20, 32)}`;
  api.store.put({ ...cm, metadata: { ...cm.metadata, uid, creationTimestamp: new SimClock().iso() } });
}
