// Probe failure messages, each as the kubelet's prober records it ("<Kind> probe failed: <output>",
// prober.go) with the output of pkg/probe/{exec,http,tcp,grpc} and containerd's exec error.
import { describe, expect, it } from 'vitest';
import { cluster, podYaml } from '../harness.ts';

interface Case {
  name: string;
  given: { container: string };
  /** The Unhealthy message, with IP standing for the pod IP. */
  want: string;
}

const cases: Case[] = [
  { name: 'exec: the command\'s output (busybox cat)', given: { container: 'image: busybox:1.36\n  command: [sleep, "3600"]\n  livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 2}' }, want: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" },
  { name: 'exec: a missing binary (containerd/runc)', given: { container: 'image: busybox:1.36\n  command: [sleep, "3600"]\n  readinessProbe: {exec: {command: [curl, -f, localhost]}, periodSeconds: 2}' }, want: 'Readiness probe failed: OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown' },
  { name: 'exec: over timeoutSeconds (ExecProbeTimeout)', given: { container: 'image: busybox:1.36\n  command: [sleep, "3600"]\n  livenessProbe: {exec: {command: [sleep, "5"]}, timeoutSeconds: 1, periodSeconds: 2}' }, want: 'Liveness probe failed: command "sleep 5" timed out' },
  { name: 'httpGet: nothing listens', given: { container: 'image: nginx:1.27\n  livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 2}' }, want: 'Liveness probe failed: Get "http://IP:8080/healthz": dial tcp IP:8080: connect: connection refused' },
  { name: 'httpGet: a status code outside 200-399', given: { container: 'image: nginx:1.27\n  readinessProbe: {httpGet: {path: /missing, port: 80}, periodSeconds: 2}' }, want: 'Readiness probe failed: HTTP probe failed with statuscode: 404' },
  { name: 'httpGet: HTTPS to a plain HTTP server', given: { container: 'image: nginx:1.27\n  readinessProbe: {httpGet: {path: /, port: 80, scheme: HTTPS}, periodSeconds: 2}' }, want: 'Readiness probe failed: Get "https://IP:80/": http: server gave HTTP response to HTTPS client' },
  { name: 'tcpSocket: connection refused', given: { container: 'image: nginx:1.27\n  readinessProbe: {tcpSocket: {port: 6379}, periodSeconds: 2}' }, want: 'Readiness probe failed: dial tcp IP:6379: connect: connection refused' },
  { name: 'grpc: nothing to connect to within the timeout', given: { container: 'image: nginx:1.27\n  readinessProbe: {grpc: {port: 9090}, periodSeconds: 2}' }, want: 'Readiness probe failed: timeout: failed to connect service "IP:9090" within 1s: context deadline exceeded' },
];

describe('probe failure messages', () => {
  for (const t of cases)
    it(t.name, () => {
      const c = cluster();
      c.apply(podYaml('p', `containers:\n- name: app\n  ${t.given.container}`));
      c.advance('20s');
      const ip = c.pod('p')!.status!.podIP!;
      expect(c.events('Unhealthy').find((e) => e.object === 'Pod/p')?.message).toBe(t.want.replaceAll('IP', ip));
    });
});
