// kube-apiserver: every component reads and writes through here; only this talks to
// the store ("etcd"). Create/apply/delete validate, default and allocate as the real
// server does, and answer with its wording.

import type { KObject, Service, ServicePort } from './types.ts';
import { ObjectStore, clone } from './store.ts';
import type { SimClock } from './clock.ts';
import type { Rng } from './rng.ts';
import { resourceForKind } from './resources.ts';
import { validate, invalidMessage, immutableChange, type FieldError } from './validation.ts';
import { applyDefaults, defaultJobSelector } from './defaults.ts';
import { ClusterIPAllocator, NodePortAllocator } from './ipalloc.ts';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

export type ApplyResult =
  | { ok: true; action: 'created' | 'configured' | 'unchanged'; object: KObject }
  | { ok: false; message: string; fieldErrors: FieldError[]; reason?: FailureReason };

/** metav1.StatusReason of a failed request, as kubectl prints it: `Error from server (Invalid): ...`. */
export type FailureReason = 'Invalid' | 'NotFound' | 'AlreadyExists' | 'Forbidden' | 'BadRequest';

const WITH_GENERATION = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job']);
const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'Service']);

export class ApiServer {
  readonly serviceIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;

  constructor(readonly store: ObjectStore, private clock: SimClock, private rng: Rng, serviceSubnet = '10.96.0.0/12') {
    this.serviceIPs = new ClusterIPAllocator(serviceSubnet, rng);
    this.nodePorts = new NodePortAllocator(rng);
  }

  get<T extends KObject = KObject>(kind: string, ns: string | undefined, name: string): T | undefined {
    return this.store.get<T>(kind, resourceForKind(kind).namespaced ? (ns ?? 'default') : undefined, name);
  }

  list<T extends KObject = KObject>(kind: string, ns?: string): T[] {
    return this.store.list<T>(kind, ns);
  }

