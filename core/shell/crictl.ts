// crictl against the node's containerd: pods, ps [-a], images, logs, inspect — in
// crictl's column layout (IDs truncated to 13 characters, CREATED as "N seconds ago").

import type { Simulation } from '../simulation.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { tabwrite } from '../kubectl/tabwriter.ts';

/** crictl's table writer: tabwriter.NewWriter(os.Stdout, 20, 1, 3, ' ', 0). */
const renderTable = (header: string[], rows: string[][]): string =>
  tabwrite([header, ...rows].map((r) => r.join('\t') + '\n').join(''), { minwidth: 20, padding: 3 });

/** go-units HumanDuration + " ago", as crictl prints CREATED. */
export function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second ago';
  if (s === 1) return '1 second ago';
  if (s < 60) return `${s} seconds ago`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute ago';
  if (m < 60) return `${m} minutes ago`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour ago';
  if (h < 48) return `${h} hours ago`;
  return `${Math.floor(h / 24)} days ago`;
}

const short = (id: string) => id.slice(0, 13);

function size(b: number): string {
  // go-units HumanSize: decimal units, 3 significant digits.
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  let v = b;
  while (v >= 1000 && i < units.length - 1) [v, i] = [v / 1000, i + 1];
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

export function crictl(sim: Simulation, k: Kubelet, args: string[]): CommandResult {
  const [sub, ...rest] = args;
  const now = sim.clock.now();
  const cri = k.cri;
  const sandboxOf = (id: string) => cri.sandboxes.get(id);
  switch (sub) {
    case 'pods': {
      const rows = [...cri.sandboxes.values()].sort((a, b) => b.createdAt - a.createdAt)
        .map((s) => [short(s.id), ago(now - s.createdAt), s.state === 'SANDBOX_READY' ? 'Ready' : 'NotReady', s.name, s.namespace, String(s.attempt), '(default)']);
      return ok(renderTable(['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], rows));
    }
    case 'ps': {
      const all = rest.includes('-a') || rest.includes('--all');
      const rows = [...cri.containers.values()].filter((c) => all || c.state === 'CONTAINER_RUNNING').sort((a, b) => b.createdAt - a.createdAt)
        .map((c) => {
          const sb = sandboxOf(c.sandboxId);
          const state = c.state === 'CONTAINER_RUNNING' ? 'Running' : c.state === 'CONTAINER_EXITED' ? 'Exited' : 'Created';
          return [short(c.id), short(c.imageId.replace('sha256:', '')), ago(now - c.createdAt), state, c.name, String(c.attempt), short(c.sandboxId), sb?.name ?? '', sb?.namespace ?? ''];
        });
      // crictl ps columns (cri-tools cmd/crictl/container.go): ... POD ID, POD, NAMESPACE.
      return ok(renderTable(['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'], rows));
    }
    case 'images': {
      const rows = [...cri.images.values()].sort((a, b) => (a.ref < b.ref ? -1 : 1)).map((i) => {
        const colon = i.ref.lastIndexOf(':');
        return [i.ref.slice(0, colon), i.ref.slice(colon + 1), short(i.id.replace('sha256:', '')), size(i.sizeBytes)];
      });
      return ok(renderTable(['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], rows));
    }
    case 'logs': {
      const id = rest.find((w) => !w.startsWith('-'));
      const c = id ? [...cri.containers.values()].find((x) => x.id.startsWith(id)) : undefined;
      if (!c) return fail(`E0101 00:00:00.000000 ${k.journal.pid} log.go:32] "Failed to get container status" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id ?? ''}\\": not found"\ncontainer "${id ?? ''}" not found`);
      const ti = rest.indexOf('--tail');
      const tail = ti >= 0 ? Number(rest[ti + 1]) : undefined;
      const lines = c.logs.filter((l) => l.stream === 'stdout').concat([]).length === c.logs.length ? c.logs : c.logs;
      const shown = tail !== undefined && tail >= 0 ? lines.slice(-tail) : lines;
      // crictl logs writes the container's stdout to stdout and its stderr to stderr.
      return { stdout: shown.filter((l) => l.stream === 'stdout').map((l) => l.line + '\n').join(''), stderr: shown.filter((l) => l.stream === 'stderr').map((l) => l.line + '\n').join(''), exitCode: 0 };
    }
    case 'inspect': {
      // containerd's ContainerStatus reports the image's first repo digest as imageRef (the kubelet's
      // Image ID), falling back to the image ID when the image is gone.
      const imageRefOf = (ref: string, imageId: string) => cri.images.get(ref)?.repoDigest ?? imageId;
      const id = rest.find((w) => !w.startsWith('-'));
      const c = id ? [...cri.containers.values()].find((x) => x.id.startsWith(id)) : undefined;
      if (!c) return fail(`no such container "${id ?? ''}"`);
      const sb = sandboxOf(c.sandboxId);
      const ns = (ms: number | undefined) => (ms === undefined ? '0001-01-01T00:00:00Z' : sim.clock.iso(ms).replace('Z', `.${String(ms % 1000).padStart(3, '0')}000000Z`));
      const status = {
        status: {
          id: c.id, metadata: { attempt: c.attempt, name: c.name }, state: c.state,
          createdAt: ns(c.createdAt), startedAt: ns(c.startedAt), finishedAt: ns(c.finishedAt), exitCode: c.exitCode ?? 0,
          image: { annotations: {}, image: c.image, runtimeHandler: '', userSpecifiedImage: '' }, imageRef: imageRefOf(c.image, c.imageId), reason: c.reason ?? '', message: '',
          labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': sb?.name ?? '', 'io.kubernetes.pod.namespace': sb?.namespace ?? '', 'io.kubernetes.pod.uid': sb?.podUid ?? '' },
          annotations: { 'io.kubernetes.container.restartCount': String(c.attempt), 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log', 'io.kubernetes.container.terminationMessagePolicy': 'File' },
          mounts: (c.fs?.mounts ?? []).map((m) => ({ containerPath: m.path, hostPath: `/var/lib/kubelet/pods/${sb?.podUid ?? ''}/volumes/${m.volume}`, propagation: 'PROPAGATION_PRIVATE', readonly: m.readOnly, selinuxRelabel: false })),
          logPath: `/var/log/pods/${sb?.namespace ?? ''}_${sb?.name ?? ''}_${sb?.podUid ?? ''}/${c.name}/${c.attempt}.log`,
          resources: null,
        },
        info: { sandboxID: c.sandboxId, pid: c.state === 'CONTAINER_RUNNING' ? 1000 + (parseInt(c.id.slice(0, 4), 16) % 30000) : 0 },
      };
      return ok(JSON.stringify(status, null, 2) + '\n');
    }
    case 'stats': {
      const rows = [...cri.containers.values()].filter((c) => c.state === 'CONTAINER_RUNNING').sort((a, b) => b.createdAt - a.createdAt).map((c) => {
        const cpu = c.proc ? (c.proc.cpuUsage / 10).toFixed(2) : '0.00';
        return [short(c.id), c.name, cpu, size(c.proc?.memory ?? 0), `${(c.fs?.layer.size ?? 0) * 4}kB`, String(c.fs?.layer.size ?? 0), '0B'];
      });
      return ok(renderTable(['CONTAINER', 'NAME', 'CPU %', 'MEM', 'DISK', 'INODES', 'SWAP'], rows));
    }
    case 'version':
      return ok(`Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v${cri.version}\nRuntimeApiVersion:  v1\n`);
    default:
      return fail(`No help topic for '${sub ?? ''}'`);
  }
}
