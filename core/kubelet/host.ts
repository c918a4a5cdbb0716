// What a pod worker needs from its kubelet (kept narrow so workers are testable alone).

import type { Context } from '../api/context.ts';
import type { Pod } from '../api/types.ts';
import type { Containerd } from '../runtime/containerd.ts';
import type { HostLocalIpam } from '../cni/hostLocal.ts';
import type { Store } from '../runtime/fs.ts';
import type { Backoff } from './backoff.ts';
import type { PodWorker } from './podWorker.ts';

export interface KubeletHost {
  ctx: Context;
  nodeName: string;
  nodeIP: string;
  cri: Containerd & { refOf(image: string): string };
  ipam: HostLocalIpam;
  /** Crash-loop back-off (kuberuntime's backOff). */
  backoff: Backoff;
  /** Image pull back-off (the image manager's). */
  imageBackoff: Backoff;
  /** Directories on the node that hostPath volumes share. */
  hostFs: Map<string, Store>;
  /** The node's memory, the ceiling for a container without a limit. */
  nodeMemoryBytes: number;
  /** When the kubelet process started (its log's monotonic clock counts from it). */
  startedAt: number;
  /** Serialized image pulls (serializeImagePulls: true): when the puller is free next. */
  pullFreeAt: number;
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  log(sev: 'I' | 'W' | 'E', source: string, msg: string): void;
  /** Writes the worker's current status to the API server if it changed. */
  publish(w: PodWorker): void;
  /** The pod's containers are all gone: remove sandbox, release the IP, delete the pod object. */
  finish(w: PodWorker): void;
}
