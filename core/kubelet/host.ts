// What a pod worker needs from its kubelet (kept narrow so workers are testable alone).

import type { Context } from '../api/context.ts';
import type { Pod } from '../api/types.ts';
import type { Containerd } from '../runtime/containerd.ts';
import type { HostLocalIpam } from '../cni/hostLocal.ts';
import type { Backoff } from './backoff.ts';
import type { PodWorker } from './podWorker.ts';

export interface KubeletHost {
  ctx: Context;
  nodeName: string;
  nodeIP: string;
  cri: Containerd & { refOf(image: string): string };
  ipam: HostLocalIpam;
  backoff: Backoff;
  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  log(sev: 'I' | 'W' | 'E', source: string, msg: string): void;
  /** Writes the worker's current status to the API server if it changed. */
  publish(w: PodWorker): void;
  /** The pod's containers are all gone: remove sandbox, release the IP, delete the pod object. */
  finish(w: PodWorker): void;
}
