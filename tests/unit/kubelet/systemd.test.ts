// `systemctl status kubelet` and the journal around `systemctl stop kubelet`, as systemd 252+
// prints them (Debian 12 / Ubuntu 24.04 nodes). Compared with a real node after `systemctl stop
// kubelet`: "○ kubelet.service ...", "Active: inactive (dead) since ...; 5min ago",
// "Duration: 6min 40.143s", "Process: 1346259 ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS
// $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)",
// "Main PID: 1346259 (code=exited, status=0/SUCCESS)", "CPU: 26.274s", and in the journal
// dynamic_cafile_content.go "Shutting down controller", "kubelet.service: Deactivated
// successfully.", "Stopped kubelet.service ...", "kubelet.service: Consumed 26.274s CPU time."
// (systemd's format_timespan: seconds with milliseconds, "1min 2.345s").
import { describe, expect, it } from 'vitest';
import { cluster } from '../harness.ts';
import { systemdTimespan } from '../../../core/kubelet/stats.ts';

describe('systemd timespans', () => {
  const table: { given: number; want: string }[] = [
    { given: 26_274, want: '26.274s' }, { given: 400_143, want: '6min 40.143s' }, { given: 180_000, want: '3min' },
    { given: 14_536_574, want: '4h 2min 16.574s' }, { given: 1_500, want: '1.500s' }, { given: 500, want: '500ms' },
  ];
  for (const t of table) it(`${t.given} ms → ${t.want}`, () => expect(systemdTimespan(t.given)).toBe(t.want));
});

describe('systemctl status kubelet', () => {
  const c = cluster();
  c.advance('3m');
  const running = c.run('ssh worker-1 systemctl status kubelet');
  c.run('ssh worker-1 systemctl stop kubelet');
  c.advance('5m');
  const stopped = c.run('ssh worker-1 systemctl status kubelet');
  const pid = /Main PID: (\d+)/.exec(running)![1]!;
  const table: { name: string; given: string; want: RegExp }[] = [
    { name: 'running: CPU line between Memory and CGroup', given: running, want: /^● kubelet\.service[\s\S]*\n     Memory: \S+\n        CPU: \d+\.\d{3}s\n     CGroup: \/system\.slice\/kubelet\.service\n/ },
    { name: 'stopped: hollow bullet, Duration, the ExecStart process that exited 0, CPU', given: stopped, want: new RegExp(String.raw`^○ kubelet\.service - kubelet: The Kubernetes Node Agent\n[\s\S]*     Active: inactive \(dead\) since Thu 2026-01-01 00:03:00 UTC; 5min ago\n   Duration: 3min\n       Docs: https://kubernetes\.io/docs/\n    Process: ${pid} ExecStart=/usr/bin/kubelet \$KUBELET_KUBECONFIG_ARGS \$KUBELET_CONFIG_ARGS \$KUBELET_KUBEADM_ARGS \$KUBELET_EXTRA_ARGS \(code=exited, status=0/SUCCESS\)\n   Main PID: ${pid} \(code=exited, status=0/SUCCESS\)\n        CPU: \d+\.\d{3}s\n\n`) },
    { name: 'stopped: the journal tail ends with the stop', given: stopped, want: /worker-1 systemd\[1\]: Stopping kubelet\.service - kubelet: The Kubernetes Node Agent\.\.\.\n.*dynamic_cafile_content\.go:175\] "Shutting down controller" name="client-ca-bundle::\/etc\/kubernetes\/pki\/ca\.crt"\n.*systemd\[1\]: kubelet\.service: Deactivated successfully\.\n.*systemd\[1\]: Stopped kubelet\.service - kubelet: The Kubernetes Node Agent\.\n.*systemd\[1\]: kubelet\.service: Consumed \d+\.\d{3}s CPU time\.\n$/ },
  ];
  for (const t of table) it(t.name, () => expect(t.given).toMatch(t.want));
});
