// What a lesson step points at, marked in the graph with a `data-spot` attribute (styled in
// classroom.css). Attributes React does not manage survive re-renders; a MutationObserver marks
// nodes that appear later (a view switch, a pod created). No inline styles: the CSP stays strict.
//   Pod/web, Pod/kube-system/etcd   pods of that name (and the pods made from it)
//   Service/web, Node/worker-1      one object
//   chain:KUBE-SERVICES, chain:KUBE-SVC-*   data-path chains (prefix with *)
//   kubelet, runtime, proxy, cni0, flannel, eth0   node internals
//   apiserver, etcd, scheduler, controller-manager, coredns   control-plane chips
import type { KObject } from '../../core/api/types.ts';
import { podsNamed } from './checks.ts';
import type { IdMatch } from './framing.ts';

const esc = (s: string) => s.replace(/["\\]/g, '\\$&');

/** The graph node ids one target names, given the objects that exist now (framing.ts frames them). */
export function idsFor(target: string, objects: KObject[]): IdMatch[] {
  const chain = /^chain:(.+)$/.exec(target);
  if (chain) {
    const name = chain[1]!;
    const prefix = name.endsWith('*');
    return ['nat', 'filter', 'mangle'].map((table) => ({ id: `chain:${table}/${prefix ? name.slice(0, -1) : name}`, prefix }));
  }
  const ref = /^([A-Z]\w+)\/(.+)$/.exec(target);
  if (!ref) return [{ id: target, prefix: false }];
  const [, kind, rest] = ref as unknown as [string, string, string];
  if (kind === 'Pod') return podsNamed(objects, rest).flatMap((p) => {
    const key = `Pod/${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
    return [{ id: key, prefix: false }, { id: `sandbox:${key}`, prefix: false }];
  });
  const [ns, name] = rest.includes('/') ? rest.split('/', 2) as [string, string] : [kind === 'Node' ? '' : 'default', rest];
  return [{ id: `${kind}/${ns}/${name}`, prefix: false }];
}

const CONTROL_PLANE_ROLES = new Set(['apiserver', 'etcd', 'scheduler', 'controller-manager', 'coredns']);

/** The nodes to frame for one target: a control-plane role is a chip inside the control-plane box. */
export function frameIdsFor(target: string, objects: KObject[]): IdMatch[] {
  return CONTROL_PLANE_ROLES.has(target) ? [{ id: 'group:control-plane', prefix: false }] : idsFor(target, objects);
}

/** CSS selectors for one target: its graph nodes, and a control-plane chip of that role. */
export function selectorsFor(target: string, objects: KObject[]): string[] {
  const nodes = idsFor(target, objects).map((m) => `.react-flow__node[data-id${m.prefix ? '^' : ''}="${esc(m.id)}"]`);
  return /^(chain:|[A-Z]\w+\/)/.test(target) ? nodes : [...nodes, `.cp-chip[data-role="${esc(target)}"]`];
}

/** Marks the targets inside `root` until the returned function is called. */
export function spotlight(root: Element, selectors: string[]): () => void {
  const css = selectors.join(', ');
  let frame = 0;
  const mark = () => {
    frame = 0;
    const want = new Set(css ? root.querySelectorAll(css) : []);
    for (const el of root.querySelectorAll('[data-spot]')) if (!want.has(el)) el.removeAttribute('data-spot');
    for (const el of want) if (!el.hasAttribute('data-spot')) el.setAttribute('data-spot', '');
  };
  mark();
  const observer = new MutationObserver(() => (frame ||= requestAnimationFrame(mark)));
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    for (const el of root.querySelectorAll('[data-spot]')) el.removeAttribute('data-spot');
  };
}
