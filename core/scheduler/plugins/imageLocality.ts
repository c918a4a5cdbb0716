// ImageLocality (plugins/imagelocality): prefers nodes that already have the pod's images,
// scaled by how many nodes have them (spread) and clamped between 23 MB and 1000 MB per
// container, from the images the kubelet reports in node.status.images.
import type { ScorePlugin } from '../types.ts';
import { MAX_NODE_SCORE } from '../types.ts';
import { parseImageRef } from '../../runtime/images.ts';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** The name a node lists an image under: fully qualified, tag defaulted to latest. */
export const normalizedImageName = (image: string): string => parseImageRef(image).full;

export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  score(pod, ni, state) {
    const total = state.nodes.length;
    if (!total) return 0;
    let sum = 0;
    for (const c of pod.spec.containers ?? []) {
      const e = state.images.get(normalizedImageName(c.image));
      if (e?.nodes.has(ni.node.metadata.name)) sum += Math.trunc(e.size * (e.nodes.size / total));
    }
    const max = MAX_CONTAINER_THRESHOLD * Math.max(1, (pod.spec.containers ?? []).length);
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
    return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
  },
};
