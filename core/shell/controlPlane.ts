// Commands about the control plane itself: `etcdctl` on a control-plane node (etcd's keys,
// revisions and members — only the API server writes there), `kubeadm token create
// --print-join-command` and `kubeadm join` on a new machine (a worker registers), a node's
// power-off, and `journey POD` (the 8 steps of a pod). Output as the real tools print it.

import type { KObject, Node, Pod } from '../api/types.ts';
import { etcdKey } from '../api/resources.ts';
import type { Simulation } from '../simulation.ts';
import { fail, ok, type CommandResult } from './types.ts';
import { flag, parseArgs } from './args.ts';
import { completeNode } from '../cluster/bootstrap.ts';
import { STEP_NAMES } from '../journey/journey.ts';
import { explainDecision } from '../scheduler/explain.ts';
import { fnv32a } from '../controllers/hash.ts';

const CP_LABEL = 'node-role.kubernetes.io/control-plane';
const poweredOff = new WeakMap<Simulation, Set<string>>();
const offSet = (sim: Simulation) => {
  let s = poweredOff.get(sim);
  if (!s) poweredOff.set(sim, (s = new Set()));
  return s;
};

export const isPoweredOff = (sim: Simulation, node: string): boolean => offSet(sim).has(node);

const hex = (seed: string, n: number) => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += fnv32a(`${seed}/${i}`).toString(16).padStart(8, '0');
  return out.slice(0, n);
};

/**
 * `ssh NODE CMD...` for what this module knows; undefined lets the node's own shell answer.
 * Also refuses ssh to a powered-off node.
 */
export function controlPlaneSsh(sim: Simulation, node: string, words: string[]): CommandResult | undefined {
  const [cmd, ...args] = words;
  if (isPoweredOff(sim, node)) return fail(`ssh: connect to host ${node} port 22: No route to host`, 255);
  if (!sim.kubelets.has(node)) {
    // A machine outside the cluster: only `kubeadm join` makes sense there.
    if (cmd === 'kubeadm' && args[0] === 'join') return kubeadmJoin(sim, node, args.slice(1));
    return undefined;
  }
  const isCP = sim.api.get<Node>('Node', undefined, node)?.metadata.labels?.[CP_LABEL] !== undefined;
  switch (cmd) {
    case 'etcdctl':
      return isCP ? etcdctl(sim, args) : fail('bash: etcdctl: command not found', 127);
    case 'kubeadm':
      if (args[0] === 'join') return fail(`error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\nTo see the stack trace of this error execute with --v=5 or higher`);
      if (args[0] === 'token' && args[1] === 'create' && args.includes('--print-join-command')) return isCP ? ok(joinCommand(sim) + '\n') : fail('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher');
      return undefined;
    case 'poweroff':
    case 'halt':
      return powerOff(sim, node);
    case 'shutdown':
      return args.includes('-h') || args.includes('now') || args.includes('-P') ? powerOff(sim, node) : undefined;
    case 'systemctl':
      return args[0] === 'poweroff' ? powerOff(sim, node) : undefined;
    default:
      return undefined;
  }
}

function controlPlaneIP(sim: Simulation): string {
  const cp = sim.api.list<Node>('Node').find((n) => n.metadata.labels?.[CP_LABEL] !== undefined);
  return cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '172.18.0.2';
}

export function joinCommand(sim: Simulation): string {
  const token = `${hex(`token${sim.seed}`, 6).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}.${hex(`secret${sim.seed}`, 16)}`;
  return `kubeadm join ${controlPlaneIP(sim)}:6443 --token ${token} --discovery-token-ca-cert-hash sha256:${hex(`ca${sim.seed}`, 64)} `;
}

