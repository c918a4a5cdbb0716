// Chain names (conformance/kube-proxy/chainname.py --selftest table; every value appears
// literally in upstream proxier_test.go) and the pure-TS SHA-256/base32 underneath.
import { describe, expect, it } from 'vitest';
import { base32, hex, sha256, utf8 } from '../../../core/proxy/iptables/hash.ts';
import { endpointChain, serviceChains } from '../../../core/proxy/iptables/chains.ts';
import { canonicalIP, joinHostPort } from '../../../core/proxy/ip.ts';

describe('sha256 / base32', () => {
  const table = [
    { name: 'empty', given: '', want: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { name: 'abc', given: 'abc', want: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    { name: 'two blocks', given: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', want: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1' },
    { name: 'multi-byte utf8', given: 'ü€𝄞', want: hex(sha256(Uint8Array.from([0xc3, 0xbc, 0xe2, 0x82, 0xac, 0xf0, 0x9d, 0x84, 0x9e]))) },
  ];
  for (const { name, given, want } of table) it(name, () => expect(hex(sha256(utf8(given)))).toBe(want));
  it('base32 RFC 4648 vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY======'], ['fo', 'MZXQ===='], ['foob', 'MZXW6YQ='], ['foobar', 'MZXW6YTBOI======']];
    for (const [given, want] of vectors) expect(base32(utf8(given))).toBe(want);
  });
});

describe('chain names', () => {
  const table: { name: string; given: [string, string, string | null]; want: string }[] = [
    ['ns1/svc1:p80', 'TCP', null, 'KUBE-SVC-XPGD46QRK7WJZT7O'], ['ns1/svc1:p80', 'TCP', null, 'KUBE-EXT-XPGD46QRK7WJZT7O'],
    ['ns1/svc1:p80', 'TCP', null, 'KUBE-FW-XPGD46QRK7WJZT7O'], ['ns2/svc2:p80', 'TCP', null, 'KUBE-SVC-GNZBNJ2PO5MGZ6GT'],
    ['ns2/svc2:p80', 'TCP', null, 'KUBE-SVL-GNZBNJ2PO5MGZ6GT'], ['ns3/svc3:p80', 'TCP', null, 'KUBE-SVC-X27LE4BHSL4DOUIK'],
    ['ns4/svc4:p80', 'TCP', null, 'KUBE-SVC-4SW47YFZTEDKD3PK'], ['ns5/svc5:p80', 'TCP', null, 'KUBE-FW-NUKIZ6OKUXPJNT4C'],
    ['ns2/svc2:p8080', 'TCP', null, 'KUBE-SVC-2VJB64SDSIJUP5T6'], ['ns4/svc4:p8082', 'TCP', null, 'KUBE-SVC-EBDQOQU5SJFXRIL3'],
    ['ns1/svc1', 'TCP', null, 'KUBE-SVL-AQI2S6QIMU7PVVRP'],
    ['ns1/svc1:p80', 'TCP', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'], ['ns1/svc1:p80', 'TCP', '10.180.00.001:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['ns2/svc2:p80', 'TCP', '10.180.0.2:80', 'KUBE-SEP-RS4RBKLTHTF2IUXJ'], ['ns4/svc4:p80', 'TCP', '10.180.0.5:80', 'KUBE-SEP-C6EBXVWJJZMIWKLZ'],
    ['ns5/svc5:p80', 'TCP', '10.180.0.3:80', 'KUBE-SEP-I77PXRDZVX7PMWMN'], ['ns3/svc3:p80', 'TCP', '10.0.3.3:80', 'KUBE-SEP-JVVZVJ7BSEPPRNBS'],
    ['ns1/svc1:p80', 'TCP', '10.0.0.0:80', 'KUBE-SEP-DKGQUZGBKLTPAR56'], ['ns3/svc3:p8081', 'TCP', '203.0.113.4:8081', 'KUBE-SEP-RUVVH7YV3PHQBDOS'],
    ['ns4/svc4:p8082', 'TCP', '10.4.0.1:8082', 'KUBE-SEP-SU5STNODRYEWJAUF'], ['ns1/svc1', 'TCP', '10.0.1.1:80', 'KUBE-SEP-3JOIVZTXZZRGORX4'],
    ['ns1/svc1:p80', 'TCP', '10.180.2.1:80', 'KUBE-SEP-ZX7GRIZKSNUQ3LAJ'],
  ].map(([spn, proto, ep, want]) => ({ name: `${spn} ${ep ?? ''} -> ${want}`, given: [spn!, proto!, ep ?? null], want: want! }));
  for (const { name, given: [spn, proto, ep], want } of table) {
    it(name, () => {
      if (ep === null) {
        const kind = want.split('-')[1]!.toLowerCase() as 'svc' | 'svl' | 'ext' | 'fw';
        expect(serviceChains(spn, proto)[kind]).toBe(want);
      } else {
        const [ip = '', port = ''] = ep.split(':');
        expect(endpointChain(spn, proto, joinHostPort(canonicalIP(ip)!, Number(port)))).toBe(want);
      }
    });
  }
});

describe('IP canonical form (Go net.IP.String)', () => {
  const table = [
    { name: 'leading zeros', given: '192.168.099.022', want: '192.168.99.22' },
    { name: 'v6 compress longest run', given: '2001:0db8:0:0:1:0:0:1', want: '2001:db8::1:0:0:1' },
    { name: 'v6 no single-group compression', given: '2001:db8:0:1:1:1:1:1', want: '2001:db8:0:1:1:1:1:1' },
    { name: 'v6 loopback', given: '::1', want: '::1' },
    { name: 'v4-mapped prints as v4', given: '::ffff:10.0.0.1', want: '10.0.0.1' },
    { name: 'invalid', given: '10.0.0.256', want: null },
  ];
  for (const { name, given, want } of table) it(name, () => expect(canonicalIP(given)).toBe(want));
});
