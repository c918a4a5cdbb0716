// Manifest reading: objects keep their file/line/column; YAML errors point at the text.
import { describe, expect, it } from 'vitest';
import { parseManifestFile, positionOf } from '../../../core/manifest/parse.ts';
import { readWorkspace } from '../../../core/manifest/workspace.ts';

const two = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec:
  ports:
  - port: 80
`;

describe('parseManifestFile positions', () => {
  const r = parseManifestFile('w.yaml', two);
  const cases = [
    { name: 'first document start', obj: 0, path: '', want: { line: 1, col: 1 } },
    { name: 'container image key', obj: 0, path: 'spec.containers[0].image', want: { line: 8, col: 5 } },
    { name: 'second document kind', obj: 1, path: 'kind', want: { line: 11, col: 1 } },
    { name: 'port in a sequence', obj: 1, path: 'spec.ports[0].port', want: { line: 16, col: 5 } },
    { name: 'unknown path falls back to nearest parent', obj: 1, path: 'spec.ports[0].nodePort', want: { line: 16, col: 5 } },
  ];
  it.each(cases)('$name', ({ obj, path, want }) => {
    expect(r.errors).toEqual([]);
    expect(positionOf(r.objects[obj]!, path)).toEqual(want);
  });
});

describe('parseManifestFile errors', () => {
  const cases = [
    { name: 'bad indentation', given: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: 1\n', want: { line: 5 } },
    { name: 'unterminated flow map', given: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n', want: { line: 4 } },
    { name: 'duplicate key', given: 'apiVersion: v1\nkind: Pod\nkind: Service\n', want: { line: 3 } },
    { name: 'tab indentation', given: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', want: { line: 4 } },
    { name: 'a scalar document', given: 'just text\n', want: { line: 1, message: /expected a Kubernetes object/ } },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const r = parseManifestFile('bad.yaml', given);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]!.line).toBe(want.line);
    expect(r.errors[0]!.file).toBe('bad.yaml');
    if ('message' in want) expect(r.errors[0]!.message).toMatch(want.message as RegExp);
  });

  it('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const r = parseManifestFile('bomb.yaml', bomb.join('\n') + '\n');
    expect(r.errors.some((e) => e.severity === 'error')).toBe(true);
  });

  it('a List is read item by item', () => {
    const r = parseManifestFile('l.yaml', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n');
    expect(r.objects.map((o) => o.object.kind)).toEqual(['ConfigMap']);
    expect(r.objects[0]!.start.line).toBe(4);
  });
});

describe('readWorkspace', () => {
  it('applies in path order, separates config kinds and finds static pods', () => {
    const ws = readWorkspace([
      { path: 'b.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n' },
      { path: 'a.yaml', content: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n' },
      { path: 'nodes/worker-1/etc/kubernetes/manifests/web.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: c, image: nginx}]}\n' },
      { path: 'README.md', content: '# not a manifest' },
    ]);
    expect(ws.configs.map((c) => c.kind)).toEqual(['KubeProxyConfiguration']);
    expect(ws.objects.map((o) => [o.parsed.file, o.staticNode])).toEqual([['b.yaml', undefined], ['nodes/worker-1/etc/kubernetes/manifests/web.yaml', 'worker-1']]);
  });

  it('a missing kind is an error at the document', () => {
    const ws = readWorkspace([{ path: 'x.yaml', content: '---\napiVersion: v1\nmetadata: {name: x}\n' }]);
    expect(ws.errors).toEqual([{ file: 'x.yaml', line: 2, col: 1, severity: 'error', message: 'kind not set' }]);
  });
});