  /** `kubectl apply`: create, or update the user-owned parts of an existing object. */
  apply(input: KObject): ApplyResult {
    const obj = clone(input);
    const info = resourceForKind(obj.kind);
    if (obj.metadata && typeof obj.metadata === 'object') {
      if (info.namespaced) obj.metadata.namespace ??= 'default';
      else delete obj.metadata.namespace;
    }
    const errs = validate(obj);
    if (errs.length) return { ok: false, message: invalidMessage(obj, errs), fieldErrors: errs, reason: 'Invalid' };
    const existing = obj.metadata.name ? this.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name) : undefined;
    if (!existing) return this.create(obj);
    const next = clone(existing);
    for (const [k, v] of Object.entries(obj)) if (k !== 'metadata' && k !== 'status') (next as Record<string, unknown>)[k] = v;
    next.metadata.labels = obj.metadata.labels;
    next.metadata.annotations = obj.metadata.annotations;
    if (!obj.metadata.labels) delete next.metadata.labels;
    if (!obj.metadata.annotations) delete next.metadata.annotations;
    if (next.kind === 'Service') {
      const err = this.carryServiceAllocations(next as Service, existing as Service);
      if (err) return { ok: false, message: err, fieldErrors: [{ path: 'spec', detail: err }], reason: 'Invalid' };
    }
    if (next.kind === 'Node' && !(input as KObject).status) next.status = existing.status;
    if (next.kind === 'Job') carryJobSelector(next, existing);
    // What the PV controller wrote into spec survives a re-apply, as kubectl's three-way merge keeps it.
    if (next.kind === 'PersistentVolumeClaim') carrySpecField(next, existing, 'volumeName');
    if (next.kind === 'PersistentVolume') carrySpecField(next, existing, 'claimRef');
    applyDefaults(next);
    const immutable = immutableChange(next, existing);
    if (immutable) return { ok: false, message: invalidMessage(next, [immutable]), fieldErrors: [immutable], reason: 'Invalid' };
    if (JSON.stringify(next) === JSON.stringify(existing)) return { ok: true, action: 'unchanged', object: existing };
    if (WITH_GENERATION.has(next.kind) && JSON.stringify(next.spec) !== JSON.stringify(existing.spec))
      next.metadata.generation = (existing.metadata.generation ?? 1) + 1;
    return { ok: true, action: 'configured', object: this.store.put(next) };
  }

  /** Creates a new object; `generateName` gets kube's 5-character random suffix. */
  create(input: KObject): ApplyResult {
    const obj = clone(input);
    const info = resourceForKind(obj.kind);
    if (info.namespaced) obj.metadata.namespace ??= 'default';
    if (!obj.metadata.name && obj.metadata.generateName) {
      do obj.metadata.name = obj.metadata.generateName + this.rng.suffix(5);
      while (this.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name));
    }
    const errs = validate(obj);
    if (errs.length) return { ok: false, message: invalidMessage(obj, errs), fieldErrors: errs, reason: 'Invalid' };
    const r = info.group ? `${info.plural}.${info.group}` : info.plural;
    if (info.namespaced) {
      const ns = this.store.get('Namespace', undefined, obj.metadata.namespace!);
      if (!ns) return { ok: false, message: `namespaces "${obj.metadata.namespace}" not found`, fieldErrors: [], reason: 'NotFound' };
      if (ns.metadata.deletionTimestamp)
        return { ok: false, message: `${r} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${obj.metadata.namespace} because it is being terminated`, fieldErrors: [], reason: 'Forbidden' };
    }
    if (this.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name))
      return { ok: false, message: `${r} "${obj.metadata.name}" already exists`, fieldErrors: [], reason: 'AlreadyExists' };
    if (obj.kind === 'Pod') {
      const err = this.admitPriority(obj);
      if (err) return { ok: false, message: `${r} "${obj.metadata.name}" is forbidden: ${err}`, fieldErrors: [], reason: 'Forbidden' };
    }
    obj.metadata.uid = this.rng.uuid();
    obj.metadata.creationTimestamp = this.clock.iso();
    if (WITH_GENERATION.has(obj.kind)) obj.metadata.generation = 1;
    applyDefaults(obj);
    if (obj.kind === 'Job') defaultJobSelector(obj);
    if (obj.kind === 'Service') {
      const err = this.allocateService(obj as Service);
      if (err) return { ok: false, message: `Service "${obj.metadata.name}" is invalid: ${err}`, fieldErrors: [{ path: 'spec.clusterIP', detail: err }], reason: 'Invalid' };
    }
    if (obj.kind === 'Pod') obj.status ??= { phase: 'Pending', qosClass: undefined };
    return { ok: true, action: 'created', object: this.store.put(obj) };
  }

  /** A write by a controller or kubelet (spec or status) to an object that exists. */
  update<T extends KObject>(obj: T): T | undefined {
    const cur = this.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (!cur) return undefined;
    if (cur.metadata.finalizers?.length && this.finishIfFinalized(obj)) return undefined;
    return this.store.put(obj);
  }

  /** The namespace controller's last step: the `kubernetes` finalizer is gone, the namespace is removed. */
  finalizeNamespace(name: string): void {
    const ns = this.store.get('Namespace', undefined, name);
    if (ns?.metadata.deletionTimestamp) this.store.remove('Namespace', undefined, name);
  }

  /**
   * Deletes an object, as DELETE with DeleteOptions does:
   * - a bound pod is deleted gracefully: it gets a deletionTimestamp and the kubelet
   *   finishes the job (`gracePeriodSeconds: 0` skips that, as `--grace-period=0 --force`);
   * - `propagationPolicy` Foreground/Orphan adds the `foregroundDeletion`/`orphan` finalizer
   *   for the garbage collector; Background (kubectl's default) removes the owner at once and
   *   leaves the dependents to the garbage collector;
   * - an object with finalizers only gets its deletionTimestamp until they are removed;
   * - a Namespace goes to phase Terminating for the namespace controller to empty it.
   */
  delete(kind: string, ns: string | undefined, name: string, opts: DeleteOptions = {}): KObject | undefined {
    const cur = this.get(kind, ns, name);
    if (!cur) return undefined;
    if (kind === 'Pod') {
      const spec = cur.spec as { nodeName?: string; terminationGracePeriodSeconds?: number };
      const grace = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
      const phase = (cur.status as { phase?: string } | undefined)?.phase;
      if (spec.nodeName && grace > 0 && phase !== 'Succeeded' && phase !== 'Failed') {
        if (cur.metadata.deletionTimestamp) {
          // A shorter grace period may replace a longer one (as with --grace-period=1).
          if ((cur.metadata.deletionGracePeriodSeconds ?? 0) <= grace) return cur;
        }
        const next = clone(cur);
        next.metadata.deletionTimestamp = this.clock.iso(this.clock.now() + grace * 1000);
        next.metadata.deletionGracePeriodSeconds = grace;
        this.addPolicyFinalizer(next, opts.propagationPolicy);
        return this.store.put(next);
      }
    }
    if (kind === 'Namespace') {
      if (cur.metadata.deletionTimestamp) return cur;
      const next = clone(cur);
      next.metadata.deletionTimestamp = this.clock.iso();
      next.status = { ...((next.status as object) ?? {}), phase: 'Terminating' };
      return this.store.put(next);
    }
    const policy = opts.propagationPolicy ?? 'Background';
    if (policy !== 'Background' || cur.metadata.finalizers?.length) {
      const next = clone(cur);
      next.metadata.deletionTimestamp ??= this.clock.iso();
      next.metadata.deletionGracePeriodSeconds ??= 0;
      this.addPolicyFinalizer(next, policy);
      if (next.metadata.finalizers?.length) return this.store.put(next);
    }
    return this.remove(cur);
  }

  private addPolicyFinalizer(o: KObject, policy: DeleteOptions['propagationPolicy']): void {
    const f = policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;
    // Only objects that may have dependents are worth a finalizer; the GC removes it.
    if (f && !(o.metadata.finalizers ?? []).includes(f) && this.store.dependents(o.metadata.uid).length)
      o.metadata.finalizers = [...(o.metadata.finalizers ?? []), f];
  }

  /** Removes an object from storage for good (releasing what it held). */
  private remove(cur: KObject): KObject | undefined {
    if (cur.kind === 'Service') this.releaseService(cur as Service);
    return this.store.remove(cur.kind, cur.metadata.namespace, cur.metadata.name);
  }

  /**
   * A write that drops the last finalizer of an object being deleted completes the
   * deletion, as the registry does on update.
   */
  private finishIfFinalized<T extends KObject>(obj: T): boolean {
    if (!obj.metadata.deletionTimestamp || obj.metadata.finalizers?.length) return false;
    if (obj.kind === 'Pod') {
      const phase = (obj.status as { phase?: string } | undefined)?.phase;
      const bound = !!(obj.spec as { nodeName?: string }).nodeName;
      // A running pod still waits for its kubelet; only the finalizer case ends here.
      if (bound && phase !== 'Succeeded' && phase !== 'Failed') return false;
    }
    if (obj.kind === 'Namespace') return false;
    this.remove(obj);
    return true;
  }

  /**
   * Priority admission: spec.priorityClassName resolves to spec.priority (and its
   * preemptionPolicy); without one, the globalDefault PriorityClass or 0.
   */
  private admitPriority(pod: KObject): string | undefined {
    const spec = pod.spec as { priorityClassName?: string; priority?: number; preemptionPolicy?: string } | undefined;
    if (!spec) return undefined;
    type PC = KObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string };
    let pc: PC | undefined;
    if (spec.priorityClassName) {
      pc = this.store.get<PC>('PriorityClass', undefined, spec.priorityClassName);
      if (!pc) return `no PriorityClass with name ${spec.priorityClassName} was found`;
    } else pc = this.store.list<PC>('PriorityClass').find((x) => x.globalDefault);
    if (pc) {
      if (spec.priority !== undefined && spec.priority !== pc.value) return undefined;
      spec.priority = pc.value ?? 0;
      if (!spec.priorityClassName && pc.globalDefault) spec.priorityClassName = pc.metadata.name;
      spec.preemptionPolicy ??= pc.preemptionPolicy ?? 'PreemptLowerPriority';
    }
    return undefined;
  }

  private allocateService(s: Service): string | undefined {
    const spec = s.spec;
    if (spec.type === 'ExternalName') return undefined;
    if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
    } else if (spec.clusterIP) {
      const e = this.serviceIPs.reserve(spec.clusterIP);
      if (e) return `spec.clusterIPs: Invalid value: ["${spec.clusterIP}"]: ${e}`;
      spec.clusterIPs = [spec.clusterIP];
    } else {
      const ip = this.serviceIPs.allocate();
      if (!ip) return 'spec.clusterIPs: Internal error: failed to allocate a serviceIP: range is full';
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const [i, p] of (spec.ports ?? []).entries()) {
        if (p.nodePort) {
          const e = this.nodePorts.reserve(p.nodePort);
          if (e) return `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: ${e}`;
        } else p.nodePort = this.nodePorts.allocate();
      }
      if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort)
        spec.healthCheckNodePort = this.nodePorts.allocate();
    }
    return undefined;
  }

  /** On update the ClusterIP is immutable and node ports are kept unless changed. */
  private carryServiceAllocations(next: Service, old: Service): string | undefined {
    if (next.spec.clusterIP && next.spec.clusterIP !== old.spec.clusterIP)
      return `Service "${next.metadata.name}" is invalid: spec.clusterIPs[0]: Invalid value: ["${next.spec.clusterIP}"]: may not change once set`;
    next.spec.clusterIP = old.spec.clusterIP;
    next.spec.clusterIPs = old.spec.clusterIPs;
    const wantsNodePorts = next.spec.type === 'NodePort' || next.spec.type === 'LoadBalancer';
    const oldPorts = new Map((old.spec.ports ?? []).map((p: ServicePort) => [`${p.name ?? ''}/${p.protocol ?? 'TCP'}/${p.port}`, p.nodePort]));
    for (const p of next.spec.ports ?? []) {
      const prev = oldPorts.get(`${p.name ?? ''}/${p.protocol ?? 'TCP'}/${p.port}`);
      if (!wantsNodePorts) delete p.nodePort;
      else if (!p.nodePort) p.nodePort = prev ?? this.nodePorts.allocate();
      else if (p.nodePort !== prev) {
        const e = this.nodePorts.reserve(p.nodePort);
        if (e) return `Service "${next.metadata.name}" is invalid: spec.ports.nodePort: Invalid value: ${p.nodePort}: ${e}`;
      }
    }
    return undefined;
  }

  private releaseService(s: Service): void {
    if (s.spec.clusterIP && s.spec.clusterIP !== 'None') this.serviceIPs.release(s.spec.clusterIP);
    for (const p of s.spec.ports ?? []) this.nodePorts.release(p.nodePort);
  }

  /** The kinds the controllers manage: their objects get ownerReferences. */
  static isController(kind: string): boolean {
    return CONTROLLER_KINDS.has(kind);
  }
}

/** A re-applied Job keeps the selector and labels the server generated for it. */
function carryJobSelector(next: KObject, old: KObject): void {
  type J = { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  const n = next.spec as J;
  const o = old.spec as J;
  if (n.manualSelector) return;
  n.selector = o.selector;
  n.template ??= {};
  n.template.metadata ??= {};
  n.template.metadata.labels = { ...(o.template?.metadata?.labels ?? {}), ...(n.template.metadata.labels ?? {}) };
}

function carrySpecField(next: KObject, existing: KObject, field: string): void {
  const spec = next.spec as Record<string, unknown> | undefined;
  const had = (existing.spec as Record<string, unknown> | undefined)?.[field];
  if (spec && spec[field] === undefined && had !== undefined) spec[field] = had;
}
