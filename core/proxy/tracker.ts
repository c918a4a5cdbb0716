// What changed since the last sync, the role of pkg/proxy's ServiceChangeTracker and
// EndpointsChangeTracker. kube-proxy is handed the full lists on every sync, but only
// objects that are new (by identity: the API store's objects are frozen and replaced on
// update) are looked at; a new object whose content equals the old one's is no change.
import type { EndpointSlice, IPFamily, Service } from './types.ts';
import { buildEndpointsMap, sliceId, sliceService, type EndpointInfo } from './endpoints.ts';
import { servicePorts, type ServicePortInfo } from './serviceport.ts';

interface SvcInfo { ports: ServicePortInfo[] }
interface SliceInfo { nn: string | null; obj: EndpointSlice }

/** Structural equality of plain data (what JSON would print the same). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n++;
    if (!same(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}
const sameSlice = (a: EndpointSlice, b: EndpointSlice): boolean =>
  a.metadata.name === b.metadata.name && same(a.ports, b.ports) && same(a.endpoints, b.endpoints);

/**
 * The objects of one kind by key, and the list they came in. Lists keep their order between
 * calls (the store's is insertion order and an update keeps its place), so comparing
 * position by position finds the replaced objects without a lookup per object.
 */
class Roster<T extends object, I> {
  private readonly byKey = new Map<string, { obj: T; info: I; seen: number }>();
  private prev: readonly T[] = [];
  private gen = 0;

  constructor(private readonly keyOf: (o: T) => string, private readonly describe: (o: T) => I) {}

  get(key: string): T | undefined {
    return this.byKey.get(key)?.obj;
  }

  /** Calls changed(key, old, new) for each key whose object was replaced, added (old undefined) or removed (new undefined). */
  update(list: readonly T[], changed: (key: string, old: I | undefined, cur: I | undefined) => void): void {
    const prev = this.prev;
    this.prev = list;
    if (list.length === prev.length) {
      const moved: number[] = [];
      for (let i = 0; i < list.length; i++) if (list[i] !== prev[i]) moved.push(i);
      // Same keys in the same places: only the replaced objects need a look.
      if (moved.every((i) => this.byKey.get(this.keyOf(list[i]!))?.obj === prev[i])) {
        for (const i of moved) this.replace(this.keyOf(list[i]!), list[i]!, changed);
        return;
      }
    }
    const gen = ++this.gen;
    let seen = 0;
    for (const obj of list) {
      const key = this.keyOf(obj);
      const cur = this.byKey.get(key);
      if (cur?.seen !== gen) seen++;
      if (cur && cur.obj === obj) cur.seen = gen;
      else this.replace(key, obj, changed).seen = gen;
    }
    if (seen === this.byKey.size) return;
    for (const [key, cur] of this.byKey) {
      if (cur.seen === gen) continue;
      this.byKey.delete(key);
      changed(key, cur.info, undefined);
    }
  }

  private replace(key: string, obj: T, changed: (key: string, old: I | undefined, cur: I | undefined) => void) {
    const cur = this.byKey.get(key);
    const e = { obj, info: this.describe(obj), seen: cur?.seen ?? 0 };
    this.byKey.set(key, e);
    changed(key, cur?.info, e.info);
    return e;
  }
}

export class ChangeTracker {
  private readonly services: Roster<Service, SvcInfo>;
  private readonly slices: Roster<EndpointSlice, SliceInfo>;
  /** Service `ns/name` -> keys of its slices. */
  private readonly slicesOf = new Map<string, Set<string>>();
  /** Endpoints per service port key, for the services that have any. */
  readonly endpoints = new Map<string, EndpointInfo[]>();
  private readonly epKeys = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();
  private readonly ports = new Map<string, ServicePortInfo[]>();
  /** Endpoints over all service ports (large-cluster mode threshold). */
  totalEndpoints = 0;

  constructor(private readonly family: IPFamily, private readonly nodeName: string) {
    this.services = new Roster((o) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, (o) => ({ ports: servicePorts(o, family) }));
    this.slices = new Roster(sliceId, (o) => ({ nn: o.addressType === family ? sliceService(o) : null, obj: o }));
  }

  portsOf(nn: string): ServicePortInfo[] {
    return this.ports.get(nn) ?? [];
  }

  allPorts(): ServicePortInfo[] {
    return [...this.ports.values()].flat();
  }

  /** Takes the current lists; returns the `ns/name` of every Service whose Service or endpoints changed (or vanished). */
  update(services: Service[], slices: EndpointSlice[]): Set<string> {
    const changed = new Set<string>();
    const epsChanged = new Set<string>();
    this.services.update(services, (key, old, cur) => {
      if (!same(old?.ports ?? [], cur?.ports ?? [])) changed.add(key);
      if (cur?.ports.length) this.ports.set(key, cur.ports); else this.ports.delete(key);
    });
    this.slices.update(slices, (key, old, cur) => {
      if (old && cur && old.nn === cur.nn && (!cur.nn || sameSlice(old.obj, cur.obj))) return;
      if (!old?.nn && !cur?.nn) return;
      if (old?.nn) { epsChanged.add(old.nn); this.slicesOf.get(old.nn)?.delete(key); }
      if (cur?.nn) { epsChanged.add(cur.nn); this.index(cur.nn).add(key); }
    });
    for (const nn of epsChanged) { this.rebuildEndpoints(nn); changed.add(nn); }
    for (const nn of changed) this.recount(nn);
    return changed;
  }

  private index(nn: string): Set<string> {
    let s = this.slicesOf.get(nn);
    if (!s) { s = new Set(); this.slicesOf.set(nn, s); }
    return s;
  }

  private rebuildEndpoints(nn: string): void {
    for (const k of this.epKeys.get(nn) ?? []) this.endpoints.delete(k);
    const ids = this.slicesOf.get(nn);
    const objs = [...(ids ?? [])].map((id) => this.slices.get(id)!);
    const m = buildEndpointsMap(objs, this.family, this.nodeName);
    for (const [k, eps] of m) this.endpoints.set(k, eps);
    if (m.size) this.epKeys.set(nn, [...m.keys()]); else this.epKeys.delete(nn);
    if (ids && ids.size === 0) this.slicesOf.delete(nn);
  }

  private recount(nn: string): void {
    let n = 0;
    for (const sp of this.portsOf(nn)) n += this.endpoints.get(sp.key)?.length ?? 0;
    this.totalEndpoints += n - (this.counts.get(nn) ?? 0);
    if (n) this.counts.set(nn, n); else this.counts.delete(nn);
  }
}
