// containerd behind CRI, one per node: an image store, pod sandboxes and containers with
// IDs and states, and container logs — what crictl shows.

import type { Rng } from '../api/rng.ts';
import { digestOf, lookupImage, parseImageRef, type ImageInfo } from './images.ts';
import type { ContainerFs } from './fs.ts';
import type { Process } from './process.ts';

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';

export interface StoredImage {
  id: string;
  ref: string;
  repoDigest: string;
  sizeBytes: number;
  info: ImageInfo;
}

export interface Sandbox {
  id: string;
  podUid: string;
  name: string;
  namespace: string;
  attempt: number;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
  createdAt: number;
  ip?: string;
}

export interface RuntimeContainer {
  id: string;
  sandboxId: string;
  name: string;
  image: string;
  imageId: string;
  attempt: number;
  state: ContainerState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  logs: { at: number; stream: 'stdout' | 'stderr'; line: string }[];
  /** Size of the CRI log file (/var/log/pods/...): each line with its timestamp, stream and tag. */
  logBytes: number;
  /** The behaviour model's process and filesystem (exec, stats, logs). */
  proc?: Process;
  fs?: ContainerFs;
  /** Labels the kubelet sets (io.kubernetes.pod.name ...). */
  labels?: Record<string, string>;
}

export class Containerd {
  readonly version = '2.1.3';
  readonly images = new Map<string, StoredImage>();
  readonly sandboxes = new Map<string, Sandbox>();
  readonly containers = new Map<string, RuntimeContainer>();

  constructor(private rng: Rng) {}

  private hexId(): string {
    // Joined, not appended: `s += c` would keep a rope of 64 pieces (2 kB) alive in every log line and record that holds the id.
    const d: string[] = [];
    for (let i = 0; i < 64; i++) d.push('0123456789abcdef'[this.rng.int(16)]!);
    return d.join('');
  }

  hasImage(image: string): StoredImage | undefined {
    return this.images.get(parseImageRef(image).full);
  }

  /** Stores a pulled image (pulling one already there changes nothing); the catalogue must know it (the kubelet checks before). */
  storeImage(image: string): StoredImage | undefined {
    const ref = parseImageRef(image);
    const info = lookupImage(image);
    if (!info) return undefined;
    const had = this.images.get(ref.full);
    if (had) return had;
    const digest = digestOf(ref.full);
    const img: StoredImage = { id: digestOf(`config:${ref.full}`), ref: ref.full, repoDigest: `${ref.full.replace(/:[^:/@]+$/, '')}@${digest}`, sizeBytes: info.sizeBytes, info };
    this.images.set(ref.full, img);
    return img;
  }

  runPodSandbox(podUid: string, name: string, namespace: string, now: number): Sandbox {
    const prev = [...this.sandboxes.values()].filter((s) => s.podUid === podUid).length;
    const sb: Sandbox = { id: this.hexId(), podUid, name, namespace, attempt: prev, state: 'SANDBOX_READY', createdAt: now };
    this.sandboxes.set(sb.id, sb);
    return sb;
  }

  createContainer(sandboxId: string, name: string, image: StoredImage, attempt: number, now: number): RuntimeContainer {
    const c: RuntimeContainer = { id: this.hexId(), sandboxId, name, image: image.ref, imageId: image.id, attempt, state: 'CONTAINER_CREATED', createdAt: now, logs: [], logBytes: 0 };
    this.containers.set(c.id, c);
    return c;
  }

  start(id: string, now: number): void {
    const c = this.containers.get(id);
    if (c) Object.assign(c, { state: 'CONTAINER_RUNNING', startedAt: now });
  }

  exit(id: string, now: number, exitCode: number, reason: string): void {
    const c = this.containers.get(id);
    if (c && c.state !== 'CONTAINER_EXITED') Object.assign(c, { state: 'CONTAINER_EXITED', finishedAt: now, exitCode, reason });
  }

  log(id: string, now: number, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    const c = this.containers.get(id);
    if (!c) return;
    c.logs.push({ at: now, stream, line });
    // "2026-01-01T00:00:05.123456789Z stdout F " + line + "\n"
    c.logBytes += line.length + 40;
  }

  removeSandbox(id: string): void {
    this.sandboxes.delete(id);
    for (const [cid, c] of this.containers) if (c.sandboxId === id) this.containers.delete(cid);
  }
}
