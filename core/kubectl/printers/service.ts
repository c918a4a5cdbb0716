// `kubectl get services` row, after upstream printService / getServiceExternalIP.
import type { Service } from '../../api/types.ts';
import { since } from '../duration.ts';
import { byteCompare, formatLabels } from '../labelFormat.ts';
import type { Printer, RowContext } from '../table.ts';

/**
 * Load-balancer ingress IPs (or hostnames), de-duplicated and sorted. printers.go clips them
 * to 16 bytes unless wide, but the API server always prints wide, so kubectl shows them whole.
 */
function loadBalancerIPs(svc: Service): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  return [...set].sort(byteCompare).join(',');
}

export function externalIP(svc: Service): string {
  const externalIPs = svc.spec.externalIPs ?? [];
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(svc);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

/** `80/TCP`, `80:30080/TCP`, comma-joined; `<none>` when there are no ports. */
export function portString(svc: Service): string {
  const s = (svc.spec.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
  return s || '<none>';
}

export const servicePrinter: Printer<Service> = {
  columns: [
    { name: 'Name' }, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' },
    { name: 'Age' }, { name: 'Selector', wide: true },
  ],
  cells(svc: Service, ctx: RowContext): string[] {
    const clusterIP = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>';
    return [
      svc.metadata.name, svc.spec.type ?? 'ClusterIP', clusterIP || '<none>', externalIP(svc),
      portString(svc), since(svc.metadata.creationTimestamp, ctx.now), formatLabels(svc.spec.selector),
    ];
  },
};
