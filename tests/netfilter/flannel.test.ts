// flannel's routes against the kernel: two node namespaces (eth0 172.18.0.3 / .4 on one
// link, as kind's nodes) each with a pod namespace behind it (10.244.N.2, gateway .1). The
// routes `ip route` prints on the simulated worker-1 / worker-2 are added to them word for
// word; then a pod on one node must reach the pod on the other, and the kernel's own
// `ip route show` must print each route exactly as the simulation does. For vxlan the lab
// also builds what flanneld builds beside the route (vxlan_network.go): flannel.1 with VNI 1
// on UDP 8472 with the lease's VtepMAC, the peer's VTEP as a permanent neighbour and an FDB
// entry pointing its MAC at the peer's public IP.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cluster } from '../unit/harness.ts';
import { run, skipReason, sweep } from './netns.ts';

const reason = skipReason('netfilter tests (flannel routes)');
const IP = '/usr/sbin/ip';
const tag = `kpt${process.pid}f`;
const created: string[] = [];
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const p of servers) p.kill();
  for (const ns of created) try { execFileSync(IP, ['netns', 'del', ns], { stdio: 'pipe' }); } catch { /* gone */ }
});

const NODES = [{ name: 'worker-1', ip: '172.18.0.3', n: 1 }, { name: 'worker-2', ip: '172.18.0.4', n: 2 }];

/** The simulated cluster's view: each node's route to the other's pods, and its VTEP MAC. */
function simulated(backend: string) {
  const c = cluster(11);
  c.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-flannel-cfg, namespace: kube-flannel}\ndata:\n  net-conf.json: '{"Network": "10.244.0.0/16", "Backend": {"Type": "${backend}"}}'\n`);
  c.advance('10s');
  return NODES.map((node) => {
    const other = NODES.find((o) => o !== node)!;
    const route = c.run(`ssh ${node.name} ip route`).split('\n').find((l) => l.startsWith(`10.244.${other.n}.0/24 `))!;
    const data = JSON.parse(c.get('Node', node.name)?.metadata.annotations?.['flannel.alpha.coreos.com/backend-data'] ?? 'null') as { VtepMAC: string } | null;
    return { ...node, route, mac: data?.VtepMAC };
  });
}

function lab(backend: string, sim: ReturnType<typeof simulated>): { ping: (from: number, to: number) => boolean; kernelRoute: (n: number) => string } {
  const ns = (what: string) => `${tag}${backend === 'vxlan' ? 'v' : 'h'}-${what}`;
  const add = (name: string) => { execFileSync(IP, ['netns', 'add', name]); created.push(name); run(name, [IP, 'link', 'set', 'lo', 'up']); };
  for (const n of sim) { add(ns(`n${n.n}`)); add(ns(`p${n.n}`)); run(ns(`n${n.n}`), ['sysctl', '-qw', 'net.ipv4.ip_forward=1']); }
  execFileSync(IP, ['link', 'add', 'eth0', 'netns', ns('n1'), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns('n2')]);
  for (const n of sim) {
    const node = ns(`n${n.n}`), pod = ns(`p${n.n}`);
    run(node, [IP, 'addr', 'add', `${n.ip}/16`, 'dev', 'eth0']);
    run(node, [IP, 'link', 'set', 'eth0', 'up']);
    execFileSync(IP, ['link', 'add', 'cni0', 'netns', node, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', pod]);
    run(node, [IP, 'addr', 'add', `10.244.${n.n}.1/24`, 'dev', 'cni0']);
    run(node, [IP, 'link', 'set', 'cni0', 'up']);
    run(pod, [IP, 'addr', 'add', `10.244.${n.n}.2/24`, 'dev', 'eth0']);
    run(pod, [IP, 'link', 'set', 'eth0', 'up']);
    run(pod, [IP, 'route', 'add', 'default', 'via', `10.244.${n.n}.1`]);
  }
  for (const n of sim) {
    const node = ns(`n${n.n}`), peer = sim.find((o) => o !== n)!;
    if (backend === 'vxlan') {
      run(node, [IP, 'link', 'add', 'flannel.1', 'address', n.mac!, 'type', 'vxlan', 'id', '1', 'local', n.ip, 'dev', 'eth0', 'dstport', '8472', 'nolearning']);
      run(node, [IP, 'link', 'set', 'flannel.1', 'mtu', '1450', 'up']);
      run(node, [IP, 'addr', 'add', `10.244.${n.n}.0/32`, 'dev', 'flannel.1']);
      run(node, [IP, 'neigh', 'replace', `10.244.${peer.n}.0`, 'lladdr', peer.mac!, 'dev', 'flannel.1', 'nud', 'permanent']);
      run(node, ['bridge', 'fdb', 'append', peer.mac!, 'dev', 'flannel.1', 'dst', peer.ip]);
    }
    run(node, [IP, 'route', 'add', ...n.route.trim().split(' ')]);
  }
  // A TCP echo of the pod's name in each pod; a connection waits out the server's start (refused), not a timeout.
  for (const n of sim) servers.push(spawn(IP, ['netns', 'exec', ns(`p${n.n}`), process.execPath, '-e', `require('net').createServer((s) => s.end('p${n.n}')).listen(8080, '10.244.${n.n}.2')`], { stdio: 'ignore' }));
  const CLIENT = `const net = require('net'); let n = 0; (function go() { const s = net.connect({ port: 8080, host: process.argv[1], timeout: 2000 });
    s.on('data', (d) => { process.stdout.write(String(d)); process.exit(0); }); s.on('timeout', () => process.exit(2));
    s.on('error', (e) => (e.code === 'ECONNREFUSED' && ++n < 50 ? setTimeout(go, 100) : process.exit(3))); })();`;
  return {
    ping: (from, to) => {
      try { return run(ns(`p${from}`), [process.execPath, '-e', CLIENT, `10.244.${to}.2`]) === `p${to}`; } catch { return false; }
    },
    kernelRoute: (n) => run(ns(`n${n}`), [IP, 'route', 'show', `10.244.${n === 1 ? 2 : 1}.0/24`]),
  };
}

describe.skipIf(reason)('flannel backends in the kernel', () => {
  sweep();
  describe.each(['host-gw', 'vxlan'])('%s', (backend) => {
    const sim = simulated(backend);
    const l = lab(backend, sim);
    it.each(sim)('$name: the kernel prints the route as the simulation does', (n) => expect(l.kernelRoute(n.n)).toBe(`${n.route}\n`));
    it('a pod reaches the pod on the other node, both ways', () => expect([l.ping(1, 2), l.ping(2, 1)]).toEqual([true, true]));
  });
});
