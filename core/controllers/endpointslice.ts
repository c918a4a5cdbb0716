// EndpointSlice controller: for every Service with a selector, the matching pods' IPs and
// target ports, with ready/serving/terminating conditions, at most 100 endpoints a slice.

import type { EndpointSlice, Endpoint, Pod, Service, ServicePort } from '../api/types.ts';
import type { Component, Context } from '../api/context.ts';
import { WorkQueue } from '../api/context.ts';
import { ServiceIndex } from '../api/serviceIndex.ts';
import { isPodReady, ownerRefTo } from './owners.ts';

export const MAX_ENDPOINTS_PER_SLICE = 100;
const MANAGED_BY = 'endpointslice-controller.k8s.io';

/** Resolves a Service targetPort (number or a container port name) against a pod. */
export function resolveTargetPort(sp: ServicePort, pod: Pod): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

export class EndpointSliceController implements Component {
  readonly name = 'endpointslice-controller';
  private queue = new WorkQueue<string>();

  private services: ServiceIndex;
  private written = new WeakSet<object>();
  private endpoints = new WeakMap<Pod, CachedEndpoint>();

  constructor(private ctx: Context) {
    const store = ctx.api.store;
    this.services = new ServiceIndex(store);
    for (const s of store.list('Service')) this.queue.add(`${s.metadata.namespace}/${s.metadata.name}`);
    store.watch(['Service'], (e) => this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`));
    store.watch(['Pod'], (e) => {
      const p = e.object as Pod;
      const old = e.old as Pod | undefined;
      if (!affectsEndpoints(old, p)) return;
      const ns = p.metadata.namespace ?? 'default';
      for (const l of [p.metadata.labels, old?.metadata.labels])
        for (const s of this.services.forLabels(ns, l)) this.queue.add(`${ns}/${s.metadata.name}`);
    });
    store.watch(['EndpointSlice'], (e) => {
      // Our own writes need no second look; anything else touching our slices is put right.
      if (this.written.has(e.object)) return;
      const svc = e.object.metadata.labels?.['kubernetes.io/service-name'];
      if (svc && e.object.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY) this.queue.add(`${e.object.metadata.namespace}/${svc}`);
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

  private ownedSlices(ns: string, svc: string): EndpointSlice[] {
    return this.ctx.api.store.withLabel<EndpointSlice>('EndpointSlice', ns, 'kubernetes.io/service-name', svc).filter(
      (s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY,
    );
  }

  /**
   * A pod's endpoint for a Service, kept per stored pod: a pod change rebuilds its own entry,
   * and the Service's other pods hand back the very objects already stored in its slices.
   */
  private endpointOf(p: Pod, svc: Service, zone: string | undefined): CachedEndpoint {
    const hit = this.endpoints.get(p);
    if (hit && hit.svc === svc && hit.zone === zone) return hit;
    const ns = p.metadata.namespace ?? 'default';
    const ports = (svc.spec.ports ?? []).map((sp) => ({ name: sp.name ?? '', port: resolveTargetPort(sp, p), protocol: sp.protocol ?? 'TCP' }))
      .filter((x) => x.port !== undefined) as EndpointSlice['ports'];
    const terminating = !!p.metadata.deletionTimestamp;
    const ready = isPodReady(p) || !!svc.spec.publishNotReadyAddresses;
    const hostname = endpointHostname(p, svc);
    const endpoint: Endpoint = {
      addresses: [p.status!.podIP!],
      conditions: { ready: ready && !terminating, serving: ready, terminating },
      ...(hostname ? { hostname } : {}),
      nodeName: p.spec.nodeName,
      targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
      ...(zone ? { zone } : {}),
    };
    const e = { svc, zone, ports, portsKey: JSON.stringify(ports), endpoint };
    this.endpoints.set(p, e);
    return e;
  }

  private reconcile(ns: string, name: string, svc: Service | undefined): void {
    const existing = this.ownedSlices(ns, name);
    if (!svc || !svc.spec.selector || svc.spec.type === 'ExternalName') {
      for (const s of existing) this.ctx.api.delete('EndpointSlice', ns, s.metadata.name);
      return;
    }
    const pods = servicePods(this.ctx, svc);
    // Pods that resolve named ports differently go in different slices; one port set here covers the usual case.
    const groups = new Map<string, { ports: EndpointSlice['ports']; endpoints: Endpoint[] }>();
    for (const p of pods) {
      const zone = this.ctx.api.store.get('Node', undefined, p.spec.nodeName ?? '')?.metadata.labels?.['topology.kubernetes.io/zone'];
      const e = this.endpointOf(p, svc, zone);
      const g = groups.get(e.portsKey) ?? { ports: e.ports, endpoints: [] };
      groups.set(e.portsKey, g);
      g.endpoints.push(e.endpoint);
    }
    const wanted: { ports: EndpointSlice['ports']; endpoints: Endpoint[] }[] = [];
    for (const g of groups.values())
      for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) wanted.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    // A service with no endpoints still gets one empty slice, as the real controller keeps.
    if (!wanted.length) wanted.push({ ports: [], endpoints: [] });
    const pool = [...existing].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    for (const w of wanted) {
      const cur = pool.shift();
      if (cur) {
        if ((sameItems(cur.endpoints ?? [], w.endpoints) || endpointsSig(cur.endpoints ?? []) === endpointsSig(w.endpoints)) && JSON.stringify(cur.ports ?? []) === JSON.stringify(w.ports ?? [])) continue;
        const stored = this.ctx.api.update({ ...cur, endpoints: w.endpoints, ports: w.ports });
        if (stored) this.written.add(stored);
      } else {
        const res = this.ctx.api.create({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            name: '',
            generateName: `${name}-`,
            namespace: ns,
            labels: { 'endpointslice.kubernetes.io/managed-by': MANAGED_BY, 'kubernetes.io/service-name': name },
            ownerReferences: [ownerRefTo(svc)],
          },
          addressType: 'IPv4',
          endpoints: w.endpoints,
          ports: w.ports,
        } as EndpointSlice);
        if (res.ok) this.written.add(res.object);
      }
    }
    for (const extra of pool) this.ctx.api.delete('EndpointSlice', ns, extra.metadata.name);
  }
}

interface CachedEndpoint {
  svc: Service;
  zone: string | undefined;
  ports: EndpointSlice['ports'];
  portsKey: string;
  endpoint: Endpoint;
}

/** The same objects in the same order: equal without looking inside. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a pod change can change any endpoint: labels, IP, readiness, node, deletion, phase. */
export function affectsEndpoints(old: Pod | undefined, p: Pod): boolean {
  return !old || old.metadata.labels !== p.metadata.labels || old.status?.podIP !== p.status?.podIP || isPodReady(old) !== isPodReady(p)
    || old.metadata.deletionTimestamp !== p.metadata.deletionTimestamp || old.spec.nodeName !== p.spec.nodeName || old.status?.phase !== p.status?.phase
    || old.spec.hostname !== p.spec.hostname || old.spec.subdomain !== p.spec.subdomain;
}

// A compact signature of an endpoint list, memoised for stored (immutable) lists: comparing
// signatures is far cheaper than serialising whole lists on every pod change.
const sigs = new WeakMap<object, string>();
export function endpointsSig(list: readonly Endpoint[]): string {
  let s = sigs.get(list);
  if (s === undefined) {
    s = list.map((e) => `${e.addresses.join(',')}|${e.conditions?.ready}|${e.conditions?.serving}|${e.conditions?.terminating}|${e.nodeName ?? ''}|${e.hostname ?? ''}|${e.zone ?? ''}|${e.targetRef?.name ?? ''}|${e.targetRef?.uid ?? ''}`).join('\n');
    sigs.set(list, s);
  }
  return s;
}

/** Pods a Service selects that have an IP and have not finished, by name. */
export function servicePods(ctx: Context, svc: Service): Pod[] {
  const ns = svc.metadata.namespace ?? 'default';
  return ctx.api.store.selectMap<Pod>('Pod', ns, svc.spec.selector ?? {})
    .filter((p) => p.status?.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed')
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** A pod with spec.hostname whose spec.subdomain names this Service gets a DNS name through it. */
export function endpointHostname(p: Pod, svc: Service): string | undefined {
  const hn = p.spec.hostname as string | undefined;
  return hn && p.spec.subdomain === svc.metadata.name ? hn : undefined;
}
