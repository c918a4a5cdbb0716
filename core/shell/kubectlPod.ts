// kubectl verbs served by the kubelet and the runtime on the pod's node: logs (and,
// as they come, exec and top).

import type { Node, Pod } from '../api/types.ts';
import { EPOCH_MS } from '../api/clock.ts';
import { bytes, milliCPU } from '../api/quantity.ts';
import { tabwrite } from '../kubectl/tabwriter.ts';
import { containerUsage, nodeUsage } from '../kubelet/stats.ts';
import { goDuration } from '../kubelet/backoff.ts';
import type { Simulation } from '../simulation.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { flag, type Parsed } from './args.ts';

export function logs(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const name = args[0]?.replace(/^pods?\//, '');
  if (!name) return fail('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.');
  const pod = sim.api.get<Pod>('Pod', ns, name);
  if (!pod) return fail(`Error from server (NotFound): pods "${name}" not found`);
  const cflag = flag(p, '-c', '--container');
  const cname = typeof cflag === 'string' ? cflag : pod.spec.containers[0]?.name;
  // kubectl ≥ 1.24 picks the first container and says so (or kubectl.kubernetes.io/default-container).
  const defaulted = typeof cflag !== 'string' && pod.spec.containers.length > 1
    ? `Defaulted container "${cname}" out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n` : '';
  const previous = flag(p, '-p', '--previous') !== undefined;
  const k = sim.kubelets.get(pod.spec.nodeName ?? '');
  const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === cname);
  if (!cs) return fail(`error: container ${cname} is not valid for pod ${name}`);
  const id = previous ? cs.lastState.terminated?.containerID : cs.containerID;
  if (previous && !id) return fail(`Error from server (BadRequest): previous terminated container "${cname}" in pod "${name}" not found`);
  // kubelet_pods.go validateContainerLogStatus words the two image-pull reasons its own way.
  const why = { ErrImagePull: 'image can\'t be pulled', ImagePullBackOff: 'trying and failing to pull image' }[cs.state.waiting?.reason ?? ''] ?? cs.state.waiting?.reason ?? 'ContainerCreating';
  if (!id) return fail(`Error from server (BadRequest): container "${cname}" in pod "${name}" is waiting to start: ${why}`);
  const c = k?.cri.containers.get(id.replace('containerd://', ''));
  const ti = p.flags.get('--tail');
  const lines = (c?.logs ?? []).map((l) => l.line + '\n');
  return { stdout: (typeof ti === 'string' && Number(ti) >= 0 ? lines.slice(-Number(ti)) : lines).join(''), stderr: defaulted, exitCode: 0 };
}

function podContainer(sim: Simulation, pod: Pod, name: string | undefined) {
  const k = sim.kubelets.get(pod.spec.nodeName ?? '');
  const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((c) => c.name === name);
  const id = cs?.containerID?.replace('containerd://', '');
  return { k, cs, rc: id ? k?.cri.containers.get(id) : undefined };
}

