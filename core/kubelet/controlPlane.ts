// The control plane of a kubeadm cluster runs as static pods of the control-plane node:
// /etc/kubernetes/manifests/{etcd,kube-apiserver,kube-controller-manager,kube-scheduler}.yaml
// as `kubeadm init` writes them (cmd/kubeadm/app/phases/controlplane and etcd), shortened
// to the flags that tell the story.

import type { ClusterSettings } from '../cluster/settings.ts';
import { parseManifestFile } from '../manifest/parse.ts';
import type { StaticManifest } from './staticPods.ts';

const probe = (kind: string, host: string, path: string, port: number, scheme: string, delay: number, failure: number) =>
  `    ${kind}:
      failureThreshold: ${failure}
      httpGet:
        host: ${host}
        path: ${path}
        port: ${port}
        scheme: ${scheme}
      initialDelaySeconds: ${delay}
      periodSeconds: 10
      timeoutSeconds: 15
`;

function manifest(name: string, component: string, image: string, command: string[], probes: string, volumes: [string, string, string][], ip: string, extraMeta = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
${extraMeta}  labels:
    component: ${component}
    tier: control-plane
  name: ${name}
  namespace: kube-system
spec:
  containers:
  - command:
${command.map((c) => `    - ${c}`).join('\n')}
    image: ${image}
    imagePullPolicy: IfNotPresent
${probes}    name: ${name}
    resources:
      requests:
        cpu: ${component === 'etcd' ? '100m' : component === 'kube-apiserver' ? '250m' : component === 'kube-controller-manager' ? '200m' : '100m'}
${component === 'etcd' ? '        memory: 100Mi\n' : ''}    volumeMounts:
${volumes.map(([n, , m]) => `    - mountPath: ${m}\n      name: ${n}${m.includes('pki') || m.endsWith('.conf') ? '\n      readOnly: true' : ''}`).join('\n')}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes.map(([n, h]) => `  - hostPath:\n      path: ${h}\n      type: ${h.endsWith('.conf') ? 'FileOrCreate' : 'DirectoryOrCreate'}\n    name: ${n}`).join('\n')}
status: {}
`.replace(/\n\n/g, '\n').replace(`# ${ip}`, '');
}

export function controlPlaneManifests(s: ClusterSettings, ip: string): StaticManifest[] {
  const v = s.kubernetesVersion;
  const etcdTag = Number(/^v1\.(\d+)/.exec(v)?.[1] ?? 34) >= 34 ? '3.6.4-0' : '3.5.16-0';
  const texts: [string, string][] = [
    ['etcd.yaml', manifest('etcd', 'etcd', `registry.k8s.io/etcd:${etcdTag}`, [
      'etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd',
      `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=control-plane=https://${ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key',
      `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, '--name=control-plane',
      '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    ], probe('livenessProbe', '127.0.0.1', '/livez', 2381, 'HTTP', 10, 8) + probe('startupProbe', '127.0.0.1', '/readyz', 2381, 'HTTP', 10, 24),
    [['etcd-certs', '/etc/kubernetes/pki/etcd', '/etc/kubernetes/pki/etcd'], ['etcd-data', '/var/lib/etcd', '/var/lib/etcd']], ip,
    `  annotations:\n    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${ip}:2379\n  creationTimestamp: null\n`)],
    ['kube-apiserver.yaml', manifest('kube-apiserver', 'kube-apiserver', `registry.k8s.io/kube-apiserver:${v}`, [
      'kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
      '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443',
      `--service-account-issuer=https://kubernetes.default.svc.${s.dnsDomain}`, `--service-cluster-ip-range=${s.serviceSubnet}`,
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    ], probe('livenessProbe', ip, '/livez', 6443, 'HTTPS', 10, 8) + probe('readinessProbe', ip, '/readyz', 6443, 'HTTPS', 0, 3) + probe('startupProbe', ip, '/livez', 6443, 'HTTPS', 10, 24),
    [['ca-certs', '/etc/ssl/certs', '/etc/ssl/certs'], ['k8s-certs', '/etc/kubernetes/pki', '/etc/kubernetes/pki']], ip,
    `  annotations:\n    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${ip}:6443\n  creationTimestamp: null\n`)],
    ['kube-controller-manager.yaml', manifest('kube-controller-manager', 'kube-controller-manager', `registry.k8s.io/kube-controller-manager:${v}`, [
      'kube-controller-manager', '--allocate-node-cidrs=true', '--bind-address=127.0.0.1', `--cluster-cidr=${s.podSubnet}`, '--cluster-name=kubernetes',
      '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true',
      `--service-cluster-ip-range=${s.serviceSubnet}`, '--use-service-account-credentials=true',
    ], probe('livenessProbe', '127.0.0.1', '/healthz', 10257, 'HTTPS', 10, 8) + probe('startupProbe', '127.0.0.1', '/healthz', 10257, 'HTTPS', 10, 24),
    [['k8s-certs', '/etc/kubernetes/pki', '/etc/kubernetes/pki'], ['kubeconfig', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/controller-manager.conf']], ip,
    '  creationTimestamp: null\n')],
    ['kube-scheduler.yaml', manifest('kube-scheduler', 'kube-scheduler', `registry.k8s.io/kube-scheduler:${v}`, [
      'kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true',
    ], probe('livenessProbe', '127.0.0.1', '/livez', 10259, 'HTTPS', 10, 8) + probe('readinessProbe', '127.0.0.1', '/readyz', 10259, 'HTTPS', 0, 3) + probe('startupProbe', '127.0.0.1', '/livez', 10259, 'HTTPS', 10, 24),
    [['kubeconfig', '/etc/kubernetes/scheduler.conf', '/etc/kubernetes/scheduler.conf']], ip,
    '  creationTimestamp: null\n')],
  ];
  const out: StaticManifest[] = [];
  for (const [file, text] of texts) {
    const parsed = parseManifestFile(`/etc/kubernetes/manifests/${file}`, text);
    const object = parsed.objects[0]?.object;
    if (object) out.push({ file, text, object });
  }
  return out;
}
