// flanneld's two backends end to end: net-conf.json in the kube-flannel-cfg ConfigMap, read
// when the DaemonSet's container starts, decides the node's lease annotations, flannel.1 and
// the routes `ip route` lists. Expected texts are written from upstream, not from our output:
//  - annotations: flannel pkg/subnet/kube/kube.go AcquireLease (backend-data is the backend's
//    JSON: vxlan `{"VNI":1,"VtepMAC":"…"}` from vxlan.go newSubnetAttrs, host-gw's nil → "null");
//  - routes: vxlan_network.go (Gw = the lease subnet's .0, LinkIndex flannel.1, RTNH_F_ONLINK),
//    hostgw.go (Gw = the lease's PublicIP, LinkIndex = the external interface); printed as
//    iproute2's print_route does (proto boot and scope universe omitted, one trailing space);
//  - subnet.env: pkg/subnet WriteSubnetFile, MTU = eth0's 1500 less VXLAN's 50 (host-gw: 1500);
//  - a backend ignores leases of another type (route_network.go / vxlan_network.go
//    handleSubnetEvents) and never deletes flannel.1 (no LinkDel outside device re-creation).
import { describe, expect, it } from 'vitest';
import { cluster, podYaml, type TestCluster } from '../harness.ts';
import { parseNetConf } from '../../../core/cni/flannel.ts';

