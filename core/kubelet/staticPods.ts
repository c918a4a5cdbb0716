// Static pods (pkg/kubelet/config/file.go, common.go, pod/mirror_client.go): the kubelet
// reads manifests from its staticPodPath, names each pod `<name>-<node>`, gives it a UID
// that is the hash of the file (kubernetes.io/config.hash), tolerates every NoExecute
// taint, and runs it itself; the API only sees a mirror pod (kubernetes.io/config.mirror,
// owned by the Node) that it recreates when someone deletes it. Removing the file stops
// the pod.

import type { KObject, Node, Pod } from '../api/types.ts';
import { clone } from '../api/store.ts';
import { applyDefaults } from '../api/defaults.ts';
import { canonicalJSON, fnv32a } from '../controllers/hash.ts';
import { PodWorker } from './podWorker.ts';
import type { Kubelet } from './kubelet.ts';

export interface StaticManifest {
  /** File name under staticPodPath, e.g. "etcd.yaml". */
  file: string;
  text: string;
  object: KObject;
}

export const isMirror = (p: Pod): boolean => !!p.metadata.annotations?.['kubernetes.io/config.mirror'];

const PRIORITY: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function hashOf(s: string): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += fnv32a(`${i}:${s}`).toString(16).padStart(8, '0');
  return out;
}

export class StaticPods {
  manifests: StaticManifest[] = [];
  private running = new Map<string, { w: PodWorker; hash: string }>();
  private dirty = true;

  constructor(private k: Kubelet) {}

  /** Manifests the node was provisioned with (kubeadm's control plane), kept under the workspace's. */
  private base: StaticManifest[] = [];
  private user: StaticManifest[] = [];

  setBase(files: StaticManifest[]): void {
    this.base = files;
    // kubeadm pre-pulls the control plane's images before it writes the manifests.
    for (const m of files) for (const c of ((m.object.spec as Pod['spec'] | undefined)?.containers ?? [])) this.k.cri.storeImage(c.image);
    this.merge();
  }

  setManifests(files: StaticManifest[]): void {
    this.user = files;
    this.merge();
  }

  private merge(): void {
    const names = new Set(this.user.map((m) => m.file));
    this.manifests = [...this.base.filter((m) => !names.has(m.file)), ...this.user];
    this.dirty = true;
  }

  resync(): void {
    this.dirty = true;
  }

  /** The static pod as the kubelet builds it from a file. */
  private build(m: StaticManifest): Pod | undefined {
    if (m.object.kind !== 'Pod' || !m.object.metadata?.name) return undefined;
    const pod = clone(m.object) as Pod;
    const hash = hashOf(canonicalJSON(m.object));
    pod.metadata.name = `${pod.metadata.name}-${this.k.nodeName}`;
    pod.metadata.namespace ??= 'default';
    pod.metadata.uid = hash;
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.seen': this.k.ctx.clock.iso().replace('Z', '.000000000Z'), 'kubernetes.io/config.source': 'file' };
    pod.spec ??= { containers: [] };
    pod.spec.nodeName = this.k.nodeName;
    pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: 'Exists', effect: 'NoExecute' }];
    applyDefaults(pod);
    // The file source applies the API's defaults only (config/common.go); no admission plugin sees a
    // static pod, so none gives it a service account.
    if (!(m.object.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName) delete pod.spec.serviceAccountName;
    pod.metadata.creationTimestamp = this.k.ctx.clock.iso();
    return pod;
  }

  sync(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const desired = new Map<string, Pod>();
    for (const m of this.manifests) {
      const p = this.build(m);
      if (p) desired.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
    }
    for (const [key, r] of this.running) {
      const d = desired.get(key);
      if (d && d.metadata.uid === r.hash) continue;
      this.k.log('I', 'kubelet.go:2484', `"SyncLoop REMOVE" source="file" pods=["${key}"]`);
      r.w.terminate(r.w.pod.spec.terminationGracePeriodSeconds ?? 30);
      this.running.delete(key);
      const mirror = this.k.ctx.api.get<Pod>('Pod', r.w.pod.metadata.namespace, r.w.pod.metadata.name);
      if (mirror && isMirror(mirror)) this.k.ctx.api.store.remove('Pod', mirror.metadata.namespace, mirror.metadata.name);
    }
    for (const [key, pod] of desired) {
      if (!this.running.has(key)) {
        const w = new PodWorker(this.k, pod);
        w.isStatic = true;
        this.running.set(key, { w, hash: pod.metadata.uid! });
        this.ensureMirror(pod);
        w.start();
      } else this.ensureMirror(pod);
    }
    return true;
  }

  /** Creates the mirror pod if the API lacks it (or holds one for an older file). */
  private ensureMirror(pod: Pod): void {
    const api = this.k.ctx.api;
    const cur = api.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name);
    const hash = pod.metadata.uid!;
    if (cur && cur.metadata.annotations?.['kubernetes.io/config.mirror'] === hash && !cur.metadata.deletionTimestamp) return;
    if (cur) api.store.remove('Pod', cur.metadata.namespace, cur.metadata.name);
    const node = api.get<Node>('Node', undefined, this.k.nodeName);
    const mirror = clone(pod);
    delete mirror.metadata.uid;
    delete mirror.metadata.creationTimestamp;
    mirror.metadata.annotations = { ...(mirror.metadata.annotations ?? {}), 'kubernetes.io/config.mirror': hash };
    mirror.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.k.nodeName, uid: node?.metadata.uid ?? '', controller: true }];
    const pc = mirror.spec['priorityClassName'];
    if (typeof pc === 'string' && PRIORITY[pc] !== undefined) mirror.spec.priority = PRIORITY[pc];
    delete mirror.status;
    const r = api.create(mirror);
    if (r.ok) {
      const run = this.running.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
      if (run) this.k.publish(run.w);
    }
  }

  /** The API mirror pod a static worker reports its status to. */
  mirrorOf(w: PodWorker): Pod | undefined {
    const r = this.running.get(`${w.pod.metadata.namespace}/${w.pod.metadata.name}`);
    if (!r || r.w !== w) return undefined;
    const cur = this.k.ctx.api.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name);
    return cur && cur.metadata.annotations?.['kubernetes.io/config.mirror'] === r.hash ? cur : { ...w.pod, metadata: { ...w.pod.metadata, uid: '' } } as Pod;
  }

  /** Someone deleted a mirror pod: the kubelet removes it at once and recreates it; the static pod keeps running. */
  mirrorChanged(p: Pod, deleted: boolean): void {
    if (!deleted && p.metadata.deletionTimestamp) this.k.ctx.api.store.remove('Pod', p.metadata.namespace, p.metadata.name);
    if (deleted || p.metadata.deletionTimestamp) this.dirty = true;
  }

  workers(): PodWorker[] {
    return [...this.running.values()].map((r) => r.w);
  }

  /** Files in staticPodPath, for `ls` and `cat` on the node. */
  files(): { name: string; text: string }[] {
    return this.manifests.map((m) => ({ name: m.file, text: m.text })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
