// kube-proxy iptables conformance: each case is a literal expectation from upstream
// pkg/proxy/iptables/proxier_test.go (see tests/golden/kube-proxy/README.md), compared
// after the same sortIPTablesRules() normalisation the upstream test applies.
import { describe, expect, it } from 'vitest';
import { IptablesProxier } from '../../../core/proxy/iptables/proxier.ts';
import { configOf, objectsOf, readCase, readText } from './cases.ts';
import { chainRules, normalize, ruleJumpProblems } from './normalize.ts';

const trimLead = (s: string) => s.replace(/^[\s\n]+/, '');
const kubeNatChains = (p: IptablesProxier) =>
  p.kernel.chainNames('nat').filter((c) => c.startsWith('KUBE-') && c !== 'KUBE-PROXY-CANARY').sort();

describe('full sync, single step', () => {
  const table = [
    { name: '01-overall', mirrors: 'TestOverallIPTablesRules' },
    { name: '02-bad-ips', mirrors: 'TestBadIPs' },
  ];
  for (const { name, mirrors } of table) {
    it(`${name} (mirrors ${mirrors})`, () => {
      const given = readCase(name);
      const want = readText(name, 'expected.txt');
      const { services, slices } = objectsOf(given.objects);
      const got = new IptablesProxier(configOf(given.proxier)).sync(services, slices);
      expect(got.full).toBe(true);
      expect(got.error).toBeUndefined();
      expect(ruleJumpProblems(want)).toEqual([]);
      expect(ruleJumpProblems(got.restore)).toEqual([]);
      expect(trimLead(normalize(got.restore))).toBe(trimLead(want));
    });
  }
});

describe('TestSyncProxyRulesRepeated: full and partial syncs on one proxier', () => {
  const steps = [
    '03-repeated-1-initial-full-sync', '04-repeated-2-add-service', '05-repeated-3-delete-service',
    '06-repeated-4-service-without-endpoints', '07-repeated-5-endpoints-appear', '08-repeated-6-endpoint-ip-changed',
    '09-repeated-7-second-endpoint', '10-repeated-8-no-change', '11-repeated-9-full-resync-after-failure',
  ];
  steps.forEach((name, idx) => {
    it(`${name} (mirrors TestSyncProxyRulesRepeated step ${idx + 1})`, () => {
      const proxier = new IptablesProxier(configOf(readCase(steps[0]!).proxier));
      let got;
      for (const step of steps.slice(0, idx + 1)) {
        const given = readCase(step);
        const { services, slices } = objectsOf(given.objects);
        if (step === name) expect(kubeNatChains(proxier)).toEqual([...given.sync.existingNatChains].sort());
        got = proxier.sync(services, slices);
        if (step.startsWith('11-')) {
          // Upstream injects a failing restore for this partial sync; the retry is full.
          expect(got.full).toBe(false);
          proxier.restoreFailed();
          got = proxier.sync(services, slices);
        }
        expect(got.error).toBeUndefined();
        expect(got.full).toBe(given.sync.kind === 'full');
        if (!got.full) expect(got.changedServices).toEqual(given.sync.changedServices);
      }
      expect(trimLead(normalize(got!.restore))).toBe(trimLead(readText(name, 'expected.txt')));
    });
  });
});

describe('chain-only expectations (assertIPTablesChainEqual)', () => {
  const table = [
    { name: '12-chain-kube-postrouting', mirrors: 'TestMasqueradeRule' },
    { name: '13-chain-kube-forward', mirrors: 'TestDropInvalidRule' },
    { name: '14-chain-kube-firewall', mirrors: 'TestNodePorts (KUBE-FIREWALL assertion)' },
  ];
  for (const { name, mirrors } of table) {
    const given = readCase(name);
    for (const variant of given.variants) {
      it(`${name} [${variant.name}] (mirrors ${mirrors})`, () => {
        const got = new IptablesProxier(configOf(given.proxier, variant)).sync([], []);
        const want = readText(name, variant.expected);
        expect(chainRules(got.restore, given.compare.table, given.compare.chain)).toBe(want);
      });
    }
  }
});

describe('15-large-cluster-mode (mirrors TestSyncProxyRulesLargeClusterMode)', () => {
  /** countEndpointsAndComments from the upstream test. */
  function count(restore: string, matchIP: string) {
    let numEndpoints = 0, numComments = 0, matchedLine = '';
    for (const line of restore.split('\n')) {
      if (!line.startsWith('-A KUBE-SEP-') || !line.includes('-j DNAT')) continue;
      numEndpoints++;
      if (line.includes('--comment')) numComments++;
      if (line.includes(matchIP)) matchedLine = line;
    }
    return { matchIP, matchedLine, numEndpoints, numComments };
  }
  it('three syncs: below threshold, partial above it, forced full', () => {
    const given = readCase('15-large-cluster-mode');
    const proxier = new IptablesProxier(configOf(given.proxier));
    for (const step of given.steps) {
      const { services, slices } = objectsOf(step.objects);
      const got = proxier.sync(services, slices, { full: step.sync.kind === 'full' });
      expect(got.full, step.name).toBe(step.sync.kind === 'full');
      if (!got.full) expect(got.changedServices).toEqual(step.sync.changedServices);
      expect(count(got.restore, step.expect.matchIP), step.name).toEqual(step.expect);
    }
  });
});
