// The files a learner looks at on a node, generated from the kubelet's state: static pod
// manifests, the CNI config Flannel writes (/etc/cni/net.d/10-flannel.conflist, from
// kube-flannel.yml's cni-conf.json), host-local's lease files, what hostPath volumes hold
// (flanneld's /run/flannel/subnet.env among them, core/cni/flannel.ts),
// the kubelet's config and its per-pod directories (volumes under
// /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name>), and container logs in the CRI
// format under /var/log/pods.

import type { Node } from '../api/types.ts';
import type { Kubelet } from './kubelet.ts';
import { CNI_CONF } from '../cluster/addons.ts';

export type NodeFile = { dir: true } | { dir: false; text: string };

function crioLog(k: Kubelet, id: string): string {
  const c = k.cri.containers.get(id);
  if (!c) return '';
  return c.logs.map((l) => `${k.ctx.clock.iso(l.at).replace('Z', `.${String(l.at % 1000).padStart(3, '0')}000000Z`)} ${l.stream} F ${l.line}\n`).join('');
}

/** Every file and directory the node shows, keyed by absolute path. */
export function nodeFiles(k: Kubelet): Map<string, NodeFile> {
  const files = new Map<string, NodeFile>();
  const dir = (p: string) => {
    for (let q = p; q && q !== '/'; q = q.slice(0, q.lastIndexOf('/')) || '/') if (!files.has(q)) files.set(q, { dir: true });
  };
  const file = (p: string, text: string) => {
    dir(p.slice(0, p.lastIndexOf('/')));
    files.set(p, { dir: false, text });
  };
  const s = k.ctx.settings;
  const staticPath = s.kubelet.staticPodPath.replace(/\/$/, '');
  dir(staticPath);
  for (const f of k.statics.files()) file(`${staticPath}/${f.name}`, f.text);
  dir('/etc/kubernetes/pki');
  file('/etc/kubernetes/kubelet.conf', `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: (simulated)\n    server: https://control-plane:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: system:node:${k.nodeName}\n  name: system:node:${k.nodeName}@kubernetes\ncurrent-context: system:node:${k.nodeName}@kubernetes\nkind: Config\nusers:\n- name: system:node:${k.nodeName}\n  user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n`);
  file('/etc/cni/net.d/10-flannel.conflist', CNI_CONF);
  dir('/opt/cni/bin');
  for (const b of ['bridge', 'flannel', 'host-local', 'loopback', 'portmap', 'ptp']) file(`/opt/cni/bin/${b}`, '(binary)\n');
  if (k.ipam.cidr) {
    dir('/var/lib/cni/networks/cbr0');
    for (const l of k.ipam.leases()) file(`/var/lib/cni/networks/cbr0/${l.ip}`, `${l.id}\neth0`);
    if (k.ipam.lastReserved) file('/var/lib/cni/networks/cbr0/last_reserved_ip.0', k.ipam.lastReserved);
    file('/var/lib/cni/networks/cbr0/lock', '');
  }
  const node = k.ctx.api.get<Node>('Node', undefined, k.nodeName);
  file('/var/lib/kubelet/config.yaml', kubeletConfig(k, node));
  dir('/var/lib/kubelet/pki');
  const workers = [...k.workers.values(), ...k.statics.workers()];
  for (const w of workers) {
    const uid = w.pod.metadata.uid ?? '';
    const base = `/var/lib/kubelet/pods/${uid}`;
    file(`${base}/etc-hosts`, `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n${w.podIP ?? ''}\t${w.pod.metadata.name}\n`);
    for (const c of w.all) dir(`${base}/containers/${c.spec.name}`);
    dir(`${base}/plugins`);
    dir(`${base}/volumes`);
    for (const v of w.volumes) {
      if (v.plugin === 'hostPath') continue;
      dir(v.hostPath);
      for (const [p, val] of v.store) {
        if (val === null) dir(v.hostPath + p);
        else file(v.hostPath + p, val);
      }
    }
    for (const c of w.all) {
      if (!c.containerID) continue;
      const logDir = `/var/log/pods/${w.pod.metadata.namespace}_${w.pod.metadata.name}_${uid}/${c.spec.name}`;
      const ids = [...k.cri.containers.values()].filter((x) => x.sandboxId === w.sandbox?.id && x.name === c.spec.name);
      for (const x of ids) file(`${logDir}/${x.attempt}.log`, crioLog(k, x.id));
    }
  }
  for (const [p, store] of k.hostFs) {
    dir(p);
    for (const [q, val] of store) {
      if (val === null) dir(p + q);
      else file(p + q, val);
    }
  }
  return files;
}

function kubeletConfig(k: Kubelet, node: Node | undefined): string {
  const s = k.ctx.settings;
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: ${s.kubelet.cgroupDriver}
clusterDNS:
- ${s.clusterDNS}
clusterDomain: ${s.dnsDomain}
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
evictionHard:
  imagefs.available: 15%
  memory.available: 100Mi
  nodefs.available: 10%
  nodefs.inodesFree: 5%
healthzBindAddress: 127.0.0.1
healthzPort: 10248
kind: KubeletConfiguration
maxPods: ${s.kubelet.maxPods}
nodeStatusReportFrequency: 5m0s
nodeStatusUpdateFrequency: 10s
podInfraContainerImage: ${s.kubelet.podInfraContainerImage}
rotateCertificates: true
serializeImagePulls: true
staticPodPath: ${s.kubelet.staticPodPath}
syncFrequency: 1m0s
# node ${node?.metadata.name ?? k.nodeName}, pod CIDR ${node?.spec.podCIDR ?? '<none>'}
`;
}
