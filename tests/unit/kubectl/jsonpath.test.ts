// -o jsonpath, -o custom-columns and --sort-by, after client-go's jsonpath (jsonpath_test.go
// cases), cli-runtime's CustomColumnsPrinter and kubectl's RuntimeSorter (sorter_test.go).
import { describe, expect, it } from 'vitest';
import { execute, parseTemplate, relaxedPath } from '../../../core/kubectl/jsonpath.ts';
import { goValue, parseCustomColumns, printCustomColumns } from '../../../core/kubectl/columns.ts';
import { naturalLess, sortObjects } from '../../../core/kubectl/sort.ts';
import { pod } from './builders.ts';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } }, status: { podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }] }, spec: { containers: [{ image: 'nginx' }, { image: 'envoy' }] } },
    { metadata: { name: 'b' }, status: { conditions: [{ type: 'Ready', status: 'False' }] }, spec: { containers: [{ image: 'redis' }], replicas: 3 } },
  ],
};

describe('jsonpath templates', () => {
  const cases = [
    { name: 'wildcard joins with spaces', given: '{.items[*].metadata.name}', want: 'a b' },
    { name: 'range with quoted newline', given: '{range .items[*]}{.metadata.name}{"\\n"}{end}', want: 'a\nb\n' },
    { name: 'range with tab and missing field', given: '{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', want: 'a\t10.0.0.1\nb\t\n' },
    { name: 'plain text outside braces', given: 'names: {.items[*].metadata.name}', want: 'names: a b' },
    { name: 'index and negative index', given: '{.items[0].metadata.name} {.items[-1].metadata.name}', want: 'a b' },
    { name: 'slice', given: '{.items[0:1].metadata.name}', want: 'a' },
    { name: 'filter', given: '{.items[*].status.conditions[?(@.type=="Ready")].status}', want: 'True False' },
    { name: 'filter on a number', given: '{.items[?(@.spec.replicas>2)].metadata.name}', want: 'b' },
    { name: 'recursive descent', given: '{..image}', want: 'nginx envoy redis' },
    { name: 'escaped dots in a key', given: '{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', want: 'web' },
    { name: 'bracketed key', given: "{.items[0].metadata.labels['app.kubernetes.io/name']}", want: 'web' },
    { name: 'maps and lists print as compact JSON', given: '{.items[1].spec}', want: '{"containers":[{"image":"redis"}],"replicas":3}' },
    { name: 'missing keys print nothing', given: '{.items[*].nope}', want: '' },
    { name: 'root $', given: '{$.kind}', want: 'List' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(execute(parseTemplate(given), list)).toBe(want));

  const errors = [
    { name: 'unclosed action', given: '{.items[*]' },
    { name: 'end without range', given: '{end}' },
    { name: 'range without end', given: '{range .items[*]}{.a}' },
  ];
  it.each(errors)('$name is an error', ({ given }) => expect(() => parseTemplate(given)).toThrow());
});

describe('relaxed paths (RelaxedJSONPathExpression)', () => {
  const cases = [
    { name: 'dotted', given: '.metadata.name', want: '{.metadata.name}' },
    { name: 'bare', given: 'metadata.name', want: '{.metadata.name}' },
    { name: 'braced', given: '{metadata.name}', want: '{.metadata.name}' },
    { name: 'braced dotted', given: '{.metadata.name}', want: '{.metadata.name}' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(relaxedPath(given)).toBe(want));
  it('rejects nested braces', () => expect(relaxedPath('{.a}{.b}')).toBeInstanceOf(Error));
});

describe('custom columns', () => {
  it('headers as written, <none> for no match, several matches joined by commas', () => {
    const cols = parseCustomColumns('NAME:.metadata.name,IP:.status.podIP,images:.spec.containers[*].image');
    if (cols instanceof Error) throw cols;
    const pods = [pod('web', { status: { podIP: '10.244.1.5' } }), pod('pending', { containers: ['a', 'b'], status: { phase: 'Pending' } })];
    expect(printCustomColumns(pods, cols, false)).toBe(
      'NAME      IP           images\nweb       10.244.1.5   nginx:1.27\npending   <none>       nginx:1.27,nginx:1.27\n',
    );
    expect(printCustomColumns(pods, cols, true).startsWith('web ')).toBe(true);
  });
  const bad = [
    { name: 'empty spec', given: '', want: 'custom-columns format specified but no custom columns given' },
    { name: 'no colon', given: 'NAME', want: 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>' },
  ];
  it.each(bad)('$name', ({ given, want }) => expect((parseCustomColumns(given) as Error).message).toBe(want));
  const values = [
    { name: 'map', given: { b: 1, a: 'x' }, want: 'map[a:x b:1]' },
    { name: 'list', given: ['a', 2], want: '[a 2]' },
    { name: 'null', given: null, want: '<nil>' },
  ];
  it.each(values)('%v of a $name', ({ given, want }) => expect(goValue(given)).toBe(want));
});

describe('--sort-by', () => {
  const cases = [
    { name: 'digits compare as numbers', given: ['pod9', 'pod10'], want: true },
    { name: 'and not the other way', given: ['pod10', 'pod9'], want: false },
    { name: 'digits before letters', given: ['1a', 'a'], want: true },
    { name: 'fewer leading zeros first', given: ['a01', 'a001'], want: true },
    { name: 'prefix first', given: ['web', 'web-1'], want: true },
    { name: 'plain bytes', given: ['B', 'a'], want: true },
  ];
  it.each(cases)('naturalLess: $name', ({ given: [a, b], want }) => expect(naturalLess(a!, b!)).toBe(want));

  const names = (objs: unknown) => (objs as { metadata: { name: string } }[]).map((o) => o.metadata.name);
  it('numbers by value', () => {
    const pods = [pod('a', { spec: { priority: 100 } }), pod('b', { spec: { priority: 20 } }), pod('c', { spec: { priority: 3 } })];
    expect(names(sortObjects(pods, '.spec.priority'))).toEqual(['c', 'b', 'a']);
  });
  it('strings in natural order, missing fields first', () => {
    const pods = [pod('a', { status: { podIP: '10.0.0.10' } }), pod('b'), pod('c', { status: { podIP: '10.0.0.9' } })];
    expect(names(sortObjects(pods, '.status.podIP'))).toEqual(['b', 'c', 'a']);
  });
  it('timestamps by time', () => {
    const pods = [pod('old', { age: 3600 }), pod('new', { age: 5 }), pod('mid', { age: 60 })];
    expect(names(sortObjects(pods, '{.metadata.creationTimestamp}'))).toEqual(['old', 'mid', 'new']);
  });
  it('quantities by value where typed objects hold resource.Quantity', () => {
    const req = (name: string, cpu: string) => pod(name, { spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }] } });
    const pods = [req('one', '1'), req('tenth', '100m'), req('half', '0.5')];
    expect(names(sortObjects(pods, '.spec.containers[0].resources.requests.cpu'))).toEqual(['tenth', 'half', 'one']);
  });
  it('a field no object has is an error', () => {
    expect((sortObjects([pod('a')], '.spec.nope') as Error).message).toBe('couldn\'t find any field with path "{.spec.nope}" in the list of objects');
  });
});
