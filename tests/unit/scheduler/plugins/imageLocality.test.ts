// ImageLocality (plugins/imagelocality/image_locality.go): score grows with the image size
// present on the node, scaled by spread, clamped to [23 MB, 1000 MB per container].
import { describe, expect, it } from 'vitest';
import { imageLocality } from '../../../../core/scheduler/plugins/imageLocality.ts';
import { cycle, node, nodeInfo, pod } from '../fixtures.ts';

describe('ImageLocality', () => {
  it('prefers the node that has a big image', () => {
    const a = nodeInfo(node('a'));
    const b = nodeInfo(node('b'));
    const st = cycle([a, b]);
    st.images.set('docker.io/library/nginx:1.27', { size: 500 * 1024 * 1024, nodes: new Set(['a']) });
    const p = pod('p');
    const sa = imageLocality.score(p, a, st);
    expect(sa).toBeGreaterThan(0);
    expect(imageLocality.score(p, b, st)).toBe(0);
    // 500 MB * 1/2 nodes = 250 MB: (250-23)/(1000-23) * 100, truncated.
    expect(sa).toBe(Math.trunc((100 * (250 * 1024 * 1024 - 23 * 1024 * 1024)) / (977 * 1024 * 1024)));
  });
  it('small images score nothing (below the 23 MB threshold)', () => {
    const a = nodeInfo(node('a'));
    const st = cycle([a]);
    st.images.set('docker.io/library/nginx:1.27', { size: 2 * 1024 * 1024, nodes: new Set(['a']) });
    expect(imageLocality.score(pod('p'), a, st)).toBe(0);
  });
});
