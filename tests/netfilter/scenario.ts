// The node scenario the kernel test loads; shared with the iptables-save unit test, whose
// golden text is what the real iptables-save printed for it.
import type { EndpointSlice, Service } from '../../core/api/types.ts';
import type { ProxierConfig } from '../../core/proxy/iptables/proxier.ts';

export const config: ProxierConfig = {
  nodeName: 'node', nodeIPs: ['192.168.50.1'], clusterCIDR: '10.244.0.0/16',
  hasRandomFully: true, nfacct: { ctStateInvalidDropped: false, localhostNodePortsAccepted: false },
};

const svc = (name: string, spec: Partial<Service['spec']>): Service => ({
  apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name }, spec: { type: 'ClusterIP', ...spec },
});
const slice = (svcName: string, ips: string[], port: { name: string; port: number; protocol: 'TCP' | 'UDP' }): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { namespace: 'default', name: `${svcName}-x1`, labels: { 'kubernetes.io/service-name': svcName } },
  endpoints: ips.map((ip, i) => ({ addresses: [ip], nodeName: i === 0 ? 'node' : 'other' })), ports: [port],
});

export const services: Service[] = [
  svc('web', { type: 'NodePort', clusterIP: '10.96.0.10', externalIPs: ['192.168.60.10'], ports: [{ name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' }] }),
  svc('empty', { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
  svc('dns', { clusterIP: '10.96.0.30', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
  svc('sticky', { clusterIP: '10.96.0.40', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
];
const http = { name: 'http', port: 8080, protocol: 'TCP' as const };
export const slices: EndpointSlice[] = [
  slice('web', ['10.244.1.2', '10.244.2.2'], http),
  slice('dns', ['10.244.1.2'], { name: 'dns', port: 5353, protocol: 'UDP' }),
  slice('sticky', ['10.244.1.2', '10.244.2.2'], http),
];
/** Second sync: pod2 leaves `web`, Service `dns` is deleted. */
export const services2 = services.filter((s) => s.metadata.name !== 'dns');
export const slices2 = slices.map((s) => (s.metadata.name === 'web-x1' ? slice('web', ['10.244.1.2'], http) : s));