const netConf = (type: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
data:
  net-conf.json: |
    {
      "Network": "10.244.0.0/16",
      "Backend": {
        "Type": "${type}"
      }
    }
`;

const ANN = 'flannel.alpha.coreos.com/';
const annotations = (c: TestCluster, node: string) =>
  Object.fromEntries(Object.entries(c.get('Node', node)?.metadata.annotations ?? {}).filter(([k]) => k.startsWith(ANN)).map(([k, v]) => [k.slice(ANN.length), v]));
const links = (c: TestCluster, node: string) => [...c.run(`ssh ${node} ip addr`).matchAll(/^\d+: (\S+?)(@\S+)?: .* mtu (\d+)/gm)].map((m) => `${m[1]} ${m[3]}`).filter((l) => !l.startsWith('veth'));

function started(files: string, at = '30s'): TestCluster {
  const c = cluster(3);
  expect(c.apply(files)).toEqual([]);
  c.advance(at);
  return c;
}

describe('flannel backends: ip route, ip addr, lease annotations, subnet.env', () => {
  const vtepMac = (c: TestCluster) => /flannel\.1: .*\n\s+link\/ether (\S+)/.exec(c.run('ssh worker-1 ip addr'))?.[1];
  const table = [
    {
      name: 'vxlan (kube-flannel.yml default): flannel.1 and onlink routes via each subnet\'s .0',
      given: '',
      want: {
        route: 'default via 172.18.0.1 dev eth0 \n10.244.0.0/24 via 10.244.0.0 dev flannel.1 onlink \n10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \n10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink \n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 \n',
        links: ['lo 65536', 'eth0 1500', 'flannel.1 1450', 'cni0 1450'],
        annotations: (mac: string) => ({ 'backend-data': `{"VNI":1,"VtepMAC":"${mac}"}`, 'backend-type': 'vxlan', 'kube-subnet-manager': 'true', 'public-ip': '172.18.0.3' }),
        subnetEnv: 'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n',
      },
    },
    {
      name: 'host-gw: no flannel.1, routes via the other nodes\' InternalIP on eth0',
      given: netConf('host-gw'),
      want: {
        route: 'default via 172.18.0.1 dev eth0 \n10.244.0.0/24 via 172.18.0.2 dev eth0 \n10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \n10.244.2.0/24 via 172.18.0.4 dev eth0 \n172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3 \n',
        links: ['lo 65536', 'eth0 1500', 'cni0 1500'],
        annotations: () => ({ 'backend-data': 'null', 'backend-type': 'host-gw', 'kube-subnet-manager': 'true', 'public-ip': '172.18.0.3' }),
        subnetEnv: 'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1500\nFLANNEL_IPMASQ=true\n',
      },
    },
  ];
  it.each(table)('$name', ({ given, want }) => {
    const c = started(given + (given ? '---\n' : '') + podYaml('p', 'nodeName: worker-1\ncontainers: [{name: c, image: nginx:1.27}]'));
    expect(c.run('ssh worker-1 ip route')).toBe(want.route);
    expect(links(c, 'worker-1')).toEqual(want.links);
    expect(annotations(c, 'worker-1')).toEqual(want.annotations(vtepMac(c) ?? ''));
    expect(c.run('ssh worker-1 cat /run/flannel/subnet.env')).toBe(want.subnetEnv);
  });

  it('before flanneld has started: no lease, no flannel.1, no routes to other nodes, no subnet.env', () => {
    const c = cluster(3);
    c.apply('');
    expect(annotations(c, 'worker-1')).toEqual({});
    expect(links(c, 'worker-1')).not.toContain('flannel.1 1450');
    expect(c.run('ssh worker-1 ip route')).not.toMatch(/10\.244\.[02]\.0/);
    expect(c.run('ssh worker-1 cat /run/flannel/subnet.env')).toMatch(/No such file or directory/);
  });
});

describe('switching the backend: the ConfigMap is read when flanneld starts', () => {
  const c = started('', '20s');
  c.apply(netConf('host-gw'));
  c.advance('10s');
  const unchanged = c.run('ssh worker-1 ip route');
  const flannelPod = c.pods('kube-flannel-ds-').find((p) => p.spec.nodeName === 'worker-1')!;
  c.run(`kubectl delete pod -n kube-flannel ${flannelPod.metadata.name}`);
  c.advance('40s');
  const half = `${annotations(c, 'worker-1')['backend-type']} ${annotations(c, 'worker-2')['backend-type']}\n${c.run('ssh worker-1 ip route')}`;
  c.run('kubectl -n kube-flannel rollout restart daemonset/kube-flannel-ds');
  c.advance('2m');

  const table = [
    { name: 'editing the ConfigMap alone changes nothing', given: unchanged, want: /10\.244\.2\.0\/24 via 10\.244\.2\.0 dev flannel\.1 onlink/ },
    // worker-1 runs host-gw; worker-2's lease is still vxlan: the route its earlier vxlan run installed stays.
    { name: 'one node restarted: it keeps its vxlan route to a node still on vxlan', given: half, want: /^host-gw vxlan\n(.*\n)*10\.244\.2\.0\/24 via 10\.244\.2\.0 dev flannel\.1 onlink/ },
    { name: 'all restarted: host-gw routes everywhere', given: c.run('ssh worker-2 ip route'), want: /10\.244\.0\.0\/24 via 172\.18\.0\.2 dev eth0 \n10\.244\.1\.0\/24 via 172\.18\.0\.3 dev eth0 \n/ },
    { name: 'flannel.1 stays after the switch (flanneld never deletes it)', given: c.run('ssh worker-2 ip addr'), want: /flannel\.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450/ },
    { name: 'the lease says host-gw', given: annotations(c, 'worker-2')['backend-type'] ?? '', want: /^host-gw$/ },
  ];
  it.each(table)('$name', ({ given, want }) => expect(given).toMatch(want));
});

describe('net-conf.json as flanneld parses it', () => {
  const table = [
    { name: 'kube-flannel.yml', given: '{"Network": "10.244.0.0/16", "EnableNFTables": false, "Backend": {"Type": "vxlan"}}', want: { network: '10.244.0.0/16', backend: 'vxlan', vni: 1 } },
    { name: 'keys match case-insensitively (Go encoding/json)', given: '{"network": "10.10.0.0/16", "backend": {"type": "host-gw"}}', want: { network: '10.10.0.0/16', backend: 'host-gw', vni: 1 } },
    { name: 'VNI names the device flannel.<VNI>', given: '{"Network": "10.244.0.0/16", "Backend": {"Type": "vxlan", "VNI": 4}}', want: { network: '10.244.0.0/16', backend: 'vxlan', vni: 4 } },
    { name: 'no Backend means udp (subnet.parseBackendType)', given: '{"Network": "10.244.0.0/16"}', want: { network: '10.244.0.0/16', backend: 'udp', vni: 1 } },
    { name: 'not JSON', given: '{"Network": ', want: undefined },
  ];
  it.each(table)('$name', ({ given, want }) => expect(parseNetConf(given)).toEqual(want));

  it('a backend the simulation does not model (udp) leaves the node as it was', () => {
    const c = started(netConf('udp'));
    expect(annotations(c, 'worker-1')).toEqual({});
    expect(c.run('ssh worker-1 ip route')).not.toMatch(/10\.244\.2\.0/);
  });

  it('VNI 4 makes flannel.4, and the routes use it', () => {
    const c = started(netConf('vxlan').replace('"Type": "vxlan"', '"Type": "vxlan",\n        "VNI": 4'));
    expect(c.run('ssh worker-1 ip route')).toMatch(/10\.244\.2\.0\/24 via 10\.244\.2\.0 dev flannel\.4 onlink \n/);
    expect(annotations(c, 'worker-1')['backend-data']).toMatch(/^\{"VNI":4,"VtepMAC":"02(:[0-9a-f]{2}){5}"\}$/);
  });
});
