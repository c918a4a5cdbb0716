// Endpoints controller (pkg/controller/endpoint): the legacy core/v1 Endpoints object named
// after each Service with a selector — ready addresses, notReadyAddresses, ports. Still kept
// in sync by kube-controller-manager (deprecated in v1.33 in favour of EndpointSlices).

import { ipToInt } from '../net/ip.ts';
import type { KObject, Pod, Service } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { ServiceIndex } from '../api/serviceIndex.ts';
import { isPodReady } from './owners.ts';
import { affectsEndpoints, endpointHostname, resolveTargetPort, sameItems, servicePods } from './endpointslice.ts';

interface Address { ip: string; hostname?: string; nodeName?: string; targetRef: { kind: string; name: string; namespace: string; uid?: string } }
interface Subset { addresses?: Address[]; notReadyAddresses?: Address[]; ports?: { name?: string; port: number; protocol: string }[] }
export interface Endpoints extends KObject { kind: 'Endpoints'; subsets?: Subset[] }

interface CachedAddress { svc: Service; ports: Subset['ports']; portsKey: string; addr: Address; ready: boolean }

/** The same address objects in the same places and equal ports: what the JSON comparison would find, without serialising. */
function sameSubsets(a: Subset[], b: Subset[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return !x.addresses === !y.addresses && !x.notReadyAddresses === !y.notReadyAddresses && sameItems(x.addresses ?? [], y.addresses ?? [])
      && sameItems(x.notReadyAddresses ?? [], y.notReadyAddresses ?? []) && JSON.stringify(x.ports) === JSON.stringify(y.ports);
  });
}

/** Addresses in IP order, as the controller lists them (each IP parsed once, not per comparison). */
const byIP = (list: Address[]): Address[] =>
  list.map((a) => [ipToInt(a.ip) ?? 0, a] as const).sort((x, y) => x[0] - y[0]).map(([, a]) => a);

export class EndpointsController implements Component {
  readonly name = 'endpoints-controller';
  private queue = new WorkQueue<string>();
  private services: ServiceIndex;
  private addresses = new WeakMap<Pod, CachedAddress>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    this.services = new ServiceIndex(store);
    for (const s of store.list('Service')) this.queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
    store.watch(['Service'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['Pod'], (e) => {
      if (!affectsEndpoints(e.old as Pod | undefined, e.object as Pod)) return;
      const ns = e.object.metadata.namespace ?? 'default';
      for (const l of [e.object.metadata.labels, e.old?.metadata.labels])
        for (const s of this.services.forLabels(ns, l)) this.queue.add(`${ns}/${s.metadata.name}`);
    });
  }

  sync(): boolean {
    if (!this.queue.size) return false;
    for (const key of this.queue.drain()) {
      const [ns, name] = key.split('/') as [string, string];
      this.reconcile(ns, name, this.ctx.api.get<Service>('Service', ns, name));
    }
    return true;
  }

  /** A pod's address for a Service, kept per stored pod (see EndpointSliceController.endpointOf). */
  private addressOf(p: Pod, svc: Service): CachedAddress {
    const hit = this.addresses.get(p);
    if (hit && hit.svc === svc) return hit;
    const ports = (svc.spec.ports ?? []).map((sp) => ({ ...(sp.name ? { name: sp.name } : {}), port: resolveTargetPort(sp, p)!, protocol: sp.protocol ?? 'TCP' })).filter((x) => x.port !== undefined);
    const hostname = endpointHostname(p, svc);
    const ns = p.metadata.namespace ?? 'default';
    const addr: Address = { ip: p.status!.podIP!, ...(hostname ? { hostname } : {}), nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid } };
    const a = { svc, ports, portsKey: JSON.stringify(ports), addr, ready: isPodReady(p) || !!svc.spec.publishNotReadyAddresses };
    this.addresses.set(p, a);
    return a;
  }

  private reconcile(ns: string, name: string, svc: Service | undefined): void {
    const cur = this.ctx.api.get<Endpoints>('Endpoints', ns, name);
    if (!svc || !svc.spec.selector || svc.spec.type === 'ExternalName') {
      // The kubernetes Service's Endpoints belong to the API server, not to this controller.
      if (cur && !(ns === 'default' && name === 'kubernetes') && cur.metadata.labels?.['endpoints.kubernetes.io/managed-by'] !== 'apiserver') this.ctx.api.delete('Endpoints', ns, name);
      return;
    }
    const groups = new Map<string, Subset>();
    for (const p of servicePods(this.ctx, svc)) {
      if (p.metadata.deletionTimestamp && !svc.spec.publishNotReadyAddresses) continue;
      const a = this.addressOf(p, svc);
      const g = groups.get(a.portsKey) ?? { ports: a.ports };
      groups.set(a.portsKey, g);
      if (a.ready) (g.addresses ??= []).push(a.addr);
      else (g.notReadyAddresses ??= []).push(a.addr);
    }
    const subsets = [...groups.values()].map((g) => ({
      ...(g.addresses ? { addresses: byIP(g.addresses) } : {}),
      ...(g.notReadyAddresses ? { notReadyAddresses: byIP(g.notReadyAddresses) } : {}),
      ports: g.ports,
    }));
    const labels = { ...(svc.metadata.labels ?? {}), ...(svc.spec.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}) };
    if (cur) {
      if ((sameSubsets(cur.subsets ?? [], subsets) || JSON.stringify(cur.subsets ?? []) === JSON.stringify(subsets)) && JSON.stringify(cur.metadata.labels ?? {}) === JSON.stringify(labels)) return;
      // Shallow copies only: the rest of the frozen object is shared, not cloned.
      const { subsets: _old, ...rest } = cur;
      this.ctx.api.update({
        ...rest,
        ...(subsets.length ? { subsets } : {}),
        metadata: { ...cur.metadata, labels, annotations: { ...(cur.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': this.ctx.clock.iso() } },
      } as Endpoints);
      return;
    }
    this.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': this.ctx.clock.iso() } },
      ...(subsets.length ? { subsets } : {}),
    } as KObject);
  }
}
