// kubectl top's refusal for a pod metrics-server has not scraped yet (pkg/cmd/top/top_pod.go
// verifyEmptyMetrics: `Metrics not available for pod %s/%s, age: %s` with
// time.Since(creationTimestamp).String()), and Go's time.Duration.String() it relies on.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';
import { goDuration } from '../../../core/kubelet/backoff.ts';

describe('Go Duration.String()', () => {
  const table: { given: number; want: string }[] = [
    { given: 0, want: '0s' }, { given: 500, want: '500ms' }, { given: 1500, want: '1.5s' }, { given: 10_000, want: '10s' },
    { given: 5_300, want: '5.3s' }, { given: 64_000, want: '1m4s' }, { given: 122_000, want: '2m2s' }, { given: 300_000, want: '5m0s' }, { given: 3_600_000, want: '1h0m0s' },
  ];
  for (const t of table) it(`${t.given} ms → ${t.want}`, () => expect(goDuration(t.given)).toBe(t.want));
});

describe('kubectl top pod before the first scrape', () => {
  it('names the pod and its age', () => {
    const c = cluster();
    c.apply(podYaml('web', 'nodeName: worker-1\ncontainers:\n- {name: app, image: busybox:1.36, command: [sleep, "3600"]}'));
    c.advance(5_300);
    expect(c.run('kubectl top pod web').replace(/^\[stderr\]\n/, '')).toBe('error: Metrics not available for pod default/web, age: 5.3s\n');
  });
});
