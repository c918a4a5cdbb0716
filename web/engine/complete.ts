// Tab completion for the terminal: commands, kubectl verbs and resource types, and the names of
// the objects that exist right now (pods, nodes, services, namespaces).
import type { KObject } from '../../core/api/types.ts';
import { RESOURCES, lookupResource } from '../../core/api/resources.ts';
import type { Simulation } from '../../core/simulation.ts';

const WORKSTATION = ['kubectl', 'ssh', 'trace', 'journey', 'sleep', 'echo', 'clear'];
const ON_NODE = ['crictl', 'iptables-save', 'iptables', 'ipvsadm', 'ipset', 'nft', 'conntrack', 'journalctl', 'systemctl', 'ip', 'ls', 'cat', 'hostname', 'uname', 'trace', 'exit'];
const KUBECTL = ['get', 'describe', 'apply', 'create', 'delete', 'scale', 'rollout', 'cordon', 'uncordon', 'drain', 'label', 'taint', 'logs', 'exec', 'top', 'version', 'api-resources'];
const NODE_SUB: Record<string, string[]> = {
  crictl: ['ps', 'pods', 'images', 'logs', 'inspect', 'inspectp', 'stats'],
  systemctl: ['status', 'stop', 'start', 'restart'],
  journalctl: ['-u'],
  ip: ['addr', 'route', 'link'],
  iptables: ['-t', '-L', '-S', '-n', '-v'],
  ipvsadm: ['-Ln'],
  ls: ['/etc/kubernetes/manifests', '/etc/cni/net.d'],
  cat: ['/etc/kubernetes/manifests/', '/etc/cni/net.d/', '/var/lib/kubelet/config.yaml'],
};
/** What can follow a pipe (core/shell/coreutils.ts). */
const FILTERS = ['grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'awk', 'cat', 'less', 'more'];
const ROLLOUT = ['status', 'history', 'restart', 'undo', 'pause', 'resume'];
const TYPES = RESOURCES.map((r) => r.plural);

export interface Completion {
  /** Where the completed word starts in the line. */
  start: number;
  items: string[];
}

const names = (sim: Simulation, kind: string, ns: string | undefined): string[] =>
  sim.store.list<KObject>(kind).filter((o) => !ns || !o.metadata.namespace || o.metadata.namespace === ns).map((o) => o.metadata.name);

/** Completes the last word of `line` (the cursor is at the end). */
export function complete(sim: Simulation, host: string | undefined, line: string): Completion {
  const start = line.search(/\S*$/);
  const word = line.slice(start);
  // Only the last command of a list or pipeline counts: `kubectl get pods | gr` completes grep.
  const cut = /^(.*)(\|\||&&|;|\|)/s.exec(line.slice(0, start));
  const words = line.slice(cut ? cut[0].length : 0, start).trim().split(/\s+/).filter(Boolean);
  const match = (items: string[]) => ({ start, items: [...new Set(items)].filter((i) => i.startsWith(word)).sort() });
  const nodes = () => [...sim.kubelets.keys()];

  if (words[0] === 'ssh') {
    if (words.length === 1) return match(nodes());
    return completeOnNode(words.slice(2), match);
  }
  if (!words.length) return match(cut?.[2] === '|' ? FILTERS : host ? [...ON_NODE, 'kubectl'] : WORKSTATION);
  if (words[0] === 'trace') {
    const prev = words.at(-1);
    if (prev === '--from') return match([...names(sim, 'Pod', undefined).map((n) => `pod/${n}`), ...nodes().map((n) => `node/${n}`), 'external']);
    if (prev === '--to') {
      return match(sim.store.list<KObject & { spec?: { ports?: { port: number }[] } }>('Service').flatMap((s) => (s.spec?.ports ?? []).map((p) => `${s.metadata.name}:${p.port}`)));
    }
    if (prev === '--via') return match(nodes());
    if (prev === '--proto') return match(['tcp', 'udp', 'icmp']);
    return match(['--from', '--to', '--proto', '--pick', '--via']);
  }
  if (words[0] === 'kubectl') return completeKubectl(sim, words.slice(1), word, match);
  if (host) return completeOnNode(words, match);
  return { start, items: [] };
}

function completeOnNode(words: string[], match: (items: string[]) => Completion): Completion {
  if (!words.length) return match(ON_NODE);
  const [cmd] = words;
  if (cmd === 'systemctl' && words.length === 2) return match(['kubelet', 'containerd']);
  if (cmd === 'journalctl' && words.at(-1) === '-u') return match(['kubelet', 'containerd']);
  if (cmd === 'iptables' && words.at(-1) === '-t') return match(['nat', 'filter', 'mangle']);
  return match(words.length === 1 ? NODE_SUB[cmd!] ?? [] : []);
}

function completeKubectl(sim: Simulation, args: string[], word: string, match: (items: string[]) => Completion): Completion {
  const prev = args.at(-1);
  const nsIdx = args.findIndex((a) => a === '-n' || a === '--namespace');
  const ns = args.includes('-A') ? undefined : nsIdx >= 0 ? args[nsIdx + 1] : 'default';
  if (prev === '-n' || prev === '--namespace') return match(names(sim, 'Namespace', undefined));
  if (prev === '-o' || prev === '--output') return match(['wide', 'yaml', 'json', 'name', 'custom-columns=', 'jsonpath=']);
  if (word.startsWith('-')) {
    return match(['-n', '-A', '-o', '-l', '-w', '-L', '-f', '--all-namespaces', '--show-labels', '--show-kind', '--no-headers', '--sort-by=', '--label-columns=', '--watch']);
  }
  const valued = ['-n', '--namespace', '-o', '--output', '-l', '--selector', '-f', '-c', '-L', '--label-columns', '--sort-by'];
  const positional = args.filter((a, i) => !a.startsWith('-') && !valued.includes(args[i - 1] ?? ''));
  const [verb, ...rest] = positional;
  if (!verb) return match(KUBECTL);
  if (verb === 'rollout' && rest.length === 0) return match(ROLLOUT);
  const typed = verb === 'rollout' ? rest.slice(1) : rest;
  if (['logs', 'exec'].includes(verb) && typed.length === 0) return match(names(sim, 'Pod', ns));
  if (['cordon', 'uncordon', 'drain'].includes(verb) && typed.length === 0) return match(names(sim, 'Node', undefined));
  if (!['get', 'describe', 'delete', 'scale', 'label', 'rollout', 'taint'].includes(verb)) return match([]);
  if (typed.length === 0) {
    // `kubectl get pod/web-…`: a type and a name in one word.
    const slash = word.indexOf('/');
    if (slash > 0) {
      const r = lookupResource(word.slice(0, slash));
      return r ? match(names(sim, r.kind, ns).map((n) => `${word.slice(0, slash)}/${n}`)) : match([]);
    }
    return match(verb === 'taint' ? ['nodes'] : TYPES);
  }
  const r = lookupResource(typed[0]!.split(',')[0]!);
  return r ? match(names(sim, r.kind, r.namespaced ? ns : undefined)) : match([]);
}