/** `kubectl exec POD [-c C] -- CMD ...`: runs what the behaviour model knows inside the container. */
export function exec(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const dash = args.indexOf('--');
  const name = (dash >= 0 ? args.slice(0, dash) : args)[0]?.replace(/^pods?\//, '');
  let argv = dash >= 0 ? args.slice(dash + 1) : args.slice(1);
  let stderr = '';
  if (dash < 0 && argv.length) stderr += 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n';
  if (!name || !argv.length) return fail('error: you must specify at least one command for the container');
  const pod = sim.api.get<Pod>('Pod', ns, name);
  if (!pod) return fail(`Error from server (NotFound): pods "${name}" not found`);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  const cflag = flag(p, '-c', '--container');
  const cname = typeof cflag === 'string' ? cflag : pod.spec.containers[0]?.name;
  if (typeof cflag !== 'string' && pod.spec.containers.length > 1)
    stderr += `Defaulted container "${cname}" out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n`;
  if (![...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.name === cname))
    return fail(`Error from server (BadRequest): container ${cname} is not valid for pod ${name}`);
  const { rc } = podContainer(sim, pod, cname);
  const proc = rc?.proc;
  if (!proc || proc.done) return fail(stderr + `error: unable to upgrade connection: container not found ("${cname}")`);
  if (argv[0] === 'sh' && argv.length === 1) argv = ['sh', '-c', ''];
  const r = proc.exec(argv);
  const first = argv[0]?.split('/').pop() ?? '';
  if (r.unknown && !['sh', 'bash', 'ash'].includes(first)) {
    const notSimulated = ['nslookup', 'dig', 'curl', 'wget', 'ping', 'nc', 'netstat', 'ss', 'top', 'ps', 'apt-get', 'apk', 'python', 'python3', 'node'].includes(r.unknown);
    if (notSimulated) return fail(stderr + `kubeplay: "${r.unknown}" inside a container is not simulated yet`, 1);
    const execId = rc.id.split('').reverse().join('');
    return fail(stderr + `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`);
  }
  if (r.blockMs) sim.advance(Math.min(r.blockMs, 60_000));
  stderr += r.stderr;
  if (r.code !== 0) stderr += `command terminated with exit code ${r.code}\n`;
  sim.settle(0);
  return { stdout: r.stdout, stderr, exitCode: r.code };
}

/** metrics-server's resolution: a container shows up in `kubectl top` once it has been scraped. */
const SCRAPE_MS = 15_000;

function podUsage(sim: Simulation, pod: Pod): { cpu: number; mem: number; containers: { name: string; cpu: number; mem: number }[] } | undefined {
  const k = sim.kubelets.get(pod.spec.nodeName ?? '');
  if (!k?.running) return undefined;
  const containers: { name: string; cpu: number; mem: number }[] = [];
  for (const c of pod.spec.containers) {
    const { rc } = podContainer(sim, pod, c.name);
    const u = containerUsage(rc?.proc);
    if (!u || sim.clock.now() - rc!.proc!.startedAt < SCRAPE_MS) continue;
    containers.push({ name: c.name, cpu: u.cpuMilli, mem: u.workingSetBytes });
  }
  if (!containers.length) return undefined;
  return { cpu: containers.reduce((s, c) => s + c.cpu, 0), mem: containers.reduce((s, c) => s + c.mem, 0), containers };
}

const Mi = 1024 * 1024;

/** `kubectl top pod|node`, printed as kubectl's TopCmdPrinter does (tab-terminated cells). */
export function top(sim: Simulation, p: Parsed, args: string[], ns: string): CommandResult {
  const [what, name] = args;
  const tw = (rows: string[][]) => tabwrite(rows.map((r) => r.map((c) => c + '\t').join('') + '\n').join(''), { minwidth: 6, padding: 3 });
  if (what === 'node' || what === 'nodes' || what === 'no') {
    const nodes = sim.store.list<Node>('Node').filter((n) => !name || n.metadata.name === name).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (name && !nodes.length) return fail(`Error from server (NotFound): nodes "${name}" not found`);
    const rows = [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const n of nodes) {
      const k = sim.kubelets.get(n.metadata.name);
      if (!k?.running) {
        rows.push([n.metadata.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
        continue;
      }
      const { cpuMilli: cpu, workingSetBytes: mem } = nodeUsage(k);
      const allocCpu = milliCPU(n.status?.allocatable?.cpu) || 1;
      const allocMem = bytes(n.status?.allocatable?.memory) || 1;
      rows.push([n.metadata.name, `${cpu}m`, `${Math.trunc((cpu / allocCpu) * 100)}%`, `${Math.trunc(mem / Mi)}Mi`, `${Math.trunc((mem / allocMem) * 100)}%`]);
    }
    return ok(tw(rows));
  }
  if (what !== 'pod' && what !== 'pods' && what !== 'po') return fail(`error: unknown command "${what ?? ''}" for "kubectl top"`);
  const all = flag(p, '-A', '--all-namespaces') !== undefined;
  const containers = flag(p, '--containers') !== undefined;
  const pods = sim.store.list<Pod>('Pod').filter((x) => (all || x.metadata.namespace === ns) && (!name || x.metadata.name === name));
  if (name && !pods.length) return fail(`Error from server (NotFound): pods "${name}" not found`);
  const withUsage = pods.map((x) => ({ pod: x, u: podUsage(sim, x) })).filter((x) => x.u);
  if (name && !withUsage.length) {
    // verifyEmptyMetrics: time.Since(creationTimestamp).String().
    const age = sim.clock.now() - (Date.parse(pods[0]!.metadata.creationTimestamp ?? '') - EPOCH_MS);
    return fail(`error: Metrics not available for pod ${ns}/${name}, age: ${goDuration(age)}`);
  }
  if (!withUsage.length) return pods.length ? fail('error: metrics not available yet') : fail(`No resources found in ${ns} namespace.`);
  withUsage.sort((a, b) => (all && a.pod.metadata.namespace !== b.pod.metadata.namespace ? ((a.pod.metadata.namespace ?? '') < (b.pod.metadata.namespace ?? '') ? -1 : 1) : a.pod.metadata.name < b.pod.metadata.name ? -1 : 1));
  const head = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  const rows = [head];
  for (const { pod, u } of withUsage) {
    const pre = all ? [pod.metadata.namespace ?? ''] : [];
    if (containers) for (const c of u!.containers) rows.push([...pre, pod.metadata.name, c.name, `${c.cpu}m`, `${Math.trunc(c.mem / Mi)}Mi`]);
    else rows.push([...pre, pod.metadata.name, `${u!.cpu}m`, `${Math.trunc(u!.mem / Mi)}Mi`]);
  }
  return ok(tw(rows));
}
