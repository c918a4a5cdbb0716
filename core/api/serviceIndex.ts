// Which Services select a pod, without scanning every Service: each Service with a selector
// is indexed under one of its selector's label pairs; a pod looks up each of its own label
// pairs and checks the few candidates. What an informer indexer gives the real controllers.

import type { Pod, Service } from './types.ts';
import type { ObjectStore } from './store.ts';
import { matchesMap } from './labels.ts';

export class ServiceIndex {
  /** namespace/label=value → service name → Service */
  private idx = new Map<string, Map<string, Service>>();

  constructor(private store: ObjectStore) {
    for (const s of store.list<Service>('Service')) this.add(s);
    store.watch(['Service'], (e) => {
      if (e.old) this.remove(e.old as Service);
      if (e.type !== 'DELETED') this.add(e.object as Service);
    });
  }

  private slot(s: Service): string | undefined {
    const sel = s.spec?.selector;
    if (!sel) return undefined;
    const first = Object.keys(sel).sort()[0];
    return first === undefined ? undefined : `${s.metadata.namespace}/${first}=${sel[first]}`;
  }

  private add(s: Service): void {
    const k = this.slot(s);
    if (!k) return;
    let m = this.idx.get(k);
    if (!m) this.idx.set(k, (m = new Map()));
    m.set(s.metadata.name, s);
  }

  private remove(s: Service): void {
    const k = this.slot(s);
    const m = k ? this.idx.get(k) : undefined;
    if (!m) return;
    m.delete(s.metadata.name);
    if (!m.size) this.idx.delete(k!);
  }

  /** Services in the pod's namespace whose selector matches these labels (default: the pod's). */
  forLabels(namespace: string, labels: Record<string, string> | undefined): Service[] {
    const out: Service[] = [];
    for (const [k, v] of Object.entries(labels ?? {})) {
      const m = this.idx.get(`${namespace}/${k}=${v}`);
      if (m) for (const s of m.values()) if (matchesMap(s.spec.selector, labels)) out.push(s);
    }
    return out;
  }

  forPod(p: Pod): Service[] {
    return this.forLabels(p.metadata.namespace ?? 'default', p.metadata.labels);
  }
}
