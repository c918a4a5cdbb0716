// printGet behaviour beyond the goldens: stderr messages and column selection, after
// upstream kubectl/pkg/cmd/get/get.go and cli-runtime's table printer.
import { describe, expect, it } from 'vitest';
import { printGet } from '../../../core/kubectl/get.ts';
import { cellText, renderTable } from '../../../core/kubectl/table.ts';
import { NOW, node, pod } from './builders.ts';

describe('printGet with nothing to print', () => {
  const cases = [
    { name: 'namespaced kind', given: { kind: 'Pod', now: NOW }, want: 'No resources found in default namespace.\n' },
    { name: 'other namespace', given: { kind: 'Service', now: NOW, namespace: 'kube-system' }, want: 'No resources found in kube-system namespace.\n' },
    { name: 'all namespaces', given: { kind: 'Pod', now: NOW, allNamespaces: true }, want: 'No resources found\n' },
    { name: 'cluster-scoped kind', given: { kind: 'Node', now: NOW }, want: 'No resources found\n' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(printGet([], given)).toEqual({ stdout: '', stderr: want }));
});

describe('printGet tables', () => {
  it('sorts by namespace then name in byte order', () => {
    const out = printGet([pod('b'), pod('B'), pod('a', { meta: { namespace: 'aaa' } })], { kind: 'Pod', now: NOW, allNamespaces: true }).stdout;
    expect(out.split('\n').slice(1, 4).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['aaa/a', 'default/B', 'default/b']);
  });
  it('never adds NAMESPACE for cluster-scoped kinds', () => {
    expect(printGet([node('n1', { ready: 'True' })], { kind: 'Node', now: NOW, allNamespaces: true }).stdout.startsWith('NAME ')).toBe(true);
  });
  it('prefixes kind/ when asked', () => {
    expect(printGet([pod('web')], { kind: 'Pod', now: NOW, showKind: true }).stdout.split('\n')[1]!.startsWith('pod/web ')).toBe(true);
  });
  it('falls back to NAME and AGE for other kinds', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'cfg', namespace: 'default', creationTimestamp: '2024-05-01T11:59:00Z' } };
    expect(printGet([role], { kind: 'Role', now: NOW }).stdout).toBe('NAME   AGE\ncfg    60s\n');
  });
});

describe('renderTable', () => {
  it('cuts a cell at its first line break', () => expect(cellText('first\nsecond')).toBe('first...'));
  it('pads narrow columns to the minimum width of 6', () => expect(renderTable([['A', 'B'], ['1', '2']])).toBe('A     B\n1     2\n'));
});