/** The machine joins: its kubelet starts, TLS-bootstraps and registers its Node. */
function kubeadmJoin(sim: Simulation, host: string, args: string[]): CommandResult {
  const p = parseArgs(args);
  if (!p.positional[0] || flag(p, '--token') === undefined)
    return fail('discovery: Invalid value: "": bootstrapToken or file must be set\nTo see the stack trace of this error execute with --v=5 or higher');
  if (!/^[a-z0-9-]+$/.test(host)) return fail(`ssh: Could not resolve hostname ${host}: Name or service not known`, 255);
  const nodes = sim.api.list<Node>('Node');
  const i = nodes.length;
  const node = completeNode({ apiVersion: 'v1', kind: 'Node', metadata: { name: host, labels: { 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux' }, annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } }, spec: {} } as Node, i, sim.settings);
  // Registration happens a moment after the kubelet starts (TLS bootstrap).
  sim.advance(1000);
  const r = sim.api.create(node as KObject);
  if (!r.ok) return fail(r.message);
  sim.settle(0);
  return ok([
    '[preflight] Running pre-flight checks',
    '[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
    "[preflight] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.",
    '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
    '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"',
    '[kubelet-start] Starting the kubelet',
    '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s',
    '[kubelet-check] The kubelet is healthy after 1.001873544s',
    '[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap',
    '',
    'This node has joined the cluster:',
    '* Certificate signing request was sent to apiserver and a response was received.',
    '* The Kubelet was informed of the new secure connection details.',
    '',
    "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.",
    '',
  ].join('\n') + '\n');
}

/** Power off: the kubelet and everything on the node stop answering; nothing tells the API server. */
function powerOff(sim: Simulation, node: string): CommandResult {
  sim.kubelets.get(node)?.stop();
  offSet(sim).add(node);
  sim.settle(0);
  return { stdout: '', stderr: `Connection to ${node} closed by remote host.\n`, exitCode: 255 };
}

/** etcdctl v3: get (--prefix, --keys-only, -w json|simple), endpoint status, member list. */
export function etcdctl(sim: Simulation, args0: string[]): CommandResult {
  // -w/--write-out and --limit take a value.
  const args: string[] = [];
  for (let i = 0; i < args0.length; i++) {
    const a = args0[i]!;
    if ((a === '-w' || a === '--write-out' || a === '--limit') && i + 1 < args0.length) args.push(`${a}=${args0[++i]}`);
    else args.push(a);
  }
  const p = parseArgs(args);
  const [verb, ...rest] = p.positional;
  const fmt = String(flag(p, '-w', '--write-out') ?? 'simple');
  const member = hex(`member${sim.seed}`, 16);
  const header = { cluster_id: Number.parseInt(hex(`cluster${sim.seed}`, 13), 16), member_id: Number.parseInt(member.slice(0, 13), 16), revision: sim.store.rev, raft_term: 2 };
  if (verb === 'get') {
    const key = rest[0];
    if (!key) return fail('Error: get command needs one argument as key and an optional argument as range_end');
    const prefix = flag(p, '--prefix') !== undefined;
    const keysOnly = flag(p, '--keys-only') !== undefined;
    const limit = Number(flag(p, '--limit') ?? 0);
    let entries = sim.store.etcdEntries().filter((e) => (prefix ? e.key.startsWith(key) : e.key === key));
    if (limit > 0) entries = entries.slice(0, limit);
    const valueOf = (k: string) => {
      const m = /^\/registry\/(.+)$/.exec(k);
      const obj = m ? findByKey(sim, k) : undefined;
      return obj ? JSON.stringify(obj) : '';
    };
    if (fmt === 'json') {
      const kvs = entries.map((e) => ({ key: base64(e.key), create_revision: e.createRevision, mod_revision: e.modRevision, version: e.version, ...(keysOnly ? {} : { value: base64(valueOf(e.key)) }) }));
      return ok(JSON.stringify({ header, ...(kvs.length ? { kvs } : {}), count: entries.length }) + '\n');
    }
    if (flag(p, '--print-value-only') !== undefined) return ok(entries.map((e) => valueOf(e.key) + '\n').join(''));
    return ok(entries.map((e) => (keysOnly ? `${e.key}\n\n` : `${e.key}\n${valueOf(e.key)}\n`)).join(''));
  }
  if (verb === 'endpoint' && rest[0] === 'status') {
    const size = `${(sim.store.rev * 2.1 / 1024 + 1.2).toFixed(1)} MB`;
    if (fmt === 'table') {
      const cols = ['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'];
      const vals = ['https://127.0.0.1:2379', member, '3.6.4', size, 'true', 'false', '2', String(sim.store.rev + 4), String(sim.store.rev + 4), ''];
      const w = cols.map((c, i) => Math.max(c.length, vals[i]!.length) + 2);
      const line = '+' + w.map((n) => '-'.repeat(n)).join('+') + '+';
      const row = (r: string[]) => '|' + r.map((c, i) => (' ' + c).padEnd(w[i]!)).join('|') + '|';
      return ok([line, row(cols), line, row(vals), line].join('\n') + '\n');
    }
    return ok(`https://127.0.0.1:2379, ${member}, 3.6.4, ${size}, true, false, 2, ${sim.store.rev + 4}, ${sim.store.rev + 4}, \n`);
  }
  if (verb === 'member' && rest[0] === 'list') {
    const cp = sim.api.list<Node>('Node').find((n) => n.metadata.labels?.[CP_LABEL] !== undefined)?.metadata.name ?? 'control-plane';
    const ip = controlPlaneIP(sim);
    return ok(`${member}, started, ${cp}, https://${ip}:2380, https://${ip}:2379, false\n`);
  }
  if (verb === 'put' || verb === 'del') return fail('Error: etcdserver: permission denied (in this playground only kube-apiserver writes to etcd)');
  return fail(`Error: unknown command "${verb ?? ''}" for "etcdctl"\nRun 'etcdctl --help' for usage.`);
}

/** Standard base64 of a UTF-8 string, without Node's Buffer (core runs in the browser too). */
function base64(s: string): string {
  const bytes = Array.from(unescape(encodeURIComponent(s)), (c) => c.charCodeAt(0));
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += A[(n >> 18) & 63]! + A[(n >> 12) & 63]! + (b === undefined ? '=' : A[(n >> 6) & 63]!) + (c === undefined ? '=' : A[n & 63]!);
  }
  return out;
}

function findByKey(sim: Simulation, key: string): KObject | undefined {
  for (const kind of sim.store.kinds()) {
    for (const o of sim.store.list(kind)) if (etcdKey(o.kind, o.metadata.namespace, o.metadata.name) === key) return o;
  }
  return undefined;
}

/** `journey POD [-n NS]`: the pod's 8 steps with times, and why the scheduler chose its node. */
export function journey(sim: Simulation, args: string[]): CommandResult {
  const p = parseArgs(args);
  const ns = String(flag(p, '-n', '--namespace') ?? 'default');
  const name = (p.positional[0] ?? '').replace(/^pods?\//, '');
  if (!name) return fail('usage: journey POD [-n NAMESPACE]');
  let j = sim.journeys.get(ns, name);
  if (!j) {
    // A unique prefix is enough (controller-made names end in random suffixes).
    const m = sim.store.list<Pod>('Pod', ns).filter((x) => x.metadata.name.startsWith(name));
    if (m.length === 1) j = sim.journeys.get(ns, m[0]!.metadata.name);
  }
  if (!j) return fail(`journey: pod "${name}" not found in namespace "${ns}"`);
  const t0 = j.steps[0]?.time ?? 0;
  const rows = [['STEP', 'AT', '+T', 'COMPONENT', 'OBJECT', 'WHAT']];
  for (let s = 1; s <= 8; s++) {
    const st = j.steps.find((x) => x.step === s);
    if (!st) rows.push([`${s} ${STEP_NAMES[s]}`, '-', '-', '-', '-', '(not yet)']);
    else rows.push([`${s} ${STEP_NAMES[s]}`, sim.clock.iso(st.time), `+${((st.time - t0) / 1000).toFixed(1)}s`, st.component, st.object, st.action]);
  }
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)) + 2);
  let out = `Pod ${j.pod} (uid ${j.uid})\n` + rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('')).join('\n') + '\n';
  const d = sim.scheduler.decisions.get(j.pod);
  const pod = sim.api.get<Pod>('Pod', ns, j.pod.split('/')[1]!);
  if (d && pod) out += `\nScheduler: ${explainDecision(d)}`;
  return ok(out);
}
