// What changed since the last sync, the role of pkg/proxy's ServiceChangeTracker and
// EndpointsChangeTracker. kube-proxy is handed the full lists on every sync, but only
// objects that are new (by identity: the API store's objects are frozen and replaced on
// update) are looked at; a new object whose content equals the old one's is no change.
import type { EndpointSlice, IPFamily, Service } from './types.ts';
import { buildEndpointsMap, sliceId, sliceService, type EndpointInfo } from './endpoints.ts';
import { portKey, servicePorts, type ServicePortInfo } from './serviceport.ts';

interface SvcInfo { key: string; ports: ServicePortInfo[] }
interface SliceInfo { key: string; nn: string | null; obj: EndpointSlice }

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
class Roster<T extends object, I extends { key: string }> {
  private readonly infos = new WeakMap<T, I>();
  private readonly byKey = new Map<string, { obj: T; info: I; seen: number }>();
  private prev: readonly T[] = [];
  private gen = 0;

  constructor(private readonly describe: (o: T) => I) {}

  get(key: string): T | undefined {
    return this.byKey.get(key)?.obj;
  }

  private info(o: T): I {
    let i = this.infos.get(o);
    if (!i) { i = this.describe(o); this.infos.set(o, i); }
    return i;
  }

  /** Calls changed(old, new) for each key whose object was replaced, added (old undefined) or removed (new undefined). */
  update(list: readonly T[], changed: (old: I | undefined, cur: I | undefined) => void): void {
    const prev = this.prev;
    this.prev = list;
    if (list.length === prev.length) {
      const moved: number[] = [];
      for (let i = 0; i < list.length; i++) if (list[i] !== prev[i]) moved.push(i);
      // Same keys in the same places: only the replaced objects need a look.
      if (moved.every((i) => this.byKey.get(this.info(list[i]!).key)?.obj === prev[i])) {
        for (const i of moved) this.replace(this.info(list[i]!), list[i]!, changed);
        return;
      }
    }
    const gen = ++this.gen;
    let seen = 0;
    for (const obj of list) {
      const info = this.info(obj);
      const cur = this.byKey.get(info.key);
      if (cur?.seen !== gen) seen++;
      if (cur && cur.obj === obj) cur.seen = gen;
      else this.replace(info, obj, changed).seen = gen;
    }
    if (seen === this.byKey.size) return;
    for (const [key, cur] of this.byKey) {
      if (cur.seen === gen) continue;
      this.byKey.delete(key);
      changed(cur.info, undefined);
    }
  }

  private replace(info: I, obj: T, changed: (old: I | undefined, cur: I | undefined) => void) {
    const cur = this.byKey.get(info.key);
    const e = { obj, info, seen: cur?.seen ?? 0 };
    this.byKey.set(info.key, e);
    changed(cur?.info, info);
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
    this.services = new Roster((o) => {
      const ports = servicePorts(o, family);
      return { key: `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, ports };
    });
    this.slices = new Roster((o) => {
      const nn = o.addressType === family ? sliceService(o) : null;
      return { key: sliceId(o), nn, obj: o };
    });
  }

  portsOf(nn: string): ServicePortInfo[] {
    return this.ports.get(nn) ?? [];
  }

  /** Takes the current lists; returns the `ns/name` of every Service whose Service or endpoints changed (or vanished). */
  update(services: Service[], slices: EndpointSlice[]): Set<string> {
    const changed = new Set<string>();
    const epsChanged = new Set<string>();
    this.services.update(services, (old, cur) => {
      const key = (old ?? cur)!.key;
      if (!same(old?.ports ?? [], cur?.ports ?? [])) changed.add(key);
      if (cur?.ports.length) this.ports.set(key, cur.ports); else this.ports.delete(key);
    });
    this.slices.update(slices, (old, cur) => {
      if (old && cur && old.nn === cur.nn && (!cur.nn || sameSlice(old.obj, cur.obj))) return;
      if (!old?.nn && !cur?.nn) return;
      const key = (old ?? cur)!.key;
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
    for (const sp of this.portsOf(nn)) n += this.endpoints.get(portKey(sp.spn, sp.protocol))?.length ?? 0;
    this.totalEndpoints += n - (this.counts.get(nn) ?? 0);
    if (n) this.counts.set(nn, n); else this.counts.delete(nn);
  }
}
